// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
// The window backs up a graphsim tenant with the real capture kind, over HTTPS: "Back up now",
// the run's per-policy outcomes, "Open snapshot", and a second backup after graphsim's
// /_sim/mutate whose changes the Snapshots page counts exactly.
#include "CaptureTestEnv.h"

#include "core/runs/AccessGate.h"
#include "core/store/TenantRepository.h"
#include "tests/ui/UiTestSupport.h"
#include "ui/BannerNotifier.h"
#include "ui/MainMenu.h"
#include "ui/MainWindow.h"
#include "ui/ModelRoles.h"
#include "ui/RunDetailPage.h"
#include "ui/RunItemsModel.h"
#include "ui/RunsPage.h"
#include "ui/SnapshotDetailPanel.h"
#include "ui/SnapshotsModel.h"
#include "ui/SnapshotsPage.h"

#include <QAction>
#include <QLabel>
#include <QPushButton>
#include <QSet>
#include <QStackedWidget>
#include <QTest>

using namespace pv;
using namespace pv::ui;
using namespace Qt::StringLiterals;

namespace {

graphsim::SimOptions smallTenant()
{
    graphsim::SimOptions options;
    options.tenantProfiles = {u"small"_s};
    return options;
}

QMap<QString, int> outcomeTexts(const RunItemsModel* items)
{
    QMap<QString, int> out;
    for (int row = 0; row < items->rowCount(); ++row)
        ++out[items->index(row, int(RunItemsModel::Column::Outcome)).data().toString()];
    return out;
}

qint64 newestBackup(CaptureTestEnv& env, qint64 after)
{
    RunFilter filter;
    filter.kind = u"backup"_s;
    auto runs = env.runs().runs(env.scope(), filter);
    qint64 newest = 0;
    for (const RunRecord& run : runs ? runs.value() : QList<RunRecord>{})
        newest = qMax(newest, run.id > after ? run.id : 0);
    return newest;
}

} // namespace

class TestGuiBackup final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { pv::test::initUiTestStyle(); }
    void backUpNowThenMutateThenBackUpAgain();
};

