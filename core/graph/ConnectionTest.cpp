// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "core/graph/ConnectionTest.h"

#include "core/graph/ClientCertificate.h"
#include "core/graph/ClientCredentialsTokenProvider.h"
#include "core/graph/DelegatedTokenProvider.h"
#include "core/graph/Cloud.h"
#include "core/graph/ReadOnlyGraphClient.h"
#include "core/graph/RequestGovernor.h"
#include "core/logging/Logging.h"
#include "core/secrets/SecretStore.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QNetworkAccessManager>
#include <QPointer>
#include <QSslCertificate>
#include <QThread>
#include <QTimer>

#include <future>

namespace pv::graph {

namespace {

using CheckCallback = std::function<void(ConnectionCheck)>;
using DoneCallback = std::function<void(ConnectionTestResult)>;

/// Lives on the test's worker thread: the network, the token provider and the client are
/// created there and die there (with the thread's end), so nothing crosses threads but values.
class Worker final : public QObject
{
public:
    Worker(ConnectionTestParams params, SecretStore& secrets, std::shared_ptr<std::atomic_bool> cancelled,
           CheckCallback onCheck, DoneCallback onDone)
        : m_params(std::move(params))
        , m_secrets(secrets)
        , m_cancelled(std::move(cancelled))
        , m_onCheck(std::move(onCheck))
        , m_onDone(std::move(onDone))
    {
    }

    void run()
    {
        m_network = new QNetworkAccessManager(this);
        // One deadline for the whole test: Entra or Graph that never answer end as a failed check.
        QTimer::singleShot(m_params.timeout, this, [this] {
            finishRemaining(QStringLiteral("No answer within %1 s.").arg(m_params.timeout.count() / 1000));
        });
        Result<std::shared_ptr<CachingTokenProvider>> tokens = prepareSignIn();
        if (!tokens) {
            report(ConnectionChecks::keys().constFirst(), false, tokens.error().message, tokens.error().requestId);
            return finishRemaining(QStringLiteral("Not tried: sign-in failed."));
        }
        m_tokens = std::move(tokens).value();
        m_tokens->accessToken(this, [this](Result<AccessToken> token) { signedIn(token); });
    }

private:
    /// Everything that can be checked before the network: cloud and URLs, CA file, the secret
    /// or the certificate (readable, password right, not expired).
    Result<std::shared_ptr<CachingTokenProvider>> prepareSignIn()
    {
        const Result<Cloud> cloud = parseCloud(m_params.cloud.isEmpty() ? QStringLiteral("global") : m_params.cloud);
        if (!cloud)
            return cloud.failure();
        Result<GraphEndpoints> endpoints = resolveEndpoints(*cloud, m_params.graphUrl, m_params.authorityUrl);
        if (!endpoints)
            return endpoints.failure();
        m_endpoints = std::move(endpoints).value();

        ClientCredentials credentials;
        credentials.tokenUrl = m_endpoints.tokenUrl(m_params.entraTenantId);
        if (credentials.tokenUrl.isEmpty())
            return fail(ErrorCode::InvalidArgument,
                        QStringLiteral("\"%1\" is not a tenant ID (a GUID) or a domain such as contoso.onmicrosoft.com.")
                            .arg(m_params.entraTenantId));
        if (m_params.clientId.trimmed().isEmpty())
            return fail(ErrorCode::InvalidArgument, QStringLiteral("Enter the application (client) ID of the app registration."));
        credentials.clientId = m_params.clientId.trimmed();
        credentials.scope = m_endpoints.scope;
        credentials.retry = RetryOptions{3, std::chrono::milliseconds(500), std::chrono::milliseconds(4000), 0.25,
                                         std::chrono::seconds(10)};
        if (!m_params.caCertificatePath.isEmpty()) {
            if (!QFileInfo(m_params.caCertificatePath).isFile())
                return fail(ErrorCode::Io, QStringLiteral("The CA file %1 does not exist.").arg(m_params.caCertificatePath));
            if (QSslCertificate::fromPath(m_params.caCertificatePath, QSsl::Pem).isEmpty())
                return fail(ErrorCode::Parse,
                            QStringLiteral("The CA file %1 holds no PEM certificate.").arg(m_params.caCertificatePath));
            credentials.caCertificatePath = m_params.caCertificatePath;
        }

        if (m_params.authMethod == QLatin1String("client_secret")) {
            Result<QByteArray> secret = clientSecret();
            if (!secret)
                return secret.failure();
            credentials.clientSecret = std::move(secret).value();
            m_method = QStringLiteral("the client secret");
        } else if (m_params.authMethod == QLatin1String("certificate")) {
            Result<ClientCertificate> certificate = clientCertificate();
            if (!certificate)
                return certificate.failure();
            const ClientCertificate cert = std::move(certificate).value();
            const QString clientId = credentials.clientId;
            const QUrl tokenUrl = credentials.tokenUrl;
            credentials.assertion = [cert, clientId, tokenUrl] { return cert.assertion(clientId, tokenUrl); };
            m_method = QStringLiteral("the certificate (valid until %1)")
                           .arg(cert.expiresAt().toString(QStringLiteral("yyyy-MM-dd")));
        } else if (m_params.authMethod == QLatin1String("device_code") || m_params.authMethod == QLatin1String("interactive")) {
            return delegatedSignIn();
        } else {
            return fail(ErrorCode::Unsupported, QStringLiteral("Unknown sign-in method \"%1\".").arg(m_params.authMethod));
        }
        return std::shared_ptr<CachingTokenProvider>(
            std::make_shared<ClientCredentialsTokenProvider>(std::move(credentials), m_network));
    }

