// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
// DelegatedAuth's user-facing halves: the device code endpoint and its polling, the authorize
// endpoint (loopback redirects, PKCE) and its code redemption, and /_sim's user.
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

const QString VerificationUri = QStringLiteral("https://microsoft.com/devicelogin");
constexpr qint64 PollToleranceMs = 50;   // timers fire a hair early; not "faster than the interval"

QByteArray randomBytes(int count)
{
    QByteArray bytes(count, Qt::Uninitialized);
    for (int i = 0; i < count; ++i)
        bytes[i] = static_cast<char>(QRandomGenerator::system()->bounded(256));
    return bytes;
}

QString randomToken(const char* prefix, int bytes)
{
    return QString::fromLatin1(prefix) + QString::fromLatin1(jwt::base64Url(randomBytes(bytes)));
}

QString newUserCode()
{
    // Entra's user codes: 9 characters, letters and digits without look-alikes.
    static const char alphabet[] = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    QString code;
    for (int i = 0; i < 9; ++i)
        code += QLatin1Char(alphabet[QRandomGenerator::system()->bounded(int(sizeof alphabet - 1))]);
    return code;
}

bool isLoopbackHost(const QString& host)
{
    // [::1] is not a loopback redirect for Entra; localhost and 127.0.0.1 are the same one here.
    return host == QLatin1String("localhost") || host == QLatin1String("127.0.0.1");
}

QString normalizedPath(const QString& path)
{
    return path.isEmpty() ? QStringLiteral("/") : path;
}

/// Entra's rule: exact match, except that an http loopback URI matches whatever its port.
bool redirectMatches(const QString& registered, const QString& requested)
{
    if (registered == requested)
        return true;
    const QUrl reg(registered);
    const QUrl req(requested);
    if (!reg.isValid() || !req.isValid() || reg.scheme() != QLatin1String("http") || req.scheme() != QLatin1String("http"))
        return false;
    if (!isLoopbackHost(reg.host()) || !isLoopbackHost(req.host()))
        return false;
    return normalizedPath(reg.path()) == normalizedPath(req.path()) && reg.query() == req.query();
}

QString pkceS256(const QString& verifier)
{
    return QString::fromLatin1(jwt::base64Url(QCryptographicHash::hash(verifier.toLatin1(), QCryptographicHash::Sha256)));
}

QString htmlEscape(const QString& text)
{
    return text.toHtmlEscaped();
}

/// Entra shows errors it cannot send to a trusted redirect URI on its own sign-in page.
HttpReply errorPage(int code, const QString& description)
{
    HttpReply reply;
    reply.status = 400;
    reply.contentType = "text/html; charset=utf-8";
    reply.body = QStringLiteral("<!DOCTYPE html><html><head><title>Sign in to your account</title></head><body>"
                                "<h1>Sorry, but we're having trouble signing you in.</h1><p id=\"error\">AADSTS%1: %2</p>"
                                "</body></html>")
                     .arg(code)
                     .arg(htmlEscape(description))
                     .toUtf8();
    reply.setHeader("Cache-Control", "no-store, no-cache");
    return reply;
}

HttpReply redirectTo(const QString& redirectUri, const QList<QPair<QString, QString>>& params)
{
    QUrl url(redirectUri);
    QUrlQuery query(url);
    for (const auto& param : params)
        query.addQueryItem(param.first, QString::fromLatin1(QUrl::toPercentEncoding(param.second)));
    url.setQuery(query);
    HttpReply reply;
    reply.status = 302;
    reply.contentType = "text/html; charset=utf-8";
    reply.setHeader("Location", url.toString(QUrl::FullyEncoded).toUtf8());
    reply.setHeader("Cache-Control", "no-store, no-cache");
    return reply;
}

} // namespace

// ---- device code -------------------------------------------------------------------------

