// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
// Sign-in for people: device code, authorization code + PKCE, refresh tokens and delegated
// Graph calls, with Entra's error codes (Graph notes §5.2, §5.3). The sim clock is frozen
// and moved by each test, so intervals and lifetimes need no waiting.
#include "GraphsimTestClient.h"

#include "tools/graphsim/server/Jwt.h"
#include "tools/graphsim/server/SimServer.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>
#include <QUrlQuery>

#include <memory>

using namespace graphsim;

namespace {

const QString Graph = QStringLiteral("https://graph.microsoft.com/");
const QString DelegatedScope = QStringLiteral("https://graph.microsoft.com/.default offline_access openid profile");
const QString Policies = QStringLiteral("/beta/deviceManagement/configurationPolicies");

QByteArray form(const QList<QPair<QString, QString>>& fields)
{
    QByteArray body;
    for (const auto& [name, value] : fields) {
        if (!body.isEmpty())
            body += '&';
        body += QUrl::toPercentEncoding(name) + '=' + QUrl::toPercentEncoding(value);
    }
    return body;
}

QJsonObject claimsOf(const QString& token)
{
    jwt::Parts parts;
    if (!jwt::parse(token.toLatin1(), &parts))
        return {};
    return parts.claims;
}

QString pkceChallenge(const QByteArray& verifier)
{
    return QString::fromLatin1(jwt::base64Url(QCryptographicHash::hash(verifier, QCryptographicHash::Sha256)));
}

} // namespace

class TestGraphsimDelegated : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void startupLineListsPeopleAndPublicClients();
    void deviceCodeSignsInWithSlowDown();
    void deviceCodeDeclinedExpiredAndUnknown();
    void publicFlowsDisabledNeedASecret();
    void refreshTokenOnlyWithOfflineAccess();
    void missingConsent();
    void otherCloudsAreInvalidScope();
    void authCodeWithPkce();
    void redirectUriMatching();
    void pkceAndRedirectChecksOnRedeem();
    void authCodeLifetime();
    void userDecidesOnTheSignInPage();
    void refreshRotationAndStrictMode();
    void revokedAndInactiveRefreshTokens();
    void intuneRoleDecidesGraphAccess();
    void refreshTokensOutliveARestart();

private:
    QJsonObject tenantInfo() const;
    QString clientId(const QString& displayName) const;
    QString upn(const QString& alias) const;
    HttpResult token(const QList<QPair<QString, QString>>& fields);
    QJsonObject startDeviceCode(const QString& client, const QString& scope = DelegatedScope);
    HttpResult poll(const QString& client, const QString& deviceCode);
    HttpResult decide(const QString& userCode, const QString& action, const QString& user = {});
    HttpResult authorize(const QList<QPair<QString, QString>>& params);
    /// Authorize with PKCE (S256) and return the code from the redirect; empty on failure.
    QString authCode(const QString& redirectUri, const QByteArray& verifier, const QString& scope = DelegatedScope);
    void advance(qint64 seconds);
    static void verifyEntraError(const HttpResult& result, int status, const QString& error, int code);

    std::unique_ptr<SimServer> m_server;
    std::unique_ptr<GraphsimTestClient> m_client;
    QString m_tenantId;
    QString m_desktop;
};

void TestGraphsimDelegated::initTestCase()
{
    SimOptions options;
    options.tenantProfiles = {QStringLiteral("demo")};
    options.seed = 5;
    m_server = std::make_unique<SimServer>(options);
    QString error;
    QVERIFY2(m_server->start(&error), qPrintable(error));
    m_client = std::make_unique<GraphsimTestClient>(*m_server);
    m_tenantId = m_server->tenants().constFirst().tenantId;
    m_desktop = clientId(QStringLiteral("PolicyVault Desktop"));
    QVERIFY(!m_desktop.isEmpty());
}

void TestGraphsimDelegated::init()
{
    // Codes, grants, sign-in behaviour and the clock start afresh; the clock stands still.
    QCOMPARE(m_client->sim(QStringLiteral("reset"), QJsonObject{{QStringLiteral("all"), true}})
                 .value(QStringLiteral("reset")).toBool(), true);
    QCOMPARE(m_client->sim(QStringLiteral("clock"), QJsonObject{{QStringLiteral("freeze"), true}})
                 .value(QStringLiteral("frozen")).toBool(), true);
    m_client->sim(QStringLiteral("config"), QJsonObject{{QStringLiteral("strictRefreshRotation"), false}});
}

QJsonObject TestGraphsimDelegated::tenantInfo() const
{
    return m_server->startupInfo().value(QStringLiteral("tenants")).toArray().first().toObject();
}

QString TestGraphsimDelegated::clientId(const QString& displayName) const
{
    for (const QJsonValue& app : tenantInfo().value(QStringLiteral("publicClients")).toArray()) {
        if (app.toObject().value(QStringLiteral("displayName")).toString() == displayName)
            return app.toObject().value(QStringLiteral("clientId")).toString();
    }
    return {};
}

QString TestGraphsimDelegated::upn(const QString& alias) const
{
    return alias + u'@' + tenantInfo().value(QStringLiteral("domain")).toString();
}

HttpResult TestGraphsimDelegated::token(const QList<QPair<QString, QString>>& fields)
{
    return m_client->tokenRequest(m_tenantId, form(fields));
}

