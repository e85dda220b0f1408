// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
// App sign-in against graphsim's Entra token endpoint (GRAPH_NOTES §5.1): client secret and
// certificate assertion (PS256, x5t#S256; PEM with plain or encrypted key, PFX), errors that
// name the credential, one token request for many waiters, one refresh on 401, and where the
// secret comes from (POLICYVAULT_CLIENT_SECRET before the keychain).
#include "GraphTestEnv.h"

#include "core/graph/AppSignIn.h"
#include "core/graph/ClientCertificate.h"
#include "core/logging/Logging.h"
#include "core/secrets/InMemorySecretStore.h"
#include "core/secrets/SecretStore.h"
#include "tests/testutils/ResultText.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QScopeGuard>
#include <QTimer>

#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/pkcs12.h>
#include <openssl/x509.h>

using namespace std::chrono_literals;
using namespace pv::graph;
using pv::ErrorCode;
using pv::Result;

namespace {

/// Hands out a fixed token and counts how often it was asked.
class FixedTokenProvider final : public TokenProvider
{
public:
    explicit FixedTokenProvider(QByteArray token) : m_token(std::move(token)) {}
    void accessToken(QObject* context, Callback done) override
    {
        ++asked;
        QTimer::singleShot(0, context, [this, done] { done(AccessToken{m_token, QDateTime::currentDateTimeUtc().addSecs(3600)}); });
    }
    void invalidate(const QByteArray&) override { ++invalidated; }
    int asked = 0;
    int invalidated = 0;

private:
    QByteArray m_token;
};

QByteArray jwtHeader(const QByteArray& jwt)
{
    return QByteArray::fromBase64(jwt.split('.').value(0), QByteArray::Base64UrlEncoding);
}

/// graphsim's client key re-encoded: encrypted PEM, or a PFX, both with `password`.
QByteArray reencode(const QByteArray& certPem, const QByteArray& keyPem, const QByteArray& password, bool pfx)
{
    BIO* keyBio = BIO_new_mem_buf(keyPem.constData(), static_cast<int>(keyPem.size()));
    EVP_PKEY* key = PEM_read_bio_PrivateKey(keyBio, nullptr, nullptr, nullptr);
    BIO_free(keyBio);
    BIO* certBio = BIO_new_mem_buf(certPem.constData(), static_cast<int>(certPem.size()));
    X509* cert = PEM_read_bio_X509(certBio, nullptr, nullptr, nullptr);
    BIO_free(certBio);
    BIO* out = BIO_new(BIO_s_mem());
    if (pfx) {
        PKCS12* p12 = PKCS12_create(password.constData(), "pv", key, cert, nullptr, 0, 0, 0, 0, 0);
        i2d_PKCS12_bio(out, p12);
        PKCS12_free(p12);
    } else {
        PEM_write_bio_X509(out, cert);
        PEM_write_bio_PrivateKey(out, key, EVP_aes_256_cbc(), nullptr, 0, nullptr, const_cast<char*>(password.constData()));
    }
    char* data = nullptr;
    const long length = BIO_get_mem_data(out, &data);
    QByteArray bytes(data, static_cast<qsizetype>(length));
    BIO_free(out);
    X509_free(cert);
    EVP_PKEY_free(key);
    return bytes;
}

} // namespace

class TestGraphAuth : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void clientSecretSignsInOncePerToken();
    void wrongSecretNamesIt();
    void expiredTokenRefreshesOnce();
    void refreshesOnlyOnce();
    void certificateAssertion_data();
    void certificateAssertion();
    void certificateOfAnotherAppIsRejected();
    void certificateFileErrors();
    void secretFromEnvironmentBeforeKeychain();
    void appSignInFromTheProfile_data();
    void appSignInFromTheProfile();
    void logsNeverCarryCredentials();

private:
    Result<AccessToken> signIn(const ClientCredentials& credentials, int* requests = nullptr);
    std::unique_ptr<GraphTestEnv> m_env;
    QTemporaryDir m_dir;
};