HttpReply DelegatedAuth::deviceCode(const QString& tenantSegment, const HttpRequest& request)
{
    if (request.method != "POST") {
        return m_tokens.entraError(400, "invalid_request", 900561,
                                   QStringLiteral("The endpoint only accepts POST requests. Received a %1 request.")
                                       .arg(QString::fromLatin1(request.method)),
                                   request);
    }
    const QString tenantId = m_world.resolveTenant(tenantSegment);
    if (tenantId.isEmpty()) {
        return m_tokens.entraError(400, "invalid_request", 90002,
                                   QStringLiteral("Tenant '%1' not found. Check to make sure you have the correct "
                                                  "tenant ID and are signing into the correct cloud.")
                                       .arg(tenantSegment),
                                   request);
    }
    const QUrlQuery form = parseFormBody(request.body);
    const QString clientId = formValue(form, QStringLiteral("client_id"));
    const QString scope = formValue(form, QStringLiteral("scope"));
    for (const auto& [name, value] : {std::pair{"client_id", clientId}, std::pair{"scope", scope}}) {
        if (value.isEmpty()) {
            return m_tokens.entraError(400, "invalid_request", 900144,
                                       QStringLiteral("The request body must contain the following parameter: '%1'.")
                                           .arg(QLatin1String(name)),
                                       request);
        }
    }
    const SimApp* app = m_world.findApp(tenantId, clientId);
    if (!app) {
        return m_tokens.entraError(400, "unauthorized_client", 700016,
                                   QStringLiteral("Application with identifier '%1' was not found in the directory "
                                                  "'%2'.")
                                       .arg(clientId, tenantSegment),
                                   request);
    }
    Grant grant;
    QString consentMissing;
    QString invalid;
    if (!parseScopes(*app, scope, &grant, &consentMissing, &invalid) && !invalid.isEmpty()) {
        return m_tokens.entraError(400, "invalid_scope", 70011,
                                   QStringLiteral("The provided value for the input parameter 'scope' is not valid. "
                                                  "The scope %1 is not valid.")
                                       .arg(invalid),
                                   request);
    }
    // Consent is the user's business on the sign-in page: it is checked when the code is redeemed.
    DeviceAuth auth;
    auth.deviceCode = randomToken("DAQABIQEAAAD", 48);
    auth.userCode = newUserCode();
    auth.tenantId = tenantId;
    auth.clientId = app->clientId;
    auth.scope = scope;
    auth.expiresMs = m_clock.nowMs() + qint64(m_options.deviceCodeLifetimeS) * 1000;
    auth.intervalS = m_options.deviceCodeIntervalS;
    m_deviceAuths.insert(auth.deviceCode, auth);
    return entraJson(200, QJsonObject{
                              {QStringLiteral("user_code"), auth.userCode},
                              {QStringLiteral("device_code"), auth.deviceCode},
                              {QStringLiteral("verification_uri"), VerificationUri},
                              {QStringLiteral("expires_in"), m_options.deviceCodeLifetimeS},
                              {QStringLiteral("interval"), auth.intervalS},
                              {QStringLiteral("message"),
                               QStringLiteral("To sign in, use a web browser to open the page %1 and enter the code "
                                              "%2 to authenticate.")
                                   .arg(VerificationUri, auth.userCode)},
                          });
}

