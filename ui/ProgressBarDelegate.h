// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

#include <QStyledItemDelegate>

namespace pv::ui {

/// Paints ProgressDoneRole / ProgressTotalRole as a native progress bar with the cell's
/// DisplayRole text on it; falls back to text when there is no total yet.
class ProgressBarDelegate final : public QStyledItemDelegate
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ProgressBarDelegate)

public:
    explicit ProgressBarDelegate(QObject* parent = nullptr);
    ~ProgressBarDelegate() override;

    void paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const override;
    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override;
};

} // namespace pv::ui
