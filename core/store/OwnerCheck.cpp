// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "core/store/OwnerCheck.h"

#include "core/store/DbError.h"

#include <QSqlQuery>
#include <QVariant>

namespace pv::db {

Status checkOwner(QSqlDatabase db, const TenantScope& scope, const QString& ownerSql, qint64 id, const QString& what)
{
    QSqlQuery q(db);
    q.setForwardOnly(true);
    q.prepare(ownerSql);
    q.addBindValue(id);
    if (Status s = exec(q, QStringLiteral("looking up %1").arg(what)); !s)
        return s;
    if (!q.next())
        return fail(ErrorCode::NotFound, QStringLiteral("%1 does not exist").arg(what));
    if (q.value(0).toLongLong() != scope.tenantId())
        return fail(ErrorCode::AccessDenied, QStringLiteral("%1 belongs to another tenant").arg(what));
    return {};
}

} // namespace pv::db
