// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "tools/graphsim/server/DelegatedAuth.h"
#include "tools/graphsim/server/DelegatedAuthSupport.h"

#include "tools/graphsim/model/SimWorld.h"
#include "tools/graphsim/server/Jwt.h"
#include "tools/graphsim/server/SimOptions.h"
#include "tools/graphsim/server/TokenService.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QUuid>

namespace graphsim {

using delegated::formValue;
using delegated::simError;

namespace {

const QString DeviceCodeGrant = QStringLiteral("urn:ietf:params:oauth:grant-type:device_code");
const QString GraphPrefix = QStringLiteral("https://graph.microsoft.com/");
const QString GraphAppIdPrefix = QStringLiteral("00000003-0000-0000-c000-000000000000/");
const QString RefreshPrefix = QStringLiteral("1.AQsim.");   // opaque to clients; a signed JWT inside
constexpr qint64 RefreshInactivityMs = 90LL * 24 * 3600 * 1000;   // Entra: 90 days

QString baseUrl(const HttpRequest& request)
{
    return request.origin.toString(QUrl::RemovePath | QUrl::RemoveQuery | QUrl::StripTrailingSlash);
}

} // namespace

DelegatedAuth::DelegatedAuth(SimWorld& world, SimClock& clock, TokenService& tokens, const SimOptions& options)
    : m_world(world)
    , m_clock(clock)
    , m_tokens(tokens)
    , m_options(options)
{
}

void DelegatedAuth::reset()
{
    m_deviceAuths.clear();
    m_authCodes.clear();
    m_refresh.clear();
    m_signIn.clear();
}

bool DelegatedAuth::parseScopes(const SimApp& app, const QString& scope, Grant* grant, QString* consentMissing,
                                QString* invalidScope) const
{
    Grant result;
    bool anyResource = false;
    for (const QString& item : scope.split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
        if (item == QLatin1String("openid")) {
            result.openid = true;
        } else if (item == QLatin1String("profile")) {
            result.profile = true;
        } else if (item == QLatin1String("email")) {
            result.email = true;
        } else if (item == QLatin1String("offline_access")) {
            result.offlineAccess = true;
        } else {
            QString name = item;
            if (name.startsWith(GraphPrefix, Qt::CaseInsensitive))
                name = name.mid(GraphPrefix.size());
            else if (name.startsWith(GraphAppIdPrefix, Qt::CaseInsensitive))
                name = name.mid(GraphAppIdPrefix.size());
            else if (name.contains(QLatin1Char('/'))) {
                *invalidScope = item;   // another resource: graphsim only serves Graph
                return false;
            }
            anyResource = true;
            if (name == QLatin1String(".default")) {
                if (app.delegatedScopes.isEmpty()) {
                    *consentMissing = item;
                    return false;
                }
                for (const QString& consented : app.delegatedScopes) {
                    if (!result.graphScopes.contains(consented))
                        result.graphScopes << consented;
                }
                continue;
            }
            bool found = false;
            QString canonical = name;
            for (const QString& consented : app.delegatedScopes) {
                if (consented.compare(name, Qt::CaseInsensitive) == 0) {
                    found = true;
                    canonical = consented;
                }
            }
            if (!found) {
                *consentMissing = item;
                return false;
            }
            if (!result.graphScopes.contains(canonical))
                result.graphScopes << canonical;
        }
    }
    // Only OIDC scopes: Entra still issues a Graph token, for User.Read when consented.
    if (!anyResource && app.delegatedScopes.contains(QStringLiteral("User.Read")))
        result.graphScopes << QStringLiteral("User.Read");
    *grant = result;
    return true;
}

HttpReply DelegatedAuth::consentRequired(const SimApp& app, const QString& scope, const HttpRequest& request) const
{
    return m_tokens.entraError(400, "consent_required", 65001,
                               QStringLiteral("The user or administrator has not consented to use the application "
                                              "with ID '%1' named '%2'. Send an interactive authorization request "
                                              "for this user and resource. Scope: %3")
                                   .arg(app.clientId, app.displayName, scope),
                               request);
}

bool DelegatedAuth::clientAuthenticated(const SimApp& app, const QString& clientSecret, const HttpRequest& request,
                                        HttpReply* failure) const
{
    if (!clientSecret.isEmpty()) {
        if (app.clientSecrets.contains(clientSecret))
            return true;
        *failure = m_tokens.entraError(401, "invalid_client", 7000215,
                                       QStringLiteral("Invalid client secret provided. Ensure the secret being sent "
                                                      "in the request is the client secret value, not the client "
                                                      "secret ID, for a secret added to app '%1'.")
                                           .arg(app.clientId),
                                       request);
        return false;
    }
    if (app.publicClient)
        return true;
    *failure = m_tokens.entraError(401, "invalid_client", 7000218,
                                   QStringLiteral("The request body must contain the following parameter: "
                                                  "'client_assertion' or 'client_secret'."),
                                   request);
    return false;
}

// ---- refresh tokens ----------------------------------------------------------------------

HttpReply DelegatedAuth::redeemRefreshToken(const QString& tenantId, const SimApp& app, const QUrlQuery& form,
                                            const HttpRequest& request)
{
    const QString token = formValue(form, QStringLiteral("refresh_token"));
    if (token.isEmpty()) {
        return m_tokens.entraError(400, "invalid_request", 900144,
                                   QStringLiteral("The request body must contain the following parameter: "
                                                  "'refresh_token'."),
                                   request);
    }
    QJsonObject claims;
    if (!token.startsWith(RefreshPrefix) || !m_tokens.verifySigned(token.mid(RefreshPrefix.size()).toLatin1(), &claims)
        || claims.value(QStringLiteral("typ")).toString() != QLatin1String("graphsim-refresh")
        || claims.value(QStringLiteral("tid")).toString() != tenantId) {
        return m_tokens.entraError(400, "invalid_grant", 9002313,
                                   QStringLiteral("Invalid request. Request is malformed or invalid."), request);
    }
    if (claims.value(QStringLiteral("appid")).toString().compare(app.clientId, Qt::CaseInsensitive) != 0) {
        return m_tokens.entraError(400, "invalid_grant", 70000,
                                   QStringLiteral("Provided grant is invalid or malformed. The refresh token was "
                                                  "issued to another client."),
                                   request);
    }
    const QString jti = claims.value(QStringLiteral("jti")).toString();
    const qint64 issuedMs = claims.value(QStringLiteral("iatMs")).toInteger();
    RefreshState state = m_refresh.value(jti, RefreshState{tenantId, claims.value(QStringLiteral("oid")).toString(),
                                                            issuedMs, false, false});
    const SimUser* user = m_world.findUser(tenantId, state.userId);
    if (!user) {
        return m_tokens.entraError(400, "invalid_grant", 50034,
                                   QStringLiteral("The user account does not exist in the directory."), request);
    }
    if (state.revoked || issuedMs < user->refreshTokensValidFromMs) {
        const auto iso = [](qint64 ms) { return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODate); };
        return m_tokens.entraError(400, "invalid_grant", 50173,
                                   QStringLiteral("The provided grant has expired due to it being revoked, a fresh "
                                                  "auth token is needed. The user might have changed or reset their "
                                                  "password. The grant was issued on '%1' and the TokensValidFrom "
                                                  "date (before which tokens are not valid) for this user is '%2'. "
                                                  "Sign in again (interaction required).")
                                       .arg(iso(issuedMs), iso(qMax(user->refreshTokensValidFromMs, issuedMs))),
                                   request);
    }
    const qint64 now = m_clock.nowMs();
    if (now - state.lastUsedMs > RefreshInactivityMs) {
        return m_tokens.entraError(400, "invalid_grant", 700082,
                                   QStringLiteral("The refresh token has expired due to inactivity. The token was "
                                                  "issued on %1 and was inactive for 90.00:00:00.")
                                       .arg(QDateTime::fromMSecsSinceEpoch(issuedMs, Qt::UTC).toString(Qt::ISODate)),
                                   request);
    }
    if (state.redeemed && m_options.strictRefreshRotation) {
        return m_tokens.entraError(400, "invalid_grant", 70008,
                                   QStringLiteral("The provided authorization code or refresh token has expired due "
                                                  "to inactivity. Send a new interactive authorization request for "
                                                  "this user and resource. (graphsim --strict-refresh-rotation: the "
                                                  "refresh token was already redeemed.)"),
                                   request);
    }
    Grant granted;
    granted.graphScopes = claims.value(QStringLiteral("scp")).toString().split(QLatin1Char(' '), Qt::SkipEmptyParts);
    const QStringList oidc = claims.value(QStringLiteral("oidc")).toString().split(QLatin1Char(' '), Qt::SkipEmptyParts);
    granted.openid = oidc.contains(QStringLiteral("openid"));
    granted.profile = oidc.contains(QStringLiteral("profile"));
    granted.email = oidc.contains(QStringLiteral("email"));
    granted.offlineAccess = true;   // a refresh token exists only for offline_access
    Grant next = granted;
    const QString scope = formValue(form, QStringLiteral("scope"));
    if (!scope.isEmpty()) {
        QString consentMissing;
        QString invalid;
        if (!parseScopes(app, scope, &next, &consentMissing, &invalid)) {
            if (!invalid.isEmpty()) {
                return m_tokens.entraError(400, "invalid_scope", 70011,
                                           QStringLiteral("The provided value for the input parameter 'scope' is not "
                                                          "valid. The scope %1 is not valid.")
                                               .arg(invalid),
                                           request);
            }
            return consentRequired(app, consentMissing, request);
        }
        next.offlineAccess = true;
    }
    state.lastUsedMs = now;
    state.redeemed = true;
    m_refresh.insert(jti, state);
    return issue(tenantId, app, *user, next, {}, request);
}