    bool isDelegated() const
    {
        return m_params.authMethod == QLatin1String("device_code") || m_params.authMethod == QLatin1String("interactive");
    }

    /// A person's sign-in: the stored refresh token (never a prompt: Sign In… does that).
    Result<std::shared_ptr<CachingTokenProvider>> delegatedSignIn()
    {
        const QString name = m_params.tenantName.isEmpty() ? QStringLiteral("NAME") : m_params.tenantName;
        if (m_params.tenantUuid.isEmpty())
            return fail(ErrorCode::Auth, QStringLiteral("Nobody is signed in yet: save the tenant, then sign in first "
                                                        "(Sign In…, or policyvault-cli tenant signin %1).")
                                             .arg(name));
        const Result<QByteArray> refresh = loadRefreshToken(m_secrets, m_params.tenantUuid, name);
        if (!refresh) {
            if (refresh.error().code != ErrorCode::Auth)
                return refresh.failure();
            return fail(ErrorCode::Auth, QStringLiteral("Nobody is signed in to this tenant: sign in first (Sign In…, "
                                                        "or policyvault-cli tenant signin %1).")
                                             .arg(name));
        }
        const Result<QString> user = signedInUser(m_secrets, m_params.tenantUuid);
        m_method = user && !user->isEmpty() ? QStringLiteral("the sign-in of %1").arg(*user)
                                            : QStringLiteral("the stored sign-in");
        m_person = user ? *user : QString();
        DelegatedSignInParams params;
        params.endpoints = m_endpoints;
        params.entraTenantId = m_params.entraTenantId;
        params.clientId = m_params.clientId.trimmed();
        params.tenantUuid = m_params.tenantUuid;
        params.tenantName = name;
        params.caCertificatePath = m_params.caCertificatePath;
        params.lockDirectory = m_params.lockDirectory;
        auto provider = std::make_shared<DelegatedTokenProvider>(std::move(params), &m_secrets, m_network);
        provider->setRetryOptions(RetryOptions{3, std::chrono::milliseconds(500), std::chrono::milliseconds(4000), 0.25,
                                               std::chrono::seconds(10)});
        return std::shared_ptr<CachingTokenProvider>(std::move(provider));
    }

    Result<QByteArray> clientSecret()
    {
        if (m_params.secret) {
            if (m_params.secret->isEmpty())
                return fail(ErrorCode::Auth, QStringLiteral("Enter the client secret."));
            return *m_params.secret;
        }
        if (m_params.tenantUuid.isEmpty() && !qEnvironmentVariableIsSet("POLICYVAULT_CLIENT_SECRET"))
            return fail(ErrorCode::Auth, QStringLiteral("Enter the client secret."));
        return loadClientSecret(m_secrets, m_params.tenantUuid);
    }