QJsonObject TestGraphsimDelegated::startDeviceCode(const QString& client, const QString& scope)
{
    const HttpResult result = m_client->request(
        "POST", QUrl(m_client->base().toString() + u'/' + m_tenantId + QStringLiteral("/oauth2/v2.0/devicecode")),
        form({{QStringLiteral("client_id"), client}, {QStringLiteral("scope"), scope}}),
        {{"Content-Type", "application/x-www-form-urlencoded"}});
    return result.status == 200 ? result.json() : QJsonObject();
}

HttpResult TestGraphsimDelegated::poll(const QString& client, const QString& deviceCode)
{
    return token({{QStringLiteral("grant_type"), QStringLiteral("urn:ietf:params:oauth:grant-type:device_code")},
                  {QStringLiteral("client_id"), client},
                  {QStringLiteral("device_code"), deviceCode}});
}

HttpResult TestGraphsimDelegated::decide(const QString& userCode, const QString& action, const QString& user)
{
    QJsonObject body{{QStringLiteral("userCode"), userCode}, {QStringLiteral("action"), action}};
    if (!user.isEmpty())
        body.insert(QStringLiteral("user"), user);
    return m_client->request("POST", QUrl(m_client->base().toString() + QStringLiteral("/_sim/devicecode")),
                             QJsonDocument(body).toJson(QJsonDocument::Compact), {{"Content-Type", "application/json"}});
}

HttpResult TestGraphsimDelegated::authorize(const QList<QPair<QString, QString>>& params)
{
    QUrl url(m_client->base().toString() + u'/' + m_tenantId + QStringLiteral("/oauth2/v2.0/authorize"));
    QUrlQuery query;
    for (const auto& [name, value] : params)
        query.addQueryItem(name, QString::fromLatin1(QUrl::toPercentEncoding(value)));
    url.setQuery(query);
    return m_client->request("GET", url);
}

QString TestGraphsimDelegated::authCode(const QString& redirectUri, const QByteArray& verifier, const QString& scope)
{
    const HttpResult result = authorize({{QStringLiteral("client_id"), m_desktop},
                                         {QStringLiteral("response_type"), QStringLiteral("code")},
                                         {QStringLiteral("redirect_uri"), redirectUri},
                                         {QStringLiteral("scope"), scope},
                                         {QStringLiteral("state"), QStringLiteral("st-1")},
                                         {QStringLiteral("code_challenge"), pkceChallenge(verifier)},
                                         {QStringLiteral("code_challenge_method"), QStringLiteral("S256")}});
    if (result.status != 302)
        return {};
    const QUrlQuery query(QUrl(QString::fromUtf8(result.headers.value("location"))));
    return query.queryItemValue(QStringLiteral("code"), QUrl::FullyDecoded);
}

void TestGraphsimDelegated::advance(qint64 seconds)
{
    m_client->sim(QStringLiteral("clock"), QJsonObject{{QStringLiteral("advanceMs"), seconds * 1000}});
}

void TestGraphsimDelegated::verifyEntraError(const HttpResult& result, int status, const QString& error, int code)
{
    QCOMPARE(result.status, status);
    const QJsonObject body = result.json();
    QCOMPARE(body.value(QStringLiteral("error")).toString(), error);
    QCOMPARE(body.value(QStringLiteral("error_codes")).toArray(), QJsonArray{code});
    QVERIFY2(body.value(QStringLiteral("error_description")).toString().startsWith(QStringLiteral("AADSTS%1: ").arg(code)),
             result.body.constData());
    QVERIFY(!body.value(QStringLiteral("trace_id")).toString().isEmpty());
    QVERIFY(!body.value(QStringLiteral("correlation_id")).toString().isEmpty());
}

void TestGraphsimDelegated::startupLineListsPeopleAndPublicClients()
{
    const QJsonObject tenant = tenantInfo();
    QMap<QString, QString> roles;
    for (const QJsonValue& user : tenant.value(QStringLiteral("users")).toArray())
        roles.insert(user.toObject().value(QStringLiteral("userPrincipalName")).toString(),
                     user.toObject().value(QStringLiteral("intuneRole")).toString());
    QCOMPARE(roles.value(upn(QStringLiteral("AdeleV"))), QStringLiteral("Intune Administrator"));
    QCOMPARE(roles.value(upn(QStringLiteral("LeeG"))), QStringLiteral("Read Only Operator"));
    QVERIFY(roles.contains(upn(QStringLiteral("MeganB"))));
    QCOMPARE(roles.value(upn(QStringLiteral("MeganB"))), QString());
    const QJsonArray apps = tenant.value(QStringLiteral("publicClients")).toArray();
    QCOMPARE(apps.size(), 3);
    const QJsonObject desktop = apps.at(0).toObject();
    QCOMPARE(desktop.value(QStringLiteral("publicClient")).toBool(), true);
    QVERIFY(desktop.value(QStringLiteral("redirectUris")).toArray().contains(QStringLiteral("http://localhost")));
    // The confidential registrations of the daemon flow are unchanged and listed apart.
    QCOMPARE(tenant.value(QStringLiteral("apps")).toArray().size(), 2);
}

