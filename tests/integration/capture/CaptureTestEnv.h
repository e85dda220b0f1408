// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

// Shared set-up of the capture tests: an in-process graphsim over HTTPS (its per-run CA), a real
// SQLite store with a tenant whose profile points at graphsim, its client secret in an
// in-memory secret store, and a RunService on the services every process makes
// (JobKinds::makeServices) with the shipped kinds registered. Waits are on conditions.

#include "GraphTestEnv.h"

#include "core/capture/BackupJob.h"
#include "core/common/TenantScope.h"
#include "core/jobs/JobKinds.h"
#include "core/runs/RunService.h"
#include "core/secrets/InMemorySecretStore.h"
#include "core/store/SnapshotRepository.h"
#include "tests/testutils/TestDatabase.h"

#include <QJsonArray>
#include <QSet>

#include <memory>
#include <optional>

class CaptureTestEnv
{
public:
    /// `services`: how the services build Graph clients (default: quick retries).
    explicit CaptureTestEnv(graphsim::SimOptions options, pv::capture::CaptureHooks hooks = {},
                            std::optional<pv::JobKinds::ServiceOptions> services = {});
    ~CaptureTestEnv();

    /// Starts graphsim, creates the store and the tenant, starts the run service.
    bool start(QString* error);

    GraphTestEnv& graph() { return m_graph; }
    const std::shared_ptr<pv::Database>& database() const { return m_db.database; }
    QString databasePath() const { return m_db.path; }
    const pv::TenantScope& scope() const { return *m_scope; }
    qint64 tenantId() const { return m_db.tenantId; }
    /// The simulated tenant's name in the store (what `policyvault-cli --tenant` takes).
    static QString tenantName() { return QStringLiteral("Simulated"); }
    pv::RunService& runs() { return *m_runs; }
    pv::SnapshotRepository& snapshots() { return *m_snapshots; }
    pv::InMemorySecretStore& secrets() { return m_secrets; }

    /// Adds a tenant pointing at graphsim's tenant `simIndex`; returns its id (0 on failure).
    qint64 addSimTenant(const QString& name, int simIndex);

    /// Starts `request` and waits until the run ended; the record, or nullopt on timeout/error.
    std::optional<pv::RunRecord> runToEnd(const pv::RunRequest& request, int timeoutMs = 180000);
    std::optional<pv::RunRecord> backup(const QStringList& types = {}, bool full = false);
    std::optional<pv::RunRecord> capturePolicy(qint64 policyId);
    std::optional<pv::RunRecord> waitForEnd(qint64 runId, int timeoutMs = 180000);
    QList<pv::RunItemRecord> items(qint64 runId);

    /// graphsim's configurationPolicies, read page by page by the test's own plain client
    /// (id → object), and its filters and scope tags.
    QHash<QString, QJsonObject> policiesIndependently();
    QJsonArray listIndependently(const QString& path);
    /// Compressed bytes of every blob in the store.
    qint64 blobBytes();
    /// Graph operations (sub-requests included) the tenant's governor admitted so far.
    qint64 graphOperations();

private:
    GraphTestEnv m_graph;
    pv::capture::CaptureHooks m_hooks;
    std::optional<pv::JobKinds::ServiceOptions> m_serviceOptions;
    pv::test::TestDatabase m_db;
    std::optional<pv::TenantScope> m_scope;
    pv::InMemorySecretStore m_secrets;
    std::shared_ptr<pv::JobServices> m_services;
    std::unique_ptr<pv::RunService> m_runs;
    std::unique_ptr<pv::SnapshotRepository> m_snapshots;
};

/// Every settingDefinitionId anywhere in `value` (the test's own walk, not the product's).
QSet<QString> definitionIdsIn(const QJsonValue& value);
