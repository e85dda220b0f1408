// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "core/restore/RestoreRequests.h"
#include "core/restore/SuppliedSecrets.h"
#include "core/runs/RunService.h"
#include "core/secrets/InMemorySecretStore.h"
#include "core/store/SnapshotRepository.h"
#include "core/store/TenantRepository.h"
#include "tests/testutils/TestDatabase.h"
#include "tests/ui/FakeRestoreJobs.h"
#include "tests/ui/UiTestSupport.h"
#include "ui/MessageWidget.h"
#include "ui/ModelRoles.h"
#include "ui/RestoreConfirmPanel.h"
#include "ui/RestoreDiffView.h"
#include "ui/RestoreFlow.h"
#include "ui/RestoreItemsStep.h"
#include "ui/RestorePlanModel.h"
#include "ui/RestorePreviewController.h"
#include "ui/RestoreReviewStep.h"
#include "ui/RestoreSecretsPanel.h"

#include <QAbstractItemModelTester>
#include <QCheckBox>
#include <QComboBox>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>
#include <QTimer>
#include <QTreeWidget>

using namespace pv;
using namespace pv::ui;
using namespace Qt::StringLiterals;
using restore::PlanAction;

namespace {

const QString SC = u"settingsCatalog"_s;
const QString LongName = u"Windows 11 — Corporate baseline — BitLocker, Defender ASR rules, Credential Guard and LAPS "
                         "for the Finance and Legal departments (owned by SecOps)"_s;

/// One snapshot: scope tag Finance, filter Contractors, settings catalog Defender, Edge, LongName.
struct Seed
{
    qint64 snapshotId = 0;
    qint64 tag = 0, filter = 0, defender = 0, edge = 0, longOne = 0;
    qint64 edgeVersion = 0;
};

Seed seed(const SnapshotRepository& repo, const TenantScope& scope)
{
    Seed s;
    const auto record = [&](const QString& type, const QString& id, const QString& name) {
        auto v = repo.recordPolicyVersion(scope, type, id, name, u"windows10"_s, QJsonObject{{u"id"_s, id}, {u"name"_s, name}}, 0);
        if (!v)
            qFatal("recordPolicyVersion: %s", qPrintable(v.error().toString()));
        return *v;
    };
    const RecordedVersion a = record(SC, u"a"_s, u"Defender Antivirus"_s);
    const RecordedVersion b = record(SC, u"b"_s, u"Edge security"_s);
    const RecordedVersion c = record(SC, u"c"_s, LongName);
    const RecordedVersion t = record(u"scopeTags"_s, u"t"_s, u"Finance"_s);
    const RecordedVersion f = record(u"assignmentFilters"_s, u"f"_s, u"Contractors"_s);
    auto id = repo.beginSnapshot(scope, 0, {SC, u"scopeTags"_s, u"assignmentFilters"_s});
    if (!id)
        qFatal("beginSnapshot");
    for (const RecordedVersion& v : {a, b, c, t, f})
        (void)repo.addToSnapshot(scope, *id, v.versionId);
    (void)repo.finishSnapshot(scope, *id, true, {});
    s.snapshotId = *id;
    s.defender = a.policyId;
    s.edge = b.policyId;
    s.edgeVersion = b.versionId;
    s.longOne = c.policyId;
    s.tag = t.policyId;
    s.filter = f.policyId;
    return s;
}

QJsonObject updateDiff()
{
    return QJsonObject{
        {u"settings"_s, QJsonArray{QJsonObject{{u"rowKey"_s, u"defender_allowarchivescanning"_s},
                                               {u"setting"_s, u"Allow Archive Scanning"_s},
                                               {u"old"_s, u"Not allowed"_s},
                                               {u"new"_s, u"Allowed"_s}},
                                   QJsonObject{{u"rowKey"_s, u"defender_cloudblocklevel"_s},
                                               {u"setting"_s, u"Cloud Block Level"_s},
                                               {u"old"_s, u"Default"_s},
                                               {u"new"_s, u"High"_s}}}},
        {u"metadata"_s, QJsonArray{QJsonObject{{u"field"_s, u"description"_s}, {u"old"_s, u"edited in the portal"_s},
                                               {u"new"_s, u"Baseline AV"_s}}}},
        {u"assignments"_s, QJsonObject{{u"summary"_s, u"/assign with this set removes 2 assignments"_s},
                                       {u"added"_s, QJsonArray{}},
                                       {u"removed"_s, QJsonArray{u"All devices"_s, u"Pilot ring"_s}}}}};
}

/// The plan of the seeded snapshot: every action once (and Edge unchanged).
QList<restore::PlanItem> fullPlan(const Seed& s)
{
    return {pv::test::planItem(u"scopeTags"_s, s.tag, u"Finance"_s, PlanAction::Unchanged),
            pv::test::planItem(u"assignmentFilters"_s, s.filter, u"Contractors"_s, PlanAction::WouldCreate),
            pv::test::planItem(SC, s.defender, u"Defender Antivirus"_s, PlanAction::WouldUpdate, {}, updateDiff()),
            pv::test::planItem(SC, s.edge, u"Edge security"_s, PlanAction::Conflict,
                               u"The live policy's template differs (endpoint security firewall)"_s),
            pv::test::planItem(SC, s.longOne, LongName, PlanAction::CannotRestore,
                               u"Template 'windows10_baseline_2021' is retired"_s)};
}

struct World
{
    pv::test::UiFixture fx;
    std::shared_ptr<pv::test::FakeRestoreWorld> world = std::make_shared<pv::test::FakeRestoreWorld>();
    std::unique_ptr<SnapshotRepository> repo;
    Seed s;
    QString tenantUuid;

