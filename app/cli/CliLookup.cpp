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
    SnapshotRepository repository(database);
    bool isNumber = false;
    const qint64 id = trimmed.toLongLong(&isNumber);
    if (isNumber && id > 0)
        return repository.policy(scope, id);
    auto policies = repository.listPolicies(scope, true);
    if (!policies)
        return policies.failure();
    for (const PolicyRecord& policy : policies.value()) {
        if (policy.graphId.compare(trimmed, Qt::CaseInsensitive) == 0)
            return policy;
    }
    return fail(ErrorCode::NotFound, QStringLiteral("no policy with id %1 in this tenant").arg(trimmed));
}

Result<qint64> snapshotOfRun(const std::shared_ptr<Database>& database, const TenantScope& scope, qint64 runId)
{
    auto snapshots = SnapshotRepository(database).listSnapshots(scope);
    if (!snapshots)
        return snapshots.failure();
    for (const SnapshotRecord& snapshot : snapshots.value()) {
        if (snapshot.runId == runId)
            return snapshot.id;
    }
    return qint64(0);
}

} // namespace pv::cli::lookup
