// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

#include "core/common/Result.h"
#include "core/common/TenantScope.h"
#include "core/runs/RunTypes.h"

#include <QAbstractTableModel>
#include <QList>
#include <QSet>

#include <optional>

namespace pv {
class RunService;
}

namespace pv::ui {

class RunReader;

/// A tenant's notifications, newest first; unread rows are bold. Reads run off the GUI thread
/// (RunReader); RunService::notificationAdded and changes by other processes (reload()) are
/// applied as a diff — new rows inserted at the top, read states updated in place.
///
/// Mark-read is shown at once (markReadLocally) and written in the background by the caller;
/// until it says the writes have landed (writesLanded), reloads keep those rows read, so a
/// read that raced the write does not make them bold again.
class NotificationsModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(NotificationsModel)

public:
    enum class Column { Title, Message, Time, Count };

    explicit NotificationsModel(RunService& runService, QObject* parent = nullptr);
    ~NotificationsModel() override;

    /// Switches to another tenant (or none): empties the list and loads the new one.
    void setScope(const std::optional<TenantScope>& scope);
    /// Re-reads the list and the unread count off the GUI thread and applies what changed.
    void reload();
    void markReadLocally(qint64 notificationId);
    void markAllReadLocally();
    /// Every background mark-read has been written (or failed): reload from the store.
    void writesLanded();

    const NotificationRecord* record(int row) const;
    /// Unread notifications of the tenant: the unread rows plus those too old to be listed.
    int unreadCount() const;
    /// True while a read is on its way (tests wait for it).
    bool isLoading() const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

signals:
    void unreadCountChanged(int count);

private:
    struct Snapshot
    {
        Result<QList<NotificationRecord>> list = QList<NotificationRecord>();
        Result<int> unread = 0;
    };

    void apply(qint64 tenantId, const Snapshot& snapshot);
    bool isMarkedLocally(const NotificationRecord& notification) const;
    int unreadRows() const;
    void announceUnreadCount();

    RunService& m_runService;
    RunReader* m_reader = nullptr;
    std::optional<TenantScope> m_scope;
    QList<NotificationRecord> m_notifications;
    int m_unreadNotListed = 0;
    int m_lastAnnounced = -1;
    QSet<qint64> m_markedLocally;
    qint64 m_allMarkedUpTo = 0;   ///< "mark all read" pending: every id up to this one
};

} // namespace pv::ui
