// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
// The device code dialog driven by a real DeviceCodeSignIn against an in-process graphsim over
// HTTPS: graphsim's code large and copyable, the URL as a link, a countdown that runs, success
// closing it (the refresh token stored), Cancel stopping the flow, a decline shown in words.
#include "UiTestSupport.h"

#include "GraphTestEnv.h"
#include "core/graph/DeviceCodeSignIn.h"
#include "core/secrets/InMemorySecretStore.h"
#include "core/secrets/SecretStore.h"
#include "ui/DeviceCodeDialog.h"

#include <QClipboard>
#include <QGuiApplication>
#include <QJsonArray>
#include <QLabel>
#include <QPushButton>
#include <QTest>

using namespace pv;
using namespace pv::ui;

namespace {
const QString TenantUuid = QStringLiteral("5d0c2b1a-aaaa-4bbb-8ccc-0123456789ab");
}

class TestDeviceCodeDialog : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void approvedClosesTheDialog();
    void cancelStopsTheFlow();
    void declinedIsShownInWords();

private:
    struct Session
    {
        std::unique_ptr<DeviceCodeDialog> dialog;
        std::unique_ptr<graph::DeviceCodeSignIn> flow;
    };
    Session open();
    void decide(const QString& userCode, const QString& action);

    std::unique_ptr<GraphTestEnv> m_env;
    std::unique_ptr<InMemorySecretStore> m_store;
};

void TestDeviceCodeDialog::initTestCase()
{
    pv::test::initUiTestStyle();
    graphsim::SimOptions options;
    options.tenantProfiles = {QStringLiteral("demo")};
    options.seed = 11;
    m_env = std::make_unique<GraphTestEnv>(options);
    QString error;
    QVERIFY2(m_env->start(&error), qPrintable(error));
}

void TestDeviceCodeDialog::init()
{
    m_env->reset();
    // Polls every 200 ms of real time (graphsim's 0 interval: no slow_down).
    m_env->config(QJsonObject{{QStringLiteral("deviceCodeIntervalS"), 0}, {QStringLiteral("deviceCodeLifetimeS"), 900}});
    m_store = std::make_unique<InMemorySecretStore>();
}

TestDeviceCodeDialog::Session TestDeviceCodeDialog::open()
{
    graph::DelegatedSignInParams params;
    params.endpoints = m_env->clientOptions().endpoints;
    params.entraTenantId = m_env->tenant().tenantId;
    const QJsonObject tenant = m_env->server().startupInfo().value(QStringLiteral("tenants")).toArray().first().toObject();
    for (const QJsonValue& app : tenant.value(QStringLiteral("publicClients")).toArray()) {
        if (app.toObject().value(QStringLiteral("displayName")).toString() == QLatin1String("PolicyVault Desktop"))
            params.clientId = app.toObject().value(QStringLiteral("clientId")).toString();
    }
    params.tenantUuid = TenantUuid;
    params.tenantName = QStringLiteral("Contoso");
    params.caCertificatePath = m_env->server().caCertPath();
    Session session;
    session.dialog = std::make_unique<DeviceCodeDialog>(QStringLiteral("Contoso"));
    session.flow = std::make_unique<graph::DeviceCodeSignIn>(params, m_store.get(), &m_env->network());
    DeviceCodeDialog* dialog = session.dialog.get();
    graph::DeviceCodeSignIn* flow = session.flow.get();
    connect(flow, &graph::DeviceCodeSignIn::codeReady, dialog, &DeviceCodeDialog::showPrompt);
    connect(flow, &graph::DeviceCodeSignIn::finished, dialog, [dialog, flow] { dialog->showResult(flow->result()); });
    connect(dialog, &DeviceCodeDialog::cancelRequested, flow, &graph::DeviceCodeSignIn::cancel);
    dialog->show();
    flow->start();
    return session;
}

void TestDeviceCodeDialog::decide(const QString& userCode, const QString& action)
{
    const QJsonObject answer = m_env->sim().sim(
        QStringLiteral("devicecode"), QJsonObject{{QStringLiteral("userCode"), userCode}, {QStringLiteral("action"), action}});
    QCOMPARE(answer.value(QStringLiteral("userCode")).toString(), userCode);
}

