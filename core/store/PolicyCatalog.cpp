// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "core/store/PolicyCatalog.h"

#include "core/store/Database.h"
#include "core/store/DbError.h"
#include "core/store/DbTime.h"
#include "core/store/OwnerCheck.h"

#include <QSqlQuery>
#include <QVariant>

namespace pv {

namespace {

const QString PolicyOwner = QStringLiteral("SELECT tenant_id FROM policies WHERE id = ?");
const QString VersionOwner = QStringLiteral(
    "SELECT p.tenant_id FROM policy_versions v JOIN policies p ON p.id = v.policy_id WHERE v.id = ?");

// The version count and the latest version come from correlated sub-queries over the
// policy_versions primary key, so the listing stays one statement.
const QString SummarySelect = QStringLiteral(
    "SELECT p.id, p.tenant_id, p.graph_id, p.type_key, p.display_name, p.platform, p.first_seen, p.last_seen,"
    " p.deleted_at, p.graph_modified_at,"
    " (SELECT COUNT(*) FROM policy_versions v WHERE v.policy_id = p.id),"
    " (SELECT MAX(v.id) FROM policy_versions v WHERE v.policy_id = p.id)"
    " FROM policies p");

QDateTime parseTime(const QString& text)
{
    // Written by the store (toDbTime) or copied from Graph (ISO 8601, up to 7 fraction digits).
    QDateTime time = fromDbTime(text);
    if (!time.isValid() && !text.isEmpty())
        time = QDateTime::fromString(text, Qt::ISODateWithMs);
    return time;
}

PolicySummary readSummary(const QSqlQuery& q)
{
    PolicySummary s;
    s.policy.id = q.value(0).toLongLong();
    s.policy.tenantId = q.value(1).toLongLong();
    s.policy.graphId = q.value(2).toString();
    s.policy.typeKey = q.value(3).toString();
    s.policy.displayName = q.value(4).toString();
    s.policy.platform = q.value(5).toString();
    s.policy.firstSeen = fromDbTime(q.value(6).toString());
    s.policy.lastSeen = fromDbTime(q.value(7).toString());
    s.policy.deletedAt = fromDbTime(q.value(8).toString());
    s.graphModifiedAt = parseTime(q.value(9).toString());
    s.versionCount = q.value(10).toInt();
    s.latestVersionId = q.value(11).toLongLong();
    return s;
}

} // namespace

PolicyCatalog::PolicyCatalog(std::shared_ptr<Database> database) : m_database(std::move(database)) {}

Result<QList<PolicySummary>> PolicyCatalog::list(const TenantScope& scope, const QString& typeKey,
                                                 bool includeDeleted) const
{
    QSqlQuery q(m_database->connection());
    q.setForwardOnly(true);
    q.prepare(SummarySelect + QStringLiteral(" WHERE p.tenant_id = ?")
              + (typeKey.isEmpty() ? QString() : QStringLiteral(" AND p.type_key = ?"))
              + (includeDeleted ? QString() : QStringLiteral(" AND p.deleted_at IS NULL"))
              + QStringLiteral(" ORDER BY p.type_key, p.display_name, p.id"));
    q.addBindValue(scope.tenantId());
    if (!typeKey.isEmpty())
        q.addBindValue(typeKey);
    if (Status s = db::exec(q, QStringLiteral("listing policies")); !s)
        return s.failure();
    QList<PolicySummary> out;
    while (q.next())
        out.append(readSummary(q));
    return out;
}

Result<PolicySummary> PolicyCatalog::summary(const TenantScope& scope, qint64 policyId) const
{
    QSqlDatabase db = m_database->connection();
    if (Status s = db::checkOwner(db, scope, PolicyOwner, policyId, QStringLiteral("policy %1").arg(policyId)); !s)
        return s.failure();
    QSqlQuery q(db);
    q.setForwardOnly(true);
    q.prepare(SummarySelect + QStringLiteral(" WHERE p.id = ?"));
    q.addBindValue(policyId);
    if (Status s = db::exec(q, QStringLiteral("reading policy %1").arg(policyId)); !s)
        return s.failure();
    if (!q.next())
        return fail(ErrorCode::NotFound, QStringLiteral("policy %1 does not exist").arg(policyId));
    return readSummary(q);
}

Result<QList<qint64>> PolicyCatalog::snapshotsWith(const TenantScope& scope, qint64 policyId) const
{
    QSqlDatabase db = m_database->connection();
    if (Status s = db::checkOwner(db, scope, PolicyOwner, policyId, QStringLiteral("policy %1").arg(policyId)); !s)
        return s.failure();
    QSqlQuery q(db);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT DISTINCT i.snapshot_id FROM snapshot_items i"
                             " JOIN policy_versions v ON v.id = i.policy_version_id WHERE v.policy_id = ?"
                             " ORDER BY i.snapshot_id DESC"));
    q.addBindValue(policyId);
    if (Status s = db::exec(q, QStringLiteral("finding the snapshots of policy %1").arg(policyId)); !s)
        return s.failure();
    QList<qint64> out;
    while (q.next())
        out.append(q.value(0).toLongLong());
    return out;
}

Result<qint64> PolicyCatalog::newestSnapshotWithVersion(const TenantScope& scope, qint64 versionId) const
{
    QSqlDatabase db = m_database->connection();
    if (Status s = db::checkOwner(db, scope, VersionOwner, versionId, QStringLiteral("version %1").arg(versionId)); !s)
        return s.failure();
    QSqlQuery q(db);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT MAX(snapshot_id) FROM snapshot_items WHERE policy_version_id = ?"));
    q.addBindValue(versionId);
    if (Status s = db::exec(q, QStringLiteral("finding the snapshots of version %1").arg(versionId)); !s)
        return s.failure();
    return q.next() ? q.value(0).toLongLong() : qint64(0);   // MAX over no rows is NULL → 0
}

} // namespace pv
