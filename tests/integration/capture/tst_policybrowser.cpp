// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
// The Policies page beyond General/Settings, over graphsim's small tenant captured with the real
// capture kind: Assignments (group and filter names read by the test from graphsim itself),
// Capture snapshot (banner, View run, a second click while running shows the same run), the
// list's columns, empty states, keyboard and tab order, and remembered window state.
// Screenshots in build/test-artifacts/ui/.
#include "PolicyBrowserFixture.h"

#include "ui/MessageWidget.h"
#include "ui/PoliciesModel.h"
#include "ui/PolicyAssignmentsTab.h"
#include "ui/PolicySettingsModel.h"
#include "ui/PolicySettingsTab.h"
#include "ui/PolicyVersionsTab.h"
#include "ui/RunDetailPage.h"

#include <QApplication>
#include <QComboBox>
#include <QHeaderView>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSplitter>
#include <QStackedWidget>
#include <QTabBar>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QTest>

using namespace pv;
using namespace pv::ui;
using namespace Qt::StringLiterals;

namespace {

/// The test's own reading of a policy's assignments: {mode, target, filter, filter mode} per
/// row, includes first, names from graphsim's groups and filters.
QList<QStringList> expectedAssignments(const QJsonObject& policy, const QHash<QString, QString>& groups,
                                       const QHash<QString, QString>& filters)
{
    QList<QStringList> includes, excludes;
    for (const QJsonValue& a : policy.value(u"assignments"_s).toArray()) {
        const QJsonObject t = a.toObject().value(u"target"_s).toObject();
        const QString type = t.value(u"@odata.type"_s).toString();
        QString target;
        if (type.endsWith(u"allDevicesAssignmentTarget"_s))
            target = u"All devices"_s;
        else if (type.endsWith(u"allLicensedUsersAssignmentTarget"_s))
            target = u"All users"_s;
        else
            target = groups.value(t.value(u"groupId"_s).toString(), u"?"_s);
        const QString filterId = t.value(u"deviceAndAppManagementAssignmentFilterId"_s).toString();
        const QString mode = t.value(u"deviceAndAppManagementAssignmentFilterType"_s).toString();
        const bool filtered = !filterId.isEmpty() && mode != u"none"_s;
        const bool exclude = type.endsWith(u"exclusionGroupAssignmentTarget"_s);
        const QStringList row{exclude ? u"Excluded"_s : u"Included"_s, target,
                              filtered ? filters.value(filterId, u"?"_s) : u"None"_s,
                              filtered ? (mode == u"include"_s ? u"Include"_s : u"Exclude"_s) : u"—"_s};
        (exclude ? excludes : includes).append(row);
    }
    return includes + excludes;
}

QHash<QString, QString> namesById(const QJsonArray& objects)
{
    QHash<QString, QString> out;
    for (const QJsonValue& v : objects)
        out.insert(v.toObject().value(u"id"_s).toString(), v.toObject().value(u"displayName"_s).toString());
    return out;
}

} // namespace

class TestPolicyBrowser final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void listColumns();
    void assignments();
    void emptyStates();
    void keyboardAndTabOrder();
    void captureSnapshot();
    void windowStateRemembered();

private:
    std::unique_ptr<PolicyBrowserFixture> f;
    PoliciesPage* page = nullptr;
};

void TestPolicyBrowser::initTestCase()
{
    pv::test::initUiTestStyle();
    f = std::make_unique<PolicyBrowserFixture>();
    QString error;
    QVERIFY2(f->captureTenant(&error), qPrintable(error));
    page = f->openWindow();
    QVERIFY(page);
    QTRY_COMPARE_WITH_TIMEOUT(page->model()->rowCount(), int(f->policies().size()), 10000);
    QTRY_VERIFY(!page->isLoading());
}

