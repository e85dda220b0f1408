// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "core/graph/DelegatedTokenProvider.h"

#include "core/logging/Logging.h"
#include "core/secrets/SecretStore.h"

#include <QDir>
#include <QLockFile>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRandomGenerator>
#include <QTimer>

namespace pv::graph {

namespace {

const RetryOptions DefaultRetry{4, std::chrono::milliseconds(1000), std::chrono::milliseconds(10000), 0.25,
                                std::chrono::seconds(60)};
/// A refresh holds the lock for one token request (60 s transfer timeout at most) plus a keychain
/// write; a lock older than this belongs to a process that died holding it.
constexpr int StaleLockMs = 3 * 60 * 1000;
/// How long a refresh waits for another process's; then it goes ahead (the re-read still helps).
constexpr std::chrono::seconds LockWait{90};
constexpr std::chrono::milliseconds LockRetry{50};

// Entra's answers that mean "only the person can fix this": the refresh token was revoked,
// expired by inactivity or redeemed under strict rotation; MFA, Conditional Access or consent.
bool needsThePerson(const QString& error)
{
    return error == QLatin1String("invalid_grant") || error == QLatin1String("interaction_required")
        || error == QLatin1String("consent_required") || error == QLatin1String("login_required");
}

} // namespace

QString refreshLockPath(const QString& directory, const QString& tenantUuid)
{
    return QDir(directory).filePath(QStringLiteral("refresh-%1.lock").arg(tenantUuid));
}

DelegatedTokenProvider::DelegatedTokenProvider(DelegatedSignInParams params, SecretStore* secrets,
                                               QNetworkAccessManager* network, QObject* parent)
    : CachingTokenProvider(parent)
    , m_params(std::move(params))
    , m_secrets(secrets)
    , m_network(network)
    , m_policy(DefaultRetry)
{
    Q_ASSERT(m_secrets && m_network);
}

DelegatedTokenProvider::~DelegatedTokenProvider() = default;

void DelegatedTokenProvider::fetch()
{
    const Result<QSslConfiguration> ssl = sslWithExtraCa(m_params.caCertificatePath);
    if (!ssl)
        return finish(ssl.failure());
    m_ssl = *ssl;
    if (m_params.tokenUrl().isEmpty())
        return finish(fail(ErrorCode::InvalidArgument,
                           QStringLiteral("'%1' is not a directory (tenant) id or domain").arg(m_params.entraTenantId)));
    if (m_params.lockDirectory.isEmpty())
        return request(1, false);
    if (!QDir().mkpath(m_params.lockDirectory))
        return finish(fail(ErrorCode::Io, QStringLiteral("cannot create %1").arg(m_params.lockDirectory)));
    m_lock = std::make_unique<QLockFile>(refreshLockPath(m_params.lockDirectory, m_params.tenantUuid));
    m_lock->setStaleLockTime(StaleLockMs);
    lockThen(QDeadlineTimer(LockWait));
}

void DelegatedTokenProvider::lockThen(QDeadlineTimer deadline)
{
    // tryLock(0) and a timer, not a blocking tryLock: this thread serves other requests meanwhile.
    if (m_lock->tryLock(0))
        return request(1, false);
    if (m_lock->error() == QLockFile::PermissionError || m_lock->error() == QLockFile::UnknownError) {
        pv::log::warn(pv::log::Graph, QStringLiteral("cannot take the refresh lock %1; refreshing without it")
                                          .arg(refreshLockPath(m_params.lockDirectory, m_params.tenantUuid)));
        m_lock.reset();
        return request(1, false);
    }
    if (deadline.hasExpired()) {
        pv::log::warn(pv::log::Graph, QStringLiteral("another process held the refresh lock of %1 for %2 s; refreshing anyway")
                                          .arg(m_params.tenantName).arg(LockWait.count()));
        m_lock.reset();
        return request(1, false);
    }
    QTimer::singleShot(LockRetry, this, [this, deadline] { lockThen(deadline); });
}

void DelegatedTokenProvider::request(int attempt, bool reread)
{
    // Read the keychain for every request, under the lock: another process (the GUI, a CLI
    // sign-in, a parallel run) may have stored a newer refresh token since this one was redeemed.
    Result<QByteArray> refresh = loadRefreshToken(*m_secrets, m_params.tenantUuid, m_params.tenantName);
    if (!refresh)
        return finish(refresh.failure());
    m_redeemed = *refresh;
    QNetworkReply* reply = postForm(m_network, m_params.tokenUrl(), m_ssl,
                                    {{QStringLiteral("client_id"), m_params.clientId.toUtf8()},
                                     {QStringLiteral("grant_type"), QByteArrayLiteral("refresh_token")},
                                     {QStringLiteral("refresh_token"), *refresh},
                                     {QStringLiteral("scope"), m_params.scope().toUtf8()}});
    track(reply);
    connect(reply, &QNetworkReply::finished, this, [this, reply, attempt, reread] { finished(reply, attempt, reread); });
}

void DelegatedTokenProvider::finished(QNetworkReply* reply, int attempt, bool reread)
{
    reply->deleteLater();
    untrack();
    const EntraReply answer = readEntraReply(reply);
    const QByteArray redeemed = std::exchange(m_redeemed, {});
    const QString where = m_params.tokenUrl().toString(QUrl::RemoveQuery);

    if (answer.status == 200 && answer.parsed) {
        Result<DelegatedGrant> grant = parseDelegatedGrant(answer.json);
        if (!grant)
            return finish(grant.failure());
        if (!grant->refreshToken.isEmpty() && grant->refreshToken != redeemed) {
            // Store the new one at once, still under the lock: a later run (or another process)
            // must start from it.
            const Status stored = storeSignIn(*m_secrets, m_params.tenantUuid, grant->refreshToken, grant->userName);
            if (!stored)
                pv::log::warn(pv::log::Graph, QStringLiteral("the new refresh token could not be stored: %1")
                                                  .arg(stored.error().message));
        }
        if (reread)
            ++m_rereads;
        pv::log::info(pv::log::Graph, QStringLiteral("signed in as %1 through app %2 (token for %3 s)")
                                          .arg(grant->userName.isEmpty() ? QStringLiteral("the stored user") : grant->userName,
                                               m_params.clientId)
                                          .arg(QDateTime::currentDateTimeUtc().secsTo(grant->access.expiresAt)));
        return finish(grant->access);
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
        QTimer::singleShot(decision.delay, Qt::PreciseTimer, this,
                           [this, attempt, reread] { request(attempt + 1, reread); });
        return;
    }
    if (answer.status == 0)
        return finish(fail(ErrorCode::Network,
                           QStringLiteral("token request to %1 failed: %2").arg(where, answer.transportError)));
    if (needsThePerson(answer.error) && !reread) {
        // Another process may have rotated the token between our read and Entra's answer (no
        // lock directory, a lock taken over as stale): a newer stored token is worth one try.
        const Result<QByteArray> now = m_secrets->read(SecretStore::key(m_params.tenantUuid, SecretKind::RefreshToken));
        if (now && !now->isEmpty() && *now != redeemed) {
            pv::log::info(pv::log::Graph, QStringLiteral("the refresh was refused, but another process stored a newer "
                                                         "refresh token meanwhile: trying that one"));
            return request(1, true);
        }
    }
    const QString detail = answer.error.isEmpty() ? QStringLiteral("HTTP %1").arg(answer.status)
                                                  : answer.error
            + (answer.description.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(answer.description));
    QString message;
    if (needsThePerson(answer.error))
        message = signInFirstMessage(m_params.tenantName).replace(QStringLiteral("sign in first"), QStringLiteral("sign in again"))
            + QStringLiteral(" — Entra no longer accepts the stored sign-in: %1").arg(detail);
    else
        message = QStringLiteral("token refresh for app %1 failed: %2").arg(m_params.clientId, detail);
    pv::log::error(pv::log::Graph, message);
    finish(fail(ErrorCode::Auth, message, answer.status, answer.correlationId));
}

void DelegatedTokenProvider::finish(const Result<AccessToken>& result)
{
    m_lock.reset();   // unlocks: the new refresh token (if any) is stored by now
    deliver(result);
}

} // namespace pv::graph
