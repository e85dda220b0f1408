// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "core/runs/RunRepository.h"

#include "core/common/Redactor.h"
#include "core/store/DbError.h"
#include "core/store/DbTime.h"

#include <QJsonDocument>
#include <QStringList>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace pv {

namespace {

// Outcome counters live on the row (n_<outcome>), updated in each item's transaction, so a
// list of runs costs one indexed read per run, not a count over its items.
QString counterColumn(ItemOutcome outcome)
{
    return QStringLiteral("n_") + itemOutcomeName(outcome);
}

QString counterColumns()
{
    QStringList columns;
    for (ItemOutcome outcome : allItemOutcomes())
        columns.append(QStringLiteral("r.") + counterColumn(outcome));
    return columns.join(QStringLiteral(", "));
}

const QString RunColumns = QStringLiteral(
    "r.id, r.tenant_id, r.kind, r.target, r.status, r.parameters, r.progress_done, r.progress_total,"
    " r.created_at, r.started_at, r.finished_at, r.initiator, r.error_summary, r.parent_run_id,"
    " r.owner_pid, r.owner_started_at, r.owner_host, r.writes_tenant, r.cancel_requested_at, ")
    + counterColumns();

RunRecord readRun(const QSqlQuery& q)
{
    RunRecord r;
    r.id = q.value(0).toLongLong();
    r.tenantId = q.value(1).toLongLong();
    r.kind = q.value(2).toString();
    r.target = q.value(3).toString();
    r.status = runStatusFromName(q.value(4).toString()).value_or(RunStatus::Failed);
    r.parameters = QJsonDocument::fromJson(q.value(5).toString().toUtf8()).object();
    r.progressDone = q.value(6).toLongLong();
    r.progressTotal = q.value(7).toLongLong();
    r.createdAt = fromDbTime(q.value(8).toString());
    r.startedAt = fromDbTime(q.value(9).toString());
    r.finishedAt = fromDbTime(q.value(10).toString());
    r.initiator = q.value(11).toString();
    r.errorSummary = q.value(12).toString();
    r.parentRunId = q.value(13).toLongLong();
    r.ownerPid = q.value(14).toLongLong();
    r.ownerStartedAt = q.value(15).toLongLong();
    r.ownerHost = q.value(16).toString();
    r.writesTenant = q.value(17).toLongLong() != 0;
    r.cancelRequestedAt = fromDbTime(q.value(18).toString());
    int column = 19;
    for (ItemOutcome outcome : allItemOutcomes())
        r.counts.add(outcome, q.value(column++).toInt());
    r.succeededCount = r.counts.succeeded();
    r.failedCount = r.counts.of(ItemOutcome::Failed);
    r.skippedCount = r.counts.of(ItemOutcome::Skipped);
    return r;
}

// A null QString binds as SQL NULL; the text columns are NOT NULL with '' meaning "none".
QString notNull(const QString& text)
{
    return text.isNull() ? QStringLiteral("") : text;
}

QString activeStatusList()
{
    return QStringLiteral("('queued','running')");
}

} // namespace

RunRepository::RunRepository(QSqlDatabase db) : m_db(std::move(db)) {}

QString RunRepository::storedParameters(const QJsonObject& parameters)
{
    // QJsonObject keeps its keys sorted, so equal objects give equal text.
    return QString::fromUtf8(Redactor::redact(QJsonDocument(parameters).toJson(QJsonDocument::Compact)));
}

QString RunRepository::dedupeKey(qint64 tenantId, const QString& kind, const QString& target)
{
    // Kinds are identifiers without '|', so the first two separators are unambiguous and the
    // target may contain anything.
    return QString::number(tenantId) + u'|' + kind + u'|' + target;
}

Status RunRepository::checkAccess(const TenantScope& scope, qint64 runId) const
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT tenant_id FROM runs WHERE id = ?"));
    q.addBindValue(runId);
    if (Status s = db::exec(q, QStringLiteral("look up run")); !s)
        return s;
    if (!q.next())
        return fail(ErrorCode::NotFound, QStringLiteral("run %1 does not exist").arg(runId));
    if (q.value(0).toLongLong() != scope.tenantId())
        return fail(ErrorCode::AccessDenied, QStringLiteral("run %1 belongs to another tenant").arg(runId));
    return {};
}

Result<QList<RunRecord>> RunRepository::select(const QString& where, const QVariantList& values, int limit) const
{
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT ") + RunColumns + QStringLiteral(" FROM runs r WHERE ") + where
              + QStringLiteral(" ORDER BY r.id DESC LIMIT ?"));
    for (const QVariant& value : values)
        q.addBindValue(value);
    q.addBindValue(limit > 0 ? limit : -1);
    if (Status s = db::exec(q, QStringLiteral("read runs")); !s)
        return s.failure();
    QList<RunRecord> runs;
    while (q.next())
        runs.append(readRun(q));
    return runs;
}

