// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "core/restore/RestoreJob.h"

#include "core/capture/ItemRecorder.h"
#include "core/capture/ObjectReader.h"
#include "core/graph/GraphWriteClient.h"
#include "core/graph/ReadOnlyGraphClient.h"
#include "core/logging/Logging.h"
#include "core/restore/LiveFingerprint.h"
#include "core/restore/LiveRead.h"
#include "core/restore/Reconciler.h"
#include "core/restore/RestorePlanRepository.h"
#include "core/restore/RestoreRequests.h"
#include "core/runs/AccessGate.h"
#include "core/runs/JobServices.h"
#include "core/runs/RunRepository.h"
#include "core/store/AuditLog.h"
#include "core/store/Database.h"
#include "core/store/SnapshotRepository.h"
#include "core/store/TenantRepository.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QPointer>
#include <QSet>

namespace pv::restore {

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("pv::restore::RestoreJob", text);
}

/// Graph answered, or not, in a way that leaves the write's outcome unknown: it may have been
/// applied (GRAPH_NOTES §4.4/§4.5): no complete answer, or a server error after sending.
bool isUncertain(const Error& error)
{
    if (error.code == ErrorCode::Network)
        return true;
    return error.httpStatus == 500 || error.httpStatus == 502 || error.httpStatus == 503 || error.httpStatus == 504;
}

} // namespace

struct RestoreJob::Task
{
    int index = 0;
    PlanItem plan;
    QJsonObject captured;       ///< the version content to restore
    QString objectId;           ///< the live object written to (liveGraphId, or the created id)
    QStringList steps;          ///< WriteStep names, in order
    int step = 0;
    bool ownedObject = false;   ///< a write of this plan already applied to it: no fingerprint check
    QJsonObject live;           ///< the re-read right before the write
    int resends = 0;            ///< sends after a reconciled not_applied in this run
    qint64 journalId = 0;
    QDateTime sentAt;
    QString lastRequestId;
    bool reported = false;
};

RestoreJob::RestoreJob(RestoreHooks hooks) : m_hooks(std::move(hooks)) {}

RestoreJob::~RestoreJob()
{
    m_reconciler.reset();
    m_read.reset();
    m_write.reset();
    m_network.reset();
}

Status RestoreJob::openSession(const JobContext& context)
{
    const JobServices* services = context.services;
    if (!services || !services->database || !services->graphClient || !services->graphWriteClient)
        return fail(ErrorCode::Internal, QStringLiteral("this process was started without Graph write services"));
    auto scope = AccessGate(services->database).enter(context.tenantId);
    if (!scope)
        return scope.failure();
    m_scope = *scope;
    m_database = services->database;
    m_network = std::make_unique<QNetworkAccessManager>();
    auto read = services->graphClient(context.tenantId, m_network.get());
    if (!read)
        return read.failure();
    m_read = std::move(*read);
    auto write = services->graphWriteClient(context.tenantId, m_network.get());
    if (!write)
        return write.failure();
    m_write = std::move(*write);
    m_reconciler = std::make_unique<Reconciler>(*m_read);
    m_journal = std::make_unique<WriteJournal>(m_database);
    m_snapshots = std::make_unique<SnapshotRepository>(m_database);
    auto tenant = TenantRepository(m_database).byId(context.tenantId);
    if (!tenant)
        return tenant.failure();
    m_tenantUuid = tenant->uuid;
    return {};
}

