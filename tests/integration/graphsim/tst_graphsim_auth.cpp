// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
// Entra ID token endpoint (secret, Basic, certificate assertions) and Graph bearer checks.
#include "GraphsimTestClient.h"

#include "tools/graphsim/server/Jwt.h"
#include "tools/graphsim/server/SimServer.h"
#include "tools/graphsim/server/TlsMaterial.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <QSslCertificate>
#include <QTest>
#include <QUuid>

#include <memory>

using namespace graphsim;

class TestGraphsimAuth : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void tokenEndpoint_data();
    void tokenEndpoint();
    void certificateAssertion_data();
    void certificateAssertion();
    void bearerValidation();

private:
    QByteArray assertion(jwt::Alg alg, const QString& audience, qint64 nbf, qint64 exp, const QByteArray& keyPem,
                         const QByteArray& certPem) const;
    std::unique_ptr<SimServer> m_server;
    std::unique_ptr<GraphsimTestClient> m_client;
    SimTenantCredentials m_tenant;
    QByteArray m_otherKeyPem;
    QByteArray m_otherCertPem;
};

void TestGraphsimAuth::initTestCase()
{
    SimOptions options;
    options.tenantProfiles = {QStringLiteral("demo")};
    options.seed = 11;
    m_server = std::make_unique<SimServer>(options);
    QString error;
    QVERIFY2(m_server->start(&error), qPrintable(error));
    m_client = std::make_unique<GraphsimTestClient>(*m_server);
    m_tenant = m_server->tenants().constFirst();
    TlsMaterial other;
    QVERIFY(TlsMaterial::generate(&other, &error));
    m_otherKeyPem = other.clientKeyPem;
    m_otherCertPem = other.clientCertPem;
}

void TestGraphsimAuth::cleanupTestCase()
{
    m_client.reset();
    m_server->stop();
}

void TestGraphsimAuth::tokenEndpoint_data()
{
    QTest::addColumn<QString>("tenant");
    QTest::addColumn<QByteArray>("form");
    QTest::addColumn<bool>("basic");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("error");

    const QByteArray scope = "&scope=https%3A%2F%2Fgraph.microsoft.com%2F.default";
    const QByteArray id = "&client_id=" + QUrl::toPercentEncoding(m_tenant.clientId);
    const QByteArray secret = "&client_secret=" + QUrl::toPercentEncoding(m_tenant.clientSecret);
    const QByteArray grant = "grant_type=client_credentials";
    QTest::addRow("secret") << m_tenant.tenantId << (grant + id + secret + scope) << false << 200 << QString();
    QTest::addRow("secret, tenant by domain") << m_tenant.domain << (grant + id + secret + scope) << false << 200
                                              << QString();
    QTest::addRow("HTTP Basic") << m_tenant.tenantId << (grant + scope) << true << 200 << QString();
    QTest::addRow("bad secret") << m_tenant.tenantId << (grant + id + "&client_secret=nope" + scope) << false << 401
                                << QStringLiteral("invalid_client");
    QTest::addRow("no credential") << m_tenant.tenantId << (grant + id + scope) << false << 401
                                   << QStringLiteral("invalid_client");
    QTest::addRow("unknown client") << m_tenant.tenantId
                                    << (grant + "&client_id=" + QUuid::createUuid().toByteArray(QUuid::WithoutBraces)
                                        + secret + scope)
                                    << false << 400 << QStringLiteral("unauthorized_client");
    QTest::addRow("scope without .default")
        << m_tenant.tenantId
        << (grant + id + secret + "&scope=https%3A%2F%2Fgraph.microsoft.com%2FDeviceManagementConfiguration.Read.All")
        << false << 400 << QStringLiteral("invalid_scope");
    QTest::addRow("other resource") << m_tenant.tenantId
                                    << (grant + id + secret + "&scope=https%3A%2F%2Ffoo.microsoft.com%2F.default")
                                    << false << 400 << QStringLiteral("invalid_scope");
    QTest::addRow("password grant") << m_tenant.tenantId << ("grant_type=password" + id + secret + scope) << false
                                    << 400 << QStringLiteral("unsupported_grant_type");
    QTest::addRow("unknown tenant") << QStringLiteral("nosuch.onmicrosoft.com") << (grant + id + secret + scope)
                                    << false << 400 << QStringLiteral("invalid_request");
}

