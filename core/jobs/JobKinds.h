// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

#include "core/graph/RequestGovernor.h"
#include "core/graph/RetryPolicy.h"
#include "core/runs/Job.h"
#include "core/runs/JobServices.h"

#include <QList>

#include <chrono>
#include <functional>
#include <memory>
#include <optional>

namespace pv {

class RunService;

/// The one list of the job kinds PolicyVault ships, and the services they run on. The GUI,
/// the CLI and every worker process make their services with makeServices() and register
/// exactly this list, so a run that one of them started can be resumed, followed and
/// cancelled by any other. Tests register their own test kinds beside it.
namespace JobKinds {

/// How makeServices() builds Graph clients (defaults: Graph's; tests shorten the waits).
struct ServiceOptions
{
    graph::GovernorOptions governor;                  ///< for every tenant's governor
    std::optional<graph::RetryOptions> retry;         ///< empty: the client's defaults
    std::optional<std::chrono::milliseconds> transferTimeout;
    /// JobServices::prepareSimulatedTenant (the demo tenant's graphsim); may be null.
    std::function<Status(const TenantRecord& tenant)> prepareSimulatedTenant;
};

/// The services of this process: `database`, `secrets` (must outlive every run), one
/// GovernorRegistry, and a Graph client factory that reads the tenant's profile (cloud, URLs,
/// CA file, sign-in method; POLICYVAULT_CLIENT_SECRET wins over the keychain).
std::shared_ptr<JobServices> makeServices(std::shared_ptr<Database> database, SecretStore* secrets,
                                          ServiceOptions options = {});

/// Every shipped kind, built for `services`: "backup", "policy.capture_snapshot", "restore" and
/// "restore_preview".
QList<JobKind> all(const JobServices& services);

/// Registers all() with `runs`.
void registerAll(RunService& runs, const JobServices& services);

} // namespace JobKinds
} // namespace pv
