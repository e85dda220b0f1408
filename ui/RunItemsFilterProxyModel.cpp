// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "ui/RunItemsFilterProxyModel.h"

#include "ui/ModelRoles.h"
#include "ui/RunItemsModel.h"

namespace pv::ui {

RunItemsFilterProxyModel::RunItemsFilterProxyModel(QObject* parent)
    : QSortFilterProxyModel(parent)
{
    setSortRole(UnderlyingDataRole);
    setDynamicSortFilter(true);
}

RunItemsFilterProxyModel::~RunItemsFilterProxyModel() = default;

void RunItemsFilterProxyModel::setOutcomeFilter(std::optional<ItemOutcome> outcome)
{
    if (m_outcome == outcome)
        return;
    m_outcome = outcome;
    invalidateFilter();
}

void RunItemsFilterProxyModel::setSearchText(const QString& text)
{
    const QString trimmed = text.trimmed();
    if (m_search == trimmed)
        return;
    m_search = trimmed;
    invalidateFilter();
}

bool RunItemsFilterProxyModel::filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const
{
    using Column = RunItemsModel::Column;
    const QAbstractItemModel* model = sourceModel();
    if (m_outcome) {
        const int outcome = model->index(sourceRow, static_cast<int>(Column::Outcome), sourceParent)
                                .data(UnderlyingDataRole)
                                .toInt();
        if (outcome != static_cast<int>(*m_outcome))
            return false;
    }
    if (m_search.isEmpty())
        return true;
    for (const Column column : {Column::Item, Column::Message, Column::RequestId}) {
        const QModelIndex index = model->index(sourceRow, static_cast<int>(column), sourceParent);
        if (index.data(Qt::DisplayRole).toString().contains(m_search, Qt::CaseInsensitive))
            return true;
    }
    return false;
}

} // namespace pv::ui