void TestGraphsimDelegated::deviceCodeSignsInWithSlowDown()
{
    const QJsonObject start = startDeviceCode(m_desktop);
    const QString userCode = start.value(QStringLiteral("user_code")).toString();
    const QString deviceCode = start.value(QStringLiteral("device_code")).toString();
    QCOMPARE(userCode.size(), 9);
    QVERIFY(!deviceCode.isEmpty());
    QCOMPARE(start.value(QStringLiteral("verification_uri")).toString(), QStringLiteral("https://microsoft.com/devicelogin"));
    QCOMPARE(start.value(QStringLiteral("expires_in")).toInt(), 900);
    QCOMPARE(start.value(QStringLiteral("interval")).toInt(), 5);
    QVERIFY(!start.contains(QStringLiteral("verification_uri_complete")));
    QCOMPARE(start.value(QStringLiteral("message")).toString(),
             QStringLiteral("To sign in, use a web browser to open the page https://microsoft.com/devicelogin and "
                            "enter the code %1 to authenticate.").arg(userCode));

    verifyEntraError(poll(m_desktop, deviceCode), 400, QStringLiteral("authorization_pending"), 70016);
    // Polled again at once: slow_down, and from now on the interval is 5 s longer.
    verifyEntraError(poll(m_desktop, deviceCode), 400, QStringLiteral("slow_down"), 70016);
    advance(5);
    verifyEntraError(poll(m_desktop, deviceCode), 400, QStringLiteral("slow_down"), 70016);
    advance(15);
    verifyEntraError(poll(m_desktop, deviceCode), 400, QStringLiteral("authorization_pending"), 70016);

    const HttpResult approved = decide(userCode.toLower(), QStringLiteral("approve"), upn(QStringLiteral("AdeleV")));
    QCOMPARE(approved.status, 200);
    QCOMPARE(approved.json().value(QStringLiteral("state")).toString(), QStringLiteral("approved"));
    advance(15);
    const HttpResult tokens = poll(m_desktop, deviceCode);
    QCOMPARE(tokens.status, 200);
    const QJsonObject body = tokens.json();
    QCOMPARE(body.value(QStringLiteral("token_type")).toString(), QStringLiteral("Bearer"));
    QVERIFY(!body.value(QStringLiteral("refresh_token")).toString().isEmpty());
    const QJsonObject access = claimsOf(body.value(QStringLiteral("access_token")).toString());
    QVERIFY(!access.contains(QStringLiteral("roles")));
    const QStringList scp = access.value(QStringLiteral("scp")).toString().split(u' ');
    QVERIFY(scp.contains(QStringLiteral("DeviceManagementConfiguration.Read.All")));
    QVERIFY(scp.contains(QStringLiteral("DeviceManagementConfiguration.ReadWrite.All")));
    QCOMPARE(access.value(QStringLiteral("upn")).toString(), upn(QStringLiteral("AdeleV")));
    QCOMPARE(access.value(QStringLiteral("name")).toString(), QStringLiteral("Adele Vance"));
    QCOMPARE(access.value(QStringLiteral("appid")).toString(), m_desktop);
    QCOMPARE(access.value(QStringLiteral("tid")).toString(), m_tenantId);
    const QJsonObject id = claimsOf(body.value(QStringLiteral("id_token")).toString());
    QCOMPARE(id.value(QStringLiteral("preferred_username")).toString(), upn(QStringLiteral("AdeleV")));
    QCOMPARE(id.value(QStringLiteral("aud")).toString(), m_desktop);
    QCOMPARE(id.value(QStringLiteral("oid")).toString(), access.value(QStringLiteral("oid")).toString());

    const HttpResult graph = m_client->graph("GET", Policies, body.value(QStringLiteral("access_token")).toString().toLatin1());
    QCOMPARE(graph.status, 200);
    // A redeemed device code is spent.
    advance(15);
    verifyEntraError(poll(m_desktop, deviceCode), 400, QStringLiteral("bad_verification_code"), 70018);
    QCOMPARE(decide(userCode, QStringLiteral("approve")).status, 409);
}

void TestGraphsimDelegated::deviceCodeDeclinedExpiredAndUnknown()
{
    const QJsonObject declined = startDeviceCode(m_desktop);
    QCOMPARE(decide(declined.value(QStringLiteral("user_code")).toString(), QStringLiteral("decline")).status, 200);
    QCOMPARE(decide(declined.value(QStringLiteral("user_code")).toString(), QStringLiteral("approve")).status, 409);
    verifyEntraError(poll(m_desktop, declined.value(QStringLiteral("device_code")).toString()), 400,
                     QStringLiteral("authorization_declined"), 65004);

    const QJsonObject expiring = startDeviceCode(m_desktop);
    advance(899);
    verifyEntraError(poll(m_desktop, expiring.value(QStringLiteral("device_code")).toString()), 400,
                     QStringLiteral("authorization_pending"), 70016);
    advance(1);
    verifyEntraError(poll(m_desktop, expiring.value(QStringLiteral("device_code")).toString()), 400,
                     QStringLiteral("expired_token"), 70019);
    QCOMPARE(decide(expiring.value(QStringLiteral("user_code")).toString(), QStringLiteral("approve")).status, 410);

    verifyEntraError(poll(m_desktop, QStringLiteral("DAQABIQEAAAD-not-a-code")), 400,
                     QStringLiteral("bad_verification_code"), 70018);
    // A device code is bound to the app that asked for it.
    const QJsonObject other = startDeviceCode(m_desktop);
    verifyEntraError(poll(clientId(QStringLiteral("PolicyVault Desktop (no admin consent)")),
                          other.value(QStringLiteral("device_code")).toString()),
                     400, QStringLiteral("bad_verification_code"), 70018);
    QCOMPARE(decide(QStringLiteral("NOPE12345"), QStringLiteral("approve")).status, 404);
    QCOMPARE(decide(other.value(QStringLiteral("user_code")).toString(), QStringLiteral("approve"),
                    QStringLiteral("nobody@example.com")).status, 404);
}