void TestGraphsimAuth::tokenEndpoint()
{
    QFETCH(QString, tenant);
    QFETCH(QByteArray, form);
    QFETCH(bool, basic);
    QFETCH(int, status);
    QFETCH(QString, error);
    QList<QPair<QByteArray, QByteArray>> headers;
    if (basic) {
        const QByteArray pair =
            QUrl::toPercentEncoding(m_tenant.clientId) + ':' + QUrl::toPercentEncoding(m_tenant.clientSecret);
        headers.append(qMakePair(QByteArrayLiteral("Authorization"), QByteArray("Basic " + pair.toBase64())));
    }
    const HttpResult result = m_client->tokenRequest(tenant, form, headers);
    QCOMPARE(result.status, status);
    const QJsonObject body = result.json();
    if (status == 200) {
        QCOMPARE(body.value(QStringLiteral("token_type")).toString(), QStringLiteral("Bearer"));
        QVERIFY(body.value(QStringLiteral("expires_in")).toInt() > 0);
        jwt::Parts parts;
        QVERIFY(jwt::parse(body.value(QStringLiteral("access_token")).toString().toLatin1(), &parts));
        QCOMPARE(parts.header.value(QStringLiteral("alg")).toString(), QStringLiteral("RS256"));
        QCOMPARE(parts.claims.value(QStringLiteral("tid")).toString(), m_tenant.tenantId);
        QCOMPARE(parts.claims.value(QStringLiteral("appid")).toString(), m_tenant.clientId);
        QCOMPARE(parts.claims.value(QStringLiteral("aud")).toString(), QStringLiteral("https://graph.microsoft.com"));
        QVERIFY(!parts.claims.value(QStringLiteral("roles")).toArray().isEmpty());
        for (const char* claim : {"iss", "iat", "nbf", "exp"})
            QVERIFY2(parts.claims.contains(QLatin1String(claim)), claim);
    } else {
        QCOMPARE(body.value(QStringLiteral("error")).toString(), error);
        const QStringList keys = body.keys();
        QCOMPARE(QSet<QString>(keys.cbegin(), keys.cend()),
                 (QSet<QString>{QStringLiteral("error"), QStringLiteral("error_description"),
                                QStringLiteral("error_codes"), QStringLiteral("timestamp"), QStringLiteral("trace_id"),
                                QStringLiteral("correlation_id")}));
        QVERIFY(body.value(QStringLiteral("error_description")).toString().startsWith(QLatin1String("AADSTS")));
    }
}

QByteArray TestGraphsimAuth::assertion(jwt::Alg alg, const QString& audience, qint64 nbf, qint64 exp,
                                       const QByteArray& keyPem, const QByteArray& certPem) const
{
    const QSslCertificate cert(certPem, QSsl::Pem);
    QJsonObject header{{QStringLiteral("typ"), QStringLiteral("JWT")}};
    if (alg == jwt::Alg::RS256) {
        header.insert(QStringLiteral("alg"), QStringLiteral("RS256"));
        header.insert(QStringLiteral("x5t"), QString::fromLatin1(jwt::base64Url(cert.digest(QCryptographicHash::Sha1))));
    } else {
        header.insert(QStringLiteral("alg"), QStringLiteral("PS256"));
        header.insert(QStringLiteral("x5t#S256"),
                      QString::fromLatin1(jwt::base64Url(cert.digest(QCryptographicHash::Sha256))));
    }
    const QJsonObject claims{{QStringLiteral("aud"), audience},
                             {QStringLiteral("iss"), m_tenant.clientId},
                             {QStringLiteral("sub"), m_tenant.clientId},
                             {QStringLiteral("jti"), QUuid::createUuid().toString(QUuid::WithoutBraces)},
                             {QStringLiteral("nbf"), nbf},
                             {QStringLiteral("iat"), nbf},
                             {QStringLiteral("exp"), exp}};
    return jwt::encode(alg, header, claims, keyPem);
}