void TestDeviceCodeDialog::approvedClosesTheDialog()
{
    Session session = open();
    DeviceCodeDialog* dialog = session.dialog.get();
    QTRY_VERIFY_WITH_TIMEOUT(!dialog->userCode().isEmpty(), 30000);
    // The code on screen is the one graphsim waits for.
    const QJsonArray codes = m_env->sim().sim(QStringLiteral("devicecode")).value(QStringLiteral("value")).toArray();
    QCOMPARE(codes.size(), 1);
    QCOMPARE(dialog->userCode(), codes.first().toObject().value(QStringLiteral("userCode")).toString());
    auto* link = dialog->findChild<QLabel*>(QStringLiteral("verificationLink"));
    QVERIFY(link->text().contains(QLatin1String("href=\"https://microsoft.com/devicelogin\"")));
    QVERIFY(link->openExternalLinks());
    auto* countdown = dialog->findChild<QLabel*>(QStringLiteral("countdown"));
    QVERIFY2(countdown->text().contains(QLatin1String("15:00")) || countdown->text().contains(QLatin1String("14:59")),
             qPrintable(countdown->text()));
    const QString before = countdown->text();
    QTRY_VERIFY_WITH_TIMEOUT(countdown->text() != before, 5000);   // it counts down
    QVERIFY(dialog->secondsLeft() < 900 && dialog->secondsLeft() > 890);
    dialog->findChild<QPushButton*>(QStringLiteral("copyCode"))->click();
    QCOMPARE(QGuiApplication::clipboard()->text(), dialog->userCode());
    QVERIFY(pv::test::saveScreenshots(dialog, QStringLiteral("devicecode_dialog")));

    decide(dialog->userCode(), QStringLiteral("approve"));
    QTRY_VERIFY_WITH_TIMEOUT(!dialog->isVisible(), 30000);
    QCOMPARE(dialog->result(), int(QDialog::Accepted));
    QVERIFY(session.flow->result().ok());
    QVERIFY(m_store->read(SecretStore::key(TenantUuid, SecretKind::RefreshToken)).ok());
}

void TestDeviceCodeDialog::cancelStopsTheFlow()
{
    Session session = open();
    DeviceCodeDialog* dialog = session.dialog.get();
    QTRY_VERIFY_WITH_TIMEOUT(!dialog->userCode().isEmpty(), 30000);
    QTest::keyClick(dialog, Qt::Key_Escape);
    QTRY_VERIFY_WITH_TIMEOUT(!dialog->isVisible(), 10000);
    QCOMPARE(dialog->result(), int(QDialog::Rejected));
    QVERIFY(session.flow->isFinished());
    QCOMPARE(session.flow->result().error().code, ErrorCode::Cancelled);
    // graphsim still waits for the code: nobody redeemed it, and nothing was stored.
    const QJsonArray codes = m_env->sim().sim(QStringLiteral("devicecode")).value(QStringLiteral("value")).toArray();
    QCOMPARE(codes.first().toObject().value(QStringLiteral("state")).toString(), QStringLiteral("pending"));
    QCOMPARE(m_store->read(SecretStore::key(TenantUuid, SecretKind::RefreshToken)).error().code, ErrorCode::NotFound);
}

void TestDeviceCodeDialog::declinedIsShownInWords()
{
    Session session = open();
    DeviceCodeDialog* dialog = session.dialog.get();
    QTRY_VERIFY_WITH_TIMEOUT(!dialog->userCode().isEmpty(), 30000);
    decide(dialog->userCode(), QStringLiteral("decline"));
    auto* status = dialog->findChild<QLabel*>(QStringLiteral("status"));
    QTRY_VERIFY_WITH_TIMEOUT(status->text().contains(QLatin1String("declined")), 30000);
    QVERIFY(dialog->isVisible());   // the failure stays until Close
    QVERIFY(!dialog->findChild<QLabel*>(QStringLiteral("countdown"))->isVisible());
    QCOMPARE(dialog->findChild<QPushButton*>(QStringLiteral("cancel"))->text(), QStringLiteral("Close"));
    QVERIFY(pv::test::saveScreenshots(dialog, QStringLiteral("devicecode_dialog_declined")));
    QTest::keyClick(dialog, Qt::Key_Escape);
    QTRY_VERIFY(!dialog->isVisible());
}

QTEST_MAIN(TestDeviceCodeDialog)
#include "tst_devicecodedialog.moc"
