// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "core/runs/JobKinds.h"

#include "core/runs/RunService.h"

namespace pv::JobKinds {

QList<JobKind> all(const JobServices& services)
{
    Q_UNUSED(services)
    // No shipped job talks to Graph yet; the capture issue adds "backup" and
    // "policy.capture_snapshot" here.
    return {};
}

void registerAll(RunService& runs, const JobServices& services)
{
    for (JobKind& kind : all(services))
        runs.registerKind(std::move(kind));
}

} // namespace pv::JobKinds