void TestGraphsimAuth::certificateAssertion_data()
{
    QTest::addColumn<int>("alg");
    QTest::addColumn<QString>("audience");
    QTest::addColumn<qint64>("nbfOffset");
    QTest::addColumn<qint64>("lifetime");
    QTest::addColumn<bool>("foreignKey");
    QTest::addColumn<int>("status");

    const QString byId = m_server->httpUrl().toString() + QLatin1Char('/') + m_tenant.tenantId
        + QStringLiteral("/oauth2/v2.0/token");
    const QString byDomain = QStringLiteral("https://login.microsoftonline.com/") + m_tenant.domain
        + QStringLiteral("/oauth2/v2.0/token");
    const int rs = static_cast<int>(jwt::Alg::RS256);
    const int ps = static_cast<int>(jwt::Alg::PS256);
    QTest::addRow("RS256 x5t") << rs << byId << qint64(0) << qint64(600) << false << 200;
    QTest::addRow("PS256 x5t#S256") << ps << byId << qint64(0) << qint64(300) << false << 200;
    QTest::addRow("aud with domain") << ps << byDomain << qint64(0) << qint64(300) << false << 200;
    QTest::addRow("wrong audience") << rs << QStringLiteral("https://login.microsoftonline.com/common/oauth2/token")
                                    << qint64(0) << qint64(300) << false << 401;
    QTest::addRow("expired") << rs << byId << qint64(-1200) << qint64(300) << false << 401;
    QTest::addRow("lifetime over 10 min") << rs << byId << qint64(0) << qint64(1200) << false << 401;
    QTest::addRow("signed by another key") << ps << byId << qint64(0) << qint64(300) << true << 401;
}

void TestGraphsimAuth::certificateAssertion()
{
    QFETCH(int, alg);
    QFETCH(QString, audience);
    QFETCH(qint64, nbfOffset);
    QFETCH(qint64, lifetime);
    QFETCH(bool, foreignKey);
    QFETCH(int, status);
    const qint64 now = QDateTime::currentSecsSinceEpoch() + nbfOffset;
    // A foreign key with the registered certificate's thumbprint: the signature must not verify.
    const QByteArray jwtText = assertion(static_cast<jwt::Alg>(alg), audience, now, now + lifetime,
                                         foreignKey ? m_otherKeyPem : m_server->clientKeyPem(),
                                         m_server->clientCertificatePem());
    QVERIFY(!jwtText.isEmpty());
    const QByteArray form = "grant_type=client_credentials&client_id=" + QUrl::toPercentEncoding(m_tenant.clientId)
        + "&scope=https%3A%2F%2Fgraph.microsoft.com%2F.default"
          "&client_assertion_type=urn%3Aietf%3Aparams%3Aoauth%3Aclient-assertion-type%3Ajwt-bearer"
          "&client_assertion="
        + jwtText;
    const HttpResult result = m_client->tokenRequest(m_tenant.tenantId, form);
    QCOMPARE(result.status, status);
    if (status != 200)
        QCOMPARE(result.json().value(QStringLiteral("error")).toString(), QStringLiteral("invalid_client"));
    else
        QVERIFY(!result.json().value(QStringLiteral("access_token")).toString().isEmpty());
}

