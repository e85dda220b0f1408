// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

#include "core/normalize/SettingRow.h"

#include <QAbstractTableModel>
#include <QList>
#include <QString>

namespace pv::ui {

/// The Settings tab's table: the normalizer's rows (category, setting indented by depth,
/// readable value; a firewall rule's record row with its profile and interface badges). The
/// search is the model's own: a lower-cased index per row (name, value, definition id,
/// description) built once, so a filter over 100,000 rows is one pass of substring tests. A
/// match shows its ancestors too, greyed, so a child never appears without its parents.
class PolicySettingsModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PolicySettingsModel)

public:
    enum class Column { Category, Setting, Value, Badges, Count };
    /// True for a row shown only because a descendant matched.
    static constexpr int AncestorOnlyRole = Qt::UserRole + 40;
    /// A firewall rule's profile badges (QStringList; the Badges column paints them as chips).
    static constexpr int ProfilesRole = Qt::UserRole + 41;
    /// A firewall rule's interface-type badges (QStringList).
    static constexpr int InterfacesRole = Qt::UserRole + 42;

    explicit PolicySettingsModel(QObject* parent = nullptr);

    void setRows(QList<normalize::SettingRow> rows);
    void setFilterText(const QString& text);
    QString filterText() const { return m_filter; }
    /// The lower-cased search text the highlight delegate marks (empty: no search).
    QString highlightText() const { return m_needle; }
    /// Shows only rows of this category path (empty: every category). Ancestors of a shown row
    /// in another category stay, greyed, like ancestors of a search match.
    void setCategoryFilter(const QString& category);
    QString categoryFilter() const { return m_category; }
    /// The category paths present, in first-seen (tree) order.
    QStringList categories() const { return m_categories; }
    /// The row behind a visible row.
    const normalize::SettingRow& settingRow(int visibleRow) const;
    int totalRows() const { return int(m_rows.size()); }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    /// "Domain · Private | LAN, Wireless": a rule's badges as one line.
    static QString badgesText(const normalize::SettingRow& row);

private:
    void applyFilter();

    void reset();

    QList<normalize::SettingRow> m_rows;
    QStringList m_searchIndex;   ///< lower-cased row text (value, own name, badges), one per row
    // A definition's id and description are the same on every row of that definition (a
    // firewall policy has thousands of rows over a dozen definitions): indexed once each.
    QStringList m_definitionIndex;   ///< lower-cased "definitionId\ndescription", one per definition
    QStringList m_definitionSetting; ///< the setting name of the definition's first row
    QStringList m_definitionName;    ///< the same, lower-cased
    QList<bool> m_ownName;           ///< per row: named unlike its definition's first row (in m_searchIndex)
    QList<int> m_definitionOf;       ///< per row: index into m_definitionIndex
    QList<int> m_parentIndex;    ///< per row: index of its parent row, -1 at the root
    QList<int> m_categoryIndex;  ///< per row: index into m_categories
    QStringList m_categories;
    QList<int> m_visible;        ///< indexes into m_rows
    QList<bool> m_ancestorOnly;  ///< per visible row
    QString m_filter;
    QString m_needle;            ///< m_filter lower-cased
    QString m_category;
};

} // namespace pv::ui
