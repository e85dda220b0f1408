// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
// RestorePlanRepository on a real SQLite store (save, read back, replace, claimExecution, another
// tenant's plan AccessDenied) and RestoreRequests (equal selections dedupe, different ones do not).
#include "core/restore/RestorePlanRepository.h"
#include "core/restore/RestoreRequests.h"
#include "core/runs/RunRepository.h"
#include "core/store/AuditLog.h"
#include "core/store/Database.h"
#include "core/store/SnapshotRepository.h"
#include "tests/testutils/ResultText.h"
#include "tests/testutils/TestDatabase.h"

#include <QJsonArray>
#include <QTest>

using namespace Qt::StringLiterals;

using namespace pv;
using namespace pv::restore;

class tst_RestorePlans : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void saveAndReadBack();
    void saveAgainReplacesTheItems();
    void claimExecutionOnce();
    void anotherTenantIsAccessDenied();
    void equalSelectionsShareADedupeTarget();
    void differentSelectionsDoNot();
    void requestsRoundTrip();
    void auditRowsOfARun();

private:
    qint64 newRun(const TenantScope& scope, const QString& kind, const QString& target);
    /// A plan item of a real policy version (the plan's rows refer to policies and versions).
    PlanItem item(int ordinal, const QString& typeKey, int policy, PlanAction action);

    test::TestDatabase m_db;
    std::optional<TenantScope> m_a;
    std::optional<TenantScope> m_b;
};

void tst_RestorePlans::init()
{
    m_db = test::makeTestDatabase(QStringLiteral("Contoso"));
    QVERIFY(m_db.isValid());
    m_a = test::enterTenant(m_db.database, m_db.tenantId);
    const qint64 other = test::addTestTenant(m_db.database, QStringLiteral("Fabrikam"));
    m_b = test::enterTenant(m_db.database, other);
    QVERIFY(m_a && m_b);
}

qint64 tst_RestorePlans::newRun(const TenantScope& scope, const QString& kind, const QString& target)
{
    RunRepository runs(m_db.database->connection());
    RunRepository::NewRun run{kind, target, RunRepository::dedupeKey(scope.tenantId(), kind, target), QJsonObject{},
                              QStringLiteral("test"), 0, ProcessIdentity{42, 4242}};
    auto id = runs.insertQueued(scope, run);
    return id ? *id : 0;
}

PlanItem tst_RestorePlans::item(int ordinal, const QString& typeKey, int policy, PlanAction action)
{
    const QString graphId = QStringLiteral("g-%1").arg(policy);
    auto recorded = SnapshotRepository(m_db.database).recordPolicyVersion(
        *m_a, typeKey, graphId, graphId, QString(), QJsonObject{{QStringLiteral("id"), graphId}, {QStringLiteral("name"), graphId}}, 0);
    if (!recorded)
        qFatal("recordPolicyVersion: %s", qPrintable(recorded.error().toString()));
    const qint64 policyId = recorded->policyId;
    PlanItem i;
    i.ordinal = ordinal;
    i.itemKey = planItemKey(typeKey, policyId);
    i.tier = tierOf(typeKey);
    i.typeKey = typeKey;
    i.policyId = policyId;
    i.policyVersionId = recorded->versionId;
    i.graphId = graphId;
    i.liveGraphId = action == PlanAction::WouldCreate ? QString() : i.graphId;
    i.name = QStringLiteral("Policy %1").arg(policyId);
    i.action = action;
    i.reason = planActionName(action);
    i.diff = QJsonObject{{QStringLiteral("settings"),
                          QJsonArray{QJsonObject{{QStringLiteral("rowKey"), QStringLiteral("a/b")},
                                                 {QStringLiteral("setting"), QStringLiteral("B")},
                                                 {QStringLiteral("old"), QStringLiteral("1")},
                                                 {QStringLiteral("new"), QStringLiteral("2")}}}}};
    i.liveFingerprint = action == PlanAction::WouldCreate ? QString() : QString(64, QLatin1Char('a'));
    return i;
}

