// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

#include "core/restore/RestoreJob.h"
#include "core/runs/Job.h"

#include <QList>

namespace pv::restore {

/// The live restore kind ("restore", writesToTenant: refused on read-only tenants), built for
/// `services`; `hooks` are for tests.
QList<JobKind> kinds(const JobServices& services, RestoreHooks hooks = {});

} // namespace pv::restore
