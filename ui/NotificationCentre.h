// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

#include "core/common/TenantScope.h"

#include "core/common/Result.h"

#include <QFrame>

#include <functional>
#include <optional>

class QLabel;
class QPushButton;
class QStackedWidget;
class QTableView;

namespace pv {
class RunService;
}

namespace pv::ui {

class BackgroundWriter;
class NotificationsModel;

/// The list behind the bell: a popup panel with the tenant's notifications (unread in bold),
/// "View run", "Mark read" and "Mark all read".
class NotificationCentre final : public QFrame
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(NotificationCentre)

public:
    explicit NotificationCentre(RunService& runService, QWidget* parent = nullptr);
    ~NotificationCentre() override;

    void setScope(const std::optional<TenantScope>& scope);
    /// Pops up right-aligned under `anchor`.
    void popup(QWidget* anchor);

    NotificationsModel* model() const { return m_model; }
    QTableView* view() const { return m_view; }
    /// The tenant's unread count as the window shows it (the bell): the store's, minus the
    /// mark-reads still being written. Read off the GUI thread, like the list.
    int unreadCount() const;
    /// True while a mark-read is being written (tests wait on it).
    bool isWriting() const;

    /// Actions on the selected row (also what the buttons do).
    void viewSelectedRun();
    void markSelectedRead();
    void markAllRead();

signals:
    void openRunRequested(qint64 tenantId, qint64 runId);
    void unreadCountChanged(int count);

private:
    QModelIndex selectedIndex() const;
    qint64 selectedNotificationId() const;
    void updateButtons();
    void updateEmptyState();
    /// Writes off the GUI thread (BackgroundWriter); a failure reloads the list from the store.
    void writeInBackground(std::function<Status()> write);

    RunService& m_runService;
    std::optional<TenantScope> m_scope;
    NotificationsModel* m_model = nullptr;
    QStackedWidget* m_stack = nullptr;
    QTableView* m_view = nullptr;
    QLabel* m_emptyState = nullptr;
    QPushButton* m_viewRun = nullptr;
    QPushButton* m_markRead = nullptr;
    QPushButton* m_markAllRead = nullptr;
    BackgroundWriter* m_writer = nullptr;
};

} // namespace pv::ui