void tst_RestorePlans::saveAndReadBack()
{
    const qint64 runId = newRun(*m_a, QLatin1String(PreviewKind), QStringLiteral("snapshot:1;sel:x"));
    QVERIFY(runId > 0);
    RestorePlanRepository plans(m_db.database->connection());
    QCOMPARE(plans.plan(*m_a, runId).error().code, ErrorCode::NotFound);   // no plan stored yet
    RestorePlan plan;
    plan.runId = runId;
    plan.options = QJsonObject{{QStringLiteral("assignments"), true}};
    const QList<PlanItem> items{item(0, QStringLiteral("scopeTags"), 5, PlanAction::Unchanged),
                                item(1, QStringLiteral("settingsCatalog"), 2, PlanAction::WouldUpdate),
                                item(2, QStringLiteral("settingsCatalog"), 7, PlanAction::WouldCreate),
                                item(3, QStringLiteral("endpointSecurity"), 9, PlanAction::CannotRestore)};
    const Status saved = plans.save(*m_a, plan, items);
    QVERIFY2(saved, saved ? "" : qPrintable(saved.error().toString()));
    auto header = plans.plan(*m_a, runId);
    QVERIFY2(header, test::errorText(header).constData());
    QCOMPARE(header->runId, runId);
    QCOMPARE(header->tenantId, m_a->tenantId());
    QCOMPARE(header->snapshotId, 0);
    QCOMPARE(header->options, plan.options);
    QCOMPARE(header->executedByRunId, 0);
    QVERIFY(header->createdAt.isValid());
    auto read = plans.items(*m_a, runId);
    QVERIFY(read);
    QCOMPARE(read->size(), items.size());
    for (int i = 0; i < items.size(); ++i) {
        const PlanItem& a = items.at(i);
        const PlanItem& b = read->at(i);
        QCOMPARE(b.ordinal, a.ordinal);
        QCOMPARE(b.itemKey, a.itemKey);
        QCOMPARE(b.tier, a.tier);
        QCOMPARE(b.typeKey, a.typeKey);
        QCOMPARE(b.policyId, a.policyId);
        QCOMPARE(b.policyVersionId, a.policyVersionId);
        QCOMPARE(b.graphId, a.graphId);
        QCOMPARE(b.liveGraphId, a.liveGraphId);
        QCOMPARE(b.name, a.name);
        QCOMPARE(b.action, a.action);
        QCOMPARE(b.reason, a.reason);
        QCOMPARE(b.diff, a.diff);
        QCOMPARE(b.liveFingerprint, a.liveFingerprint);
    }
}

void tst_RestorePlans::saveAgainReplacesTheItems()
{
    const qint64 runId = newRun(*m_a, QLatin1String(PreviewKind), QStringLiteral("snapshot:1;sel:y"));
    RestorePlanRepository plans(m_db.database->connection());
    RestorePlan plan;
    plan.runId = runId;
    QVERIFY(plans.save(*m_a, plan, {item(0, QStringLiteral("settingsCatalog"), 1, PlanAction::WouldUpdate),
                                    item(1, QStringLiteral("settingsCatalog"), 2, PlanAction::WouldUpdate)}));
    QVERIFY(plans.save(*m_a, plan, {item(0, QStringLiteral("settingsCatalog"), 3, PlanAction::Conflict)}));
    auto read = plans.items(*m_a, runId);
    QVERIFY(read);
    QCOMPARE(read->size(), 1);
    QCOMPARE(read->first().graphId, QStringLiteral("g-3"));
    QCOMPARE(read->first().action, PlanAction::Conflict);
}

void tst_RestorePlans::claimExecutionOnce()
{
    const qint64 planRun = newRun(*m_a, QLatin1String(PreviewKind), QStringLiteral("snapshot:1;sel:z"));
    const qint64 first = newRun(*m_a, QLatin1String(RestoreKind), QStringLiteral("plan:%1").arg(planRun));
    const qint64 second = newRun(*m_a, QLatin1String(RestoreKind), QStringLiteral("plan:%1;b").arg(planRun));
    QVERIFY(planRun > 0 && first > 0 && second > 0);
    RestorePlanRepository plans(m_db.database->connection());
    QCOMPARE(plans.claimExecution(*m_a, planRun, first).error().code, ErrorCode::NotFound);   // no plan
    RestorePlan plan;
    plan.runId = planRun;
    QVERIFY(plans.save(*m_a, plan, {item(0, QStringLiteral("settingsCatalog"), 1, PlanAction::WouldUpdate)}));
    QVERIFY(plans.claimExecution(*m_a, planRun, first));
    QVERIFY(plans.claimExecution(*m_a, planRun, first));   // the same chain again (a resume)
    const Status again = plans.claimExecution(*m_a, planRun, second);
    QVERIFY(!again);
    QCOMPARE(again.error().code, ErrorCode::Conflict);
    QVERIFY(again.error().message.contains(QString::number(first)));
    QCOMPARE(plans.plan(*m_a, planRun)->executedByRunId, first);
}

void tst_RestorePlans::anotherTenantIsAccessDenied()
{
    const qint64 runId = newRun(*m_a, QLatin1String(PreviewKind), QStringLiteral("snapshot:1;sel:w"));
    RestorePlanRepository plans(m_db.database->connection());
    RestorePlan plan;
    plan.runId = runId;
    QVERIFY(plans.save(*m_a, plan, {item(0, QStringLiteral("settingsCatalog"), 1, PlanAction::WouldUpdate)}));
    const qint64 theirs = newRun(*m_b, QLatin1String(RestoreKind), QStringLiteral("plan:%1").arg(runId));
    QCOMPARE(plans.plan(*m_b, runId).error().code, ErrorCode::AccessDenied);
    QCOMPARE(plans.items(*m_b, runId).error().code, ErrorCode::AccessDenied);
    QCOMPARE(plans.claimExecution(*m_b, runId, theirs).error().code, ErrorCode::AccessDenied);
    QCOMPARE(plans.save(*m_b, plan, {}).error().code, ErrorCode::AccessDenied);
    // Nothing of it changed the plan.
    QCOMPARE(plans.items(*m_a, runId)->size(), 1);
    QCOMPARE(plans.plan(*m_a, runId)->executedByRunId, 0);
}

