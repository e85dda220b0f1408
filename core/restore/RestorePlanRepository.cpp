// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "core/restore/RestorePlanRepository.h"

#include "core/common/CanonicalJson.h"
#include "core/common/Redactor.h"
#include "core/runs/RunRepository.h"
#include "core/store/DbError.h"
#include "core/store/DbTime.h"

#include <QJsonDocument>
#include <QSqlQuery>
#include <QVariant>

namespace pv::restore {

namespace {

QVariant nullableId(qint64 id)
{
    return id > 0 ? QVariant(id) : QVariant(QMetaType::fromType<qint64>());
}

QJsonObject parseObject(const QString& text)
{
    return QJsonDocument::fromJson(text.toUtf8()).object();
}

QString compact(const QJsonObject& object)
{
    return QString::fromUtf8(canonicalSerialize(object));
}

} // namespace

QString storedDiffText(const QJsonObject& diff)
{
    return Redactor::redact(compact(diff));
}

RestorePlanRepository::RestorePlanRepository(QSqlDatabase db) : m_db(std::move(db)) {}

Status RestorePlanRepository::checkAccess(const TenantScope& scope, qint64 planRunId) const
{
    return RunRepository(m_db).checkAccess(scope, planRunId);
}

Status RestorePlanRepository::save(const TenantScope& scope, const RestorePlan& plan, const QList<PlanItem>& items)
{
    if (Status s = checkAccess(scope, plan.runId); !s)
        return s;
    QSqlQuery header(m_db);
    header.prepare(QStringLiteral("INSERT INTO restore_plans(run_id, tenant_id, snapshot_id, options, created_at)"
                                  " VALUES(?, ?, ?, ?, ?) ON CONFLICT(run_id) DO UPDATE SET options = excluded.options"));
    header.addBindValue(plan.runId);
    header.addBindValue(scope.tenantId());
    header.addBindValue(nullableId(plan.snapshotId));
    header.addBindValue(compact(plan.options));
    header.addBindValue(plan.createdAt.isValid() ? toDbTime(plan.createdAt) : nowDbTime());
    if (Status s = db::exec(header, QStringLiteral("storing the restore plan of run %1").arg(plan.runId)); !s)
        return s;
    QSqlQuery clear(m_db);
    clear.prepare(QStringLiteral("DELETE FROM restore_plan_items WHERE run_id = ?"));
    clear.addBindValue(plan.runId);
    if (Status s = db::exec(clear, QStringLiteral("replacing the items of restore plan %1").arg(plan.runId)); !s)
        return s;
    QSqlQuery insert(m_db);
    insert.prepare(QStringLiteral("INSERT INTO restore_plan_items(run_id, ordinal, item_key, tier, type_key, policy_id,"
                                  " policy_version_id, graph_id, live_graph_id, name, action, reason, diff,"
                                  " live_fingerprint) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    for (const PlanItem& item : items) {
        insert.addBindValue(plan.runId);
        insert.addBindValue(item.ordinal);
        insert.addBindValue(item.itemKey);
        insert.addBindValue(static_cast<int>(item.tier));
        insert.addBindValue(item.typeKey);
        insert.addBindValue(nullableId(item.policyId));
        insert.addBindValue(nullableId(item.policyVersionId));
        insert.addBindValue(db::nonNull(item.graphId));
        insert.addBindValue(db::nonNull(item.liveGraphId));
        insert.addBindValue(db::nonNull(item.name));
        insert.addBindValue(planActionName(item.action));
        const QString reason = Redactor::redact(item.reason);
        insert.addBindValue(reason.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(reason));
        // Diffs carry setting values: the redactor sees them like any message (secrets are
        // never in them — "(secret)" is — but a value that looks like a credential is masked).
        insert.addBindValue(item.storedDiff.isEmpty() ? storedDiffText(item.diff) : item.storedDiff);
        insert.addBindValue(db::nonNull(item.liveFingerprint));
        if (Status s = db::exec(insert, QStringLiteral("storing item %1 of restore plan %2").arg(item.itemKey).arg(plan.runId));
            !s)
            return s;
    }
    return {};
}

Result<RestorePlan> RestorePlanRepository::plan(const TenantScope& scope, qint64 planRunId) const
{
    if (Status s = checkAccess(scope, planRunId); !s)
        return s.failure();
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT tenant_id, snapshot_id, options, created_at, executed_by_run_id"
                             " FROM restore_plans WHERE run_id = ? AND tenant_id = ?"));
    q.addBindValue(planRunId);
    q.addBindValue(scope.tenantId());
    if (Status s = db::exec(q, QStringLiteral("reading restore plan %1").arg(planRunId)); !s)
        return s.failure();
    if (!q.next())
        return fail(ErrorCode::NotFound, QStringLiteral("run %1 stored no restore plan").arg(planRunId));
    RestorePlan plan;
    plan.runId = planRunId;
    plan.tenantId = q.value(0).toLongLong();
    plan.snapshotId = q.value(1).toLongLong();
    plan.options = parseObject(q.value(2).toString());
    plan.createdAt = fromDbTime(q.value(3).toString());
    plan.executedByRunId = q.value(4).toLongLong();
    return plan;
}

