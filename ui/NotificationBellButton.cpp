// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "ui/NotificationBellButton.h"

#include "ui/UiFormat.h"

#include <QEvent>
#include <QPainter>
#include <QPainterPath>

namespace pv::ui {

NotificationBellButton::NotificationBellButton(QWidget* parent)
    : QToolButton(parent)
{
    setObjectName(QStringLiteral("notificationBell"));
    initResources();
    setIcon(paletteIcon(QStringLiteral(":/icons/bell.svg"), palette()));
    setIconSize(QSize(22, 22));
    setAutoRaise(true);
    setToolButtonStyle(Qt::ToolButtonIconOnly);
    setMinimumSize(36, 32);
    setUnreadCount(0);
}

NotificationBellButton::~NotificationBellButton() = default;

void NotificationBellButton::setUnreadCount(int count)
{
    count = qMax(0, count);
    const bool changed = count != m_unread;
    m_unread = count;
    const QString tip = count == 0 ? tr("Notifications — nothing unread") : tr("Notifications — %n unread", nullptr, count);
    setToolTip(tip);
    setAccessibleName(tip);
    update();
    if (changed)
        emit unreadCountChanged(count);
}

void NotificationBellButton::changeEvent(QEvent* event)
{
    QToolButton::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        setIcon(paletteIcon(QStringLiteral(":/icons/bell.svg"), palette()));
}

QString NotificationBellButton::badgeText() const
{
    if (m_unread <= 0)
        return {};
    return m_unread > 99 ? QStringLiteral("99+") : QString::number(m_unread);
}

void NotificationBellButton::paintEvent(QPaintEvent* event)
{
    QToolButton::paintEvent(event);
    const QString text = badgeText();
    if (text.isEmpty())
        return;
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    QFont badgeFont = font();
    badgeFont.setBold(true);
    badgeFont.setPixelSize(10);
    painter.setFont(badgeFont);
    const QFontMetrics metrics(badgeFont);
    const int height = metrics.height() + 2;
    const int width = qMax(height, metrics.horizontalAdvance(text) + 8);
    const QRect badge(rect().right() - width - 1, 1, width, height);
    QPainterPath path;
    path.addRoundedRect(badge, height / 2.0, height / 2.0);
    painter.fillPath(path, QColor(0xd3, 0x2f, 0x2f));
    painter.setPen(Qt::white);
    painter.drawText(badge, Qt::AlignCenter, text);
}

} // namespace pv::ui
