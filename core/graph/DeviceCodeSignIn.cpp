// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "core/graph/DeviceCodeSignIn.h"

#include "core/logging/Logging.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTimer>

using namespace std::chrono_literals;

namespace pv::graph {

namespace {

// Entra always says 5 s; graphsim's test flag can say 0, which must still not be a busy loop.
constexpr std::chrono::milliseconds MinimumInterval = 200ms;
constexpr std::chrono::milliseconds SlowDownStep = 5s;   // RFC 8628 §3.5

QString entraDetail(const EntraReply& answer)
{
    if (answer.status == 0)
        return answer.transportError;
    if (answer.error.isEmpty())
        return QStringLiteral("HTTP %1").arg(answer.status);
    return answer.error + (answer.description.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(answer.description));
}

} // namespace

DeviceCodeSignIn::DeviceCodeSignIn(DelegatedSignInParams params, SecretStore* secrets, QNetworkAccessManager* network,
                                   QObject* parent)
    : QObject(parent)
    , m_params(std::move(params))
    , m_secrets(secrets)
    , m_network(network)
{
    Q_ASSERT(m_secrets && m_network);
    qRegisterMetaType<DeviceCodePrompt>();
    m_wait = [this](std::chrono::milliseconds delay, std::function<void()> next) {
        QTimer::singleShot(delay, Qt::PreciseTimer, this, std::move(next));
    };
}

DeviceCodeSignIn::~DeviceCodeSignIn()
{
    abortReply();
}

void DeviceCodeSignIn::abortReply()
{
    if (m_reply) {
        m_reply->disconnect(this);
        m_reply->abort();
        m_reply->deleteLater();
        m_reply = nullptr;
    }
}

void DeviceCodeSignIn::start()
{
    if (m_started)
        return;
    m_started = true;
    QTimer::singleShot(0, this, [this] { requestCode(); });
}

void DeviceCodeSignIn::cancel()
{
    if (m_result)
        return;
    abortReply();
    finish(fail(ErrorCode::Cancelled, QStringLiteral("sign-in cancelled")));
}

void DeviceCodeSignIn::requestCode()
{
    if (m_result)
        return;
    Result<QSslConfiguration> ssl = sslWithExtraCa(m_params.caCertificatePath);
    if (!ssl)
        return finish(ssl.failure());
    m_ssl = *ssl;
    const QUrl url = m_params.deviceCodeUrl();
    if (url.isEmpty())
        return finish(fail(ErrorCode::InvalidArgument,
                           QStringLiteral("'%1' is not a directory (tenant) id or domain").arg(m_params.entraTenantId)));
    m_reply = postForm(m_network, url, m_ssl,
                       {{QStringLiteral("client_id"), m_params.clientId.toUtf8()},
                        {QStringLiteral("scope"), m_params.scope().toUtf8()}});
    QNetworkReply* reply = m_reply;
    connect(reply, &QNetworkReply::finished, this, [this, reply] { codeAnswered(reply); });
}

void DeviceCodeSignIn::codeAnswered(QNetworkReply* reply)
{
    reply->deleteLater();
    m_reply = nullptr;
    const EntraReply answer = readEntraReply(reply);
    if (answer.status != 200 || !answer.parsed) {
        const ErrorCode code = answer.status == 0 ? ErrorCode::Network : ErrorCode::Auth;
        return finish(fail(code, QStringLiteral("Entra did not start the device code sign-in for app %1: %2")
                                     .arg(m_params.clientId, entraDetail(answer)),
                           answer.status, answer.correlationId));
    }
    DeviceCodePrompt prompt;
    prompt.userCode = answer.json.value(QStringLiteral("user_code")).toString();
    prompt.verificationUri = QUrl(answer.json.value(QStringLiteral("verification_uri")).toString());
    prompt.expiresInS = answer.json.value(QStringLiteral("expires_in")).toInt();
    prompt.message = answer.json.value(QStringLiteral("message")).toString();
    m_deviceCode = answer.json.value(QStringLiteral("device_code")).toString().toLatin1();
    if (prompt.userCode.isEmpty() || m_deviceCode.isEmpty() || prompt.expiresInS <= 0)
        return finish(fail(ErrorCode::Auth, QStringLiteral("Entra's device code answer has no code")));
    if (prompt.message.isEmpty())
        prompt.message = QStringLiteral("To sign in, use a web browser to open the page %1 and enter the code %2 to "
                                        "authenticate.")
                             .arg(prompt.verificationUri.toString(), prompt.userCode);
    m_interval = std::max(MinimumInterval, std::chrono::milliseconds(
                                               std::chrono::seconds(answer.json.value(QStringLiteral("interval")).toInt(5))));
    m_deadline = QDeadlineTimer(std::chrono::seconds(prompt.expiresInS));
    emit codeReady(prompt);
    schedulePoll();
}

void DeviceCodeSignIn::schedulePoll()
{
    if (m_result)
        return;
    const int generation = m_generation;
    m_wait(m_interval, [this, generation] {
        if (generation == m_generation)
            poll();
    });
}

void DeviceCodeSignIn::poll()
{
    if (m_result)
        return;
    if (m_deadline.hasExpired())
        return finish(fail(ErrorCode::Auth, QStringLiteral("the code expired before the sign-in was finished; "
                                                           "start the sign-in again")));
    ++m_polls;
    m_reply = postForm(m_network, m_params.tokenUrl(), m_ssl,
                       {{QStringLiteral("grant_type"), QByteArrayLiteral("urn:ietf:params:oauth:grant-type:device_code")},
                        {QStringLiteral("client_id"), m_params.clientId.toUtf8()},
                        {QStringLiteral("device_code"), m_deviceCode}});
    QNetworkReply* reply = m_reply;
    connect(reply, &QNetworkReply::finished, this, [this, reply] { pollAnswered(reply); });
}

void DeviceCodeSignIn::pollAnswered(QNetworkReply* reply)
{
    reply->deleteLater();
    m_reply = nullptr;
    const EntraReply answer = readEntraReply(reply);
    if (answer.status == 200 && answer.parsed) {
        Result<DelegatedGrant> grant = parseDelegatedGrant(answer.json);
        if (!grant)
            return finish(grant.failure());
        if (grant->refreshToken.isEmpty())
            return finish(fail(ErrorCode::Auth, QStringLiteral("Entra signed you in but gave no refresh token "
                                                               "(offline_access was not granted to app %1)")
                                                    .arg(m_params.clientId)));
        if (Status stored = storeSignIn(*m_secrets, m_params.tenantUuid, grant->refreshToken, grant->userName); !stored)
            return finish(stored.failure());
        pv::log::info(pv::log::Graph, QStringLiteral("device code sign-in as %1 through app %2 finished")
                                          .arg(grant->userName, m_params.clientId));
        return finish(grant->userName);
    }
    // The person has not answered yet, or a hiccup: keep polling until the code expires.
    if (answer.error == QLatin1String("authorization_pending") || (answer.transient && answer.error.isEmpty()))
        return schedulePoll();
    if (answer.error == QLatin1String("slow_down")) {
        m_interval += SlowDownStep;
        return schedulePoll();
    }
    QString message;
    if (answer.error == QLatin1String("authorization_declined"))
        message = QStringLiteral("the sign-in was declined");
    else if (answer.error == QLatin1String("expired_token"))
        message = QStringLiteral("the code expired before the sign-in was finished; start the sign-in again");
    else if (answer.error == QLatin1String("bad_verification_code"))
        message = QStringLiteral("Entra no longer knows the code; start the sign-in again");
    else
        message = QStringLiteral("device code sign-in for app %1 failed").arg(m_params.clientId);
    finish(fail(ErrorCode::Auth, message + QStringLiteral(": ") + entraDetail(answer), answer.status,
                answer.correlationId));
}

void DeviceCodeSignIn::finish(Result<QString> result)
{
    if (m_result)
        return;
    ++m_generation;
    m_deviceCode.clear();
    if (!result)
        pv::log::warn(pv::log::Graph, QStringLiteral("device code sign-in: %1").arg(result.error().message));
    m_result = std::move(result);
    emit finished();
}

} // namespace pv::graph
