// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "core/runs/AccessGate.h"
#include "core/store/Database.h"
#include "core/runs/RunService.h"
#include "core/store/TenantRepository.h"
#include "tests/testutils/TestJob.h"
#include "tests/ui/UiTestSupport.h"
#include "pv/Version.h"
#include "ui/AboutDialog.h"
#include "ui/BannerNotifier.h"
#include "ui/MainWindow.h"
#include "ui/NotificationBellButton.h"
#include "ui/RunDetailPage.h"
#include "ui/RunItemsModel.h"
#include "ui/RunsModel.h"
#include "ui/RunsPage.h"

#include <QAction>
#include <QClipboard>
#include <QComboBox>
#include <QGuiApplication>
#include <QMenu>
#include <QMenuBar>
#include <QRegularExpression>
#include <QScrollBar>
#include <QTableWidget>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace pv;
using namespace pv::ui;
using namespace Qt::StringLiterals;

class TestMainWindow final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void noTenantShowsHowToAddOne();
    void activeRunsInStatusBar();
    void tenantSwitchShowsThatTenantsRuns();
    void openRunAndBack();
    void menuBarHasFileSettingsHelp();
    void aboutShowsVersionsAndLicences();
};

void TestMainWindow::initTestCase()
{
    pv::test::initUiTestStyle();
}

void TestMainWindow::noTenantShowsHowToAddOne()
{
    QStandardPaths::setTestModeEnabled(true);
    QTemporaryDir dir;
    auto database = Database::open(Database::Options{dir.filePath(u"empty.db"_s)});
    QVERIFY(database);
    RunService runs(database.value());
    const AccessGate gate(database.value());
    const TenantRepository tenants(database.value());
    BannerNotifier notifier;
    MainWindow window({runs, gate, tenants, notifier});
    window.resize(1000, 600);
    window.show();
    QVERIFY(pv::test::waitForWindowLoaded(window));

    QCOMPARE(window.windowTitle(), u"PolicyVault"_s);
    auto* combo = window.findChild<QComboBox*>(u"tenantCombo"_s);
    QVERIFY(!combo->isEnabled());
    QCOMPARE(combo->currentText(), QString());
    QCOMPARE(combo->placeholderText(), u"No tenant yet"_s);
    auto* state = window.findChild<QLabel*>(u"noTenantState"_s);
    QVERIFY(state->isVisible());
    QVERIFY(state->text().contains(u"No tenant yet — add one with policyvault-cli tenant add"_s));
    QVERIFY(!window.findChild<NotificationBellButton*>(u"notificationBell"_s)->isEnabled());
    QCOMPARE(window.findChild<QLabel*>(u"activeRunsLabel"_s)->text(), u"No active runs"_s);
    QVERIFY(pv::test::saveScreenshots(&window, u"mainwindow_no_tenant"_s));
}

void TestMainWindow::activeRunsInStatusBar()
{
    pv::test::UiFixture fx;
    QVERIFY(fx.isValid());
    BannerNotifier notifier;
    MainWindow window({*fx.runs, *fx.gate, *fx.tenants, notifier});
    window.resize(1100, 600);
    window.show();
    auto* label = window.findChild<QLabel*>(u"activeRunsLabel"_s);
    QCOMPARE(label->text(), u"No active runs"_s);

    const qint64 a = fx.startTestRun({{u"items"_s, 1000}, {u"itemDelayMs"_s, 20}}, u"a"_s);
    const qint64 b = fx.startTestRun({{u"items"_s, 1000}, {u"itemDelayMs"_s, 20}}, u"b"_s);
    QTRY_COMPARE_WITH_TIMEOUT(label->text(), u"2 runs active"_s, 5000);
    QTRY_COMPARE_WITH_TIMEOUT(window.runsPage()->model()->rowCount(), 2, 5000);
    QVERIFY(pv::test::saveScreenshots(&window, u"mainwindow_running"_s));

    QVERIFY(fx.runs->cancel(*fx.scope, a));
    QTRY_COMPARE_WITH_TIMEOUT(label->text(), u"1 run active"_s, 5000);
    QVERIFY(fx.runs->cancel(*fx.scope, b));
    QTRY_COMPARE_WITH_TIMEOUT(label->text(), u"No active runs"_s, 5000);
}

