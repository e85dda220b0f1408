// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

#include "core/common/Result.h"
#include "core/common/TenantScope.h"
#include "core/store/SnapshotRepository.h"

#include <QDateTime>
#include <QList>
#include <QString>

#include <memory>

namespace pv {

class Database;

/// One row of a tenant's policy list: the policy with what a listing shows of its history.
struct PolicySummary
{
    PolicyRecord policy;
    int versionCount = 0;
    qint64 latestVersionId = 0;     ///< 0 when no version was recorded
    QDateTime graphModifiedAt;      ///< Graph's lastModifiedDateTime of the latest capture; invalid when unknown
};

/// Read-only queries over captured content that listings need in one statement (a policy list
/// of 2,000 rows must not cost 2,000 queries). Scoped like SnapshotRepository: another tenant's
/// policy is AccessDenied, an unknown one NotFound.
class PolicyCatalog final
{
public:
    explicit PolicyCatalog(std::shared_ptr<Database> database);

    /// The tenant's policies ordered by type and display name; `typeKey` empty: every type.
    Result<QList<PolicySummary>> list(const TenantScope& scope, const QString& typeKey, bool includeDeleted) const;
    Result<PolicySummary> summary(const TenantScope& scope, qint64 policyId) const;
    /// The snapshots that saw any version of the policy, newest first (their references name the
    /// groups, filters and definitions the policy uses); empty when none saw it.
    Result<QList<qint64>> snapshotsWith(const TenantScope& scope, qint64 policyId) const;
    /// The newest snapshot that holds this very version (its definitions render it); 0 when no
    /// snapshot holds it. Another tenant's version is AccessDenied, an unknown one NotFound.
    Result<qint64> newestSnapshotWithVersion(const TenantScope& scope, qint64 versionId) const;

private:
    std::shared_ptr<Database> m_database;
};

} // namespace pv