    Result<ClientCertificate> clientCertificate()
    {
        const QString& path = m_params.certificatePath;
        if (path.isEmpty())
            return fail(ErrorCode::InvalidArgument, QStringLiteral("Certificate sign-in needs the certificate file (PEM or PFX)."));
        if (!QFileInfo(path).isFile())
            return fail(ErrorCode::Io, QStringLiteral("The certificate file %1 does not exist.").arg(path));
        QByteArray password;
        if (m_params.secret) {
            password = *m_params.secret;
        } else if (!m_params.tenantUuid.isEmpty()) {
            Result<QByteArray> stored = loadCertificatePassword(m_secrets, m_params.tenantUuid);
            if (!stored)
                return stored.failure();
            password = std::move(stored).value();
        }
        Result<ClientCertificate> certificate = ClientCertificate::load(path, password);
        if (!certificate)
            return fail(ErrorCode::Auth, QStringLiteral("The certificate file %1 could not be opened: %2")
                                             .arg(path, certificate.error().message));
        const QDateTime expires = certificate->expiresAt();
        if (expires.isValid() && expires < QDateTime::currentDateTimeUtc())
            return fail(ErrorCode::Auth,
                        QStringLiteral("The certificate expired on %1 (UTC). Create a new one, upload its public part "
                                       "to the app registration and choose the new file here.")
                            .arg(expires.toString(QStringLiteral("yyyy-MM-dd HH:mm"))));
        return certificate;
    }

    void signedIn(const Result<AccessToken>& token)
    {
        if (m_done)
            return;
        if (!token) {
            report(ConnectionChecks::keys().constFirst(), false,
                   ConnectionChecks::explainSignIn(token.error(), m_endpoints.scope, m_params.cloud,
                                                   m_params.entraTenantId, m_params.clientId),
                   token.error().requestId);
            return finishRemaining(QStringLiteral("Not tried: sign-in failed."));
        }
        report(ConnectionChecks::keys().constFirst(), true,
               m_person.isEmpty() && !isDelegated()
                   ? QStringLiteral("Signed in as app %1 with %2.").arg(m_params.clientId.trimmed(), m_method)
                   // The client id is in the form already; a GUID does not wrap.
                   : QStringLiteral("Signed in as %1.").arg(m_person.isEmpty() ? QStringLiteral("the stored user") : m_person),
               {});

        GraphClientOptions options;
        options.endpoints = m_endpoints;
        options.caCertificatePath = m_params.caCertificatePath;
        options.retry = RetryOptions{3, std::chrono::milliseconds(500), std::chrono::milliseconds(4000), 0.25,
                                     std::chrono::seconds(10)};
        options.transferTimeout = std::chrono::seconds(30);
        options.cancelled = m_cancelled;
        std::shared_ptr<RequestGovernor> governor = m_params.governor ? m_params.governor : std::make_shared<RequestGovernor>();
        m_client = std::make_unique<ReadOnlyGraphClient>(options, m_network, m_tokens, std::move(governor));
        readNext();
    }

    void readNext()
    {
        if (m_done)
            return;
        const QStringList& keys = ConnectionChecks::keys();
        if (m_result.checks.size() >= keys.size())
            return finish();
        const QString key = keys.at(m_result.checks.size());
        m_client->get(ConnectionChecks::path(key), [this, key](Result<GraphResponse> response) {
            if (m_done)
                return;
            if (!response) {
                report(key, false, ConnectionChecks::explainRead(key, response.error(), isDelegated() ? m_person : QString(), isDelegated()),
                       response.error().requestId);
            } else {
                const qsizetype count = response->body.value(QStringLiteral("value")).toArray().size();
                const bool more = response->body.contains(QStringLiteral("@odata.nextLink"));
                report(key, true,
                       QStringLiteral("Read %1 on the first page%2.")
                           .arg(count == 1 ? QStringLiteral("1 item") : QStringLiteral("%1 items").arg(count),
                                more ? QStringLiteral(", more pages follow") : QString()),
                       {});
            }
            readNext();
        });
    }

