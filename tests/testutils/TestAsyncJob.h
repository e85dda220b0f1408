// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

#include "core/runs/AsyncJob.h"

#include <QHash>

#include <atomic>
#include <memory>

class QTimer;

namespace pv {
class RunService;
}

namespace pv::test {

/// An asynchronous job for tests and benchmarks: items complete from QTimers on the worker
/// thread's event loop. Parameters:
///  - items (int, default 3): keys "item-1" … "item-<n>" (like TestJob)
///  - inFlight (int, default 1): items started at once; the next starts when one completes
///  - latencyMs (int): time each item takes; latencySpread (int) adds (i * 7) % spread ms so
///    items complete out of plan order
///  - batch (int): items complete in groups of this size from one timer (a `$batch` answer)
///  - failEvery (int): item i fails when i % failEvery == 0
///  - holdFrom (int): items i >= holdFrom do not complete while stats().holding is true
///    (a cancel ends them; releasing the hold lets them complete)
///  - dropEvery (int): item i is never reported when i % dropEvery == 0 (the job finishes anyway)
///  - failJobAfter (int): after that many completions the job calls failed()
///  - throwInStart (bool): start() throws
///  - finishHook (bool): finish() records a row in the table `test_finish_marks`
///    (run_id, status, status_in_tx, executed, failed); finishHookError (bool): it fails instead
class TestAsyncJob final : public AsyncJob
{
public:
    /// Counters over every TestAsyncJob of the process (reset between tests).
    struct Stats
    {
        std::atomic_int maxInFlight{0};
        std::atomic_int started{0};
        std::atomic_int cancelCalls{0};
        std::atomic_int reportsAfterCancel{0};
        std::atomic_int inFlightAtCancel{0};
        std::atomic_int finishCalls{0};
        std::atomic_int outOfOrder{0};      ///< completions of an item before an earlier one
        std::atomic_bool holding{true};
    };
    static Stats& stats();
    static void resetStats();

    TestAsyncJob();
    ~TestAsyncJob() override;

    Result<QList<JobItem>> plan(const JobContext& context) override;
    void start(const JobContext& context, const QList<JobItem>& items, ItemSink& sink) override;
    void cancel() override;
    Status finish(const JobContext& context, const RunEnd& end, QSqlDatabase& db) override;

private:
    void startMore();
    void complete(const QList<int>& indexes);
    ItemResult resultFor(int index) const;

    QJsonObject m_parameters;
    const QList<JobItem>* m_items = nullptr;
    ItemSink* m_sink = nullptr;
    int m_next = 0;
    int m_inFlight = 0;
    int m_completed = 0;
    int m_highestCompleted = -1;
    bool m_cancelled = false;
    bool m_done = false;
    QHash<QTimer*, QList<int>> m_timers;
};

/// Kind "test_async" (writesToTenant = false).
inline constexpr char TestAsyncKind[] = "test_async";

/// Registers "test_async" with the service.
void registerTestAsyncJobKind(RunService& service);

} // namespace pv::test
