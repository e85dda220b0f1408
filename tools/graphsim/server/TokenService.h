// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

#include "tools/graphsim/model/SimTypes.h"
#include "tools/graphsim/server/ServerTypes.h"

#include <QByteArray>
#include <QHash>
#include <QString>

namespace graphsim {

class SimWorld;
struct TlsMaterial;

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

private:
    struct Cached
    {
        Caller caller;
        QString audience;
        qint64 notBefore = 0;
        qint64 expires = 0;
    };
    HttpReply entraError(int status, const QByteArray& error, int code, const QString& description,
                         const HttpRequest& request) const;
    HttpReply validateAssertion(const QString& tenantId, const SimApp& app, const QString& assertion,
                                const HttpRequest& request) const;

    SimWorld& m_world;
    SimClock& m_clock;
    const TlsMaterial& m_tls;
    int m_lifetimeS;
    QByteArray m_signingThumbprint;
    QHash<QByteArray, Cached> m_cache;
};

} // namespace graphsim
