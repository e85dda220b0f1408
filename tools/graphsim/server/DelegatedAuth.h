// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

#include "tools/graphsim/model/SimTypes.h"
#include "tools/graphsim/server/ServerTypes.h"

#include <QHash>
#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace graphsim {

class SimWorld;
class TokenService;
struct SimOptions;

/// The simulated Entra ID's sign-in for people (Graph notes §5.2, §5.3): the device code
/// endpoint, the authorize endpoint (auth code + PKCE, loopback redirects), and the delegated
/// grants of the token endpoint (device_code, authorization_code, refresh_token). Tests play
/// the user through /_sim (decideDeviceCode, setSignInBehaviour, revoke). Device and
/// authorization codes live in memory; refresh tokens are signed and survive a restart, and
/// revoking a user's sessions is tenant state (saved with it).
class DelegatedAuth
{
public:
    DelegatedAuth(SimWorld& world, SimClock& clock, TokenService& tokens, const SimOptions& options);

    /// POST /{tenant}/oauth2/v2.0/devicecode
    HttpReply deviceCode(const QString& tenantSegment, const HttpRequest& request);
    /// GET /{tenant}/oauth2/v2.0/authorize: 302 to the redirect URI, or Entra's error page.
    HttpReply authorize(const QString& tenantSegment, const HttpRequest& request);
    /// The delegated grants of /token, after TokenService found the tenant and the app.
    HttpReply redeem(const QString& tenantId, const SimApp& app, const QString& grantType, const QUrlQuery& form,
                     const QString& clientSecret, const HttpRequest& request);

    // /_sim (the user's side). Each returns the JSON reply; *status is the HTTP status.
    QJsonObject deviceCodes() const;
    QJsonObject decideDeviceCode(const QJsonObject& body, int* status);
    QJsonObject signInBehaviour() const;
    QJsonObject setSignInBehaviour(const QJsonObject& body, int* status);
    QJsonObject revoke(const QJsonObject& body, int* status);
    /// Forgets every code, grant and sign-in behaviour (/_sim/reset).
    void reset();

    /// The granted scopes of a request (§5.3): Graph permissions (short names) and OIDC flags.
    struct Grant
    {
        QStringList graphScopes;
        bool openid = false;
        bool profile = false;
        bool email = false;
        bool offlineAccess = false;
    };

private:
    struct DeviceAuth
    {
        QString deviceCode;
        QString userCode;
        QString tenantId;
        QString clientId;
        QString scope;          ///< as requested
        qint64 expiresMs = 0;
        int intervalS = 5;      ///< grows by 5 s with every slow_down (RFC 8628)
        qint64 lastPollMs = -1;
        QString state = QStringLiteral("pending");  ///< pending | approved | declined | redeemed
        QString userId;
    };
    struct AuthCode
    {
        QString tenantId;
        QString clientId;
        QString redirectUri;
        QString challenge;
        QString challengeMethod;
        QString nonce;
        Grant grant;
        QString userId;
        qint64 expiresMs = 0;
        bool redeemed = false;
    };
    /// What graphsim remembers of a refresh token while it runs. The token itself is a JWT
    /// signed with graphsim's (persistent) token key, so it outlives a restart; unknown after
    /// one, it counts as last used when issued.
    struct RefreshState
    {
        QString tenantId;
        QString userId;
        qint64 lastUsedMs = 0;
        bool revoked = false;
        bool redeemed = false;
    };
    struct SignIn
    {
        QString action = QStringLiteral("approve");
        QString user;           ///< upn or oid; empty = login_hint, else the tenant's first user
    };

    /// Parses scope; false with *error (invalid_scope) or *consentMissing (the scope lacking consent).
    bool parseScopes(const SimApp& app, const QString& scope, Grant* grant, QString* consentMissing,
                     QString* invalidScope) const;
    HttpReply consentRequired(const SimApp& app, const QString& scope, const HttpRequest& request) const;
    /// 7000218 unless the app allows public client flows or proves itself with its secret.
    bool clientAuthenticated(const SimApp& app, const QString& clientSecret, const HttpRequest& request,
                             HttpReply* failure) const;
    HttpReply redeemDeviceCode(const QString& tenantId, const SimApp& app, const QUrlQuery& form,
                               const HttpRequest& request);
    HttpReply redeemAuthCode(const QString& tenantId, const SimApp& app, const QUrlQuery& form,
                             const HttpRequest& request);
    HttpReply redeemRefreshToken(const QString& tenantId, const SimApp& app, const QUrlQuery& form,
                                 const HttpRequest& request);
    /// The token response: access token (scp + the user), id_token with openid, refresh token
    /// with offline_access, client_info for MSAL.
    HttpReply issue(const QString& tenantId, const SimApp& app, const SimUser& user, const Grant& grant,
                    const QString& nonce, const HttpRequest& request);

    SimWorld& m_world;
    SimClock& m_clock;
    TokenService& m_tokens;
    const SimOptions& m_options;
    QHash<QString, DeviceAuth> m_deviceAuths;   ///< by device_code
    QHash<QString, AuthCode> m_authCodes;       ///< by code
    QHash<QString, RefreshState> m_refresh;     ///< by the refresh token's jti
    QHash<QString, SignIn> m_signIn;            ///< by lower-cased client id; "" = every app
};

} // namespace graphsim
