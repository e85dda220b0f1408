// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
// The live restore (kind "restore") against graphsim over HTTPS, into a real SQLite store:
// plans built from real captures and live reads (RestoreTestEnv), executed by the real
// RunService; graphsim's write log, the journal and the audit chain checked.

#include "RestoreTestEnv.h"

#include "core/common/CanonicalJson.h"
#include "core/restore/RestorePlanRepository.h"
#include "core/restore/RestoreRequests.h"
#include "core/restore/SuppliedSecrets.h"
#include "core/restore/WriteJournal.h"
#include "core/store/AuditLog.h"
#include "core/store/Database.h"
#include "core/store/TenantRepository.h"

#include <QDir>
#include <QFile>
#include <QThread>
#include <QJsonDocument>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTest>

#include <latch>
#include <vector>

using namespace pv;
using namespace pv::restore;

namespace {

graphsim::SimOptions demoTenant()
{
    graphsim::SimOptions options;
    options.tenantProfiles = {QStringLiteral("demo")};
    return options;
}

QHash<QString, RunItemRecord> itemsByKey(CaptureTestEnv& env, qint64 runId)
{
    QHash<QString, RunItemRecord> out;
    for (const RunItemRecord& item : env.items(runId))
        out.insert(item.itemKey, item);
    return out;
}

/// graphsim's writes after the first `skip`.
QJsonArray writesAfter(RestoreTestEnv& t, qsizetype skip)
{
    const QJsonArray all = t.simWrites();
    QJsonArray out;
    for (qsizetype i = skip; i < all.size(); ++i)
        out.append(all.at(i));
    return out;
}

/// The states the audit's restore.write.outcome rows record ("… → uncertain; …"), oldest first.
QStringList writeOutcomes(CaptureTestEnv& env)
{
    QStringList states;
    const auto audit = AuditLog(env.database()).entries(env.tenantId(), -1);
    if (!audit)
        return {QStringLiteral("(audit log unreadable)")};
    for (const AuditEntry& a : *audit) {
        if (a.action != u"restore.write.outcome")
            continue;
        const qsizetype arrow = a.details.indexOf(QStringLiteral("→ "));
        const QString rest = arrow < 0 ? QString() : a.details.mid(arrow + 2);
        states.prepend(rest.section(QLatin1Char(';'), 0, 0).trimmed());   // newest first → oldest first
    }
    return states;
}

QString contentHashOf(const QString& typeKey, const QJsonObject& object)
{
    return canonical(object, CanonicalProfile::forTypeKey(typeKey)).contentHash;
}

/// The settingDefinitionId of the first secret value in `value` (the test's own walk).
QString secretDefinition(const QJsonValue& value, const QString& definition = {})
{
    if (value.isArray()) {
        for (const QJsonValue& v : value.toArray()) {
            if (QString d = secretDefinition(v, definition); !d.isEmpty())
                return d;
        }
        return {};
    }
    if (!value.isObject())
        return {};
    const QJsonObject o = value.toObject();
    const QString current = o.contains(QStringLiteral("settingDefinitionId")) ? o.value(QStringLiteral("settingDefinitionId")).toString()
                                                                              : definition;
    if (o.value(QStringLiteral("@odata.type")).toString().endsWith(QLatin1String("SecretSettingValue")))
        return current;
    for (auto it = o.begin(); it != o.end(); ++it) {
        if (QString d = secretDefinition(it.value(), current); !d.isEmpty())
            return d;
    }
    return {};
}

/// Every byte of the store's files (database, WAL, shared memory).
QByteArray storeBytes(const QString& databasePath)
{
    QByteArray all;
    for (const QString& suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")}) {
        QFile f(databasePath + suffix);
        if (f.open(QIODevice::ReadOnly))
            all += f.readAll();
    }
    return all;
}

} // namespace

