// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

#include "core/runs/Job.h"

#include <QList>

#include <memory>

namespace pv {

class Database;
class RunService;
class SecretStore;

/// What jobs may use; the composition root fills it.
struct JobServices
{
    std::shared_ptr<Database> database;
    SecretStore* secrets = nullptr;
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