void TestGraphsimAuth::bearerValidation()
{
    const QString path = QStringLiteral("/beta/deviceManagement/roleScopeTags");
    const QByteArray token = m_client->token();
    QVERIFY(!token.isEmpty());
    QCOMPARE(m_client->graph("GET", path, token).status, 200);

    auto expect401 = [&](const QByteArray& bearer, const QString& messageStart) {
        const HttpResult result = m_client->graph("GET", path, bearer);
        QCOMPARE(result.status, 401);
        const QJsonObject error = result.json().value(QStringLiteral("error")).toObject();
        QCOMPARE(error.value(QStringLiteral("code")).toString(), QStringLiteral("InvalidAuthenticationToken"));
        QVERIFY2(error.value(QStringLiteral("message")).toString().startsWith(messageStart),
                 qPrintable(error.value(QStringLiteral("message")).toString()));
        QVERIFY(result.headers.contains("www-authenticate"));
    };
    expect401({}, QStringLiteral("Access token is empty."));
    expect401("not-a-jwt", QStringLiteral("CompactToken parsing failed"));

    const QList<QByteArray> segments = token.split('.');
    // alg: none with the real claims and no signature.
    const QByteArray none = jwt::base64Url(R"({"typ":"JWT","alg":"none"})") + '.' + segments[1] + '.';
    expect401(none, QStringLiteral("Access token validation failure"));
    // Forged: claims changed (another tenant id), original signature kept.
    jwt::Parts parts;
    QVERIFY(jwt::parse(token, &parts));
    QJsonObject forgedClaims = parts.claims;
    forgedClaims.insert(QStringLiteral("roles"), QJsonArray{QStringLiteral("Everything.ReadWrite.All")});
    const QByteArray forged = segments[0] + '.'
        + jwt::base64Url(QJsonDocument(forgedClaims).toJson(QJsonDocument::Compact)) + '.' + segments[2];
    expect401(forged, QStringLiteral("Access token validation failure"));
    // Signed with a key graphsim does not know.
    expect401(jwt::encode(jwt::Alg::RS256, parts.header, parts.claims, m_otherKeyPem),
              QStringLiteral("Access token validation failure"));

    // Wrong audience, properly signed by graphsim.
    const QJsonObject wrongAud = m_client->sim(
        QStringLiteral("token"),
        QJsonObject{{QStringLiteral("tenant"), m_tenant.tenantId},
                    {QStringLiteral("claims"),
                     QJsonObject{{QStringLiteral("aud"), QStringLiteral("https://management.azure.com")}}}});
    expect401(wrongAud.value(QStringLiteral("access_token")).toString().toLatin1(),
              QStringLiteral("Access token validation failure. Invalid audience."));

    // Expired: move the simulated clock past the token's lifetime.
    m_client->sim(QStringLiteral("clock"), QJsonObject{{QStringLiteral("advanceMs"), 2 * 3600 * 1000}});
    expect401(token, QStringLiteral("Lifetime validation failed, the token is expired."));
    m_client->sim(QStringLiteral("clock"), QJsonObject{{QStringLiteral("reset"), true}});
    QCOMPARE(m_client->graph("GET", path, token).status, 200);

    // A valid token without roles: the Intune-style 403 naming the scopes the route needs.
    const QJsonObject noRoles = m_client->sim(
        QStringLiteral("token"),
        QJsonObject{{QStringLiteral("tenant"), m_tenant.tenantId},
                    {QStringLiteral("claims"), QJsonObject{{QStringLiteral("roles"), QJsonArray{}}}}});
    const HttpResult forbidden = m_client->graph("GET", QStringLiteral("/beta/deviceManagement/configurationPolicies"),
                                                 noRoles.value(QStringLiteral("access_token")).toString().toLatin1());
    QCOMPARE(forbidden.status, 403);
    const QString message =
        forbidden.json().value(QStringLiteral("error")).toObject().value(QStringLiteral("message")).toString();
    QVERIFY2(message.contains(QLatin1String("DeviceManagementConfiguration.Read.All")), qPrintable(message));
}

QTEST_GUILESS_MAIN(TestGraphsimAuth)
#include "tst_graphsim_auth.moc"
