// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
// The tenant dialog's edit mode and Test Connection, from the window's menu, through the real
// TenantService and an in-process graphsim over HTTPS: an edit round trip (profile and secret
// stored), a test that passes, one that names what is wrong, and closing the dialog while a
// test runs.
#include "UiTestSupport.h"

#include "core/runs/TenantService.h"
#include "core/secrets/InMemorySecretStore.h"
#include "core/secrets/SecretStore.h"
#include "core/store/TenantRepository.h"
#include "ui/BannerNotifier.h"
#include "ui/MainWindow.h"
#include "ui/TenantActions.h"
#include "ui/TenantDialog.h"
#include "ui/TenantSelector.h"

#include "tools/graphsim/server/SimServer.h"

#include <QAction>
#include <QComboBox>
#include <QElapsedTimer>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QProgressBar>
#include <QPushButton>
#include <QStatusBar>
#include <QTest>
#include <QTimer>

using namespace pv;
using namespace pv::ui;
using namespace Qt::StringLiterals;

namespace {

template<typename T>
T* child(QWidget* parent, const char* name)
{
    return parent->findChild<T*>(QLatin1String(name));
}

} // namespace

class TestTenantConnection : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void editRoundTrip();
    void testConnectionPassesAndNamesAFailure();
    void editModeTestsWithTheStoredSecret();
    void closingWhileTestingIsSafe();

private:
    static MainWindow::Services services(pv::test::UiFixture& fx, Notifier& notifier)
    {
        return {*fx.runs, *fx.gate, *fx.tenants, notifier, nullptr, fx.tenantService.get()};
    }
    /// Fills the open dialog so that it reaches graphsim's first tenant with `secret`.
    void pointAtGraphsim(TenantDialog* dialog, const QString& secret);
    /// Clicks Test Connection and waits for the summary; the GUI thread keeps turning meanwhile.
    bool runTest(TenantDialog* dialog, qint64* longestStallMs = nullptr);

    std::unique_ptr<graphsim::SimServer> m_sim;
};

void TestTenantConnection::initTestCase()
{
    pv::test::initUiTestStyle();
    graphsim::SimOptions options;
    options.tenantProfiles = {u"demo"_s};
    m_sim = std::make_unique<graphsim::SimServer>(options);
    QString error;
    QVERIFY2(m_sim->start(&error), qPrintable(error));
}

void TestTenantConnection::cleanupTestCase()
{
    m_sim->stop();
}

void TestTenantConnection::pointAtGraphsim(TenantDialog* dialog, const QString& secret)
{
    const graphsim::SimTenantCredentials tenant = m_sim->tenants().value(0);
    auto set = [dialog](const char* name, const QString& text) { child<QLineEdit>(dialog, name)->setText(text); };
    set("tenantIdEdit", tenant.tenantId);
    set("clientIdEdit", tenant.clientId);
    set("caFileEdit", m_sim->caCertPath());
    child<QGroupBox>(dialog, "customEndpointsBox")->setChecked(true);
    set("graphUrlEdit", m_sim->httpsUrl().toString());
    set("authorityUrlEdit", m_sim->httpsUrl().toString());
    auto* secretEdit = child<QLineEdit>(dialog, "secretEdit");
    secretEdit->clear();
    QTest::keyClicks(secretEdit, secret);
}

bool TestTenantConnection::runTest(TenantDialog* dialog, qint64* longestStallMs)
{
    auto* button = child<QPushButton>(dialog, "testConnectionButton");
    if (!button->isEnabled())
        return false;
    // A timer on the GUI thread measures how long the event loop is kept from turning.
    QElapsedTimer sinceTick;
    sinceTick.start();
    qint64 longest = 0;
    QTimer ticker;
    ticker.setInterval(5);
    connect(&ticker, &QTimer::timeout, this, [&] {
        longest = std::max(longest, sinceTick.restart());
    });
    ticker.start();
    QTest::mouseClick(button, Qt::LeftButton);
    if (!dialog->isTesting() || button->isEnabled() || !child<QProgressBar>(dialog, "testConnectionBusy")->isVisible())
        return false;
    const bool done = QTest::qWaitFor([dialog] { return !dialog->isTesting(); }, 60000);
    if (longestStallMs)
        *longestStallMs = longest;
    return done && button->isEnabled() && !child<QProgressBar>(dialog, "testConnectionBusy")->isVisible();
}

