// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

#include "core/common/Result.h"
#include "core/store/TenantRepository.h"

#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QProcess>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <memory>

namespace pv {
class Database;
class SecretStore;
} // namespace pv

/// graphsim as its own process, as a real Graph is: the benchmark's memory and CPU figures
/// then hold only PolicyVault's work, not the simulator's 2,000-policy model.
class GraphsimProcess final
{
public:
    GraphsimProcess() = default;
    ~GraphsimProcess();
    GraphsimProcess(const GraphsimProcess&) = delete;
    GraphsimProcess& operator=(const GraphsimProcess&) = delete;

    /// Starts `program` with `arguments` and waits for its first stdout line (the JSON that
    /// names its URLs, CA and tenants). False with *error when it did not come.
    bool start(const QString& program, const QStringList& arguments, QString* error);
    /// SIGTERM (graphsim exits cleanly within 2 s), then kill.
    void stop();

    QUrl httpsUrl() const { return m_httpsUrl; }
    QString caCertPath() const { return m_caCert; }
    /// The first tenant's directory id, app id and secret.
    QString tenantId() const { return m_tenantId; }
    QString clientId() const { return m_clientId; }
    QString clientSecret() const { return m_clientSecret; }

    /// Registers graphsim's first tenant as tenant "Bench" of `database` (its URLs and CA) and
    /// stores its app secret in `secrets`: the set-up every benchmark shares.
    pv::Result<pv::TenantRecord> addBenchTenant(const std::shared_ptr<pv::Database>& database,
                                                pv::SecretStore& secrets) const;

    /// GET /_sim/<name> on the plain-HTTP listener (stats, writes); an empty object on failure.
    QJsonObject sim(const QString& name);
    /// POST /_sim/<name> with `body` (mutate, config); an empty object on failure.
    QJsonObject simPost(const QString& name, const QJsonObject& body);

private:
    QProcess m_process;
    QNetworkAccessManager m_network;
    QUrl m_httpUrl;
    QUrl m_httpsUrl;
    QString m_caCert;
    QString m_tenantId;
    QString m_clientId;
    QString m_clientSecret;
};
