// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "app/cli/CliLookup.h"

#include "core/store/Database.h"

namespace pv::cli::lookup {

Result<PolicyRecord> policy(const std::shared_ptr<Database>& database, const TenantScope& scope, const QString& text)
{
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty())
        return fail(ErrorCode::InvalidArgument, QStringLiteral("a policy id is empty"));
    return SnapshotRepository(database).policyByIdOrGraphId(scope, trimmed);
}

Result<qint64> snapshotOfRun(const std::shared_ptr<Database>& database, const TenantScope& scope, qint64 runId)
{
    auto snapshot = SnapshotRepository(database).snapshotOfRun(scope, runId);
    if (!snapshot && snapshot.error().code == ErrorCode::NotFound)
        return qint64(0);   // a run that ended before it opened its snapshot (or not a backup)
    if (!snapshot)
        return snapshot.failure();
    return snapshot->id;
}

} // namespace pv::cli::lookup
