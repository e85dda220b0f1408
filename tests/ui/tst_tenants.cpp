// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
// Adding and removing tenants from the window, through the real TenantService.
#include "core/runs/AccessGate.h"
#include "core/runs/RunService.h"
#include "core/runs/TenantService.h"
#include "core/secrets/InMemorySecretStore.h"
#include "core/store/Database.h"
#include "core/store/TenantRepository.h"
#include "tests/testutils/TestDatabase.h"
#include "tests/ui/UiTestSupport.h"
#include "ui/BannerNotifier.h"
#include "ui/MainWindow.h"
#include "ui/MessageBox.h"
#include "ui/MessageWidget.h"
#include "ui/TenantActions.h"
#include "ui/TenantDialog.h"
#include "ui/TenantSelector.h"

#include <QAction>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>

using namespace pv;
using namespace pv::ui;
using namespace Qt::StringLiterals;

class TestTenants final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init() { MessageBox::reset(); }
    void withoutTenantServiceTheActionsAreOff();
    void addTenantFromTheMenu();
    void takenNameIsRefusedInTheDialog();
    void emptyWindowOffersAddTenant();
    void removeAsksFirst_data();
    void removeAsksFirst();
    void removeWithActiveRunsOffersToCancelThem_data();
    void removeWithActiveRunsOffersToCancelThem();

private:
    static MainWindow::Services services(pv::test::UiFixture& fx, Notifier& notifier)
    {
        return {*fx.runs, *fx.gate, *fx.tenants, notifier, nullptr, fx.tenantService.get()};
    }
    static QStringList tenantNames(const pv::test::UiFixture& fx)
    {
        QStringList names;
        const auto tenants = fx.tenants->list();
        if (!tenants)
            return {u"(%1)"_s.arg(tenants.error().toString())};
        for (const TenantRecord& tenant : tenants.value())
            names << tenant.name;
        return names;
    }
};

void TestTenants::initTestCase()
{
    pv::test::initUiTestStyle();
}

void TestTenants::withoutTenantServiceTheActionsAreOff()
{
    pv::test::UiFixture fx;
    QVERIFY(fx.isValid());
    BannerNotifier notifier;
    MainWindow window({*fx.runs, *fx.gate, *fx.tenants, notifier});
    window.show();
    QVERIFY(pv::test::waitForWindowLoaded(window));
    QVERIFY(!window.findChild<QAction*>(u"actionAddTenant"_s)->isEnabled());
    QVERIFY(!window.findChild<QAction*>(u"actionRemoveTenant"_s)->isEnabled());
    QCOMPARE(window.tenantActions(), nullptr);
}

void TestTenants::addTenantFromTheMenu()
{
    pv::test::UiFixture fx;
    QVERIFY(fx.isValid());
    BannerNotifier notifier;
    MainWindow window(services(fx, notifier));
    window.resize(1000, 600);
    window.show();
    QVERIFY(pv::test::waitForWindowLoaded(window));
    QAction* add = window.findChild<QAction*>(u"actionAddTenant"_s);
    QVERIFY(add->isEnabled());
    add->trigger();
    TenantDialog* dialog = window.tenantActions()->dialog();
    QVERIFY(dialog && dialog->isVisible());

    QTest::keyClicks(dialog->findChild<QLineEdit*>(u"tenantNameEdit"_s), u"Fabrikam"_s);
    QTest::keyClicks(dialog->findChild<QLineEdit*>(u"tenantIdEdit"_s), u"fabrikam.onmicrosoft.com"_s);
    QTest::keyClicks(dialog->findChild<QLineEdit*>(u"clientIdEdit"_s), u"22222222-3333-4444-5555-666666666666"_s);
    QTest::mouseClick(dialog->findChild<QPushButton*>(u"addTenantButton"_s), Qt::LeftButton);

    // Written off the GUI thread, then the dialog closes and the new tenant is selected.
    QTRY_VERIFY(!window.tenantActions()->dialog());
    QTRY_COMPARE(window.findChild<QComboBox*>(u"tenantCombo"_s)->currentText(), u"Fabrikam"_s);
    QCOMPARE(window.findChild<QComboBox*>(u"tenantCombo"_s)->count(), 2);
    QVERIFY(tenantNames(fx).contains(u"Fabrikam"_s));
    QCOMPARE(window.statusBar()->currentMessage(), u"Added Fabrikam."_s);
    const TenantRecord stored = fx.tenants->byName(u"Fabrikam"_s).value();
    QCOMPARE(stored.entraTenantId, u"fabrikam.onmicrosoft.com"_s);
    QCOMPARE(stored.cloud, u"global"_s);
    QCOMPARE(stored.authMethod, u"client_secret"_s);
}

