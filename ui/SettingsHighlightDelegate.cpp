// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "ui/SettingsHighlightDelegate.h"

#include "ui/PolicySettingsModel.h"

#include <QApplication>
#include <QPainter>
#include <QPainterPath>
#include <QStyle>

namespace pv::ui {

namespace {

bool isDark(const QPalette& palette)
{
    return palette.color(QPalette::Base).lightness() < 128;
}

} // namespace

SettingsHighlightDelegate::SettingsHighlightDelegate(const PolicySettingsModel* model, QObject* parent)
    : QStyledItemDelegate(parent)
    , m_model(model)
{
}

QList<QPair<int, int>> SettingsHighlightDelegate::hits(const QString& text, const QString& needle)
{
    QList<QPair<int, int>> out;
    if (needle.isEmpty())
        return out;
    for (qsizetype at = text.indexOf(needle, 0, Qt::CaseInsensitive); at >= 0;
         at = text.indexOf(needle, at + needle.size(), Qt::CaseInsensitive))
        out.append({int(at), int(needle.size())});
    return out;
}

QColor SettingsHighlightDelegate::hitColor(const QPalette& palette)
{
    return isDark(palette) ? QColor(0x8a, 0x6d, 0x00) : QColor(0xff, 0xe0, 0x6b);
}

void SettingsHighlightDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    const auto column = static_cast<PolicySettingsModel::Column>(index.column());
    const QStringList profiles = index.data(PolicySettingsModel::ProfilesRole).toStringList();
    const QStringList interfaces = index.data(PolicySettingsModel::InterfacesRole).toStringList();
    const bool chips = column == PolicySettingsModel::Column::Badges && (!profiles.isEmpty() || !interfaces.isEmpty());
    const QString needle = m_model->highlightText();
    if (!chips && (needle.isEmpty() || hits(opt.text, needle).isEmpty())) {
        QStyledItemDelegate::paint(painter, opt, index);
        return;
    }
    // The item's background and focus from the style, the text (or chips) drawn here.
    const QString text = opt.text;
    opt.text.clear();
    const QWidget* widget = opt.widget;
    QStyle* style = widget ? widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, widget);
    opt.text = text;
    if (chips)
        paintChips(painter, opt, profiles, interfaces);
    else
        paintText(painter, opt, needle);
}

void SettingsHighlightDelegate::paintText(QPainter* painter, const QStyleOptionViewItem& option, const QString& needle) const
{
    const QWidget* widget = option.widget;
    QStyle* style = widget ? widget->style() : QApplication::style();
    const int margin = style->pixelMetric(QStyle::PM_FocusFrameHMargin, nullptr, widget) + 1;
    QRect rect = style->subElementRect(QStyle::SE_ItemViewItemText, &option, widget).adjusted(margin, 0, -margin, 0);
    const QFontMetrics metrics(option.font);
    const QString shown = metrics.elidedText(option.text, option.textElideMode, rect.width());
    // Hits in the elided text: those cut by the ellipsis are marked up to where the text ends.
    const bool elided = shown != option.text;
    const int visibleChars = elided ? int(shown.size()) - 1 : int(shown.size());
    painter->save();
    painter->setClipRect(rect);
    const int top = rect.top() + (rect.height() - metrics.height()) / 2;
    for (const auto& [start, length] : hits(option.text, needle)) {
        if (start >= visibleChars)
            break;
        const int len = qMin(length, visibleChars - start);
        const int x = rect.left() + metrics.horizontalAdvance(shown.left(start));
        const int w = metrics.horizontalAdvance(shown.mid(start, len));
        painter->fillRect(QRect(x, top, w, metrics.height()), hitColor(option.palette));
    }
    const bool selected = option.state & QStyle::State_Selected;
    QColor color = selected ? option.palette.color(QPalette::HighlightedText) : option.palette.color(QPalette::Text);
    // ForegroundRole (ancestors of a match are greyed) comes from the model.
    if (!selected && option.index.data(Qt::ForegroundRole).canConvert<QColor>())
        color = option.index.data(Qt::ForegroundRole).value<QColor>();
    painter->setPen(color);
    painter->setFont(option.font);
    painter->drawText(rect, int(Qt::AlignLeft | Qt::AlignVCenter) | Qt::TextSingleLine, shown);
    // The hits again in a colour that reads on the amber, also on a selected (blue) row.
    painter->setPen(isDark(option.palette) ? QColor(Qt::white) : QColor(0x20, 0x1a, 0x00));
    for (const auto& [start, length] : hits(option.text, needle)) {
        if (start >= visibleChars)
            break;
        const int x = rect.left() + metrics.horizontalAdvance(shown.left(start));
        const QString part = shown.mid(start, qMin(length, visibleChars - start));
        painter->drawText(QRect(x, rect.top(), metrics.horizontalAdvance(part) + 1, rect.height()),
                          int(Qt::AlignLeft | Qt::AlignVCenter) | Qt::TextSingleLine, part);
    }
    painter->restore();
}

void SettingsHighlightDelegate::paintChips(QPainter* painter, const QStyleOptionViewItem& option,
                                           const QStringList& profiles, const QStringList& interfaces) const
{
    const bool dark = isDark(option.palette);
    const QFontMetrics metrics(option.font);
    const int padX = metrics.horizontalAdvance(QLatin1Char('x')) * 2 / 3 + 2;
    const int chipHeight = qMin(option.rect.height() - 4, metrics.height() + 4);
    const int top = option.rect.top() + (option.rect.height() - chipHeight) / 2;
    int x = option.rect.left() + 4;
    const int right = option.rect.right() - 4;
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setClipRect(option.rect);
    // A rule shown only because one of its settings matched reads greyed, chips included.
    if (option.index.data(PolicySettingsModel::AncestorOnlyRole).toBool())
        painter->setOpacity(0.5);
    painter->setFont(option.font);
    // Profiles blue, interface types green: the two kinds read apart at a glance.
    const QList<QPair<QStringList, QColor>> groups{
        {profiles, dark ? QColor(0x1f, 0x3f, 0x66) : QColor(0xdb, 0xe9, 0xfb)},
        {interfaces, dark ? QColor(0x1f, 0x4d, 0x33) : QColor(0xdc, 0xf2, 0xe2)}};
    const QColor textColor = dark ? QColor(0xe8, 0xee, 0xf4) : QColor(0x1c, 0x2a, 0x38);
    for (const auto& [labels, fill] : groups) {
        for (const QString& label : labels) {
            const int width = metrics.horizontalAdvance(label) + 2 * padX;
            if (x + width > right + 1) {
                painter->setPen(option.palette.color(QPalette::Text));
                painter->drawText(QRect(x, top, right - x, chipHeight), Qt::AlignLeft | Qt::AlignVCenter, QStringLiteral("…"));
                painter->restore();
                return;
            }
            const QRectF chip(x, top, width, chipHeight);
            QPainterPath path;
            path.addRoundedRect(chip.adjusted(0.5, 0.5, -0.5, -0.5), chipHeight / 2.0, chipHeight / 2.0);
            painter->fillPath(path, fill);
            painter->setPen(textColor);
            painter->drawText(chip, Qt::AlignCenter, label);
            x += width + 4;
        }
        x += 4;   // a little more room between the two kinds
    }
    painter->restore();
}

} // namespace pv::ui
