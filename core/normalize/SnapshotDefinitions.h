// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

#include "core/common/Result.h"
#include "core/common/TenantScope.h"
#include "core/normalize/DefinitionLookup.h"
#include "core/normalize/PolicyAssignments.h"
#include "core/normalize/PolicyGeneral.h"
#include "core/normalize/SettingRow.h"

#include <QList>

namespace pv {
class PolicyCatalog;
class SnapshotRepository;
}

namespace pv::normalize {

/// The adapter from the store to the normalizer (library pv_normalize_store, so pv_normalize
/// itself stays free of the database): the setting definitions and configuration categories
/// captured with snapshot `snapshotId` (references of kind "definition" and "category").
/// AccessDenied/NotFound as SnapshotRepository::references reports them.
Result<DefinitionTable> loadSnapshotDefinitions(const SnapshotRepository& snapshots, const TenantScope& scope,
                                                qint64 snapshotId);

/// The snapshot whose definitions render a version: the newest snapshot that holds it, else the
/// tenant's newest snapshot (a version recorded by a lone capture); 0 when the tenant has none.
Result<qint64> renderingSnapshot(const SnapshotRepository& snapshots, const PolicyCatalog& catalog,
                                 const TenantScope& scope, qint64 versionId);

/// The rows of one stored policy version, rendered with the definitions of renderingSnapshot()
/// (no snapshot: every setting renders with its fallback name). The one rendering the CLI and
/// the Policies page share.
Result<QList<SettingRow>> versionRows(const SnapshotRepository& snapshots, const PolicyCatalog& catalog,
                                      const TenantScope& scope, qint64 versionId);

/// The General fields of one stored version, with the template and scope-tag names of
/// renderingSnapshot() (no snapshot: ids only).
Result<PolicyGeneral> versionGeneral(const SnapshotRepository& snapshots, const PolicyCatalog& catalog,
                                     const TenantScope& scope, qint64 versionId);

/// The assignments of one stored version, with the group and filter names of
/// renderingSnapshot() (no snapshot, or a name not captured: ids only).
Result<QList<AssignmentRow>> versionAssignments(const SnapshotRepository& snapshots, const PolicyCatalog& catalog,
                                                const TenantScope& scope, qint64 versionId);

} // namespace pv::normalize