void TestGraphsimDelegated::publicFlowsDisabledNeedASecret()
{
    const QString web = clientId(QStringLiteral("PolicyVault Web (public client flows off)"));
    const QJsonObject start = startDeviceCode(web);
    const QString deviceCode = start.value(QStringLiteral("device_code")).toString();
    QVERIFY(!deviceCode.isEmpty());
    verifyEntraError(poll(web, deviceCode), 401, QStringLiteral("invalid_client"), 7000218);
    // The same registration proving itself with its secret is a confidential client.
    QString secret;
    for (const QJsonValue& app : tenantInfo().value(QStringLiteral("publicClients")).toArray()) {
        if (app.toObject().value(QStringLiteral("clientId")).toString() == web)
            secret = app.toObject().value(QStringLiteral("clientSecret")).toString();
    }
    QVERIFY(!secret.isEmpty());
    const HttpResult withSecret =
        token({{QStringLiteral("grant_type"), QStringLiteral("urn:ietf:params:oauth:grant-type:device_code")},
               {QStringLiteral("client_id"), web},
               {QStringLiteral("client_secret"), secret},
               {QStringLiteral("device_code"), deviceCode}});
    verifyEntraError(withSecret, 400, QStringLiteral("authorization_pending"), 70016);
}

void TestGraphsimDelegated::refreshTokenOnlyWithOfflineAccess()
{
    const QJsonObject start = startDeviceCode(m_desktop, Graph + QStringLiteral("DeviceManagementConfiguration.Read.All"));
    QCOMPARE(decide(start.value(QStringLiteral("user_code")).toString(), QStringLiteral("approve")).status, 200);
    const HttpResult tokens = poll(m_desktop, start.value(QStringLiteral("device_code")).toString());
    QCOMPARE(tokens.status, 200);
    const QJsonObject body = tokens.json();
    QVERIFY(body.contains(QStringLiteral("access_token")));
    QVERIFY(!body.contains(QStringLiteral("refresh_token")));
    QVERIFY(!body.contains(QStringLiteral("id_token")));
    // Exactly the scope asked for; the default user (the tenant's first) signed in.
    const QJsonObject access = claimsOf(body.value(QStringLiteral("access_token")).toString());
    QCOMPARE(access.value(QStringLiteral("scp")).toString(), QStringLiteral("DeviceManagementConfiguration.Read.All"));
    QCOMPARE(access.value(QStringLiteral("upn")).toString(), upn(QStringLiteral("AdeleV")));
}

void TestGraphsimDelegated::missingConsent()
{
    const QString unconsented = clientId(QStringLiteral("PolicyVault Desktop (no admin consent)"));
    const QJsonObject start = startDeviceCode(unconsented);
    QCOMPARE(decide(start.value(QStringLiteral("user_code")).toString(), QStringLiteral("approve")).status, 200);
    verifyEntraError(poll(unconsented, start.value(QStringLiteral("device_code")).toString()), 400,
                     QStringLiteral("consent_required"), 65001);

    const HttpResult page = authorize({{QStringLiteral("client_id"), unconsented},
                                       {QStringLiteral("response_type"), QStringLiteral("code")},
                                       {QStringLiteral("redirect_uri"), QStringLiteral("http://localhost:1234/")},
                                       {QStringLiteral("scope"), DelegatedScope},
                                       {QStringLiteral("state"), QStringLiteral("s")}});
    QCOMPARE(page.status, 302);
    const QUrlQuery query(QUrl(QString::fromUtf8(page.headers.value("location"))));
    QCOMPARE(query.queryItemValue(QStringLiteral("error")), QStringLiteral("consent_required"));
    QVERIFY(query.queryItemValue(QStringLiteral("error_description"), QUrl::FullyDecoded).startsWith(QStringLiteral("AADSTS65001: ")));
    QCOMPARE(query.queryItemValue(QStringLiteral("state")), QStringLiteral("s"));
    QVERIFY(!query.hasQueryItem(QStringLiteral("code")));
}

void TestGraphsimDelegated::otherCloudsAreInvalidScope()
{
    // graphsim is the global cloud (Graph notes §5.5): a GCC High Graph root is another resource.
    const HttpResult result = m_client->request(
        "POST", QUrl(m_client->base().toString() + u'/' + m_tenantId + QStringLiteral("/oauth2/v2.0/devicecode")),
        form({{QStringLiteral("client_id"), m_desktop},
              {QStringLiteral("scope"), QStringLiteral("https://graph.microsoft.us/.default offline_access")}}),
        {{"Content-Type", "application/x-www-form-urlencoded"}});
    verifyEntraError(result, 400, QStringLiteral("invalid_scope"), 70011);
    const HttpResult unknownApp = m_client->request(
        "POST", QUrl(m_client->base().toString() + u'/' + m_tenantId + QStringLiteral("/oauth2/v2.0/devicecode")),
        form({{QStringLiteral("client_id"), QStringLiteral("00000000-0000-0000-0000-000000000001")},
              {QStringLiteral("scope"), DelegatedScope}}),
        {{"Content-Type", "application/x-www-form-urlencoded"}});
    verifyEntraError(unknownApp, 400, QStringLiteral("unauthorized_client"), 700016);
}