Result<QList<JobItem>> RestoreJob::plan(const JobContext& context)
{
    auto planRunId = restorePlanRunId(context.parameters);
    if (!planRunId)
        return planRunId.failure();
    m_planRunId = *planRunId;
    if (Status s = openSession(context); !s)
        return s.failure();

    // The root of the resume chain executes the plan: a resume is the same execution.
    RunRepository runs(m_database->connection());
    auto self = runs.get(*m_scope, context.runId);
    if (!self)
        return self.failure();
    m_rootRunId = context.runId;
    for (qint64 parent = self->parentRunId; parent > 0;) {
        auto run = runs.get(*m_scope, parent);
        if (!run)
            return run.failure();
        m_rootRunId = run->id;
        parent = run->parentRunId;
    }
    m_actor = AuditLog::localActor();
    const QString initiator = self->initiator;

    RestorePlanRepository plans(m_database->connection());
    auto header = plans.plan(*m_scope, m_planRunId);
    if (!header)
        return header.failure();
    m_plan = *header;
    auto planItems = plans.items(*m_scope, m_planRunId);
    if (!planItems)
        return planItems.failure();
    m_assignments = m_plan.options.value(QStringLiteral("assignments")).toBool();

    const Status claimed = m_database->writeTransaction([&](QSqlDatabase& db) -> Status {
        if (Status s = RestorePlanRepository(db).claimExecution(*m_scope, m_planRunId, m_rootRunId); !s) {
            if (s.error().code == ErrorCode::Conflict)
                return fail(ErrorCode::Conflict,
                            tr("This plan was already executed (%1). Each plan executes once: resume that run, or "
                               "preview again for a new plan.").arg(s.error().message));
            return s;
        }
        int writes = 0;
        for (const PlanItem& item : std::as_const(*planItems))
            writes += restore::writes(item.action) ? 1 : 0;
        return AuditLog::appendIn(db, m_scope->tenantId(), m_actor,
                                  m_rootRunId == context.runId ? QStringLiteral("restore.run.start")
                                                               : QStringLiteral("restore.run.resume"),
                                  QStringLiteral("run %1 plan %2").arg(context.runId).arg(m_planRunId),
                                  QStringLiteral("initiator %1; %2 items, %3 to write; assignments %4; chain root %5")
                                      .arg(initiator)
                                      .arg(planItems->size())
                                      .arg(writes)
                                      .arg(m_assignments ? QStringLiteral("yes") : QStringLiteral("no"))
                                      .arg(m_rootRunId));
    });
    if (!claimed)
        return claimed.failure();

    const QString secretsKey = m_plan.options.value(QStringLiteral("secretsKey")).toString();
    if (!secretsKey.isEmpty() && context.services->secrets) {
        auto values = SuppliedSecrets::load(*context.services->secrets, m_tenantUuid, secretsKey);
        if (values)
            m_supplied = *values;
        else if (values.error().code != ErrorCode::NotFound)
            return values.failure();
    }
    auto latest = m_journal->latestPerStep(*m_scope, m_planRunId);
    if (!latest)
        return latest.failure();
    m_latest = *latest;
    // Scope tags and filters this plan recreated before (an earlier run of the chain).
    QList<JobItem> items;
    for (const PlanItem& item : std::as_const(*planItems)) {
        m_planItems.insert(item.itemKey, item);
        const JournalEntry created = m_latest.value(WriteJournal::stepKey(item.itemKey, QLatin1String(WriteStep::Create)));
        if (created.state == WriteState::Applied && !created.createdId.isEmpty() && item.tier != Tier::Policies)
            m_ids.insert(item.graphId, created.createdId);
        items.append(JobItem{item.itemKey, item.name});
    }
    return items;
}

void RestoreJob::start(const JobContext& context, const QList<JobItem>& items, ItemSink& sink)
{
    m_context = &context;
    m_items = &items;
    m_sink = &sink;
    m_outstanding = static_cast<int>(items.size());
    QMap<int, QList<int>> byTier;
    for (int i = 0; i < items.size(); ++i)
        byTier[static_cast<int>(m_planItems.value(items.at(i).key).tier)].append(i);
    m_tiers = byTier.values();
    if (m_outstanding == 0)
        return done();
    captureBeforeWriting();
}

