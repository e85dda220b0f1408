// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

#include "core/common/Result.h"
#include "core/common/TenantScope.h"
#include "core/runs/AsyncJob.h"
#include "core/runs/Job.h"
#include "core/runs/RunTypes.h"

#include <QJsonObject>
#include <QString>

#include <atomic>
#include <functional>
#include <memory>
#include <optional>

class QSqlDatabase;

namespace pv {

class Database;

/// Executes one queued run on the calling (worker) thread: claims it (queued → running),
/// plans, skips what the resumed chain already finished, runs the items in plan order and
/// writes each item's row with the progress in its own short transaction, then the final
/// status and its notification. Exceptions from the job stop at this boundary: one thrown by an
/// item becomes that item's failed row (the run goes on with the next item).
/// An AsyncJob runs on this thread's event loop instead (AsyncItemDriver): many items in flight,
/// rows committed in plan order, one transaction per event-loop turn. Both kinds get the finish
/// hook in the transaction that writes the end.
class RunExecutor final
{
public:
    struct Work
    {
        std::shared_ptr<Database> database;
        TenantScope scope;
        qint64 runId = 0;
        qint64 parentRunId = 0;     ///< resume: only items not finished in this chain run
        QJsonObject parameters;
        QString kindDisplayName;
        bool writesTenant = false;  ///< refused when the tenant became read-only since the start
        std::function<std::unique_ptr<Job>()> createJob;            ///< one of these two
        std::function<std::unique_ptr<AsyncJob>()> createAsyncJob;
        std::shared_ptr<const JobServices> services;                ///< may be null
    };

    struct Callbacks
    {
        std::function<void()> changed;  ///< status or progress changed (called often; keep it cheap)
        std::function<void(RunStatus status, qint64 notificationId)> finished;
        std::function<void(const RunItemRecord& item)> itemCommitted;
    };

    RunExecutor(Work work, Callbacks callbacks);

    void run(const std::atomic_bool& cancelRequested);

private:
    struct PlannedItem
    {
        int ordinal = 0;    ///< position in the full plan, stable across resumes
        JobItem item;
    };
    using FinishHook = std::function<Status(const JobContext&, const RunEnd&, QSqlDatabase&)>;

    Result<bool> claim(bool* tenantReadOnly);
    /// Plans, drops what the resumed chain finished; false when it ended the run.
    bool plan(const std::function<Result<QList<JobItem>>()>& planJob, QList<PlannedItem>* todo);
    void runSync(Job& job, const QList<PlannedItem>& todo, const std::atomic_bool& cancelRequested);
    void runAsync(AsyncJob& job, const QList<PlannedItem>& todo, const std::atomic_bool& cancelRequested);
    /// One transaction for the rows and the progress, then the callbacks.
    Status commit(const QList<RunItemRecord>& records);
    RunItemRecord record(const PlannedItem& planned, const ItemResult& result, qint64 durationMs) const;
    ItemResult executeItem(Job& job, const JobContext& context, const JobItem& item);
    void endByOutcome(bool cancelled, bool allReported);
    void end(RunStatus status, const QString& errorSummary);
    Status writeEnd(RunStatus status, const QString& errorSummary, bool* ended, qint64* notificationId,
                    std::optional<Error>* hookError);

    Work m_work;
    Callbacks m_callbacks;
    JobContext m_context;
    FinishHook m_finishHook;    ///< set once the job has planned
    int m_executed = 0;
    int m_failed = 0;
    int m_unresolved = 0;   ///< conflict, cannot_restore, uncertain: not failures, not successes
};

} // namespace pv