void TestMainWindow::tenantSwitchShowsThatTenantsRuns()
{
    pv::test::UiFixture fx;
    QVERIFY(fx.isValid());
    const QString longName = u"Northwind Traders International Holdings — Shared Services Centre (Read-only review)"_s;
    const qint64 other = pv::test::addTestTenant(fx.db.database, longName, true);
    QVERIFY(other > 0);
    const qint64 run = fx.startTestRun({{u"items"_s, 2}}, u"contoso"_s);
    QTRY_COMPARE_WITH_TIMEOUT(fx.run(run).status, RunStatus::Succeeded, 5000);

    BannerNotifier notifier;
    MainWindow window({*fx.runs, *fx.gate, *fx.tenants, notifier});
    window.resize(1000, 560);
    window.show();
    QVERIFY(pv::test::waitForWindowLoaded(window));
    auto* combo = window.findChild<QComboBox*>(u"tenantCombo"_s);
    QCOMPARE(combo->count(), 2);
    QVERIFY(window.selectTenant(fx.db.tenantId));
    QVERIFY(pv::test::waitForWindowLoaded(window));
    QCOMPARE(window.runsPage()->model()->rowCount(), 1);
    QCOMPARE(window.runsPage()->findChild<QLabel*>(u"runCountLabel"_s)->text(), u"1 run"_s);

    QVERIFY(window.selectTenant(other));
    QCOMPARE(window.currentTenantId(), other);
    QCOMPARE(combo->currentText(), u"%1 (read-only)"_s.arg(longName));
    QVERIFY(pv::test::waitForWindowLoaded(window));
    QCOMPARE(window.runsPage()->model()->rowCount(), 0);
    // The combo elides instead of pushing the bell off the toolbar.
    QVERIFY(combo->width() < window.width() / 2);
    QVERIFY(window.findChild<NotificationBellButton*>(u"notificationBell"_s)->isVisible());
    QVERIFY(pv::test::saveScreenshots(&window, u"mainwindow_long_tenant"_s));
}

void TestMainWindow::openRunAndBack()
{
    pv::test::UiFixture fx;
    QVERIFY(fx.isValid());
    const qint64 run = fx.startTestRun({{u"items"_s, 3}}, u"x"_s);
    QTRY_COMPARE_WITH_TIMEOUT(fx.run(run).status, RunStatus::Succeeded, 5000);
    BannerNotifier notifier;
    MainWindow window({*fx.runs, *fx.gate, *fx.tenants, notifier});
    window.resize(1100, 700);
    window.show();
    QVERIFY(pv::test::waitForWindowLoaded(window));
    auto* stack = window.findChild<QStackedWidget*>(u"pageStack"_s);
    QCOMPARE(stack->currentWidget(), window.runsPage());
    QCOMPARE(window.findChild<QListWidget*>(u"navigationList"_s)->currentItem()->text(), u"Runs"_s);

    window.openRun(fx.db.tenantId, run);
    QCOMPARE(stack->currentWidget(), window.runDetailPage());
    // The runs list's copy of the run fills the header at once.
    QCOMPARE(window.runDetailPage()->findChild<QLabel*>(u"runStatusLabel"_s)->text(), u"Succeeded"_s);
    QTRY_COMPARE(window.runDetailPage()->itemsModel()->rowCount(), 3);
    QVERIFY(pv::test::saveScreenshots(&window, u"mainwindow_run_detail"_s));
    QTest::mouseClick(window.runDetailPage()->findChild<QPushButton*>(u"backToRunsButton"_s), Qt::LeftButton);
    QCOMPARE(stack->currentWidget(), window.runsPage());
}

