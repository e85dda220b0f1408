// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

// Sign-in for people (GRAPH_NOTES §5.2–§5.4): what the delegated flows share — the scope they ask
// for, the token endpoint's answer, and where the refresh token and the user's name are kept.
// Refresh tokens live only in the SecretStore; access tokens only in memory.

#include "core/common/Result.h"
#include "core/graph/Cloud.h"
#include "core/graph/TokenProvider.h"

#include <QJsonObject>
#include <QSslConfiguration>
#include <QString>

class QNetworkAccessManager;
class QNetworkReply;

namespace pv {
class SecretStore;
}

namespace pv::graph {

/// The SecretStore kind of the signed-in user's name (not a secret, but it goes with the
/// refresh token: written and removed with it).
inline constexpr QStringView SignedInUserKind = u"signed-in-user";

/// What a delegated sign-in needs, from the tenant profile (auth device_code or interactive).
struct DelegatedSignInParams
{
    GraphEndpoints endpoints;     ///< resolveEndpoints(cloud, graph URL, authority URL)
    QString entraTenantId;        ///< GUID or domain
    QString clientId;             ///< the customer's public client app registration
    QString tenantUuid;           ///< keys the refresh token
    QString tenantName;           ///< for "sign in again: policyvault-cli tenant signin NAME"
    QString caCertificatePath;    ///< extra CA for the authority, if any
    /// Where refreshes of this tenant take their lock file (the data folder); empty: no lock.
    QString lockDirectory;

    /// `<graph root>/.default offline_access openid profile`: Graph, a refresh token, the user's name.
    QString scope() const;
    QUrl tokenUrl() const { return endpoints.tokenUrl(entraTenantId); }
    /// `<authority>/<tenant>/oauth2/v2.0/devicecode`; empty when tokenUrl() is.
    QUrl deviceCodeUrl() const;
};

/// A successful answer of the token endpoint to a delegated grant.
struct DelegatedGrant
{
    AccessToken access;
    QByteArray refreshToken;   ///< empty when Entra sent none
    QString userName;          ///< id_token preferred_username (else name), empty without one
};

/// Parses `{access_token, expires_in, refresh_token, id_token}`. Auth when there is no access token.
Result<DelegatedGrant> parseDelegatedGrant(const QJsonObject& json);

/// An answer of the token or device code endpoint.
struct EntraReply
{
    int status = 0;                ///< 0: transport failure
    QJsonObject json;
    bool parsed = false;           ///< the body was a JSON object
    QString error;                 ///< Entra's `error`
    QString description;           ///< first line of `error_description` (AADSTSnnn: …)
    QString transportError;        ///< reply->errorString() when status is 0
    bool transient = false;        ///< a network hiccup or a 429/5xx worth retrying
    QString correlationId;
};
EntraReply readEntraReply(QNetworkReply* reply);

/// POSTs an urlencoded form (the fields in order) with `ssl`, no redirects, a 60 s timeout.
QNetworkReply* postForm(QNetworkAccessManager* network, const QUrl& url, const QSslConfiguration& ssl,
                        const QList<QPair<QString, QByteArray>>& fields);

/// The default SSL configuration plus the PEM CA file (if any); InvalidArgument when the file
/// holds no certificate.
Result<QSslConfiguration> sslWithExtraCa(const QString& caCertificatePath);

/// The tenant's stored refresh token; Auth "sign in first: policyvault-cli tenant signin NAME"
/// when there is none. Keychain errors pass through. The value never appears in a message.
Result<QByteArray> loadRefreshToken(SecretStore& store, const QString& tenantUuid, const QString& tenantName);
/// Stores (replaces) the refresh token and, when not empty, the user's name.
Status storeSignIn(SecretStore& store, const QString& tenantUuid, const QByteArray& refreshToken,
                   const QString& userName);
/// The name stored by the last sign-in; empty when nobody is signed in or no name was given.
Result<QString> signedInUser(SecretStore& store, const QString& tenantUuid);
/// Removes the refresh token and the user's name. Signing out twice succeeds.
Status signOut(SecretStore& store, const QString& tenantUuid);

/// "sign in first: policyvault-cli tenant signin NAME" (NAME quoted when it has white space).
QString signInFirstMessage(const QString& tenantName);

} // namespace pv::graph
