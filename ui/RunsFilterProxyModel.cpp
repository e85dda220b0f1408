// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "ui/RunsFilterProxyModel.h"

#include "ui/ModelRoles.h"
#include "ui/RunsModel.h"

namespace pv::ui {

RunsFilterProxyModel::RunsFilterProxyModel(QObject* parent)
    : QSortFilterProxyModel(parent)
{
    setSortRole(UnderlyingDataRole);
    setFilterRole(UnderlyingDataRole);
    setFilterKeyColumn(static_cast<int>(RunsModel::Column::Status));
    // Dynamic, so a run that ends leaves the "Active" filter at once. The page sorts by
    // start time, which does not change while a run progresses, so rows do not jump.
    setDynamicSortFilter(true);
}

RunsFilterProxyModel::~RunsFilterProxyModel() = default;

void RunsFilterProxyModel::setStatusFilter(StatusFilter filter)
{
    if (m_filter == filter)
        return;
    m_filter = filter;
    invalidateFilter();
}

bool RunsFilterProxyModel::filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const
{
    const QModelIndex index = sourceModel()->index(sourceRow, filterKeyColumn(), sourceParent);
    const auto status = static_cast<RunStatus>(index.data(UnderlyingDataRole).toInt());
    switch (m_filter) {
    case StatusFilter::All: return true;
    case StatusFilter::Active: return isActive(status);
    case StatusFilter::Succeeded: return status == RunStatus::Succeeded;
    case StatusFilter::PartiallySucceeded: return status == RunStatus::PartiallySucceeded;
    case StatusFilter::Failed: return status == RunStatus::Failed;
    case StatusFilter::Cancelled: return status == RunStatus::Cancelled;
    case StatusFilter::Interrupted: return status == RunStatus::Interrupted;
    }
    return true;
}

} // namespace pv::ui