void TestGraphAuth::initTestCase()
{
    QVERIFY(m_dir.isValid());
    graphsim::SimOptions options;
    options.tenantProfiles = {QStringLiteral("demo")};
    options.seed = 3;
    m_env = std::make_unique<GraphTestEnv>(options);
    QString error;
    QVERIFY2(m_env->start(&error), qPrintable(error));
}

void TestGraphAuth::init()
{
    m_env->reset();
}

Result<AccessToken> TestGraphAuth::signIn(const ClientCredentials& credentials, int* requests)
{
    ClientCredentialsTokenProvider provider(credentials, &m_env->network());
    QObject context;
    auto result = await<Result<AccessToken>>([&](auto done) { provider.accessToken(&context, done); });
    if (requests)
        *requests = provider.tokenRequests();
    if (!result)
        return pv::fail(ErrorCode::Internal, QStringLiteral("no answer"));
    return *result;
}

void TestGraphAuth::clientSecretSignsInOncePerToken()
{
    ClientCredentialsTokenProvider provider(m_env->credentials(), &m_env->network());
    QObject context;
    QList<QByteArray> tokens;
    for (int i = 0; i < 3; ++i)
        provider.accessToken(&context, [&](Result<AccessToken> token) { tokens.append(token ? token->token : QByteArray()); });
    QTRY_COMPARE_WITH_TIMEOUT(tokens.size(), 3, 30000);
    QVERIFY(!tokens.first().isEmpty());
    QCOMPARE(tokens.count(tokens.first()), 3);
    QCOMPARE(provider.tokenRequests(), 1);   // three waiters, one request
    // Cached afterwards.
    const auto again = await<Result<AccessToken>>([&](auto done) { provider.accessToken(&context, done); });
    QVERIFY(again && again->ok());
    QCOMPARE((*again)->token, tokens.first());
    QCOMPARE(provider.tokenRequests(), 1);
    QCOMPARE(m_env->stats().value(QStringLiteral("tokenRequests")).toObject().value(QStringLiteral("200")).toInt(), 1);
}

void TestGraphAuth::wrongSecretNamesIt()
{
    ClientCredentials credentials = m_env->credentials();
    credentials.clientSecret = "sim-secret-0123456789abcdef0123456789abcdef";
    int requests = 0;
    const Result<AccessToken> token = signIn(credentials, &requests);
    QVERIFY(!token.ok());
    QCOMPARE(token.error().code, ErrorCode::Auth);
    QCOMPARE(token.error().httpStatus, 401);
    const QString message = token.error().message;
    QVERIFY2(message.contains(QStringLiteral("client secret")), qPrintable(message));
    QVERIFY2(message.contains(QStringLiteral("invalid_client")), qPrintable(message));
    QVERIFY2(message.contains(QStringLiteral("AADSTS7000215")), qPrintable(message)); // Entra's "invalid secret"
    QVERIFY(!message.contains(QString::fromLatin1(credentials.clientSecret)));
    QCOMPARE(requests, 1); // an Entra 401 is final

    // Through the client: the sign-in error surfaces, and Graph was never called.
    auto client = std::make_unique<ReadOnlyGraphClient>(m_env->clientOptions(), &m_env->network(),
                                                        std::make_shared<ClientCredentialsTokenProvider>(credentials, &m_env->network()),
                                                        std::make_shared<RequestGovernor>());
    const auto result = await<Result<GraphResponse>>([&](auto done) {
        client->get(QStringLiteral("/deviceManagement/configurationPolicies"), done);
    });
    QVERIFY(result && !result->ok());
    QCOMPARE(result->error().code, ErrorCode::Auth);
    QCOMPARE(m_env->stats().value(QStringLiteral("requests")).toInt(), 0);
}