void RestoreJob::captureBeforeWriting()
{
    // Every object this run may overwrite goes into the chain's pre_restore snapshot before the
    // first write, so the restore itself can be undone. An object already written by this plan
    // (a resume) is not captured again: the snapshot holds it as it was before.
    QList<capture::ReadTarget> targets;
    QList<int> owners;
    QSet<QString> types;
    for (int i = 0; i < m_items->size(); ++i) {
        const PlanItem item = m_planItems.value(m_items->at(i).key);
        if (item.action != PlanAction::WouldUpdate || item.liveGraphId.isEmpty())
            continue;
        const JournalEntry update = m_latest.value(WriteJournal::stepKey(item.itemKey, QLatin1String(WriteStep::Update)));
        if (update.id > 0)
            continue;   // attempted before: captured by then
        capture::ReadTarget target;
        target.typeKey = item.typeKey;
        target.graphId = item.liveGraphId;
        targets.append(target);
        owners.append(i);
        types.insert(item.typeKey);
    }
    if (targets.isEmpty())
        return startTier();

    qint64 snapshotId = 0;
    auto existing = m_snapshots->snapshotOfRun(*m_scope, m_context->runId);
    if (existing) {
        snapshotId = existing->id;
    } else {
        QStringList typeList(types.begin(), types.end());
        typeList.sort();
        auto begun = m_snapshots->beginSnapshot(*m_scope, m_context->runId, typeList, QStringLiteral("pre_restore"));
        if (!begun) {
            m_sink->failed(begun.error());
            m_finished = true;
            return;
        }
        snapshotId = *begun;
    }
    auto remaining = std::make_shared<int>(static_cast<int>(targets.size()));
    auto incomplete = std::make_shared<QSet<QString>>();
    QPointer<QNetworkAccessManager> alive(m_network.get());
    capture::readObjects(*m_read, targets, [this, alive, owners, targets, snapshotId, remaining,
                                            incomplete](int i, Result<QJsonObject> object) {
        if (!alive || m_cancelled)
            return;
        const int index = owners.at(i);
        const PlanItem item = m_planItems.value(m_items->at(index).key);
        if (!object && object.error().httpStatus == 404) {
            // Gone since the preview: its re-read makes it a conflict, nothing to keep.
        } else {
            capture::RecordedItem recorded = capture::recordObject(*m_snapshots, *m_scope, m_context->runId, item.typeKey,
                                                                   item.liveGraphId, item.name, {}, object);
            Status added;
            if (recorded.versionId > 0)
                added = m_snapshots->addToSnapshot(*m_scope, snapshotId, recorded.versionId);
            if (recorded.versionId <= 0 || !added) {
                // Not kept: this object must not be overwritten.
                incomplete->insert(item.typeKey);
                m_blocked.insert(index);
                pv::log::warn(pv::log::Graph, QStringLiteral("restore: %1 not captured before writing: %2")
                                                  .arg(item.itemKey, recorded.item.message));
            }
        }
        if (--*remaining > 0)
            return;
        QStringList bad(incomplete->begin(), incomplete->end());
        bad.sort();
        if (Status s = m_snapshots->finishSnapshot(*m_scope, snapshotId, bad.isEmpty(), bad); !s) {
            m_finished = true;
            return m_sink->failed(s.error());
        }
        startTier();
    });
}

void RestoreJob::startTier()
{
    if (m_cancelled || m_finished)
        return;
    ++m_tier;
    m_next = 0;
    if (m_tier >= m_tiers.size())
        return done();
    startMore();
}

void RestoreJob::startMore()
{
    if (m_cancelled || m_finished)
        return;
    const QList<int>& tier = m_tiers.at(m_tier);
    while (m_inFlight < Parallel && m_next < tier.size()) {
        auto t = std::make_shared<Task>();
        t->index = tier.at(m_next++);
        t->plan = m_planItems.value(m_items->at(t->index).key);
        ++m_inFlight;
        runTask(t);
    }
    if (m_inFlight == 0 && m_next >= tier.size())
        startTier();
}

void RestoreJob::report(const TaskPtr& t, ItemOutcome outcome, const QString& message, const QString& requestId)
{
    if (t->reported || m_finished)
        return;
    t->reported = true;
    if (isRedoneOnResume(outcome))
        ++m_redoable;
    --m_outstanding;
    --m_inFlight;
    m_sink->completed(t->index, ItemResult{outcome, message, requestId, -1});
    // Later: the sink may commit, and the next item must not start inside this callback chain.
    QMetaObject::invokeMethod(m_network.get(), [this] { startMore(); }, Qt::QueuedConnection);
}