    World()
    {
        if (!fx.isValid())
            return;
        world->database = fx.db.database;
        pv::test::registerFakeRestoreKinds(*fx.runs, world);
        repo = std::make_unique<SnapshotRepository>(fx.db.database);
        s = seed(*repo, *fx.scope);
        world->planFor = [plan = fullPlan(s)](const QJsonObject&) { return plan; };
        auto tenant = fx.tenants->byId(fx.db.tenantId);
        tenantUuid = tenant ? tenant->uuid : QString();
    }
    RestoreFlowContext context(const std::optional<TenantScope>& scope = {}) const
    {
        return RestoreFlowContext{*fx.runs, fx.db.database, *repo, fx.secrets.get(), scope ? *scope : *fx.scope,
                                  u"Contoso"_s, tenantUuid};
    }
};

bool reachesReview(RestoreFlow& flow)
{
    return QTest::qWaitFor([&] { return flow.step() == RestoreFlow::Step::Review && !flow.isBusy(); }, 10000);
}

} // namespace

class TestRestoreFlow final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { pv::test::initUiTestStyle(); }
    void choosesItemsAndPreviewsTheSelection();
    void previewShowsProgressAndCanBeCancelled();
    void startingThePreviewNeverBlocksTheWindow();
    void failedPreviewShowsItsError();
    void planTableFiltersByActionAndShowsTheDiff();
    void nothingToDoDisablesRestore();
    void secretsAreStoredOffTheGuiThreadAndReplanned();
    void confirmationNamesTenantAndWritesThenStartsRestore();
    void readOnlyTenantPreviewsButCannotRestore();
    void noSnapshotSaysToBackUpFirst();
    void versionSourcePreviewsThatVersion();
    void keyboardEnterPreviewsAndEscapeCancelsThePreview();
};

