// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
// "Test connection" (core/graph/ConnectionTest) against graphsim over HTTPS: the reader app
// passes every check; a wrong secret, an expired or unregistered certificate, the wrong cloud,
// an unknown tenant and an untrusted server fail sign-in in plain words; an app without
// DeviceManagementRBAC.Read.All gets that permission named; the asynchronous object reports
// on the caller's thread and can be cancelled.
#include "GraphTestEnv.h"

#include "core/graph/ConnectionTest.h"
#include "core/secrets/InMemorySecretStore.h"
#include "core/secrets/SecretStore.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QUuid>

#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>

using namespace pv::graph;

namespace {

QByteArray bioBytes(BIO* bio)
{
    char* data = nullptr;
    const long length = BIO_get_mem_data(bio, &data);
    return QByteArray(data, static_cast<qsizetype>(length));
}

/// A self-signed RSA certificate and its key (PEM) that expired yesterday.
QByteArray expiredCertificatePem()
{
    EVP_PKEY* key = EVP_RSA_gen(2048);
    X509* cert = X509_new();
    X509_set_version(cert, 2);
    ASN1_INTEGER_set(X509_get_serialNumber(cert), 7);
    X509_gmtime_adj(X509_getm_notBefore(cert), -30L * 24 * 3600);
    X509_gmtime_adj(X509_getm_notAfter(cert), -24L * 3600);
    X509_set_pubkey(cert, key);
    X509_NAME* name = X509_get_subject_name(cert);
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, reinterpret_cast<const unsigned char*>("expired"), -1, -1, 0);
    X509_set_issuer_name(cert, name);
    X509_sign(cert, key, EVP_sha256());
    BIO* out = BIO_new(BIO_s_mem());
    PEM_write_bio_X509(out, cert);
    PEM_write_bio_PrivateKey(out, key, nullptr, nullptr, 0, nullptr, nullptr);
    const QByteArray pem = bioBytes(out);
    BIO_free(out);
    X509_free(cert);
    EVP_PKEY_free(key);
    return pem;
}

QString writeFile(const QTemporaryDir& dir, const QString& name, const QByteArray& bytes)
{
    const QString path = dir.filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size())
        return {};
    return path;
}

QString describe(const ConnectionTestResult& result)
{
    QStringList lines;
    for (const ConnectionCheck& check : result.checks)
        lines << QStringLiteral("%1: %2 %3").arg(check.key, check.ok ? QStringLiteral("ok") : QStringLiteral("FAIL"), check.message);
    return lines.join(QLatin1Char('\n'));
}

ConnectionCheck checkOf(const ConnectionTestResult& result, const QString& key)
{
    for (const ConnectionCheck& check : result.checks) {
        if (check.key == key)
            return check;
    }
    return {};
}

} // namespace

class TestGraphConnection : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void readerAppPassesEveryCheck();
    void secretFromTheKeychain();
    void wrongSecretIsNamed();
    void certificateSignIn();
    void expiredCertificateIsNamed();
    void unregisteredCertificateIsNamed();
    void wrongCloudScopeIsNamed();
    void unknownTenantIsNamed();
    void unknownAppIsNamed();
    void untrustedServerNamesTheCaFile();
    void missingPermissionIsNamed();
    void asyncReportsOnTheCallersThread();
    void cancelStopsWithoutFinished();

private:
    /// Params for app `appIndex` of the simulated tenant (0 backup, 1 reader, 2 limited).
    ConnectionTestParams params(int appIndex) const;
    QJsonObject app(int index) const { return m_apps.at(index).toObject(); }

    QTemporaryDir m_dir;
    std::unique_ptr<GraphTestEnv> m_env;
    QJsonArray m_apps;
    pv::InMemorySecretStore m_secrets;
};