void TestGuiBackup::backUpNowThenMutateThenBackUpAgain()
{
    CaptureTestEnv env(smallTenant());
    QString error;
    QVERIFY2(env.start(&error), qPrintable(error));
    const AccessGate gate(env.database());
    const TenantRepository tenants(env.database());
    BannerNotifier notifier;
    MainWindow window({env.runs(), gate, tenants, notifier, nullptr, nullptr, &env.snapshots()});
    window.resize(1200, 760);
    window.show();
    QVERIFY(pv::test::waitForWindowLoaded(window));
    QVERIFY(window.selectTenant(env.tenantId()));
    QVERIFY(pv::test::waitForWindowLoaded(window));
    auto* stack = window.findChild<QStackedWidget*>(u"pageStack"_s);
    RunDetailPage* detail = window.runDetailPage();
    auto* status = detail->findChild<QLabel*>(u"runStatusLabel"_s);
    auto* openSnapshot = detail->findChild<QPushButton*>(u"openSnapshotButton"_s);
    SnapshotsPage* snapshotsPage = window.snapshotsPage();

    // First backup: every object is new.
    window.mainMenu()->backUpNow()->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(newestBackup(env, 0) > 0, 10000);
    const qint64 first = newestBackup(env, 0);
    QTRY_COMPARE(window.runsPage()->selectedRunId(), first);
    window.openRun(env.tenantId(), first);
    QCOMPARE(stack->currentWidget(), detail);
    QTRY_COMPARE_WITH_TIMEOUT(status->text(), u"Succeeded"_s, 120000);
    auto firstRun = env.runs().run(env.scope(), first);
    QVERIFY(firstRun);
    const int total = firstRun->counts.total();
    QVERIFY(total > 100);
    QTRY_COMPARE(detail->itemsModel()->rowCount(), total);
    QCOMPARE(outcomeTexts(detail->itemsModel()), (QMap<QString, int>{{u"New"_s, total}}));

    auto firstSnapshot = env.snapshots().snapshotOfRun(env.scope(), first);
    QVERIFY(firstSnapshot);
    QTRY_VERIFY(openSnapshot->isEnabled());
    QTest::mouseClick(openSnapshot, Qt::LeftButton);
    QCOMPARE(stack->currentWidget(), snapshotsPage);
    QTRY_COMPARE(snapshotsPage->detail()->snapshotId(), firstSnapshot->id);
    QTRY_VERIFY(!snapshotsPage->isLoading());
    const SnapshotsModel* list = snapshotsPage->model();
    using C = SnapshotsModel::Column;
    QCOMPARE(list->rowCount(), 1);
    QCOMPARE(list->index(0, int(C::Status)).data().toString(), u"Complete"_s);
    QCOMPARE(list->index(0, int(C::Items)).data().toLongLong(), qint64(total));
    auto firstDetail = env.snapshots().snapshot(env.scope(), firstSnapshot->id);
    QVERIFY(firstDetail);
    QCOMPARE(list->index(0, int(C::ByType)).data().toString(), SnapshotsModel::byTypeText(firstDetail->itemsByType));
    QCOMPARE(list->index(0, int(C::Changes)).data().toString(), u"First snapshot"_s);
    QCOMPARE(snapshotsPage->detail()->policiesModel()->rowCount(), total);

    // An admin edits some policies in the portal; the second backup finds exactly those.
    // Descriptions and assignments only: graphsim's "settings" edit regenerates a setting at
    // random, which can give it the value it had (then nothing changed and it is reported).
    const QJsonObject mutated = env.graph().sim().sim(
        u"mutate"_s, QJsonObject{{u"seed"_s, 11}, {u"policies"_s, 3}, {u"settings"_s, 0}, {u"assignments"_s, 3}});
    QSet<QString> changedIds;
    for (const QJsonValue& change : mutated.value(u"changed"_s).toArray())
        changedIds.insert(change.toObject().value(u"policyId"_s).toString());
    QVERIFY2(!changedIds.isEmpty(), "graphsim reported no change");
    const int changed = int(changedIds.size());

    window.mainMenu()->backUpNow()->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(newestBackup(env, first) > 0, 10000);
    const qint64 second = newestBackup(env, first);
    QTRY_COMPARE(window.runsPage()->selectedRunId(), second);
    window.openRun(env.tenantId(), second);
    QTRY_COMPARE_WITH_TIMEOUT(status->text(), u"Succeeded"_s, 120000);
    QTRY_COMPARE(detail->itemsModel()->rowCount(), total);
    QCOMPARE(outcomeTexts(detail->itemsModel()),
             (QMap<QString, int>{{u"Changed"_s, changed}, {u"Unchanged"_s, total - changed}}));
    QVERIFY(pv::test::saveScreenshots(detail, u"guibackup_second_run"_s));

    QTRY_VERIFY(openSnapshot->isEnabled());
    QTest::mouseClick(openSnapshot, Qt::LeftButton);
    auto secondSnapshot = env.snapshots().snapshotOfRun(env.scope(), second);
    QVERIFY(secondSnapshot);
    QTRY_COMPARE(snapshotsPage->detail()->snapshotId(), secondSnapshot->id);
    QTRY_VERIFY(!snapshotsPage->isLoading());
    QCOMPARE(list->rowCount(), 2);
    QCOMPARE(list->index(0, 0).data(IdRole).toLongLong(), secondSnapshot->id);
    QCOMPARE(list->index(0, int(C::Changes)).data().toString(),
             u"%1 changed · %2 unchanged"_s.arg(changed).arg(total - changed));
    QVERIFY(pv::test::saveScreenshots(&window, u"guibackup_snapshots"_s));
    QCOMPARE(env.graph().writes(), 0);
}

QTEST_MAIN(TestGuiBackup)
#include "tst_guibackup.moc"
