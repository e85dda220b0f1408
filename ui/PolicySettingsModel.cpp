// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "ui/PolicySettingsModel.h"

#include <QApplication>
#include <QHash>
#include <QPalette>

#include <memory>

namespace pv::ui {

PolicySettingsModel::PolicySettingsModel(QObject* parent) : QAbstractTableModel(parent) {}

void PolicySettingsModel::setRows(QList<normalize::SettingRow> rows)
{
    beginResetModel();
    m_rows = std::move(rows);
    const qsizetype n = m_rows.size();
    m_searchIndex.clear();
    m_searchIndex.reserve(n);
    m_definitionIndex.clear();
    m_definitionSetting.clear();
    m_definitionName.clear();
    m_definitionOf.clear();
    m_ownName.clear();
    m_ownName.reserve(n);
    m_definitionOf.reserve(n);
    m_parentIndex.clear();
    m_parentIndex.reserve(n);
    m_categoryIndex.clear();
    m_categoryIndex.reserve(n);
    m_categories.clear();
    // Built once per policy, so a filter is one pass of substring tests and index look-ups.
    QHash<QString, int> indexOfDefinition;
    QHash<QString, int> indexOfCategory;
    QList<int> lastAtDepth;   // rows come in tree order: a row's parent is the last row one level up
    std::unique_ptr<QHash<QString, int>> indexOfKey;   // only when tree order does not hold
    for (int i = 0; i < n; ++i) {
        const normalize::SettingRow& r = m_rows.at(i);
        auto definition = indexOfDefinition.constFind(r.definitionId);
        if (definition == indexOfDefinition.constEnd()) {
            definition = indexOfDefinition.insert(r.definitionId, int(m_definitionIndex.size()));
            m_definitionIndex.append(QString(r.definitionId + QLatin1Char('\n') + r.description).toLower());
            m_definitionName.append(r.setting.toLower());
            m_definitionSetting.append(r.setting);
        }
        m_definitionOf.append(*definition);
        // The row's own text: its value, and its name when it is not its definition's (a
        // firewall rule's record row is named after the rule), and a rule's badges.
        QString text = r.value;
        const bool ownName = r.setting != m_definitionSetting.at(*definition);
        m_ownName.append(ownName);
        if (ownName) {
            text += QLatin1Char('\n');
            text += r.setting;
        }
        if (r.record) {
            text += QLatin1Char('\n');
            text += badgesText(r);
        }
        m_searchIndex.append(std::move(text).toLower());

        int parent = -1;
        if (!r.parentRowKey.isEmpty()) {
            const int candidate = r.depth > 0 && r.depth <= lastAtDepth.size() ? lastAtDepth.at(r.depth - 1) : -1;
            if (candidate >= 0 && m_rows.at(candidate).rowKey == r.parentRowKey) {
                parent = candidate;
            } else {
                if (!indexOfKey) {
                    indexOfKey = std::make_unique<QHash<QString, int>>();
                    for (int j = 0; j < i; ++j)
                        indexOfKey->insert(m_rows.at(j).rowKey, j);
                }
                parent = indexOfKey->value(r.parentRowKey, -1);
            }
        }
        m_parentIndex.append(parent);
        if (indexOfKey)
            indexOfKey->insert(r.rowKey, i);
        lastAtDepth.resize(r.depth + 1);
        lastAtDepth[r.depth] = i;

        // Neighbouring rows share their category: look up only when it changes.
        if (i > 0 && r.category == m_rows.at(i - 1).category) {
            m_categoryIndex.append(m_categoryIndex.last());
            continue;
        }
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
    // Per definition: 1 its id or description matches (every row of it), 2 only its name does
    // (the rows that carry that name).
    QList<char> definitionMatches(m_definitionIndex.size(), 0);
    if (!m_needle.isEmpty()) {
        for (int d = 0; d < m_definitionIndex.size(); ++d) {
            definitionMatches[d] = m_definitionIndex.at(d).contains(m_needle) ? 1
                                   : m_definitionName.at(d).contains(m_needle) ? 2
                                                                              : 0;
        }
    }
    QList<char> state(m_rows.size(), 0);   // 0 hidden, 1 ancestor only, 2 match
    for (int i = 0; i < m_rows.size(); ++i) {
        if (category >= 0 && m_categoryIndex.at(i) != category)
            continue;
        if (!m_needle.isEmpty()) {
            const char byDefinition = definitionMatches.at(m_definitionOf.at(i));
            const bool matches = byDefinition == 1 || (byDefinition == 2 && !m_ownName.at(i))
                                 || m_searchIndex.at(i).contains(m_needle);
            if (!matches)
                continue;
        }
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
