// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

#include "core/common/Result.h"
#include "core/common/TenantScope.h"
#include "core/runs/RunTypes.h"

#include <QList>
#include <QSet>
#include <QSqlDatabase>
#include <QString>

namespace pv {

/// SQL for `run_items`: one row per finished item, written right after it finished.
/// Scoped like RunRepository (another tenant's run → AccessDenied, unknown → NotFound);
/// messages are redacted before they are stored.
class RunItemRepository final
{
public:
    struct Counts
    {
        int succeeded = 0;  ///< every outcome that is neither failed nor skipped
        int failed = 0;
        int skipped = 0;
        int total() const { return succeeded + failed + skipped; }
    };

    explicit RunItemRepository(QSqlDatabase db);

    /// Inserts the item's row and counts its outcome on the run's row: call it inside a write
    /// transaction so both land together.
    Status insert(const TenantScope& scope, const RunItemRecord& item);
    /// Items in ordinal order; only those after `afterOrdinal` (-1: all; a view that holds the
    /// items up to n asks for the rest).
    Result<QList<RunItemRecord>> list(const TenantScope& scope, qint64 runId, int afterOrdinal = -1) const;
    Result<Counts> counts(const TenantScope& scope, qint64 runId) const;

    /// Keys that already have an outcome a resume keeps (not failed, not uncertain: see
    /// isRedoneOnResume) in `runId` or any run it resumes, directly or through earlier
    /// resumes: what a resume of `runId` must not redo.
    Result<QSet<QString>> completedKeysInChain(const TenantScope& scope, qint64 runId) const;

private:
    Status checkAccess(const TenantScope& scope, qint64 runId) const;   ///< the run's check

    QSqlDatabase m_db;
};

} // namespace pv
