// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
// Sign-in for people in the window, against an in-process graphsim over HTTPS: a tenant that
// signs in by device code (File ▸ Sign In… opens the code dialog; the test approves the code as
// graphsim's user; the window then says "Signed in as …"; Test Connection passes with the stored
// sign-in; Sign Out deletes the refresh token), and one that signs in in the browser (the test
// plays the browser with the URL the injected launcher got), declined and then approved.
// Screenshots go to build/test-artifacts/ui/.
#include "UiTestSupport.h"

#include "GraphTestEnv.h"
#include "core/runs/TenantService.h"
#include "core/secrets/InMemorySecretStore.h"
#include "core/secrets/SecretStore.h"
#include "core/store/TenantRepository.h"
#include "ui/BannerNotifier.h"
#include "ui/BrowserSignInDialog.h"
#include "ui/DeviceCodeDialog.h"
#include "ui/MainWindow.h"
#include "ui/SignInController.h"
#include "ui/TenantActions.h"
#include "ui/TenantDialog.h"
#include "ui/TenantSelector.h"

#include <QAction>
#include <QComboBox>
#include <QJsonArray>
#include <QLabel>
#include <QMutex>
#include <QPointer>
#include <QPushButton>
#include <QTest>
#include <QToolButton>
#include <QUrlQuery>

using namespace pv;
using namespace pv::ui;
using namespace Qt::StringLiterals;

class TestSignInState : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void deviceCodeSignInTestConnectionSignOut();
    void browserSignInDeclinedThenApproved();

private:
    QString publicClient() const;
    QString upn(const QString& alias) const { return alias + u'@' + m_env->tenant().domain; }
    /// Makes the fixture's tenant sign in as a person with `method` through graphsim.
    TenantRecord makeDelegated(pv::test::UiFixture& fx, const QString& method);
    static MainWindow::Services services(pv::test::UiFixture& fx, Notifier& notifier)
    {
        return {*fx.runs, *fx.gate, *fx.tenants, notifier, nullptr, fx.tenantService.get()};
    }

    std::unique_ptr<GraphTestEnv> m_env;
};

void TestSignInState::initTestCase()
{
    pv::test::initUiTestStyle();
    graphsim::SimOptions options;
    options.tenantProfiles = {u"demo"_s};
    options.deviceCodeIntervalS = 1;
    m_env = std::make_unique<GraphTestEnv>(options);
    QString error;
    QVERIFY2(m_env->start(&error), qPrintable(error));
    QVERIFY(!publicClient().isEmpty());
}

QString TestSignInState::publicClient() const
{
    const QJsonObject tenant = m_env->server().startupInfo().value(u"tenants"_s).toArray().first().toObject();
    for (const QJsonValue& app : tenant.value(u"publicClients"_s).toArray()) {
        if (app.toObject().value(u"displayName"_s).toString() == QLatin1String("PolicyVault Desktop"))
            return app.toObject().value(u"clientId"_s).toString();
    }
    return {};
}

TenantRecord TestSignInState::makeDelegated(pv::test::UiFixture& fx, const QString& method)
{
    TenantRecord tenant = fx.tenants->byName(u"Contoso"_s).value();
    tenant.entraTenantId = m_env->tenant().tenantId;
    tenant.clientId = publicClient();
    tenant.authMethod = method;
    tenant.graphUrl = m_env->server().httpsUrl().toString();
    tenant.authorityUrl = m_env->server().httpsUrl().toString();
    tenant.caCertificatePath = m_env->server().caCertPath();
    return fx.tenants->update(tenant).value();
}