void RestoreJob::runTask(const TaskPtr& t)
{
    const PlanItem& item = t->plan;
    switch (item.action) {
    case PlanAction::Unchanged:
        return report(t, ItemOutcome::Unchanged, tr("Unchanged in the plan; nothing written."));
    case PlanAction::Conflict:
        return report(t, ItemOutcome::Conflict, item.reason.isEmpty() ? tr("A conflict in the plan; nothing written.") : item.reason);
    case PlanAction::CannotRestore:
        return report(t, ItemOutcome::CannotRestore, item.reason.isEmpty() ? tr("It cannot be restored; nothing written.") : item.reason);
    case PlanAction::WouldCreate:
    case PlanAction::WouldUpdate:
        break;
    }
    if (m_blocked.contains(t->index))
        return report(t, ItemOutcome::Failed,
                      tr("It could not be captured into the pre-restore snapshot, so it was not overwritten."));
    auto content = m_snapshots->versionContent(*m_scope, item.policyVersionId);
    if (!content)
        return report(t, ItemOutcome::Failed, tr("The captured content could not be read: %1").arg(content.error().message));
    t->captured = *content;
    t->steps.append(QLatin1String(item.action == PlanAction::WouldCreate ? WriteStep::Create : WriteStep::Update));
    if (m_assignments && isPolicyType(item.typeKey))
        t->steps.append(QLatin1String(WriteStep::Assign));
    t->objectId = item.action == PlanAction::WouldUpdate ? item.liveGraphId : QString();
    nextStep(t);
}

void RestoreJob::nextStep(const TaskPtr& t)
{
    if (m_cancelled || t->reported)
        return;
    if (t->step >= t->steps.size())
        return verify(t);
    const QString step = t->steps.at(t->step);
    const JournalEntry latest = m_latest.value(WriteJournal::stepKey(t->plan.itemKey, step));
    if (latest.id > 0) {
        switch (latest.state) {
        case WriteState::Applied:
            // Done in an earlier run (or earlier in this one): go on with the same object.
            if (step == u"create")
                t->objectId = latest.createdId;
            t->ownedObject = true;
            ++t->step;
            return nextStep(t);
        case WriteState::Sending:
        case WriteState::Uncertain:
            // Its outcome was never learnt (a lost answer, a killed process): read, don't resend.
            return reconcile(t, latest, true);
        case WriteState::Conflict:
            return report(t, ItemOutcome::Conflict, latest.error.isEmpty() ? tr("A write of this item is in conflict.") : latest.error,
                          latest.requestId);
        case WriteState::NotApplied:
            break;   // refused or reconciled as not applied: send again, as a new journal row
        }
    }
    prepareWrite(t);
}

