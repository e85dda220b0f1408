// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
// The secrets of sign-in for people never reach the disk or the logs. Real values, not planted
// strings: a network access manager records every form the flows POST to graphsim's token
// endpoint, so the canaries are the device code, the authorization code, the PKCE verifier and
// every refresh token the flows really sent, plus the refresh tokens stored after sign-in and
// after a backup rotated them. The path: a browser sign-in (the test plays the browser), a device
// code sign-in, a backup with the delegated token, then a backup after graphsim revoked the
// sign-in ("sign in again"), with logging to files at trace level. Then the raw bytes of the
// database (.db, -wal, -shm), of every log file and of the run records must hold none of them
// (raw, percent-encoded or JSON-escaped) — while the markers that prove the scan sees the
// runs' text (the "sign in again" error, the sign-in log lines) are there.
#include "CaptureTestEnv.h"

#include "core/graph/DelegatedTokenProvider.h"
#include "core/graph/DeviceCodeSignIn.h"
#include "core/graph/InteractiveSignIn.h"
#include "core/logging/Logging.h"
#include "core/store/TenantRepository.h"

#include <QBuffer>
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMutex>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QUrlQuery>

using namespace pv;

namespace {

/// Records the body of every POST: the forms the sign-in flows send.
class RecordingNetwork final : public QNetworkAccessManager
{
public:
    QList<QUrlQuery> forms;

protected:
    QNetworkReply* createRequest(Operation op, const QNetworkRequest& request, QIODevice* outgoingData) override
    {
        if (op == PostOperation && outgoingData) {
            const QByteArray body = outgoingData->peek(outgoingData->bytesAvailable());
            forms.append(QUrlQuery(QString::fromUtf8(body)));
        }
        return QNetworkAccessManager::createRequest(op, request, outgoingData);
    }
};

QList<QByteArray> forms(const QByteArray& secret)
{
    const QString text = QString::fromLatin1(secret);
    const QByteArray json = QJsonDocument(QJsonArray{text}).toJson(QJsonDocument::Compact);
    return {secret, QUrl::toPercentEncoding(text), json.mid(2, json.size() - 4),
            json.mid(2, json.size() - 4).replace("/", "\\/")};
}

QByteArray readAll(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace

class TestSignInCanaries : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void signInSecretsNeverReachDiskOrLogs();

private:
    std::unique_ptr<CaptureTestEnv> m_env;
    QTemporaryDir m_logs;
};

void TestSignInCanaries::initTestCase()
{
    QVERIFY(m_logs.isValid());
    graphsim::SimOptions options;
    options.tenantProfiles = {QStringLiteral("demo")};
    options.seed = 17;
    m_env = std::make_unique<CaptureTestEnv>(options);
    QString error;
    QVERIFY2(m_env->start(&error), qPrintable(error));
    logging::LogOptions log;
    log.appName = QStringLiteral("policyvault-canaries");
    log.directory = m_logs.path();
    log.level = logging::Level::Trace;
    log.toStderr = false;
    QVERIFY(logging::init(log));
}

void TestSignInCanaries::cleanupTestCase()
{
    logging::shutdown();
}

void TestSignInCanaries::signInSecretsNeverReachDiskOrLogs()
{
    GraphTestEnv& graph = m_env->graph();
    QString desktop;
    const QJsonObject simTenant = graph.server().startupInfo().value(QStringLiteral("tenants")).toArray().first().toObject();
    for (const QJsonValue& app : simTenant.value(QStringLiteral("publicClients")).toArray()) {
        if (app.toObject().value(QStringLiteral("displayName")).toString() == QLatin1String("PolicyVault Desktop"))
            desktop = app.toObject().value(QStringLiteral("clientId")).toString();
    }
    TenantRepository tenants(m_env->database());
    auto tenant = tenants.byId(m_env->tenantId());
    QVERIFY(tenant);
    tenant->authMethod = QStringLiteral("interactive");
    tenant->clientId = desktop;
    QVERIFY(tenants.update(*tenant));
    graph::DelegatedSignInParams params;
    params.endpoints = graph.clientOptions().endpoints;
    params.entraTenantId = tenant->entraTenantId;
    params.clientId = desktop;
    params.tenantUuid = tenant->uuid;
    params.tenantName = tenant->name;
    params.caCertificatePath = tenant->caCertificatePath;
    const QString refreshKey = SecretStore::key(tenant->uuid, SecretKind::RefreshToken);
    RecordingNetwork network;
    QList<QByteArray> stored;

    // 1. Browser sign-in, the test as the browser.
    {
        graph::InteractiveSignIn signIn(params, &m_env->secrets(), &network, {});
        QSignalSpy finished(&signIn, &graph::InteractiveSignIn::finished);
        signIn.start();
        QTRY_VERIFY_WITH_TIMEOUT(!signIn.authorizeUrl().isEmpty(), 30000);
        const HttpResult redirect = graph.sim().request("GET", signIn.authorizeUrl());
        QCOMPARE(redirect.status, 302);
        QCOMPARE(graph.sim().request("GET", QUrl(QString::fromUtf8(redirect.headers.value("location")))).status, 200);
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 30000);
        QVERIFY(signIn.result().ok());
        stored << *m_env->secrets().read(refreshKey);
    }
    // 2. Device code sign-in.
    {
        graph.config(QJsonObject{{QStringLiteral("deviceCodeIntervalS"), 0}});
        graph::DeviceCodeSignIn signIn(params, &m_env->secrets(), &network);
        QSignalSpy code(&signIn, &graph::DeviceCodeSignIn::codeReady);
        QSignalSpy finished(&signIn, &graph::DeviceCodeSignIn::finished);
        signIn.start();
        QTRY_COMPARE_WITH_TIMEOUT(code.size(), 1, 30000);
        graph.sim().sim(QStringLiteral("devicecode"),
                        QJsonObject{{QStringLiteral("userCode"), code.first().first().value<graph::DeviceCodePrompt>().userCode},
                                    {QStringLiteral("action"), QStringLiteral("approve")}});
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 30000);
        QVERIFY(signIn.result().ok());
        stored << *m_env->secrets().read(refreshKey);
    }
    // 3. A silent refresh (the refresh token sent, a new one stored).
    {
        graph::DelegatedTokenProvider tokens(params, &m_env->secrets(), &network);
        QObject context;
        const auto token = await<Result<graph::AccessToken>>([&](auto done) { tokens.accessToken(&context, done); });
        QVERIFY(token.has_value() && token->ok());
        stored << *m_env->secrets().read(refreshKey);
    }
    // 4. A backup with the person's token (the refresh token rotates), then one after the
    //    sign-in was revoked.
    const auto backup = m_env->backup();
    QVERIFY(backup.has_value());
    QVERIFY2(backup->status == RunStatus::Succeeded, qPrintable(backup->errorSummary));
    stored << *m_env->secrets().read(refreshKey);
    graph.sim().sim(QStringLiteral("clock"), QJsonObject{{QStringLiteral("advanceMs"), 1000}});
    const QString adele = QStringLiteral("AdeleV@") + simTenant.value(QStringLiteral("domain")).toString();
    graph.sim().sim(QStringLiteral("revoke"), QJsonObject{{QStringLiteral("user"), adele}});
    const auto refused = m_env->backup();
    QVERIFY(refused.has_value());
    QCOMPARE(refused->status, RunStatus::Failed);
    QVERIFY2(refused->errorSummary.contains(QLatin1String("sign in again")), qPrintable(refused->errorSummary));
    logging::flush();

    // The canaries: what the flows really sent, and what was stored.
    QMap<QString, QByteArray> canaries;
    int index = 0;
    for (const QUrlQuery& form : network.forms) {
        for (const char* field : {"device_code", "code", "code_verifier", "refresh_token"}) {
            const QString value = form.queryItemValue(QLatin1String(field), QUrl::FullyDecoded);
            if (!value.isEmpty())
                canaries.insert(QStringLiteral("%1#%2").arg(QLatin1String(field)).arg(index++), value.toLatin1());
        }
    }
    for (const QByteArray& token : stored)
        canaries.insert(QStringLiteral("stored refresh token #%1").arg(index++), token);
    QStringList kinds;
    for (const QString& name : canaries.keys())
        kinds << name.section(u'#', 0, 0).trimmed();
    for (const char* kind : {"device_code", "code", "code_verifier", "refresh_token", "stored refresh token "})
        QVERIFY2(kinds.contains(QLatin1String(kind).trimmed()), kind);

    // Everything on disk and every run record.
    QMap<QString, QByteArray> places;
    for (const QString& suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")})
        places.insert(m_env->databasePath() + suffix, readAll(m_env->databasePath() + suffix));
    for (const QString& file : logging::logFiles())
        places.insert(file, readAll(file));
    for (const auto& run : {*backup, *refused}) {
        QByteArray text = run.errorSummary.toUtf8();
        for (const RunItemRecord& item : m_env->items(run.id))
            text += item.message.toUtf8();
        places.insert(QStringLiteral("run %1").arg(run.id), text);
    }
    // The scan sees what runs and logs wrote.
    QByteArray all;
    for (const QByteArray& bytes : places)
        all += bytes;
    QVERIFY(all.contains("sign in again: policyvault-cli tenant signin"));
    QVERIFY(all.contains("browser sign-in as AdeleV@"));
    QVERIFY(all.contains("device code sign-in as AdeleV@"));
    for (auto canary = canaries.cbegin(); canary != canaries.cend(); ++canary) {
        QVERIFY2(canary.value().size() >= 16, qPrintable(canary.key()));
        for (auto place = places.cbegin(); place != places.cend(); ++place) {
            for (const QByteArray& form : forms(canary.value()))
                QVERIFY2(!place.value().contains(form), qPrintable(canary.key() + QStringLiteral(" in ") + place.key()));
        }
    }
}

QTEST_GUILESS_MAIN(TestSignInCanaries)
#include "tst_signin_canaries.moc"