void TestSignInState::deviceCodeSignInTestConnectionSignOut()
{
    m_env->reset();
    pv::test::UiFixture fx;
    QVERIFY(fx.isValid());
    const TenantRecord tenant = makeDelegated(fx, u"device_code"_s);
    BannerNotifier notifier;
    MainWindow window(services(fx, notifier));
    window.show();
    QVERIFY(pv::test::waitForWindowLoaded(window));
    SignInController* controller = window.signInController();
    QVERIFY(controller);
    auto* status = window.findChild<QLabel*>(u"signInStatusLabel"_s);
    QTRY_COMPARE(status->text(), u"Not signed in"_s);
    QVERIFY(status->isVisible());
    QAction* signIn = window.findChild<QAction*>(u"actionSignIn"_s);
    QAction* signOut = window.findChild<QAction*>(u"actionSignOut"_s);
    QVERIFY(signIn->isEnabled());
    QVERIFY(!signOut->isEnabled());
    QVERIFY(window.findChild<QToolButton*>(u"signInButton"_s)->isVisible());
    QVERIFY(!window.findChild<QToolButton*>(u"signOutButton"_s)->isVisible());
    QVERIFY(window.findChild<QComboBox*>(u"tenantCombo"_s)->actions().contains(signIn));
    QVERIFY(pv::test::saveScreenshots(&window, u"signin_not_signed_in"_s));

    signIn->trigger();
    QPointer<DeviceCodeDialog> dialog = controller->deviceCodeDialog();
    QVERIFY(dialog && dialog->isVisible());
    QCOMPARE(status->text(), u"Signing in…"_s);
    QTRY_COMPARE_WITH_TIMEOUT(dialog->userCode().size(), 9, 30000);
    QVERIFY(dialog->secondsLeft() > 800);
    QVERIFY(pv::test::saveScreenshots(dialog, u"signin_device_code"_s));
    const QJsonObject approved = m_env->sim().sim(u"devicecode"_s, QJsonObject{{u"userCode"_s, dialog->userCode()},
                                                                               {u"action"_s, u"approve"_s},
                                                                               {u"user"_s, upn(u"AdeleV"_s)}});
    QCOMPARE(approved.value(u"state"_s).toString(), u"approved"_s);
    // The flow polls every second (graphsim's interval here) and closes the dialog on success.
    QTRY_VERIFY_WITH_TIMEOUT(!dialog, 30000);
    QTRY_COMPARE(status->text(), u"Signed in as %1"_s.arg(upn(u"AdeleV"_s)));
    QVERIFY(signOut->isEnabled());
    QVERIFY(window.findChild<QToolButton*>(u"signOutButton"_s)->isVisible());
    QVERIFY(!window.findChild<QToolButton*>(u"signInButton"_s)->isVisible());
    QVERIFY(fx.secrets->read(SecretStore::key(tenant.uuid, SecretKind::RefreshToken)).ok());
    QVERIFY(pv::test::saveScreenshots(&window, u"signin_signed_in"_s));

    // Test Connection of the delegated tenant uses the stored sign-in.
    window.findChild<QAction*>(u"actionEditTenant"_s)->trigger();
    QPointer<TenantDialog> edit = window.tenantActions()->dialog();
    QVERIFY(edit);
    auto* test = edit->findChild<QPushButton*>(u"testConnectionButton"_s);
    QVERIFY2(test->isEnabled(), qPrintable(test->toolTip()));
    QTest::mouseClick(test, Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!edit->isTesting(), 60000);
    QCOMPARE(edit->findChild<QLabel*>(u"testConnectionSummary"_s)->text(), u"Every check passed."_s);
    QCOMPARE(edit->findChild<QLabel*>(u"checkMessage_signIn"_s)->text(), u"Signed in as %1."_s.arg(upn(u"AdeleV"_s)));
    QVERIFY(pv::test::saveScreenshots(edit, u"signin_test_connection"_s));
    edit->reject();
    QTRY_VERIFY(!edit);

    signOut->trigger();
    QTRY_COMPARE(status->text(), u"Not signed in"_s);

    // Cancel in the code dialog stops the flow: the dialog closes, nobody is signed in.
    signIn->trigger();
    dialog = controller->deviceCodeDialog();
    QVERIFY(dialog);
    QTRY_COMPARE_WITH_TIMEOUT(dialog->userCode().size(), 9, 30000);
    QTest::mouseClick(dialog->findChild<QPushButton*>(u"cancel"_s), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!dialog, 30000);
    QTRY_COMPARE(status->text(), u"Not signed in"_s);
    QVERIFY(!controller->isBusy());
    QCOMPARE(fx.secrets->read(SecretStore::key(tenant.uuid, SecretKind::RefreshToken)).error().code, ErrorCode::NotFound);
    QVERIFY(!signOut->isEnabled());
    QVERIFY(signIn->isEnabled());
}

