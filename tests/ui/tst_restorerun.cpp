// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "core/restore/RestoreRequests.h"
#include "core/runs/RunService.h"
#include "core/secrets/InMemorySecretStore.h"
#include "core/store/AuditLog.h"
#include "core/store/SnapshotRepository.h"
#include "tests/testutils/TestDatabase.h"
#include "tests/testutils/TestJob.h"
#include "tests/ui/FakeRestoreJobs.h"
#include "tests/ui/UiTestSupport.h"
#include "ui/MainWindow.h"
#include "ui/PoliciesModel.h"
#include "ui/PoliciesPage.h"
#include "ui/RestoreConfirmPanel.h"
#include "ui/RestoreFlow.h"
#include "ui/RestoreItemsStep.h"
#include "ui/RunAuditPanel.h"
#include "ui/RunDetailPage.h"
#include "ui/RunItemsModel.h"
#include "ui/SnapshotDetailPanel.h"
#include "ui/SnapshotsPage.h"

#include <QCheckBox>
#include <QJsonDocument>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QStackedWidget>
#include <QTabBar>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QTest>
#include <QTreeWidget>

using namespace pv;
using namespace pv::ui;
using namespace Qt::StringLiterals;
using restore::PlanAction;

namespace {

const QString SC = u"settingsCatalog"_s;

struct Seeded
{
    qint64 snapshotId = 0;
    qint64 a = 0, b = 0;
    qint64 bVersion = 0;
};

Seeded seed(const SnapshotRepository& repo, const TenantScope& scope)
{
    Seeded s;
    auto a = repo.recordPolicyVersion(scope, SC, u"a"_s, u"Defender Antivirus"_s, u"windows10"_s, QJsonObject{{u"id"_s, u"a"_s}}, 0);
    auto b = repo.recordPolicyVersion(scope, SC, u"b"_s, u"Edge security"_s, u"windows10"_s, QJsonObject{{u"id"_s, u"b"_s}}, 0);
    auto id = repo.beginSnapshot(scope, 0, {SC});
    if (!a || !b || !id)
        qFatal("seeding failed");
    (void)repo.addToSnapshot(scope, *id, a->versionId);
    (void)repo.addToSnapshot(scope, *id, b->versionId);
    (void)repo.finishSnapshot(scope, *id, true, {});
    s.snapshotId = *id;
    s.a = a->policyId;
    s.b = b->policyId;
    s.bVersion = b->versionId;
    return s;
}

std::shared_ptr<pv::test::FakeRestoreWorld> world(const pv::test::UiFixture& fx, const Seeded& s)
{
    auto w = std::make_shared<pv::test::FakeRestoreWorld>();
    w->database = fx.db.database;
    w->planFor = [s](const QJsonObject&) {
        return QList<restore::PlanItem>{pv::test::planItem(SC, s.a, u"Defender Antivirus"_s, PlanAction::WouldCreate),
                                        pv::test::planItem(SC, s.b, u"Edge security"_s, PlanAction::WouldUpdate)};
    };
    return w;
}

qint64 runToEnd(pv::test::UiFixture& fx, const RunRequest& request)
{
    auto ref = fx.runs->start(*fx.scope, request);
    if (!ref) {
        qWarning("start: %s", qPrintable(ref.error().toString()));
        return 0;
    }
    if (!QTest::qWaitFor([&] { return !isActive(fx.run(ref->runId).status); }, 10000))
        return 0;
    return ref->runId;
}

} // namespace

class TestRestoreRun final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { pv::test::initUiTestStyle(); }
    void detailPageShowsOutcomesAndTheAuditTrailOfTheRun();
    void snapshotsRestoreOpensTheFlowAndThenTheRun();
    void versionsTabOffersRestoreThisVersion();
};

