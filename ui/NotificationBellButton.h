// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

#include <QToolButton>

namespace pv::ui {

/// The toolbar bell with a red badge showing the unread notification count.
class NotificationBellButton final : public QToolButton
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(NotificationBellButton)
    Q_PROPERTY(int unreadCount READ unreadCount WRITE setUnreadCount NOTIFY unreadCountChanged)

public:
    explicit NotificationBellButton(QWidget* parent = nullptr);
    ~NotificationBellButton() override;

    int unreadCount() const { return m_unread; }
    void setUnreadCount(int count);
    /// What the badge shows: "" for none, "1".."99", "99+".
    QString badgeText() const;

signals:
    void unreadCountChanged(int count);

protected:
    void paintEvent(QPaintEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    int m_unread = 0;
};

} // namespace pv::ui