Result<qint64> RunRepository::insertQueued(const TenantScope& scope, const NewRun& run)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral(
        "INSERT INTO runs(tenant_id, kind, target, status, dedupe_key, parameters, created_at, initiator,"
        " parent_run_id, owner_host, owner_pid, owner_started_at, writes_tenant)"
        " VALUES(?, ?, ?, 'queued', ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    q.addBindValue(scope.tenantId());
    q.addBindValue(notNull(run.kind));
    q.addBindValue(notNull(run.target));
    q.addBindValue(run.dedupeKey);
    // Parameters should hold no secrets, but they are persisted text like any message, so
    // they pass the redactor too (a resume then sees the redacted values, never the secret).
    q.addBindValue(storedParameters(run.parameters));
    q.addBindValue(nowDbTime());
    q.addBindValue(notNull(run.initiator));
    q.addBindValue(run.parentRunId > 0 ? QVariant(run.parentRunId) : QVariant(QMetaType(QMetaType::LongLong)));
    q.addBindValue(run.owner.host);
    q.addBindValue(run.owner.pid);
    q.addBindValue(run.owner.startTime);
    q.addBindValue(run.writesTenant ? 1 : 0);
    if (!q.exec()) {
        // Only the unique indexes mean "someone else won"; NOT NULL, CHECK or a foreign key
        // are plain errors.
        if (db::isConstraintViolation(q.lastError())
            && q.lastError().databaseText().contains(QLatin1String("UNIQUE"), Qt::CaseInsensitive))
            return fail(ErrorCode::Conflict, QStringLiteral("an equal run is already active: %1")
                                                 .arg(q.lastError().databaseText()));
        return db::failure(q.lastError(), QStringLiteral("insert run"));
    }
    return q.lastInsertId().toLongLong();
}

Result<RunRecord> RunRepository::get(const TenantScope& scope, qint64 runId) const
{
    if (Status s = checkAccess(scope, runId); !s)
        return s.failure();
    auto rows = select(QStringLiteral("r.id = ? AND r.tenant_id = ?"), {runId, scope.tenantId()}, 1);
    if (!rows)
        return rows.failure();
    if (rows->isEmpty())
        return fail(ErrorCode::NotFound, QStringLiteral("run %1 does not exist").arg(runId));
    return rows->first();
}

Result<QList<RunRecord>> RunRepository::list(const TenantScope& scope, const RunFilter& filter) const
{
    QString where = QStringLiteral("r.tenant_id = ?");
    QVariantList values{scope.tenantId()};
    if (filter.status) {
        where += QStringLiteral(" AND r.status = ?");
        values.append(runStatusName(*filter.status));
    }
    if (!filter.kind.isEmpty()) {
        where += QStringLiteral(" AND r.kind = ?");
        values.append(filter.kind);
    }
    return select(where, values, filter.limit);
}

Result<std::optional<RunRecord>> RunRepository::activeByDedupeKey(const TenantScope& scope,
                                                                  const QString& dedupeKey) const
{
    auto rows = select(QStringLiteral("r.tenant_id = ? AND r.dedupe_key = ? AND r.status IN ") + activeStatusList(),
                       {scope.tenantId(), dedupeKey}, 1);
    if (!rows)
        return rows.failure();
    if (rows->isEmpty())
        return std::optional<RunRecord>();
    return std::optional<RunRecord>(rows->first());
}

Result<std::optional<RunRecord>> RunRepository::childOf(const TenantScope& scope, qint64 parentRunId) const
{
    auto rows = select(QStringLiteral("r.tenant_id = ? AND r.parent_run_id = ?"), {scope.tenantId(), parentRunId}, 1);
    if (!rows)
        return rows.failure();
    if (rows->isEmpty())
        return std::optional<RunRecord>();
    return std::optional<RunRecord>(rows->first());
}

Result<QList<RunRecord>> RunRepository::activeRuns(const TenantScope& scope) const
{
    return select(QStringLiteral("r.tenant_id = ? AND r.status IN ") + activeStatusList(), {scope.tenantId()}, -1);
}

Result<bool> RunRepository::markRunning(const TenantScope& scope, qint64 runId, qint64 progressTotal)
{
    if (Status s = checkAccess(scope, runId); !s)
        return s.failure();
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("UPDATE runs SET status = 'running', started_at = ?, progress_total = ?,"
                             " progress_done = 0 WHERE id = ? AND status = 'queued'"));
    q.addBindValue(nowDbTime());
    q.addBindValue(progressTotal);
    q.addBindValue(runId);
    if (Status s = db::exec(q, QStringLiteral("mark run running")); !s)
        return s.failure();
    return q.numRowsAffected() == 1;
}

Status RunRepository::setProgress(const TenantScope& scope, qint64 runId, qint64 done)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("UPDATE runs SET progress_done = ? WHERE id = ? AND tenant_id = ?"));
    q.addBindValue(done);
    q.addBindValue(runId);
    q.addBindValue(scope.tenantId());
    if (Status s = db::exec(q, QStringLiteral("update run progress")); !s)
        return s;
    if (q.numRowsAffected() != 1)
        return checkAccess(scope, runId);
    return {};
}

