// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

#include "core/common/Result.h"
#include "core/runs/Job.h"
#include "core/runs/RunTypes.h"
#include "core/common/TenantScope.h"

#include <QList>
#include <QObject>

#include <chrono>
#include <functional>
#include <memory>

namespace pv {

class Database;

/// Starts, follows, cancels and resumes runs, and keeps their notifications.
///
/// start() returns at once: it reuses an equal queued/running run (the database's partial
/// unique index decides, across threads and processes) or inserts a queued one and hands it
/// to the private run queue. Every call that names a run or notification of another tenant
/// returns AccessDenied; an unknown id returns NotFound.
///
/// Signals are emitted on the thread that owns the service (the GUI thread in the app), never
/// from a worker; runChanged is coalesced to at most 10 per run per second.
///
/// Threads: every method may be called from any thread (each thread uses its own database
/// connection); the signals still arrive on the service's thread, through its event loop.
/// Jobs run on the service's private QThreadPool (Options::maxConcurrentRuns threads). The
/// destructor cancels the runs it executes and waits for its workers.
class RunService final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RunService)

public:
    struct Options
    {
        int maxConcurrentRuns = 2;
        std::chrono::milliseconds eventInterval{100};   ///< coalescing window for runChanged
        /// How often the supervisor thread looks for cancel requests written by other
        /// processes for the runs executing here (a cancel is honoured within about this long).
        std::chrono::milliseconds cancelPollInterval{500};
        /// How often the supervisor recovers dead owners' runs and runs this process no longer
        /// executes (0: only at recoverInterrupted() and when a start meets one).
        std::chrono::milliseconds recoveryInterval{std::chrono::seconds(2)};
        /// Called on the worker thread right after an item's row has been committed. For tools
        /// and tests (pv_run_helper prints the item); keep it cheap, never touch widgets.
        std::function<void(const RunItemRecord& item)> itemCommittedHook;
        /// What every job finds in JobContext::services (the composition root fills it).
        std::shared_ptr<const JobServices> jobServices;
    };

    RunService(std::shared_ptr<Database> database, Options options, QObject* parent = nullptr);
    explicit RunService(std::shared_ptr<Database> database, QObject* parent = nullptr);
    ~RunService() override;

    /// Kinds must be registered before runs of that kind are started.
    void registerKind(JobKind kind);
    /// True when runs of `kind` can be started and resumed here (a UI disables Resume otherwise).
    bool hasKind(const QString& kind) const;
    QString kindDisplayName(const QString& kind) const;

    /// Marks runs whose owning process is dead as interrupted (notification for each; their
    /// finished items stay), and runs owned by this process that its queue no longer holds
    /// (a failed claim or end write left them behind). Runs of another live process are never
    /// touched. Called at start-up and by the supervisor; returns how many were found and
    /// emits runsRecovered once for them.
    int recoverInterrupted();

    /// Returns at once. Reuses an equal (tenant + kind + target) queued/running run with the
    /// same parameters, after interrupting one whose owner died; else inserts a queued run.
    /// InvalidArgument for an unregistered kind; AccessDenied for a write kind on a tenant
    /// that is read-only (checked in the start's transaction, not on the scope's copy);
    /// Conflict when an equal active run has other parameters, or when the kind writes to
    /// the tenant and another writing run of the tenant is active (in any process).
    Result<RunRef> start(const TenantScope& scope, const RunRequest& request);
    /// Creates the one child run of an interrupted, failed, partially succeeded or cancelled
    /// run (Conflict otherwise); it redoes only items without a non-failed outcome in the
    /// chain. A second resume returns the same child with reused = true.
    Result<RunRef> resume(const TenantScope& scope, qint64 runId);
    /// A queued run is cancelled at once; a running run of this process stops cooperatively
    /// between items (an AsyncJob is told to stop its in-flight items, which the resume redoes); a running run of another live process gets a cancel request on its row,
    /// which that process honours between items (within its cancelPollInterval); an ended run
    /// is Conflict; a dead owner's run becomes interrupted.
    Status cancel(const TenantScope& scope, qint64 runId);

    Result<RunRecord> run(const TenantScope& scope, qint64 runId) const;
    Result<QList<RunRecord>> runs(const TenantScope& scope, const RunFilter& filter = {}) const;
    /// The run's items in ordinal order, only those after `afterOrdinal` (-1: all): a live view asks
    /// for what it does not hold yet, so following a big run costs only the new rows.
    Result<QList<RunItemRecord>> items(const TenantScope& scope, qint64 runId, int afterOrdinal = -1) const;

    Result<QList<NotificationRecord>> notifications(const TenantScope& scope, bool unreadOnly = false) const;
    Result<NotificationRecord> notification(const TenantScope& scope, qint64 notificationId) const;
    Result<int> unreadNotificationCount(const TenantScope& scope) const;
    Status markNotificationRead(const TenantScope& scope, qint64 notificationId);
    Status markAllNotificationsRead(const TenantScope& scope);

    /// Runs this process is executing right now (queued or running here).
    int activeRunCount() const;

    /// Blocks until this process has no queued or running run, or the timeout passes.
    /// For the CLI and tests only — never call it on the GUI thread. It needs no event loop
    /// (the workers never wait for the service's thread), but the signals of the runs that
    /// ended meanwhile are only delivered once the calling thread returns to its event loop,
    /// if it is the service's thread. Returns false on timeout.
    bool waitForIdle(std::chrono::milliseconds timeout);

signals:
    void runChanged(qint64 tenantId, qint64 runId);       ///< status or progress changed (coalesced)
    /// Exactly once per end of a run this service executed or cancelled.
    void runFinished(qint64 tenantId, qint64 runId, pv::RunStatus status);
    /// Once per recovery pass that found runs of dead owners (start-up, supervisor, a start
    /// that met one): each has its notification row; a UI shows one summary for the batch.
    void runsRecovered(const QList<pv::RecoveredRun>& runs);
    void notificationAdded(qint64 tenantId, qint64 notificationId);
    void activeRunCountChanged(int count);

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace pv
