// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

#include "core/graph/CachingTokenProvider.h"
#include "core/graph/DelegatedSignIn.h"
#include "core/graph/RetryPolicy.h"

#include <QDeadlineTimer>

#include <memory>

class QLockFile;
class QNetworkAccessManager;
class QNetworkReply;

namespace pv::graph {

/// Access tokens for a signed-in person (GRAPH_NOTES §5.3 step 3): redeems the refresh token
/// kept in the SecretStore with `grant_type=refresh_token`, caches the access token in memory
/// and, when Entra returns a new refresh token, stores it at once in place of the old one.
/// Nobody is ever prompted: without a refresh token, or when Entra wants the person again
/// (invalid_grant, interaction_required), the callers get an Auth error that says to sign in.
///
/// Several processes (the GUI, a scheduled CLI backup) may refresh one tenant's token at the
/// same moment; with strict rotation the loser's token is dead. So a refresh holds a lock file
/// per tenant (`DelegatedSignInParams::lockDirectory`) from reading the stored token to storing
/// the new one, and a refused refresh re-reads the store once: a token another process stored
/// meanwhile is tried before the person is asked to sign in again.
/// Lives on the thread of its QNetworkAccessManager; reads the keychain on that thread.
class DelegatedTokenProvider final : public CachingTokenProvider
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DelegatedTokenProvider)

public:
    /// `secrets` must outlive the provider.
    DelegatedTokenProvider(DelegatedSignInParams params, SecretStore* secrets, QNetworkAccessManager* network,
                           QObject* parent = nullptr);
    ~DelegatedTokenProvider() override;

    /// Retries of transient token endpoint failures (defaults: as app sign-in).
    void setRetryOptions(const RetryOptions& options) { m_policy = RetryPolicy(options); }
    /// Refused refreshes that succeeded with a token another process had stored meanwhile.
    int rereads() const { return m_rereads; }

private:
    void fetch() override;
    void lockThen(QDeadlineTimer deadline);
    void request(int attempt, bool reread);
    void finished(QNetworkReply* reply, int attempt, bool reread);
    void finish(const Result<AccessToken>& result);

    const DelegatedSignInParams m_params;
    SecretStore* const m_secrets;
    QNetworkAccessManager* const m_network;
    RetryPolicy m_policy;
    QSslConfiguration m_ssl;
    std::unique_ptr<QLockFile> m_lock;
    QByteArray m_redeemed;   ///< the refresh token of the request in flight (to tell rotations)
    int m_rereads = 0;
};

/// The lock file a refresh of `tenantUuid` holds in `directory`.
QString refreshLockPath(const QString& directory, const QString& tenantUuid);

} // namespace pv::graph
