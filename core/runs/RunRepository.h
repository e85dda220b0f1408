// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

#include "core/common/Result.h"
#include "core/common/TenantScope.h"
#include "core/runs/ProcessInfo.h"
#include "core/runs/RunTypes.h"

#include <QJsonObject>
#include <QList>
#include <QSqlDatabase>
#include <QString>

#include <optional>

namespace pv {

/// SQL for the `runs` table. Works on one connection (the caller's thread's); the caller
/// opens the transaction. Every method is scoped: a run of another tenant is AccessDenied,
/// an unknown id NotFound. Error summaries are redacted before they are stored.
class RunRepository final
{
public:
    struct NewRun
    {
        QString kind;
        QString target;
        QString dedupeKey;
        QJsonObject parameters;
        QString initiator;
        qint64 parentRunId = 0;
        ProcessIdentity owner;
        bool writesTenant = false;  ///< at most one such run may be active per tenant
    };

    explicit RunRepository(QSqlDatabase db);

    /// Inserts a queued run. A UNIQUE violation (an equal active run, a second resume child,
    /// or a second active writing run of the tenant) comes back as ErrorCode::Conflict so the
    /// caller can look the winner up.
    Result<qint64> insertQueued(const TenantScope& scope, const NewRun& run);

    Result<RunRecord> get(const TenantScope& scope, qint64 runId) const;
    Result<QList<RunRecord>> list(const TenantScope& scope, const RunFilter& filter) const;
    /// The queued/running run with this dedupe key, if any.
    Result<std::optional<RunRecord>> activeByDedupeKey(const TenantScope& scope, const QString& dedupeKey) const;
    /// The resume child of `parentRunId`, if any.
    Result<std::optional<RunRecord>> childOf(const TenantScope& scope, qint64 parentRunId) const;
    /// Every queued/running run of the tenant.
    Result<QList<RunRecord>> activeRuns(const TenantScope& scope) const;

    /// queued → running; false when the run was no longer queued (cancelled, interrupted).
    Result<bool> markRunning(const TenantScope& scope, qint64 runId, qint64 progressTotal);
    Status setProgress(const TenantScope& scope, qint64 runId, qint64 done);
    /// One more item ended with `outcome` (RunItemRepository::insert calls it in the item's
    /// transaction, so the counters on the row always match the items).
    Status countItem(const TenantScope& scope, qint64 runId, ItemOutcome outcome);
    Status setProgressTotal(const TenantScope& scope, qint64 runId, qint64 total);
    /// queued → cancelled; false when the run was no longer queued (a worker took it).
    Result<bool> cancelQueued(const TenantScope& scope, qint64 runId);
    /// running/queued → a final status; false when the run had already ended.
    Result<bool> finish(const TenantScope& scope, qint64 runId, RunStatus status, const QString& errorSummary);

    /// Asks the process that executes an active run to stop it (cancel across processes);
    /// false when the run had already ended.
    Result<bool> requestCancel(const TenantScope& scope, qint64 runId);
    /// Of `runIds`, those whose cancel was requested. Not scoped: the run queue asks about the
    /// runs it executes.
    static Result<QList<qint64>> cancelRequested(QSqlDatabase db, const QList<qint64>& runIds);
    /// The tenant's read-only flag as its row says now.
    Result<bool> tenantIsReadOnly(const TenantScope& scope) const;
    /// The tenant's queued or running run that writes to it, if any.
    Result<std::optional<RunRecord>> activeWriter(const TenantScope& scope) const;

    /// Parameters as stored: compact JSON with sorted keys, redacted. Two requests are the same
    /// work only when these texts are equal.
    static QString storedParameters(const QJsonObject& parameters);

    /// Tenants that have queued or running runs — the start-up recovery's work list. Not
    /// scoped: it returns only ids, which the caller turns into scopes through AccessGate.
    static Result<QList<qint64>> tenantsWithActiveRuns(QSqlDatabase db);

    /// Active dedupe key of a request: tenant, kind and target.
    static QString dedupeKey(qint64 tenantId, const QString& kind, const QString& target);

    /// NotFound when the run does not exist, AccessDenied when it belongs to another tenant.
    /// The one check every run-scoped repository call makes (run items use it too).
    Status checkAccess(const TenantScope& scope, qint64 runId) const;

private:
    Result<QList<RunRecord>> select(const QString& where, const QVariantList& values, int limit) const;

    QSqlDatabase m_db;
};

} // namespace pv