void TestPolicyBrowser::listColumns()
{
    // Technologies and last captured per policy, from the stored content and the policy record.
    const PoliciesModel* list = page->model();
    const QHash<QString, QString> labels{{u"mdm"_s, u"MDM"_s}, {u"microsoftSense"_s, u"Defender for Endpoint"_s}};
    int withTechnologies = 0;
    for (const PolicySummary& s : f->policies()) {
        const int row = list->rowOf(s.policy.id);
        QVERIFY(row >= 0);
        QStringList expected;
        for (const QString& t : f->content(s).value(u"technologies"_s).toString().split(u',', Qt::SkipEmptyParts))
            expected << labels.value(t, t);
        QCOMPARE(list->index(row, int(PoliciesModel::Column::Technologies)).data().toString(), expected.join(u", "_s));
        withTechnologies += expected.isEmpty() ? 0 : 1;
        const QString captured = list->index(row, int(PoliciesModel::Column::LastCaptured)).data().toString();
        QCOMPARE(captured, s.policy.lastSeen.toLocalTime().toString(u"yyyy-MM-dd HH:mm:ss"_s));
        // Long names elide in the view; the tooltip has them whole.
        QCOMPARE(list->index(row, 0).data(Qt::ToolTipRole).toString(), s.policy.displayName);
    }
    QVERIFY(withTechnologies > 10);
    QCOMPARE(list->headerData(int(PoliciesModel::Column::LastCaptured), Qt::Horizontal).toString(), u"Last captured"_s);
    // The list pane starts wide enough for name, type and platform.
    const QHeaderView* header = page->view()->horizontalHeader();
    const int needed = header->sectionSize(0) + header->sectionSize(1) + header->sectionSize(2);
    QVERIFY2(page->view()->viewport()->width() >= needed * 95 / 100,
             qPrintable(u"list %1 px, name+type+platform %2 px"_s.arg(page->view()->viewport()->width()).arg(needed)));
    QVERIFY(pv::test::saveScreenshots(f->window.get(), u"policies_list"_s));
}

void TestPolicyBrowser::assignments()
{
    const QHash<QString, QString> groups = namesById(f->env.listIndependently(u"/groups"_s));
    const QHash<QString, QString> filters = namesById(f->env.listIndependently(u"/deviceManagement/assignmentFilters"_s));
    QVERIFY(!groups.isEmpty() && !filters.isEmpty());
    // A policy with an exclusion and a filter, one for all devices or users, and one unassigned.
    std::optional<PolicySummary> rich, everyone, none;
    for (const PolicySummary& s : f->policies()) {
        if (s.policy.typeKey == u"scopeTags"_s || s.policy.typeKey == u"assignmentFilters"_s)
            continue;
        const QByteArray json = QJsonDocument(f->content(s).value(u"assignments"_s).toArray()).toJson(QJsonDocument::Compact);
        if (!rich && json.contains("exclusionGroupAssignmentTarget") && json.contains("\"include\"") )
            rich = s;
        else if (!everyone && (json.contains("allDevicesAssignmentTarget") || json.contains("allLicensedUsersAssignmentTarget")))
            everyone = s;
        else if (!none && f->content(s).contains(u"assignments"_s) && f->content(s).value(u"assignments"_s).toArray().isEmpty())
            none = s;
    }
    QVERIFY2(rich && everyone && none, "graphsim's small tenant lacks an excluded+filtered, an all-devices/users or an unassigned policy");

    PolicyAssignmentsTab* tab = page->assignmentsTab();
    page->tabs()->setCurrentWidget(tab);
    for (const auto& [picked, shot] : {std::pair{*rich, u"policies_assignments"_s}, std::pair{*everyone, u"policies_assignments_all"_s}}) {
        page->selectPolicy(picked.policy.id);
        const QList<QStringList> expected = expectedAssignments(f->content(picked), groups, filters);
        QVERIFY(!expected.isEmpty());
        QTRY_COMPARE(tab->table()->rowCount(), int(expected.size()));
        QTRY_VERIFY(!page->isLoading());
        for (int row = 0; row < expected.size(); ++row) {
            for (int column = 0; column < PolicyAssignmentsTab::ColumnCount; ++column)
                QCOMPARE(tab->table()->item(row, column)->text(), expected.at(row).at(column));
        }
        QVERIFY(tab->table()->isVisible());
        QVERIFY(!tab->emptyState()->isVisible());
        QVERIFY(pv::test::saveScreenshots(f->window.get(), shot));
    }
    page->selectPolicy(none->policy.id);
    QTRY_VERIFY(tab->emptyState()->isVisible());
    QTRY_VERIFY(!page->isLoading());
    QCOMPARE(tab->table()->rowCount(), 0);
    QVERIFY(!tab->table()->isVisible());
    QVERIFY2(tab->emptyState()->text().contains(u"Not assigned"_s), qPrintable(tab->emptyState()->text()));
    QVERIFY(tab->emptyState()->text().contains(u"Assign it to groups"_s));
    QVERIFY(pv::test::saveScreenshots(f->window.get(), u"policies_assignments_none"_s));
}