void TestRestoreRun::detailPageShowsOutcomesAndTheAuditTrailOfTheRun()
{
    pv::test::UiFixture fx;
    QVERIFY(fx.isValid());
    const SnapshotRepository repo(fx.db.database);
    const Seeded s = seed(repo, *fx.scope);
    pv::test::registerFakeRestoreKinds(*fx.runs, world(fx, s));
    restore::PreviewSelection selection;
    selection.snapshotId = s.snapshotId;
    const qint64 planRunId = runToEnd(fx, *restore::previewRequest(selection, u"test"_s));
    QVERIFY(planRunId > 0);
    // Rows that are not this run's: another run's restore row, and a non-restore row naming it.
    const AuditLog log(fx.db.database);
    QVERIFY(log.append(fx.db.tenantId, u"tester"_s, u"restore.run.start"_s, u"run 999 plan 1"_s, u"x"_s).ok());
    const qint64 restoreRunId = runToEnd(fx, *restore::restoreRequest(planRunId, u"test"_s));
    QVERIFY(restoreRunId > 0);
    QVERIFY(log.append(fx.db.tenantId, u"tester"_s, u"tenant.edit"_s, u"run %1 item x"_s.arg(restoreRunId), u"x"_s).ok());
    // A run whose id starts with this one's digits is another run.
    QVERIFY(log.append(fx.db.tenantId, u"tester"_s, u"restore.run.end"_s, u"run %1 plan 1"_s.arg(restoreRunId * 10), u"x"_s).ok());

    RunDetailPage page(*fx.runs);
    page.setAuditLog(&log);
    page.resize(1100, 760);
    page.show();
    page.setRun(*fx.scope, restoreRunId);
    QTRY_VERIFY(page.run().has_value());
    QTRY_VERIFY(!page.isLoading());
    QTabWidget* sections = page.sections();
    QCOMPARE(sections->count(), 2);
    QCOMPARE(sections->tabText(1), u"Audit trail"_s);
    QVERIFY(!page.auditPanel()->isVisible());
    QCOMPARE(page.auditPanel()->entries().size(), 0);   // not read before anyone looks
    // Per-item outcomes of the live run.
    QCOMPARE(page.itemsModel()->rowCount(), 2);
    QCOMPARE(page.itemsModel()->items().at(0).outcome, ItemOutcome::Created);
    QCOMPARE(page.itemsModel()->items().at(1).outcome, ItemOutcome::Updated);

    sections->setCurrentIndex(1);
    RunAuditPanel* audit = page.auditPanel();
    QTRY_COMPARE(audit->entries().size(), 6);
    QStringList actions;
    for (const AuditEntry& entry : audit->entries())
        actions << entry.action;
    QCOMPARE(actions, (QStringList{u"restore.start"_s, u"restore.write.intent"_s, u"restore.write.outcome"_s,
                                   u"restore.write.intent"_s, u"restore.write.outcome"_s, u"restore.end"_s}));
    QTableWidget* table = audit->table();
    QCOMPARE(table->rowCount(), 6);
    // Targets as the real restore job writes them (the panel matches a run's rows on them).
    QCOMPARE(table->item(0, 2)->text(), u"run %1 plan %2"_s.arg(restoreRunId).arg(planRunId));
    QCOMPARE(table->item(2, 2)->text(), u"run %1 item %2"_s.arg(restoreRunId).arg(restore::planItemKey(SC, s.a)));
    QCOMPARE(table->item(2, 3)->text(), u"operation: POST · requestId: req-g-%1 · status: 201"_s.arg(s.a));
    QCOMPARE(table->item(5, 3)->text(), u"status: succeeded"_s);
    QVERIFY(pv::test::saveScreenshots(&page, u"restore_run_audit"_s));
    // The plan's preview run is a link away.
    auto* plan = page.findChild<QLabel*>(u"parameter_planRunId"_s);
    QVERIFY(plan);
    QVERIFY2(plan->text().contains(u"Preview run %1"_s.arg(planRunId)), qPrintable(plan->text()));
    QSignalSpy openRun(&page, &RunDetailPage::openRunRequested);
    emit plan->linkActivated(u"run:%1"_s.arg(planRunId));
    QCOMPARE(openRun.count(), 1);
    QCOMPARE(openRun.at(0).at(0).toLongLong(), planRunId);

    // Any other kind has no audit tab.
    const qint64 other = fx.startTestRun({{u"items"_s, 1}}, u"other"_s);
    QTRY_VERIFY(!isActive(fx.run(other).status));
    page.setRun(*fx.scope, other);
    QTRY_VERIFY(page.run() && page.run()->id == other);
    QCOMPARE(sections->count(), 1);
    QVERIFY(!sections->tabBar()->isVisible());
}