void TestGraphsimDelegated::authCodeWithPkce()
{
    const QByteArray verifier = "verifier-0123456789-0123456789-0123456789-abcdef";
    const HttpResult page = authorize({{QStringLiteral("client_id"), m_desktop},
                                       {QStringLiteral("response_type"), QStringLiteral("code")},
                                       {QStringLiteral("redirect_uri"), QStringLiteral("http://localhost:51234/")},
                                       {QStringLiteral("response_mode"), QStringLiteral("query")},
                                       {QStringLiteral("scope"), DelegatedScope},
                                       {QStringLiteral("state"), QStringLiteral("state with spaces&more")},
                                       {QStringLiteral("nonce"), QStringLiteral("n-1")},
                                       {QStringLiteral("code_challenge"), pkceChallenge(verifier)},
                                       {QStringLiteral("code_challenge_method"), QStringLiteral("S256")}});
    QCOMPARE(page.status, 302);
    const QUrl location(QString::fromUtf8(page.headers.value("location")));
    QCOMPARE(location.scheme(), QStringLiteral("http"));
    QCOMPARE(location.host(), QStringLiteral("localhost"));
    QCOMPARE(location.port(), 51234);
    QCOMPARE(location.path(), QStringLiteral("/"));
    const QUrlQuery query(location);
    QCOMPARE(query.queryItemValue(QStringLiteral("state"), QUrl::FullyDecoded), QStringLiteral("state with spaces&more"));
    const QString code = query.queryItemValue(QStringLiteral("code"), QUrl::FullyDecoded);
    QVERIFY(!code.isEmpty());

    const QList<QPair<QString, QString>> redeem{{QStringLiteral("grant_type"), QStringLiteral("authorization_code")},
                                                {QStringLiteral("client_id"), m_desktop},
                                                {QStringLiteral("code"), code},
                                                {QStringLiteral("redirect_uri"), QStringLiteral("http://localhost:51234/")},
                                                {QStringLiteral("code_verifier"), QString::fromLatin1(verifier)},
                                                {QStringLiteral("scope"), DelegatedScope}};
    const HttpResult tokens = token(redeem);
    QCOMPARE(tokens.status, 200);
    const QJsonObject body = tokens.json();
    QVERIFY(!body.value(QStringLiteral("refresh_token")).toString().isEmpty());
    const QJsonObject id = claimsOf(body.value(QStringLiteral("id_token")).toString());
    QCOMPARE(id.value(QStringLiteral("nonce")).toString(), QStringLiteral("n-1"));
    QCOMPARE(id.value(QStringLiteral("name")).toString(), QStringLiteral("Adele Vance"));
    const QJsonObject access = claimsOf(body.value(QStringLiteral("access_token")).toString());
    QVERIFY(access.value(QStringLiteral("scp")).toString().contains(QStringLiteral("DeviceManagementConfiguration.ReadWrite.All")));
    QCOMPARE(m_client->graph("GET", Policies, body.value(QStringLiteral("access_token")).toString().toLatin1()).status, 200);
    // Single use.
    verifyEntraError(token(redeem), 400, QStringLiteral("invalid_grant"), 70008);
}

void TestGraphsimDelegated::redirectUriMatching()
{
    const QByteArray verifier = "another-verifier-with-enough-length-0123456789";
    // Registered http://localhost: any port, localhost or 127.0.0.1, root path.
    QVERIFY(!authCode(QStringLiteral("http://localhost:1/"), verifier).isEmpty());
    QVERIFY(!authCode(QStringLiteral("http://localhost:65000"), verifier).isEmpty());
    QVERIFY(!authCode(QStringLiteral("http://127.0.0.1:40000/"), verifier).isEmpty());
    // The path must match; [::1], https and other hosts are not the registered loopback URI.
    for (const QString& uri : {QStringLiteral("http://localhost:5555/other"), QStringLiteral("http://[::1]:5555/"),
                               QStringLiteral("https://localhost:5555/"), QStringLiteral("http://example.com/")}) {
        const HttpResult page = authorize({{QStringLiteral("client_id"), m_desktop},
                                           {QStringLiteral("response_type"), QStringLiteral("code")},
                                           {QStringLiteral("redirect_uri"), uri},
                                           {QStringLiteral("scope"), DelegatedScope},
                                           {QStringLiteral("state"), QStringLiteral("s")}});
        QCOMPARE(page.status, 400);
        QVERIFY2(page.body.contains("AADSTS50011"), qPrintable(uri));
        QVERIFY(!page.headers.contains("location"));
    }
    // A non-loopback registered URI matches exactly only.
    QVERIFY(!authCode(QStringLiteral("https://login.microsoftonline.com/common/oauth2/nativeclient"), verifier).isEmpty());
}

void TestGraphsimDelegated::pkceAndRedirectChecksOnRedeem()
{
    const QByteArray verifier = "the-right-verifier-0123456789-0123456789-01234";
    const QString code = authCode(QStringLiteral("http://localhost:7000/"), verifier);
    QVERIFY(!code.isEmpty());
    auto redeem = [&](const QString& redirect, const QString& codeVerifier) {
        QList<QPair<QString, QString>> fields{{QStringLiteral("grant_type"), QStringLiteral("authorization_code")},
                                              {QStringLiteral("client_id"), m_desktop},
                                              {QStringLiteral("code"), code},
                                              {QStringLiteral("redirect_uri"), redirect},
                                              {QStringLiteral("scope"), DelegatedScope}};
        if (!codeVerifier.isNull())
            fields.append({QStringLiteral("code_verifier"), codeVerifier});
        return token(fields);
    };
    verifyEntraError(redeem(QStringLiteral("http://localhost:7000/"), QStringLiteral("the-wrong-verifier-0123456789-0123456789-0123")),
                     400, QStringLiteral("invalid_grant"), 50148);
    verifyEntraError(redeem(QStringLiteral("http://localhost:7000/"), QString()), 400, QStringLiteral("invalid_grant"), 50148);
    // Redeeming needs the redirect URI of the authorize request, port included.
    verifyEntraError(redeem(QStringLiteral("http://localhost:7001/"), QString::fromLatin1(verifier)), 400,
                     QStringLiteral("invalid_grant"), 500112);
    // None of the failures spent the code.
    QCOMPARE(redeem(QStringLiteral("http://localhost:7000/"), QString::fromLatin1(verifier)).status, 200);
}

