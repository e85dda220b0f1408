// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "ui/NotificationsModel.h"

#include "core/runs/RunService.h"
#include "ui/ModelRoles.h"
#include "ui/RunReader.h"
#include "ui/UiFormat.h"
#include "ui/UiLog.h"

#include <QDateTime>
#include <QFont>

#include <algorithm>

namespace pv::ui {

NotificationsModel::NotificationsModel(RunService& runService, QObject* parent)
    : QAbstractTableModel(parent)
    , m_runService(runService)
    , m_reader(new RunReader(runService, this))
{
    connect(&m_runService, &RunService::notificationAdded, this, [this](qint64 tenantId, qint64) {
        if (m_scope && tenantId == m_scope->tenantId())
            reload();
    });
}

NotificationsModel::~NotificationsModel() = default;

void NotificationsModel::setScope(const std::optional<TenantScope>& scope)
{
    const bool sameTenant = m_scope && scope && m_scope->tenantId() == scope->tenantId();
    m_scope = scope;
    if (!sameTenant) {
        beginResetModel();
        m_notifications.clear();
        m_unreadNotListed = 0;
        m_markedLocally.clear();
        m_allMarkedUpTo = 0;
        endResetModel();
        announceUnreadCount();
    }
    reload();
}

void NotificationsModel::reload()
{
    if (!m_scope)
        return;
    const RunService* service = &m_runService;
    const TenantScope scope = *m_scope;
    m_reader->submit<Snapshot>(
        QStringLiteral("notifications"), this,
        [service, scope] {
            Snapshot snapshot;
            snapshot.list = service->notifications(scope);
            snapshot.unread = service->unreadNotificationCount(scope);
            return snapshot;
        },
        [this, tenantId = scope.tenantId()](const Snapshot& snapshot) { apply(tenantId, snapshot); });
}

bool NotificationsModel::isLoading() const
{
    return m_reader->isBusy();
}

bool NotificationsModel::isMarkedLocally(const NotificationRecord& notification) const
{
    return notification.id <= m_allMarkedUpTo || m_markedLocally.contains(notification.id);
}

void NotificationsModel::apply(qint64 tenantId, const Snapshot& snapshot)
{
    // A read that was on its way while the tenant changed belongs to the old tenant.
    if (!m_scope || tenantId != m_scope->tenantId())
        return;
    if (!snapshot.list || !snapshot.unread) {
        const Error& error = snapshot.list ? snapshot.unread.error() : snapshot.list.error();
        qCWarning(lcUi, "notifications of tenant %lld: %s", tenantId, qUtf8Printable(error.toString()));
        return;
    }
    QList<NotificationRecord> fresh = snapshot.list.value();
    std::stable_sort(fresh.begin(), fresh.end(),
                     [](const NotificationRecord& a, const NotificationRecord& b) { return a.id > b.id; });
    int unreadListed = 0;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    for (NotificationRecord& notification : fresh) {
        if (notification.readAt.isValid())
            continue;
        ++unreadListed;
        if (isMarkedLocally(notification))
            notification.readAt = now;   // being written; the store does not say so yet
    }
    m_unreadNotListed = m_allMarkedUpTo > 0 ? 0 : qMax(0, snapshot.unread.value() - unreadListed);

    // Both lists are sorted newest first: walk them together. Rows that are gone are removed,
    // new ones inserted where they belong (at the top, normally), the rest updated in place.
    int row = 0;
    for (const NotificationRecord& notification : std::as_const(fresh)) {
        while (row < m_notifications.size() && m_notifications.at(row).id > notification.id) {
            beginRemoveRows({}, row, row);
            m_notifications.removeAt(row);
            endRemoveRows();
        }
        if (row < m_notifications.size() && m_notifications.at(row).id == notification.id) {
            NotificationRecord& known = m_notifications[row];
            if (known.readAt.isValid() != notification.readAt.isValid() || known.title != notification.title
                || known.body != notification.body) {
                known = notification;
                emit dataChanged(index(row, 0), index(row, columnCount() - 1));
            }
        } else {
            beginInsertRows({}, row, row);
            m_notifications.insert(row, notification);
            endInsertRows();
        }
        ++row;
    }
    if (row < m_notifications.size()) {
        beginRemoveRows({}, row, int(m_notifications.size()) - 1);
        m_notifications.remove(row, m_notifications.size() - row);
        endRemoveRows();
    }
    announceUnreadCount();
}

void NotificationsModel::markReadLocally(qint64 notificationId)
{
    m_markedLocally.insert(notificationId);
    for (int row = 0; row < m_notifications.size(); ++row) {
        NotificationRecord& notification = m_notifications[row];
        if (notification.id != notificationId)
            continue;
        if (!notification.readAt.isValid()) {
            notification.readAt = QDateTime::currentDateTimeUtc();
            emit dataChanged(index(row, 0), index(row, columnCount() - 1));
            announceUnreadCount();
        }
        return;
    }
}

void NotificationsModel::markAllReadLocally()
{
    m_unreadNotListed = 0;
    if (!m_notifications.isEmpty()) {
        // The store marks every unread one, listed or not; a notification that arrives after
        // this has a higher id and stays unread.
        m_allMarkedUpTo = qMax(m_allMarkedUpTo, m_notifications.constFirst().id);
        const QDateTime now = QDateTime::currentDateTimeUtc();
        for (NotificationRecord& notification : m_notifications) {
            if (!notification.readAt.isValid())
                notification.readAt = now;
        }
        emit dataChanged(index(0, 0), index(rowCount() - 1, columnCount() - 1));
    }
    announceUnreadCount();
}

void NotificationsModel::writesLanded()
{
    m_markedLocally.clear();
    m_allMarkedUpTo = 0;
    reload();
}

const NotificationRecord* NotificationsModel::record(int row) const
{
    return row >= 0 && row < m_notifications.size() ? &m_notifications.at(row) : nullptr;
}

int NotificationsModel::unreadRows() const
{
    return int(std::count_if(m_notifications.cbegin(), m_notifications.cend(),
                             [](const NotificationRecord& n) { return !n.readAt.isValid(); }));
}

int NotificationsModel::unreadCount() const
{
    return unreadRows() + m_unreadNotListed;
}

void NotificationsModel::announceUnreadCount()
{
    const int count = unreadCount();
    if (count == m_lastAnnounced)
        return;
    m_lastAnnounced = count;
    emit unreadCountChanged(count);
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

} // namespace pv::ui
