// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "core/graph/InteractiveSignIn.h"

#include "core/graph/LoopbackRedirectListener.h"
#include "core/logging/Logging.h"
#include "core/secrets/SecretStore.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QUrlQuery>

namespace pv::graph {

namespace {

QString entraDetail(const EntraReply& answer)
{
    if (answer.status == 0)
        return answer.transportError;
    if (answer.error.isEmpty())
        return QStringLiteral("HTTP %1").arg(answer.status);
    return answer.error + (answer.description.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(answer.description));
}

/// What Entra's `error` in the redirect means for the person, in plain words.
QString redirectErrorText(const QString& error, const QString& clientId)
{
    if (error == QLatin1String("access_denied"))
        return QStringLiteral("the sign-in was declined in the browser");
    if (error == QLatin1String("consent_required"))
        return QStringLiteral("app %1 has no consent for the Graph permissions it asks for: an Entra admin must grant "
                              "admin consent to its delegated permissions")
            .arg(clientId);
    if (error == QLatin1String("interaction_required"))
        return QStringLiteral("Entra needs more from you (multi-factor authentication or a Conditional Access "
                              "requirement) than the sign-in page could get");
    return QStringLiteral("Entra refused the sign-in");
}

} // namespace

InteractiveSignIn::InteractiveSignIn(DelegatedSignInParams params, SecretStore* secrets, QNetworkAccessManager* network,
                                     BrowserLauncher browser, QObject* parent)
    : QObject(parent)
    , m_params(std::move(params))
    , m_secrets(secrets)
    , m_network(network)
    , m_browser(std::move(browser))
{
    Q_ASSERT(m_secrets && m_network);
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, [this] {
        finish(fail(ErrorCode::Auth, QStringLiteral("the browser sign-in was not finished within %1 s; start it again")
                                         .arg(std::chrono::duration_cast<std::chrono::seconds>(m_timeout).count())));
    });
}

InteractiveSignIn::~InteractiveSignIn()
{
    if (m_reply) {
        m_reply->disconnect(this);
        m_reply->abort();
        m_reply->deleteLater();
    }
}

void InteractiveSignIn::start()
{
    if (m_started)
        return;
    m_started = true;
    QTimer::singleShot(0, this, [this] {
        Result<QSslConfiguration> ssl = sslWithExtraCa(m_params.caCertificatePath);
        if (!ssl)
            return finish(ssl.failure());
        m_ssl = *ssl;
        const QUrl tokenUrl = m_params.tokenUrl();
        if (tokenUrl.isEmpty())
            return finish(fail(ErrorCode::InvalidArgument,
                               QStringLiteral("'%1' is not a directory (tenant) id or domain").arg(m_params.entraTenantId)));
        m_listener = std::make_unique<LoopbackRedirectListener>(
            m_redirectPath, [this](const QUrlQuery& query) { return redirected(query); });
        if (Status listening = m_listener->listen(); !listening)
            return finish(listening.failure());
        m_redirectUri = m_listener->redirectUri();
        if (!m_pkce)
            m_pkce = makePkce();
        m_state = randomUrlSafe(24);

        // <authority>/<tenant>/oauth2/v2.0/authorize, next to the token endpoint.
        m_authorizeUrl = tokenUrl;
        QString path = m_authorizeUrl.path();
        path.chop(int(qstrlen("token")));
        m_authorizeUrl.setPath(path + QStringLiteral("authorize"));
        QUrlQuery query;
        auto add = [&query](const QString& key, const QString& value) {
            query.addQueryItem(key, QString::fromLatin1(QUrl::toPercentEncoding(value)));
        };
        add(QStringLiteral("client_id"), m_params.clientId);
        add(QStringLiteral("response_type"), QStringLiteral("code"));
        add(QStringLiteral("redirect_uri"), m_redirectUri.toString());
        add(QStringLiteral("response_mode"), QStringLiteral("query"));
        add(QStringLiteral("scope"), m_params.scope());
        add(QStringLiteral("state"), QString::fromLatin1(m_state));
        add(QStringLiteral("code_challenge"), QString::fromLatin1(m_pkce->challenge));
        add(QStringLiteral("code_challenge_method"), QStringLiteral("S256"));
        add(QStringLiteral("prompt"), QStringLiteral("select_account"));
        m_authorizeUrl.setQuery(query);

        m_timer.start(m_timeout);
        const bool opened = m_browser && m_browser(m_authorizeUrl);
        pv::log::info(pv::log::Graph, QStringLiteral("browser sign-in through app %1: waiting on %2 (browser %3)")
                                          .arg(m_params.clientId, m_redirectUri.toString(),
                                               opened ? QStringLiteral("opened") : QStringLiteral("not opened")));
        emit authorizeUrlReady(m_authorizeUrl, opened);
    });
}