QJsonObject DelegatedAuth::revoke(const QJsonObject& body, int* status)
{
    // {refreshToken} revokes one token; {user, tenant?} every one of the user's, like Graph's
    // revokeSignInSessions (tokens graphsim issued before a restart included).
    const QString token = body.value(QStringLiteral("refreshToken")).toString();
    const QString wanted = body.value(QStringLiteral("user")).toString();
    if (!token.isEmpty()) {
        QJsonObject claims;
        if (!token.startsWith(RefreshPrefix) || !m_tokens.verifySigned(token.mid(RefreshPrefix.size()).toLatin1(), &claims)) {
            *status = 404;
            return simError(QStringLiteral("not a refresh token graphsim issued"));
        }
        const QString jti = claims.value(QStringLiteral("jti")).toString();
        RefreshState state = m_refresh.value(jti, RefreshState{claims.value(QStringLiteral("tid")).toString(),
                                                                claims.value(QStringLiteral("oid")).toString(),
                                                                claims.value(QStringLiteral("iatMs")).toInteger(), false,
                                                                false});
        state.revoked = true;
        m_refresh.insert(jti, state);
        *status = 200;
        return QJsonObject{{QStringLiteral("revoked"), 1}};
    }
    if (wanted.isEmpty()) {
        *status = 400;
        return simError(QStringLiteral("expected {\"refreshToken\"} or {\"user\", \"tenant\"?}"));
    }
    const QString tenantWanted = body.value(QStringLiteral("tenant")).toString();
    QString tenantId;
    const SimUser* user = nullptr;
    for (const TenantSummary& tenant : m_world.tenants()) {
        if (!user && (tenantWanted.isEmpty() || m_world.resolveTenant(tenantWanted) == tenant.tenantId)) {
            user = m_world.findUser(tenant.tenantId, wanted);
            tenantId = tenant.tenantId;
        }
    }
    if (!user) {
        *status = 404;
        return simError(QStringLiteral("unknown user '%1'").arg(wanted));
    }
    const QString userId = user->id;
    const qint64 now = m_clock.nowMs();
    m_world.revokeSignInSessions(tenantId, userId, now);
    int revoked = 0;
    for (RefreshState& state : m_refresh) {
        if (state.tenantId == tenantId && state.userId == userId && !state.revoked) {
            state.revoked = true;   // also those issued in this very millisecond
            ++revoked;
        }
    }
    *status = 200;
    return QJsonObject{{QStringLiteral("revoked"), revoked},
                       {QStringLiteral("refreshTokensValidFromDateTime"),
                        QDateTime::fromMSecsSinceEpoch(now, Qt::UTC).toString(Qt::ISODateWithMs)}};
}

