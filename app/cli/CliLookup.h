// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

#include "core/common/Result.h"
#include "core/common/TenantScope.h"
#include "core/store/SnapshotRepository.h"

#include <memory>

namespace pv {
class Database;
}

/// Look-ups several commands share.
namespace pv::cli::lookup {

/// A policy named by its PolicyVault id (digits) or its Graph id. Another tenant's policy is
/// AccessDenied (exit 4), an unknown one NotFound.
Result<PolicyRecord> policy(const std::shared_ptr<Database>& database, const TenantScope& scope, const QString& text);

/// The snapshot a backup run wrote (for a resumed run: its chain root's), or 0 when none.
Result<qint64> snapshotOfRun(const std::shared_ptr<Database>& database, const TenantScope& scope, qint64 runId);

} // namespace pv::cli::lookup
