// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "core/runs/AccessGate.h"
#include "core/runs/RunService.h"
#include "core/store/Database.h"
#include "core/store/SnapshotRepository.h"
#include "core/store/TenantRepository.h"
#include "tests/testutils/TestDatabase.h"
#include "tests/ui/FakeBackupJob.h"
#include "tests/ui/UiTestSupport.h"
#include "ui/BackupController.h"
#include "ui/BannerNotifier.h"
#include "ui/MainMenu.h"
#include "ui/MainWindow.h"
#include "ui/ModelRoles.h"
#include "ui/RunDetailPage.h"
#include "ui/RunItemsFilterProxyModel.h"
#include "ui/RunItemsModel.h"
#include "ui/RunsModel.h"
#include "ui/RunsPage.h"
#include "ui/SnapshotDetailPanel.h"
#include "ui/SnapshotsModel.h"
#include "ui/SnapshotsPage.h"

#include <QAction>
#include <QComboBox>
#include <QJsonArray>
#include <QLabel>
#include <QPushButton>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

using namespace pv;
using namespace pv::ui;
using namespace Qt::StringLiterals;

namespace {

// The contract of kind "backup" shared with the CLI: target = the sorted type keys.
const QString ContractTarget = u"assignmentFilters,endpointSecurity,scopeTags,securityBaseline,settingsCatalog"_s;

QList<RunRecord> backupRuns(const pv::test::UiFixture& fx)
{
    RunFilter filter;
    filter.kind = u"backup"_s;
    auto runs = fx.runs->runs(*fx.scope, filter);
    return runs ? runs.value() : QList<RunRecord>{};
}

} // namespace

class TestBackupNow final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { pv::test::initUiTestStyle(); }
    void disabledWithoutTenant();
    void startsOneRunWithTheContractsTarget();
    void outcomesAppearLiveAndOpenTheSnapshot();
};

void TestBackupNow::disabledWithoutTenant()
{
    QTemporaryDir dir;
    auto database = Database::open(Database::Options{dir.filePath(u"empty.db"_s)});
    QVERIFY(database);
    RunService runs(database.value());
    auto tenant = std::make_shared<pv::test::FakeTenant>();
    pv::test::registerFakeBackupKind(runs, tenant);
    const AccessGate gate(database.value());
    const TenantRepository tenants(database.value());
    const SnapshotRepository snapshots(database.value());
    BannerNotifier notifier;
    MainWindow window({runs, gate, tenants, notifier, nullptr, nullptr, &snapshots});
    window.resize(1000, 600);
    window.show();
    QVERIFY(pv::test::waitForWindowLoaded(window));
    QAction* action = window.mainMenu()->backUpNow();
    QVERIFY(!action->isEnabled());
    QVERIFY2(action->toolTip().contains(u"tenant"_s), qPrintable(action->toolTip()));
    action->trigger();   // a disabled action does nothing
    QCOMPARE(tenant->plans.load(), 0);
}