void TestGraphsimDelegated::authCodeLifetime()
{
    const QByteArray verifier = "lifetime-verifier-0123456789-0123456789-012345";
    const QString code = authCode(QStringLiteral("http://localhost:7100/"), verifier);
    QVERIFY(!code.isEmpty());
    advance(600);
    verifyEntraError(token({{QStringLiteral("grant_type"), QStringLiteral("authorization_code")},
                            {QStringLiteral("client_id"), m_desktop},
                            {QStringLiteral("code"), code},
                            {QStringLiteral("redirect_uri"), QStringLiteral("http://localhost:7100/")},
                            {QStringLiteral("code_verifier"), QString::fromLatin1(verifier)}}),
                     400, QStringLiteral("invalid_grant"), 70008);
}

void TestGraphsimDelegated::userDecidesOnTheSignInPage()
{
    const QByteArray verifier = "sign-in-page-verifier-0123456789-0123456789-01";
    const struct { const char* action; const char* error; int code; } cases[] = {
        {"decline", "access_denied", 65004},
        {"consent_required", "consent_required", 65001},
        {"interaction_required", "interaction_required", 50076},
    };
    for (const auto& c : cases) {
        const QJsonObject set = m_client->sim(QStringLiteral("signin"),
                                              QJsonObject{{QStringLiteral("clientId"), m_desktop},
                                                          {QStringLiteral("action"), QLatin1String(c.action)}});
        QCOMPARE(set.value(QStringLiteral("value")).toObject().value(m_desktop.toLower()).toObject()
                     .value(QStringLiteral("action")).toString(), QLatin1String(c.action));
        const HttpResult page = authorize({{QStringLiteral("client_id"), m_desktop},
                                           {QStringLiteral("response_type"), QStringLiteral("code")},
                                           {QStringLiteral("redirect_uri"), QStringLiteral("http://127.0.0.1:9/")},
                                           {QStringLiteral("scope"), DelegatedScope},
                                           {QStringLiteral("state"), QStringLiteral("abc")},
                                           {QStringLiteral("code_challenge"), pkceChallenge(verifier)},
                                           {QStringLiteral("code_challenge_method"), QStringLiteral("S256")}});
        QCOMPARE(page.status, 302);
        const QUrlQuery query(QUrl(QString::fromUtf8(page.headers.value("location"))));
        QCOMPARE(query.queryItemValue(QStringLiteral("error")), QLatin1String(c.error));
        QVERIFY(query.queryItemValue(QStringLiteral("error_description"), QUrl::FullyDecoded)
                    .startsWith(QStringLiteral("AADSTS%1: ").arg(c.code)));
        QCOMPARE(query.queryItemValue(QStringLiteral("state")), QStringLiteral("abc"));
        QVERIFY(!query.hasQueryItem(QStringLiteral("code")));
    }
    // Approve as another user; without a setting login_hint picks the user.
    m_client->sim(QStringLiteral("signin"), QJsonObject{{QStringLiteral("clientId"), m_desktop},
                                                        {QStringLiteral("action"), QStringLiteral("approve")},
                                                        {QStringLiteral("user"), upn(QStringLiteral("LeeG"))}});
    auto signedInAs = [&](const QList<QPair<QString, QString>>& extra) {
        QList<QPair<QString, QString>> params{{QStringLiteral("client_id"), m_desktop},
                                              {QStringLiteral("response_type"), QStringLiteral("code")},
                                              {QStringLiteral("redirect_uri"), QStringLiteral("http://localhost:9/")},
                                              {QStringLiteral("scope"), DelegatedScope}};
        params += extra;
        const HttpResult page = authorize(params);
        const QString code = QUrlQuery(QUrl(QString::fromUtf8(page.headers.value("location"))))
                                 .queryItemValue(QStringLiteral("code"), QUrl::FullyDecoded);
        const HttpResult tokens = token({{QStringLiteral("grant_type"), QStringLiteral("authorization_code")},
                                         {QStringLiteral("client_id"), m_desktop},
                                         {QStringLiteral("code"), code},
                                         {QStringLiteral("redirect_uri"), QStringLiteral("http://localhost:9/")}});
        return claimsOf(tokens.json().value(QStringLiteral("access_token")).toString()).value(QStringLiteral("upn")).toString();
    };
    QCOMPARE(signedInAs({}), upn(QStringLiteral("LeeG")));
    QCOMPARE(m_client->sim(QStringLiteral("signin"), QJsonObject{{QStringLiteral("reset"), true}})
                 .value(QStringLiteral("value")).toObject().size(), 0);
    QCOMPARE(signedInAs({{QStringLiteral("login_hint"), upn(QStringLiteral("MeganB"))}}), upn(QStringLiteral("MeganB")));
    QCOMPARE(signedInAs({}), upn(QStringLiteral("AdeleV")));
}