void TestTenants::takenNameIsRefusedInTheDialog()
{
    pv::test::UiFixture fx;
    QVERIFY(fx.isValid());
    BannerNotifier notifier;
    MainWindow window(services(fx, notifier));
    window.show();
    QVERIFY(pv::test::waitForWindowLoaded(window));
    window.findChild<QAction*>(u"actionAddTenant"_s)->trigger();
    TenantDialog* dialog = window.tenantActions()->dialog();
    QTest::keyClicks(dialog->findChild<QLineEdit*>(u"tenantNameEdit"_s), u"contoso"_s);   // names compare case-insensitively
    QTest::keyClicks(dialog->findChild<QLineEdit*>(u"tenantIdEdit"_s), u"other.onmicrosoft.com"_s);
    QTest::keyClicks(dialog->findChild<QLineEdit*>(u"clientIdEdit"_s), u"33333333-3333-4444-5555-666666666666"_s);
    QTest::mouseClick(dialog->findChild<QPushButton*>(u"addTenantButton"_s), Qt::LeftButton);

    auto* message = dialog->findChild<MessageWidget*>(u"tenantDialogMessage"_s);
    QTRY_VERIFY(message->isVisible());
    QCOMPARE(message->type(), MessageWidget::Type::Error);
    QCOMPARE(message->text(), u"A tenant named \"contoso\" already exists. Choose another name."_s);
    QVERIFY(dialog->isVisible());
    QVERIFY(dialog->findChild<QPushButton*>(u"addTenantButton"_s)->isEnabled());
    QCOMPARE(tenantNames(fx), QStringList{u"Contoso"_s});
}

void TestTenants::emptyWindowOffersAddTenant()
{
    QStandardPaths::setTestModeEnabled(true);
    QTemporaryDir dir;
    auto database = Database::open(Database::Options{dir.filePath(u"empty.db"_s)});
    QVERIFY(database);
    RunService runs(database.value());
    const AccessGate gate(database.value());
    const TenantRepository tenants(database.value());
    InMemorySecretStore secrets;
    const TenantService tenantService(database.value(), runs, secrets);
    BannerNotifier notifier;
    MainWindow window({runs, gate, tenants, notifier, nullptr, &tenantService});
    window.resize(1000, 600);
    window.show();
    QVERIFY(pv::test::waitForWindowLoaded(window));
    auto* text = window.findChild<QLabel*>(u"noTenantState"_s);
    QVERIFY(text->isVisible());
    QVERIFY(text->text().contains(u"No tenant yet"_s));
    auto* button = window.findChild<QPushButton*>(u"noTenantAddButton"_s);
    QVERIFY(button->isVisible());
    QVERIFY(!window.findChild<QAction*>(u"actionRemoveTenant"_s)->isEnabled());   // nothing to remove
    QVERIFY(pv::test::saveScreenshots(&window, u"mainwindow_no_tenant_add"_s));
    QTest::mouseClick(button, Qt::LeftButton);
    QVERIFY(window.tenantActions()->dialog() && window.tenantActions()->dialog()->isVisible());
}

void TestTenants::removeAsksFirst_data()
{
    QTest::addColumn<int>("choice");
    QTest::addColumn<bool>("removed");
    QTest::addRow("remove") << int(TenantActions::Remove) << true;
    QTest::addRow("keep") << int(TenantActions::Keep) << false;
}

