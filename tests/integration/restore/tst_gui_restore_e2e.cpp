// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
// The whole restore from the window, with the kinds the app registers (capture, restore,
// restore_preview) against an in-process graphsim over HTTPS: a backup, a portal edit, then
// Snapshots ▸ Restore… → the policy chosen → Preview (the real restore_preview run) → the plan
// table says Update with the setting-level diff the plan stored → confirmation → Restore (the
// real restore run) → the run's detail page with the per-item outcome and its audit trail (the
// rows the job wrote, "run N plan P" / "run N item K").
#include "RestoreTestEnv.h"

#include "core/restore/RestorePlanRepository.h"
#include "core/restore/RestorePreviewJob.h"
#include "core/runs/AccessGate.h"
#include "core/store/Database.h"
#include "core/store/TenantRepository.h"
#include "tests/ui/UiTestSupport.h"
#include "ui/BannerNotifier.h"
#include "ui/MainWindow.h"
#include "ui/RestoreConfirmPanel.h"
#include "ui/RestoreDiffView.h"
#include "ui/RestoreFlow.h"
#include "ui/RestoreItemsStep.h"
#include "ui/RestorePlanModel.h"
#include "ui/RestoreReviewStep.h"
#include "ui/RunAuditPanel.h"
#include "ui/RunDetailPage.h"
#include "ui/RunItemsModel.h"
#include "ui/SnapshotDetailPanel.h"
#include "ui/SnapshotsPage.h"

#include <QCheckBox>
#include <QJsonDocument>
#include <QLabel>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QTest>
#include <QTreeWidget>

using namespace pv;
using namespace pv::ui;
using namespace Qt::StringLiterals;

class TestGuiRestoreE2e final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { pv::test::initUiTestStyle(); }
    void previewThenRestoreFromTheWindow();
};

