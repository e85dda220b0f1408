// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "core/runs/NotificationRepository.h"

#include "core/common/Redactor.h"
#include "core/store/DbError.h"
#include "core/store/DbTime.h"

#include <QSqlQuery>
#include <QVariant>

namespace pv {

namespace {

const QString NotificationColumns =
    QStringLiteral("id, tenant_id, run_id, kind, title, body, created_at, read_at");

NotificationRecord readNotification(const QSqlQuery& q)
{
    NotificationRecord n;
    n.id = q.value(0).toLongLong();
    n.tenantId = q.value(1).toLongLong();
    n.runId = q.value(2).toLongLong();
    n.kind = q.value(3).toString();
    n.title = q.value(4).toString();
    n.body = q.value(5).toString();
    n.createdAt = fromDbTime(q.value(6).toString());
    n.readAt = fromDbTime(q.value(7).toString());
    return n;
}

} // namespace

NotificationRepository::NotificationRepository(QSqlDatabase db) : m_db(std::move(db)) {}

Status NotificationRepository::checkAccess(const TenantScope& scope, qint64 notificationId) const
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT tenant_id FROM notifications WHERE id = ?"));
    q.addBindValue(notificationId);
    if (Status s = db::exec(q, QStringLiteral("look up notification")); !s)
        return s;
    if (!q.next())
        return fail(ErrorCode::NotFound, QStringLiteral("notification %1 does not exist").arg(notificationId));
    if (q.value(0).toLongLong() != scope.tenantId())
        return fail(ErrorCode::AccessDenied,
                    QStringLiteral("notification %1 belongs to another tenant").arg(notificationId));
    return {};
}

Result<qint64> NotificationRepository::insert(const TenantScope& scope, qint64 runId, const QString& kind,
                                              const QString& title, const QString& body)
{
    QSqlQuery check(m_db);
    check.prepare(QStringLiteral("SELECT tenant_id FROM runs WHERE id = ?"));
    check.addBindValue(runId);
    if (Status s = db::exec(check, QStringLiteral("look up run")); !s)
        return s.failure();
    if (!check.next())
        return fail(ErrorCode::NotFound, QStringLiteral("run %1 does not exist").arg(runId));
    if (check.value(0).toLongLong() != scope.tenantId())
        return fail(ErrorCode::AccessDenied, QStringLiteral("run %1 belongs to another tenant").arg(runId));

    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("INSERT INTO notifications(tenant_id, run_id, kind, title, body, created_at)"
                             " VALUES(?, ?, ?, ?, ?, ?)"));
    q.addBindValue(scope.tenantId());
    q.addBindValue(runId);
    q.addBindValue(kind);
    q.addBindValue(Redactor::redact(title));
    q.addBindValue(Redactor::redact(body));
    q.addBindValue(nowDbTime());
    if (Status s = db::exec(q, QStringLiteral("insert notification")); !s)
        return s.failure();
    return q.lastInsertId().toLongLong();
}

Result<NotificationRecord> NotificationRepository::get(const TenantScope& scope, qint64 notificationId) const
{
    if (Status s = checkAccess(scope, notificationId); !s)
        return s.failure();
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT ") + NotificationColumns
              + QStringLiteral(" FROM notifications WHERE id = ? AND tenant_id = ?"));
    q.addBindValue(notificationId);
    q.addBindValue(scope.tenantId());
    if (Status s = db::exec(q, QStringLiteral("read notification")); !s)
        return s.failure();
    if (!q.next())
        return fail(ErrorCode::NotFound, QStringLiteral("notification %1 does not exist").arg(notificationId));
    return readNotification(q);
}

Result<QList<NotificationRecord>> NotificationRepository::list(const TenantScope& scope, bool unreadOnly,
                                                               int limit) const
{
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT ") + NotificationColumns + QStringLiteral(" FROM notifications WHERE tenant_id = ?")
              + (unreadOnly ? QStringLiteral(" AND read_at IS NULL") : QString())
              + QStringLiteral(" ORDER BY id DESC LIMIT ?"));
    q.addBindValue(scope.tenantId());
    q.addBindValue(limit > 0 ? limit : -1);
    if (Status s = db::exec(q, QStringLiteral("read notifications")); !s)
        return s.failure();
    QList<NotificationRecord> list;
    while (q.next())
        list.append(readNotification(q));
    return list;
}

Result<int> NotificationRepository::unreadCount(const TenantScope& scope) const
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT COUNT(*) FROM notifications WHERE tenant_id = ? AND read_at IS NULL"));
    q.addBindValue(scope.tenantId());
    if (Status s = db::exec(q, QStringLiteral("count notifications")); !s)
        return s.failure();
    return q.next() ? q.value(0).toInt() : 0;
}

Status NotificationRepository::markRead(const TenantScope& scope, qint64 notificationId)
{
    if (Status s = checkAccess(scope, notificationId); !s)
        return s;
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("UPDATE notifications SET read_at = ? WHERE id = ? AND tenant_id = ? AND read_at IS NULL"));
    q.addBindValue(nowDbTime());
    q.addBindValue(notificationId);
    q.addBindValue(scope.tenantId());
    return db::exec(q, QStringLiteral("mark notification read"));
}

Result<int> NotificationRepository::markAllRead(const TenantScope& scope)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("UPDATE notifications SET read_at = ? WHERE tenant_id = ? AND read_at IS NULL"));
    q.addBindValue(nowDbTime());
    q.addBindValue(scope.tenantId());
    if (Status s = db::exec(q, QStringLiteral("mark notifications read")); !s)
        return s.failure();
    return q.numRowsAffected();
}

} // namespace pv
