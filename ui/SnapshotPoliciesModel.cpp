// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "ui/SnapshotPoliciesModel.h"

#include "ui/ModelRoles.h"
#include "ui/UiFormat.h"

#include <QFont>

namespace pv::ui {

Result<SnapshotDetailData> readSnapshotDetail(const SnapshotRepository& snapshots, const TenantScope& scope,
                                              qint64 snapshotId)
{
    SnapshotDetailData data;
    auto detail = snapshots.snapshot(scope, snapshotId);
    if (!detail)
        return detail.failure();
    data.detail = std::move(detail).value();
    auto changes = snapshots.changesSincePrevious(scope, snapshotId);
    if (!changes)
        return changes.failure();
    data.changes = std::move(changes).value();
    auto numbers = snapshots.versionNumbersInSnapshot(scope, snapshotId);
    if (!numbers)
        return numbers.failure();
    auto items = snapshots.snapshotItems(scope, snapshotId);
    if (!items)
        return items.failure();
    data.policies.reserve(items->size() + data.changes.deleted.size());
    for (const auto& [policy, version] : std::as_const(*items)) {
        const auto change = data.changes.changeOfPolicy.constFind(policy.id);
        data.policies.append(SnapshotPolicyRow{
            policy.id, policy.displayName, policy.typeKey, policy.platform, version.id, numbers->value(version.id),
            version.capturedAt,
            change != data.changes.changeOfPolicy.cend() ? std::optional(*change) : std::optional(PolicyChange::Created)});
    }
    for (const DeletedPolicy& gone : std::as_const(data.changes.deleted))
        data.policies.append(SnapshotPolicyRow{gone.policyId, gone.displayName, gone.typeKey, {}, gone.versionId, 0, {},
                                               std::nullopt});
    return data;
}

SnapshotPoliciesModel::SnapshotPoliciesModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

SnapshotPoliciesModel::~SnapshotPoliciesModel() = default;

void SnapshotPoliciesModel::setRows(QList<SnapshotPolicyRow> rows)
{
    beginResetModel();   // another snapshot: a full reload by nature
    m_rows = std::move(rows);
    endResetModel();
}

int SnapshotPoliciesModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int SnapshotPoliciesModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(Column::Count);
}

QString SnapshotPoliciesModel::changeText(const std::optional<PolicyChange>& change)
{
    if (!change)
        return tr("Deleted");
    switch (*change) {
    case PolicyChange::Created: return tr("New");
    case PolicyChange::Updated: return tr("Changed");
    case PolicyChange::Unchanged: return tr("Unchanged");
    }
    return {};
}

QVariant SnapshotPoliciesModel::data(const QModelIndex& index, int role) const
{
    Q_ASSERT(checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid));
    const SnapshotPolicyRow& row = m_rows.at(index.row());
    if (role == IdRole)
        return row.policyId;
    if (role == Qt::FontRole && !row.change) {
        // A deleted policy is not in the snapshot: listed for the comparison, set apart.
        QFont font;
        font.setItalic(true);
        return font;
    }

    switch (static_cast<Column>(index.column())) {
    case Column::Name:
        if (role == Qt::DisplayRole || role == Qt::ToolTipRole || role == UnderlyingDataRole)
            return row.displayName;
        break;
    case Column::Type:
        if (role == Qt::DisplayRole)
            return captureTypeText(row.typeKey);
        if (role == UnderlyingDataRole)
            return row.typeKey;
        break;
    case Column::Platform:
        if (role == Qt::DisplayRole || role == UnderlyingDataRole)
            return row.platform;
        break;
    case Column::Version:
        if (role == Qt::DisplayRole)
            return row.versionNumber > 0 ? tr("v%1").arg(row.versionNumber) : QString();
        if (role == UnderlyingDataRole)
            return row.versionNumber;
        if (role == Qt::TextAlignmentRole)
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        break;
    case Column::Change:
        if (role == Qt::DisplayRole)
            return changeText(row.change);
        if (role == UnderlyingDataRole)
            return row.change ? static_cast<int>(*row.change) : -1;
        break;
    case Column::Captured:
        if (role == Qt::DisplayRole)
            return formatDateTime(row.capturedAt);
        if (role == UnderlyingDataRole)
            return row.capturedAt;
        break;
    case Column::Count:
        break;
    }
    return {};
}

QVariant SnapshotPoliciesModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Horizontal && role == Qt::TextAlignmentRole && section == static_cast<int>(Column::Version))
        return QVariant(Qt::AlignRight | Qt::AlignVCenter);   // over its right-aligned numbers
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (static_cast<Column>(section)) {
    case Column::Name: return tr("Policy");
    case Column::Type: return tr("Type");
    case Column::Platform: return tr("Platform");
    case Column::Version: return tr("Version");
    case Column::Change: return tr("Since previous");
    case Column::Captured: return tr("Version captured");
    case Column::Count: break;
    }
    return {};
}

} // namespace pv::ui
