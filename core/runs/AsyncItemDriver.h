// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

#include "core/runs/AsyncJob.h"

#include <QList>

#include <chrono>
#include <functional>
#include <optional>
#include <utility>

class QObject;

namespace pv {

/// RunExecutor's half for an AsyncJob: starts it, runs a QEventLoop on the worker thread until
/// the job is done, and hands completions to `commit` in plan order, one call per event-loop
/// turn (see AsyncJob for the ordering contract). Watches the run's cancel flag and tells the
/// job once. Not for the GUI thread.
class AsyncItemDriver final : public ItemSink
{
public:
    /// Commits completions (index into the started items, result) in one transaction.
    using Commit = std::function<Status(const QList<std::pair<int, ItemResult>>& completions)>;

    struct Outcome
    {
        std::optional<Error> jobError;      ///< failed(), or start() threw
        std::optional<Error> storeError;    ///< a commit failed; the job was cancelled
        bool cancelled = false;             ///< the run's cancel flag was seen
        bool timedOut = false;              ///< the job did not finish within cancelGrace of cancel()
    };

    AsyncItemDriver(AsyncJob& job, const JobContext& context, const QList<JobItem>& items, Commit commit);

    /// Polling interval of the cross-thread cancel flag, and how long a cancelled job may take to finish.
    std::chrono::milliseconds cancelPoll{20};
    std::chrono::milliseconds cancelGrace{std::chrono::seconds(30)};

    Outcome run();

    void completed(int index, ItemResult result) override;
    void finished() override;
    void failed(Error error) override;

private:
    void scheduleFlush();
    void flush(bool all);
    void stop();
    void cancelJob();

    AsyncJob& m_job;
    const JobContext& m_context;
    const QList<JobItem>& m_items;
    Commit m_commit;
    QList<std::optional<ItemResult>> m_results;   ///< reported, not committed yet
    int m_nextToCommit = 0;                       ///< every index before it is committed
    bool m_flushScheduled = false;
    bool m_done = false;
    bool m_jobCancelled = false;
    Outcome m_outcome;
    std::function<void()> m_quit;                 ///< set while the event loop runs
    QObject* m_guard = nullptr;             ///< context object of queued flushes
};

} // namespace pv
