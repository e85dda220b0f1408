// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "core/graph/ClientCredentialsTokenProvider.h"

#include "core/graph/GraphError.h"
#include "core/logging/Logging.h"
#include "core/secrets/SecretStore.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QRandomGenerator>
#include <QSslCertificate>
#include <QTimer>
#include <QUrlQuery>

#include <algorithm>

namespace pv::graph {

namespace {

QByteArray formField(const char* name, const QByteArray& value)
{
    return QByteArray(name) + '=' + QUrl::toPercentEncoding(QString::fromUtf8(value));
}

} // namespace

ClientCredentialsTokenProvider::ClientCredentialsTokenProvider(ClientCredentials credentials,
                                                               QNetworkAccessManager* network, QObject* parent)
    : CachingTokenProvider(parent)
    , m_credentials(std::move(credentials))
    , m_network(network)
    , m_policy(m_credentials.retry)
    , m_ssl(QSslConfiguration::defaultConfiguration())
{
    Q_ASSERT(m_network);
    if (!m_credentials.caCertificatePath.isEmpty()) {
        const QList<QSslCertificate> extra = QSslCertificate::fromPath(m_credentials.caCertificatePath, QSsl::Pem);
        if (extra.isEmpty())
            m_sslError = QStringLiteral("no PEM certificate could be read from CA file '%1'").arg(m_credentials.caCertificatePath);
        else
            m_ssl.addCaCertificates(extra);
    }
}

ClientCredentialsTokenProvider::~ClientCredentialsTokenProvider() = default;

QString ClientCredentialsTokenProvider::methodName() const
{
    return m_credentials.assertion ? QStringLiteral("the certificate") : QStringLiteral("the client secret");
}

void ClientCredentialsTokenProvider::request(int attempt)
{
    if (!m_sslError.isEmpty())
        return deliver(fail(ErrorCode::InvalidArgument, m_sslError));
    QByteArray form = formField("grant_type", "client_credentials") + '&'
        + formField("client_id", m_credentials.clientId.toUtf8()) + '&'
        + formField("scope", m_credentials.scope.toUtf8()) + '&';
    if (m_credentials.assertion) {
        const Result<QByteArray> assertion = m_credentials.assertion();
        if (!assertion)
            return deliver(assertion.failure());
        form += formField("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer") + '&'
            + formField("client_assertion", *assertion);
    } else {
        if (m_credentials.clientSecret.isEmpty())
            return deliver(fail(ErrorCode::Auth, QStringLiteral("sign-in needs a client secret, and none is set")));
        form += formField("client_secret", m_credentials.clientSecret);
    }
    QNetworkRequest request(m_credentials.tokenUrl);
    request.setSslConfiguration(m_ssl);
    request.setTransferTimeout(60000);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/x-www-form-urlencoded"));
    QNetworkReply* reply = m_network->post(request, form);
    track(reply);
    connect(reply, &QNetworkReply::finished, this, [this, reply, attempt] { finished(reply, attempt); });
}

void ClientCredentialsTokenProvider::finished(QNetworkReply* reply, int attempt)
{
    reply->deleteLater();
    untrack();
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QByteArray body = reply->readAll();
    QJsonParseError parse{};
    const QJsonObject json = QJsonDocument::fromJson(body, &parse).object();
    const QString where = m_credentials.tokenUrl.toString(QUrl::RemoveQuery);

    if (status == 200 && parse.error == QJsonParseError::NoError && reply->error() == QNetworkReply::NoError) {
        const QByteArray token = json.value(QStringLiteral("access_token")).toString().toLatin1();
        const qint64 expiresIn = json.value(QStringLiteral("expires_in")).toInteger(
            json.value(QStringLiteral("expires_in")).toString().toLongLong());
        if (token.isEmpty() || expiresIn <= 0)
            return deliver(fail(ErrorCode::Auth, QStringLiteral("the token endpoint %1 answered without a token").arg(where)));
        AccessToken accessToken{token, QDateTime::currentDateTimeUtc().addSecs(expiresIn)};
        pv::log::info(pv::log::Graph, QStringLiteral("signed in as app %1 with %2 (token for %3 s)")
                                          .arg(m_credentials.clientId, methodName()).arg(expiresIn));
        return deliver(accessToken);
    }

    AttemptOutcome outcome;
    outcome.status = status;
    outcome.transportFailure = (status == 0 && isTransientNetworkError(reply->error()))
        || (status == 200 && parse.error != QJsonParseError::NoError);
    outcome.retryAfter = RetryPolicy::parseRetryAfter(reply->rawHeader(QByteArrayLiteral("Retry-After")));
    const RetryDecision decision = m_policy.decide(outcome, attempt, QRandomGenerator::global()->generateDouble());
    if (decision.retry && (outcome.transportFailure || status >= 429)) {
        pv::log::warn(pv::log::Graph, QStringLiteral("token request to %1 → %2: retry in %3 ms")
                                          .arg(where, status ? QString::number(status) : reply->errorString())
                                          .arg(decision.delay.count()));
        QTimer::singleShot(decision.delay, Qt::PreciseTimer, this, [this, attempt] { request(attempt + 1); });
        return;
    }
    if (status == 0)
        return deliver(fail(ErrorCode::Network, QStringLiteral("token request to %1 failed: %2").arg(where, reply->errorString())));
    // Entra's error shape: {error, error_description: "AADSTSnnn: …", error_codes, trace_id, correlation_id}.
    const QString code = json.value(QStringLiteral("error")).toString();
    const QString description = json.value(QStringLiteral("error_description")).toString().section(QLatin1Char('\n'), 0, 0);
    const QString message = QStringLiteral("sign-in with %1 failed for app %2: %3%4")
                                .arg(methodName(), m_credentials.clientId,
                                     code.isEmpty() ? QStringLiteral("HTTP %1").arg(status) : code,
                                     description.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(description));
    pv::log::error(pv::log::Graph, message);
    deliver(fail(ErrorCode::Auth, message, status, json.value(QStringLiteral("correlation_id")).toString()));
}

Result<QByteArray> loadClientSecret(SecretStore& store, const QString& tenantUuid)
{
    if (qEnvironmentVariableIsSet("POLICYVAULT_CLIENT_SECRET")) {
        const QByteArray secret = qgetenv("POLICYVAULT_CLIENT_SECRET");
        if (secret.isEmpty())
            return fail(ErrorCode::Auth, QStringLiteral("POLICYVAULT_CLIENT_SECRET is set but empty"));
        return secret;
    }
    const QString key = SecretStore::key(tenantUuid, SecretKind::ClientSecret);
    if (key.isEmpty())
        return fail(ErrorCode::InvalidArgument, QStringLiteral("no valid tenant uuid for the client secret"));
    Result<QByteArray> secret = store.read(key);
    if (!secret) {
        if (secret.error().code == ErrorCode::NotFound)
            return fail(ErrorCode::Auth, QStringLiteral("no client secret is stored for this tenant; add one, or set "
                                                        "POLICYVAULT_CLIENT_SECRET"));
        return secret.failure();
    }
    return secret;
}

Result<QByteArray> loadCertificatePassword(SecretStore& store, const QString& tenantUuid)
{
    const QString key = SecretStore::key(tenantUuid, SecretKind::CertificatePassword);
    if (key.isEmpty())
        return fail(ErrorCode::InvalidArgument, QStringLiteral("no valid tenant uuid for the certificate password"));
    Result<QByteArray> password = store.read(key);
    if (!password && password.error().code == ErrorCode::NotFound)
        return QByteArray();
    return password;
}

} // namespace pv::graph
