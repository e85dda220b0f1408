// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "core/graph/CachingTokenProvider.h"

#include <QNetworkReply>
#include <QTimer>

namespace pv::graph {

TokenProvider::~TokenProvider() = default;

CachingTokenProvider::CachingTokenProvider(QObject* parent)
    : QObject(parent)
{
}

CachingTokenProvider::~CachingTokenProvider()
{
    if (m_reply) {
        m_reply->disconnect(this);
        m_reply->abort();
        m_reply->deleteLater();
    }
}

bool CachingTokenProvider::isFresh(const AccessToken& token, const QDateTime& issuedAt, const QDateTime& now)
{
    const qint64 lifetime = issuedAt.secsTo(token.expiresAt);
    const qint64 margin = std::min<qint64>(300, lifetime / 2);
    return now.secsTo(token.expiresAt) > margin;
}

void CachingTokenProvider::accessToken(QObject* context, Callback done)
{
    m_waiters.append(Waiter{QPointer<QObject>(context), std::move(done)});
    if (m_requesting)
        return;
    m_requesting = true;
    if (m_cached && isFresh(*m_cached, m_cachedAt, QDateTime::currentDateTimeUtc())) {
        const AccessToken token = *m_cached;
        QTimer::singleShot(0, this, [this, token] { handOut(token); });
        return;
    }
    QTimer::singleShot(0, this, [this] { fetch(); });
}

void CachingTokenProvider::invalidate(const QByteArray& token)
{
    if (m_cached && m_cached->token == token)
        m_cached.reset();
}

void CachingTokenProvider::track(QNetworkReply* reply)
{
    ++m_tokenRequests;
    m_reply = reply;
}

void CachingTokenProvider::deliver(const Result<AccessToken>& result)
{
    m_reply = nullptr;
    if (result) {
        m_cached = *result;
        m_cachedAt = QDateTime::currentDateTimeUtc();
    }
    handOut(result);
}

void CachingTokenProvider::handOut(const Result<AccessToken>& result)
{
    m_requesting = false;
    const QList<Waiter> waiters = std::exchange(m_waiters, {});
    for (const Waiter& waiter : waiters) {
        if (waiter.context)
            waiter.done(result);
    }
}

} // namespace pv::graph
