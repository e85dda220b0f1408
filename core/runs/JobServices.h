// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

#include "core/common/Result.h"

#include <QtGlobal>

#include <functional>
#include <memory>

class QNetworkAccessManager;

namespace pv {

class Database;
class SecretStore;
struct TenantRecord;

namespace graph {
class GraphWriteClient;
class ReadOnlyGraphClient;
class RequestGovernor;
} // namespace graph

/// What jobs may use; the composition root makes it (JobKinds::makeServices, core/jobs) and
/// hands it to RunService (Options::jobServices), which puts it in every JobContext. The Graph
/// slots are functions over forward-declared types so pv_runs does not link pv_graph: the
/// capture jobs (which do) call them.
struct JobServices
{
    std::shared_ptr<Database> database;
    SecretStore* secrets = nullptr;
    /// A read-only Graph client for the tenant, on `network` (the worker thread's own manager,
    /// which must outlive the client), signed in as the tenant's app and sharing the tenant's
    /// governor. An error says why not (unknown tenant, bad profile, no secret, demo tenant
    /// that could not be started).
    std::function<Result<std::unique_ptr<graph::ReadOnlyGraphClient>>(qint64 tenantId, QNetworkAccessManager* network)>
        graphClient = nullptr;
    /// A Graph client that can write, built like graphClient (same profile, same governor).
    /// Only the live restore (kind `restore`) calls it; capture and preview never do — they keep
    /// getting graphClient, whose type cannot write.
    std::function<Result<std::unique_ptr<graph::GraphWriteClient>>(qint64 tenantId, QNetworkAccessManager* network)>
        graphWriteClient = nullptr;
    /// The tenant's RequestGovernor (GovernorRegistry::forTenant), shared by every job of the tenant.
    std::function<std::shared_ptr<graph::RequestGovernor>(qint64 tenantId)> governor = nullptr;
    /// Called by graphClient before it builds a client for a simulated (demo) tenant: makes
    /// sure its graphsim runs and the tenant's profile points at it. May be null.
    std::function<Status(const TenantRecord& tenant)> prepareSimulatedTenant = nullptr;
};

} // namespace pv
