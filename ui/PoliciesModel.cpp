// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "ui/PoliciesModel.h"

#include "core/normalize/PolicyGeneral.h"
#include "ui/ModelRoles.h"
#include "ui/UiFormat.h"

namespace pv::ui {

PoliciesModel::PoliciesModel(QObject* parent) : QAbstractTableModel(parent) {}

void PoliciesModel::setPolicies(QList<PolicySummary> policies)
{
    beginResetModel();
    m_policies = std::move(policies);
    m_searchIndex.clear();
    m_searchIndex.reserve(m_policies.size());
    for (const PolicySummary& s : std::as_const(m_policies))
        m_searchIndex.append((s.policy.displayName + QLatin1Char('\n') + s.policy.graphId).toLower());
    applyFilter();
    endResetModel();
}

void PoliciesModel::setFilter(const QString& text, const QString& typeKey)
{
    beginResetModel();
    m_text = text.trimmed().toLower();
    m_type = typeKey;
    applyFilter();
    endResetModel();
}

void PoliciesModel::setTechnologies(const QHash<qint64, QString>& technologies)
{
    m_technologies.clear();
    for (auto it = technologies.constBegin(); it != technologies.constEnd(); ++it)
        m_technologies.insert(it.key(), normalize::technologyLabels(it.value()).join(QStringLiteral(", ")));
    if (!m_visible.isEmpty()) {
        const int column = int(Column::Technologies);
        emit dataChanged(index(0, column), index(int(m_visible.size()) - 1, column), {Qt::DisplayRole, Qt::ToolTipRole});
    }
}

void PoliciesModel::applyFilter()
{
    m_visible.clear();
    for (int i = 0; i < m_policies.size(); ++i) {
        if (!m_type.isEmpty() && m_policies.at(i).policy.typeKey != m_type)
            continue;
        if (!m_text.isEmpty() && !m_searchIndex.at(i).contains(m_text))
            continue;
        m_visible.append(i);
    }
}

int PoliciesModel::rowOf(qint64 policyId) const
{
    for (int row = 0; row < m_visible.size(); ++row) {
        if (m_policies.at(m_visible.at(row)).policy.id == policyId)
            return row;
    }
    return -1;
}

const PolicySummary& PoliciesModel::summary(int visibleRow) const
{
    return m_policies.at(m_visible.at(visibleRow));
}

int PoliciesModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_visible.size());
}

int PoliciesModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(Column::Count);
}

QVariant PoliciesModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= m_visible.size())
        return {};
    const PolicySummary& s = summary(index.row());
    const auto column = static_cast<Column>(index.column());
    if (role == IdRole)
        return s.policy.id;
    if (role == Qt::DisplayRole || role == Qt::ToolTipRole) {
        switch (column) {
        case Column::Name: return s.policy.displayName;
        case Column::Type: return captureTypeText(s.policy.typeKey);
        case Column::Platform: return normalize::platformLabels(s.policy.platform).join(QStringLiteral(", "));
        case Column::Technologies: return m_technologies.value(s.policy.id);
        case Column::LastModified:
            if (role == Qt::ToolTipRole)
                return s.graphModifiedAt.isValid() ? s.graphModifiedAt.toUTC().toString(Qt::ISODate) : QString();
            return formatDateTime(s.graphModifiedAt);
        case Column::LastCaptured:
            if (role == Qt::ToolTipRole)
                return s.policy.lastSeen.isValid() ? s.policy.lastSeen.toUTC().toString(Qt::ISODate) : QString();
            return formatDateTime(s.policy.lastSeen);
        case Column::Versions: return s.versionCount;
        case Column::Count: break;
        }
    }
    if (role == Qt::TextAlignmentRole && column == Column::Versions)
        return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    return {};
}

QVariant PoliciesModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (static_cast<Column>(section)) {
    case Column::Name: return tr("Name");
    case Column::Type: return tr("Type");
    case Column::Platform: return tr("Platform");
    case Column::Technologies: return tr("Technologies");
    case Column::LastModified: return tr("Last modified");
    case Column::LastCaptured: return tr("Last captured");
    case Column::Versions: return tr("Versions");
    case Column::Count: break;
    }
    return {};
}

} // namespace pv::ui