HttpReply DelegatedAuth::redeemDeviceCode(const QString& tenantId, const SimApp& app, const QUrlQuery& form,
                                          const HttpRequest& request)
{
    const QString code = formValue(form, QStringLiteral("device_code"));
    if (code.isEmpty()) {
        return m_tokens.entraError(400, "invalid_request", 900144,
                                   QStringLiteral("The request body must contain the following parameter: "
                                                  "'device_code'."),
                                   request);
    }
    auto it = m_deviceAuths.find(code);
    if (it == m_deviceAuths.end() || it->tenantId != tenantId || it->clientId.compare(app.clientId, Qt::CaseInsensitive) != 0
        || it->state == QLatin1String("redeemed")) {
        return m_tokens.entraError(400, "bad_verification_code", 70018,
                                   QStringLiteral("Invalid verification code. The device code is unknown, was issued "
                                                  "to another client, or has been redeemed."),
                                   request);
    }
    DeviceAuth& auth = it.value();
    const qint64 now = m_clock.nowMs();
    if (now >= auth.expiresMs) {
        return m_tokens.entraError(400, "expired_token", 70019,
                                   QStringLiteral("Verification code expired. Please restart the sign-in."), request);
    }
    const qint64 last = auth.lastPollMs;
    auth.lastPollMs = now;
    if (last >= 0 && auth.intervalS > 0 && now - last < qint64(auth.intervalS) * 1000 - PollToleranceMs) {
        // RFC 8628 §3.5: the client adds 5 seconds to its interval, for this and later polls.
        auth.intervalS += 5;
        return m_tokens.entraError(400, "slow_down", 70016,
                                   QStringLiteral("OAuth 2.0 device flow error. Polled faster than the interval; "
                                                  "wait %1 seconds between polls.")
                                       .arg(auth.intervalS),
                                   request);
    }
    if (auth.state == QLatin1String("declined")) {
        return m_tokens.entraError(400, "authorization_declined", 65004,
                                   QStringLiteral("User declined to consent to access the app."), request);
    }
    if (auth.state == QLatin1String("pending")) {
        return m_tokens.entraError(400, "authorization_pending", 70016,
                                   QStringLiteral("OAuth 2.0 device flow error. Authorization is pending. Continue "
                                                  "polling."),
                                   request);
    }
    Grant grant;
    QString consentMissing;
    QString invalid;
    if (!parseScopes(app, auth.scope, &grant, &consentMissing, &invalid))
        return consentRequired(app, consentMissing.isEmpty() ? invalid : consentMissing, request);
    const SimUser* user = m_world.findUser(tenantId, auth.userId);
    if (!user) {
        return m_tokens.entraError(400, "invalid_grant", 50034,
                                   QStringLiteral("The user account does not exist in the directory."), request);
    }
    auth.state = QStringLiteral("redeemed");
    return issue(tenantId, app, *user, grant, {}, request);
}

QJsonObject DelegatedAuth::deviceCodes() const
{
    QJsonArray list;
    for (const DeviceAuth& auth : m_deviceAuths) {
        list.append(QJsonObject{{QStringLiteral("userCode"), auth.userCode},
                                {QStringLiteral("tenantId"), auth.tenantId},
                                {QStringLiteral("clientId"), auth.clientId},
                                {QStringLiteral("scope"), auth.scope},
                                {QStringLiteral("state"), auth.state},
                                {QStringLiteral("interval"), auth.intervalS},
                                {QStringLiteral("expiresAt"),
                                 QDateTime::fromMSecsSinceEpoch(auth.expiresMs, Qt::UTC).toString(Qt::ISODateWithMs)}});
    }
    return QJsonObject{{QStringLiteral("value"), list}};
}

