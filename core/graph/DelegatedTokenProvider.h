// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

#include "core/graph/DelegatedSignIn.h"
#include "core/graph/RetryPolicy.h"
#include "core/graph/TokenProvider.h"

#include <QList>
#include <QObject>
#include <QPointer>

#include <optional>

class QNetworkAccessManager;
class QNetworkReply;

namespace pv::graph {

/// Access tokens for a signed-in person (GRAPH_NOTES §5.3 step 3): redeems the refresh token
/// kept in the SecretStore with `grant_type=refresh_token`, caches the access token in memory
/// and, when Entra returns a new refresh token, stores it at once in place of the old one.
/// Nobody is ever prompted: without a refresh token, or when Entra wants the person again
/// (invalid_grant, interaction_required), the callers get an Auth error that says to sign in.
/// Lives on the thread of its QNetworkAccessManager; reads the keychain on that thread.
class DelegatedTokenProvider final : public QObject, public TokenProvider
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DelegatedTokenProvider)

public:
    /// `secrets` must outlive the provider.
    DelegatedTokenProvider(DelegatedSignInParams params, SecretStore* secrets, QNetworkAccessManager* network,
                           QObject* parent = nullptr);
    ~DelegatedTokenProvider() override;

    void accessToken(QObject* context, Callback done) override;
    void invalidate(const QByteArray& token) override;

    /// Token endpoint calls so far.
    int tokenRequests() const { return m_tokenRequests; }
    /// Retries of transient token endpoint failures (defaults: as app sign-in).
    void setRetryOptions(const RetryOptions& options) { m_policy = RetryPolicy(options); }

private:
    struct Waiter
    {
        QPointer<QObject> context;
        Callback done;
    };
    void request(int attempt);
    void finished(QNetworkReply* reply, int attempt);
    void deliver(const Result<AccessToken>& result);
    bool cachedIsFresh() const;

    const DelegatedSignInParams m_params;
    SecretStore* const m_secrets;
    QNetworkAccessManager* const m_network;
    RetryPolicy m_policy;
    std::optional<AccessToken> m_cached;
    QByteArray m_redeemed;   ///< the refresh token of the request in flight (to tell rotations)
    QList<Waiter> m_waiters;
    bool m_requesting = false;
    int m_tokenRequests = 0;
    QPointer<QNetworkReply> m_reply;
};

} // namespace pv::graph
