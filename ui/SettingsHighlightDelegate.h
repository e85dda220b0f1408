// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

#include <QStyledItemDelegate>

namespace pv::ui {

class PolicySettingsModel;

/// Paints the Settings table: the search text's hits marked in every text cell (case-insensitive,
/// elided text included), and a firewall rule's profiles and interface types as rounded chips in
/// the badges column. Reads the search text from the model, so a filter and its highlight never
/// disagree.
class SettingsHighlightDelegate final : public QStyledItemDelegate
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SettingsHighlightDelegate)

public:
    SettingsHighlightDelegate(const PolicySettingsModel* model, QObject* parent = nullptr);

    void paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const override;

    /// The [start, length) spans of `needle` (lower-cased) in `text`, case-insensitive.
    static QList<QPair<int, int>> hits(const QString& text, const QString& needle);
    /// The highlight colour behind a hit: amber on light, dark amber on dark palettes.
    static QColor hitColor(const QPalette& palette);

private:
    void paintText(QPainter* painter, const QStyleOptionViewItem& option, const QString& needle) const;
    void paintChips(QPainter* painter, const QStyleOptionViewItem& option, const QStringList& profiles,
                    const QStringList& interfaces) const;

    const PolicySettingsModel* m_model;
};

} // namespace pv::ui
