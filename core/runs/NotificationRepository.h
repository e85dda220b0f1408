// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

#include "core/common/Result.h"
#include "core/common/TenantScope.h"
#include "core/runs/RunTypes.h"

#include <QList>
#include <QSqlDatabase>
#include <QString>

namespace pv {

/// SQL for `notifications`. Scoped: another tenant's notification is AccessDenied, an
/// unknown id NotFound. Title and body are redacted before they are stored.
class NotificationRepository final
{
public:
    explicit NotificationRepository(QSqlDatabase db);

    /// `runId` must belong to the scope's tenant (AccessDenied otherwise).
    Result<qint64> insert(const TenantScope& scope, qint64 runId, const QString& kind, const QString& title,
                          const QString& body);
    Result<NotificationRecord> get(const TenantScope& scope, qint64 notificationId) const;
    Result<QList<NotificationRecord>> list(const TenantScope& scope, bool unreadOnly, int limit = 500) const;
    Result<int> unreadCount(const TenantScope& scope) const;
    Status markRead(const TenantScope& scope, qint64 notificationId);
    /// Returns how many were marked.
    Result<int> markAllRead(const TenantScope& scope);

private:
    Status checkAccess(const TenantScope& scope, qint64 notificationId) const;

    QSqlDatabase m_db;
};

} // namespace pv
