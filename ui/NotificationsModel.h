// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

#include "core/common/TenantScope.h"
#include "core/runs/RunTypes.h"

#include <QAbstractTableModel>
#include <QList>

#include <optional>

namespace pv {
class RunService;
}

namespace pv::ui {

/// A tenant's notifications, newest first; unread rows are bold. Follows
/// RunService::notificationAdded by inserting the new row at the top.
class NotificationsModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(NotificationsModel)

public:
    enum class Column { Title, Message, Time, Count };

    explicit NotificationsModel(RunService& runService, QObject* parent = nullptr);
    ~NotificationsModel() override;

    void setScope(const std::optional<TenantScope>& scope);
    void reload();
    /// Shows one notification, or all, as read at once; the store is written off the GUI
    /// thread (NotificationCentre) and reload() corrects the view if that write fails.
    void markReadLocally(qint64 notificationId);
    void markAllReadLocally();

    const NotificationRecord* record(int row) const;
    int unreadCount() const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

signals:
    void unreadCountChanged(int count);

private:
    void onNotificationAdded(qint64 tenantId, qint64 notificationId);

    RunService& m_runService;
    std::optional<TenantScope> m_scope;
    QList<NotificationRecord> m_notifications;
};

} // namespace pv::ui