QJsonObject DelegatedAuth::decideDeviceCode(const QJsonObject& body, int* status)
{
    const QString userCode = body.value(QStringLiteral("userCode")).toString();
    const QString action = body.value(QStringLiteral("action")).toString();
    if (action != QLatin1String("approve") && action != QLatin1String("decline")) {
        *status = 400;
        return simError(QStringLiteral("expected {\"userCode\", \"action\": \"approve\"|\"decline\", \"user\"?}"));
    }
    for (DeviceAuth& auth : m_deviceAuths) {
        if (auth.userCode.compare(userCode.trimmed(), Qt::CaseInsensitive) != 0)
            continue;
        if (m_clock.nowMs() >= auth.expiresMs) {
            *status = 410;
            return simError(QStringLiteral("the code has expired"));
        }
        if (auth.state != QLatin1String("pending")) {
            *status = 409;
            return simError(QStringLiteral("the code was already %1").arg(auth.state));
        }
        const QString wanted = body.value(QStringLiteral("user")).toString();
        const SimUser* user = nullptr;
        if (wanted.isEmpty()) {
            for (const TenantSummary& tenant : m_world.tenants()) {
                if (tenant.tenantId == auth.tenantId && !tenant.users.isEmpty())
                    user = m_world.findUser(auth.tenantId, tenant.users.constFirst().id);
            }
        } else {
            user = m_world.findUser(auth.tenantId, wanted);
        }
        if (!user) {
            *status = 404;
            return simError(QStringLiteral("unknown user '%1' in tenant %2").arg(wanted, auth.tenantId));
        }
        auth.state = action == QLatin1String("approve") ? QStringLiteral("approved") : QStringLiteral("declined");
        auth.userId = user->id;
        *status = 200;
        return QJsonObject{{QStringLiteral("userCode"), auth.userCode},
                           {QStringLiteral("state"), auth.state},
                           {QStringLiteral("user"), user->userPrincipalName}};
    }
    *status = 404;
    return simError(QStringLiteral("unknown user code '%1'").arg(userCode));
}

// ---- authorization code + PKCE ------------------------------------------------------------

