// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "ui/ProgressBarDelegate.h"

#include "ui/ModelRoles.h"

#include <QApplication>
#include <QPainter>
#include <QStyleOptionProgressBar>

#include <algorithm>

namespace pv::ui {

ProgressBarDelegate::ProgressBarDelegate(QObject* parent)
    : QStyledItemDelegate(parent)
{
}

ProgressBarDelegate::~ProgressBarDelegate() = default;

void ProgressBarDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const
{
    const qint64 total = index.data(ProgressTotalRole).toLongLong();
    if (total <= 0) {
        QStyledItemDelegate::paint(painter, option, index);
        return;
    }
    const qint64 done = index.data(ProgressDoneRole).toLongLong();

    // Draw the selection/background first so a selected row stays highlighted.
    QStyleOptionViewItem background = option;
    initStyleOption(&background, index);
    background.text.clear();
    const QWidget* widget = option.widget;
    QStyle* style = widget ? widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &background, painter, widget);

    QStyleOptionProgressBar bar;
    bar.rect = option.rect.adjusted(4, 3, -4, -3);
    bar.state = option.state | QStyle::State_Horizontal;
    bar.direction = option.direction;
    bar.fontMetrics = option.fontMetrics;
    bar.palette = option.palette;
    // QProgressBar's range is int; scale big totals into it.
    bar.minimum = 0;
    bar.maximum = 1000;
    bar.progress = int(std::clamp<qint64>(done * 1000 / total, 0, 1000));
    bar.text = index.data(Qt::DisplayRole).toString();
    bar.textVisible = true;
    bar.textAlignment = Qt::AlignCenter;
    style->drawControl(QStyle::CE_ProgressBar, &bar, painter, widget);
}

QSize ProgressBarDelegate::sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const
{
    QSize size = QStyledItemDelegate::sizeHint(option, index);
    size.setWidth(qMax(size.width(), 140));
    return size;
}

} // namespace pv::ui
