// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

#include "core/common/Result.h"
#include "core/common/TenantScope.h"
#include "core/runs/Job.h"

#include <QJsonObject>
#include <QString>

namespace pv {
class SnapshotRepository;
}

namespace pv::capture {

/// One captured object's item result and the version that now holds it.
struct RecordedItem
{
    ItemResult item;
    qint64 versionId = 0;   ///< 0 unless created, updated or unchanged
    /// Graph answered 404: the object was deleted after it was listed. Its item fails (the run
    /// did not capture all it set out to), but its type stays complete: nothing exists that
    /// the snapshot lacks.
    bool deletedInTenant = false;
};

/// Turns what Graph returned for one object into its item: a 404 (deleted after it was listed)
/// fails with that reason and deletedInTenant set; any other failure, or a setting PolicyVault does not understand, fails with the
/// reason and Graph's request-id and records nothing; otherwise the version is recorded
/// (created / updated / unchanged) together with Graph's lastModifiedDateTime.
RecordedItem recordObject(SnapshotRepository& repo, const TenantScope& scope, qint64 runId, const QString& typeKey,
                          const QString& graphId, const QString& displayName, const QString& listedModifiedAt,
                          const Result<QJsonObject>& object);

} // namespace pv::capture