void TestGraphConnection::initTestCase()
{
    QVERIFY(m_dir.isValid());
    // graphsim's demo tenant, saved and loaded back with a third app that lacks the RBAC
    // permission scope tags need: graphsim answers its reads with Intune's 403.
    {
        graphsim::SimOptions save;
        save.tenantProfiles = {QStringLiteral("demo")};
        save.saveTenantsDir = m_dir.filePath(QStringLiteral("saved"));
        graphsim::SimServer saver(save);
        QString error;
        QVERIFY2(saver.start(&error), qPrintable(error));
        saver.stop();
    }
    const QStringList saved = QDir(m_dir.filePath(QStringLiteral("saved"))).entryList({QStringLiteral("*.json")});
    QCOMPARE(saved.size(), 1);
    QFile file(m_dir.filePath(QStringLiteral("saved/") + saved.first()));
    QVERIFY(file.open(QIODevice::ReadOnly));
    QJsonObject tenant = QJsonDocument::fromJson(file.readAll()).object();
    file.close();
    QJsonArray apps = tenant.value(QStringLiteral("apps")).toArray();
    QCOMPARE(apps.size(), 2);
    QJsonObject limited = apps.at(1).toObject();
    limited.insert(QStringLiteral("displayName"), QStringLiteral("PolicyVault Limited"));
    limited.insert(QStringLiteral("clientId"), QUuid::createUuid().toString(QUuid::WithoutBraces));
    limited.insert(QStringLiteral("roles"), QJsonArray{QStringLiteral("DeviceManagementConfiguration.Read.All"),
                                                       QStringLiteral("Group.Read.All")});
    apps.append(limited);
    tenant.insert(QStringLiteral("apps"), apps);
    const QString tenantFile = writeFile(m_dir, QStringLiteral("tenant.json"), QJsonDocument(tenant).toJson());
    QVERIFY(!tenantFile.isEmpty());

    graphsim::SimOptions options;
    options.tenantFiles = {tenantFile};
    options.policyPageSize = 10;   // the demo tenant's policies span pages; the test reads only the first
    m_env = std::make_unique<GraphTestEnv>(options);
    QString error;
    QVERIFY2(m_env->start(&error), qPrintable(error));
    m_apps = m_env->server().startupInfo().value(QStringLiteral("tenants")).toArray().at(0).toObject()
                 .value(QStringLiteral("apps")).toArray();
    QCOMPARE(m_apps.size(), 3);
    QVERIFY(!app(2).value(QStringLiteral("roles")).toArray().contains(QStringLiteral("DeviceManagementRBAC.Read.All")));
}

ConnectionTestParams TestGraphConnection::params(int appIndex) const
{
    ConnectionTestParams p;
    const QString url = m_env->server().httpsUrl().toString();
    p.graphUrl = url;
    p.authorityUrl = url;
    p.caCertificatePath = m_env->server().caCertPath();
    p.entraTenantId = m_env->tenant().tenantId;
    p.clientId = app(appIndex).value(QStringLiteral("clientId")).toString();
    p.secret = app(appIndex).value(QStringLiteral("clientSecret")).toString().toUtf8();
    p.timeout = std::chrono::seconds(60);
    return p;
}

void TestGraphConnection::readerAppPassesEveryCheck()
{
    m_env->reset();
    const ConnectionTestResult result = runConnectionTest(params(1), m_secrets);
    QVERIFY2(result.ok(), qPrintable(describe(result)));
    QStringList keys;
    for (const ConnectionCheck& check : result.checks)
        keys << check.key;
    QCOMPARE(keys, ConnectionChecks::keys());
    QVERIFY2(checkOf(result, QStringLiteral("configurationPolicies")).message.contains(QStringLiteral("10 items")),
             qPrintable(describe(result)));
    QVERIFY(checkOf(result, QStringLiteral("configurationPolicies")).message.contains(QStringLiteral("more pages follow")));
    QVERIFY(checkOf(result, QStringLiteral("roleScopeTags")).message.contains(QStringLiteral("5 items")));
    // One page each, read-only: one Graph request per collection, nothing written.
    const QJsonObject stats = m_env->stats();
    QCOMPARE(stats.value(QStringLiteral("requests")).toInt(), ConnectionChecks::keys().size() - 1);
    QCOMPARE(stats.value(QStringLiteral("tokenRequests")).toObject().value(QStringLiteral("200")).toInt(), 1);
    QCOMPARE(m_env->writes(), 0);
}

void TestGraphConnection::secretFromTheKeychain()
{
    ConnectionTestParams p = params(1);
    p.tenantUuid = QUuid::createUuid().toString(QUuid::WithoutBraces);
    const QByteArray secret = *p.secret;
    p.secret.reset();
    // Nothing stored yet: sign-in says so and nothing is read.
    ConnectionTestResult result = runConnectionTest(p, m_secrets);
    QVERIFY(!result.ok());
    QVERIFY2(checkOf(result, QStringLiteral("signIn")).message.contains(QStringLiteral("no client secret is stored")),
             qPrintable(describe(result)));
    QVERIFY(m_secrets.write(pv::SecretStore::key(p.tenantUuid, pv::SecretKind::ClientSecret), secret).ok());
    result = runConnectionTest(p, m_secrets);
    QVERIFY2(result.ok(), qPrintable(describe(result)));
}

