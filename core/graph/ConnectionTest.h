// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

#include "core/graph/ConnectionCheck.h"

#include <QByteArray>
#include <QObject>
#include <QString>

#include <atomic>
#include <chrono>
#include <memory>
#include <optional>

class QThread;

namespace pv {
class SecretStore;
}

namespace pv::graph {

class RequestGovernor;

/// What "Test connection" needs: the tenant profile's fields (TenantRecord's, copied so that
/// core/graph does not depend on the store), and optionally a secret typed into a form.
struct ConnectionTestParams
{
    QString cloud = QStringLiteral("global");   ///< TenantRecord::cloud
    QString graphUrl;                           ///< explicit Graph root, or empty
    QString authorityUrl;                       ///< explicit authority, or empty
    QString entraTenantId;
    QString clientId;
    QString authMethod = QStringLiteral("client_secret");   ///< TenantRecord::authMethod
    QString tenantUuid;                         ///< keys the stored secrets; empty for a tenant not saved yet
    QString tenantName;                         ///< for "sign in first: policyvault-cli tenant signin NAME"
    QString lockDirectory;                      ///< a delegated refresh's lock (the data folder); empty: none
    QString certificatePath;                    ///< PEM or PFX, for "certificate"
    QString caCertificatePath;                  ///< extra CA (PEM) besides the system store
    /// The client secret (or the certificate's password) as typed in a form: used instead of
    /// POLICYVAULT_CLIENT_SECRET and the keychain. Unset: those, as a run would sign in.
    std::optional<QByteArray> secret;
    /// The tenant's governor when the caller has one (shared with its runs); else a private one.
    std::shared_ptr<RequestGovernor> governor;
    /// How long the whole test may take; checks without an answer by then fail.
    std::chrono::milliseconds timeout{std::chrono::seconds(60)};
};

/// Signs in as the tenant's app (or, for device_code and interactive, with the person's stored
/// refresh token — it never prompts) and reads one page of every collection a backup reads
/// (ConnectionCheck::keys()), with the read-only client, reporting each check in plain words:
/// a wrong secret, an expired or unregistered certificate, the wrong cloud, an unknown tenant
/// or app, TLS trouble, and for a 403 the Graph permission the app lacks.
///
/// It runs on its own worker thread with its own QNetworkAccessManager; the signals arrive on
/// this object's thread. Nothing blocks the caller except the destructor, which cancels the
/// test and waits for the worker to drop its requests (at most a keychain read).
class ConnectionTest final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConnectionTest)

public:
    /// `secrets` is read on the worker thread and must outlive this object.
    ConnectionTest(ConnectionTestParams params, SecretStore& secrets, QObject* parent = nullptr);
    ~ConnectionTest() override;

    /// Starts the test; once.
    void start();
    /// Stops it: pending requests end, no further signal is emitted.
    void cancel();
    bool isRunning() const { return m_running; }

signals:
    /// One check ended (in the order of ConnectionCheck::keys()).
    void checkFinished(const pv::graph::ConnectionCheck& check);
    /// Every check ended; exactly once per start() unless cancelled.
    void finished(const pv::graph::ConnectionTestResult& result);

private:
    void stopThread();

    const ConnectionTestParams m_params;
    SecretStore& m_secrets;
    QThread* m_thread = nullptr;
    std::shared_ptr<std::atomic_bool> m_cancelled = std::make_shared<std::atomic_bool>(false);
    bool m_running = false;
};

/// The same, blocking the calling thread until every check ended (the CLI has nothing else
/// to do meanwhile). Never call it on a GUI thread.
ConnectionTestResult runConnectionTest(const ConnectionTestParams& params, SecretStore& secrets);

} // namespace pv::graph