void TestGuiRestoreE2e::previewThenRestoreFromTheWindow()
{
    graphsim::SimOptions options;
    options.tenantProfiles = {u"demo"_s};
    RestoreTestEnv restoreEnv(options);
    QString error;
    QVERIFY2(restoreEnv.start(&error), qPrintable(error));
    CaptureTestEnv& env = restoreEnv.env();
    env.runs().registerKind(restore::previewKind());   // with capture and restore: JobKinds::all's list

    auto backup = env.backup();
    QVERIFY(backup && backup->status == RunStatus::Succeeded);
    const qint64 snapshotId = restoreEnv.snapshotOf(backup->id);
    QVERIFY(snapshotId > 0);
    auto items = env.snapshots().snapshotItems(env.scope(), snapshotId);
    QVERIFY(items);
    PolicyRecord chosen;
    for (const auto& [policy, version] : std::as_const(*items)) {
        if (policy.typeKey == u"settingsCatalog" && chosen.id == 0)
            chosen = policy;
    }
    QVERIFY(chosen.id > 0);
    // An admin changes one of its settings and its description in the portal (one setting edit:
    // two could regenerate the same setting back to where it was).
    const QJsonObject mutated = env.graph().sim().sim(
        u"mutate"_s, QJsonObject{{u"seed"_s, 7}, {u"policies"_s, 1}, {u"settings"_s, 1}, {u"assignments"_s, 0}, {u"renames"_s, 0},
                                 {u"deletes"_s, 0}, {u"policyIds"_s, QJsonArray{chosen.graphId}}});
    QStringList kinds;
    for (const QJsonValue& c : mutated.value(u"changed"_s).toArray()) {
        kinds << c[u"kind"_s].toString();
        QVERIFY(c[u"old"_s] != c[u"new"_s]);
    }
    QVERIFY2(kinds.contains(u"setting"_s), qPrintable(kinds.join(u',')));
    const int writesBefore = env.graph().writes();

    const AccessGate gate(env.database());
    const TenantRepository tenants(env.database());
    BannerNotifier notifier;
    MainWindow::Services services{env.runs(), gate, tenants, notifier, nullptr, nullptr, &env.snapshots()};
    services.database = env.database();
    services.secrets = &env.secrets();
    MainWindow window(services);
    window.resize(1280, 800);
    window.show();
    QVERIFY(pv::test::waitForWindowLoaded(window));
    QVERIFY(window.selectTenant(env.tenantId()));
    QVERIFY(pv::test::waitForWindowLoaded(window));

    // Snapshots ▸ the policy selected ▸ Restore…
    window.showSnapshots(snapshotId);
    SnapshotsPage* page = window.snapshotsPage();
    QTRY_COMPARE(page->detail()->snapshotId(), snapshotId);
    QTRY_VERIFY(!page->isLoading());
    auto* policies = page->findChild<QTableView*>(u"snapshotPoliciesTable"_s);
    int row = -1;
    for (int r = 0; r < policies->model()->rowCount(); ++r)
        if (policies->model()->index(r, 0).data().toString() == chosen.displayName)
            row = r;
    QVERIFY2(row >= 0, qPrintable(chosen.displayName));
    policies->selectRow(row);
    QTest::mouseClick(page->detail()->restoreButton(), Qt::LeftButton);
    RestoreFlow* flow = window.restoreFlow();
    QVERIFY(flow);
    QTRY_VERIFY(!flow->itemsStep()->isLoading());
    QCOMPARE(flow->itemsStep()->checkedPolicyIds(), QList<qint64>{chosen.id});
    flow->itemsStep()->assignmentsBox()->setChecked(true);

    // Preview: the real restore_preview run.
    QTest::mouseClick(flow->nextButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(flow->step() == RestoreFlow::Step::Review && !flow->isBusy(), 120000);
    const qint64 planRunId = flow->planRunId();
    QVERIFY(planRunId > 0);
    QCOMPARE(env.runs().run(env.scope(), planRunId)->kind, u"restore_preview"_s);
    auto stored = restore::RestorePlanRepository(env.database()->connection()).items(env.scope(), planRunId);
    QVERIFY(stored && stored->size() == 1);
    const restore::PlanItem planned = stored->first();
    QCOMPARE(planned.action, restore::PlanAction::WouldUpdate);
    const QJsonArray settingRows = planned.diff.value(u"settings"_s).toArray();
    QVERIFY2(!settingRows.isEmpty(), QByteArray(QJsonDocument(planned.diff).toJson() + QJsonDocument(mutated).toJson()).constData());

    RestoreReviewStep* review = flow->reviewStep();
    using C = RestorePlanModel::Column;
    QCOMPARE(review->model()->rowCount(), 1);
    QCOMPARE(review->model()->index(0, int(C::Name)).data().toString(), chosen.displayName);
    QCOMPARE(review->model()->index(0, int(C::Action)).data().toString(), u"Update"_s);
    review->view()->setCurrentIndex(review->proxy()->index(0, 0));
    QTreeWidget* diff = review->diffView()->tree();
    QTRY_VERIFY(diff->topLevelItemCount() > 0);
    QTreeWidgetItem* settingsGroup = diff->topLevelItem(0);
    QCOMPARE(settingsGroup->text(0), u"Settings (%1)"_s.arg(settingRows.size()));
    int readable = 0;   // rows whose old and new read differently
    for (int i = 0; i < settingRows.size(); ++i) {
        const QJsonObject r = settingRows.at(i).toObject();
        QCOMPARE(settingsGroup->child(i)->text(0), r.value(u"setting"_s).toString());
        // "—": not there (null); "(empty)": there, without a value of its own.
        const auto shown = [](const QJsonValue& value) {
            return value.isNull() ? u"\u2014"_s : value.toString().isEmpty() ? u"(empty)"_s : value.toString();
        };
        QCOMPARE(settingsGroup->child(i)->text(1), shown(r.value(u"old"_s)));
        QCOMPARE(settingsGroup->child(i)->text(2), shown(r.value(u"new"_s)));
        QVERIFY(r.value(u"old"_s) != r.value(u"new"_s));   // null: the row is not there
        readable += settingsGroup->child(i)->text(1) != settingsGroup->child(i)->text(2) ? 1 : 0;
    }
    QVERIFY(readable > 0);
    QVERIFY(pv::test::saveScreenshots(flow, u"restore_e2e_review"_s));
    QCOMPARE(env.graph().writes(), writesBefore);   // the preview wrote nothing

    // Confirm and restore: the real restore run.
    QTest::mouseClick(flow->nextButton(), Qt::LeftButton);
    QCOMPARE(flow->step(), RestoreFlow::Step::Confirm);
    QCheckBox* box = flow->confirmPanel()->confirmBox();
    QVERIFY2(box->text().contains(u"1 change"_s), qPrintable(box->text()));
    // The summary says only what will happen: one update, no "create 0 objects".
    const QString summary = flow->confirmPanel()->summary()->text();
    QVERIFY2(summary.contains(u"update 1 object to its snapshot content"_s), qPrintable(summary));
    QVERIFY2(!summary.contains(u"create"_s), qPrintable(summary));
    box->setChecked(true);
    QVERIFY(pv::test::saveScreenshots(flow, u"restore_e2e_confirm"_s));
    QTest::mouseClick(flow->nextButton(), Qt::LeftButton);
    QTRY_VERIFY(!window.restoreFlow());
    RunDetailPage* detail = window.runDetailPage();
    QTRY_VERIFY(detail->isVisible());
    const qint64 runId = detail->runId();
    QVERIFY(runId > 0);
    QCOMPARE(env.runs().run(env.scope(), runId)->kind, u"restore"_s);
    QTRY_VERIFY_WITH_TIMEOUT(detail->run() && !isActive(detail->run()->status), 120000);
    QCOMPARE(detail->run()->status, RunStatus::Succeeded);
    QTRY_COMPARE(detail->itemsModel()->rowCount(), 1);
    QCOMPARE(detail->itemsModel()->items().at(0).outcome, ItemOutcome::Updated);
    QCOMPARE(detail->itemsModel()->items().at(0).itemKey, planned.itemKey);
    QVERIFY(env.graph().writes() > writesBefore);
    QVERIFY(pv::test::saveScreenshots(detail, u"restore_e2e_run_items"_s));

    // The audit trail: the rows the job wrote for this run, start to end.
    QTRY_COMPARE(detail->sections()->count(), 2);
    detail->sections()->setCurrentIndex(1);
    RunAuditPanel* audit = detail->auditPanel();
    QTRY_VERIFY(audit->entries().size() >= 4);
    QStringList actions;
    const QString runTarget = u"run %1 "_s.arg(runId);
    for (const AuditEntry& entry : audit->entries()) {
        actions << entry.action;
        QVERIFY2(entry.target.startsWith(runTarget), qPrintable(entry.target));
    }
    QCOMPARE(actions.first(), u"restore.run.start"_s);
    QCOMPARE(actions.last(), u"restore.run.end"_s);
    QVERIFY(actions.contains(u"restore.write.intent"_s) && actions.contains(u"restore.write.outcome"_s));
    QCOMPARE(audit->table()->rowCount(), int(audit->entries().size()));
    QVERIFY(pv::test::saveScreenshots(detail, u"restore_e2e_run_audit"_s));

    // The tenant holds the snapshot's content again: a fresh preview finds nothing to do.
    restore::PreviewSelection again;
    again.snapshotId = snapshotId;
    again.policyIds = {chosen.id};
    again.assignments = true;
    auto rerun = env.runToEnd(*restore::previewRequest(again, u"test"_s));
    QVERIFY(rerun);
    auto after = restore::RestorePlanRepository(env.database()->connection()).items(env.scope(), rerun->id);
    QVERIFY(after && after->size() == 1);
    QCOMPARE(after->first().action, restore::PlanAction::Unchanged);
}

QTEST_MAIN(TestGuiRestoreE2e)
#include "tst_gui_restore_e2e.moc"