// ---- the token response ------------------------------------------------------------------

HttpReply DelegatedAuth::redeem(const QString& tenantId, const SimApp& app, const QString& grantType,
                                const QUrlQuery& form, const QString& clientSecret, const HttpRequest& request)
{
    HttpReply failure;
    if (!clientAuthenticated(app, clientSecret, request, &failure))
        return failure;
    if (grantType == DeviceCodeGrant || grantType == QLatin1String("device_code"))
        return redeemDeviceCode(tenantId, app, form, request);
    if (grantType == QLatin1String("authorization_code"))
        return redeemAuthCode(tenantId, app, form, request);
    return redeemRefreshToken(tenantId, app, form, request);
}

HttpReply DelegatedAuth::issue(const QString& tenantId, const SimApp& app, const SimUser& user, const Grant& grant,
                               const QString& nonce, const HttpRequest& request)
{
    const qint64 now = m_clock.nowMs() / 1000;
    const int lifetime = m_tokens.lifetime();
    // sub is pairwise (per app) in Entra; oid is the user's object id everywhere.
    const QString sub = QUuid::createUuidV5(QUuid(user.id), app.clientId).toString(QUuid::WithoutBraces);
    const QJsonObject access{
        {QStringLiteral("aud"), QStringLiteral("https://graph.microsoft.com")},
        {QStringLiteral("iss"), QStringLiteral("https://sts.windows.net/%1/").arg(tenantId)},
        {QStringLiteral("iat"), now},
        {QStringLiteral("nbf"), now},
        {QStringLiteral("exp"), now + lifetime},
        {QStringLiteral("appid"), app.clientId},
        {QStringLiteral("app_displayname"), app.displayName},
        {QStringLiteral("appidacr"), app.publicClient ? QStringLiteral("0") : QStringLiteral("1")},
        {QStringLiteral("idtyp"), QStringLiteral("user")},
        {QStringLiteral("amr"), QJsonArray{QStringLiteral("pwd"), QStringLiteral("mfa")}},
        {QStringLiteral("name"), user.displayName},
        {QStringLiteral("oid"), user.id},
        {QStringLiteral("sub"), sub},
        {QStringLiteral("upn"), user.userPrincipalName},
        {QStringLiteral("unique_name"), user.userPrincipalName},
        {QStringLiteral("scp"), grant.graphScopes.join(QLatin1Char(' '))},
        {QStringLiteral("tid"), tenantId},
        {QStringLiteral("uti"), QUuid::createUuid().toString(QUuid::WithoutBraces)},
        {QStringLiteral("ver"), QStringLiteral("1.0")},
    };
    QStringList scopeOut = grant.graphScopes;
    for (const auto& [flag, name] : {std::pair{grant.openid, "openid"}, std::pair{grant.profile, "profile"},
                                     std::pair{grant.email, "email"}}) {
        if (flag)
            scopeOut << QString::fromLatin1(name);
    }
    QJsonObject response{
        {QStringLiteral("token_type"), QStringLiteral("Bearer")},
        {QStringLiteral("scope"), scopeOut.join(QLatin1Char(' '))},
        {QStringLiteral("expires_in"), lifetime},
        {QStringLiteral("ext_expires_in"), lifetime},
        {QStringLiteral("access_token"), QString::fromLatin1(m_tokens.sign(access))},
        // MSAL builds its account id from client_info (uid.utid).
        {QStringLiteral("client_info"),
         QString::fromLatin1(jwt::base64Url(QJsonDocument(QJsonObject{{QStringLiteral("uid"), user.id},
                                                                      {QStringLiteral("utid"), tenantId}})
                                                .toJson(QJsonDocument::Compact)))},
    };
    if (grant.openid) {
        QJsonObject id{
            {QStringLiteral("aud"), app.clientId},
            {QStringLiteral("iss"), QStringLiteral("%1/%2/v2.0").arg(baseUrl(request), tenantId)},
            {QStringLiteral("iat"), now},
            {QStringLiteral("nbf"), now},
            {QStringLiteral("exp"), now + 3600},
            {QStringLiteral("oid"), user.id},
            {QStringLiteral("sub"), sub},
            {QStringLiteral("tid"), tenantId},
            {QStringLiteral("ver"), QStringLiteral("2.0")},
        };
        if (grant.profile) {
            id.insert(QStringLiteral("name"), user.displayName);
            id.insert(QStringLiteral("preferred_username"), user.userPrincipalName);
        }
        if (grant.email)
            id.insert(QStringLiteral("email"), user.userPrincipalName);
        if (!nonce.isEmpty())
            id.insert(QStringLiteral("nonce"), nonce);
        response.insert(QStringLiteral("id_token"), QString::fromLatin1(m_tokens.sign(id)));
    }
    if (grant.offlineAccess) {
        QStringList oidc;
        for (const auto& [flag, name] : {std::pair{grant.openid, "openid"}, std::pair{grant.profile, "profile"},
                                         std::pair{grant.email, "email"}}) {
            if (flag)
                oidc << QString::fromLatin1(name);
        }
        const QString jti = QUuid::createUuid().toString(QUuid::WithoutBraces);
        const qint64 issuedMs = m_clock.nowMs();
        const QJsonObject refresh{{QStringLiteral("typ"), QStringLiteral("graphsim-refresh")},
                                  {QStringLiteral("tid"), tenantId},
                                  {QStringLiteral("appid"), app.clientId},
                                  {QStringLiteral("oid"), user.id},
                                  {QStringLiteral("scp"), grant.graphScopes.join(QLatin1Char(' '))},
                                  {QStringLiteral("oidc"), oidc.join(QLatin1Char(' '))},
                                  {QStringLiteral("iatMs"), issuedMs},
                                  {QStringLiteral("jti"), jti}};
        m_refresh.insert(jti, RefreshState{tenantId, user.id, issuedMs, false, false});
        response.insert(QStringLiteral("refresh_token"), QString(RefreshPrefix + QString::fromLatin1(m_tokens.sign(refresh))));
    }
    return entraJson(200, response);
}

} // namespace graphsim