void TestBackupNow::startsOneRunWithTheContractsTarget()
{
    pv::test::UiFixture fx;
    QVERIFY(fx.isValid());
    auto tenant = std::make_shared<pv::test::FakeTenant>();
    tenant->database = fx.db.database;
    tenant->scope = fx.scope;
    tenant->policies = {{u"settingsCatalog"_s, u"a"_s, u"Defender Antivirus"_s, 1, {}},
                        {u"scopeTags"_s, u"t1"_s, u"Finance"_s, 1, {}}};
    tenant->allowedItems = 0;   // the run stays running until the test lets it go
    pv::test::registerFakeBackupKind(*fx.runs, tenant);
    const SnapshotRepository snapshots(fx.db.database);
    BannerNotifier notifier;
    MainWindow window({*fx.runs, *fx.gate, *fx.tenants, notifier, nullptr, nullptr, &snapshots});
    window.resize(1100, 640);
    window.show();
    QVERIFY(pv::test::waitForWindowLoaded(window));
    QVERIFY(window.selectTenant(fx.db.tenantId));
    QVERIFY(pv::test::waitForWindowLoaded(window));

    // Start from the Snapshots page, so "shows the run" is a visible change of page.
    window.showSnapshots();
    auto* stack = window.findChild<QStackedWidget*>(u"pageStack"_s);
    QCOMPARE(stack->currentWidget(), window.snapshotsPage());
    auto* button = window.runsPage()->findChild<QToolButton*>(u"actionBackUpNowButton"_s);
    QVERIFY(button);
    QVERIFY(button->isEnabled());
    QCOMPARE(button->text(), u"Back up now"_s);

    // Twice quickly: one run.
    QAction* action = window.mainMenu()->backUpNow();
    action->trigger();
    action->trigger();
    QTRY_VERIFY(!window.backupController()->isStarting());
    QList<RunRecord> runs = backupRuns(fx);
    QCOMPARE(runs.size(), 1);
    const RunRecord run = runs.first();
    QCOMPARE(run.target, ContractTarget);
    QCOMPARE(run.parameters.value(u"types"_s).toArray(),
             QJsonArray::fromStringList(ContractTarget.split(QLatin1Char(','))));
    QCOMPARE(run.parameters.value(u"full"_s), QJsonValue(false));
    QCOMPARE(run.initiator, u"gui"_s);

    // The window shows it at once: the runs list, with the new run selected.
    QCOMPARE(stack->currentWidget(), window.runsPage());
    QTRY_COMPARE(window.runsPage()->selectedRunId(), run.id);
    QVERIFY(window.statusBar()->currentMessage().contains(u"run %1"_s.arg(run.id)));
    QVERIFY(pv::test::saveScreenshots(&window, u"backupnow_started"_s));

    // Clicking again while it runs reuses it.
    QTest::mouseClick(button, Qt::LeftButton);
    QTRY_VERIFY(!window.backupController()->isStarting());
    QCOMPARE(backupRuns(fx).size(), 1);
    QVERIFY2(window.statusBar()->currentMessage().contains(u"already running"_s),
             qPrintable(window.statusBar()->currentMessage()));
    QTRY_COMPARE(tenant->plans.load(), 1);

    tenant->allowedItems = -1;
    QTRY_COMPARE_WITH_TIMEOUT(fx.run(run.id).status, RunStatus::Succeeded, 10000);
}

