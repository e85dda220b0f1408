// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

#include "core/common/TenantScope.h"
#include "core/restore/RestorePlan.h"
#include "core/restore/SuppliedSecrets.h"
#include "core/restore/WriteBody.h"
#include "core/restore/WriteJournal.h"
#include "core/runs/AsyncJob.h"

#include <QHash>
#include <QJsonObject>
#include <QNetworkAccessManager>

#include <functional>
#include <memory>
#include <optional>

namespace pv {
class Database;
class SnapshotRepository;
namespace graph {
class GraphWriteClient;
class ReadOnlyGraphClient;
} // namespace graph
} // namespace pv

namespace pv::restore {

class Reconciler;

/// Test seams of the live restore; production code leaves them empty.
struct RestoreHooks
{
    /// Called on the worker thread after a write was journaled and right before it is sent
    /// (tests kill the process there, or change the tenant).
    std::function<void(const QString& itemKey, const QString& step)> beforeSend;
    /// Called when Graph's answer (or the failure) to a write arrived, before it is journaled
    /// (a process killed there leaves an applied write journaled as `sending`).
    std::function<void(const QString& itemKey, const QString& step)> answered;
    /// Called after a write's answer was journaled.
    std::function<void(const QString& itemKey, const QString& step)> afterWrite;
};

/// Kind "restore": executes the plan a restore preview stored (restoreRequest). See
/// core/restore/README.md, "Live restore", for the whole story; in short:
///
/// plan(): claims the plan for the root run of this run's resume chain (a second execution of
/// a plan fails, naming the run that executed it), audits the start, and lists the plan's
/// items in plan order under the plan's item keys. start(): captures every object it will
/// overwrite into a `pre_restore` snapshot, then restores tier by tier (scope tags, filters,
/// policies; a few items in flight within a tier). Per item: the journal says which steps are
/// done (a multi-step restore resumes at the missing step, on the same object) and reconciles
/// any write left uncertain; the live object is re-read and its fingerprint compared with the
/// plan's (different → conflict, nothing written); the write is journaled and audited before
/// it is sent and completed after; an unknown outcome is reconciled, never blindly repeated;
/// the object is read back and compared with what was meant (a difference fails the item).
/// Never deletes. The finish hook audits the end and removes supplied secrets once no item
/// needs them again.
class RestoreJob final : public AsyncJob
{
public:
    explicit RestoreJob(RestoreHooks hooks = {});
    ~RestoreJob() override;

    Result<QList<JobItem>> plan(const JobContext& context) override;
    void start(const JobContext& context, const QList<JobItem>& items, ItemSink& sink) override;
    void cancel() override;
    Status finish(const JobContext& context, const RunEnd& end, QSqlDatabase& db) override;

    /// Items in flight at once within a tier.
    static constexpr int Parallel = 4;

private:
    struct Task;
    using TaskPtr = std::shared_ptr<Task>;

    Status openSession(const JobContext& context);
    void captureBeforeWriting();
    void startTier();
    void startMore();
    void runTask(const TaskPtr& t);
    void nextStep(const TaskPtr& t);
    void reconcile(const TaskPtr& t, const JournalEntry& entry, bool resendIfNotApplied);
    void prepareWrite(const TaskPtr& t);
    void send(const TaskPtr& t, const WriteBody& body);
    void stepApplied(const TaskPtr& t, const QString& createdId);
    void verify(const TaskPtr& t);
    void report(const TaskPtr& t, ItemOutcome outcome, const QString& message, const QString& requestId = {});
    void done();
    QString stepPath(const TaskPtr& t) const;
    QString stepMethod(const TaskPtr& t) const;

    RestoreHooks m_hooks;
    const JobContext* m_context = nullptr;
    std::optional<TenantScope> m_scope;
    std::shared_ptr<Database> m_database;
    std::unique_ptr<QNetworkAccessManager> m_network;
    std::unique_ptr<graph::ReadOnlyGraphClient> m_read;
    std::unique_ptr<graph::GraphWriteClient> m_write;
    std::unique_ptr<Reconciler> m_reconciler;
    std::unique_ptr<WriteJournal> m_journal;
    std::unique_ptr<SnapshotRepository> m_snapshots;
    QString m_actor;
    QString m_tenantUuid;

    qint64 m_planRunId = 0;
    qint64 m_rootRunId = 0;
    RestorePlan m_plan;
    bool m_assignments = false;
    QHash<QString, PlanItem> m_planItems;           ///< item key → plan item
    SuppliedSecrets::Values m_supplied;
    QHash<QString, JournalEntry> m_latest;          ///< WriteJournal::latestPerStep
    IdMap m_ids;                                    ///< recreated scope tags / filters: old → new id

    // start() onwards
    const QList<JobItem>* m_items = nullptr;
    ItemSink* m_sink = nullptr;
    QList<QList<int>> m_tiers;                      ///< item indexes per tier, in plan order
    int m_tier = -1;
    int m_next = 0;
    int m_inFlight = 0;
    int m_outstanding = 0;
    int m_redoable = 0;                             ///< items a resume would redo (failed, uncertain)
    QSet<int> m_blocked;                            ///< items whose object could not be captured first
    bool m_cancelled = false;
    bool m_finished = false;
};

} // namespace pv::restore
