// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "ui/PolicySettingsModel.h"

#include <QApplication>
#include <QHash>
#include <QPalette>

namespace pv::ui {

PolicySettingsModel::PolicySettingsModel(QObject* parent) : QAbstractTableModel(parent) {}

void PolicySettingsModel::setRows(QList<normalize::SettingRow> rows)
{
    beginResetModel();
    m_rows = std::move(rows);
    m_searchIndex.clear();
    m_searchIndex.reserve(m_rows.size());
    m_parentIndex.clear();
    m_parentIndex.reserve(m_rows.size());
    m_categoryIndex.clear();
    m_categoryIndex.reserve(m_rows.size());
    m_categories.clear();
    // Built once per policy, so a filter is one pass of substring tests and index look-ups.
    QHash<QString, int> indexOfKey;
    indexOfKey.reserve(m_rows.size());
    QHash<QString, int> indexOfCategory;
    for (int i = 0; i < m_rows.size(); ++i) {
        const normalize::SettingRow& r = m_rows.at(i);
        m_searchIndex.append(QStringList{r.setting, r.value, r.definitionId, r.description, badgesText(r)}
                                 .join(QLatin1Char('\n'))
                                 .toLower());
        m_parentIndex.append(r.parentRowKey.isEmpty() ? -1 : indexOfKey.value(r.parentRowKey, -1));
        indexOfKey.insert(r.rowKey, i);
        auto category = indexOfCategory.constFind(r.category);
        if (category == indexOfCategory.constEnd()) {
            category = indexOfCategory.insert(r.category, int(m_categories.size()));
            m_categories.append(r.category);
        }
        m_categoryIndex.append(*category);
    }
    if (!m_category.isEmpty() && !m_categories.contains(m_category))
        m_category.clear();
    applyFilter();
    endResetModel();
}

void PolicySettingsModel::setFilterText(const QString& text)
{
    const QString trimmed = text.trimmed();
    if (trimmed == m_filter)
        return;
    m_filter = trimmed;
    m_needle = trimmed.toLower();
    reset();
}

void PolicySettingsModel::setCategoryFilter(const QString& category)
{
    if (category == m_category)
        return;
    m_category = category;
    reset();
}

void PolicySettingsModel::reset()
{
    beginResetModel();
    applyFilter();
    endResetModel();
}

void PolicySettingsModel::applyFilter()
{
    m_visible.clear();
    m_ancestorOnly.clear();
    const int category = m_category.isEmpty() ? -1 : int(m_categories.indexOf(m_category));
    if (m_needle.isEmpty() && category < 0) {
        m_visible.reserve(m_rows.size());
        for (int i = 0; i < m_rows.size(); ++i)
            m_visible.append(i);
        m_ancestorOnly.fill(false, m_visible.size());
        return;
    }
    // Rows are in tree order (a parent before its children): a match marks its ancestors as
    // shown, stopping at the first one already marked.
    QList<char> state(m_rows.size(), 0);   // 0 hidden, 1 ancestor only, 2 match
    for (int i = 0; i < m_rows.size(); ++i) {
        if (category >= 0 && m_categoryIndex.at(i) != category)
            continue;
        if (!m_needle.isEmpty() && !m_searchIndex.at(i).contains(m_needle))
            continue;
        state[i] = 2;
        for (int p = m_parentIndex.at(i); p >= 0 && state.at(p) == 0; p = m_parentIndex.at(p))
            state[p] = 1;
    }
    for (int i = 0; i < m_rows.size(); ++i) {
        if (state.at(i) != 0) {
            m_visible.append(i);
            m_ancestorOnly.append(state.at(i) == 1);
        }
    }
}

const normalize::SettingRow& PolicySettingsModel::settingRow(int visibleRow) const
{
    return m_rows.at(m_visible.at(visibleRow));
}

int PolicySettingsModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_visible.size());
}

int PolicySettingsModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(Column::Count);
}

QString PolicySettingsModel::badgesText(const normalize::SettingRow& row)
{
    if (!row.record)
        return {};
    QStringList parts;
    if (!row.record->profiles.isEmpty())
        parts.append(row.record->profiles.join(QStringLiteral(" · ")));
    if (!row.record->interfaces.isEmpty())
        parts.append(row.record->interfaces.join(QStringLiteral(" · ")));
    return parts.join(QStringLiteral(" | "));
}

QVariant PolicySettingsModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= m_visible.size())
        return {};
    const normalize::SettingRow& r = settingRow(index.row());
    const auto column = static_cast<Column>(index.column());
    switch (role) {
    case Qt::DisplayRole:
        switch (column) {
        case Column::Category: return r.depth == 0 ? r.category : QString();
        case Column::Setting: return QString(QString(r.depth * 4, QLatin1Char(' ')) + r.setting);
        case Column::Value: return r.value;
        case Column::Badges: return badgesText(r);
        case Column::Count: break;
        }
        return {};
    case Qt::ToolTipRole:
        if (column == Column::Value && !r.valueToolTip.isEmpty())
            return r.valueToolTip;
        if (column == Column::Setting)
            return r.description.isEmpty() ? r.definitionId : QStringLiteral("%1\n\n%2").arg(r.description, r.definitionId);
        if (column == Column::Category)
            return r.category;
        return data(index, Qt::DisplayRole);
    case Qt::ForegroundRole:
        if (m_ancestorOnly.at(index.row()))
            return QApplication::palette().color(QPalette::Disabled, QPalette::Text);
        return {};
    case AncestorOnlyRole:
        return m_ancestorOnly.at(index.row());
    case ProfilesRole:
        return r.record ? r.record->profiles : QStringList();
    case InterfacesRole:
        return r.record ? r.record->interfaces : QStringList();
    default:
        return {};
    }
}

QVariant PolicySettingsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (static_cast<Column>(section)) {
    case Column::Category: return tr("Category");
    case Column::Setting: return tr("Setting");
    case Column::Value: return tr("Value");
    case Column::Badges: return tr("Profiles | interfaces");
    case Column::Count: break;
    }
    return {};
}

} // namespace pv::ui