void TestGraphAuth::expiredTokenRefreshesOnce()
{
    auto tokens = m_env->tokenProvider();
    ReadOnlyGraphClient client(m_env->clientOptions(), &m_env->network(), tokens, std::make_shared<RequestGovernor>());
    const QString path = QStringLiteral("/deviceManagement/configurationPolicies?$top=1");
    const auto first = await<Result<GraphResponse>>([&](auto done) { client.get(path, done); });
    QVERIFY(first && first->ok());
    QCOMPARE(tokens->tokenRequests(), 1);
    // Two hours later on graphsim's clock the cached token (still fresh by ours) has expired.
    m_env->sim().sim(QStringLiteral("clock"), QJsonObject{{QStringLiteral("advanceMs"), 2 * 3600 * 1000}});
    const auto second = await<Result<GraphResponse>>([&](auto done) { client.get(path, done); });
    QVERIFY(second.has_value());
    QVERIFY2(second->ok(), pv::test::errorText(*second).constData());
    QCOMPARE((*second)->attempts, 2);
    QCOMPARE(tokens->tokenRequests(), 2);
    QCOMPARE(m_env->stats().value(QStringLiteral("byStatus")).toObject().value(QStringLiteral("401")).toInt(), 1);
    m_env->sim().sim(QStringLiteral("clock"), QJsonObject{{QStringLiteral("reset"), true}});
}

void TestGraphAuth::refreshesOnlyOnce()
{
    auto tokens = std::make_shared<FixedTokenProvider>("not-a-token");
    ReadOnlyGraphClient client(m_env->clientOptions(), &m_env->network(), tokens, std::make_shared<RequestGovernor>());
    const auto result = await<Result<GraphResponse>>([&](auto done) {
        client.get(QStringLiteral("/deviceManagement/configurationPolicies"), done);
    });
    QVERIFY(result && !result->ok());
    QCOMPARE(result->error().code, ErrorCode::Auth);
    QCOMPARE(result->error().httpStatus, 401);
    QVERIFY(!result->error().requestId.isEmpty());
    QVERIFY2(result->error().message.contains(QStringLiteral("InvalidAuthenticationToken")), qPrintable(result->error().message));
    QCOMPARE(tokens->asked, 2);
    QCOMPARE(tokens->invalidated, 1);
    QCOMPARE(m_env->stats().value(QStringLiteral("byStatus")).toObject().value(QStringLiteral("401")).toInt(), 2);
}

void TestGraphAuth::certificateAssertion_data()
{
    QTest::addColumn<QString>("form");
    QTest::addRow("pem") << QStringLiteral("pem");
    QTest::addRow("pem, encrypted key") << QStringLiteral("encrypted");
    QTest::addRow("pfx") << QStringLiteral("pfx");
}

