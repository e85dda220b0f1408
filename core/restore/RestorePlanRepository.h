// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

#include "core/common/Result.h"
#include "core/common/TenantScope.h"
#include "core/restore/RestorePlan.h"

#include <QList>
#include <QSqlDatabase>

namespace pv::restore {

/// The stored text of a plan item's diff: compact JSON, through the Redactor.
QString storedDiffText(const QJsonObject& diff);

/// Stored plans. Every call is scoped: a plan of another tenant is AccessDenied (not NotFound),
/// on every method. Works on the caller's connection, so the preview's finish hook can store
/// the plan in the transaction that ends its run.
class RestorePlanRepository final
{
public:
    explicit RestorePlanRepository(QSqlDatabase db);

    /// Creates the plan header of preview run `plan.runId` (of scope's tenant), or replaces its
    /// items when it exists (a resumed preview stores the whole plan again).
    Status save(const TenantScope& scope, const RestorePlan& plan, const QList<PlanItem>& items);

    /// The header; NotFound when the run stored no plan, AccessDenied for another tenant's run.
    Result<RestorePlan> plan(const TenantScope& scope, qint64 planRunId) const;
    /// Every item, in ordinal order.
    Result<QList<PlanItem>> items(const TenantScope& scope, qint64 planRunId) const;

    /// Records that the live restore chain starting at `executionRunId` executes the plan.
    /// Succeeds when the plan is not executed yet or already by that chain (a resume); Conflict
    /// naming the run when another run executed it (each plan executes at most once).
    Status claimExecution(const TenantScope& scope, qint64 planRunId, qint64 executionRunId);

private:
    Status checkAccess(const TenantScope& scope, qint64 planRunId) const;

    QSqlDatabase m_db;
};

} // namespace pv::restore
