// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

#include "core/runs/Job.h"

#include <QList>

#include <functional>
#include <memory>

class QNetworkAccessManager;

namespace pv {

class Database;
class RunService;
class SecretStore;
class SnapshotWriter;

namespace graph {
class ReadOnlyGraphClient;
class RequestGovernor;
} // namespace graph

/// What jobs may use; the composition root fills it and hands it to RunService (Options::
/// jobServices), which puts it in every JobContext. The Graph slots are functions over
/// forward-declared types so pv_runs does not link pv_graph: the capture jobs (which do) call them.
struct JobServices
{
    std::shared_ptr<Database> database;
    SecretStore* secrets = nullptr;
    /// A read-only Graph client for the tenant, on `network` (the worker thread's own manager,
    /// which must outlive the client), sharing the tenant's governor.
    std::function<std::unique_ptr<graph::ReadOnlyGraphClient>(qint64 tenantId, QNetworkAccessManager* network)>
        graphClient = nullptr;
    /// The tenant's RequestGovernor (GovernorRegistry::forTenant), shared by every job of the tenant.
    std::function<std::shared_ptr<graph::RequestGovernor>(qint64 tenantId)> governor = nullptr;
    /// Writes snapshot rows; jobs use it from their finish hook, inside the run's end transaction.
    std::shared_ptr<SnapshotWriter> snapshots = nullptr;
};

/// The one list of the job kinds PolicyVault ships. The GUI, the CLI and every worker process
/// register exactly this list, so a run that one of them started can be resumed, followed and
/// cancelled by any other. The capture kinds (backup, policy.capture_snapshot) and the restore
/// kinds join it as they land; tests register their own test kinds beside it.
namespace JobKinds {

/// Every shipped kind, built for `services`.
QList<JobKind> all(const JobServices& services);

/// Registers all() with `runs`.
void registerAll(RunService& runs, const JobServices& services);

} // namespace JobKinds
} // namespace pv