void TestMainWindow::menuBarHasFileSettingsHelp()
{
    pv::test::UiFixture fx;
    QVERIFY(fx.isValid());
    BannerNotifier notifier;
    MainWindow window({*fx.runs, *fx.gate, *fx.tenants, notifier});
    window.show();
    QStringList menus;
    for (QAction* action : window.menuBar()->actions())
        menus << action->text();
    QCOMPARE(menus, (QStringList{u"&File"_s, u"&Settings"_s, u"&Help"_s}));
    for (const char* name : {"actionAddTenant", "actionRemoveTenant", "actionRefresh", "actionQuit",
                             "actionKeepRunningInTray", "actionAbout", "actionAboutQt"})
        QVERIFY2(window.findChild<QAction*>(QLatin1String(name)), name);
    auto* fileMenu = window.findChild<QMenu*>(u"fileMenu"_s);
    QVERIFY(fileMenu->actions().contains(window.findChild<QAction*>(u"actionQuit"_s)));
    QCOMPARE(window.findChild<QAction*>(u"actionRefresh"_s)->shortcut(), QKeySequence(QKeySequence::Refresh));
}

void TestMainWindow::aboutShowsVersionsAndLicences()
{
    pv::test::UiFixture fx;
    QVERIFY(fx.isValid());
    BannerNotifier notifier;
    MainWindow window({*fx.runs, *fx.gate, *fx.tenants, notifier});
    window.show();
    window.findChild<QAction*>(u"actionAbout"_s)->trigger();
    auto* dialog = window.findChild<AboutDialog*>(u"aboutDialog"_s);
    QVERIFY(dialog);
    QVERIFY(dialog->isVisible());
    QVERIFY(!dialog->isModal() || dialog->windowModality() != Qt::ApplicationModal);   // opened, not exec()ed
    QCOMPARE(dialog->findChild<QLabel*>(u"aboutVersionLabel"_s)->text(),
             u"Version %1"_s.arg(QString::fromLatin1(pv::version::String)));
    QVERIFY(dialog->findChild<QLabel*>(u"aboutLicenceLabel"_s)->text().contains(u"GNU General Public License"_s));

    auto* table = dialog->findChild<QTableWidget*>(u"aboutComponentsTable"_s);
    QVERIFY(table);
    QHash<QString, std::pair<QString, QString>> rows;
    for (int row = 0; row < table->rowCount(); ++row)
        rows.insert(table->item(row, 0)->text(), {table->item(row, 1)->text(), table->item(row, 2)->text()});
    // Versions come from the libraries themselves (Qt at run time, the others as built).
    QCOMPARE(rows.value(u"Qt"_s).first, QString::fromLatin1(qVersion()));
    QCOMPARE(rows.value(u"Qt"_s).second, u"LGPL-3.0-only"_s);
    QCOMPARE(rows.value(u"QtKeychain"_s).second, u"BSD-2-Clause"_s);
    QCOMPARE(rows.value(u"spdlog"_s).second, u"MIT"_s);
    const QRegularExpression version(u"^\\d+\\.\\d+\\.\\d+$"_s);
    for (const QString& name : {u"QtKeychain"_s, u"spdlog"_s, u"{fmt}"_s})
        QVERIFY2(version.match(rows.value(name).first).hasMatch(), qPrintable(name + u' ' + rows.value(name).first));
    // Every row fits without scrolling.
    QVERIFY(table->verticalScrollBar()->maximum() == 0);

    // "Copy version information" puts the same facts on the clipboard for a support ticket.
    QTest::mouseClick(dialog->findChild<QPushButton*>(u"aboutCopyButton"_s), Qt::LeftButton);
    const QString copied = QGuiApplication::clipboard()->text();
    QVERIFY(copied.startsWith(u"PolicyVault %1\n"_s.arg(QString::fromLatin1(pv::version::String))));
    QVERIFY(copied.contains(u"QtKeychain %1"_s.arg(rows.value(u"QtKeychain"_s).first)));
    QVERIFY(pv::test::saveScreenshots(dialog, u"about_dialog"_s));

    // A second About brings the same dialog forward instead of stacking another.
    window.findChild<QAction*>(u"actionAbout"_s)->trigger();
    QCOMPARE(window.findChildren<AboutDialog*>().size(), 1);
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
