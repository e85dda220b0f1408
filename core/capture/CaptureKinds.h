// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

#include "core/capture/BackupJob.h"
#include "core/runs/Job.h"

#include <QList>

namespace pv::capture {

/// The capture kinds: "backup" and "policy.capture_snapshot" (both read-only: allowed on
/// read-only tenants). `hooks` are for tests.
QList<JobKind> kinds(const JobServices& services, CaptureHooks hooks = {});

} // namespace pv::capture
