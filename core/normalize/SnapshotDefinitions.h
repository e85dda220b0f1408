// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

#include "core/common/Result.h"
#include "core/common/TenantScope.h"
#include "core/normalize/DefinitionLookup.h"

namespace pv {
class SnapshotRepository;
}

namespace pv::normalize {

/// The adapter from the store to the normalizer (library pv_normalize_store, so pv_normalize
/// itself stays free of the database): the setting definitions and configuration categories
/// captured with snapshot `snapshotId` (references of kind "definition" and "category").
/// AccessDenied/NotFound as SnapshotRepository::references reports them.
Result<DefinitionTable> loadSnapshotDefinitions(const SnapshotRepository& snapshots, const TenantScope& scope,
                                                qint64 snapshotId);

} // namespace pv::normalize