void tst_RestorePlans::equalSelectionsShareADedupeTarget()
{
    PreviewSelection a;
    a.snapshotId = 4;
    a.policyIds = {9, 3, 5, 3};
    a.assignments = true;
    PreviewSelection b = a;
    b.policyIds = {3, 5, 9};   // the same choice in another order, without the repeat
    auto ra = previewRequest(a, QStringLiteral("cli"));
    auto rb = previewRequest(b, QStringLiteral("gui"));
    QVERIFY(ra && rb);
    QCOMPARE(ra->kind, QLatin1String(PreviewKind));
    QCOMPARE(ra->target, rb->target);
    QCOMPARE(ra->parameters, rb->parameters);
    QVERIFY(ra->target.startsWith(QStringLiteral("snapshot:4;sel:")));
    QCOMPARE(restoreRequest(12, QStringLiteral("cli"))->target, restoreRequest(12, QStringLiteral("gui"))->target);
}

void tst_RestorePlans::differentSelectionsDoNot()
{
    PreviewSelection base;
    base.snapshotId = 4;
    base.policyIds = {3, 5};
    const QString target = previewRequest(base, {})->target;
    QSet<QString> targets{target};
    PreviewSelection v = base;
    v.assignments = true;
    targets.insert(previewRequest(v, {})->target);
    v = base;
    v.policyIds = {3};
    targets.insert(previewRequest(v, {})->target);
    v = base;
    v.secretsKey = QStringLiteral("k1");
    targets.insert(previewRequest(v, {})->target);
    v = base;
    v.snapshotId = 5;
    targets.insert(previewRequest(v, {})->target);
    v = PreviewSelection{};
    v.policyVersionId = 4;
    targets.insert(previewRequest(v, {})->target);
    QCOMPARE(targets.size(), 6);
    QVERIFY(restoreRequest(12, {})->target != restoreRequest(13, {})->target);
}

void tst_RestorePlans::requestsRoundTrip()
{
    PreviewSelection s;
    s.snapshotId = 7;
    s.policyIds = {2, 1};
    s.assignments = true;
    s.secretsKey = QStringLiteral("abc-1");
    auto request = previewRequest(s, {});
    QVERIFY(request);
    auto back = previewSelection(request->parameters);
    QVERIFY(back);
    QCOMPARE(back->snapshotId, 7);
    QCOMPARE(back->policyIds, (QList<qint64>{1, 2}));
    QCOMPARE(back->assignments, true);
    QCOMPARE(back->secretsKey, s.secretsKey);
    QCOMPARE(previewRequest(PreviewSelection{}, {}).error().code, ErrorCode::InvalidArgument);
    QCOMPARE(previewSelection(QJsonObject{}).error().code, ErrorCode::InvalidArgument);
    QCOMPARE(*restorePlanRunId(restoreRequest(12, {})->parameters), 12);
    QCOMPARE(restoreRequest(0, {}).error().code, ErrorCode::InvalidArgument);
}

QTEST_GUILESS_MAIN(tst_RestorePlans)
// A run's audit trail: its restore rows only (not run 1's for run 12, not a non-restore row
// naming it), oldest first; another tenant's run is AccessDenied, an unknown one NotFound.
void tst_RestorePlans::auditRowsOfARun()
{
    const qint64 run = newRun(*m_a, QLatin1String(RestoreKind), QStringLiteral("plan:1"));
    QVERIFY(run > 0);
    const qint64 other = newRun(*m_b, QLatin1String(RestoreKind), QStringLiteral("plan:2"));
    QVERIFY(other > 0);
    const AuditLog log(m_db.database);
    const QString mine = QStringLiteral("run %1").arg(run);
    QVERIFY(log.append(m_a->tenantId(), u"t"_s, u"restore.run.start"_s, mine + u" plan 1"_s).ok());
    QVERIFY(log.append(m_a->tenantId(), u"t"_s, u"restore.write.intent"_s, mine + u" item settingsCatalog:1"_s).ok());
    QVERIFY(log.append(m_a->tenantId(), u"t"_s, u"restore.run.start"_s, QStringLiteral("run %1 plan 1").arg(run * 10)).ok());
    QVERIFY(log.append(m_a->tenantId(), u"t"_s, u"tenant.edit"_s, mine).ok());
    QVERIFY(log.append(m_a->tenantId(), u"t"_s, u"restore.run.end"_s, mine).ok());
    auto rows = log.entriesOfRun(*m_a, run);
    QVERIFY2(rows, test::errorText(rows).constData());
    QStringList actions;
    for (const AuditEntry& row : *rows)
        actions << row.action;
    QCOMPARE(actions, (QStringList{u"restore.run.start"_s, u"restore.write.intent"_s, u"restore.run.end"_s}));
    QCOMPARE(log.entriesOfRun(*m_b, run).error().code, ErrorCode::AccessDenied);
    QCOMPARE(log.entriesOfRun(*m_a, other).error().code, ErrorCode::AccessDenied);
    QCOMPARE(log.entriesOfRun(*m_a, 987654).error().code, ErrorCode::NotFound);
}

#include "tst_restoreplans.moc"
