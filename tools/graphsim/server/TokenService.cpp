// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "tools/graphsim/server/TokenService.h"

#include "tools/graphsim/model/SimTenant.h"
#include "tools/graphsim/model/SimWorld.h"
#include "tools/graphsim/server/DelegatedAuth.h"
#include "tools/graphsim/server/Jwt.h"
#include "tools/graphsim/server/TlsMaterial.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSslCertificate>
#include <QUuid>

namespace graphsim {

namespace {

const QString GraphAudience = QStringLiteral("https://graph.microsoft.com");
const QString GraphAppId = QStringLiteral("00000003-0000-0000-c000-000000000000");

QString newGuid()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

QByteArray jsonReply(const QJsonObject& object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

HttpReply makeJson(int status, const QJsonObject& object)
{
    return entraJson(status, object);
}

QUrlQuery parseForm(const QByteArray& body)
{
    return parseFormBody(body);
}

QString formValue(const QUrlQuery& form, const QString& key)
{
    return form.queryItemValue(key, QUrl::FullyDecoded);
}

QString baseUrl(const HttpRequest& request)
{
    return request.origin.toString(QUrl::RemovePath | QUrl::RemoveQuery | QUrl::StripTrailingSlash);
}

bool loopbackOrEntraHost(const QString& host)
{
    return host == QLatin1String("127.0.0.1") || host == QLatin1String("localhost")
        || host == QLatin1String("login.microsoftonline.com");
}

} // namespace

QUrlQuery parseFormBody(const QByteArray& body)
{
    QByteArray normalized = body;
    normalized.replace('+', "%20");
    return QUrlQuery(QString::fromLatin1(normalized));
}

HttpReply entraJson(int status, const QJsonObject& object)
{
    HttpReply reply;
    reply.status = status;
    reply.contentType = "application/json; charset=utf-8";
    reply.body = jsonReply(object);
    reply.setHeader("Cache-Control", "no-store, no-cache");
    return reply;
}

TokenService::TokenService(SimWorld& world, SimClock& clock, const TlsMaterial& tls, int lifetimeS)
    : m_world(world)
    , m_clock(clock)
    , m_tls(tls)
    , m_lifetimeS(lifetimeS)
{
    const QSslCertificate cert(tls.signingCertPem, QSsl::Pem);
    m_signingThumbprint = jwt::base64Url(cert.digest(QCryptographicHash::Sha1));
}

HttpReply TokenService::entraError(int status, const QByteArray& error, int code, const QString& description,
                                   const HttpRequest& request) const
{
    const QString traceId = newGuid();
    QString correlationId = QString::fromLatin1(request.headers.value("client-request-id"));
    if (correlationId.isEmpty())
        correlationId = newGuid();
    const QString timestamp = m_clock.now().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")) + QLatin1Char('Z');
    const QString text = QStringLiteral("AADSTS%1: %2\r\nTrace ID: %3\r\nCorrelation ID: %4\r\nTimestamp: %5")
                             .arg(QString::number(code), description, traceId, correlationId, timestamp);
    return makeJson(status, QJsonObject{
                                {QStringLiteral("error"), QString::fromLatin1(error)},
                                {QStringLiteral("error_description"), text},
                                {QStringLiteral("error_codes"), QJsonArray{code}},
                                {QStringLiteral("timestamp"), timestamp},
                                {QStringLiteral("trace_id"), traceId},
                                {QStringLiteral("correlation_id"), correlationId},
                            });
}

HttpReply TokenService::token(const QString& tenantSegment, const HttpRequest& request)
{
    if (request.method != "POST") {
        return entraError(400, "invalid_request", 900561,
                          QStringLiteral("The endpoint only accepts POST requests. Received a %1 request.")
                              .arg(QString::fromLatin1(request.method)),
                          request);
    }
    const QString tenantId = m_world.resolveTenant(tenantSegment);
    if (tenantId.isEmpty()) {
        return entraError(400, "invalid_request", 90002,
                          QStringLiteral("Tenant '%1' not found. Check to make sure you have the correct tenant ID "
                                         "and are signing into the correct cloud.")
                              .arg(tenantSegment),
                          request);
    }
    const QUrlQuery form = parseForm(request.body);
    const QString grantType = formValue(form, QStringLiteral("grant_type"));
    if (grantType.isEmpty()) {
        return entraError(400, "invalid_request", 900144,
                          QStringLiteral("The request body must contain the following parameter: 'grant_type'."),
                          request);
    }
    // MSAL sends the short "device_code", RFC 8628 the URN; Entra takes both.
    const bool delegatedGrant = grantType == QLatin1String("urn:ietf:params:oauth:grant-type:device_code")
        || grantType == QLatin1String("device_code") || grantType == QLatin1String("authorization_code") || grantType == QLatin1String("refresh_token");
    if (grantType != QLatin1String("client_credentials") && !(delegatedGrant && m_delegated)) {
        return entraError(400, "unsupported_grant_type", 70003,
                          QStringLiteral("The app requested an unsupported grant type '%1'.").arg(grantType), request);
    }

    QString clientId = formValue(form, QStringLiteral("client_id"));
    QString secret = formValue(form, QStringLiteral("client_secret"));
    const QByteArray authorization = request.headers.value("authorization");
    if (authorization.startsWith("Basic ")) {
        QByteArray decoded;
        decoded = QByteArray::fromBase64(authorization.mid(6).trimmed());
        const qsizetype colon = decoded.indexOf(':');
        if (colon > 0) {
            clientId = QUrl::fromPercentEncoding(decoded.left(colon));
            secret = QUrl::fromPercentEncoding(decoded.mid(colon + 1));
        }
    }
    if (clientId.isEmpty()) {
        return entraError(400, "invalid_request", 900144,
                          QStringLiteral("The request body must contain the following parameter: 'client_id'."),
                          request);
    }
    const SimApp* app = m_world.findApp(tenantId, clientId);
    if (!app) {
        return entraError(400, "unauthorized_client", 700016,
                          QStringLiteral("Application with identifier '%1' was not found in the directory '%2'. "
                                         "This can happen if the application has not been installed by the "
                                         "administrator of the tenant or consented to by any user in the tenant.")
                              .arg(clientId, tenantSegment),
                          request);
    }
    if (delegatedGrant)
        return m_delegated->redeem(tenantId, *app, grantType, form, secret, request);

    // One resource, with /.default; the OIDC scopes some clients add are ignored.
    QStringList resources;
    const QStringList scopes = formValue(form, QStringLiteral("scope")).split(QLatin1Char(' '), Qt::SkipEmptyParts);
    for (const QString& scope : scopes) {
        if (scope != QLatin1String("openid") && scope != QLatin1String("profile")
            && scope != QLatin1String("offline_access"))
            resources.append(scope);
    }
    if (resources.size() != 1) {
        return entraError(400, "invalid_scope", 70011,
                          QStringLiteral("The provided value for the input parameter 'scope' is not valid. The "
                                         "scope %1 is not valid.")
                              .arg(resources.join(QLatin1Char(' '))),
                          request);
    }
    const QString& scope = resources.constFirst();
    if (!scope.endsWith(QLatin1String("/.default"))) {
        return entraError(400, "invalid_scope", 1002012,
                          QStringLiteral("The provided value for scope %1 is not valid. Client credential flows "
                                         "must have a scope value with /.default suffixed to the resource "
                                         "identifier (application ID URI).")
                              .arg(scope),
                          request);
    }
    const QString resource = scope.chopped(9);
    if (resource != GraphAudience && resource != GraphAudience + QLatin1Char('/') && resource != GraphAppId) {
        return entraError(400, "invalid_scope", 70011,
                          QStringLiteral("The provided value for the input parameter 'scope' is not valid. The "
                                         "scope %1 is not valid.")
                              .arg(scope),
                          request);
    }

    const QString assertion = formValue(form, QStringLiteral("client_assertion"));
    if (!assertion.isEmpty()) {
        if (formValue(form, QStringLiteral("client_assertion_type"))
            != QLatin1String("urn:ietf:params:oauth:client-assertion-type:jwt-bearer")) {
            return entraError(400, "invalid_request", 50027,
                              QStringLiteral("client_assertion_type must be "
                                             "urn:ietf:params:oauth:client-assertion-type:jwt-bearer."),
                              request);
        }
        HttpReply failure = validateAssertion(tenantId, *app, assertion, request);
        if (failure.status != 200)
            return failure;
    } else if (!secret.isEmpty()) {
        if (!app->clientSecrets.contains(secret)) {
            return entraError(401, "invalid_client", 7000215,
                              QStringLiteral("Invalid client secret provided. Ensure the secret being sent in the "
                                             "request is the client secret value, not the client secret ID, for a "
                                             "secret added to app '%1'.")
                                  .arg(clientId),
                              request);
        }
    } else {
        return entraError(401, "invalid_client", 7000218,
                          QStringLiteral("The request body must contain the following parameter: "
                                         "'client_assertion' or 'client_secret'."),
                          request);
    }

    return makeJson(200, QJsonObject{
                             {QStringLiteral("token_type"), QStringLiteral("Bearer")},
                             {QStringLiteral("expires_in"), m_lifetimeS},
                             {QStringLiteral("ext_expires_in"), m_lifetimeS},
                             {QStringLiteral("access_token"), QString::fromLatin1(issueAccessToken(tenantId, *app))},
                         });
}

HttpReply TokenService::validateAssertion(const QString& tenantId, const SimApp& app, const QString& assertion,
                                          const HttpRequest& request) const
{
    auto invalid = [&](int code, const QString& text) { return entraError(401, "invalid_client", code, text, request); };
    jwt::Parts parts;
    if (!jwt::parse(assertion.toLatin1(), &parts))
        return invalid(50027, QStringLiteral("JWT token is invalid or malformed."));
    const QString alg = parts.header.value(QStringLiteral("alg")).toString();
    jwt::Alg algorithm = jwt::Alg::RS256;
    QString thumbprint;
    QCryptographicHash::Algorithm digest = QCryptographicHash::Sha1;
    if (alg == QLatin1String("RS256")) {
        thumbprint = parts.header.value(QStringLiteral("x5t")).toString();
    } else if (alg == QLatin1String("PS256")) {
        algorithm = jwt::Alg::PS256;
        digest = QCryptographicHash::Sha256;
        thumbprint = parts.header.value(QStringLiteral("x5t#S256")).toString();
    } else {
        return invalid(5002738, QStringLiteral("Invalid JWT token. '%1' is not a supported signature algorithm.")
                                    .arg(alg.isEmpty() ? QStringLiteral("none") : alg));
    }
    const QByteArray* certificate = nullptr;
    for (const QByteArray& pem : app.certificatesPem) {
        const QSslCertificate cert(pem, QSsl::Pem);
        if (QString::fromLatin1(jwt::base64Url(cert.digest(digest))) == thumbprint) {
            certificate = &pem;
            break;
        }
    }
    if (!certificate) {
        return invalid(700027, QStringLiteral("The certificate with identifier used to sign the client assertion is "
                                              "not registered on application. [Reason - The key was not found.]"));
    }
    if (!jwt::verifyWithCertificate(algorithm, *certificate, parts.signingInput, parts.signature))
        return invalid(700027, QStringLiteral("Client assertion failed signature validation."));

    const QJsonObject& claims = parts.claims;
    if (claims.value(QStringLiteral("iss")).toString() != app.clientId
        || claims.value(QStringLiteral("sub")).toString() != app.clientId) {
        return invalid(700021, QStringLiteral("Client assertion application identifier doesn't match "
                                              "'client_id' parameter."));
    }
    if (claims.value(QStringLiteral("jti")).toString().isEmpty())
        return invalid(50027, QStringLiteral("Invalid JWT token. The token has no 'jti' claim."));
    const QUrl audience(claims.value(QStringLiteral("aud")).toString());
    const QStringList audPath = audience.path().split(QLatin1Char('/'), Qt::SkipEmptyParts);
    const bool audienceOk = audience.isValid() && loopbackOrEntraHost(audience.host()) && audPath.size() == 4
        && audPath[1] == QLatin1String("oauth2") && audPath[2] == QLatin1String("v2.0")
        && audPath[3] == QLatin1String("token") && m_world.resolveTenant(audPath[0]) == tenantId;
    if (!audienceOk) {
        return invalid(700212, QStringLiteral("Invalid JWT token. The 'aud' claim '%1' is not valid for this "
                                              "token endpoint.")
                                   .arg(audience.toString()));
    }
    const qint64 now = m_clock.nowMs() / 1000;
    const qint64 exp = claims.value(QStringLiteral("exp")).toInteger(-1);
    qint64 nbf = claims.value(QStringLiteral("nbf")).toInteger(-1);
    if (nbf < 0)
        nbf = claims.value(QStringLiteral("iat")).toInteger(-1);
    if (exp < 0 || nbf < 0)
        return invalid(50027, QStringLiteral("Invalid JWT token. The token has no 'exp' or 'nbf' claim."));
    if (exp - nbf > 600)
        return invalid(700024, QStringLiteral("Client assertion contains an invalid lifetime: more than 10 minutes."));
    if (exp <= now || nbf > now + 300)
        return invalid(700024, QStringLiteral("Client assertion is not within its valid time range."));
    HttpReply ok;
    ok.status = 200;
    return ok;
}

QByteArray TokenService::sign(const QJsonObject& claims) const
{
    const QJsonObject header{{QStringLiteral("typ"), QStringLiteral("JWT")},
                             {QStringLiteral("alg"), QStringLiteral("RS256")},
                             {QStringLiteral("x5t"), QString::fromLatin1(m_signingThumbprint)},
                             {QStringLiteral("kid"), QString::fromLatin1(m_signingThumbprint)}};
    return jwt::encode(jwt::Alg::RS256, header, claims, m_tls.signingKeyPem);
}

bool TokenService::verifySigned(const QByteArray& token, QJsonObject* claims) const
{
    jwt::Parts parts;
    if (!jwt::parse(token, &parts) || parts.header.value(QStringLiteral("alg")).toString() != QLatin1String("RS256")
        || !jwt::verifyWithCertificate(jwt::Alg::RS256, m_tls.signingCertPem, parts.signingInput, parts.signature))
        return false;
    *claims = parts.claims;
    return true;
}

QByteArray TokenService::issueAccessToken(const QString& tenantId, const SimApp& app,
                                          const QJsonObject& overrides) const
{
    const qint64 now = m_clock.nowMs() / 1000;
    // The service principal's object id is stable per app (derived from tenant + client id).
    const QString oid = QUuid::createUuidV5(QUuid(tenantId), app.clientId).toString(QUuid::WithoutBraces);
    QJsonObject claims{
        {QStringLiteral("aud"), GraphAudience},
        {QStringLiteral("iss"), QStringLiteral("https://sts.windows.net/%1/").arg(tenantId)},
        {QStringLiteral("iat"), now},
        {QStringLiteral("nbf"), now},
        {QStringLiteral("exp"), now + m_lifetimeS},
        {QStringLiteral("appid"), app.clientId},
        {QStringLiteral("app_displayname"), app.displayName},
        {QStringLiteral("appidacr"), QStringLiteral("1")},
        {QStringLiteral("idtyp"), QStringLiteral("app")},
        {QStringLiteral("oid"), oid},
        {QStringLiteral("sub"), oid},
        {QStringLiteral("roles"), QJsonArray::fromStringList(app.roles)},
        {QStringLiteral("tid"), tenantId},
        {QStringLiteral("uti"), newGuid()},
        {QStringLiteral("ver"), QStringLiteral("1.0")},
    };
    for (auto it = overrides.constBegin(); it != overrides.constEnd(); ++it)
        claims.insert(it.key(), it.value());
    return sign(claims);
}

TokenService::BearerResult TokenService::validateBearer(const QByteArray& authorizationHeader)
{
    BearerResult result;
    QByteArray token;
    if (authorizationHeader.size() > 7 && authorizationHeader.left(7).compare("bearer ", Qt::CaseInsensitive) == 0)
        token = authorizationHeader.mid(7).trimmed();
    if (token.isEmpty()) {
        result.message = QStringLiteral("Access token is empty.");
        return result;
    }
    auto cached = m_cache.constFind(token);
    if (cached == m_cache.constEnd()) {
        jwt::Parts parts;
        if (!jwt::parse(token, &parts)) {
            result.message = QStringLiteral("CompactToken parsing failed with error code: 80049217");
            return result;
        }
        if (parts.header.value(QStringLiteral("alg")).toString() != QLatin1String("RS256")
            || !jwt::verifyWithCertificate(jwt::Alg::RS256, m_tls.signingCertPem, parts.signingInput,
                                           parts.signature)) {
            result.message = QStringLiteral("Access token validation failure. Invalid signature.");
            return result;
        }
        Cached entry;
        entry.caller.tenantId = parts.claims.value(QStringLiteral("tid")).toString();
        entry.caller.appId = parts.claims.value(QStringLiteral("appid")).toString();
        for (const QJsonValue& role : parts.claims.value(QStringLiteral("roles")).toArray())
            entry.caller.roles.append(role.toString());
        // A user's token: scp (space-separated delegated permissions) instead of roles.
        if (parts.claims.contains(QStringLiteral("scp"))) {
            entry.caller.delegated = true;
            entry.caller.userId = parts.claims.value(QStringLiteral("oid")).toString();
            entry.caller.roles = parts.claims.value(QStringLiteral("scp")).toString().split(QLatin1Char(' '), Qt::SkipEmptyParts);
        }
        entry.audience = parts.claims.value(QStringLiteral("aud")).toString();
        entry.notBefore = parts.claims.value(QStringLiteral("nbf")).toInteger();
        entry.expires = parts.claims.value(QStringLiteral("exp")).toInteger();
        if (m_cache.size() > 4096)
            m_cache.clear();
        cached = m_cache.insert(token, entry);
    }
    const Cached& entry = cached.value();
    if (entry.audience != GraphAudience && entry.audience != GraphAppId) {
        result.message = QStringLiteral("Access token validation failure. Invalid audience.");
        return result;
    }
    const qint64 now = m_clock.nowMs() / 1000;
    if (now >= entry.expires) {
        result.message = QStringLiteral("Lifetime validation failed, the token is expired.");
        return result;
    }
    if (entry.notBefore > now + 300) {
        result.message = QStringLiteral("Lifetime validation failed, the token is not yet valid.");
        return result;
    }
    if (m_world.resolveTenant(entry.caller.tenantId) != entry.caller.tenantId || entry.caller.tenantId.isEmpty()) {
        result.message = QStringLiteral("Access token validation failure. Invalid issuer.");
        return result;
    }
    result.ok = true;
    result.caller = entry.caller;
    if (entry.caller.delegated) {
        // Looked up per call: the user's role is tenant state, not part of the token.
        const SimUser* user = m_world.findUser(entry.caller.tenantId, entry.caller.userId);
        result.caller.userPermissions = user ? intunePermissionsForRole(user->intuneRole) : QStringList();
    }
    return result;
}

HttpReply TokenService::openIdConfiguration(const QString& tenantSegment, const HttpRequest& request) const
{
    const QString tenantId = m_world.resolveTenant(tenantSegment);
    const QString base = baseUrl(request);
    const QString tenantBase = base + QLatin1Char('/') + tenantSegment;
    const QString issuerTenant = tenantId.isEmpty() ? QStringLiteral("{tenantid}") : tenantId;
    const QJsonObject config{
        {QStringLiteral("token_endpoint"), QString(tenantBase + QStringLiteral("/oauth2/v2.0/token"))},
        {QStringLiteral("token_endpoint_auth_methods_supported"),
         QJsonArray{QStringLiteral("client_secret_post"), QStringLiteral("private_key_jwt"),
                    QStringLiteral("client_secret_basic")}},
        {QStringLiteral("jwks_uri"), QString(tenantBase + QStringLiteral("/discovery/v2.0/keys"))},
        {QStringLiteral("response_modes_supported"),
         QJsonArray{QStringLiteral("query"), QStringLiteral("fragment"), QStringLiteral("form_post")}},
        {QStringLiteral("subject_types_supported"), QJsonArray{QStringLiteral("pairwise")}},
        {QStringLiteral("id_token_signing_alg_values_supported"), QJsonArray{QStringLiteral("RS256")}},
        {QStringLiteral("response_types_supported"),
         QJsonArray{QStringLiteral("code"), QStringLiteral("id_token"), QStringLiteral("code id_token"),
                    QStringLiteral("id_token token")}},
        {QStringLiteral("scopes_supported"),
         QJsonArray{QStringLiteral("openid"), QStringLiteral("profile"), QStringLiteral("email"),
                    QStringLiteral("offline_access")}},
        {QStringLiteral("issuer"), QString(base + QLatin1Char('/') + issuerTenant + QStringLiteral("/v2.0"))},
        {QStringLiteral("request_uri_parameter_supported"), false},
        {QStringLiteral("authorization_endpoint"), QString(tenantBase + QStringLiteral("/oauth2/v2.0/authorize"))},
        {QStringLiteral("device_authorization_endpoint"), QString(tenantBase + QStringLiteral("/oauth2/v2.0/devicecode"))},
        {QStringLiteral("end_session_endpoint"), QString(tenantBase + QStringLiteral("/oauth2/v2.0/logout"))},
        {QStringLiteral("http_logout_supported"), true},
        {QStringLiteral("frontchannel_logout_supported"), true},
        {QStringLiteral("tenant_region_scope"), QStringLiteral("EU")},
        {QStringLiteral("cloud_instance_name"), QStringLiteral("microsoftonline.com")},
        {QStringLiteral("cloud_graph_host_name"), QStringLiteral("graph.windows.net")},
        {QStringLiteral("msgraph_host"), QStringLiteral("graph.microsoft.com")},
    };
    return makeJson(200, config);
}

HttpReply TokenService::instanceDiscovery(const HttpRequest& request) const
{
    const QString base = baseUrl(request);
    const QString hostPort = request.origin.authority();
    return makeJson(200, QJsonObject{
                             {QStringLiteral("tenant_discovery_endpoint"),
                              QString(base + QStringLiteral("/{tenant}/v2.0/.well-known/openid-configuration"))},
                             {QStringLiteral("api-version"), QStringLiteral("1.1")},
                             {QStringLiteral("metadata"),
                              QJsonArray{QJsonObject{{QStringLiteral("preferred_network"), hostPort},
                                                     {QStringLiteral("preferred_cache"), hostPort},
                                                     {QStringLiteral("aliases"), QJsonArray{hostPort}}}}},
                         });
}

HttpReply TokenService::keys() const
{
    QByteArray modulus;
    QByteArray exponent;
    jwt::rsaPublicNumbers(m_tls.signingCertPem, &modulus, &exponent);
    const QSslCertificate cert(m_tls.signingCertPem, QSsl::Pem);
    const QJsonObject key{
        {QStringLiteral("kty"), QStringLiteral("RSA")},
        {QStringLiteral("use"), QStringLiteral("sig")},
        {QStringLiteral("kid"), QString::fromLatin1(m_signingThumbprint)},
        {QStringLiteral("x5t"), QString::fromLatin1(m_signingThumbprint)},
        {QStringLiteral("n"), QString::fromLatin1(modulus)},
        {QStringLiteral("e"), QString::fromLatin1(exponent)},
        {QStringLiteral("x5c"), QJsonArray{QString::fromLatin1(cert.toDer().toBase64())}},
    };
    return makeJson(200, QJsonObject{{QStringLiteral("keys"), QJsonArray{key}}});
}

} // namespace graphsim