    void report(const QString& key, bool ok, const QString& message, const QString& requestId)
    {
        ConnectionCheck check{key, ConnectionChecks::label(key), ok, message, requestId};
        if (ok)
            pv::log::info(pv::log::Graph, QStringLiteral("connection test: %1: ok").arg(key));
        else
            pv::log::warn(pv::log::Graph, QStringLiteral("connection test: %1: %2").arg(key, message));
        m_result.checks.append(check);
        if (!m_cancelled->load())
            m_onCheck(check);
    }

    /// Every check not reported yet fails with `why`; then the end.
    void finishRemaining(const QString& why)
    {
        if (m_done)
            return;
        const QStringList& keys = ConnectionChecks::keys();
        while (m_result.checks.size() < keys.size())
            report(keys.at(m_result.checks.size()), false, why, {});
        finish();
    }

    void finish()
    {
        if (m_done)
            return;
        m_done = true;
        if (!m_cancelled->load())
            m_onDone(m_result);
        // The thread's end deletes this worker, its client, provider and network (replies aborted).
        QThread::currentThread()->quit();
    }

    const ConnectionTestParams m_params;
    SecretStore& m_secrets;
    std::shared_ptr<std::atomic_bool> m_cancelled;
    CheckCallback m_onCheck;
    DoneCallback m_onDone;
    QNetworkAccessManager* m_network = nullptr;
    GraphEndpoints m_endpoints;
    QString m_method;
    QString m_person;   ///< a delegated sign-in's user, from the keychain
    std::shared_ptr<CachingTokenProvider> m_tokens;
    std::unique_ptr<ReadOnlyGraphClient> m_client;
    ConnectionTestResult m_result;
    bool m_done = false;
};

/// A started thread running `worker`, which it deletes when it ends.
QThread* startWorker(Worker* worker)
{
    auto* thread = new QThread;
    thread->setObjectName(QStringLiteral("ConnectionTest"));
    worker->moveToThread(thread);
    QObject::connect(thread, &QThread::started, worker, [worker] { worker->run(); });
    QObject::connect(thread, &QThread::finished, worker, &QObject::deleteLater);
    thread->start();
    return thread;
}

} // namespace

ConnectionTest::ConnectionTest(ConnectionTestParams params, SecretStore& secrets, QObject* parent)
    : QObject(parent)
    , m_params(std::move(params))
    , m_secrets(secrets)
{
    qRegisterMetaType<pv::graph::ConnectionCheck>();
    qRegisterMetaType<pv::graph::ConnectionTestResult>();
}

ConnectionTest::~ConnectionTest()
{
    cancel();
}

void ConnectionTest::start()
{
    if (m_thread)
        return;
    m_running = true;
    QPointer<ConnectionTest> self(this);
    auto* worker = new Worker(
        m_params, m_secrets, m_cancelled,
        [self](ConnectionCheck check) {
            QMetaObject::invokeMethod(self, [self, check] {
                if (self)
                    emit self->checkFinished(check);
            }, Qt::QueuedConnection);
        },
        [self](ConnectionTestResult result) {
            QMetaObject::invokeMethod(self, [self, result] {
                if (!self)
                    return;
                self->stopThread();
                self->m_running = false;
                emit self->finished(result);
            }, Qt::QueuedConnection);
        });
    m_thread = startWorker(worker);
}

void ConnectionTest::cancel()
{
    m_cancelled->store(true);
    m_running = false;
    stopThread();
}

void ConnectionTest::stopThread()
{
    if (!m_thread)
        return;
    m_thread->quit();
    m_thread->wait();   // the worker has finished or drops its requests at once (replies aborted)
    delete m_thread;
    m_thread = nullptr;
}

ConnectionTestResult runConnectionTest(const ConnectionTestParams& params, SecretStore& secrets)
{
    std::promise<ConnectionTestResult> promise;
    std::future<ConnectionTestResult> future = promise.get_future();
    auto* worker = new Worker(params, secrets, std::make_shared<std::atomic_bool>(false), [](const ConnectionCheck&) {},
                              [&promise](ConnectionTestResult result) { promise.set_value(std::move(result)); });
    QThread* thread = startWorker(worker);
    ConnectionTestResult result = future.get();
    thread->wait();
    delete thread;
    return result;
}

} // namespace pv::graph
