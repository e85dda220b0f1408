// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "ui/MessageWidget.h"

#include <QPainter>
#include <QHBoxLayout>
#include <QLabel>
#include <QPalette>
#include <QPushButton>
#include <QStyle>
#include <QToolButton>

namespace pv::ui {

namespace {
QColor accent(MessageWidget::Type type)
{
    switch (type) {
    case MessageWidget::Type::Information: return QColor(0x1e, 0x88, 0xe5);
    case MessageWidget::Type::Positive: return QColor(0x2e, 0x9d, 0x4a);
    case MessageWidget::Type::Warning: return QColor(0xe0, 0x8a, 0x00);
    case MessageWidget::Type::Error: return QColor(0xd3, 0x2f, 0x2f);
    }
    return {};
}

QColor blend(const QColor& a, const QColor& b, double t)
{
    return QColor::fromRgbF(float(a.redF() * (1 - t) + b.redF() * t), float(a.greenF() * (1 - t) + b.greenF() * t),
                            float(a.blueF() * (1 - t) + b.blueF() * t));
}
} // namespace

MessageWidget::MessageWidget(QWidget* parent)
    : QFrame(parent)
{
    setObjectName(QStringLiteral("messageWidget"));
    setFrameShape(QFrame::NoFrame);

    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(12, 8, 8, 8);
    layout->setSpacing(10);

    m_icon = new QLabel(this);
    m_icon->setObjectName(QStringLiteral("messageIcon"));
    m_icon->setAlignment(Qt::AlignTop);
    layout->addWidget(m_icon, 0, Qt::AlignTop);

    m_text = new QLabel(this);
    m_text->setObjectName(QStringLiteral("messageText"));
    m_text->setWordWrap(true);
    m_text->setTextFormat(Qt::PlainText);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_text, 1);

    m_action = new QPushButton(this);
    m_action->setObjectName(QStringLiteral("messageActionButton"));
    m_action->hide();
    layout->addWidget(m_action, 0, Qt::AlignVCenter);
    connect(m_action, &QPushButton::clicked, this, &MessageWidget::actionTriggered);

    m_close = new QToolButton(this);
    m_close->setObjectName(QStringLiteral("messageCloseButton"));
    m_close->setAutoRaise(true);
    m_close->setIcon(style()->standardIcon(QStyle::SP_TitleBarCloseButton));
    m_close->setToolTip(tr("Close message"));
    layout->addWidget(m_close, 0, Qt::AlignTop);
    connect(m_close, &QToolButton::clicked, this, [this] {
        hideMessage();
        emit closed();
    });

    hide();
}

MessageWidget::~MessageWidget() = default;

void MessageWidget::showMessage(Type type, const QString& text, const QString& actionText)
{
    m_type = type;
    m_text->setText(text);
    m_action->setText(actionText);
    m_action->setVisible(!actionText.isEmpty());

    QStyle::StandardPixmap pixmap = QStyle::SP_MessageBoxInformation;
    switch (type) {
    case Type::Information:
    case Type::Positive: pixmap = QStyle::SP_MessageBoxInformation; break;
    case Type::Warning: pixmap = QStyle::SP_MessageBoxWarning; break;
    case Type::Error: pixmap = QStyle::SP_MessageBoxCritical; break;
    }
    const int size = style()->pixelMetric(QStyle::PM_SmallIconSize, nullptr, this);
    m_icon->setPixmap(style()->standardIcon(pixmap, nullptr, this).pixmap(size, size));
    update();
    show();
}

void MessageWidget::hideMessage()
{
    hide();
}

QString MessageWidget::text() const
{
    return m_text->text();
}

bool MessageWidget::isCloseable() const
{
    return m_close->isVisibleTo(this);
}

void MessageWidget::setCloseable(bool closeable)
{
    m_close->setVisible(closeable);
}

void MessageWidget::paintEvent(QPaintEvent* event)
{
    Q_UNUSED(event);
    // Painted from the current palette on every paint, so the banner follows a switch
    // between light and dark palettes without a style sheet.
    const QColor window = palette().color(QPalette::Window);
    const bool dark = window.lightnessF() < 0.5;
    const QColor color = accent(m_type);
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(QPen(color, 1));
    painter.setBrush(blend(window, color, dark ? 0.30 : 0.16));
    painter.drawRoundedRect(QRectF(rect()).adjusted(0.5, 0.5, -0.5, -0.5), 4, 4);
}

} // namespace pv::ui