void TestRestoreFlow::choosesItemsAndPreviewsTheSelection()
{
    World w;
    QVERIFY(w.fx.isValid());
    RestoreFlow flow(w.context(), RestoreSource{w.s.snapshotId, {w.s.defender, w.s.tag}, 0, 0});
    flow.show();
    QTRY_VERIFY(!flow.itemsStep()->isLoading());
    QTreeWidget* tree = flow.itemsStep()->tree();
    // Grouped by type in restore order: scope tags, filters, then policies.
    QCOMPARE(tree->topLevelItemCount(), 3);
    QCOMPARE(tree->topLevelItem(0)->text(0), u"Scope tags (1)"_s);
    QCOMPARE(tree->topLevelItem(1)->text(0), u"Assignment filters (1)"_s);
    QCOMPARE(tree->topLevelItem(2)->text(0), u"Settings catalog (3)"_s);
    QCOMPARE(flow.itemsStep()->itemCount(), 5);
    // The policies selected on the Snapshots page come checked; the others not.
    QCOMPARE(flow.itemsStep()->checkedPolicyIds(), (QList<qint64>{w.s.tag, w.s.defender}));
    QCOMPARE(flow.findChild<QLabel*>(u"restoreItemsCount"_s)->text(), u"2 of 5 objects chosen"_s);
    QVERIFY(flow.nextButton()->isEnabled());
    QCOMPARE(flow.nextButton()->text(), u"&Preview"_s);
    QVERIFY(!flow.backButton()->isEnabled());
    flow.itemsStep()->assignmentsBox()->setChecked(true);
    QVERIFY(pv::test::saveScreenshots(&flow, u"restore_items"_s));

    // Unchecking everything leaves nothing to preview.
    tree->topLevelItem(0)->child(0)->setCheckState(0, Qt::Unchecked);
    tree->topLevelItem(2)->setCheckState(0, Qt::Unchecked);
    QVERIFY(!flow.nextButton()->isEnabled());
    tree->topLevelItem(2)->child(0)->setCheckState(0, Qt::Checked);   // Defender (sorted by name)
    tree->topLevelItem(1)->child(0)->setCheckState(0, Qt::Checked);   // the filter
    const QList<qint64> chosen = flow.itemsStep()->checkedPolicyIds();
    QCOMPARE(chosen.size(), 2);

    QTest::mouseClick(flow.nextButton(), Qt::LeftButton);
    QVERIFY(reachesReview(flow));
    // The RunService got exactly the request previewRequest builds for this selection.
    restore::PreviewSelection expected;
    expected.snapshotId = w.s.snapshotId;
    expected.policyIds = chosen;
    expected.assignments = true;
    auto request = restore::previewRequest(expected, u"gui"_s);
    QVERIFY(request.ok());
    const RunRecord run = w.fx.run(flow.planRunId());
    QCOMPARE(run.kind, u"restore_preview"_s);
    QCOMPARE(run.target, request->target);
    QCOMPARE(run.parameters, request->parameters);
    QCOMPARE(run.initiator, u"gui"_s);
    QCOMPARE(flow.reviewStep()->model()->rowCount(), 5);
}

void TestRestoreFlow::previewShowsProgressAndCanBeCancelled()
{
    World w;
    QVERIFY(w.fx.isValid());
    w.world->allowedItems = 2;   // the preview stops after two items until the test lets it go on
    RestoreFlow flow(w.context(), RestoreSource{w.s.snapshotId, {}, 0, 0});
    flow.show();
    QTRY_VERIFY(flow.nextButton()->isEnabled());
    QTest::mouseClick(flow.nextButton(), Qt::LeftButton);
    QCOMPARE(flow.step(), RestoreFlow::Step::Preview);
    auto* progress = flow.findChild<QProgressBar*>(u"restorePreviewProgress"_s);
    // The window follows the run while the GUI thread stays free: the progress moves.
    QTRY_COMPARE(progress->value(), 2);
    QCOMPARE(progress->maximum(), 5);
    QCOMPARE(progress->format(), u"2 of 5 items"_s);
    QVERIFY(!flow.nextButton()->isEnabled());
    QVERIFY(flow.cancelPreviewButton()->isVisible());
    QVERIFY(pv::test::saveScreenshots(&flow, u"restore_preview_running"_s));

    const qint64 runId = flow.preview()->runId();
    QVERIFY(runId > 0);
    QTest::mouseClick(flow.cancelPreviewButton(), Qt::LeftButton);
    QTRY_COMPARE(w.fx.run(runId).status, RunStatus::Cancelled);
    QTRY_VERIFY(flow.previewMessage()->isVisible());
    QCOMPARE(flow.previewMessage()->type(), MessageWidget::Type::Information);
    QVERIFY2(flow.previewMessage()->text().contains(u"cancelled"_s), qPrintable(flow.previewMessage()->text()));
    QCOMPARE(flow.planRunId(), 0);
    QVERIFY(flow.nextButton()->isEnabled());
    QCOMPARE(flow.nextButton()->text(), u"&Preview Again"_s);
    w.world->allowedItems = -1;
}