void TestBackupNow::outcomesAppearLiveAndOpenTheSnapshot()
{
    pv::test::UiFixture fx;
    QVERIFY(fx.isValid());
    const SnapshotRepository snapshots(fx.db.database);
    // An earlier capture of B and C: this backup changes B and leaves C as it was.
    for (const auto& [id, name] : {std::pair(u"b"_s, u"Edge security"_s), std::pair(u"c"_s, u"Firewall"_s)}) {
        const QJsonObject object{{u"id"_s, id}, {u"name"_s, name}, {u"description"_s, u"revision 1"_s}};
        QVERIFY(snapshots.recordPolicyVersion(*fx.scope, u"settingsCatalog"_s, id, name, u"windows10"_s, object, 0).ok());
    }
    auto tenant = std::make_shared<pv::test::FakeTenant>();
    tenant->database = fx.db.database;
    tenant->scope = fx.scope;
    tenant->policies = {
        {u"settingsCatalog"_s, u"a"_s, u"Defender Antivirus"_s, 1, {}},
        {u"settingsCatalog"_s, u"b"_s, u"Edge security"_s, 2, {}},
        {u"settingsCatalog"_s, u"c"_s, u"Firewall"_s, 1, {}},
        {u"settingsCatalog"_s, u"f"_s, u"BitLocker"_s, 1, u"Graph answered 503 Service Unavailable three times"_s},
        {u"scopeTags"_s, u"t1"_s, u"Finance"_s, 1, {}},
    };
    tenant->allowedItems = 0;
    pv::test::registerFakeBackupKind(*fx.runs, tenant);
    BannerNotifier notifier;
    MainWindow window({*fx.runs, *fx.gate, *fx.tenants, notifier, nullptr, nullptr, &snapshots});
    window.resize(1200, 720);
    window.show();
    QVERIFY(pv::test::waitForWindowLoaded(window));
    QVERIFY(window.selectTenant(fx.db.tenantId));
    QVERIFY(pv::test::waitForWindowLoaded(window));

    window.mainMenu()->backUpNow()->trigger();
    QTRY_COMPARE(backupRuns(fx).size(), 1);
    const qint64 runId = backupRuns(fx).first().id;
    QTRY_COMPARE(window.runsPage()->selectedRunId(), runId);
    window.openRun(fx.db.tenantId, runId);
    RunDetailPage* detail = window.runDetailPage();
    QCOMPARE(window.findChild<QStackedWidget*>(u"pageStack"_s)->currentWidget(), detail);
    QTRY_COMPARE(detail->findChild<QLabel*>(u"runStatusLabel"_s)->text(), u"Running"_s);
    auto* openSnapshot = detail->findChild<QPushButton*>(u"openSnapshotButton"_s);
    QVERIFY(openSnapshot->isVisible());
    QVERIFY(!openSnapshot->isEnabled());   // not before the backup has finished

    // Each item appears while the run is still running, named as a user reads a backup.
    const RunItemsModel* items = detail->itemsModel();
    using C = RunItemsModel::Column;
    const QStringList expected{u"New"_s, u"Changed"_s, u"Unchanged"_s, u"Failed"_s};
    for (int i = 0; i < expected.size(); ++i) {
        tenant->allowedItems = i + 1;
        QTRY_COMPARE_WITH_TIMEOUT(items->rowCount(), i + 1, 5000);
        QCOMPARE(fx.run(runId).status, RunStatus::Running);   // the next item waits for the test
        QCOMPARE(items->index(i, int(C::Outcome)).data().toString(), expected.at(i));
        QCOMPARE(items->index(i, int(C::Item)).data().toString(), tenant->policies.at(i).displayName);
    }
    QCOMPARE(items->index(3, int(C::Message)).data().toString(), u"Graph answered 503 Service Unavailable three times"_s);
    QCOMPARE(items->index(3, int(C::RequestId)).data().toString(), u"req-f"_s);
    auto* filter = detail->findChild<QComboBox*>(u"outcomeFilterCombo"_s);
    // Parameters in the page's words: type names, not keys.
    QCOMPARE(detail->findChild<QLabel*>(u"parameter_types"_s)->text(),
             u"Assignment filters, Endpoint security, Scope tags, Security baselines, Settings catalog"_s);
    QVERIFY(filter->findText(u"New"_s) > 0);
    QVERIFY(filter->findText(u"Changed"_s) > 0);
    QCOMPARE(filter->findText(u"Would create"_s), -1);   // not something a backup does
    filter->setCurrentIndex(filter->findText(u"Changed"_s));
    QCOMPARE(detail->itemsProxy()->rowCount(), 1);
    QCOMPARE(detail->itemsProxy()->index(0, int(C::Item)).data().toString(), u"Edge security"_s);
    filter->setCurrentIndex(0);
    QVERIFY(pv::test::saveScreenshots(detail, u"backup_rundetail_running"_s));

    tenant->allowedItems = -1;
    QTRY_COMPARE_WITH_TIMEOUT(detail->findChild<QLabel*>(u"runStatusLabel"_s)->text(), u"Partially succeeded"_s, 10000);
    QTRY_COMPARE(items->rowCount(), 5);
    QCOMPARE(items->index(4, int(C::Outcome)).data().toString(), u"New"_s);

    // "Open snapshot" leads to the snapshot this run wrote.
    auto listed = snapshots.listSnapshots(*fx.scope);
    QVERIFY(listed.ok());
    QCOMPARE(listed->size(), 1);
    const SnapshotRecord written = listed->first();
    QCOMPARE(written.runId, runId);
    QTRY_VERIFY(openSnapshot->isEnabled());
    QCOMPARE(detail->snapshotId(), written.id);
    QVERIFY(pv::test::saveScreenshots(detail, u"backup_rundetail_finished"_s));
    QTest::mouseClick(openSnapshot, Qt::LeftButton);
    SnapshotsPage* page = window.snapshotsPage();
    QCOMPARE(window.findChild<QStackedWidget*>(u"pageStack"_s)->currentWidget(), page);
    QTRY_COMPARE(page->selectedSnapshotId(), written.id);
    QTRY_COMPARE(page->detail()->snapshotId(), written.id);
    QCOMPARE(page->model()->index(0, int(SnapshotsModel::Column::Status)).data().toString(),
             u"Incomplete: Settings catalog"_s);
    QCOMPARE(page->model()->index(0, int(SnapshotsModel::Column::Items)).data().toLongLong(), 4);
    QVERIFY(pv::test::saveScreenshots(&window, u"backup_snapshot_opened"_s));
}

QTEST_MAIN(TestBackupNow)
#include "tst_backupnow.moc"