void RestoreJob::reconcile(const TaskPtr& t, const JournalEntry& entry, bool resendIfNotApplied)
{
    QPointer<QNetworkAccessManager> alive(m_network.get());
    auto settle = [this, alive, t, entry, resendIfNotApplied](Result<Verdict> verdict) {
        if (!alive || m_cancelled)
            return;
        if (!verdict)
            return report(t, ItemOutcome::Uncertain,
                          tr("The outcome of a write is unknown and could not be reconciled yet (a resume tries again): %1")
                              .arg(verdict.error().message),
                          entry.requestId);
        WriteCompletion completion{verdict->state, entry.httpStatus, entry.requestId, verdict->createdId, verdict->message};
        if (Status s = m_journal->complete(*m_scope, entry.id, completion, m_actor); !s)
            return report(t, ItemOutcome::Uncertain, tr("The reconciled outcome could not be journaled: %1").arg(s.error().message));
        JournalEntry updated = entry;
        updated.state = verdict->state;
        updated.createdId = verdict->createdId;
        m_latest.insert(WriteJournal::stepKey(entry.itemKey, entry.step), updated);
        if (m_hooks.afterWrite)
            m_hooks.afterWrite(entry.itemKey, entry.step);
        switch (verdict->state) {
        case WriteState::Applied:
            return stepApplied(t, verdict->createdId);
        case WriteState::Conflict:
            return report(t, ItemOutcome::Conflict, verdict->message, entry.requestId);
        default:
            break;
        }
        if (!resendIfNotApplied || t->resends > 0)
            return report(t, ItemOutcome::Failed, verdict->message, entry.requestId);
        ++t->resends;
        prepareWrite(t);
    };
    // What was meant, from the same captured content (secrets and ids do not enter the hash).
    if (t->captured.isEmpty()) {
        auto content = m_snapshots->versionContent(*m_scope, t->plan.policyVersionId);
        if (!content)
            return report(t, ItemOutcome::Uncertain, content.error().message);
        t->captured = *content;
    }
    const QString typeKey = t->plan.typeKey;
    if (entry.step == u"create") {
        const QString name = t->captured.value(nameProperty(typeKey)).toString();
        return m_reconciler->create(typeKey, name, entry.sentAt, comparableHash(typeKey, t->captured, false, m_ids), settle);
    }
    if (entry.step == u"update")
        return m_reconciler->update(typeKey, t->objectId, comparableHash(typeKey, t->captured, false, m_ids), settle);
    m_reconciler->assign(typeKey, t->objectId, assignmentsHash(t->captured.value(QStringLiteral("assignments")).toArray(), m_ids),
                         settle);
}

void RestoreJob::prepareWrite(const TaskPtr& t)
{
    const QString step = t->steps.at(t->step);
    const QString typeKey = t->plan.typeKey;
    QPointer<QNetworkAccessManager> alive(m_network.get());
    if (step == u"assign") {
        return send(t, assignBody(t->captured.value(QStringLiteral("assignments")).toArray(), m_ids));
    }
    auto build = [this, t, typeKey]() {
        SecretValues secrets;
        secrets.live = t->live;
        secrets.supplied = m_supplied.value(QString::number(t->plan.policyId));
        if (secrets.supplied.isEmpty())
            secrets.supplied = m_supplied.value(t->plan.graphId);
        auto body = objectBody(typeKey, t->captured, secrets, m_ids);
        if (!body)
            return report(t, ItemOutcome::CannotRestore, tr("Nothing written: %1").arg(body.error().message));
        send(t, *body);
    };
    if (step == u"create") {
        // Deleted since the snapshot — unless someone made it again meanwhile.
        const QString name = t->captured.value(nameProperty(typeKey)).toString();
        m_read->getAllPages(Reconciler::listByNamePath(typeKey, name), [this, alive, t, name, build](Result<graph::PagedItems> pages) {
            if (!alive || m_cancelled)
                return;
            if (!pages)
                return report(t, ItemOutcome::Failed, tr("Nothing written: the tenant could not be read: %1").arg(pages.error().message),
                              pages.error().requestId);
            for (const QJsonValue& v : pages->items) {
                if (v.toObject().value(nameProperty(t->plan.typeKey)).toString() == name)
                    return report(t, ItemOutcome::Conflict,
                                  tr("An object named like this one exists now (%1); nothing written.")
                                      .arg(v.toObject().value(QStringLiteral("id")).toString()));
            }
            build();
        });
        return;
    }
    // update: re-read right before the write; a change since the preview is a conflict.
    readLive(*m_read, typeKey, t->objectId, [this, alive, t, typeKey, build](Result<QJsonObject> live) {
        if (!alive || m_cancelled)
            return;
        if (!live) {
            if (live.error().httpStatus == 404)
                return report(t, ItemOutcome::Conflict, tr("It was deleted in the tenant after the preview; nothing written."),
                              live.error().requestId);
            return report(t, ItemOutcome::Failed, tr("Nothing written: it could not be re-read: %1").arg(live.error().message),
                          live.error().requestId);
        }
        if (!t->ownedObject && liveFingerprint(typeKey, *live) != t->plan.liveFingerprint)
            return report(t, ItemOutcome::Conflict, tr("It changed in the tenant after the preview; nothing written. "
                                                       "Preview again to see the change."));
        t->live = *live;
        build();
    });
}