void TestRestoreFlow::startingThePreviewNeverBlocksTheWindow()
{
    World w;
    QVERIFY(w.fx.isValid());
    RestoreFlow flow(w.context(), RestoreSource{w.s.snapshotId, {}, 0, 0});
    flow.show();
    QTRY_VERIFY(flow.nextButton()->isEnabled());
    // Another process (the CLI) holds the store's write lock: a start must wait for it. Done on
    // the GUI thread, the click would not return before the lock is gone.
    pv::test::ForeignWriteLock lock(w.fx.db.path);
    QVERIFY(lock.isHeld());
    QTest::mouseClick(flow.nextButton(), Qt::LeftButton);
    QCOMPARE(flow.step(), RestoreFlow::Step::Preview);
    QCOMPARE(flow.preview()->runId(), 0);   // the start is still waiting…
    bool ticked = false;
    QTimer::singleShot(50, &flow, [&ticked] { ticked = true; });
    QTRY_VERIFY(ticked);   // …while the event loop runs
    QCOMPARE(flow.preview()->runId(), 0);
    QVERIFY(flow.cancelButton()->isEnabled());
    lock.release();
    QVERIFY(reachesReview(flow));
    QVERIFY(flow.planRunId() > 0);
}

void TestRestoreFlow::failedPreviewShowsItsError()
{
    World w;
    QVERIFY(w.fx.isValid());
    w.world->failPreviewWith = u"Graph answered 503 (request ID 4f1c-aa)"_s;
    RestoreFlow flow(w.context(), RestoreSource{w.s.snapshotId, {}, 0, 0});
    flow.show();
    QTRY_VERIFY(flow.nextButton()->isEnabled());
    QTest::mouseClick(flow.nextButton(), Qt::LeftButton);
    QTRY_VERIFY(flow.previewMessage()->isVisible());
    QTRY_VERIFY(!flow.isBusy());
    QCOMPARE(flow.step(), RestoreFlow::Step::Preview);
    QCOMPARE(flow.previewMessage()->type(), MessageWidget::Type::Error);
    QVERIFY2(flow.previewMessage()->text().contains(u"Graph answered 503 (request ID 4f1c-aa)"_s),
             qPrintable(flow.previewMessage()->text()));
    QCOMPARE(w.fx.run(flow.preview()->runId()).status, RunStatus::Failed);
    QVERIFY(pv::test::saveScreenshots(&flow, u"restore_preview_failed"_s));
    // Back to the items, or preview again (now succeeding).
    QVERIFY(flow.backButton()->isEnabled());
    w.world->failPreviewWith.clear();
    QTest::mouseClick(flow.nextButton(), Qt::LeftButton);
    QVERIFY(reachesReview(flow));
    QVERIFY(!flow.previewMessage()->isVisible());
}

