// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

#include "core/common/Result.h"
#include "core/common/TenantScope.h"
#include "core/store/SnapshotRepository.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QList>
#include <QMap>

#include <optional>

namespace pv::ui {

class RunReader;

/// One row of the snapshots list: the snapshot, its counts by type and what it changed.
struct SnapshotSummary
{
    SnapshotRecord record;
    QMap<QString, qint64> itemsByType;
    QMap<QString, TypeChanges> changes;
    bool first = false;     ///< no earlier snapshot of any of its types
};

/// The snapshots of one tenant, newest first. Every read runs off the GUI thread (RunReader);
/// finished snapshots never change, so a reload re-reads only new and unfinished ones.
class SnapshotsModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SnapshotsModel)

public:
    enum class Column { Taken, Status, Items, ByType, Changes, Count };

    SnapshotsModel(RunReader& reader, const SnapshotRepository& snapshots, QObject* parent = nullptr);
    ~SnapshotsModel() override;

    void setScope(const std::optional<TenantScope>& scope);
    const std::optional<TenantScope>& scope() const { return m_scope; }
    /// Re-reads the list off the GUI thread (a backup finished, the store changed elsewhere).
    void reload();
    /// True from a tenant switch until its list has arrived.
    bool isLoading() const { return m_loading; }
    /// True while any read of this model is on its way (tests wait for it).
    bool isReading() const { return m_delivered < m_requested; }

    int rowOf(qint64 snapshotId) const;
    const SnapshotSummary* summary(int row) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    /// "Settings catalog 12 · Scope tags 2" (types in the order people know them).
    static QString byTypeText(const QMap<QString, qint64>& itemsByType);
    /// "3 new · 1 changed · 1 deleted · 40 unchanged", "No changes", "First snapshot".
    static QString changesText(const SnapshotSummary& summary);

signals:
    void loaded();
    void loadFailed(const QString& message);

private:
    void apply(qint64 tenantId, const Result<QList<SnapshotSummary>>& list);

    RunReader& m_reader;
    const SnapshotRepository& m_snapshots;
    std::optional<TenantScope> m_scope;
    bool m_loading = false;
    // A read that waits is replaced by a newer one (whose `done` alone runs): the newest
    // request delivered means nothing is on its way.
    int m_requested = 0;
    int m_delivered = 0;
    QList<SnapshotSummary> m_rows;
};

} // namespace pv::ui