void InteractiveSignIn::cancel()
{
    if (m_result)
        return;
    if (m_reply) {
        m_reply->disconnect(this);
        m_reply->abort();
        m_reply->deleteLater();
        m_reply = nullptr;
    }
    finish(fail(ErrorCode::Cancelled, QStringLiteral("sign-in cancelled")));
}

RedirectPage InteractiveSignIn::redirected(const QUrlQuery& query)
{
    auto value = [&query](const char* key) { return query.queryItemValue(QLatin1String(key), QUrl::FullyDecoded); };
    if (m_result)
        return {false, QStringLiteral("Sign-in ended"), QStringLiteral("This sign-in was already ended in PolicyVault.")};
    // The state is checked before anything else in the answer is believed: a page that sent the
    // browser here with its own code must not sign PolicyVault in as someone else.
    if (value("state").toLatin1() != m_state) {
        QTimer::singleShot(0, this, [this] {
            finish(fail(ErrorCode::Auth, QStringLiteral("the browser's answer does not belong to this sign-in (state "
                                                        "mismatch); start the sign-in again")));
        });
        return {false, QStringLiteral("Sign-in failed"),
                QStringLiteral("This answer does not belong to the sign-in PolicyVault started. Start the sign-in again.")};
    }
    const QString error = value("error");
    if (!error.isEmpty()) {
        const QString description = value("error_description").section(QLatin1Char('\n'), 0, 0).trimmed();
        const QString message = redirectErrorText(error, m_params.clientId) + QStringLiteral(": ") + error
            + (description.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(description));
        QTimer::singleShot(0, this, [this, message] { finish(fail(ErrorCode::Auth, message)); });
        return {false, QStringLiteral("Sign-in failed"), message};
    }
    const QString code = value("code");
    if (code.isEmpty()) {
        QTimer::singleShot(0, this, [this] {
            finish(fail(ErrorCode::Auth, QStringLiteral("the browser came back without a code; start the sign-in again")));
        });
        return {false, QStringLiteral("Sign-in failed"), QStringLiteral("Entra sent no code. Start the sign-in again.")};
    }
    QTimer::singleShot(0, this, [this, code] { redeem(code); });
    return {true, QStringLiteral("Signed in"),
            QStringLiteral("You can close this tab and go back to PolicyVault.")};
}

void InteractiveSignIn::redeem(const QString& code)
{
    if (m_result)
        return;
    m_reply = postForm(m_network, m_params.tokenUrl(), m_ssl,
                       {{QStringLiteral("client_id"), m_params.clientId.toUtf8()},
                        {QStringLiteral("grant_type"), QByteArrayLiteral("authorization_code")},
                        {QStringLiteral("code"), code.toUtf8()},
                        {QStringLiteral("redirect_uri"), m_redirectUri.toString().toUtf8()},
                        {QStringLiteral("code_verifier"), m_pkce->verifier},
                        {QStringLiteral("scope"), m_params.scope().toUtf8()}});
    QNetworkReply* reply = m_reply;
    connect(reply, &QNetworkReply::finished, this, [this, reply] { redeemed(reply); });
}

void InteractiveSignIn::redeemed(QNetworkReply* reply)
{
    reply->deleteLater();
    m_reply = nullptr;
    const EntraReply answer = readEntraReply(reply);
    if (answer.status != 200 || !answer.parsed) {
        const ErrorCode code = answer.status == 0 ? ErrorCode::Network : ErrorCode::Auth;
        return finish(fail(code, QStringLiteral("Entra did not accept the browser sign-in's code for app %1: %2")
                                     .arg(m_params.clientId, entraDetail(answer)),
                           answer.status, answer.correlationId));
    }
    Result<DelegatedGrant> grant = parseDelegatedGrant(answer.json);
    if (!grant)
        return finish(grant.failure());
    if (grant->refreshToken.isEmpty())
        return finish(fail(ErrorCode::Auth, QStringLiteral("Entra signed you in but gave no refresh token "
                                                           "(offline_access was not granted to app %1)")
                                                .arg(m_params.clientId)));
    if (Status stored = storeSignIn(*m_secrets, m_params.tenantUuid, grant->refreshToken, grant->userName); !stored)
        return finish(stored.failure());
    pv::log::info(pv::log::Graph, QStringLiteral("browser sign-in as %1 through app %2 finished")
                                      .arg(grant->userName, m_params.clientId));
    finish(grant->userName);
}

void InteractiveSignIn::finish(Result<QString> result)
{
    if (m_result)
        return;
    m_timer.stop();
    if (m_listener)
        m_listener->close();
    // The verifier and state are worthless after the flow, but they need not linger either.
    m_pkce.reset();
    m_state.clear();
    if (!result)
        pv::log::warn(pv::log::Graph, QStringLiteral("browser sign-in: %1").arg(result.error().message));
    m_result = std::move(result);
    emit finished();
}

} // namespace pv::graph
