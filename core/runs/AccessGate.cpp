// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "core/runs/AccessGate.h"

#include "core/store/Database.h"
#include "core/store/DbError.h"

#include <QSqlQuery>
#include <QVariant>

namespace pv {

AccessGate::AccessGate(std::shared_ptr<Database> database) : m_database(std::move(database)) {}

Result<TenantScope> AccessGate::enter(qint64 tenantId) const
{
    QSqlQuery q(m_database->connection());
    q.prepare(QStringLiteral("SELECT id, read_only FROM tenants WHERE id = ?"));
    q.addBindValue(tenantId);
    if (Status s = db::exec(q, QStringLiteral("look up tenant")); !s)
        return s.failure();
    if (!q.next())
        return fail(ErrorCode::NotFound, QStringLiteral("tenant %1 does not exist").arg(tenantId));
    return TenantScope(q.value(0).toLongLong(), q.value(1).toInt() != 0);
}

Result<TenantScope> AccessGate::enterByName(const QString& tenantName) const
{
    // The name column is COLLATE NOCASE, so "Contoso" finds "contoso".
    QSqlQuery q(m_database->connection());
    q.prepare(QStringLiteral("SELECT id, read_only FROM tenants WHERE name = ?"));
    q.addBindValue(tenantName);
    if (Status s = db::exec(q, QStringLiteral("look up tenant")); !s)
        return s.failure();
    if (!q.next())
        return fail(ErrorCode::NotFound, QStringLiteral("tenant \"%1\" does not exist").arg(tenantName));
    return TenantScope(q.value(0).toLongLong(), q.value(1).toInt() != 0);
}

} // namespace pv
