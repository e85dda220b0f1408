// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

// Value types shared by graphsim's server (transport, auth, throttling, faults, $batch,
// /_sim) and its model (tenants, Graph resources, generator). Everything here lives on the
// server's one thread.

#include <QByteArray>
#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QPair>
#include <QString>
#include <QStringList>
#include <QUrl>
#include <QUrlQuery>

#include <chrono>

namespace graphsim {

/// One Graph request, copied out of the socket (or out of a $batch body) so nothing holds
/// on to a connection.
struct SimRequest
{
    QByteArray method;                  ///< upper case: GET, POST, PUT, PATCH, DELETE
    QString apiVersion;                 ///< "beta" or "v1.0" (as sent, lower-cased)
    QString path;                       ///< percent-decoded path after the version, e.g.
                                        ///< "/deviceManagement/configurationPolicies('x')/settings"
    QUrlQuery query;                    ///< raw query, options with or without "$"
    QMap<QByteArray, QByteArray> headers; ///< names lower-cased
    QByteArray body;
    QUrl origin;                        ///< scheme://host:port the client used; nextLinks are built on it
    int attempt = 1;                    ///< how many times this exact request was seen (for faults)
};

struct SimResponse
{
    int status = 200;
    QList<QPair<QByteArray, QByteArray>> headers;   ///< besides Content-Type/Length and request ids
    QByteArray body;                                ///< empty for 204
    QByteArray contentType = "application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8";

    static SimResponse json(int status, const QJsonObject& body);
    static SimResponse noContent();
};

/// Graph's error envelope: {"error":{"code","message","innerError":{"date","request-id","client-request-id"}}}.
/// The server fills request ids in afterwards (see withRequestIds).
SimResponse graphError(int status, const QString& code, const QString& message);

/// Who is calling, from a validated token.
struct Caller
{
    QString tenantId;       ///< the token's tid
    QString appId;          ///< the token's appid (client id)
    QStringList roles;      ///< application permissions, or a delegated token's scp
    /// Delegated (user) token: the route also needs the user's Intune role to allow it.
    bool delegated = false;
    QString userId{};               ///< the signed-in user's object id (oid)
    QStringList userPermissions{};  ///< what the user's Intune role allows (permission names)
};

/// A person in a simulated tenant, for the delegated flows (device code, auth code + PKCE).
struct SimUser
{
    QString id;                 ///< object id (the tokens' oid)
    QString displayName;
    QString userPrincipalName;  ///< also preferred_username / upn
    /// "Intune Administrator", "Read Only Operator" or empty (no Intune role: Graph's 403).
    QString intuneRole;
    /// Entra's refreshTokensValidFromDateTime (ms since epoch, 0 = never revoked): refresh
    /// tokens issued before it are revoked (revokeSignInSessions, a password reset).
    qint64 refreshTokensValidFromMs = 0;
};

/// Permission names (§5.4 of the Graph notes) an Intune role allows a signed-in user.
QStringList intunePermissionsForRole(const QString& role);

/// An app registration in a simulated tenant.
struct SimApp
{
    QString displayName;
    QString clientId;
    QStringList clientSecrets;
    QList<QByteArray> certificatesPem;  ///< public certificates allowed to sign client_assertion
    QStringList roles;                  ///< granted application permissions
    // Delegated flows. Confidential apps keep the defaults (public flows off, no redirect).
    bool publicClient = false;          ///< "Allow public client flows" (isFallbackPublicClient)
    QStringList redirectUris{};         ///< registered redirect URIs (loopback: port ignored)
    QStringList delegatedScopes{};      ///< admin-consented delegated Graph permissions
};

/// The simulated wall clock. Tests move it through /_sim/clock; throttling windows, token
/// expiry and lastModifiedDateTime all read it. Frozen, it stands still until advanced, so a
/// test about windows and Retry-After does not depend on how fast the machine runs.
class SimClock
{
public:
    QDateTime now() const { return (m_frozen ? m_frozenAt : QDateTime::currentDateTimeUtc()).addMSecs(m_offsetMs); }
    qint64 nowMs() const { return now().toMSecsSinceEpoch(); }
    void advance(std::chrono::milliseconds delta) { m_offsetMs += delta.count(); }
    qint64 offsetMs() const { return m_offsetMs; }
    bool isFrozen() const { return m_frozen; }
    /// Freezing keeps now() where it is; thawing resumes from there (the offset absorbs the
    /// real time that passed while frozen).
    void setFrozen(bool frozen)
    {
        if (frozen == m_frozen)
            return;
        const QDateTime real = QDateTime::currentDateTimeUtc();
        if (frozen)
            m_frozenAt = real;
        else
            m_offsetMs -= m_frozenAt.msecsTo(real);
        m_frozen = frozen;
    }
    void reset()
    {
        m_offsetMs = 0;
        m_frozen = false;
    }

private:
    qint64 m_offsetMs = 0;
    bool m_frozen = false;
    QDateTime m_frozenAt;
};

} // namespace graphsim