void TestGraphsimDelegated::refreshRotationAndStrictMode()
{
    const QByteArray verifier = "refresh-verifier-0123456789-0123456789-0123456";
    const QString code = authCode(QStringLiteral("http://localhost:7200/"), verifier);
    const HttpResult first = token({{QStringLiteral("grant_type"), QStringLiteral("authorization_code")},
                                    {QStringLiteral("client_id"), m_desktop},
                                    {QStringLiteral("code"), code},
                                    {QStringLiteral("redirect_uri"), QStringLiteral("http://localhost:7200/")},
                                    {QStringLiteral("code_verifier"), QString::fromLatin1(verifier)}});
    QCOMPARE(first.status, 200);
    const QString rt1 = first.json().value(QStringLiteral("refresh_token")).toString();
    auto refresh = [&](const QString& rt) {
        return token({{QStringLiteral("grant_type"), QStringLiteral("refresh_token")},
                      {QStringLiteral("client_id"), m_desktop},
                      {QStringLiteral("refresh_token"), rt},
                      {QStringLiteral("scope"), DelegatedScope}});
    };
    const HttpResult second = refresh(rt1);
    QCOMPARE(second.status, 200);
    const QString rt2 = second.json().value(QStringLiteral("refresh_token")).toString();
    QVERIFY(!rt2.isEmpty());
    QVERIFY(rt2 != rt1);
    QCOMPARE(claimsOf(second.json().value(QStringLiteral("access_token")).toString()).value(QStringLiteral("upn")).toString(),
             upn(QStringLiteral("AdeleV")));
    // Entra keeps the older refresh token valid.
    QCOMPARE(refresh(rt1).status, 200);

    const QJsonObject config = m_client->sim(QStringLiteral("config"), QJsonObject{{QStringLiteral("strictRefreshRotation"), true}});
    QCOMPARE(config.value(QStringLiteral("strictRefreshRotation")).toBool(), true);
    const HttpResult third = refresh(rt2);
    QCOMPARE(third.status, 200);
    verifyEntraError(refresh(rt2), 400, QStringLiteral("invalid_grant"), 70008);
    QCOMPARE(refresh(third.json().value(QStringLiteral("refresh_token")).toString()).status, 200);

    // A refresh token belongs to its app; garbage is malformed.
    verifyEntraError(token({{QStringLiteral("grant_type"), QStringLiteral("refresh_token")},
                            {QStringLiteral("client_id"), clientId(QStringLiteral("PolicyVault Desktop (no admin consent)"))},
                            {QStringLiteral("refresh_token"), rt1}}),
                     400, QStringLiteral("invalid_grant"), 70000);
    verifyEntraError(refresh(QStringLiteral("1.AQsim-garbage")), 400, QStringLiteral("invalid_grant"), 9002313);
}

void TestGraphsimDelegated::revokedAndInactiveRefreshTokens()
{
    auto signIn = [&](const QString& user) {
        const QJsonObject start = startDeviceCode(m_desktop);
        decide(start.value(QStringLiteral("user_code")).toString(), QStringLiteral("approve"), user);
        return poll(m_desktop, start.value(QStringLiteral("device_code")).toString())
            .json().value(QStringLiteral("refresh_token")).toString();
    };
    const QString adele = signIn(upn(QStringLiteral("AdeleV")));
    const QString lee = signIn(upn(QStringLiteral("LeeG")));
    QVERIFY(!adele.isEmpty() && !lee.isEmpty());
    auto refresh = [&](const QString& rt) {
        return token({{QStringLiteral("grant_type"), QStringLiteral("refresh_token")},
                      {QStringLiteral("client_id"), m_desktop},
                      {QStringLiteral("refresh_token"), rt}});
    };
    const HttpResult revoke = m_client->request("POST", QUrl(m_client->base().toString() + QStringLiteral("/_sim/revoke")),
                                                QJsonDocument(QJsonObject{{QStringLiteral("user"), upn(QStringLiteral("AdeleV"))}})
                                                    .toJson(QJsonDocument::Compact),
                                                {{"Content-Type", "application/json"}});
    QCOMPARE(revoke.status, 200);
    QCOMPARE(revoke.json().value(QStringLiteral("revoked")).toInt(), 1);
    const HttpResult revoked = refresh(adele);
    verifyEntraError(revoked, 400, QStringLiteral("invalid_grant"), 50173);
    QVERIFY(revoked.json().value(QStringLiteral("error_description")).toString().contains(QStringLiteral("fresh auth token is needed")));
    QCOMPARE(refresh(lee).status, 200);

    // 90 days without use: expired by inactivity.
    const QString rt = refresh(lee).json().value(QStringLiteral("refresh_token")).toString();
    advance(89LL * 24 * 3600);
    const QString used = refresh(rt).json().value(QStringLiteral("refresh_token")).toString();
    QVERIFY(!used.isEmpty());
    advance(91LL * 24 * 3600);
    verifyEntraError(refresh(used), 400, QStringLiteral("invalid_grant"), 700082);
}

