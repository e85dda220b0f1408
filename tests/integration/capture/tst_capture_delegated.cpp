// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
// A backup of a tenant whose profile signs in as a person (auth device_code), through the
// services every process makes (JobKinds::makeServices): without a refresh token the run fails
// at once with "sign in first"; after a device code sign-in against graphsim the backup runs
// with the delegated token and the rotated refresh token is stored, never in the run record.
#include "CaptureTestEnv.h"

#include "core/graph/DeviceCodeSignIn.h"
#include "core/store/TenantRepository.h"

#include <QSignalSpy>
#include <QTest>

using namespace pv;

class TestCaptureDelegated : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void backupNeedsASignInThenRunsAsThePerson();

private:
    std::unique_ptr<CaptureTestEnv> m_env;
};

void TestCaptureDelegated::initTestCase()
{
    graphsim::SimOptions options;
    options.tenantProfiles = {QStringLiteral("demo")};
    options.seed = 13;
    m_env = std::make_unique<CaptureTestEnv>(options);
    QString error;
    QVERIFY2(m_env->start(&error), qPrintable(error));
}

void TestCaptureDelegated::backupNeedsASignInThenRunsAsThePerson()
{
    GraphTestEnv& graph = m_env->graph();
    QString desktop;
    const QJsonObject simTenant = graph.server().startupInfo().value(QStringLiteral("tenants")).toArray().first().toObject();
    for (const QJsonValue& app : simTenant.value(QStringLiteral("publicClients")).toArray()) {
        if (app.toObject().value(QStringLiteral("displayName")).toString() == QLatin1String("PolicyVault Desktop"))
            desktop = app.toObject().value(QStringLiteral("clientId")).toString();
    }
    QVERIFY(!desktop.isEmpty());
    TenantRepository tenants(m_env->database());
    auto tenant = tenants.byId(m_env->tenantId());
    QVERIFY(tenant);
    tenant->authMethod = QStringLiteral("device_code");
    tenant->clientId = desktop;
    QVERIFY(tenants.update(*tenant));

    const int tokenRequestsBefore = graph.stats().value(QStringLiteral("requests")).toInt();
    const auto refused = m_env->backup();
    QVERIFY(refused.has_value());
    QCOMPARE(refused->status, RunStatus::Failed);
    QVERIFY2(refused->errorSummary.contains(QLatin1String("sign in first: policyvault-cli tenant signin Simulated")),
             qPrintable(refused->errorSummary));
    QCOMPARE(graph.stats().value(QStringLiteral("requests")).toInt(), tokenRequestsBefore);   // Graph never called

    // Sign in by device code into the same secret store the runs read.
    graph::DelegatedSignInParams params;
    params.endpoints = graph.clientOptions().endpoints;
    params.entraTenantId = tenant->entraTenantId;
    params.clientId = desktop;
    params.tenantUuid = tenant->uuid;
    params.tenantName = tenant->name;
    params.caCertificatePath = tenant->caCertificatePath;
    graph.config(QJsonObject{{QStringLiteral("deviceCodeIntervalS"), 0}});
    graph::DeviceCodeSignIn signIn(params, &m_env->secrets(), &graph.network());
    QSignalSpy code(&signIn, &graph::DeviceCodeSignIn::codeReady);
    QSignalSpy finished(&signIn, &graph::DeviceCodeSignIn::finished);
    signIn.start();
    QTRY_COMPARE_WITH_TIMEOUT(code.size(), 1, 30000);
    const QString userCode = code.first().first().value<graph::DeviceCodePrompt>().userCode;
    graph.sim().sim(QStringLiteral("devicecode"),
                    QJsonObject{{QStringLiteral("userCode"), userCode}, {QStringLiteral("action"), QStringLiteral("approve")}});
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 30000);
    QVERIFY(signIn.result().ok());
    const QString key = SecretStore::key(tenant->uuid, SecretKind::RefreshToken);
    const QByteArray signedIn = *m_env->secrets().read(key);

    const auto backup = m_env->backup();
    QVERIFY(backup.has_value());
    QVERIFY2(backup->status == RunStatus::Succeeded, qPrintable(backup->errorSummary));
    QVERIFY(m_env->items(backup->id).size() > 0);
    const QByteArray rotated = *m_env->secrets().read(key);
    QVERIFY(rotated != signedIn);
    QVERIFY(!backup->errorSummary.contains(QString::fromLatin1(rotated)));
}

QTEST_GUILESS_MAIN(TestCaptureDelegated)
#include "tst_capture_delegated.moc"