Status RunRepository::countItem(const TenantScope& scope, qint64 runId, ItemOutcome outcome)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("UPDATE runs SET %1 = %1 + 1 WHERE id = ? AND tenant_id = ?").arg(counterColumn(outcome)));
    q.addBindValue(runId);
    q.addBindValue(scope.tenantId());
    if (Status s = db::exec(q, QStringLiteral("count run item")); !s)
        return s;
    if (q.numRowsAffected() != 1)
        return checkAccess(scope, runId);
    return {};
}

Status RunRepository::setProgressTotal(const TenantScope& scope, qint64 runId, qint64 total)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("UPDATE runs SET progress_total = ? WHERE id = ? AND tenant_id = ?"));
    q.addBindValue(total);
    q.addBindValue(runId);
    q.addBindValue(scope.tenantId());
    if (Status s = db::exec(q, QStringLiteral("update run total")); !s)
        return s;
    if (q.numRowsAffected() != 1)
        return checkAccess(scope, runId);
    return {};
}

Result<bool> RunRepository::cancelQueued(const TenantScope& scope, qint64 runId)
{
    if (Status s = checkAccess(scope, runId); !s)
        return s.failure();
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("UPDATE runs SET status = 'cancelled', finished_at = ? WHERE id = ? AND status = 'queued'"));
    q.addBindValue(nowDbTime());
    q.addBindValue(runId);
    if (Status s = db::exec(q, QStringLiteral("cancel queued run")); !s)
        return s.failure();
    return q.numRowsAffected() == 1;
}

Result<bool> RunRepository::finish(const TenantScope& scope, qint64 runId, RunStatus status,
                                   const QString& errorSummary)
{
    if (Status s = checkAccess(scope, runId); !s)
        return s.failure();
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("UPDATE runs SET status = ?, finished_at = ?, error_summary = ?"
                             " WHERE id = ? AND status IN ") + activeStatusList());
    q.addBindValue(runStatusName(status));
    q.addBindValue(nowDbTime());
    q.addBindValue(errorSummary.isEmpty() ? QVariant(QMetaType(QMetaType::QString))
                                          : QVariant(Redactor::redact(errorSummary)));
    q.addBindValue(runId);
    if (Status s = db::exec(q, QStringLiteral("finish run")); !s)
        return s.failure();
    return q.numRowsAffected() == 1;
}

Result<bool> RunRepository::requestCancel(const TenantScope& scope, qint64 runId)
{
    if (Status s = checkAccess(scope, runId); !s)
        return s.failure();
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("UPDATE runs SET cancel_requested_at = COALESCE(cancel_requested_at, ?)"
                             " WHERE id = ? AND status IN ") + activeStatusList());
    q.addBindValue(nowDbTime());
    q.addBindValue(runId);
    if (Status s = db::exec(q, QStringLiteral("request cancel")); !s)
        return s.failure();
    return q.numRowsAffected() == 1;
}

Result<QList<qint64>> RunRepository::cancelRequested(QSqlDatabase db, const QList<qint64>& runIds)
{
    QList<qint64> requested;
    if (runIds.isEmpty())
        return requested;
    QStringList marks;
    for (qsizetype i = 0; i < runIds.size(); ++i)
        marks.append(QStringLiteral("?"));
    QSqlQuery q(db);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT id FROM runs WHERE cancel_requested_at IS NOT NULL AND id IN (%1)")
                  .arg(marks.join(QStringLiteral(","))));
    for (qint64 id : runIds)
        q.addBindValue(id);
    if (Status s = db::exec(q, QStringLiteral("read cancel requests")); !s)
        return s.failure();
    while (q.next())
        requested.append(q.value(0).toLongLong());
    return requested;
}

Result<bool> RunRepository::tenantIsReadOnly(const TenantScope& scope) const
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT read_only FROM tenants WHERE id = ?"));
    q.addBindValue(scope.tenantId());
    if (Status s = db::exec(q, QStringLiteral("read the tenant's read-only flag")); !s)
        return s.failure();
    if (!q.next())
        return fail(ErrorCode::NotFound, QStringLiteral("tenant %1 does not exist").arg(scope.tenantId()));
    return q.value(0).toLongLong() != 0;
}

Result<std::optional<RunRecord>> RunRepository::activeWriter(const TenantScope& scope) const
{
    auto rows = select(QStringLiteral("r.tenant_id = ? AND r.writes_tenant = 1 AND r.status IN ") + activeStatusList(),
                       {scope.tenantId()}, 1);
    if (!rows)
        return rows.failure();
    if (rows->isEmpty())
        return std::optional<RunRecord>();
    return std::optional<RunRecord>(rows->first());
}

Result<QList<qint64>> RunRepository::tenantsWithActiveRuns(QSqlDatabase db)
{
    QSqlQuery q(db);
    q.prepare(QStringLiteral("SELECT DISTINCT tenant_id FROM runs WHERE status IN ") + activeStatusList()
              + QStringLiteral(" ORDER BY tenant_id"));
    if (Status s = db::exec(q, QStringLiteral("find active runs")); !s)
        return s.failure();
    QList<qint64> ids;
    while (q.next())
        ids.append(q.value(0).toLongLong());
    return ids;
}

} // namespace pv