void TestPolicyBrowser::emptyStates()
{
    // Versions with one version: the comparison is hidden and the page says what adds versions.
    const QList<PolicySummary> all = f->policies();
    page->selectPolicy(all.first().policy.id);
    page->tabs()->setCurrentWidget(page->versionsTab());
    QTRY_COMPARE(page->versionsTable()->rowCount(), 1);
    QTRY_VERIFY(!page->isLoading());
    QVERIFY(page->versionsTab()->emptyState()->isVisible());
    QVERIFY(page->versionsTab()->emptyState()->text().contains(u"Only one version so far"_s));
    QVERIFY(!page->diffTable()->isVisible());
    QVERIFY(pv::test::saveScreenshots(f->window.get(), u"policies_versions_one"_s));

    // Settings with no settings: a scope tag or filter captured as a policy has none.
    std::optional<PolicySummary> noSettings;
    for (const PolicySummary& s : all) {
        if (!noSettings && f->content(s).value(u"settings"_s).toArray().isEmpty())
            noSettings = s;
    }
    QVERIFY(noSettings);
    page->selectPolicy(noSettings->policy.id);
    page->tabs()->setCurrentWidget(page->settingsTab());
    QTRY_VERIFY(!page->isLoading());
    QTRY_VERIFY(page->settingsTab()->emptyState()->isVisible());
    QCOMPARE(page->settingsModel()->totalRows(), 0);
    QVERIFY(page->settingsTab()->emptyState()->text().contains(u"No settings"_s));
    QVERIFY(!page->settingsTab()->view()->isVisible());
    QVERIFY(pv::test::saveScreenshots(f->window.get(), u"policies_settings_none"_s));

    // A tenant with no capture: the page says to back it up.
    const qint64 emptyTenant = f->env.addSimTenant(u"Not captured yet"_s, 0);
    QVERIFY(emptyTenant > 0);
    f->window->refreshFromStore();
    QTRY_VERIFY(f->window->selectTenant(emptyTenant));
    f->window->showPolicies();
    QTRY_VERIFY(page->emptyState()->isVisible());
    QTRY_VERIFY(page->emptyState()->text().contains(u"No policies captured yet"_s));
    QVERIFY(page->emptyState()->text().contains(u"Back up now"_s));
    QVERIFY(!page->view()->isVisible());
    QVERIFY(!page->searchField()->isEnabled());
    QVERIFY(pv::test::saveScreenshots(f->window.get(), u"policies_empty"_s));
    QVERIFY(f->window->selectTenant(f->env.tenantId()));
    QTRY_VERIFY(page->view()->isVisible());
    QTRY_COMPARE(page->model()->rowCount(), int(all.size()));
    QTRY_VERIFY(!page->isLoading());
}

void TestPolicyBrowser::keyboardAndTabOrder()
{
    f->window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(f->window.get()));
    QTableView* list = page->view();
    // Two neighbouring endpoint-security policies: both have settings.
    int first = 0;
    while (first + 1 < page->model()->rowCount()
           && (page->model()->summary(first).policy.typeKey != u"endpointSecurity"_s
               || page->model()->summary(first + 1).policy.typeKey != u"endpointSecurity"_s))
        ++first;
    QVERIFY(first + 1 < page->model()->rowCount());
    page->selectPolicy(page->model()->summary(first).policy.id);
    list->setFocus();
    QTRY_VERIFY(list->hasFocus());
    // Down moves the selection and the detail follows.
    const qint64 second = page->model()->summary(first + 1).policy.id;
    QTest::keyClick(list, Qt::Key_Down);
    QCOMPARE(page->selectedPolicyId(), second);
    QTRY_COMPARE(page->generalValue(u"name"_s)->text(), page->model()->summary(first + 1).policy.displayName);
    QTRY_VERIFY(!page->isLoading());
    // Tab: list → tab bar; arrows on the tab bar change tabs; Tab again → the tab's controls.
    page->tabs()->setCurrentIndex(PoliciesPage::GeneralTab);
    QTest::keyClick(list, Qt::Key_Tab);
    QTRY_VERIFY(page->tabs()->tabBar()->hasFocus());
    QTest::keyClick(page->tabs()->tabBar(), Qt::Key_Right);
    QCOMPARE(page->tabs()->currentIndex(), int(PoliciesPage::SettingsTab));
    QTest::keyClick(page->tabs()->tabBar(), Qt::Key_Tab);
    QTRY_VERIFY2(page->settingsSearchField()->hasFocus(),
                 qPrintable(QApplication::focusWidget() ? QApplication::focusWidget()->objectName() + u" "_s + QString::fromLatin1(QApplication::focusWidget()->metaObject()->className()) : u"none"_s));
    // Shift+Tab from the search goes back to the tab bar, Tab twice more reaches the table
    // (the category filter between them when there is more than one category).
    QTest::keyClick(page->settingsSearchField(), Qt::Key_Tab);
    if (page->settingsTab()->categoryFilter()->isEnabled()) {
        QTRY_VERIFY(page->settingsTab()->categoryFilter()->hasFocus());
        QTest::keyClick(page->settingsTab()->categoryFilter(), Qt::Key_Tab);
    }
    QTRY_VERIFY(page->settingsTab()->view()->hasFocus());
    QTest::keyClick(page->settingsTab()->view(), Qt::Key_Tab, Qt::ShiftModifier);
    QVERIFY(!page->settingsTab()->view()->hasFocus());
}