HttpReply DelegatedAuth::authorize(const QString& tenantSegment, const HttpRequest& request)
{
    const QUrlQuery& q = request.query;
    auto param = [&q](const char* key) { return q.queryItemValue(QLatin1String(key), QUrl::FullyDecoded); };
    const QString tenantId = m_world.resolveTenant(tenantSegment);
    if (tenantId.isEmpty()) {
        return errorPage(90002, QStringLiteral("Tenant '%1' not found. Check to make sure you have the correct tenant "
                                               "ID and are signing into the correct cloud.")
                                    .arg(tenantSegment));
    }
    const QString clientId = param("client_id");
    if (clientId.isEmpty())
        return errorPage(900144, QStringLiteral("The request body must contain the following parameter: 'client_id'."));
    const SimApp* app = m_world.findApp(tenantId, clientId);
    if (!app) {
        return errorPage(700016, QStringLiteral("Application with identifier '%1' was not found in the directory "
                                                "'%2'.")
                                     .arg(clientId, tenantSegment));
    }
    const QString redirectUri = param("redirect_uri");
    bool registered = false;
    for (const QString& uri : app->redirectUris)
        registered = registered || redirectMatches(uri, redirectUri);
    if (!registered) {
        // Never redirected: the URI is not trusted.
        return errorPage(50011, QStringLiteral("The redirect URI '%1' specified in the request does not match the "
                                               "redirect URIs configured for the application '%2'.")
                                    .arg(redirectUri, app->clientId));
    }
    const QString state = param("state");
    auto fail = [&](const QString& error, int code, const QString& description) {
        QList<QPair<QString, QString>> params{{QStringLiteral("error"), error},
                                              {QStringLiteral("error_description"),
                                               QStringLiteral("AADSTS%1: %2").arg(code).arg(description)}};
        if (!state.isEmpty())
            params.append({QStringLiteral("state"), state});
        return redirectTo(redirectUri, params);
    };
    if (param("response_type") != QLatin1String("code")) {
        return fail(QStringLiteral("unsupported_response_type"), 70005,
                    QStringLiteral("The provided value for the input parameter 'response_type' is not allowed for "
                                   "this request. Expected value: code."));
    }
    const QString scope = param("scope");
    if (scope.isEmpty()) {
        return fail(QStringLiteral("invalid_request"), 900144,
                    QStringLiteral("The request body must contain the following parameter: 'scope'."));
    }
    const QString challenge = param("code_challenge");
    QString method = param("code_challenge_method");
    if (!challenge.isEmpty() && method.isEmpty())
        method = QStringLiteral("plain");
    if (!challenge.isEmpty() && method != QLatin1String("S256") && method != QLatin1String("plain")) {
        return fail(QStringLiteral("invalid_request"), 5000,
                    QStringLiteral("The code_challenge_method '%1' is not supported; use S256.").arg(method));
    }
    Grant grant;
    QString consentMissing;
    QString invalid;
    if (!parseScopes(*app, scope, &grant, &consentMissing, &invalid)) {
        if (!invalid.isEmpty()) {
            return fail(QStringLiteral("invalid_scope"), 70011,
                        QStringLiteral("The provided value for the input parameter 'scope' is not valid. The scope "
                                       "%1 is not valid.")
                            .arg(invalid));
        }
        return fail(QStringLiteral("consent_required"), 65001,
                    QStringLiteral("The user or administrator has not consented to use the application with ID '%1' "
                                   "named '%2'. Send an interactive authorization request for this user and resource.")
                        .arg(app->clientId, app->displayName));
    }

    // The user's part, played by /_sim/signin: per app, else for every app, else approve.
    SignIn behaviour = m_signIn.value(app->clientId.toLower(), m_signIn.value(QString()));
    if (behaviour.action == QLatin1String("decline")) {
        return fail(QStringLiteral("access_denied"), 65004, QStringLiteral("User declined to consent to access the app."));
    }
    if (behaviour.action == QLatin1String("consent_required")) {
        return fail(QStringLiteral("consent_required"), 65001,
                    QStringLiteral("The user or administrator has not consented to use the application with ID '%1' "
                                   "named '%2'. Send an interactive authorization request for this user and resource.")
                        .arg(app->clientId, app->displayName));
    }
    if (behaviour.action == QLatin1String("interaction_required")) {
        return fail(QStringLiteral("interaction_required"), 50076,
                    QStringLiteral("Due to a configuration change made by your administrator, or because you moved "
                                   "to a new location, you must use multi-factor authentication to access '%1'.")
                        .arg(QStringLiteral("00000003-0000-0000-c000-000000000000")));
    }
    const SimUser* user = nullptr;
    for (const QString& wanted : {behaviour.user, param("login_hint")}) {
        if (!user && !wanted.isEmpty())
            user = m_world.findUser(tenantId, wanted);
    }
    if (!user) {
        for (const TenantSummary& tenant : m_world.tenants()) {
            if (tenant.tenantId == tenantId && !tenant.users.isEmpty())
                user = m_world.findUser(tenantId, tenant.users.constFirst().id);
        }
    }
    if (!user)
        return errorPage(50034, QStringLiteral("The user account does not exist in the directory."));

    AuthCode code;
    code.tenantId = tenantId;
    code.clientId = app->clientId;
    code.redirectUri = redirectUri;
    code.challenge = challenge;
    code.challengeMethod = method;
    code.nonce = param("nonce");
    code.grant = grant;
    code.userId = user->id;
    code.expiresMs = m_clock.nowMs() + qint64(m_options.authCodeLifetimeS) * 1000;
    const QString value = randomToken("1.AQ", 96);
    m_authCodes.insert(value, code);
    QList<QPair<QString, QString>> params{{QStringLiteral("code"), value}};
    if (!state.isEmpty())
        params.append({QStringLiteral("state"), state});
    params.append({QStringLiteral("session_state"), QUuid::createUuid().toString(QUuid::WithoutBraces)});
    return redirectTo(redirectUri, params);
}

