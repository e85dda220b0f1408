// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "core/graph/DelegatedTokenProvider.h"

#include "core/logging/Logging.h"
#include "core/secrets/SecretStore.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRandomGenerator>
#include <QTimer>

namespace pv::graph {

namespace {

const RetryOptions DefaultRetry{4, std::chrono::milliseconds(1000), std::chrono::milliseconds(10000), 0.25,
                                std::chrono::seconds(60)};

// Entra's answers that mean "only the person can fix this": the refresh token was revoked,
// expired by inactivity or redeemed under strict rotation; MFA, Conditional Access or consent.
bool needsThePerson(const QString& error)
{
    return error == QLatin1String("invalid_grant") || error == QLatin1String("interaction_required")
        || error == QLatin1String("consent_required") || error == QLatin1String("login_required");
}

} // namespace

DelegatedTokenProvider::DelegatedTokenProvider(DelegatedSignInParams params, SecretStore* secrets,
                                               QNetworkAccessManager* network, QObject* parent)
    : QObject(parent)
    , m_params(std::move(params))
    , m_secrets(secrets)
    , m_network(network)
    , m_policy(DefaultRetry)
{
    Q_ASSERT(m_secrets && m_network);
}

DelegatedTokenProvider::~DelegatedTokenProvider()
{
    if (m_reply) {
        m_reply->disconnect(this);
        m_reply->abort();
        m_reply->deleteLater();
    }
}

bool DelegatedTokenProvider::cachedIsFresh() const
{
    // Renew five minutes ahead of expiry, as app sign-in does.
    return m_cached && QDateTime::currentDateTimeUtc().secsTo(m_cached->expiresAt) > 300;
}

void DelegatedTokenProvider::accessToken(QObject* context, Callback done)
{
    m_waiters.append(Waiter{QPointer<QObject>(context), std::move(done)});
    if (m_requesting)
        return;
    if (cachedIsFresh()) {
        const AccessToken token = *m_cached;
        QTimer::singleShot(0, this, [this, token] { deliver(token); });
        return;
    }
    m_requesting = true;
    QTimer::singleShot(0, this, [this] { request(1); });
}

void DelegatedTokenProvider::invalidate(const QByteArray& token)
{
    if (m_cached && m_cached->token == token)
        m_cached.reset();
}

void DelegatedTokenProvider::request(int attempt)
{
    const Result<QSslConfiguration> ssl = sslWithExtraCa(m_params.caCertificatePath);
    if (!ssl)
        return deliver(ssl.failure());
    if (m_params.tokenUrl().isEmpty())
        return deliver(fail(ErrorCode::InvalidArgument,
                            QStringLiteral("'%1' is not a directory (tenant) id or domain").arg(m_params.entraTenantId)));
    // Read the keychain for every request: another process (the GUI, a CLI sign-in) may have
    // stored a newer refresh token since this one was last redeemed.
    Result<QByteArray> refresh = loadRefreshToken(*m_secrets, m_params.tenantUuid, m_params.tenantName);
    if (!refresh)
        return deliver(refresh.failure());
    m_redeemed = *refresh;
    ++m_tokenRequests;
    m_reply = postForm(m_network, m_params.tokenUrl(), *ssl,
                       {{QStringLiteral("client_id"), m_params.clientId.toUtf8()},
                        {QStringLiteral("grant_type"), QByteArrayLiteral("refresh_token")},
                        {QStringLiteral("refresh_token"), *refresh},
                        {QStringLiteral("scope"), m_params.scope().toUtf8()}});
    QNetworkReply* reply = m_reply;
    connect(reply, &QNetworkReply::finished, this, [this, reply, attempt] { finished(reply, attempt); });
}

void DelegatedTokenProvider::finished(QNetworkReply* reply, int attempt)
{
    reply->deleteLater();
    m_reply = nullptr;
    const EntraReply answer = readEntraReply(reply);
    const QByteArray redeemed = std::exchange(m_redeemed, {});
    const QString where = m_params.tokenUrl().toString(QUrl::RemoveQuery);

    if (answer.status == 200 && answer.parsed) {
        Result<DelegatedGrant> grant = parseDelegatedGrant(answer.json);
        if (!grant)
            return deliver(grant.failure());
        if (!grant->refreshToken.isEmpty() && grant->refreshToken != redeemed) {
            // Store the new one at once: a later run (or another process) must start from it.
            const Status stored = storeSignIn(*m_secrets, m_params.tenantUuid, grant->refreshToken, grant->userName);
            if (!stored)
                pv::log::warn(pv::log::Graph, QStringLiteral("the new refresh token could not be stored: %1")
                                                  .arg(stored.error().message));
        }
        m_cached = grant->access;
        pv::log::info(pv::log::Graph, QStringLiteral("signed in as %1 through app %2 (token for %3 s)")
                                          .arg(grant->userName.isEmpty() ? QStringLiteral("the stored user") : grant->userName,
                                               m_params.clientId)
                                          .arg(QDateTime::currentDateTimeUtc().secsTo(grant->access.expiresAt)));
        return deliver(grant->access);
    }

    AttemptOutcome outcome;
    outcome.status = answer.status;
    outcome.transportFailure = answer.status == 0 ? answer.transient : (answer.status == 200);
    outcome.retryAfter = RetryPolicy::parseRetryAfter(reply->rawHeader(QByteArrayLiteral("Retry-After")));
    const RetryDecision decision = m_policy.decide(outcome, attempt, QRandomGenerator::global()->generateDouble());
    if (answer.transient && decision.retry) {
        pv::log::warn(pv::log::Graph, QStringLiteral("token refresh at %1 → %2: retry in %3 ms")
                                          .arg(where, answer.status ? QString::number(answer.status) : answer.transportError)
                                          .arg(decision.delay.count()));
        QTimer::singleShot(decision.delay, Qt::PreciseTimer, this, [this, attempt] { request(attempt + 1); });
        return;
    }
    if (answer.status == 0)
        return deliver(fail(ErrorCode::Network,
                            QStringLiteral("token request to %1 failed: %2").arg(where, answer.transportError)));
    const QString detail = answer.error.isEmpty() ? QStringLiteral("HTTP %1").arg(answer.status)
                                                  : answer.error
            + (answer.description.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(answer.description));
    QString message;
    if (needsThePerson(answer.error))
        message = QStringLiteral("sign in again: policyvault-cli tenant signin %1 — Entra no longer accepts the "
                                 "stored sign-in: %2")
                      .arg(m_params.tenantName, detail);
    else
        message = QStringLiteral("token refresh for app %1 failed: %2").arg(m_params.clientId, detail);
    pv::log::error(pv::log::Graph, message);
    deliver(fail(ErrorCode::Auth, message, answer.status, answer.correlationId));
}

void DelegatedTokenProvider::deliver(const Result<AccessToken>& result)
{
    m_requesting = false;
    const QList<Waiter> waiters = std::exchange(m_waiters, {});
    for (const Waiter& waiter : waiters) {
        if (waiter.context)
            waiter.done(result);
    }
}

} // namespace pv::graph