void TestPolicyBrowser::captureSnapshot()
{
    QVERIFY(page->captureButton()->isVisible());
    const PolicySummary target = page->model()->summary(0);
    page->selectPolicy(target.policy.id);
    QTRY_VERIFY(page->captureButton()->isEnabled());
    QTRY_VERIFY(!page->isLoading());
    // Graph answers slowly, so the capture is surely still queued or running at the second click.
    f->env.graph().config(QJsonObject{{u"latencyMs"_s, 1500}});
    QTest::mouseClick(page->captureButton(), Qt::LeftButton);
    // Returns at once: the click does not wait for the run.
    QTRY_VERIFY(page->captureRunId() > 0);
    const qint64 first = page->captureRunId();
    QVERIFY(page->captureBanner()->isVisible());
    QVERIFY2(page->captureBanner()->text().contains(u"run %1"_s.arg(first)), qPrintable(page->captureBanner()->text()));
    QVERIFY(page->captureBanner()->findChild<QPushButton*>() && page->captureBanner()->findChild<QPushButton*>()->text() == u"View run"_s);
    const RunRecord stored = f->env.runs().run(f->env.scope(), first).value();
    QCOMPARE(stored.kind, u"policy.capture_snapshot"_s);
    QVERIFY(isActive(stored.status));
    QTest::mouseClick(page->captureButton(), Qt::LeftButton);
    QTRY_VERIFY(page->captureBanner()->text().contains(u"already being captured"_s));
    QCOMPARE(page->captureRunId(), first);
    QVERIFY(pv::test::saveScreenshots(f->window.get(), u"policies_capture_banner"_s));
    // View run opens the run's detail page.
    QTest::mouseClick(page->captureBanner()->findChild<QPushButton*>(), Qt::LeftButton);
    auto* stack = f->window->findChild<QStackedWidget*>(u"pageStack"_s);
    QTRY_COMPARE(stack->currentWidget(), f->window->runDetailPage());
    QCOMPARE(f->window->runDetailPage()->runId(), first);
    f->env.graph().config(QJsonObject{{u"latencyMs"_s, 0}});
    auto finished = f->env.waitForEnd(first);
    QVERIFY(finished);
    QCOMPARE(finished->status, RunStatus::Succeeded);
    f->window->showPolicies();
    QTRY_VERIFY(page->captureBanner()->text().contains(u"Succeeded"_s, Qt::CaseInsensitive));
    // A click after the run ended starts a new run.
    QTRY_VERIFY(!page->isLoading());
    QTest::mouseClick(page->captureButton(), Qt::LeftButton);
    QTRY_VERIFY(page->captureRunId() != first);
    QVERIFY(f->env.waitForEnd(page->captureRunId()));
    QTRY_VERIFY(!page->isLoading());
    QCOMPARE(f->env.graph().writes(), 0);
}

void TestPolicyBrowser::windowStateRemembered()
{
    f->window->resize(1300, 820);
    QTRY_COMPARE(f->window->size(), QSize(1300, 820));
    QSplitter* splitter = page->splitter();
    splitter->setSizes({420, 900});
    const QList<int> sizes = splitter->sizes();
    QVERIFY(sizes.first() != 540);   // not the default
    page->view()->horizontalHeader()->resizeSection(0, 333);
    page->settingsTab()->view()->horizontalHeader()->resizeSection(int(PolicySettingsModel::Column::Setting), 222);
    f->window.reset();   // closing stores the state

    QSettings settings;
    QVERIFY(settings.contains(u"window/geometry"_s));
    QVERIFY(settings.contains(u"policies/splitter"_s));
    pv::ui::MainWindow::Services services{f->env.runs(), *f->gate, *f->tenants, f->notifier, nullptr, nullptr, &f->env.snapshots()};
    services.database = f->env.database();
    f->window = std::make_unique<pv::ui::MainWindow>(services);   // no resize: the stored geometry
    f->window->show();
    QCOMPARE(f->window->size(), QSize(1300, 820));
    QVERIFY(pv::test::waitForWindowLoaded(*f->window));
    QVERIFY(f->window->selectTenant(f->env.tenantId()));
    f->window->showPolicies();
    page = f->window->policiesPage();
    QTRY_VERIFY(page->view()->isVisible());
    QTRY_VERIFY(!page->isLoading());
    QCOMPARE(page->splitter()->sizes(), sizes);
    QCOMPARE(page->view()->horizontalHeader()->sectionSize(0), 333);
    QCOMPARE(page->settingsTab()->view()->horizontalHeader()->sectionSize(int(PolicySettingsModel::Column::Setting)), 222);
    f->window.reset();
    QSettings().clear();
}

QTEST_MAIN(TestPolicyBrowser)
#include "tst_policybrowser.moc"