QString RestoreJob::stepPath(const TaskPtr& t) const
{
    const QString step = t->steps.at(t->step);
    const QString collection = capture::collectionOf(t->plan.typeKey);
    if (step == u"create")
        return collection;
    if (step == u"assign")
        return collection + QLatin1Char('/') + capture::segment(t->objectId) + QStringLiteral("/assign");
    return collection + QLatin1Char('/') + capture::segment(t->objectId);
}

QString RestoreJob::stepMethod(const TaskPtr& t) const
{
    const QString step = t->steps.at(t->step);
    if (step == u"update")
        return isPolicyType(t->plan.typeKey) ? QStringLiteral("PUT") : QStringLiteral("PATCH");
    return QStringLiteral("POST");
}

void RestoreJob::send(const TaskPtr& t, const WriteBody& body)
{
    if (m_cancelled)
        return;
    const QString path = stepPath(t);
    const QString method = stepMethod(t);
    JournalEntry entry;
    entry.runId = m_context->runId;
    entry.planRunId = m_planRunId;
    entry.itemKey = t->plan.itemKey;
    entry.step = t->steps.at(t->step);
    entry.method = method;
    entry.url = m_write->urlFor(path).toString();
    entry.bodySha256 = body.sha256;
    entry.clientRequestId = graph::GraphWriteClient::newClientRequestId();
    entry.sentAt = QDateTime::currentDateTimeUtc();
    auto id = m_journal->begin(*m_scope, entry, m_actor);
    if (!id)
        return report(t, ItemOutcome::Failed, tr("Nothing written: the write could not be journaled: %1").arg(id.error().message));
    entry.id = *id;
    m_latest.insert(WriteJournal::stepKey(entry.itemKey, entry.step), entry);
    if (m_hooks.beforeSend)
        m_hooks.beforeSend(entry.itemKey, entry.step);
    QPointer<QNetworkAccessManager> alive(m_network.get());
    auto answered = [this, alive, t, entry](Result<graph::GraphResponse> response) {
        if (!alive || m_cancelled)
            return;   // the journal row stays `sending`: a resume reconciles it
        if (m_hooks.answered)
            m_hooks.answered(entry.itemKey, entry.step);
        WriteCompletion completion;
        if (response) {
            completion.state = WriteState::Applied;
            completion.httpStatus = response->status;
            completion.requestId = response->requestId;
            if (entry.step == u"create")
                completion.createdId = response->body.value(QStringLiteral("id")).toString();
        } else {
            const Error& error = response.error();
            completion.state = isUncertain(error) ? WriteState::Uncertain : WriteState::NotApplied;
            completion.httpStatus = error.httpStatus;
            completion.requestId = error.requestId;
            completion.error = error.message;
        }
        if (Status s = m_journal->complete(*m_scope, entry.id, completion, m_actor); !s)
            return report(t, ItemOutcome::Uncertain, tr("The answer to a write could not be journaled: %1").arg(s.error().message),
                          completion.requestId);
        JournalEntry updated = entry;
        updated.state = completion.state;
        updated.httpStatus = completion.httpStatus;
        updated.requestId = completion.requestId;
        updated.createdId = completion.createdId;
        m_latest.insert(WriteJournal::stepKey(entry.itemKey, entry.step), updated);
        t->lastRequestId = completion.requestId;
        if (m_hooks.afterWrite)
            m_hooks.afterWrite(entry.itemKey, entry.step);
        if (completion.state == WriteState::Applied) {
            if (entry.step == u"create" && completion.createdId.isEmpty())
                return report(t, ItemOutcome::Uncertain, tr("Graph created it but did not say its id."), completion.requestId);
            return stepApplied(t, completion.createdId);
        }
        if (completion.state == WriteState::Uncertain)
            return reconcile(t, updated, true);
        report(t, ItemOutcome::Failed, tr("Graph refused the %1: %2").arg(entry.step, response.error().message),
               completion.requestId);
    };
    if (method == u"PUT")
        m_write->put(path, body.json, entry.clientRequestId, answered);
    else if (method == u"PATCH")
        m_write->patch(path, body.json, entry.clientRequestId, answered);
    else
        m_write->post(path, body.json, entry.clientRequestId, answered);
}

