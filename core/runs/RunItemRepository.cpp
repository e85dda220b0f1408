// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "core/runs/RunItemRepository.h"

#include "core/common/Redactor.h"
#include "core/runs/RunRepository.h"
#include "core/store/DbError.h"
#include "core/store/DbTime.h"

#include <QSqlQuery>
#include <QVariant>

namespace pv {

namespace {

QVariant nullableText(const QString& text)
{
    return text.isEmpty() ? QVariant(QMetaType(QMetaType::QString)) : QVariant(text);
}

} // namespace

RunItemRepository::RunItemRepository(QSqlDatabase db) : m_db(std::move(db)) {}

Status RunItemRepository::checkAccess(const TenantScope& scope, qint64 runId) const
{
    return RunRepository(m_db).checkAccess(scope, runId);
}

Status RunItemRepository::insert(const TenantScope& scope, const RunItemRecord& item)
{
    if (Status s = checkAccess(scope, item.runId); !s)
        return s;
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("INSERT INTO run_items(run_id, ordinal, item_key, display_name, outcome, message,"
                             " request_id, duration_ms, finished_at) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    q.addBindValue(item.runId);
    q.addBindValue(item.ordinal);
    q.addBindValue(item.itemKey);
    const QString displayName = Redactor::redact(item.displayName);
    q.addBindValue(displayName.isNull() ? QStringLiteral("") : displayName);   // NOT NULL column
    q.addBindValue(itemOutcomeName(item.outcome));
    q.addBindValue(nullableText(Redactor::redact(item.message)));
    q.addBindValue(nullableText(item.requestId));
    q.addBindValue(item.durationMs);
    q.addBindValue(item.finishedAt.isValid() ? toDbTime(item.finishedAt) : nowDbTime());
    if (Status s = db::exec(q, QStringLiteral("insert run item")); !s)
        return s;
    return RunRepository(m_db).countItem(scope, item.runId, item.outcome);
}

Result<QList<RunItemRecord>> RunItemRepository::list(const TenantScope& scope, qint64 runId, int afterOrdinal) const
{
    if (Status s = checkAccess(scope, runId); !s)
        return s.failure();
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT ordinal, item_key, display_name, outcome, message, request_id, duration_ms,"
                             " finished_at FROM run_items WHERE run_id = ? AND ordinal > ? ORDER BY ordinal"));
    q.addBindValue(runId);
    q.addBindValue(afterOrdinal);
    if (Status s = db::exec(q, QStringLiteral("read run items")); !s)
        return s.failure();
    QList<RunItemRecord> items;
    while (q.next()) {
        RunItemRecord item;
        item.runId = runId;
        item.ordinal = q.value(0).toInt();
        item.itemKey = q.value(1).toString();
        item.displayName = q.value(2).toString();
        item.outcome = itemOutcomeFromName(q.value(3).toString()).value_or(ItemOutcome::Failed);
        item.message = q.value(4).toString();
        item.requestId = q.value(5).toString();
        item.durationMs = q.value(6).toLongLong();
        item.finishedAt = fromDbTime(q.value(7).toString());
        items.append(item);
    }
    return items;
}

Result<RunItemRepository::Counts> RunItemRepository::counts(const TenantScope& scope, qint64 runId) const
{
    // The counters on the run's row are written in each item's transaction.
    auto run = RunRepository(m_db).get(scope, runId);
    if (!run)
        return run.failure();
    return Counts{run->counts.succeeded(), run->counts.of(ItemOutcome::Failed), run->counts.of(ItemOutcome::Skipped)};
}

Result<QSet<QString>> RunItemRepository::completedKeysInChain(const TenantScope& scope, qint64 runId) const
{
    if (Status s = checkAccess(scope, runId); !s)
        return s.failure();
    // The chain never leaves the tenant (a resume child has its parent's tenant), but the
    // recursive step checks it anyway so a corrupt row cannot leak another tenant's keys.
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral(
        "WITH RECURSIVE chain(id) AS ("
        "  SELECT id FROM runs WHERE id = ? AND tenant_id = ?"
        "  UNION SELECT r.parent_run_id FROM runs r JOIN chain c ON r.id = c.id"
        "  WHERE r.parent_run_id IS NOT NULL AND r.tenant_id = ?)"
        " SELECT DISTINCT i.item_key FROM run_items i JOIN chain c ON i.run_id = c.id"
        " WHERE i.outcome NOT IN ('failed', 'uncertain')"));   // see isRedoneOnResume
    q.addBindValue(runId);
    q.addBindValue(scope.tenantId());
    q.addBindValue(scope.tenantId());
    if (Status s = db::exec(q, QStringLiteral("read completed items")); !s)
        return s.failure();
    QSet<QString> keys;
    while (q.next())
        keys.insert(q.value(0).toString());
    return keys;
}

} // namespace pv