class TestRestoreLive final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    /// capture → /_sim/mutate (settings, metadata, assignments, renames, deletes) → plan →
    /// restore: every restored policy's canonical content hash equals its snapshot version's,
    /// graphsim saw exactly the PUT / POST / assign writes the plan implies (never a DELETE or a
    /// PATCH), the journal's body hashes are what graphsim received, and the audit chain verifies.
    void restoreBringsBackSnapshotContent()
    {
        RestoreTestEnv t(demoTenant());
        QString error;
        QVERIFY2(t.start(&error), qPrintable(error));
        CaptureTestEnv& env = t.env();
        auto backup = env.backup();
        QVERIFY(backup);
        QCOMPARE(runStatusName(backup->status), QStringLiteral("succeeded"));
        const qint64 snapshotId = t.snapshotOf(backup->id);
        QVERIFY(snapshotId > 0);

        const QJsonObject mutated = env.graph().sim().sim(
            QStringLiteral("mutate"), QJsonObject{{QStringLiteral("seed"), 11}, {QStringLiteral("policies"), 3},
                                                  {QStringLiteral("settings"), 3}, {QStringLiteral("assignments"), 3},
                                                  {QStringLiteral("renames"), 2}, {QStringLiteral("deletes"), 2}});
        QSet<QString> kinds;
        for (const QJsonValue& c : mutated.value(QStringLiteral("changed")).toArray())
            kinds.insert(c.toObject().value(QStringLiteral("kind")).toString());
        QVERIFY2(kinds.contains(QStringLiteral("deleted")) && kinds.contains(QStringLiteral("renamed")),
                 QJsonDocument(mutated).toJson().constData());

        const qint64 planRunId = t.makePlan(snapshotId, true);
        QVERIFY(planRunId > 0);
        const QList<PlanItem> plan = t.planItems(planRunId);
        int creates = 0;
        int updates = 0;
        for (const PlanItem& item : plan) {
            creates += item.action == PlanAction::WouldCreate ? 1 : 0;
            updates += item.action == PlanAction::WouldUpdate ? 1 : 0;
        }
        QCOMPARE(creates, 2);
        QVERIFY2(updates >= 3, qPrintable(QString::number(updates)));

        const qsizetype writesBefore = t.simWrites().size();
        auto run = t.restore(planRunId);
        QVERIFY(run);
        const auto items = itemsByKey(env, run->id);
        QCOMPARE(items.size(), plan.size());

        auto journal = WriteJournal(env.database()).entriesOfPlan(t.scope(), planRunId);
        QVERIFY(journal);
        QHash<QString, QString> createdIds;
        for (const JournalEntry& e : *journal) {
            if (e.step == u"create" && e.state == WriteState::Applied)
                createdIds.insert(e.itemKey, e.createdId);
        }
        int restored = 0;
        int cannot = 0;
        for (const PlanItem& item : plan) {
            const RunItemRecord record = items.value(item.itemKey);
            if (item.action == PlanAction::Unchanged) {
                QCOMPARE(record.outcome, ItemOutcome::Unchanged);
                continue;
            }
            if (record.outcome == ItemOutcome::CannotRestore) {
                // Only a secret whose token changed (a mutation regenerated it) may stop an item.
                QVERIFY2(record.message.contains(QLatin1String("secret")), qPrintable(record.message));
                ++cannot;
                continue;
            }
            QCOMPARE(itemOutcomeName(record.outcome),
                     itemOutcomeName(item.action == PlanAction::WouldCreate ? ItemOutcome::Created : ItemOutcome::Updated));
            const QString liveId = item.action == PlanAction::WouldCreate ? createdIds.value(item.itemKey) : item.liveGraphId;
            QVERIFY(!liveId.isEmpty());
            auto live = t.readLive(item.typeKey, liveId);
            QVERIFY(live);
            auto versions = env.snapshots().policyVersions(t.scope(), item.policyId);
            QVERIFY(versions);
            QString snapshotHash;
            for (const PolicyVersionRecord& v : *versions) {
                if (v.id == item.policyVersionId)
                    snapshotHash = v.contentHash;
            }
            QCOMPARE(contentHashOf(item.typeKey, *live), snapshotHash);
            ++restored;
        }
        QCOMPARE(restored + cannot, creates + updates);
        QVERIFY(restored >= 4);
        QCOMPARE(runStatusName(run->status), cannot > 0 ? QStringLiteral("partially_succeeded") : QStringLiteral("succeeded"));

        // graphsim saw exactly the journal's writes: one per applied row, same body hashes.
        const QJsonArray writes = writesAfter(t, writesBefore);
        QCOMPARE(writes.size(), journal->size());
        QHash<QString, int> byMethod;
        QSet<QString> simHashes;
        for (const QJsonValue& w : writes) {
            const QJsonObject o = w.toObject();
            ++byMethod[o.value(QStringLiteral("method")).toString()];
            QVERIFY2(o.value(QStringLiteral("status")).toInt() < 300, QJsonDocument(o).toJson().constData());
            simHashes.insert(o.value(QStringLiteral("bodySha256")).toString());
        }
        QCOMPARE(byMethod.value(QStringLiteral("DELETE")), 0);
        QCOMPARE(byMethod.value(QStringLiteral("PATCH")), 0);
        QCOMPARE(byMethod.value(QStringLiteral("PUT")) + byMethod.value(QStringLiteral("POST")), int(writes.size()));
        for (const JournalEntry& e : *journal) {
            QCOMPARE(writeStateName(e.state), QStringLiteral("applied"));
            QVERIFY2(simHashes.contains(e.bodySha256), qPrintable(e.url));
        }

        // Audit: start, an intent and an outcome per journal row, end; the chain verifies.
        auto audit = AuditLog(env.database()).entries(env.tenantId(), -1);
        QVERIFY(audit);
        int intents = 0;
        int outcomes = 0;
        int starts = 0;
        int ends = 0;
        for (const AuditEntry& a : *audit) {
            intents += a.action == u"restore.write.intent" ? 1 : 0;
            outcomes += a.action == u"restore.write.outcome" ? 1 : 0;
            starts += a.action == u"restore.run.start" ? 1 : 0;
            ends += a.action == u"restore.run.end" ? 1 : 0;
        }
        QCOMPARE(intents, int(journal->size()));
        QCOMPARE(outcomes, int(journal->size()));
        QCOMPARE(starts, 1);
        QCOMPARE(ends, 1);
        auto verified = AuditLog(env.database()).verify();
        QVERIFY(verified);
        QVERIFY2(verified->ok, qPrintable(verified->reason));

        // The pre_restore snapshot holds every object the run overwrote, as it was before.
        auto snapshots = env.snapshots().listSnapshots(t.scope());
        QVERIFY(snapshots);
        int preRestore = 0;
        for (const SnapshotRecord& s : *snapshots) {
            if (s.origin != u"pre_restore")
                continue;
            ++preRestore;
            QCOMPARE(s.runId, run->id);
            QCOMPARE(s.itemCount, qint64(updates));
            QVERIFY(s.complete);
        }
        QCOMPARE(preRestore, 1);

        // The same plan again is a second execution: refused, nothing written.
        const qsizetype writesAfterRun = t.simWrites().size();
        auto again = t.restore(planRunId);
        QVERIFY(again);
        QCOMPARE(runStatusName(again->status), QStringLiteral("failed"));
        QVERIFY2(again->errorSummary.contains(QLatin1String("already executed")), qPrintable(again->errorSummary));
        QCOMPARE(t.simWrites().size(), writesAfterRun);
    }

    /// POST whose answer is lost after graphsim applied it (fault "drop"): the write is
    /// uncertain, reconciled by reading (one object with that name and content since the send),
    /// not sent again: exactly one object exists, the journal says applied, the audit trail says
    /// uncertain and then applied.
    void lostResponseOnCreateIsReconciled()
    {
        RestoreTestEnv t(demoTenant());
        QString error;
        QVERIFY2(t.start(&error), qPrintable(error));
        CaptureTestEnv& env = t.env();
        auto backup = env.backup({QStringLiteral("settingsCatalog")});
        QVERIFY(backup);
        const qint64 snapshotId = t.snapshotOf(backup->id);
        auto content = env.snapshots().snapshotItems(t.scope(), snapshotId);
        QVERIFY(content && !content->isEmpty());
        const PolicyRecord policy = content->first().first;
        QCOMPARE(t.graph("DELETE", QStringLiteral("/beta/deviceManagement/configurationPolicies/%1").arg(policy.graphId)).status, 204);
        const QString name = env.snapshots().versionContent(t.scope(), content->first().second.id)->value(QStringLiteral("name")).toString();
        QCOMPARE(t.policiesNamed(name).size(), 0);

        const qint64 planRunId = t.makePlan(snapshotId, false, {policy.id});
        QVERIFY(planRunId > 0);
        QCOMPARE(t.planItems(planRunId).size(), 1);
        QCOMPARE(planActionName(t.planItems(planRunId).first().action), QStringLiteral("would_create"));

        const qsizetype writesBefore = t.simWrites().size();
        env.graph().config(QJsonObject{{QStringLiteral("faults"),
                                        QJsonObject{{QStringLiteral("drop"), 1.0},
                                                    {QStringLiteral("families"), QJsonArray{QStringLiteral("configurationPolicies")}},
                                                    {QStringLiteral("maxConsecutive"), 1}}}});
        auto run = t.restore(planRunId);
        env.graph().config(QJsonObject{{QStringLiteral("faults"), noFaults()}});
        QVERIFY(run);
        const auto items = itemsByKey(env, run->id);
        const RunItemRecord item = items.value(planItemKey(policy.typeKey, policy.id));
        QCOMPARE(itemOutcomeName(item.outcome), QStringLiteral("created"));
        QCOMPARE(runStatusName(run->status), QStringLiteral("succeeded"));

        // One POST reached graphsim (its answer dropped), and one object exists.
        int posts = 0;
        for (const QJsonValue& w : writesAfter(t, writesBefore))
            posts += w.toObject().value(QStringLiteral("method")).toString() == u"POST" ? 1 : 0;
        QCOMPARE(posts, 1);
        const QList<QJsonObject> named = t.policiesNamed(name);
        QCOMPARE(named.size(), 1);

        auto journal = WriteJournal(env.database()).entriesOfPlan(t.scope(), planRunId);
        QVERIFY(journal);
        QCOMPARE(journal->size(), 1);
        QCOMPARE(writeStateName(journal->first().state), QStringLiteral("applied"));
        QCOMPARE(journal->first().createdId, named.first().value(QStringLiteral("id")).toString());
        QVERIFY2(journal->first().error.contains(QLatin1String("reconciled")), qPrintable(journal->first().error));

        QCOMPARE(writeOutcomes(env), (QStringList{QStringLiteral("uncertain"), QStringLiteral("applied")}));
        QVERIFY(AuditLog(env.database()).verify()->ok);
    }

    /// A policy changed in the tenant between plan and execution: conflict, nothing written for
    /// it; the other planned update goes through.
    void liveChangeAfterPlanIsConflict()
    {
        RestoreTestEnv t(demoTenant());
        QString error;
        QVERIFY2(t.start(&error), qPrintable(error));
        CaptureTestEnv& env = t.env();
        auto backup = env.backup({QStringLiteral("settingsCatalog")});
        QVERIFY(backup);
        const qint64 snapshotId = t.snapshotOf(backup->id);
        auto content = env.snapshots().snapshotItems(t.scope(), snapshotId);
        QVERIFY(content && content->size() >= 2);
        const PolicyRecord a = content->at(0).first;
        const PolicyRecord b = content->at(1).first;
        const QString pathA = QStringLiteral("/beta/deviceManagement/configurationPolicies/%1").arg(a.graphId);
        const QString pathB = QStringLiteral("/beta/deviceManagement/configurationPolicies/%1").arg(b.graphId);
        QCOMPARE(t.graph("PATCH", pathA, {{QStringLiteral("description"), QStringLiteral("edited once")}}).status, 200);
        QCOMPARE(t.graph("PATCH", pathB, {{QStringLiteral("description"), QStringLiteral("edited once")}}).status, 200);
        const qint64 planRunId = t.makePlan(snapshotId, false, {a.id, b.id});
        QVERIFY(planRunId > 0);
        for (const PlanItem& item : t.planItems(planRunId))
            QCOMPARE(planActionName(item.action), QStringLiteral("would_update"));
        // Someone edits A again after the preview.
        QCOMPARE(t.graph("PATCH", pathA, {{QStringLiteral("description"), QStringLiteral("edited after the preview")}}).status, 200);

        const qsizetype writesBefore = t.simWrites().size();
        auto run = t.restore(planRunId);
        QVERIFY(run);
        QCOMPARE(runStatusName(run->status), QStringLiteral("partially_succeeded"));
        const auto items = itemsByKey(env, run->id);
        QCOMPARE(itemOutcomeName(items.value(planItemKey(a.typeKey, a.id)).outcome), QStringLiteral("conflict"));
        QCOMPARE(itemOutcomeName(items.value(planItemKey(b.typeKey, b.id)).outcome), QStringLiteral("updated"));
        const QJsonArray writes = writesAfter(t, writesBefore);
        QCOMPARE(writes.size(), 1);
        QVERIFY(writes.first().toObject().value(QStringLiteral("path")).toString().endsWith(b.graphId));
        QCOMPARE(t.readLive(a.typeKey, a.graphId)->value(QStringLiteral("description")).toString(),
                 QStringLiteral("edited after the preview"));
        QCOMPARE(run->counts.of(ItemOutcome::Conflict), 1);
    }

    /// 50 starts of the same plan at once — a double-click, a script and the window — make one
    /// run (the dedupe target is the plan), and each policy is written once.
    void concurrentStartsOfOnePlanMakeOneRun()
    {
        RestoreTestEnv t(demoTenant());
        QString error;
        QVERIFY2(t.start(&error), qPrintable(error));
        CaptureTestEnv& env = t.env();
        auto backup = env.backup({QStringLiteral("settingsCatalog")});
        QVERIFY(backup);
        const qint64 snapshotId = t.snapshotOf(backup->id);
        auto content = env.snapshots().snapshotItems(t.scope(), snapshotId);
        QVERIFY(content && content->size() >= 2);
        const PolicyRecord a = content->at(0).first;
        const PolicyRecord b = content->at(1).first;
        for (const PolicyRecord& p : {a, b}) {
            const QString path = QStringLiteral("/beta/deviceManagement/configurationPolicies/%1").arg(p.graphId);
            QCOMPARE(t.graph("PATCH", path, {{QStringLiteral("description"), QStringLiteral("edited")}}).status, 200);
        }
        const qint64 planRunId = t.makePlan(snapshotId, false, {a.id, b.id});
        QVERIFY(planRunId > 0);
        const qsizetype writesBefore = t.simWrites().size();
        env.graph().config({{QStringLiteral("latencyMs"), 300}});   // the run outlives every start

        constexpr int Starts = 50;
        std::latch ready(Starts);
        std::vector<Result<RunRef>> refs(Starts, fail(ErrorCode::Internal, QStringLiteral("not started")));
        std::vector<std::unique_ptr<QThread>> threads;
        const TenantScope scope = t.scope();
        for (int i = 0; i < Starts; ++i) {
            threads.emplace_back(QThread::create([&, i] {
                ready.arrive_and_wait();
                // Each start builds its own request, as the window, a script and a double-click do.
                auto request = restoreRequest(planRunId, QStringLiteral("test"));
                refs[static_cast<size_t>(i)] = request ? env.runs().start(scope, *request) : Result<RunRef>(request.failure());
            }));
            threads.back()->start();
        }
        QVERIFY(QTest::qWaitFor([&] {
            return std::all_of(threads.begin(), threads.end(), [](const auto& th) { return th->isFinished(); });
        }, 60000));
        QSet<qint64> ids;
        int created = 0;
        for (const Result<RunRef>& ref : refs) {
            QVERIFY2(ref, qPrintable(ref ? QString() : ref.error().toString()));
            ids.insert(ref->runId);
            created += ref->reused ? 0 : 1;
        }
        QCOMPARE(ids.size(), 1);
        QCOMPARE(created, 1);
        auto ended = env.waitForEnd(*ids.begin());
        QVERIFY(ended);
        QCOMPARE(runStatusName(ended->status), QStringLiteral("succeeded"));
        const QJsonArray writes = writesAfter(t, writesBefore);
        QCOMPARE(writes.size(), 2);   // one PUT per policy
    }

    /// graphsim's write budget far below the governor's: writes come back 429 before Graph
    /// processed them — the one answer after which a write is sent again (same journal row,
    /// same client-request-id); each policy is written exactly once.
    void throttledWritesAreSentAgainOnce()
    {
        RestoreTestEnv t(demoTenant());
        QString error;
        QVERIFY2(t.start(&error), qPrintable(error));
        CaptureTestEnv& env = t.env();
        auto backup = env.backup({QStringLiteral("settingsCatalog")});
        QVERIFY(backup);
        const qint64 snapshotId = t.snapshotOf(backup->id);
        auto content = env.snapshots().snapshotItems(t.scope(), snapshotId);
        QVERIFY(content && content->size() >= 3);
        QList<qint64> ids;
        for (int i = 0; i < 3; ++i) {
            const PolicyRecord p = content->at(i).first;
            QCOMPARE(t.graph("PATCH", QStringLiteral("/beta/deviceManagement/configurationPolicies/%1").arg(p.graphId),
                             {{QStringLiteral("description"), QStringLiteral("edited")}}).status, 200);
            ids.append(p.id);
        }
        const qint64 planRunId = t.makePlan(snapshotId, false, ids);
        QVERIFY(planRunId > 0);
        env.graph().config(QJsonObject{{QStringLiteral("appWrites"), 1}, {QStringLiteral("windowMs"), 1500}});
        const qsizetype writesBefore = t.simWrites().size();
        auto run = t.restore(planRunId);
        env.graph().config(QJsonObject{{QStringLiteral("appWrites"), 100}, {QStringLiteral("windowMs"), 20000}});
        QVERIFY(run);
        QCOMPARE(runStatusName(run->status), QStringLiteral("succeeded"));
        QCOMPARE(run->counts.of(ItemOutcome::Updated), 3);
        QHash<QString, int> handled;
        int throttled = 0;
        for (const QJsonValue& w : writesAfter(t, writesBefore)) {
            const QJsonObject o = w.toObject();
            if (o.value(QStringLiteral("outcome")).toString() == u"throttled")
                ++throttled;
            else
                ++handled[o.value(QStringLiteral("path")).toString()];
        }
        QVERIFY2(throttled >= 1, "graphsim throttled no write: the test did not test anything");
        QCOMPARE(handled.size(), 3);
        for (auto it = handled.constBegin(); it != handled.constEnd(); ++it)
            QCOMPARE(it.value(), 1);
        auto journal = WriteJournal(env.database()).entriesOfPlan(t.scope(), planRunId);
        QVERIFY(journal);
        QCOMPARE(journal->size(), 3);
    }

    /// 504 after graphsim applied the write (PUT, then `/assign` in a second plan): uncertain,
    /// reconciled by reading (the object / assignment set holds what was sent) → applied, never
    /// sent again; the journal's client-request-id is the one graphsim received.
    void gatewayTimeoutAfterApplyIsReconciled()
    {
        RestoreTestEnv t(demoTenant());
        QString error;
        QVERIFY2(t.start(&error), qPrintable(error));
        CaptureTestEnv& env = t.env();
        auto backup = env.backup({QStringLiteral("settingsCatalog")});
        QVERIFY(backup);
        const qint64 snapshotId = t.snapshotOf(backup->id);
        auto content = env.snapshots().snapshotItems(t.scope(), snapshotId);
        QVERIFY(content && content->size() >= 2);
        struct Case
        {
            QString method;
            QString family;
        };
        const QList<Case> cases{{QStringLiteral("PUT"), QStringLiteral("configurationPolicies")},
                                {QStringLiteral("POST"), QStringLiteral("policyAssignments")}};
        for (int i = 0; i < cases.size(); ++i) {
            const PolicyRecord p = content->at(i).first;
            QCOMPARE(t.graph("PATCH", QStringLiteral("/beta/deviceManagement/configurationPolicies/%1").arg(p.graphId),
                             {{QStringLiteral("description"), QStringLiteral("edited")}}).status, 200);
            const qint64 planRunId = t.makePlan(snapshotId, true, {p.id});
            QVERIFY(planRunId > 0);
            env.graph().config(QJsonObject{{QStringLiteral("writeFaults"),
                                            QJsonObject{{QStringLiteral("mode"), QStringLiteral("504_after_apply")},
                                                        {QStringLiteral("count"), 1},
                                                        {QStringLiteral("methods"), QJsonArray{cases.at(i).method}},
                                                        {QStringLiteral("families"), QJsonArray{cases.at(i).family}}}}});
            const qsizetype writesBefore = t.simWrites().size();
            auto run = t.restore(planRunId);
            env.graph().config(QJsonObject{{QStringLiteral("writeFaults"), QJsonObject{{QStringLiteral("mode"), QStringLiteral("none")}}}});
            QVERIFY(run);
            QCOMPARE(runStatusName(run->status), QStringLiteral("succeeded"));
            QCOMPARE(itemOutcomeName(itemsByKey(env, run->id).value(planItemKey(p.typeKey, p.id)).outcome), QStringLiteral("updated"));
            const QJsonArray writes = writesAfter(t, writesBefore);
            QCOMPARE(writes.size(), 2);   // the PUT and the /assign, each once
            int faulted = 0;
            auto journal = WriteJournal(env.database()).entriesOfPlan(t.scope(), planRunId);
            QVERIFY(journal);
            QCOMPARE(journal->size(), 2);
            QSet<QString> ids;
            for (const JournalEntry& e : *journal) {
                QCOMPARE(writeStateName(e.state), QStringLiteral("applied"));
                ids.insert(e.clientRequestId);
            }
            for (const QJsonValue& w : writes) {
                const QJsonObject o = w.toObject();
                QVERIFY(o.value(QStringLiteral("applied")).toBool());
                faulted += o.value(QStringLiteral("fault")).toString() == u"504_after_apply" ? 1 : 0;
                QVERIFY2(ids.contains(o.value(QStringLiteral("clientRequestId")).toString()), QJsonDocument(o).toJson().constData());
            }
            QCOMPARE(faulted, 1);
            bool reconciled = false;
            for (const JournalEntry& e : *journal)
                reconciled = reconciled || e.error.contains(QLatin1String("reconciled"));
            QVERIFY(reconciled);
        }
    }

    /// A PUT whose 204 graphsim cuts inside the status line: Qt 6.4 would resend it by itself
    /// (GraphTransport's one-shot body refuses), so the job gets no answer → uncertain →
    /// reconciled by reading (the object holds what was sent) → applied; graphsim received the
    /// PUT exactly once, under the journal's client-request-id.
    void cutNoContentAnswerIsSentOnceAndReconciled()
    {
        RestoreTestEnv t(demoTenant());
        QString error;
        QVERIFY2(t.start(&error), qPrintable(error));
        CaptureTestEnv& env = t.env();
        auto backup = env.backup({QStringLiteral("settingsCatalog")});
        QVERIFY(backup);
        const qint64 snapshotId = t.snapshotOf(backup->id);
        auto content = env.snapshots().snapshotItems(t.scope(), snapshotId);
        QVERIFY(content && !content->isEmpty());
        const PolicyRecord p = content->first().first;
        const QString snapshotDescription =
            env.snapshots().versionContent(t.scope(), content->first().second.id)->value(QStringLiteral("description")).toString();
        QCOMPARE(t.graph("PATCH", QStringLiteral("/beta/deviceManagement/configurationPolicies/%1").arg(p.graphId),
                         {{QStringLiteral("description"), QStringLiteral("edited")}}).status, 200);
        const qint64 planRunId = t.makePlan(snapshotId, false, {p.id});
        QVERIFY(planRunId > 0);
        QCOMPARE(planActionName(t.planItems(planRunId).first().action), QStringLiteral("would_update"));

        env.graph().config(QJsonObject{{QStringLiteral("writeFaults"),
                                        QJsonObject{{QStringLiteral("mode"), QStringLiteral("drop_after_apply")},
                                                    {QStringLiteral("count"), 1},
                                                    {QStringLiteral("methods"), QJsonArray{QStringLiteral("PUT")}},
                                                    {QStringLiteral("families"), QJsonArray{QStringLiteral("configurationPolicies")}}}}});
        const qsizetype writesBefore = t.simWrites().size();
        auto run = t.restore(planRunId);
        env.graph().config(QJsonObject{{QStringLiteral("writeFaults"), QJsonObject{{QStringLiteral("mode"), QStringLiteral("none")}}}});
        QVERIFY(run);
        QCOMPARE(runStatusName(run->status), QStringLiteral("succeeded"));
        QCOMPARE(itemOutcomeName(itemsByKey(env, run->id).value(planItemKey(p.typeKey, p.id)).outcome), QStringLiteral("updated"));
        QCOMPARE(t.readLive(p.typeKey, p.graphId)->value(QStringLiteral("description")).toString(), snapshotDescription);

        // One PUT on the wire: applied, its answer cut, never sent again.
        const QJsonArray writes = writesAfter(t, writesBefore);
        QVERIFY2(writes.size() == 1, QJsonDocument(writes).toJson().constData());
        const QJsonObject put = writes.first().toObject();
        QCOMPARE(put.value(QStringLiteral("method")).toString(), QStringLiteral("PUT"));
        QVERIFY(put.value(QStringLiteral("applied")).toBool());
        QCOMPARE(put.value(QStringLiteral("fault")).toString(), QStringLiteral("drop_after_apply"));

        auto journal = WriteJournal(env.database()).entriesOfPlan(t.scope(), planRunId);
        QVERIFY(journal);
        QCOMPARE(journal->size(), 1);
        QCOMPARE(writeStateName(journal->first().state), QStringLiteral("applied"));
        QCOMPARE(journal->first().clientRequestId, put.value(QStringLiteral("clientRequestId")).toString());
        QVERIFY2(journal->first().error.contains(QLatin1String("reconciled")), qPrintable(journal->first().error));

        QCOMPARE(writeOutcomes(env), (QStringList{QStringLiteral("uncertain"), QStringLiteral("applied")}));
        QVERIFY(AuditLog(env.database()).verify()->ok);
    }

    /// A deleted assignment filter is recreated first (tier 2); the policy that used it is
    /// restored with its assignments pointing at the filter's new id.
    void deletedFilterIsRecreatedAndPolicyUsesItsNewId()
    {
        RestoreTestEnv t(demoTenant());
        QString error;
        QVERIFY2(t.start(&error), qPrintable(error));
        CaptureTestEnv& env = t.env();
        auto backup = env.backup({QStringLiteral("settingsCatalog"), QStringLiteral("assignmentFilters")});
        QVERIFY(backup);
        const qint64 snapshotId = t.snapshotOf(backup->id);
        auto content = env.snapshots().snapshotItems(t.scope(), snapshotId);
        QVERIFY(content);
        const QString filterKey = QStringLiteral("deviceAndAppManagementAssignmentFilterId");
        std::optional<PolicyRecord> policy;
        QString filterId;
        for (const auto& [p, v] : *content) {
            if (p.typeKey != u"settingsCatalog" || policy)
                continue;
            for (const QJsonValue& a : env.snapshots().versionContent(t.scope(), v.id)->value(QStringLiteral("assignments")).toArray()) {
                const QString f = a.toObject().value(QStringLiteral("target")).toObject().value(filterKey).toString();
                if (!f.isEmpty()) {
                    policy = p;
                    filterId = f;
                }
            }
        }
        QVERIFY2(policy, "a demo policy assigned with a filter");
        std::optional<PolicyRecord> filter;
        for (const auto& [p, v] : *content) {
            if (p.typeKey == u"assignmentFilters" && p.graphId == filterId)
                filter = p;
        }
        QVERIFY(filter);
        // Every live use of the filter goes (graphsim refuses to delete a filter in use), then the filter.
        for (const QJsonObject& live : env.policiesIndependently()) {
            const QString id = live.value(QStringLiteral("id")).toString();
            auto object = t.readLive(QStringLiteral("settingsCatalog"), id);
            QVERIFY(object);
            QJsonArray kept;
            bool uses = false;
            for (const QJsonValue& a : object->value(QStringLiteral("assignments")).toArray()) {
                const QJsonObject target = a.toObject().value(QStringLiteral("target")).toObject();
                if (target.value(filterKey).toString() == filterId)
                    uses = true;
                else
                    kept.append(QJsonObject{{QStringLiteral("target"), target}});
            }
            if (uses)
                QCOMPARE(t.graph("POST", QStringLiteral("/beta/deviceManagement/configurationPolicies/%1/assign").arg(id),
                                 {{QStringLiteral("assignments"), kept}}).status, 200);
        }
        QCOMPARE(t.graph("DELETE", QStringLiteral("/beta/deviceManagement/assignmentFilters/%1").arg(filterId)).status, 204);

        const qint64 planRunId = t.makePlan(snapshotId, true, {filter->id, policy->id});
        QVERIFY(planRunId > 0);
        const QList<PlanItem> plan = t.planItems(planRunId);
        QCOMPARE(plan.size(), 2);
        QCOMPARE(plan.at(0).itemKey, planItemKey(filter->typeKey, filter->id));   // tier 2 before tier 3
        QCOMPARE(planActionName(plan.at(0).action), QStringLiteral("would_create"));
        QCOMPARE(planActionName(plan.at(1).action), QStringLiteral("would_update"));
        auto run = t.restore(planRunId);
        QVERIFY(run);
        const auto items = itemsByKey(env, run->id);
        QCOMPARE(itemOutcomeName(items.value(plan.at(0).itemKey).outcome), QStringLiteral("created"));
        QCOMPARE(itemOutcomeName(items.value(plan.at(1).itemKey).outcome), QStringLiteral("updated"));
        QCOMPARE(runStatusName(run->status), QStringLiteral("succeeded"));
        QString newFilterId;
        auto journal = WriteJournal(env.database()).entriesOfPlan(t.scope(), planRunId);
        QVERIFY(journal);
        for (const JournalEntry& e : *journal) {
            if (e.step == u"create")
                newFilterId = e.createdId;
        }
        QVERIFY(!newFilterId.isEmpty() && newFilterId != filterId);
        auto live = t.readLive(policy->typeKey, policy->graphId);
        QVERIFY(live);
        bool usesNew = false;
        for (const QJsonValue& a : live->value(QStringLiteral("assignments")).toArray()) {
            const QString f = a.toObject().value(QStringLiteral("target")).toObject().value(filterKey).toString();
            QVERIFY(f != filterId);
            usesNew = usesNew || f == newFilterId;
        }
        QVERIFY(usesNew);
    }

    /// A secret whose snapshot token is still the live one is resent as that token (graphsim
    /// accepts only a valid token); once the secret was re-entered in the portal (the token
    /// rotated) and no value was supplied, the item cannot be restored and nothing is written.
    void secretTokenResentWhileValid()
    {
        RestoreTestEnv t(demoTenant());
        QString error;
        QVERIFY2(t.start(&error), qPrintable(error));
        CaptureTestEnv& env = t.env();
        auto backup = env.backup({QStringLiteral("endpointSecurity")});
        QVERIFY(backup);
        const qint64 snapshotId = t.snapshotOf(backup->id);
        auto content = env.snapshots().snapshotItems(t.scope(), snapshotId);
        std::optional<PolicyRecord> edr;
        for (const auto& [p, v] : *content) {
            if (!secretDefinition(env.snapshots().versionContent(t.scope(), v.id)->value(QStringLiteral("settings"))).isEmpty())
                edr = p;
        }
        QVERIFY(edr);
        const QString path = QStringLiteral("/beta/deviceManagement/configurationPolicies/%1").arg(edr->graphId);
        QCOMPARE(t.graph("PATCH", path, {{QStringLiteral("description"), QStringLiteral("edited")}}).status, 200);
        const qint64 planRunId = t.makePlan(snapshotId, false, {edr->id});
        qsizetype writesBefore = t.simWrites().size();
        auto run = t.restore(planRunId);
        QVERIFY(run);
        QCOMPARE(itemOutcomeName(itemsByKey(env, run->id).value(planItemKey(edr->typeKey, edr->id)).outcome),
                 QStringLiteral("updated"));
        QCOMPARE(writesAfter(t, writesBefore).size(), 1);

        // The portal re-enters the secret: a new token; the snapshot's is no longer the live one.
        QCOMPARE(t.graph("PATCH", path, {{QStringLiteral("description"), QStringLiteral("edited again")}}).status, 200);
        const QJsonObject invalidated = env.graph().sim().sim(QStringLiteral("invalidate-secret"),
                                                              QJsonObject{{QStringLiteral("policyId"), edr->graphId}});
        QVERIFY2(!invalidated.value(QStringLiteral("invalidated")).toArray().isEmpty(), QJsonDocument(invalidated).toJson().constData());
        const qint64 second = t.makePlan(snapshotId, false, {edr->id});
        writesBefore = t.simWrites().size();
        auto refused = t.restore(second);
        QVERIFY(refused);
        QCOMPARE(runStatusName(refused->status), QStringLiteral("partially_succeeded"));
        const RunItemRecord item = itemsByKey(env, refused->id).value(planItemKey(edr->typeKey, edr->id));
        QCOMPARE(itemOutcomeName(item.outcome), QStringLiteral("cannot_restore"));
        QVERIFY2(item.message.contains(QLatin1String("secret")), qPrintable(item.message));
        QCOMPARE(writesAfter(t, writesBefore).size(), 0);
    }

    /// A read-only tenant refuses the restore kind: the start is AccessDenied, nothing is written.
    void readOnlyTenantRefusesRestore()
    {
        RestoreTestEnv t(demoTenant());
        QString error;
        QVERIFY2(t.start(&error), qPrintable(error));
        CaptureTestEnv& env = t.env();
        auto backup = env.backup({QStringLiteral("settingsCatalog")});
        QVERIFY(backup);
        const qint64 snapshotId = t.snapshotOf(backup->id);
        auto content = env.snapshots().snapshotItems(t.scope(), snapshotId);
        const PolicyRecord a = content->at(0).first;
        QCOMPARE(t.graph("PATCH", QStringLiteral("/beta/deviceManagement/configurationPolicies/%1").arg(a.graphId),
                         {{QStringLiteral("description"), QStringLiteral("edited")}}).status, 200);
        const qint64 planRunId = t.makePlan(snapshotId, false, {a.id});
        QVERIFY(planRunId > 0);
        QVERIFY(TenantRepository(env.database()).setReadOnly(env.tenantId(), true));
        const qsizetype writesBefore = t.simWrites().size();
        auto started = env.runs().start(t.scope(), *restoreRequest(planRunId, QStringLiteral("test")));
        QVERIFY(!started);
        QCOMPARE(started.error().code, ErrorCode::AccessDenied);
        QCOMPARE(t.simWrites().size(), writesBefore);
        auto plan = RestorePlanRepository(env.database()->connection()).plan(t.scope(), planRunId);
        QVERIFY(plan);
        QCOMPARE(plan->executedByRunId, 0);
    }

    /// Another tenant's scope gets AccessDenied (not NotFound) on the journal of a plan, on its
    /// rows, and cannot journal against its runs; its audit rows are not the tenant's.
    void crossTenantJournalAccessIsDenied()
    {
        RestoreTestEnv t(demoTenant());
        QString error;
        QVERIFY2(t.start(&error), qPrintable(error));
        CaptureTestEnv& env = t.env();
        auto backup = env.backup({QStringLiteral("settingsCatalog")});
        QVERIFY(backup);
        const qint64 snapshotId = t.snapshotOf(backup->id);
        auto content = env.snapshots().snapshotItems(t.scope(), snapshotId);
        const PolicyRecord a = content->at(0).first;
        QCOMPARE(t.graph("PATCH", QStringLiteral("/beta/deviceManagement/configurationPolicies/%1").arg(a.graphId),
                         {{QStringLiteral("description"), QStringLiteral("edited")}}).status, 200);
        const qint64 planRunId = t.makePlan(snapshotId, false, {a.id});
        auto run = t.restore(planRunId);
        QVERIFY(run);
        QCOMPARE(runStatusName(run->status), QStringLiteral("succeeded"));
        WriteJournal journal(env.database());
        auto own = journal.entriesOfPlan(t.scope(), planRunId);
        QVERIFY(own);
        QCOMPARE(own->size(), 1);

        const qint64 otherId = env.addSimTenant(QStringLiteral("Other"), 0);
        QVERIFY(otherId > 0);
        auto other = pv::test::enterTenant(env.database(), otherId);
        QVERIFY(other);
        auto entries = journal.entriesOfPlan(*other, planRunId);
        QVERIFY(!entries);
        QCOMPARE(entries.error().code, ErrorCode::AccessDenied);
        auto latest = journal.latestPerStep(*other, planRunId);
        QVERIFY(!latest);
        QCOMPARE(latest.error().code, ErrorCode::AccessDenied);
        const Status completed = journal.complete(*other, own->first().id, WriteCompletion{}, QStringLiteral("test"));
        QVERIFY(!completed);
        QCOMPARE(completed.error().code, ErrorCode::AccessDenied);
        JournalEntry forged = own->first();
        auto begun = journal.begin(*other, forged, QStringLiteral("test"));
        QVERIFY(!begun);
        QCOMPARE(begun.error().code, ErrorCode::AccessDenied);
        auto planItems = RestorePlanRepository(env.database()->connection()).items(*other, planRunId);
        QVERIFY(!planItems);
        QCOMPARE(planItems.error().code, ErrorCode::AccessDenied);
        // The row the forged attempts aimed at is unchanged.
        QCOMPARE(writeStateName(journal.entriesOfPlan(t.scope(), planRunId)->first().state), QStringLiteral("applied"));
        auto otherAudit = AuditLog(env.database()).entries(otherId, -1);
        QVERIFY(otherAudit);
        for (const AuditEntry& a2 : *otherAudit)
            QVERIFY2(!a2.action.startsWith(QLatin1String("restore.")), qPrintable(a2.action));
    }

    /// A deleted policy with a secret: without a supplied value it cannot be restored (nothing
    /// written); with one it is recreated, the value sent as notEncrypted — and the value is in
    /// no file of the store, no journal or audit row, and is removed from the secret store once
    /// the plan is done.
    void suppliedSecretIsSentButNeverStored()
    {
        RestoreTestEnv t(demoTenant());
        QString error;
        QVERIFY2(t.start(&error), qPrintable(error));
        CaptureTestEnv& env = t.env();
        auto backup = env.backup({QStringLiteral("endpointSecurity")});
        QVERIFY(backup);
        const qint64 snapshotId = t.snapshotOf(backup->id);
        auto content = env.snapshots().snapshotItems(t.scope(), snapshotId);
        QVERIFY(content);
        std::optional<PolicyRecord> edr;
        QString definition;
        for (const auto& [policy, version] : *content) {
            const QString d = secretDefinition(env.snapshots().versionContent(t.scope(), version.id)->value(QStringLiteral("settings")));
            if (!d.isEmpty()) {
                edr = policy;
                definition = d;
            }
        }
        QVERIFY2(edr, "the demo tenant has a policy with a secret");
        QCOMPARE(t.graph("DELETE", QStringLiteral("/beta/deviceManagement/configurationPolicies/%1").arg(edr->graphId)).status, 204);

        // No value: cannot_restore, nothing written.
        const qint64 withoutValue = t.makePlan(snapshotId, false, {edr->id});
        qsizetype writesBefore = t.simWrites().size();
        auto first = t.restore(withoutValue);
        QVERIFY(first);
        QCOMPARE(runStatusName(first->status), QStringLiteral("partially_succeeded"));
        QCOMPARE(itemOutcomeName(itemsByKey(env, first->id).value(planItemKey(edr->typeKey, edr->id)).outcome),
                 QStringLiteral("cannot_restore"));
        QCOMPARE(t.simWrites().size(), writesBefore);

        // A supplied value: recreated.
        const QString canary = QStringLiteral("CANARY-restore-secret-7f3a91");
        auto tenant = TenantRepository(env.database()).byId(env.tenantId());
        QVERIFY(tenant);
        SuppliedSecrets::Values values;
        values[QString::number(edr->id)][definition] = canary;
        auto key = SuppliedSecrets::store(env.secrets(), tenant->uuid, values);
        QVERIFY(key);
        const qint64 planRunId = t.makePlan(snapshotId, false, {edr->id}, *key);
        writesBefore = t.simWrites().size();
        auto run = t.restore(planRunId);
        QVERIFY(run);
        QCOMPARE(runStatusName(run->status), QStringLiteral("succeeded"));
        QCOMPARE(itemOutcomeName(itemsByKey(env, run->id).value(planItemKey(edr->typeKey, edr->id)).outcome),
                 QStringLiteral("created"));
        QCOMPARE(writesAfter(t, writesBefore).size(), 1);

        // Removed once the plan is done.
        auto loaded = SuppliedSecrets::load(env.secrets(), tenant->uuid, *key);
        QVERIFY(!loaded);
        QCOMPARE(loaded.error().code, ErrorCode::NotFound);
        // Nowhere in the store: database, WAL, journal rows, audit rows, run items.
        QVERIFY(!storeBytes(env.databasePath()).contains(canary.toUtf8()));
        QSqlQuery q(env.database()->connection());
        for (const char* sql : {"SELECT COUNT(*) FROM write_journal WHERE url LIKE '%CANARY%' OR error LIKE '%CANARY%'",
                                "SELECT COUNT(*) FROM audit_log WHERE details LIKE '%CANARY%' OR target LIKE '%CANARY%'",
                                "SELECT COUNT(*) FROM run_items WHERE message LIKE '%CANARY%'"}) {
            QVERIFY2(q.exec(QString::fromLatin1(sql)) && q.next(), sql);
            QCOMPARE(q.value(0).toInt(), 0);
        }
    }
};

QTEST_GUILESS_MAIN(TestRestoreLive)
#include "tst_restore_live.moc"
