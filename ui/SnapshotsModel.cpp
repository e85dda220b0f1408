// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "ui/SnapshotsModel.h"

#include "core/store/CaptureTypes.h"
#include "ui/ModelRoles.h"
#include "ui/RunReader.h"
#include "ui/UiFormat.h"

#include <QIcon>
#include <QStringList>

namespace pv::ui {

namespace {

/// The captured types first, in the product's order, then any other key.
QStringList orderedTypes(const QStringList& keys)
{
    QStringList out;
    for (const QString& type : CaptureTypes::captured()) {
        if (keys.contains(type))
            out.append(type);
    }
    for (const QString& type : keys) {
        if (!out.contains(type))
            out.append(type);
    }
    return out;
}

QString incompleteText(const SnapshotRecord& record)
{
    QStringList names;
    for (const QString& type : orderedTypes(record.incompleteTypes))
        names.append(captureTypeText(type));
    return names.join(QStringLiteral(", "));
}

Result<QList<SnapshotSummary>> readSummaries(const SnapshotRepository& snapshots, const TenantScope& scope,
                                             const QHash<qint64, SnapshotSummary>& known)
{
    auto list = snapshots.listSnapshots(scope);
    if (!list)
        return list.failure();
    QList<SnapshotSummary> out;
    out.reserve(list->size());
    for (const SnapshotRecord& record : *list) {
        // A finished snapshot never changes: reuse what an earlier read found.
        const auto cached = known.constFind(record.id);
        if (cached != known.cend() && cached->record.finishedAt.isValid()) {
            out.append(*cached);
            continue;
        }
        auto detail = snapshots.snapshot(scope, record.id);
        if (!detail)
            return detail.failure();
        auto changes = snapshots.changesSincePrevious(scope, record.id);
        if (!changes)
            return changes.failure();
        out.append(SnapshotSummary{detail->snapshot, detail->itemsByType, changes->byType, changes->isFirst()});
    }
    return out;
}

} // namespace

SnapshotsModel::SnapshotsModel(RunReader& reader, const SnapshotRepository& snapshots, QObject* parent)
    : QAbstractTableModel(parent)
    , m_reader(reader)
    , m_snapshots(snapshots)
{
}

SnapshotsModel::~SnapshotsModel() = default;

void SnapshotsModel::setScope(const std::optional<TenantScope>& scope)
{
    beginResetModel();
    m_rows.clear();
    m_scope = scope;
    m_loading = scope.has_value();
    endResetModel();
    reload();
}

void SnapshotsModel::reload()
{
    if (!m_scope)
        return;
    QHash<qint64, SnapshotSummary> known;
    for (const SnapshotSummary& row : std::as_const(m_rows))
        known.insert(row.record.id, row);
    const qint64 tenantId = m_scope->tenantId();
    const int generation = ++m_requested;
    m_reader.submit<Result<QList<SnapshotSummary>>>(
        QStringLiteral("snapshots"), this,
        [&snapshots = m_snapshots, scope = *m_scope, known = std::move(known)] {
            return readSummaries(snapshots, scope, known);
        },
        [this, tenantId, generation](Result<QList<SnapshotSummary>> list) {
            m_delivered = generation;
            apply(tenantId, list);
        });
}

void SnapshotsModel::apply(qint64 tenantId, const Result<QList<SnapshotSummary>>& list)
{
    if (!m_scope || m_scope->tenantId() != tenantId)
        return;   // the user switched tenants meanwhile; that tenant's read follows
    m_loading = false;
    if (!list) {
        emit loadFailed(list.error().displayText());
        emit loaded();
        return;
    }
    // Snapshots only appear (newest first) or finish: insert the new rows at the top, update
    // the rest in place, so the selection and scroll position survive a reload.
    const QList<SnapshotSummary>& fresh = *list;
    const qsizetype added = fresh.size() - m_rows.size();
    bool sameTail = added >= 0;
    for (qsizetype i = 0; sameTail && i < m_rows.size(); ++i)
        sameTail = m_rows.at(i).record.id == fresh.at(i + added).record.id;
    if (!sameTail) {
        beginResetModel();
        m_rows = fresh;
        endResetModel();
    } else {
        if (added > 0) {
            beginInsertRows({}, 0, int(added) - 1);
            m_rows = fresh.mid(0, added) + m_rows;
            endInsertRows();
        }
        for (qsizetype i = added; i < fresh.size(); ++i) {
            const SnapshotRecord& before = m_rows.at(i).record;
            const SnapshotRecord& after = fresh.at(i).record;
            if (before.finishedAt != after.finishedAt || before.itemCount != after.itemCount
                || before.complete != after.complete) {
                m_rows[i] = fresh.at(i);
                emit dataChanged(index(int(i), 0), index(int(i), columnCount() - 1));
            }
        }
    }
    emit loaded();
}

int SnapshotsModel::rowOf(qint64 snapshotId) const
{
    for (int row = 0; row < m_rows.size(); ++row) {
        if (m_rows.at(row).record.id == snapshotId)
            return row;
    }
    return -1;
}

const SnapshotSummary* SnapshotsModel::summary(int row) const
{
    return row >= 0 && row < m_rows.size() ? &m_rows.at(row) : nullptr;
}

int SnapshotsModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int SnapshotsModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(Column::Count);
}

