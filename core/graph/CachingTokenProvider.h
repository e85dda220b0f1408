// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

#include "core/graph/TokenProvider.h"

#include <QDateTime>
#include <QList>
#include <QNetworkReply>
#include <QObject>
#include <QPointer>

#include <optional>

namespace pv::graph {

/// What app sign-in and sign-in for people share: the access token cached in memory, renewed
/// silently ahead of expiry, one token request at a time however many callers wait.
/// Subclasses say how a token is fetched (fetch()) and end every fetch with deliver().
class CachingTokenProvider : public QObject, public TokenProvider
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CachingTokenProvider)

public:
    ~CachingTokenProvider() override;

    void accessToken(QObject* context, Callback done) final;
    void invalidate(const QByteArray& token) final;

    /// Token endpoint calls so far (the 401-refresh and rotation tests count them).
    int tokenRequests() const { return m_tokenRequests; }

    /// Whether the cached token is still used at `now`: until five minutes before it expires,
    /// or half its lifetime before for a token that lives less than ten minutes.
    static bool isFresh(const AccessToken& token, const QDateTime& issuedAt, const QDateTime& now);

protected:
    explicit CachingTokenProvider(QObject* parent);

    /// Starts one token request; it must end with exactly one deliver().
    virtual void fetch() = 0;
    /// Hands the result to every waiter; a token is cached.
    void deliver(const Result<AccessToken>& result);
    /// Counts a token endpoint call and remembers its reply (aborted if the provider goes first).
    void track(QNetworkReply* reply);
    void untrack() { m_reply = nullptr; }

private:
    void handOut(const Result<AccessToken>& result);

    struct Waiter
    {
        QPointer<QObject> context;
        Callback done;
    };
    std::optional<AccessToken> m_cached;
    QDateTime m_cachedAt;
    QList<Waiter> m_waiters;
    bool m_requesting = false;
    int m_tokenRequests = 0;
    QPointer<QNetworkReply> m_reply;
};

} // namespace pv::graph