void TestTenantConnection::editRoundTrip()
{
    pv::test::UiFixture fx;
    QVERIFY(fx.isValid());
    BannerNotifier notifier;
    MainWindow window(services(fx, notifier));
    window.show();
    QVERIFY(pv::test::waitForWindowLoaded(window));
    QAction* edit = window.findChild<QAction*>(u"actionEditTenant"_s);
    QVERIFY(edit->isEnabled());
    // The tenant selector's context menu offers it too.
    QVERIFY(window.findChild<QComboBox*>(u"tenantCombo"_s)->actions().contains(edit));
    edit->trigger();
    QPointer<TenantDialog> dialog = window.tenantActions()->dialog();
    QVERIFY(dialog && dialog->isVisible());
    QCOMPARE(dialog->mode(), TenantDialog::Mode::Edit);
    QCOMPARE(dialog->windowTitle(), u"Edit Tenant"_s);
    QCOMPARE(child<QPushButton>(dialog, "addTenantButton")->text(), u"&Save"_s);
    QCOMPARE(child<QLineEdit>(dialog, "tenantNameEdit")->text(), u"Contoso"_s);
    QVERIFY(child<QLineEdit>(dialog, "secretEdit")->text().isEmpty());
    QCOMPARE(child<QLineEdit>(dialog, "secretEdit")->echoMode(), QLineEdit::Password);

    const TenantRecord before = fx.tenants->byName(u"Contoso"_s).value();
    QLineEdit* name = child<QLineEdit>(dialog, "tenantNameEdit");
    name->clear();
    QTest::keyClicks(name, u"Contoso EU"_s);
    pointAtGraphsim(dialog, u"s3cret-value"_s);
    auto* cloud = child<QComboBox>(dialog, "cloudCombo");
    cloud->setCurrentIndex(cloud->findData(u"usgov"_s));
    QVERIFY2(dialog->problem().isEmpty(), qPrintable(dialog->problem()));
    QVERIFY(pv::test::saveScreenshots(dialog, u"tenantdialog_edit"_s));
    QTest::mouseClick(child<QPushButton>(dialog, "addTenantButton"), Qt::LeftButton);

    // Written off the GUI thread; the dialog closes and the window says so.
    QTRY_VERIFY(!dialog);
    QTRY_COMPARE(window.statusBar()->currentMessage(), u"Saved Contoso EU."_s);
    const TenantRecord after = fx.tenants->byId(before.id).value();
    QCOMPARE(after.uuid, before.uuid);
    QCOMPARE(after.name, u"Contoso EU"_s);
    QCOMPARE(after.cloud, u"usgov"_s);
    QCOMPARE(after.caCertificatePath, m_sim->caCertPath());
    QCOMPARE(after.graphUrl, m_sim->httpsUrl().toString());
    QCOMPARE(fx.secrets->read(SecretStore::key(after.uuid, SecretKind::ClientSecret)).value(), QByteArray("s3cret-value"));
    QTRY_COMPARE(window.findChild<QComboBox*>(u"tenantCombo"_s)->currentText(), u"Contoso EU"_s);

    // Opened again: the stored profile, and an empty secret field (the secret stays stored).
    edit->trigger();
    dialog = window.tenantActions()->dialog();
    QVERIFY(dialog);
    QCOMPARE(child<QLineEdit>(dialog, "tenantNameEdit")->text(), u"Contoso EU"_s);
    QCOMPARE(child<QComboBox>(dialog, "cloudCombo")->currentData().toString(), u"usgov"_s);
    QCOMPARE(child<QLineEdit>(dialog, "caFileEdit")->text(), m_sim->caCertPath());
    QVERIFY(child<QGroupBox>(dialog, "customEndpointsBox")->isChecked());
    QVERIFY(child<QLineEdit>(dialog, "secretEdit")->text().isEmpty());
    QVERIFY(!dialog->secret().has_value());
    dialog->reject();
    QTRY_VERIFY(!dialog);
    QCOMPARE(fx.secrets->read(SecretStore::key(after.uuid, SecretKind::ClientSecret)).value(), QByteArray("s3cret-value"));
}