QString SnapshotsModel::byTypeText(const QMap<QString, qint64>& itemsByType)
{
    QStringList parts;
    for (const QString& type : orderedTypes(itemsByType.keys()))
        parts.append(tr("%1 %2").arg(captureTypeText(type)).arg(itemsByType.value(type)));
    return parts.join(QStringLiteral(" · "));
}

QString SnapshotsModel::changesText(const SnapshotSummary& summary)
{
    if (!summary.record.finishedAt.isValid())
        return tr("Capture in progress");
    if (summary.first)
        return tr("First snapshot");
    TypeChanges total;
    bool deletionsCounted = true;
    for (const TypeChanges& t : summary.changes) {
        total.created += t.created;
        total.updated += t.updated;
        total.unchanged += t.unchanged;
        total.deleted += t.deleted;
        deletionsCounted = deletionsCounted && t.deletionsCounted;
    }
    QStringList parts;
    if (total.created > 0)
        parts.append(tr("%n new", nullptr, int(total.created)));
    if (total.updated > 0)
        parts.append(tr("%n changed", nullptr, int(total.updated)));
    if (total.deleted > 0)
        parts.append(tr("%n deleted", nullptr, int(total.deleted)));
    if (parts.isEmpty())
        return deletionsCounted ? tr("No changes") : tr("No changes seen (incomplete)");
    if (total.unchanged > 0)
        parts.append(tr("%n unchanged", nullptr, int(total.unchanged)));
    return parts.join(QStringLiteral(" · "));
}

QVariant SnapshotsModel::data(const QModelIndex& index, int role) const
{
    Q_ASSERT(checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid));
    const SnapshotSummary& row = m_rows.at(index.row());
    const SnapshotRecord& record = row.record;
    if (role == IdRole)
        return record.id;

    switch (static_cast<Column>(index.column())) {
    case Column::Taken:
        if (role == Qt::DisplayRole)
            return formatDateTime(record.createdAt);
        if (role == UnderlyingDataRole)
            return record.createdAt;
        break;
    case Column::Status:
        if (role == Qt::DisplayRole) {
            if (!record.finishedAt.isValid())
                return tr("In progress");
            if (record.complete)
                return tr("Complete");
            const QString types = incompleteText(record);
            return types.isEmpty() ? tr("Incomplete") : tr("Incomplete: %1").arg(types);
        }
        if (role == Qt::ToolTipRole && record.finishedAt.isValid() && !record.complete)
            return tr("Not every page of these types arrived, so the snapshot may lack some of their policies: %1")
                .arg(incompleteText(record));
        if (role == Qt::DecorationRole)
            return statusIcon(!record.finishedAt.isValid() ? RunStatus::Running
                              : record.complete            ? RunStatus::Succeeded
                                                           : RunStatus::PartiallySucceeded);
        if (role == UnderlyingDataRole)
            return record.complete;
        break;
    case Column::Items:
        if (role == Qt::DisplayRole || role == UnderlyingDataRole)
            return record.itemCount;
        if (role == Qt::TextAlignmentRole)
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        break;
    case Column::ByType:
        if (role == Qt::DisplayRole || role == Qt::ToolTipRole)
            return byTypeText(row.itemsByType);
        break;
    case Column::Changes:
        if (role == Qt::DisplayRole || role == Qt::ToolTipRole)
            return changesText(row);
        break;
    case Column::Count:
        break;
    }
    return {};
}

QVariant SnapshotsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Horizontal && role == Qt::TextAlignmentRole && section == static_cast<int>(Column::Items))
        return QVariant(Qt::AlignRight | Qt::AlignVCenter);   // over its right-aligned numbers
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (static_cast<Column>(section)) {
    case Column::Taken: return tr("Taken");
    case Column::Status: return tr("Status");
    case Column::Items: return tr("Policies");
    case Column::ByType: return tr("By type");
    case Column::Changes: return tr("Since the previous snapshot");
    case Column::Count: break;
    }
    return {};
}

} // namespace pv::ui