void RestoreJob::stepApplied(const TaskPtr& t, const QString& createdId)
{
    if (t->steps.at(t->step) == u"create") {
        t->objectId = createdId;
        if (t->plan.tier != Tier::Policies)
            m_ids.insert(t->plan.graphId, createdId);   // policies of later tiers refer to the new id
    }
    t->ownedObject = true;
    ++t->step;
    nextStep(t);
}

void RestoreJob::verify(const TaskPtr& t)
{
    QPointer<QNetworkAccessManager> alive(m_network.get());
    const bool withAssignments = m_assignments && isPolicyType(t->plan.typeKey);
    // Without assignments to compare, the object alone is read back (one operation, not two).
    auto read = withAssignments ? &readLive : &readObjectOnly;
    read(*m_read, t->plan.typeKey, t->objectId, [this, alive, t, withAssignments](Result<QJsonObject> object) {
        if (!alive || m_cancelled)
            return;
        const ItemOutcome done = t->plan.action == PlanAction::WouldCreate ? ItemOutcome::Created : ItemOutcome::Updated;
        if (!object)
            return report(t, ItemOutcome::Failed, tr("It was written but could not be read back: %1").arg(object.error().message),
                          object.error().requestId);
        const QString typeKey = t->plan.typeKey;
        if (comparableHash(typeKey, t->captured, withAssignments, m_ids) != comparableHash(typeKey, *object, withAssignments)) {
            return report(t, ItemOutcome::Failed,
                          tr("It was written, but Graph holds something else than the snapshot: %1")
                              .arg(describeDifference(typeKey, t->captured, *object, withAssignments, m_ids)),
                          t->lastRequestId);
        }
        report(t, done, done == ItemOutcome::Created ? tr("Recreated as %1.").arg(t->objectId) : tr("Restored."),
               t->lastRequestId);
    });
}

void RestoreJob::done()
{
    if (m_finished)
        return;
    m_finished = true;
    m_sink->finished();
}

void RestoreJob::cancel()
{
    m_cancelled = true;
    // Writes in flight are dropped with their clients; their journal rows stay `sending` and a
    // resume reconciles them.
    m_reconciler.reset();
    m_read.reset();
    m_write.reset();
    done();
}

Status RestoreJob::finish(const JobContext& context, const RunEnd& end, QSqlDatabase& db)
{
    if (!m_scope || m_planRunId <= 0)
        return {};
    // Supplied values are needed until no item of the plan can be redone.
    const bool planDone = (end.status == RunStatus::Succeeded || end.status == RunStatus::PartiallySucceeded)
        && m_items && m_outstanding == 0 && m_redoable == 0;
    const QString secretsKey = m_plan.options.value(QStringLiteral("secretsKey")).toString();
    bool removed = false;
    if (planDone && !secretsKey.isEmpty() && context.services && context.services->secrets) {
        if (Status s = SuppliedSecrets::remove(*context.services->secrets, m_tenantUuid, secretsKey); !s)
            pv::log::warn(pv::log::Graph, QStringLiteral("restore: supplied secrets not removed: %1").arg(s.error().message));
        else
            removed = true;
    }
    return AuditLog::appendIn(db, m_scope->tenantId(), m_actor, QStringLiteral("restore.run.end"),
                              QStringLiteral("run %1 plan %2").arg(context.runId).arg(m_planRunId),
                              QStringLiteral("status %1; %2 items done, %3 failed%4")
                                  .arg(runStatusName(end.status))
                                  .arg(end.executed)
                                  .arg(end.failed)
                                  .arg(removed ? QStringLiteral("; supplied secrets removed") : QString()));
}

} // namespace pv::restore