void TestGraphsimDelegated::intuneRoleDecidesGraphAccess()
{
    auto accessToken = [&](const QString& user) {
        const QJsonObject start = startDeviceCode(m_desktop);
        decide(start.value(QStringLiteral("user_code")).toString(), QStringLiteral("approve"), user);
        return poll(m_desktop, start.value(QStringLiteral("device_code")).toString())
            .json().value(QStringLiteral("access_token")).toString().toLatin1();
    };
    const QByteArray megan = accessToken(upn(QStringLiteral("MeganB")));
    const QByteArray lee = accessToken(upn(QStringLiteral("LeeG")));
    const QByteArray adele = accessToken(upn(QStringLiteral("AdeleV")));
    // The token carries the scopes; the user without an Intune role still gets Graph's 403.
    QVERIFY(claimsOf(QString::fromLatin1(megan)).value(QStringLiteral("scp")).toString().contains(QStringLiteral("DeviceManagementConfiguration.Read.All")));
    const HttpResult denied = m_client->graph("GET", Policies, megan);
    QCOMPARE(denied.status, 403);
    const QJsonObject error = denied.json().value(QStringLiteral("error")).toObject();
    QCOMPARE(error.value(QStringLiteral("code")).toString(), QStringLiteral("Forbidden"));
    QVERIFY2(error.value(QStringLiteral("message")).toString().contains(QStringLiteral("DeviceManagementConfiguration.Read.All")),
             denied.body.constData());
    // Directory reads need no Intune role.
    QCOMPARE(m_client->graph("GET", QStringLiteral("/v1.0/groups"), megan).status, 200);
    // Read Only Operator reads but does not write; the Intune Administrator does both.
    QCOMPARE(m_client->graph("GET", Policies, lee).status, 200);
    const QByteArray body = R"({"name":"x","platforms":"windows10","technologies":"mdm","settings":[]})";
    QCOMPARE(m_client->graph("POST", Policies, lee, body).status, 403);
    QCOMPARE(m_client->graph("POST", Policies, adele, body).status, 201);
}

void TestGraphsimDelegated::refreshTokensOutliveARestart()
{
    // The demo tenant's graphsim exits when idle and starts again on demand: a refresh token
    // must still work afterwards, and a revocation must still hold.
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    SimOptions options;
    options.tenantProfiles = {QStringLiteral("demo")};
    options.stateFile = dir.filePath(QStringLiteral("state.json"));
    options.stateDir = dir.filePath(QStringLiteral("certs"));
    QString tenantId;
    QString adele;
    QString lee;
    {
        SimServer first(options);
        QString error;
        QVERIFY2(first.start(&error), qPrintable(error));
        GraphsimTestClient client(first);
        tenantId = first.tenants().constFirst().tenantId;
        QString desktop;
        for (const QJsonValue& app : first.startupInfo().value(QStringLiteral("tenants")).toArray().first().toObject()
                                         .value(QStringLiteral("publicClients")).toArray()) {
            if (app.toObject().value(QStringLiteral("displayName")).toString() == QLatin1String("PolicyVault Desktop"))
                desktop = app.toObject().value(QStringLiteral("clientId")).toString();
        }
        const QString domain = first.tenants().constFirst().domain;
        auto refreshTokenFor = [&](const QString& alias) {
            const QJsonObject start =
                client.request("POST",
                               QUrl(client.base().toString() + u'/' + tenantId + QStringLiteral("/oauth2/v2.0/devicecode")),
                               form({{QStringLiteral("client_id"), desktop}, {QStringLiteral("scope"), DelegatedScope}}),
                               {{"Content-Type", "application/x-www-form-urlencoded"}})
                    .json();
            client.request("POST", QUrl(client.base().toString() + QStringLiteral("/_sim/devicecode")),
                           QJsonDocument(QJsonObject{{QStringLiteral("userCode"), start.value(QStringLiteral("user_code"))},
                                                     {QStringLiteral("action"), QStringLiteral("approve")},
                                                     {QStringLiteral("user"), QString(alias + u'@' + domain)}})
                               .toJson(QJsonDocument::Compact),
                           {{"Content-Type", "application/json"}});
            return client
                .tokenRequest(tenantId, form({{QStringLiteral("grant_type"), QStringLiteral("device_code")},
                                              {QStringLiteral("client_id"), desktop},
                                              {QStringLiteral("device_code"), start.value(QStringLiteral("device_code")).toString()}}))
                .json().value(QStringLiteral("refresh_token")).toString();
        };
        adele = desktop + u'|' + refreshTokenFor(QStringLiteral("AdeleV"));
        lee = desktop + u'|' + refreshTokenFor(QStringLiteral("LeeG"));
        QVERIFY(adele.size() > 40 && lee.size() > 40);
        const HttpResult revoke = client.request(
            "POST", QUrl(client.base().toString() + QStringLiteral("/_sim/revoke")),
            QJsonDocument(QJsonObject{{QStringLiteral("user"), QString(QStringLiteral("LeeG@") + domain)}}).toJson(QJsonDocument::Compact),
            {{"Content-Type", "application/json"}});
        QCOMPARE(revoke.status, 200);
        first.stop();
    }
    SimServer second(options);
    QString error;
    QVERIFY2(second.start(&error), qPrintable(error));
    QCOMPARE(second.tenants().constFirst().tenantId, tenantId);
    GraphsimTestClient client(second);
    auto refresh = [&](const QString& clientAndToken) {
        const QString desktop = clientAndToken.section(u'|', 0, 0);
        return client.tokenRequest(tenantId, form({{QStringLiteral("grant_type"), QStringLiteral("refresh_token")},
                                                   {QStringLiteral("client_id"), desktop},
                                                   {QStringLiteral("refresh_token"), clientAndToken.section(u'|', 1)}}));
    };
    const HttpResult renewed = refresh(adele);
    QCOMPARE(renewed.status, 200);
    QCOMPARE(client.graph("GET", Policies, renewed.json().value(QStringLiteral("access_token")).toString().toLatin1()).status, 200);
    verifyEntraError(refresh(lee), 400, QStringLiteral("invalid_grant"), 50173);
}

QTEST_GUILESS_MAIN(TestGraphsimDelegated)
#include "tst_graphsim_delegated.moc"