void TestGraphConnection::wrongSecretIsNamed()
{
    ConnectionTestParams p = params(1);
    p.secret = QByteArrayLiteral("sim-secret-not-the-right-one");
    const ConnectionTestResult result = runConnectionTest(p, m_secrets);
    QVERIFY(!result.ok());
    const ConnectionCheck signIn = checkOf(result, QStringLiteral("signIn"));
    QVERIFY(!signIn.ok);
    QVERIFY2(signIn.message.startsWith(QStringLiteral("The client secret is wrong")), qPrintable(signIn.message));
    QVERIFY(signIn.message.contains(QStringLiteral("AADSTS7000215")));
    QVERIFY(!signIn.message.contains(QString::fromUtf8(*p.secret)));
    // The reads were not tried, and say why.
    for (const QString& key : ConnectionChecks::keys().mid(1)) {
        QVERIFY(!checkOf(result, key).ok);
        QVERIFY(checkOf(result, key).message.contains(QStringLiteral("sign-in failed")));
    }
}

void TestGraphConnection::certificateSignIn()
{
    // graphsim registers its per-run client certificate on the tenant's first app.
    ConnectionTestParams p = params(0);
    p.authMethod = QStringLiteral("certificate");
    p.secret = QByteArray();   // the PEM key is not encrypted: no password
    p.certificatePath = writeFile(m_dir, QStringLiteral("client.pem"),
                                  m_env->server().clientCertificatePem() + m_env->server().clientKeyPem());
    const ConnectionTestResult result = runConnectionTest(p, m_secrets);
    QVERIFY2(result.ok(), qPrintable(describe(result)));
    QVERIFY(checkOf(result, QStringLiteral("signIn")).message.contains(QStringLiteral("the certificate (valid until")));
}

void TestGraphConnection::expiredCertificateIsNamed()
{
    ConnectionTestParams p = params(0);
    p.authMethod = QStringLiteral("certificate");
    p.secret = QByteArray();
    p.certificatePath = writeFile(m_dir, QStringLiteral("expired.pem"), expiredCertificatePem());
    const int tokenRequestsBefore = m_env->stats().value(QStringLiteral("requests")).toInt();
    const ConnectionTestResult result = runConnectionTest(p, m_secrets);
    const ConnectionCheck signIn = checkOf(result, QStringLiteral("signIn"));
    QVERIFY(!signIn.ok);
    QVERIFY2(signIn.message.startsWith(QStringLiteral("The certificate expired on ")), qPrintable(signIn.message));
    QVERIFY(signIn.message.contains(QDateTime::currentDateTimeUtc().addDays(-1).toString(QStringLiteral("yyyy-MM-dd"))));
    // Told before Entra is asked.
    QCOMPARE(m_env->stats().value(QStringLiteral("requests")).toInt(), tokenRequestsBefore);
}

void TestGraphConnection::unregisteredCertificateIsNamed()
{
    ConnectionTestParams p = params(1);   // the reader app: graphsim's certificate is not registered there
    p.authMethod = QStringLiteral("certificate");
    p.secret = QByteArray();
    p.certificatePath = writeFile(m_dir, QStringLiteral("client2.pem"),
                                  m_env->server().clientCertificatePem() + m_env->server().clientKeyPem());
    const ConnectionTestResult result = runConnectionTest(p, m_secrets);
    const ConnectionCheck signIn = checkOf(result, QStringLiteral("signIn"));
    QVERIFY(!signIn.ok);
    QVERIFY2(signIn.message.startsWith(QStringLiteral("Entra does not know this certificate (AADSTS700027)")),
             qPrintable(signIn.message));
}

void TestGraphConnection::wrongCloudScopeIsNamed()
{
    // A US Government tenant profile pointed at graphsim (a global-cloud Entra): the token
    // scope stays the cloud's own, https://graph.microsoft.us/.default, and is refused.
    ConnectionTestParams p = params(1);
    p.cloud = QStringLiteral("usgov");
    const ConnectionTestResult result = runConnectionTest(p, m_secrets);
    const ConnectionCheck signIn = checkOf(result, QStringLiteral("signIn"));
    QVERIFY(!signIn.ok);
    QVERIFY2(signIn.message.startsWith(QStringLiteral("Wrong cloud")), qPrintable(signIn.message));
    QVERIFY(signIn.message.contains(QStringLiteral("https://graph.microsoft.us/.default")));
    QVERIFY(signIn.message.contains(QStringLiteral("US Government (GCC High)")));
}

void TestGraphConnection::unknownTenantIsNamed()
{
    ConnectionTestParams p = params(1);
    p.entraTenantId = QStringLiteral("00000000-1111-2222-3333-444444444444");
    const ConnectionTestResult result = runConnectionTest(p, m_secrets);
    const ConnectionCheck signIn = checkOf(result, QStringLiteral("signIn"));
    QVERIFY(!signIn.ok);
    QVERIFY2(signIn.message.startsWith(QStringLiteral("Unknown tenant")), qPrintable(signIn.message));
    QVERIFY(signIn.message.contains(p.entraTenantId));
}