void TestRestoreFlow::planTableFiltersByActionAndShowsTheDiff()
{
    World w;
    QVERIFY(w.fx.isValid());
    RestoreFlow flow(w.context(), RestoreSource{w.s.snapshotId, {}, 0, 0});
    flow.show();
    QTRY_VERIFY(flow.nextButton()->isEnabled());
    QTest::mouseClick(flow.nextButton(), Qt::LeftButton);
    QVERIFY(reachesReview(flow));
    RestoreReviewStep* review = flow.reviewStep();
    QAbstractItemModelTester tester(review->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    using C = RestorePlanModel::Column;
    const QAbstractItemModel* model = review->model();
    // The plan's order, each row as stored.
    QCOMPARE(model->index(0, int(C::Name)).data().toString(), u"Finance"_s);
    QCOMPARE(model->index(1, int(C::Action)).data().toString(), u"Create"_s);
    QCOMPARE(model->index(2, int(C::Action)).data().toString(), u"Update"_s);
    QCOMPARE(model->index(2, int(C::Type)).data().toString(), u"Settings catalog"_s);
    QCOMPARE(model->index(2, int(C::Details)).data().toString(),
             u"2 settings · 1 property · /assign with this set removes 2 assignments"_s);
    QCOMPARE(model->index(4, int(C::Action)).data(UnderlyingDataRole).toString(), u"cannot_restore"_s);
    QCOMPARE(model->index(4, int(C::Details)).data().toString(), u"Template 'windows10_baseline_2021' is retired"_s);
    QVERIFY(!model->index(3, int(C::Action)).data(Qt::DecorationRole).value<QIcon>().isNull());
    QCOMPARE(flow.findChild<QLabel*>(u"restorePlanCounts"_s)->text(),
             u"Plan of preview run %1: 1 to create · 1 to update · 1 unchanged · 1 conflict · 1 cannot be restored"_s.arg(
                 flow.planRunId()));
    // Two items will be skipped; the banner says so.
    QVERIFY(review->banner()->isVisible());
    QCOMPARE(review->banner()->type(), MessageWidget::Type::Warning);

    // The first item that changes something is selected and its diff shown.
    QCOMPARE(review->view()->currentIndex().row(), 1);
    // Filter by action.
    QComboBox* filter = review->actionFilter();
    QCOMPARE(filter->count(), 6);
    QCOMPARE(filter->itemText(0), u"All actions (5)"_s);
    filter->setCurrentIndex(filter->findData(int(PlanAction::WouldUpdate)));
    QCOMPARE(review->proxy()->rowCount(), 1);
    review->view()->setCurrentIndex(review->proxy()->index(0, 0));
    QTreeWidget* tree = review->diffView()->tree();
    QCOMPARE(tree->topLevelItemCount(), 3);
    QCOMPARE(tree->topLevelItem(0)->text(0), u"Settings (2)"_s);
    QCOMPARE(tree->topLevelItem(0)->child(0)->text(0), u"Allow Archive Scanning"_s);
    QCOMPARE(tree->topLevelItem(0)->child(0)->text(1), u"Not allowed"_s);
    QCOMPARE(tree->topLevelItem(0)->child(0)->text(2), u"Allowed"_s);
    QCOMPARE(tree->topLevelItem(1)->text(0), u"Properties (1)"_s);
    QCOMPARE(tree->topLevelItem(1)->child(0)->text(2), u"Baseline AV"_s);
    QCOMPARE(tree->topLevelItem(2)->text(0), u"Assignments: /assign with this set removes 2 assignments"_s);
    QCOMPARE(tree->topLevelItem(2)->childCount(), 2);
    QCOMPARE(tree->topLevelItem(2)->child(1)->text(1), u"Pilot ring"_s);
    QVERIFY(!review->diffView()->reasonBanner()->isVisible());
    QVERIFY(pv::test::saveScreenshots(&flow, u"restore_review_update"_s));

    filter->setCurrentIndex(filter->findData(int(PlanAction::Conflict)));
    QCOMPARE(review->proxy()->rowCount(), 1);
    review->view()->setCurrentIndex(review->proxy()->index(0, 0));
    QVERIFY(review->diffView()->reasonBanner()->isVisible());
    QCOMPARE(review->diffView()->reasonBanner()->type(), MessageWidget::Type::Warning);
    QVERIFY2(review->diffView()->reasonBanner()->text().contains(u"template differs"_s),
             qPrintable(review->diffView()->reasonBanner()->text()));
    filter->setCurrentIndex(0);
    QCOMPARE(review->proxy()->rowCount(), 5);
    QVERIFY(flow.nextButton()->isEnabled());
}

void TestRestoreFlow::nothingToDoDisablesRestore()
{
    World w;
    QVERIFY(w.fx.isValid());
    w.world->planFor = [s = w.s](const QJsonObject&) {
        return QList<restore::PlanItem>{pv::test::planItem(SC, s.defender, u"Defender Antivirus"_s, PlanAction::Unchanged),
                                        pv::test::planItem(SC, s.edge, u"Edge security"_s, PlanAction::Unchanged)};
    };
    RestoreFlow flow(w.context(), RestoreSource{w.s.snapshotId, {}, 0, 0});
    flow.show();
    QTRY_VERIFY(flow.nextButton()->isEnabled());
    QTest::mouseClick(flow.nextButton(), Qt::LeftButton);
    QVERIFY(reachesReview(flow));
    MessageWidget* banner = flow.reviewStep()->banner();
    QVERIFY(banner->isVisible());
    QCOMPARE(banner->type(), MessageWidget::Type::Positive);
    QCOMPARE(banner->text(), u"Everything already matches the snapshot. There is nothing to restore."_s);
    QVERIFY(!flow.nextButton()->isEnabled());
    QCOMPARE(flow.nextButton()->toolTip(), u"The plan writes nothing: there is nothing to restore."_s);
    QVERIFY(pv::test::saveScreenshots(&flow, u"restore_review_nothing"_s));
}

void TestRestoreFlow::secretsAreStoredOffTheGuiThreadAndReplanned()
{
    World w;
    QVERIFY(w.fx.isValid());
    const QString canary = u"Canary-Wifi-PSK-7f3a91"_s;
    const QString definition = u"device_vendor_msft_wifi_presharedkey"_s;
    // Without supplied values the Wi-Fi policy cannot be restored; with them it is an update.
    w.world->planFor = [s = w.s, definition](const QJsonObject& parameters) {
        const bool supplied = !parameters.value(u"secretsKey"_s).toString().isEmpty();
        QJsonObject diff{{u"secretsNeeded"_s, QJsonArray{definition}}};
        return QList<restore::PlanItem>{
            pv::test::planItem(SC, s.defender, u"Defender Antivirus"_s, PlanAction::WouldUpdate, {}, updateDiff()),
            supplied ? pv::test::planItem(SC, s.edge, u"Corporate Wi-Fi"_s, PlanAction::WouldUpdate, {}, updateDiff())
                     : pv::test::planItem(SC, s.edge, u"Corporate Wi-Fi"_s, PlanAction::CannotRestore,
                                          u"The secret value of 1 setting is no longer valid and no value was supplied"_s,
                                          diff)};
    };
    RestoreFlow flow(w.context(), RestoreSource{w.s.snapshotId, {}, 0, 0});
    flow.show();
    QTRY_VERIFY(flow.nextButton()->isEnabled());
    QTest::mouseClick(flow.nextButton(), Qt::LeftButton);
    QVERIFY(reachesReview(flow));
    const qint64 firstPlan = flow.planRunId();
    QCOMPARE(flow.secretsPanel()->neededCount(), 1);
    QTest::mouseClick(flow.nextButton(), Qt::LeftButton);
    QCOMPARE(flow.step(), RestoreFlow::Step::Secrets);
    QLineEdit* field = flow.secretsPanel()->field(w.s.edge, definition);
    QVERIFY(field);
    QCOMPARE(field->echoMode(), QLineEdit::Password);
    QTRY_VERIFY(field->hasFocus());
    QVERIFY(!flow.secretsPanel()->replanButton()->isEnabled());
    QTest::keyClicks(field, canary);
    QVERIFY(flow.secretsPanel()->replanButton()->isEnabled());
    QVERIFY(pv::test::saveScreenshots(&flow, u"restore_secrets"_s));

    // Enter in the field stores the value and previews again with its key.
    QTest::keyClick(field, Qt::Key_Return);
    QVERIFY(QTest::qWaitFor([&] { return flow.planRunId() > 0 && flow.planRunId() != firstPlan && !flow.isBusy(); }, 10000));
    QCOMPARE(flow.step(), RestoreFlow::Step::Review);
    const QString key = flow.selection().secretsKey;
    QVERIFY(!key.isEmpty());
    auto stored = restore::SuppliedSecrets::load(*w.fx.secrets, w.tenantUuid, key);
    QVERIFY(stored.ok());
    QCOMPARE(stored->value(QString::number(w.s.edge)).value(definition), canary);
    // The run names the key, never the value.
    const RunRecord replanned = w.fx.run(flow.planRunId());
    QCOMPARE(replanned.parameters.value(u"secretsKey"_s).toString(), key);
    QVERIFY(!QJsonDocument(replanned.parameters).toJson().contains(canary.toUtf8()));
    QCOMPARE(flow.reviewStep()->model()->writeCount(), 2);
    QCOMPARE(flow.secretsPanel()->neededCount(), 0);

    // Closing without restoring removes the values from the keychain.
    flow.reject();
    QTRY_VERIFY(!flow.isBusy());
    QCOMPARE(restore::SuppliedSecrets::load(*w.fx.secrets, w.tenantUuid, key).error().code, ErrorCode::NotFound);
    const auto suppliedEntries = [&] {
        int n = 0;
        const auto entries = w.fx.secrets->entries();
        for (auto it = entries.cbegin(); it != entries.cend(); ++it)
            n += it.key().contains(u"restore-secrets"_s) || it.value().contains(canary.toUtf8()) ? 1 : 0;
        return n;
    };
    QCOMPARE(suppliedEntries(), 0);

    // Closed while the values are still being stored: they are removed too, whichever comes first.
    RestoreFlow second(w.context(), RestoreSource{w.s.snapshotId, {}, 0, 0});
    second.show();
    QTRY_VERIFY(second.nextButton()->isEnabled());
    QTest::mouseClick(second.nextButton(), Qt::LeftButton);
    QVERIFY(reachesReview(second));
    QTest::mouseClick(second.nextButton(), Qt::LeftButton);
    QTest::keyClicks(second.secretsPanel()->field(w.s.edge, definition), canary);
    QTest::mouseClick(second.secretsPanel()->replanButton(), Qt::LeftButton);
    second.reject();
    QTRY_VERIFY(!second.isBusy());
    QCOMPARE(suppliedEntries(), 0);
}

void TestRestoreFlow::confirmationNamesTenantAndWritesThenStartsRestore()
{
    World w;
    QVERIFY(w.fx.isValid());
    RestoreFlow flow(w.context(), RestoreSource{w.s.snapshotId, {}, 0, 0});
    QSignalSpy started(&flow, &RestoreFlow::restoreStarted);
    flow.show();
    QTRY_VERIFY(flow.nextButton()->isEnabled());
    QTest::mouseClick(flow.nextButton(), Qt::LeftButton);
    QVERIFY(reachesReview(flow));
    QTest::mouseClick(flow.nextButton(), Qt::LeftButton);
    QCOMPARE(flow.step(), RestoreFlow::Step::Confirm);   // no secrets needed: straight to the confirmation
    QCheckBox* box = flow.confirmPanel()->confirmBox();
    QCOMPARE(box->text(), u"I understand this writes 2 changes to tenant Contoso"_s);
    QVERIFY(box->isEnabled());
    QVERIFY(!box->isChecked());
    QCOMPARE(flow.nextButton()->text(), u"&Restore"_s);
    QVERIFY(!flow.nextButton()->isEnabled());
    QVERIFY(flow.confirmPanel()->summary()->text().contains(u"create 1 object deleted since the snapshot"_s));
    QVERIFY(flow.confirmPanel()->summary()->text().contains(u"skip 2 items"_s));
    QTRY_VERIFY(box->hasFocus());
    QTest::keyClick(box, Qt::Key_Space);
    QVERIFY(box->isChecked());
    QVERIFY(flow.nextButton()->isEnabled());
    QVERIFY(pv::test::saveScreenshots(&flow, u"restore_confirm"_s));

    const qint64 planRunId = flow.planRunId();
    QTest::mouseClick(flow.nextButton(), Qt::LeftButton);
    QTRY_COMPARE(started.count(), 1);
    const qint64 runId = started.at(0).at(1).toLongLong();
    QCOMPARE(started.at(0).at(0).toLongLong(), w.fx.db.tenantId);
    const RunRecord run = w.fx.run(runId);
    auto request = restore::restoreRequest(planRunId, u"gui"_s);
    QVERIFY(request.ok());
    QCOMPARE(run.kind, u"restore"_s);
    QCOMPARE(run.target, request->target);
    QCOMPARE(run.parameters, request->parameters);
    QCOMPARE(flow.result(), int(QDialog::Accepted));
    QTRY_VERIFY(!isActive(w.fx.run(runId).status));
    QCOMPARE(w.fx.run(runId).counts.of(ItemOutcome::Created), 1);
    QCOMPARE(w.fx.run(runId).counts.of(ItemOutcome::Updated), 1);
}

void TestRestoreFlow::readOnlyTenantPreviewsButCannotRestore()
{
    World w;
    QVERIFY(w.fx.isValid());
    const qint64 reviewer = pv::test::addTestTenant(w.fx.db.database, u"Fabrikam"_s, true);
    const auto scope = pv::test::enterTenant(w.fx.db.database, reviewer);
    QVERIFY(scope && scope->isReadOnly());
    const Seed s = seed(*w.repo, *scope);
    w.world->planFor = [plan = fullPlan(s)](const QJsonObject&) { return plan; };
    RestoreFlowContext context = w.context(scope);
    context.tenantName = u"Fabrikam"_s;
    RestoreFlow flow(context, RestoreSource{s.snapshotId, {}, 0, 0});
    flow.show();
    QCOMPARE(flow.findChild<QLabel*>(u"restoreTenantLabel"_s)->text(), u"Tenant: Fabrikam (read-only)"_s);
    QTRY_VERIFY(flow.nextButton()->isEnabled());
    QTest::mouseClick(flow.nextButton(), Qt::LeftButton);
    QVERIFY(reachesReview(flow));   // the preview is allowed
    QTest::mouseClick(flow.nextButton(), Qt::LeftButton);
    QCOMPARE(flow.step(), RestoreFlow::Step::Confirm);
    QVERIFY(!flow.confirmPanel()->confirmBox()->isEnabled());
    QVERIFY(!flow.nextButton()->isEnabled());
    QCOMPARE(flow.nextButton()->toolTip(), u"Fabrikam is a read-only tenant profile: restores into it are not allowed."_s);
    QVERIFY(flow.findChild<MessageWidget*>(u"restoreConfirmMessage"_s)->text().contains(u"read-only"_s));
    QVERIFY(pv::test::saveScreenshots(&flow, u"restore_confirm_readonly"_s));
}

void TestRestoreFlow::noSnapshotSaysToBackUpFirst()
{
    World w;
    QVERIFY(w.fx.isValid());
    RestoreFlow flow(w.context(), RestoreSource{});
    flow.show();
    auto* empty = flow.findChild<QLabel*>(u"restoreItemsEmpty"_s);
    QVERIFY(empty->isVisible());
    QVERIFY2(empty->text().contains(u"Back the tenant up first"_s), qPrintable(empty->text()));
    QVERIFY(!flow.nextButton()->isEnabled());
    QVERIFY(pv::test::saveScreenshots(&flow, u"restore_no_snapshot"_s));
}

void TestRestoreFlow::versionSourcePreviewsThatVersion()
{
    World w;
    QVERIFY(w.fx.isValid());
    RestoreFlow flow(w.context(), RestoreSource{0, {}, w.s.edge, w.s.edgeVersion});
    flow.show();
    QTRY_VERIFY(!flow.itemsStep()->isLoading());
    QTreeWidget* tree = flow.itemsStep()->tree();
    QCOMPARE(tree->topLevelItemCount(), 1);
    QCOMPARE(tree->topLevelItem(0)->child(0)->text(0), u"Edge security"_s);
    QVERIFY(tree->topLevelItem(0)->child(0)->text(1).startsWith(u"v1 · "_s));
    QVERIFY(!(tree->topLevelItem(0)->child(0)->flags() & Qt::ItemIsUserCheckable));   // the one version, fixed
    QTest::mouseClick(flow.nextButton(), Qt::LeftButton);
    QVERIFY(reachesReview(flow));
    restore::PreviewSelection expected;
    expected.policyVersionId = w.s.edgeVersion;
    auto request = restore::previewRequest(expected, u"gui"_s);
    QVERIFY(request.ok());
    QCOMPARE(w.fx.run(flow.planRunId()).target, request->target);
    QCOMPARE(w.fx.run(flow.planRunId()).parameters, request->parameters);
}

void TestRestoreFlow::keyboardEnterPreviewsAndEscapeCancelsThePreview()
{
    World w;
    QVERIFY(w.fx.isValid());
    w.world->allowedItems = 0;   // hold the preview
    RestoreFlow flow(w.context(), RestoreSource{w.s.snapshotId, {}, 0, 0});
    flow.show();
    QVERIFY(QTest::qWaitForWindowActive(&flow));
    QTRY_VERIFY(flow.nextButton()->isEnabled());
    // Tab order: the list, the assignments box, then Back (disabled: skipped), Preview, Cancel.
    QTRY_VERIFY(flow.itemsStep()->tree()->hasFocus());
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
    QCOMPARE(QApplication::focusWidget(), flow.itemsStep()->assignmentsBox());
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
    QCOMPARE(QApplication::focusWidget(), flow.nextButton());
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
    QCOMPARE(QApplication::focusWidget(), flow.cancelButton());

    // Enter anywhere on the step is the primary button: Preview.
    flow.itemsStep()->assignmentsBox()->setFocus();
    QTest::keyClick(flow.itemsStep()->assignmentsBox(), Qt::Key_Return);
    QCOMPARE(flow.step(), RestoreFlow::Step::Preview);
    QTRY_VERIFY(flow.preview()->runId() > 0);
    const qint64 runId = flow.preview()->runId();
    // Escape closes the dialog and cancels the preview run it started.
    QTest::keyClick(&flow, Qt::Key_Escape);
    QVERIFY(!flow.isVisible());
    QCOMPARE(flow.result(), int(QDialog::Rejected));
    QTRY_COMPARE(w.fx.run(runId).status, RunStatus::Cancelled);
    w.world->allowedItems = -1;
}

QTEST_MAIN(TestRestoreFlow)
#include "tst_restoreflow.moc"