void TestTenantConnection::testConnectionPassesAndNamesAFailure()
{
    pv::test::UiFixture fx;
    QVERIFY(fx.isValid());
    BannerNotifier notifier;
    MainWindow window(services(fx, notifier));
    window.show();
    QVERIFY(pv::test::waitForWindowLoaded(window));
    window.findChild<QAction*>(u"actionAddTenant"_s)->trigger();
    TenantDialog* dialog = window.tenantActions()->dialog();
    QVERIFY(dialog);
    QVERIFY(!child<QPushButton>(dialog, "testConnectionButton")->isEnabled());   // nothing to test yet
    QTest::keyClicks(child<QLineEdit>(dialog, "tenantNameEdit"), u"Simulated"_s);
    pointAtGraphsim(dialog, m_sim->tenants().value(0).clientSecret);

    qint64 stall = 0;
    QVERIFY(runTest(dialog, &stall));
    QCOMPARE(child<QLabel>(dialog, "testConnectionSummary")->text(), u"Every check passed."_s);
    for (const char* key : {"signIn", "configurationPolicies", "assignmentFilters", "roleScopeTags", "groups"}) {
        auto* icon = dialog->findChild<QLabel*>(u"checkIcon_"_s + QLatin1String(key));
        QVERIFY2(icon, key);
        QCOMPARE(icon->accessibleName(), u"Passed"_s);
    }
    QVERIFY(child<QLabel>(dialog, "checkMessage_signIn"));
    QVERIFY(child<QLabel>(dialog, "checkMessage_signIn")->text().startsWith(u"Signed in as app"_s));
    QVERIFY2(stall < 250, qPrintable(u"GUI thread stalled %1 ms"_s.arg(stall)));
    QVERIFY(pv::test::saveScreenshots(dialog, u"tenantdialog_test_passed"_s));

    // A wrong secret: sign-in fails and says so; the reads are not tried. The old rows went.
    pointAtGraphsim(dialog, u"sim-secret-wrong"_s);
    QVERIFY(runTest(dialog));
    QCOMPARE(child<QLabel>(dialog, "testConnectionSummary")->text(), u"5 of 5 checks failed."_s);
    QCOMPARE(dialog->findChildren<QLabel*>(QRegularExpression(u"^checkIcon_"_s)).size(), 5);
    QCOMPARE(child<QLabel>(dialog, "checkIcon_signIn")->accessibleName(), u"Failed"_s);
    QVERIFY2(child<QLabel>(dialog, "checkMessage_signIn")->text().startsWith(u"The client secret is wrong"_s),
             qPrintable(child<QLabel>(dialog, "checkMessage_signIn")->text()));
    QVERIFY(child<QLabel>(dialog, "checkMessage_roleScopeTags")->text().contains(u"sign-in failed"_s));
    QVERIFY(!child<QLabel>(dialog, "checkMessage_signIn")->text().contains(u"sim-secret-wrong"_s));
    QVERIFY(pv::test::saveScreenshots(dialog, u"tenantdialog_test_failed"_s));

    // Testing wrote nothing: the tenant is added only by Add Tenant.
    QCOMPARE(fx.tenants->list().value().size(), 1);
    dialog->reject();
}

void TestTenantConnection::editModeTestsWithTheStoredSecret()
{
    pv::test::UiFixture fx;
    QVERIFY(fx.isValid());
    const graphsim::SimTenantCredentials sim = m_sim->tenants().value(0);
    TenantRecord tenant = fx.tenants->byName(u"Contoso"_s).value();
    tenant.entraTenantId = sim.tenantId;
    tenant.clientId = sim.clientId;
    tenant.graphUrl = tenant.authorityUrl = m_sim->httpsUrl().toString();
    tenant.caCertificatePath = m_sim->caCertPath();
    QVERIFY(fx.tenantService->update(tenant, sim.clientSecret.toUtf8()).ok());

    BannerNotifier notifier;
    MainWindow window(services(fx, notifier));
    window.show();
    QVERIFY(pv::test::waitForWindowLoaded(window));
    window.findChild<QAction*>(u"actionEditTenant"_s)->trigger();
    TenantDialog* dialog = window.tenantActions()->dialog();
    QVERIFY(dialog);
    QVERIFY(!dialog->secret().has_value());
    QVERIFY(runTest(dialog));
    QCOMPARE(child<QLabel>(dialog, "testConnectionSummary")->text(), u"Every check passed."_s);

    // A stored wrong secret fails the same test.
    QVERIFY(fx.secrets->write(SecretStore::key(tenant.uuid, SecretKind::ClientSecret), "sim-secret-wrong").ok());
    QVERIFY(runTest(dialog));
    QVERIFY(child<QLabel>(dialog, "checkMessage_signIn")->text().startsWith(u"The client secret is wrong"_s));
    dialog->reject();
}

void TestTenantConnection::closingWhileTestingIsSafe()
{
    pv::test::UiFixture fx;
    QVERIFY(fx.isValid());
    BannerNotifier notifier;
    MainWindow window(services(fx, notifier));
    window.show();
    QVERIFY(pv::test::waitForWindowLoaded(window));
    window.findChild<QAction*>(u"actionAddTenant"_s)->trigger();
    QPointer<TenantDialog> dialog = window.tenantActions()->dialog();
    QTest::keyClicks(child<QLineEdit>(dialog, "tenantNameEdit"), u"Slow"_s);
    pointAtGraphsim(dialog, m_sim->tenants().value(0).clientSecret);
    // The dialog looks the same while it tests; that look is worth a screenshot.
    QTest::mouseClick(child<QPushButton>(dialog, "testConnectionButton"), Qt::LeftButton);
    QVERIFY(dialog->isTesting());
    QVERIFY(pv::test::saveScreenshots(dialog, u"tenantdialog_testing"_s));
    QPointer<QObject> test = dialog->findChild<QObject*>(u"connectionTest"_s);
    QVERIFY(test);
    QTest::keyClick(dialog, Qt::Key_Escape);   // Cancel
    QTRY_VERIFY(!dialog);
    QVERIFY(!test);   // destroyed with the dialog, its thread stopped
    QCOMPARE(fx.tenants->list().value().size(), 1);
    // The window still works: the next dialog opens and tests.
    window.findChild<QAction*>(u"actionAddTenant"_s)->trigger();
    QVERIFY(window.tenantActions()->dialog());
    window.tenantActions()->dialog()->reject();
}

QTEST_MAIN(TestTenantConnection)
#include "tst_tenantconnection.moc"
