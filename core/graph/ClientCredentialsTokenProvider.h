// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

#include "core/graph/CachingTokenProvider.h"
#include "core/graph/RetryPolicy.h"

#include <QSslConfiguration>
#include <QUrl>

#include <functional>
#include <memory>

class QNetworkAccessManager;
class QNetworkReply;

namespace pv {
class SecretStore;
}

namespace pv::graph {

/// App sign-in (client credentials, GRAPH_NOTES §5.1): with a client secret, or with a signed
/// JWT assertion (see ClientAssertion). Exactly one of `clientSecret` and `assertion` is set.
struct ClientCredentials
{
    QUrl tokenUrl;            ///< GraphEndpoints::tokenUrl(entra tenant id)
    QString clientId;
    QString scope;            ///< GraphEndpoints::scope: the cloud's `<graph root>/.default`
    QByteArray clientSecret;  ///< from loadClientSecret(); kept in memory only
    /// Builds a fresh `client_assertion` for each token request (its `jti`, `nbf` and `exp`).
    std::function<Result<QByteArray>()> assertion;
    QString caCertificatePath; ///< extra CA (PEM) besides the system store
    RetryOptions retry{4, std::chrono::milliseconds(1000), std::chrono::milliseconds(10000), 0.25,
                       std::chrono::seconds(60)};
};

/// Fetches and caches app-only access tokens in memory, one token request at a time however
/// many requests wait. Lives on the thread of its QNetworkAccessManager.
class ClientCredentialsTokenProvider final : public CachingTokenProvider
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ClientCredentialsTokenProvider)

public:
    ClientCredentialsTokenProvider(ClientCredentials credentials, QNetworkAccessManager* network,
                                   QObject* parent = nullptr);
    ~ClientCredentialsTokenProvider() override;

private:
    void fetch() override { request(1); }
    void request(int attempt);
    void finished(QNetworkReply* reply, int attempt);
    QString methodName() const;

    const ClientCredentials m_credentials;
    QNetworkAccessManager* const m_network;
    const RetryPolicy m_policy;
    QSslConfiguration m_ssl;
    QString m_sslError;
};

/// The tenant's client secret: POLICYVAULT_CLIENT_SECRET when it is set (build agents have no
/// keychain), else the keychain entry `SecretStore::key(tenantUuid, ClientSecret)`. Auth error
/// when there is none; the value never appears in a message.

Result<QByteArray> loadClientSecret(SecretStore& store, const QString& tenantUuid);

/// The password of the tenant's certificate file, from the keychain entry
/// `SecretStore::key(tenantUuid, CertificatePassword)`; empty when none is stored (a PEM key
/// without encryption). Keychain errors pass through.
Result<QByteArray> loadCertificatePassword(SecretStore& store, const QString& tenantUuid);

} // namespace pv::graph
