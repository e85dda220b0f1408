// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "ui/NotificationsModel.h"

#include "core/runs/RunService.h"
#include "ui/ModelRoles.h"
#include "ui/UiFormat.h"
#include "ui/UiLog.h"

#include <QFont>

#include <algorithm>

namespace pv::ui {

NotificationsModel::NotificationsModel(RunService& runService, QObject* parent)
    : QAbstractTableModel(parent)
    , m_runService(runService)
{
    connect(&m_runService, &RunService::notificationAdded, this, &NotificationsModel::onNotificationAdded);
}

NotificationsModel::~NotificationsModel() = default;

void NotificationsModel::setScope(const std::optional<TenantScope>& scope)
{
    m_scope = scope;
    reload();
}

void NotificationsModel::reload()
{
    QList<NotificationRecord> notifications;
    if (m_scope) {
        auto result = m_runService.notifications(*m_scope);
        if (result)
            notifications = std::move(result).value();
    }
    std::stable_sort(notifications.begin(), notifications.end(),
                     [](const NotificationRecord& a, const NotificationRecord& b) { return a.id > b.id; });
    beginResetModel();
    m_notifications = std::move(notifications);
    endResetModel();
    emit unreadCountChanged(unreadCount());
}

void NotificationsModel::markReadLocally(qint64 notificationId)
{
    for (int row = 0; row < m_notifications.size(); ++row) {
        NotificationRecord& notification = m_notifications[row];
        if (notification.id != notificationId)
            continue;
        if (!notification.readAt.isValid()) {
            notification.readAt = QDateTime::currentDateTimeUtc();
            emit dataChanged(index(row, 0), index(row, columnCount() - 1));
            emit unreadCountChanged(unreadCount());
        }
        return;
    }
}

void NotificationsModel::markAllReadLocally()
{
    if (m_notifications.isEmpty())
        return;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    for (NotificationRecord& notification : m_notifications) {
        if (!notification.readAt.isValid())
            notification.readAt = now;
    }
    emit dataChanged(index(0, 0), index(rowCount() - 1, columnCount() - 1));
    emit unreadCountChanged(0);
}

const NotificationRecord* NotificationsModel::record(int row) const
{
    return row >= 0 && row < m_notifications.size() ? &m_notifications.at(row) : nullptr;
}

int NotificationsModel::unreadCount() const
{
    return int(std::count_if(m_notifications.cbegin(), m_notifications.cend(),
                             [](const NotificationRecord& n) { return !n.readAt.isValid(); }));
}

int NotificationsModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_notifications.size());
}

int NotificationsModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(Column::Count);
}

QVariant NotificationsModel::data(const QModelIndex& index, int role) const
{
    Q_ASSERT(checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid));
    const NotificationRecord& notification = m_notifications.at(index.row());
    const bool unread = !notification.readAt.isValid();
    if (role == IdRole)
        return notification.id;
    if (role == UnreadRole)
        return unread;
    if (role == Qt::FontRole && unread) {
        QFont font;
        font.setBold(true);
        return font;
    }

    switch (static_cast<Column>(index.column())) {
    case Column::Title:
        if (role == Qt::DisplayRole || role == Qt::ToolTipRole || role == UnderlyingDataRole)
            return notification.title;
        break;
    case Column::Message:
        if (role == Qt::DisplayRole || role == Qt::ToolTipRole || role == UnderlyingDataRole)
            return notification.body;
        break;
    case Column::Time:
        if (role == Qt::DisplayRole)
            return formatDateTime(notification.createdAt);
        if (role == UnderlyingDataRole)
            return notification.createdAt;
        break;
    case Column::Count:
        break;
    }
    return {};
}

QVariant NotificationsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (static_cast<Column>(section)) {
    case Column::Title: return tr("Notification");
    case Column::Message: return tr("Details");
    case Column::Time: return tr("Time");
    case Column::Count: break;
    }
    return {};
}

void NotificationsModel::onNotificationAdded(qint64 tenantId, qint64 notificationId)
{
    if (!m_scope || tenantId != m_scope->tenantId())
        return;
    // A reload between the write and this queued event may have picked the row up already.
    for (const NotificationRecord& known : std::as_const(m_notifications)) {
        if (known.id == notificationId)
            return;
    }
    auto result = m_runService.notification(*m_scope, notificationId);
    if (!result) {
        qCWarning(lcUi, "notification %lld: %s", notificationId, qPrintable(result.error().toString()));
        return;
    }
    beginInsertRows({}, 0, 0);
    m_notifications.prepend(std::move(result).value());
    endInsertRows();
    emit unreadCountChanged(unreadCount());
}

} // namespace pv::ui