void TestGraphConnection::unknownAppIsNamed()
{
    ConnectionTestParams p = params(1);
    p.clientId = QStringLiteral("99999999-8888-7777-6666-555555555555");
    const ConnectionTestResult result = runConnectionTest(p, m_secrets);
    const ConnectionCheck signIn = checkOf(result, QStringLiteral("signIn"));
    QVERIFY(!signIn.ok);
    QVERIFY2(signIn.message.startsWith(QStringLiteral("Unknown app: there is no app with client ID ") + p.clientId),
             qPrintable(signIn.message));
}

void TestGraphConnection::untrustedServerNamesTheCaFile()
{
    ConnectionTestParams p = params(1);
    p.caCertificatePath.clear();   // graphsim's CA is in no system store
    ConnectionTestResult result = runConnectionTest(p, m_secrets);
    ConnectionCheck signIn = checkOf(result, QStringLiteral("signIn"));
    QVERIFY(!signIn.ok);
    QVERIFY2(signIn.message.startsWith(QStringLiteral("Could not connect securely")), qPrintable(signIn.message));
    QVERIFY(signIn.message.contains(QStringLiteral("CA file")));

    p.caCertificatePath = m_dir.filePath(QStringLiteral("no-such-ca.pem"));
    result = runConnectionTest(p, m_secrets);
    signIn = checkOf(result, QStringLiteral("signIn"));
    QCOMPARE(signIn.message, QStringLiteral("The CA file %1 does not exist.").arg(p.caCertificatePath));
}

void TestGraphConnection::missingPermissionIsNamed()
{
    const ConnectionTestResult result = runConnectionTest(params(2), m_secrets);
    QVERIFY(!result.ok());
    for (const QString& key : ConnectionChecks::keys()) {
        const ConnectionCheck check = checkOf(result, key);
        if (key == QLatin1String("roleScopeTags")) {
            QVERIFY(!check.ok);
            QCOMPARE(check.message, QStringLiteral("The app lacks DeviceManagementRBAC.Read.All — add it as an application "
                                                   "permission (Microsoft Graph) and grant admin consent."));
            QVERIFY(!check.requestId.isEmpty());
        } else {
            QVERIFY2(check.ok, qPrintable(describe(result)));
        }
    }
}

void TestGraphConnection::asyncReportsOnTheCallersThread()
{
    ConnectionTest test(params(1), m_secrets);
    QSignalSpy checks(&test, &ConnectionTest::checkFinished);
    QSignalSpy finished(&test, &ConnectionTest::finished);
    QThread* caller = QThread::currentThread();
    QList<QThread*> threads;
    connect(&test, &ConnectionTest::checkFinished, this, [&threads] { threads << QThread::currentThread(); });
    test.start();
    QVERIFY(test.isRunning());
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 60000);
    QVERIFY(!test.isRunning());
    QCOMPARE(checks.size(), ConnectionChecks::keys().size());
    for (QThread* thread : std::as_const(threads))
        QCOMPARE(thread, caller);
    const auto result = finished.first().first().value<ConnectionTestResult>();
    QVERIFY2(result.ok(), qPrintable(describe(result)));
    QCOMPARE(checks.first().first().value<ConnectionCheck>().key, QStringLiteral("signIn"));
}

void TestGraphConnection::cancelStopsWithoutFinished()
{
    // A slow graphsim: the test is still reading when it is cancelled.
    m_env->config(QJsonObject{{QStringLiteral("latencyMs"), 400}});
    auto test = std::make_unique<ConnectionTest>(params(1), m_secrets);
    QSignalSpy checks(test.get(), &ConnectionTest::checkFinished);
    QSignalSpy finished(test.get(), &ConnectionTest::finished);
    test->start();
    QTRY_VERIFY_WITH_TIMEOUT(checks.size() >= 1, 30000);   // signed in, reading
    test->cancel();
    QVERIFY(!test->isRunning());
    const qsizetype seen = checks.size();
    test.reset();   // destroying a cancelled test is immediate and safe
    QCoreApplication::sendPostedEvents();   // a queued signal, had one been posted, arrives now
    QCOMPARE(finished.size(), 0);
    QVERIFY(seen < ConnectionChecks::keys().size());
    m_env->config(QJsonObject{{QStringLiteral("latencyMs"), 0}});
}

QTEST_GUILESS_MAIN(TestGraphConnection)
#include "tst_graph_connection.moc"
