// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "ui/RunItemsModel.h"

#include "ui/ModelRoles.h"
#include "ui/UiFormat.h"

namespace pv::ui {

RunItemsModel::RunItemsModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

RunItemsModel::~RunItemsModel() = default;

void RunItemsModel::clear()
{
    beginResetModel();
    m_items.clear();
    m_lastOrdinal = -1;
    endResetModel();
}

int RunItemsModel::appendItems(const QList<RunItemRecord>& items)
{
    QList<RunItemRecord> fresh;
    for (const RunItemRecord& item : items) {
        if (item.ordinal > m_lastOrdinal)
            fresh.append(item);
    }
    if (fresh.isEmpty())
        return 0;
    const int first = int(m_items.size());
    beginInsertRows({}, first, first + int(fresh.size()) - 1);
    for (RunItemRecord& item : fresh) {
        m_lastOrdinal = qMax(m_lastOrdinal, item.ordinal);
        m_items.append(std::move(item));
    }
    endInsertRows();
    return int(m_items.size()) - first;
}

void RunItemsModel::setKind(const QString& kind)
{
    if (m_kind == kind)
        return;
    m_kind = kind;
    if (!m_items.isEmpty()) {
        const int column = static_cast<int>(Column::Outcome);
        emit dataChanged(index(0, column), index(rowCount() - 1, column), {Qt::DisplayRole});
    }
}

int RunItemsModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_items.size());
}

int RunItemsModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(Column::Count);
}

QVariant RunItemsModel::data(const QModelIndex& index, int role) const
{
    Q_ASSERT(checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid));
    const RunItemRecord& item = m_items.at(index.row());
    if (role == IdRole)
        return item.ordinal;

    switch (static_cast<Column>(index.column())) {
    case Column::Ordinal:
        if (role == Qt::DisplayRole)
            return QString::number(item.ordinal + 1);
        if (role == UnderlyingDataRole)
            return item.ordinal;
        if (role == Qt::TextAlignmentRole)
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        break;
    case Column::Item:
        if (role == Qt::DisplayRole)
            return item.displayName.isEmpty() ? item.itemKey : item.displayName;
        if (role == Qt::ToolTipRole)
            return item.itemKey;
        if (role == UnderlyingDataRole)
            return item.displayName;
        break;
    case Column::Outcome:
        if (role == Qt::DisplayRole)
            return outcomeText(item.outcome, m_kind);
        if (role == Qt::DecorationRole)
            return outcomeIcon(item.outcome);
        if (role == UnderlyingDataRole)
            return static_cast<int>(item.outcome);
        break;
    case Column::Message:
        if (role == Qt::DisplayRole || role == Qt::ToolTipRole || role == UnderlyingDataRole)
            return item.message;
        break;
    case Column::RequestId:
        if (role == Qt::DisplayRole || role == UnderlyingDataRole)
            return item.requestId;
        break;
    case Column::Duration:
        if (role == Qt::DisplayRole)
            return formatDuration(std::chrono::milliseconds(item.durationMs));
        if (role == UnderlyingDataRole)
            return item.durationMs;
        if (role == Qt::TextAlignmentRole)
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        break;
    case Column::Count:
        break;
    }
    return {};
}

QVariant RunItemsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (static_cast<Column>(section)) {
    case Column::Ordinal: return tr("#");
    case Column::Item: return tr("Item");
    case Column::Outcome: return tr("Outcome");
    case Column::Message: return tr("Message");
    case Column::RequestId: return tr("Request ID");
    case Column::Duration: return tr("Duration");
    case Column::Count: break;
    }
    return {};
}

} // namespace pv::ui
