// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

#include "tools/graphsim/server/SimOptions.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <atomic>
#include <memory>

class QThread;
class QTemporaryDir;

namespace graphsim {

/// Credentials of one simulated tenant (from its first app registration).
struct SimTenantCredentials
{
    QString name;
    QString tenantId;
    QString domain;
    QString clientId;
    QString clientSecret;
    QStringList roles;
};

/// graphsim as a library: generates the per-run CA and certificates, builds the world and
/// serves HTTP and HTTPS on 127.0.0.1 from its own QThread, so in-process tests can block on
/// their own event loop while the simulator answers. The executable uses it too.
class SimServer final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SimServer)

public:
    explicit SimServer(const SimOptions& options, QObject* parent = nullptr);
    ~SimServer() override;

    /// Blocks until both listeners are up (or something failed).
    bool start(QString* error = nullptr);
    /// Closes listeners and connections and ends the thread; safe to call twice.
    void stop();
    bool isRunning() const { return m_running; }

    QUrl httpUrl() const { return m_httpUrl; }     ///< e.g. http://127.0.0.1:40123
    QUrl httpsUrl() const { return m_httpsUrl; }   ///< e.g. https://127.0.0.1:40124
    QString stateDir() const { return m_stateDir; }
    QString caCertPath() const { return m_caCertPath; }
    QByteArray caCertPem() const { return m_caCertPem; }
    /// A per-run client certificate registered on each tenant's first app.
    QString clientCertificatePath() const { return m_clientCertPath; }
    QString clientKeyPath() const { return m_clientKeyPath; }
    QByteArray clientCertificatePem() const { return m_clientCertPem; }
    QByteArray clientKeyPem() const { return m_clientKeyPem; }
    QList<SimTenantCredentials> tenants() const { return m_tenants; }
    /// The JSON object graphsim prints as its first stdout line.
    QJsonObject startupInfo() const { return m_startupInfo; }
    /// Milliseconds since the last request was handled (or since start); --idle-exit-s.
    qint64 idleMs() const;

private:
    class Core;

    SimOptions m_options;
    QThread* m_thread = nullptr;
    QObject* m_anchor = nullptr;     ///< lives on m_thread; runs the start/stop lambdas
    Core* m_core = nullptr;          ///< created and destroyed on m_thread
    std::unique_ptr<QTemporaryDir> m_tempDir;
    bool m_running = false;
    QUrl m_httpUrl;
    QUrl m_httpsUrl;
    QString m_stateDir;
    QString m_caCertPath;
    QByteArray m_caCertPem;
    QString m_clientCertPath;
    QString m_clientKeyPath;
    QByteArray m_clientCertPem;
    QByteArray m_clientKeyPem;
    QList<SimTenantCredentials> m_tenants;
    QJsonObject m_startupInfo;
    std::atomic<qint64> m_lastActivityMs{0};   ///< written on the server thread
};

} // namespace graphsim