Result<QList<PlanItem>> RestorePlanRepository::items(const TenantScope& scope, qint64 planRunId) const
{
    if (Status s = checkAccess(scope, planRunId); !s)
        return s.failure();
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT i.ordinal, i.item_key, i.tier, i.type_key, i.policy_id, i.policy_version_id,"
                             " i.graph_id, i.live_graph_id, i.name, i.action, i.reason, i.diff, i.live_fingerprint"
                             " FROM restore_plan_items i JOIN restore_plans p ON p.run_id = i.run_id"
                             " WHERE i.run_id = ? AND p.tenant_id = ? ORDER BY i.ordinal"));
    q.addBindValue(planRunId);
    q.addBindValue(scope.tenantId());
    if (Status s = db::exec(q, QStringLiteral("reading the items of restore plan %1").arg(planRunId)); !s)
        return s.failure();
    QList<PlanItem> items;
    while (q.next()) {
        PlanItem item;
        item.ordinal = q.value(0).toInt();
        item.itemKey = q.value(1).toString();
        item.tier = static_cast<Tier>(q.value(2).toInt());
        item.typeKey = q.value(3).toString();
        item.policyId = q.value(4).toLongLong();
        item.policyVersionId = q.value(5).toLongLong();
        item.graphId = q.value(6).toString();
        item.liveGraphId = q.value(7).toString();
        item.name = q.value(8).toString();
        const auto action = planActionFromName(q.value(9).toString());
        if (!action)
            return fail(ErrorCode::Database, QStringLiteral("restore plan %1 has an item with an unknown action '%2'")
                                                 .arg(planRunId)
                                                 .arg(q.value(9).toString()));
        item.action = *action;
        item.reason = q.value(10).toString();
        item.diff = parseObject(q.value(11).toString());
        item.liveFingerprint = q.value(12).toString();
        items.append(item);
    }
    return items;
}

Status RestorePlanRepository::claimExecution(const TenantScope& scope, qint64 planRunId, qint64 executionRunId)
{
    auto current = plan(scope, planRunId);
    if (!current)
        return current.failure();
    if (current->executedByRunId == executionRunId)
        return {};
    if (current->executedByRunId > 0)
        return fail(ErrorCode::Conflict, QStringLiteral("restore plan %1 was already executed by run %2; resume that run"
                                                        " instead")
                                             .arg(planRunId)
                                             .arg(current->executedByRunId));
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("UPDATE restore_plans SET executed_by_run_id = ? WHERE run_id = ? AND tenant_id = ?"
                             " AND executed_by_run_id IS NULL"));
    q.addBindValue(executionRunId);
    q.addBindValue(planRunId);
    q.addBindValue(scope.tenantId());
    if (Status s = db::exec(q, QStringLiteral("claiming restore plan %1").arg(planRunId)); !s)
        return s;
    if (q.numRowsAffected() != 1)
        return fail(ErrorCode::Conflict, QStringLiteral("restore plan %1 was claimed by another run meanwhile").arg(planRunId));
    return {};
}

} // namespace pv::restore
