// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

#include "tools/graphsim/model/SimTypes.h"
#include "tools/graphsim/server/ServerTypes.h"

#include <QByteArray>
#include <QHash>
#include <QString>

namespace graphsim {

class DelegatedAuth;
class SimWorld;
struct TlsMaterial;

/// application/x-www-form-urlencoded body → query ('+' means space, QUrlQuery does not know that).
QUrlQuery parseFormBody(const QByteArray& body);
/// A JSON reply as Entra sends it (no-store).
HttpReply entraJson(int status, const QJsonObject& object);

/// The simulated Entra ID: the v2.0 token endpoint (client credentials with a secret or a
/// certificate client_assertion), the metadata msal needs (OpenID configuration, instance
/// discovery, JWKS) and validation of the bearer tokens it issued.
class TokenService
{
public:
    TokenService(SimWorld& world, SimClock& clock, const TlsMaterial& tls, int lifetimeS);

    /// /{tenant}/oauth2/v2.0/token
    HttpReply token(const QString& tenantSegment, const HttpRequest& request);
    /// /{tenant}/v2.0/.well-known/openid-configuration
    HttpReply openIdConfiguration(const QString& tenantSegment, const HttpRequest& request) const;
    /// /common/discovery/instance
    HttpReply instanceDiscovery(const HttpRequest& request) const;
    /// /{tenant}/discovery/v2.0/keys
    HttpReply keys() const;

    struct BearerResult
    {
        bool ok = false;
        Caller caller;
        QString message;    ///< InvalidAuthenticationToken message when !ok
    };
    /// Checks "Authorization: Bearer <jwt>": signature (RS256 with graphsim's key), audience,
    /// lifetime against SimClock, and that tid names a tenant.
    BearerResult validateBearer(const QByteArray& authorizationHeader);

    /// Issues an access token directly (/_sim/token uses this); claims in overrides replace
    /// the defaults, which lets tests make wrong-audience or role-less tokens.
    QByteArray issueAccessToken(const QString& tenantId, const SimApp& app, const QJsonObject& overrides = {}) const;

    void setLifetime(int seconds) { m_lifetimeS = seconds; }
    int lifetime() const { return m_lifetimeS; }
    /// The delegated grants (device_code, authorization_code, refresh_token) go there.
    void setDelegated(DelegatedAuth* delegated) { m_delegated = delegated; }
    /// Signs claims with graphsim's token key (RS256, x5t/kid of its certificate).
    QByteArray sign(const QJsonObject& claims) const;
    /// Checks a JWT graphsim signed (sign()); its claims, or false.
    bool verifySigned(const QByteArray& token, QJsonObject* claims) const;

    /// Entra's error body {error, error_description:"AADSTSn: …", error_codes, timestamp,
    /// trace_id, correlation_id}.
    HttpReply entraError(int status, const QByteArray& error, int code, const QString& description,
                         const HttpRequest& request) const;

private:
    struct Cached
    {
        Caller caller;
        QString audience;
        qint64 notBefore = 0;
        qint64 expires = 0;
    };
    HttpReply validateAssertion(const QString& tenantId, const SimApp& app, const QString& assertion,
                                const HttpRequest& request) const;

    SimWorld& m_world;
    SimClock& m_clock;
    const TlsMaterial& m_tls;
    int m_lifetimeS;
    QByteArray m_signingThumbprint;
    QHash<QByteArray, Cached> m_cache;
    DelegatedAuth* m_delegated = nullptr;
};

} // namespace graphsim