HttpReply DelegatedAuth::redeemAuthCode(const QString& tenantId, const SimApp& app, const QUrlQuery& form,
                                        const HttpRequest& request)
{
    const QString value = formValue(form, QStringLiteral("code"));
    if (value.isEmpty()) {
        return m_tokens.entraError(400, "invalid_request", 900144,
                                   QStringLiteral("The request body must contain the following parameter: 'code'."),
                                   request);
    }
    auto it = m_authCodes.find(value);
    const QString expiredText = QStringLiteral("The provided authorization code or refresh token has expired due to "
                                               "inactivity. Send a new interactive authorization request for this "
                                               "user and resource.");
    if (it == m_authCodes.end() || it->tenantId != tenantId
        || it->clientId.compare(app.clientId, Qt::CaseInsensitive) != 0) {
        return m_tokens.entraError(400, "invalid_grant", 70008, expiredText, request);
    }
    AuthCode& code = it.value();
    if (code.redeemed) {
        return m_tokens.entraError(400, "invalid_grant", 70008,
                                   QStringLiteral("The provided authorization code was already redeemed. Send a new "
                                                  "interactive authorization request for this user and resource."),
                                   request);
    }
    if (m_clock.nowMs() >= code.expiresMs)
        return m_tokens.entraError(400, "invalid_grant", 70008, expiredText, request);
    const QString redirectUri = formValue(form, QStringLiteral("redirect_uri"));
    if (redirectUri != code.redirectUri) {
        return m_tokens.entraError(400, "invalid_grant", 500112,
                                   QStringLiteral("The reply address '%1' does not match the reply address '%2' "
                                                  "provided when requesting Authorization code.")
                                       .arg(redirectUri, code.redirectUri),
                                   request);
    }
    if (!code.challenge.isEmpty()) {
        const QString verifier = formValue(form, QStringLiteral("code_verifier"));
        const QString computed = code.challengeMethod == QLatin1String("S256") ? pkceS256(verifier) : verifier;
        if (verifier.isEmpty() || computed != code.challenge) {
            return m_tokens.entraError(400, "invalid_grant", 50148,
                                       QStringLiteral("The code_verifier does not match the code_challenge supplied "
                                                      "in the authorization request for PKCE."),
                                       request);
        }
    }
    const SimUser* user = m_world.findUser(tenantId, code.userId);
    if (!user) {
        return m_tokens.entraError(400, "invalid_grant", 50034,
                                   QStringLiteral("The user account does not exist in the directory."), request);
    }
    code.redeemed = true;
    return issue(tenantId, app, *user, code.grant, code.nonce, request);
}

QJsonObject DelegatedAuth::signInBehaviour() const
{
    QJsonObject apps;
    for (auto it = m_signIn.constBegin(); it != m_signIn.constEnd(); ++it) {
        apps.insert(it.key().isEmpty() ? QStringLiteral("*") : it.key(),
                    QJsonObject{{QStringLiteral("action"), it->action}, {QStringLiteral("user"), it->user}});
    }
    return QJsonObject{{QStringLiteral("value"), apps}};
}

QJsonObject DelegatedAuth::setSignInBehaviour(const QJsonObject& body, int* status)
{
    static const QStringList actions = {QStringLiteral("approve"), QStringLiteral("decline"),
                                        QStringLiteral("consent_required"), QStringLiteral("interaction_required")};
    if (body.value(QStringLiteral("reset")).toBool()) {
        m_signIn.clear();
        *status = 200;
        return signInBehaviour();
    }
    SignIn behaviour;
    behaviour.action = body.value(QStringLiteral("action")).toString(QStringLiteral("approve"));
    behaviour.user = body.value(QStringLiteral("user")).toString();
    if (!actions.contains(behaviour.action)) {
        *status = 400;
        return simError(QStringLiteral("action must be approve, decline, consent_required or interaction_required"));
    }
    if (!behaviour.user.isEmpty()) {
        bool known = false;
        for (const TenantSummary& tenant : m_world.tenants())
            known = known || m_world.findUser(tenant.tenantId, behaviour.user);
        if (!known) {
            *status = 404;
            return simError(QStringLiteral("unknown user '%1'").arg(behaviour.user));
        }
    }
    m_signIn.insert(body.value(QStringLiteral("clientId")).toString().toLower(), behaviour);
    *status = 200;
    return signInBehaviour();
}

} // namespace graphsim
