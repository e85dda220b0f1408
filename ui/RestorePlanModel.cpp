// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "ui/RestorePlanModel.h"

#include "ui/ModelRoles.h"
#include "ui/UiFormat.h"

#include <QJsonArray>

namespace pv::ui {

using restore::PlanAction;

RestorePlanModel::RestorePlanModel(QObject* parent) : QAbstractTableModel(parent) {}

RestorePlanModel::~RestorePlanModel() = default;

void RestorePlanModel::setItems(QList<restore::PlanItem> items)
{
    beginResetModel();
    m_items = std::move(items);
    endResetModel();
}

int RestorePlanModel::count(PlanAction action) const
{
    int n = 0;
    for (const restore::PlanItem& item : m_items)
        n += item.action == action ? 1 : 0;
    return n;
}

int RestorePlanModel::writeCount() const
{
    int n = 0;
    for (const restore::PlanItem& item : m_items)
        n += restore::writes(item.action) ? 1 : 0;
    return n;
}

int RestorePlanModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_items.size());
}

int RestorePlanModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(Column::Count);
}

QVariant RestorePlanModel::data(const QModelIndex& index, int role) const
{
    Q_ASSERT(checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid));
    const restore::PlanItem& item = m_items.at(index.row());
    const auto column = static_cast<Column>(index.column());
    if (role == IdRole)
        return item.policyId;
    switch (column) {
    case Column::Name:
        if (role == Qt::DisplayRole || role == UnderlyingDataRole)
            return item.name;
        if (role == Qt::ToolTipRole)
            return tr("%1\nGraph id: %2").arg(item.name, item.graphId);
        break;
    case Column::Type:
        if (role == Qt::DisplayRole)
            return captureTypeText(item.typeKey);
        if (role == UnderlyingDataRole)
            return item.typeKey;
        break;
    case Column::Action:
        if (role == Qt::DisplayRole)
            return actionText(item.action);
        if (role == Qt::DecorationRole)
            return actionIcon(item.action);
        if (role == UnderlyingDataRole)
            return restore::planActionName(item.action);
        break;
    case Column::Details:
        if (role == Qt::DisplayRole || role == Qt::ToolTipRole || role == UnderlyingDataRole)
            return detailsText(item);
        break;
    case Column::Count:
        break;
    }
    return {};
}

QVariant RestorePlanModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (static_cast<Column>(section)) {
    case Column::Name: return tr("Name");
    case Column::Type: return tr("Type");
    case Column::Action: return tr("Action");
    case Column::Details: return tr("Details");
    case Column::Count: break;
    }
    return {};
}

QString RestorePlanModel::actionText(PlanAction action)
{
    switch (action) {
    case PlanAction::WouldCreate: return tr("Create");
    case PlanAction::WouldUpdate: return tr("Update");
    case PlanAction::Unchanged: return tr("Unchanged");
    case PlanAction::Conflict: return tr("Conflict");
    case PlanAction::CannotRestore: return tr("Cannot restore");
    }
    return {};
}

QString RestorePlanModel::countText(PlanAction action, int n)
{
    switch (action) {
    case PlanAction::WouldCreate: return tr("%n to create", nullptr, n);
    case PlanAction::WouldUpdate: return tr("%n to update", nullptr, n);
    case PlanAction::Unchanged: return tr("%n unchanged", nullptr, n);
    case PlanAction::Conflict: return tr("%n conflict(s)", nullptr, n);
    case PlanAction::CannotRestore: return tr("%n cannot be restored", nullptr, n);
    }
    return {};
}

QIcon RestorePlanModel::actionIcon(PlanAction action)
{
    initResources();
    switch (action) {
    case PlanAction::WouldCreate: return QIcon(QStringLiteral(":/icons/action-create.svg"));
    case PlanAction::WouldUpdate: return QIcon(QStringLiteral(":/icons/action-update.svg"));
    case PlanAction::Unchanged: return outcomeIcon(ItemOutcome::Unchanged);
    case PlanAction::Conflict: return outcomeIcon(ItemOutcome::Conflict);
    case PlanAction::CannotRestore: return QIcon(QStringLiteral(":/icons/status-failed.svg"));
    }
    return {};
}

QString RestorePlanModel::detailsText(const restore::PlanItem& item)
{
    if (!item.reason.isEmpty())
        return item.reason;
    const int settings = int(item.diff.value(QStringLiteral("settings")).toArray().size());
    const int metadata = int(item.diff.value(QStringLiteral("metadata")).toArray().size());
    const QString assignments = item.diff.value(QStringLiteral("assignments")).toObject().value(QStringLiteral("summary")).toString();
    QStringList parts;
    switch (item.action) {
    case PlanAction::WouldCreate:
        parts.append(tr("Deleted from the tenant since the snapshot"));
        break;
    case PlanAction::WouldUpdate:
        if (settings > 0)
            parts.append(tr("%n setting(s)", nullptr, settings));
        if (metadata > 0)
            parts.append(tr("%n propert(y/ies)", nullptr, metadata));
        break;
    case PlanAction::Unchanged:
        return tr("Matches the snapshot");
    case PlanAction::Conflict:
    case PlanAction::CannotRestore:
        break;
    }
    if (!assignments.isEmpty())
        parts.append(assignments);
    return parts.join(QStringLiteral(" · "));
}

QList<PlanAction> RestorePlanModel::allActions()
{
    return {PlanAction::WouldCreate, PlanAction::WouldUpdate, PlanAction::Unchanged, PlanAction::Conflict,
            PlanAction::CannotRestore};
}

RestorePlanFilterModel::RestorePlanFilterModel(QObject* parent) : QSortFilterProxyModel(parent)
{
    setSortRole(UnderlyingDataRole);
    setSortCaseSensitivity(Qt::CaseInsensitive);
}

RestorePlanFilterModel::~RestorePlanFilterModel() = default;

void RestorePlanFilterModel::setAction(std::optional<PlanAction> action)
{
    // Qt 6.4 has no beginFilterChange(); invalidateFilter() re-runs filterAcceptsRow.
    m_action = action;
    invalidateFilter();
}

bool RestorePlanFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const
{
    if (!m_action)
        return true;
    const QModelIndex index = sourceModel()->index(sourceRow, int(RestorePlanModel::Column::Action), sourceParent);
    return index.data(UnderlyingDataRole).toString() == restore::planActionName(*m_action);
}

} // namespace pv::ui