void TestSignInState::browserSignInDeclinedThenApproved()
{
    m_env->reset();
    pv::test::UiFixture fx;
    QVERIFY(fx.isValid());
    const TenantRecord tenant = makeDelegated(fx, u"interactive"_s);
    BannerNotifier notifier;
    MainWindow window(services(fx, notifier));
    window.show();
    QVERIFY(pv::test::waitForWindowLoaded(window));
    SignInController* controller = window.signInController();
    auto* status = window.findChild<QLabel*>(u"signInStatusLabel"_s);
    QTRY_COMPARE(status->text(), u"Not signed in"_s);

    // The launcher runs on the flow's thread: it only hands the URL over; the test is the browser.
    auto launched = std::make_shared<QList<QUrl>>();
    auto mutex = std::make_shared<QMutex>();
    controller->setBrowserLauncher([launched, mutex](const QUrl& url) {
        QMutexLocker lock(mutex.get());
        launched->append(url);
        return true;
    });
    auto lastLaunched = [launched, mutex] {
        QMutexLocker lock(mutex.get());
        return launched->isEmpty() ? QUrl() : launched->constLast();
    };
    auto playBrowser = [&](const QUrl& authorize) {
        const HttpResult redirect = m_env->sim().request("GET", authorize);
        if (redirect.status != 302)
            return 0;
        return m_env->sim().request("GET", QUrl(QString::fromUtf8(redirect.headers.value("location")))).status;
    };

    m_env->sim().sim(u"signin"_s, QJsonObject{{u"action"_s, u"decline"_s}});
    window.findChild<QAction*>(u"actionSignIn"_s)->trigger();
    QPointer<BrowserSignInDialog> dialog = controller->browserDialog();
    QVERIFY(dialog && dialog->isVisible());
    QTRY_VERIFY_WITH_TIMEOUT(!lastLaunched().isEmpty(), 30000);
    QTRY_COMPARE(dialog->statusText(), u"Waiting for you to sign in…"_s);
    QVERIFY(pv::test::saveScreenshots(dialog, u"signin_browser_waiting"_s));
    QCOMPARE(playBrowser(lastLaunched()), 400);   // the error page on the listener
    QTRY_VERIFY_WITH_TIMEOUT(dialog->statusText().startsWith(u"Sign-in failed: the sign-in was declined"_s), 30000);
    QVERIFY(dialog->isVisible());   // a failure stays on screen in words
    QVERIFY(pv::test::saveScreenshots(dialog, u"signin_browser_declined"_s));
    QCOMPARE(status->text(), u"Not signed in"_s);
    QTest::mouseClick(dialog->findChild<QPushButton*>(u"cancel"_s), Qt::LeftButton);   // it reads "Close" now
    QTRY_VERIFY(!dialog);

    m_env->sim().sim(u"signin"_s, QJsonObject{{u"action"_s, u"approve"_s}, {u"user"_s, upn(u"LeeG"_s)}});
    window.findChild<QAction*>(u"actionSignIn"_s)->trigger();
    dialog = controller->browserDialog();
    QVERIFY(dialog);
    QTRY_VERIFY_WITH_TIMEOUT(launched->size() == 2, 30000);
    QCOMPARE(playBrowser(lastLaunched()), 200);
    QTRY_VERIFY_WITH_TIMEOUT(!dialog, 30000);
    QTRY_COMPARE(status->text(), u"Signed in as %1"_s.arg(upn(u"LeeG"_s)));
    QVERIFY(fx.secrets->read(SecretStore::key(tenant.uuid, SecretKind::RefreshToken)).ok());
    QVERIFY(pv::test::saveScreenshots(&window, u"signin_browser_signed_in"_s));
}

QTEST_MAIN(TestSignInState)
#include "tst_signinstate.moc"