void TestTenants::removeAsksFirst()
{
    QFETCH(int, choice);
    QFETCH(bool, removed);
    pv::test::UiFixture fx;
    QVERIFY(fx.isValid());
    const qint64 fabrikam = pv::test::addTestTenant(fx.db.database, u"Fabrikam"_s);
    QVERIFY(fx.secrets->write(SecretStore::key(QString::number(fabrikam), SecretKind::ClientSecret), "s3cret"));
    BannerNotifier notifier;
    MainWindow window(services(fx, notifier));
    window.show();
    QVERIFY(pv::test::waitForWindowLoaded(window));
    QVERIFY(window.selectTenant(fabrikam));
    QAction* remove = window.findChild<QAction*>(u"actionRemoveTenant"_s);
    QVERIFY(remove->isEnabled());

    MessageBox::setNextAnswer({choice, false});
    remove->trigger();
    // The active runs are looked up first (off the GUI thread), then the question comes.
    QTRY_VERIFY(MessageBox::lastQuestion().has_value());
    const auto question = MessageBox::lastQuestion();
    QCOMPARE(question->text, u"Remove Fabrikam from PolicyVault?"_s);
    QCOMPARE(question->defaultChoice, int(TenantActions::Keep));
    QTRY_VERIFY(!window.tenantActions()->isBusy());
    if (removed) {
        QTRY_COMPARE(window.findChild<QComboBox*>(u"tenantCombo"_s)->count(), 1);
        QCOMPARE(tenantNames(fx), QStringList{u"Contoso"_s});
        QCOMPARE(window.currentTenantId(), fx.db.tenantId);
        QCOMPARE(window.statusBar()->currentMessage(), u"Removed Fabrikam."_s);
    } else {
        QCOMPARE(tenantNames(fx), (QStringList{u"Contoso"_s, u"Fabrikam"_s}));
        QCOMPARE(window.currentTenantId(), fabrikam);
        std::unique_ptr<QMessageBox> box(MessageBox::build(&window, *question));
        box->setWindowModality(Qt::NonModal);
        box->show();
        QVERIFY(pv::test::saveScreenshots(box.get(), u"tenant_remove_question"_s));
    }
}

void TestTenants::removeWithActiveRunsOffersToCancelThem_data()
{
    QTest::addColumn<int>("choice");
    QTest::addRow("cancel runs and remove") << int(TenantActions::CancelRunsAndRemove);
    QTest::addRow("keep") << int(TenantActions::Keep);
}

void TestTenants::removeWithActiveRunsOffersToCancelThem()
{
    QFETCH(int, choice);
    pv::test::UiFixture fx;
    QVERIFY(fx.isValid());
    pv::test::addTestTenant(fx.db.database, u"Fabrikam"_s);
    const qint64 run = fx.startTestRun({{u"items"_s, 1}, {u"itemDelayMs"_s, 600000}}, u"long"_s);
    QTRY_COMPARE(fx.run(run).status, RunStatus::Running);
    BannerNotifier notifier;
    MainWindow window(services(fx, notifier));
    window.resize(1000, 600);
    window.show();
    QVERIFY(pv::test::waitForWindowLoaded(window));
    QVERIFY(window.selectTenant(fx.db.tenantId));

    MessageBox::setNextAnswer({choice, false});
    window.findChild<QAction*>(u"actionRemoveTenant"_s)->trigger();
    QTRY_VERIFY(MessageBox::lastQuestion().has_value());
    const auto question = MessageBox::lastQuestion();
    QCOMPARE(question->text, u"Contoso has 1 active run. Cancel it and remove the tenant?"_s);
    QCOMPARE(question->choices.at(0).id, int(TenantActions::CancelRunsAndRemove));
    QTRY_VERIFY(!window.tenantActions()->isBusy());
    if (choice == TenantActions::CancelRunsAndRemove) {
        QTRY_COMPARE(tenantNames(fx), QStringList{u"Fabrikam"_s});
        QTRY_COMPARE(window.findChild<QComboBox*>(u"tenantCombo"_s)->currentText(), u"Fabrikam"_s);
        QCOMPARE(fx.runs->activeRunCount(), 0);
    } else {
        QCOMPARE(tenantNames(fx), (QStringList{u"Contoso"_s, u"Fabrikam"_s}));
        QCOMPARE(fx.run(run).status, RunStatus::Running);
        QVERIFY(!window.findChild<MessageWidget*>(u"windowMessage"_s)->isVisible());
    }
}

QTEST_MAIN(TestTenants)
#include "tst_tenants.moc"