void TestGraphAuth::certificateAssertion()
{
    QFETCH(QString, form);
    const QByteArray password = "pfx-pass-1";
    const QByteArray certPem = m_env->server().clientCertificatePem();
    const QByteArray keyPem = m_env->server().clientKeyPem();
    const QByteArray bytes = form == QLatin1String("pem") ? certPem + keyPem
                                                          : reencode(certPem, keyPem, password, form == QLatin1String("pfx"));
    const QString path = m_dir.filePath(form + QStringLiteral(".cert"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(bytes);
    file.close();

    const auto certificate = ClientCertificate::load(path, form == QLatin1String("pem") ? QByteArray() : password);
    QVERIFY2(certificate.ok(), pv::test::errorText(certificate).constData());
    // The thumbprint graphsim registered (its own computation, from its startup line).
    const QByteArray expected = m_env->server().startupInfo().value(QStringLiteral("clientCertificateThumbprintSha256")).toString().toLatin1();
    QCOMPARE(certificate->sha256Thumbprint().toHex().toUpper(), expected.toUpper());

    ClientCredentials credentials = m_env->credentials();
    credentials.clientSecret.clear();
    const ClientCertificate cert = *certificate;
    const QString clientId = credentials.clientId;
    const QUrl tokenUrl = credentials.tokenUrl;
    QByteArray lastAssertion;
    credentials.assertion = [&lastAssertion, cert, clientId, tokenUrl]() -> Result<QByteArray> {
        Result<QByteArray> assertion = cert.assertion(clientId, tokenUrl);
        if (assertion)
            lastAssertion = *assertion;
        return assertion;
    };
    const Result<AccessToken> token = signIn(credentials);
    QVERIFY2(token.ok(), pv::test::errorText(token).constData());
    QVERIFY(!token->token.isEmpty());
    const QJsonObject header = QJsonDocument::fromJson(jwtHeader(lastAssertion)).object();
    QCOMPARE(header.value(QStringLiteral("alg")).toString(), QStringLiteral("PS256"));
    QVERIFY(header.contains(QStringLiteral("x5t#S256")));
    QVERIFY(!header.contains(QStringLiteral("x5t")));
    QCOMPARE(m_env->stats().value(QStringLiteral("tokenRequests")).toObject().value(QStringLiteral("200")).toInt(), 1);
}

void TestGraphAuth::certificateOfAnotherAppIsRejected()
{
    // The certificate is registered on the tenant's first app only; the second app rejects it.
    const QJsonArray apps = m_env->server().startupInfo().value(QStringLiteral("tenants")).toArray().at(0).toObject()
                                .value(QStringLiteral("apps")).toArray();
    QVERIFY(apps.size() >= 2);
    const QString otherApp = apps.at(1).toObject().value(QStringLiteral("clientId")).toString();
    const auto certificate = ClientCertificate::fromData(m_env->server().clientCertificatePem() + m_env->server().clientKeyPem());
    QVERIFY(certificate.ok());
    ClientCredentials credentials = m_env->credentials();
    credentials.clientSecret.clear();
    credentials.clientId = otherApp;
    const ClientCertificate cert = *certificate;
    const QUrl tokenUrl = credentials.tokenUrl;
    credentials.assertion = [cert, otherApp, tokenUrl] { return cert.assertion(otherApp, tokenUrl); };
    const Result<AccessToken> token = signIn(credentials);
    QVERIFY(!token.ok());
    QCOMPARE(token.error().code, ErrorCode::Auth);
    QVERIFY2(token.error().message.contains(QStringLiteral("certificate")), qPrintable(token.error().message));
    QVERIFY(token.error().message.contains(QStringLiteral("invalid_client")));
}

void TestGraphAuth::certificateFileErrors()
{
    QCOMPARE(ClientCertificate::load(m_dir.filePath(QStringLiteral("missing.pfx"))).error().code, ErrorCode::Io);
    const QByteArray pfx = reencode(m_env->server().clientCertificatePem(), m_env->server().clientKeyPem(), "right", true);
    QCOMPARE(ClientCertificate::fromData(pfx, "wrong").error().code, ErrorCode::Auth);
    const QByteArray encrypted = reencode(m_env->server().clientCertificatePem(), m_env->server().clientKeyPem(), "right", false);
    QCOMPARE(ClientCertificate::fromData(encrypted, "wrong").error().code, ErrorCode::Auth);
    QCOMPARE(ClientCertificate::fromData(m_env->server().clientCertificatePem()).error().code, ErrorCode::Auth); // no key
    QCOMPARE(ClientCertificate::fromData("not a certificate").error().code, ErrorCode::Parse);
    // graphsim's HTTPS certificate has an EC P-256 key: PS256 needs RSA.
    QFile serverCert(m_env->server().stateDir() + QStringLiteral("/server-cert.pem"));
    QFile serverKey(m_env->server().stateDir() + QStringLiteral("/server-key.pem"));
    QVERIFY(serverCert.open(QIODevice::ReadOnly) && serverKey.open(QIODevice::ReadOnly));
    QCOMPARE(ClientCertificate::fromData(serverCert.readAll() + serverKey.readAll()).error().code, ErrorCode::Unsupported);
}

void TestGraphAuth::secretFromEnvironmentBeforeKeychain()
{
    pv::InMemorySecretStore store;
    const QString tenant = QStringLiteral("0f6a3c51-9d7e-4f7e-9b8e-6c1f1d2a7b10");
    qunsetenv("POLICYVAULT_CLIENT_SECRET");
    const auto none = loadClientSecret(store, tenant);
    QVERIFY(!none.ok());
    QCOMPARE(none.error().code, ErrorCode::Auth);
    QVERIFY(store.write(pv::SecretStore::key(tenant, pv::SecretKind::ClientSecret), "from-keychain").ok());
    QCOMPARE(*loadClientSecret(store, tenant), QByteArray("from-keychain"));
    qputenv("POLICYVAULT_CLIENT_SECRET", "from-environment");
    QCOMPARE(*loadClientSecret(store, tenant), QByteArray("from-environment"));
    qputenv("POLICYVAULT_CLIENT_SECRET", "");
    QCOMPARE(loadClientSecret(store, tenant).error().code, ErrorCode::Auth);
    qunsetenv("POLICYVAULT_CLIENT_SECRET");
    QCOMPARE(*loadClientSecret(store, tenant), QByteArray("from-keychain"));

    // The certificate password lives in the keychain only (the environment variable is for
    // client secrets); none stored means an unencrypted key.
    QVERIFY(loadCertificatePassword(store, tenant).ok());
    QVERIFY(loadCertificatePassword(store, tenant)->isEmpty());
    QVERIFY(store.write(pv::SecretStore::key(tenant, pv::SecretKind::CertificatePassword), "pfx-pass").ok());
    qputenv("POLICYVAULT_CLIENT_SECRET", "from-environment");
    QCOMPARE(*loadCertificatePassword(store, tenant), QByteArray("pfx-pass"));
    qunsetenv("POLICYVAULT_CLIENT_SECRET");
    QCOMPARE(loadCertificatePassword(store, QStringLiteral("bad:uuid")).error().code, ErrorCode::InvalidArgument);
}

void TestGraphAuth::appSignInFromTheProfile_data()
{
    QTest::addColumn<QString>("method");
    QTest::addColumn<bool>("storeCredential");
    QTest::addColumn<int>("expected"); // -1: signs in; else the ErrorCode
    QTest::addRow("secret") << QStringLiteral("client_secret") << true << -1;
    QTest::addRow("secret missing") << QStringLiteral("client_secret") << false << int(ErrorCode::Auth);
    QTest::addRow("certificate (pfx)") << QStringLiteral("certificate") << true << -1;
    QTest::addRow("certificate, no password stored") << QStringLiteral("certificate") << false << int(ErrorCode::Auth);
    QTest::addRow("device code") << QStringLiteral("device_code") << true << int(ErrorCode::Unsupported);
}

void TestGraphAuth::appSignInFromTheProfile()
{
    QFETCH(QString, method);
    QFETCH(bool, storeCredential);
    QFETCH(int, expected);
    qunsetenv("POLICYVAULT_CLIENT_SECRET");
    pv::InMemorySecretStore store;
    const QString uuid = QStringLiteral("5d0c7a3e-1b2f-4c8d-9e6a-000000000042");
    const QString pfxPath = m_dir.filePath(QStringLiteral("profile.pfx"));
    QFile pfx(pfxPath);
    QVERIFY(pfx.open(QIODevice::WriteOnly));
    pfx.write(reencode(m_env->server().clientCertificatePem(), m_env->server().clientKeyPem(), "profile-pass", true));
    pfx.close();
    if (storeCredential) {
        QVERIFY(store.write(pv::SecretStore::key(uuid, pv::SecretKind::ClientSecret), m_env->tenant().clientSecret.toUtf8()).ok());
        QVERIFY(store.write(pv::SecretStore::key(uuid, pv::SecretKind::CertificatePassword), "profile-pass").ok());
    }
    AppSignInParams params;
    params.endpoints = m_env->clientOptions().endpoints;
    params.entraTenantId = m_env->tenant().domain;   // a domain works as well as the GUID
    params.clientId = m_env->tenant().clientId;
    params.authMethod = method;
    params.tenantUuid = uuid;
    params.certificatePath = pfxPath;
    params.caCertificatePath = m_env->server().caCertPath();
    const auto provider = makeAppTokenProvider(params, store, &m_env->network());
    if (expected >= 0 && !provider.ok()) {
        QCOMPARE(int(provider.error().code), expected);
        return;
    }
    QVERIFY2(provider.ok(), pv::test::errorText(provider).constData());
    QObject context;
    const auto token = await<Result<AccessToken>>([&](auto done) { (*provider)->accessToken(&context, done); });
    QVERIFY(token.has_value());
    if (expected >= 0) {
        QVERIFY(!token->ok());
        QCOMPARE(int(token->error().code), expected);
        return;
    }
    QVERIFY2(token->ok(), pv::test::errorText(*token).constData());
    QVERIFY(!(*token)->token.isEmpty());
}

void TestGraphAuth::logsNeverCarryCredentials()
{
    QTemporaryDir logs;
    QVERIFY(logs.isValid());
    pv::logging::LogOptions logOptions;
    logOptions.appName = QStringLiteral("graph-test");
    logOptions.directory = logs.path();
    logOptions.level = pv::logging::Level::Trace;
    logOptions.toStderr = false;
    logOptions.installQtMessageHandler = false;
    QVERIFY(pv::logging::init(logOptions).ok());
    const auto restoreLogging = qScopeGuard([] { pv::logging::shutdown(); });

    // A rejected secret, a certificate sign-in, a token refresh and Graph errors: all logged.
    ClientCredentials wrong = m_env->credentials();
    wrong.clientSecret = "sim-secret-ffffffffffffffffffffffffffffffff";
    QVERIFY(!signIn(wrong).ok());
    const auto certificate = ClientCertificate::fromData(m_env->server().clientCertificatePem() + m_env->server().clientKeyPem());
    QVERIFY(certificate.ok());
    ClientCredentials byCertificate = m_env->credentials();
    byCertificate.clientSecret.clear();
    QByteArray assertion;
    const ClientCertificate cert = *certificate;
    byCertificate.assertion = [&assertion, cert, id = byCertificate.clientId, url = byCertificate.tokenUrl]() -> Result<QByteArray> {
        Result<QByteArray> made = cert.assertion(id, url);
        assertion = made ? *made : QByteArray();
        return made;
    };
    const Result<AccessToken> certToken = signIn(byCertificate);
    QVERIFY(certToken.ok());
    auto tokens = m_env->tokenProvider();
    ReadOnlyGraphClient client(m_env->clientOptions(), &m_env->network(), tokens, std::make_shared<RequestGovernor>());
    QObject context;
    const auto token = await<Result<AccessToken>>([&](auto done) { tokens->accessToken(&context, done); });
    QVERIFY(token && token->ok());
    m_env->sim().sim(QStringLiteral("clock"), QJsonObject{{QStringLiteral("advanceMs"), 2 * 3600 * 1000}});
    const auto refreshed = await<Result<GraphResponse>>([&](auto done) {
        client.get(QStringLiteral("/deviceManagement/configurationPolicies?$top=1"), done);
    });
    QVERIFY(refreshed && refreshed->ok());
    m_env->sim().sim(QStringLiteral("clock"), QJsonObject{{QStringLiteral("reset"), true}});
    const auto missing = await<Result<GraphResponse>>([&](auto done) {
        client.get(QStringLiteral("/deviceManagement/configurationPolicies/00000000-0000-0000-0000-00000000dead"), done);
    });
    QVERIFY(missing && !missing->ok());

    pv::logging::flush();
    QByteArray text;
    for (const QString& path : pv::logging::logFiles()) {
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        text += file.readAll();
    }
    QVERIFY2(text.contains("[graph]") && text.contains("refreshing the token once") && text.contains("invalid_client"),
             text.constData());
    QVERIFY(!text.contains(m_env->tenant().clientSecret.toUtf8()));
    QVERIFY(!text.contains(wrong.clientSecret));
    QVERIFY(!assertion.isEmpty());
    QVERIFY(!text.contains(assertion.left(40)));
    QVERIFY(!text.contains((*token)->token.left(40)));
    QVERIFY(!text.contains(certToken->token.left(40)));
}

QTEST_GUILESS_MAIN(TestGraphAuth)
#include "tst_graph_auth.moc"