void TestRestoreRun::snapshotsRestoreOpensTheFlowAndThenTheRun()
{
    pv::test::UiFixture fx;
    QVERIFY(fx.isValid());
    const SnapshotRepository repo(fx.db.database);
    const Seeded s = seed(repo, *fx.scope);
    pv::test::registerFakeRestoreKinds(*fx.runs, world(fx, s));
    pv::test::RecordingTrayNotifier notifier;
    MainWindow::Services services{*fx.runs, *fx.gate, *fx.tenants, notifier, nullptr, fx.tenantService.get()};
    services.snapshots = &repo;
    services.database = fx.db.database;
    services.secrets = fx.secrets.get();
    MainWindow window(services);
    window.show();
    QVERIFY(pv::test::waitForWindowLoaded(window));
    QVERIFY(window.selectTenant(fx.db.tenantId));
    window.showSnapshots(s.snapshotId);
    SnapshotsPage* page = window.snapshotsPage();
    QTRY_COMPARE(page->detail()->snapshotId(), s.snapshotId);
    QTRY_VERIFY(!page->isLoading());
    // Select Edge security in the snapshot: the flow comes with it checked, alone.
    auto* policies = page->findChild<QTableView*>(u"snapshotPoliciesTable"_s);
    int edgeRow = -1;
    for (int row = 0; row < policies->model()->rowCount(); ++row) {
        if (policies->model()->index(row, 0).data().toString() == u"Edge security")
            edgeRow = row;
    }
    QVERIFY(edgeRow >= 0);
    policies->selectRow(edgeRow);
    QPushButton* restore = page->detail()->restoreButton();
    QVERIFY(restore->isVisible() && restore->isEnabled());
    QCOMPARE(restore->toolTip(), u"Preview a restore of the 1 selected object of this snapshot into the tenant."_s);
    QTest::mouseClick(restore, Qt::LeftButton);
    RestoreFlow* flow = window.restoreFlow();
    QVERIFY(flow);
    QTRY_VERIFY(!flow->itemsStep()->isLoading());
    QCOMPARE(flow->itemsStep()->checkedPolicyIds(), QList<qint64>{s.b});

    QTest::mouseClick(flow->nextButton(), Qt::LeftButton);
    QTRY_COMPARE(flow->step(), RestoreFlow::Step::Review);
    QTest::mouseClick(flow->nextButton(), Qt::LeftButton);
    QCOMPARE(flow->step(), RestoreFlow::Step::Confirm);
    flow->confirmPanel()->confirmBox()->setChecked(true);
    QTest::mouseClick(flow->nextButton(), Qt::LeftButton);
    // The flow closes and the window shows the live restore's run.
    QTRY_VERIFY(!window.restoreFlow());
    QTRY_VERIFY(window.runDetailPage()->isVisible());
    const qint64 runId = window.runDetailPage()->runId();
    QVERIFY(runId > 0);
    QCOMPARE(fx.run(runId).kind, u"restore"_s);
    QTRY_VERIFY(window.runDetailPage()->run() && !isActive(window.runDetailPage()->run()->status));
    QTRY_COMPARE(window.runDetailPage()->sections()->count(), 2);
}

void TestRestoreRun::versionsTabOffersRestoreThisVersion()
{
    pv::test::UiFixture fx;
    QVERIFY(fx.isValid());
    const SnapshotRepository repo(fx.db.database);
    const Seeded s = seed(repo, *fx.scope);
    PoliciesPage page(*fx.runs, repo, fx.db.database);
    page.resize(1100, 700);
    page.show();
    page.setScope(fx.scope);
    QTRY_VERIFY(page.model()->rowCount() == 2 && !page.isLoading());
    page.selectPolicy(s.b);
    QTRY_VERIFY(!page.isLoading());
    QTRY_COMPARE(page.versionsTable()->rowCount(), 1);
    QPushButton* button = page.restoreVersionButton();
    QVERIFY(!button->isEnabled());   // no version chosen yet
    QSignalSpy requested(&page, &PoliciesPage::restoreVersionRequested);
    page.versionsTable()->setCurrentCell(0, 0);
    QVERIFY(button->isEnabled());
    QTest::mouseClick(button, Qt::LeftButton);
    QCOMPARE(requested.count(), 1);
    QCOMPARE(requested.at(0).at(0).toLongLong(), s.b);
    QCOMPARE(requested.at(0).at(1).toLongLong(), s.bVersion);
}

QTEST_MAIN(TestRestoreRun)
#include "tst_restorerun.moc"
