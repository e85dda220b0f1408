// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

#include <QHash>
#include <QList>
#include <QMap>
#include <QString>

namespace pv {

/// How one policy of a snapshot relates to the previous snapshot of its type.
enum class PolicyChange {
    Created,    ///< not in the previous snapshot of its type (or there is none)
    Updated,    ///< in it with another version
    Unchanged,  ///< in it with the same version
};

/// What changed in one type since the previous snapshot that captured that type.
struct TypeChanges
{
    /// The newest earlier finished snapshot of the tenant that captured the type; 0 when this
    /// is the first one (then every policy of the type counts as created).
    qint64 previousSnapshotId = 0;
    qint64 created = 0;
    qint64 updated = 0;
    qint64 unchanged = 0;
    qint64 deleted = 0;
    /// False when absence proves nothing: the type is incomplete in this snapshot (a page did
    /// not arrive) or the snapshot is still being written. `deleted` is then 0.
    bool deletionsCounted = true;
};

/// A policy of the previous snapshot that this one no longer holds.
struct DeletedPolicy
{
    qint64 policyId = 0;
    QString typeKey;
    QString displayName;
    qint64 versionId = 0;   ///< the version the previous snapshot held
};

/// What one snapshot changed relative to its predecessors, per type key.
struct SnapshotChanges
{
    qint64 snapshotId = 0;
    QMap<QString, TypeChanges> byType;          ///< every type the snapshot captured or holds
    QHash<qint64, PolicyChange> changeOfPolicy; ///< policy id → change, for each policy it holds
    QList<DeletedPolicy> deleted;               ///< ordered by type and name

    /// True when no type had an earlier snapshot: everything in it is new.
    bool isFirst() const;
    /// Sum over the types (deletionsCounted is false when it is for any type).
    TypeChanges total() const;
};

} // namespace pv
