// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

#include "core/common/Result.h"
#include "core/common/TenantScope.h"
#include "core/runs/RunTypes.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QList>

#include <optional>

class QTimer;

namespace pv {
class RunService;
}

namespace pv::ui {

class RunReader;

/// The runs of one tenant. Loads the list once per tenant switch (a reset), then follows
/// RunService::runChanged row by row (dataChanged for known runs, an inserted row for new
/// ones) and applies later list reloads — after another process changed the store — as a
/// diff: never a reset per event. Every read runs off the GUI thread (RunReader).
class RunsModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RunsModel)

public:
    enum class Column { Kind, Status, Progress, Started, Duration, Count };

    explicit RunsModel(RunService& runService, QObject* parent = nullptr);
    ~RunsModel() override;

    /// Switches to another tenant (or none): empties the list and loads the new one.
    void setScope(const std::optional<TenantScope>& scope);
    const std::optional<TenantScope>& scope() const { return m_scope; }
    /// Re-reads the whole list off the GUI thread and applies what changed (store changed
    /// elsewhere, explicit refresh).
    void reload();
    /// True from a tenant switch until its list has arrived (the page says "Loading…").
    bool isLoading() const { return m_loading; }
    /// Re-reads one run (off the GUI thread) and then updates or inserts its row.
    void refreshRun(qint64 runId);
    /// True while a re-read is on its way (tests wait for it).
    bool isRefreshing() const;

    int rowOf(qint64 runId) const;
    qint64 runIdAt(int row) const;
    const RunRecord* record(int row) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

signals:
    /// A reload or refresh failed (text for a banner).
    void loadFailed(const QString& message);
    /// The first list of a tenant has arrived (or failed).
    void loaded();

private:
    void onRunChanged(qint64 tenantId, qint64 runId);
    void applyRun(const RunRecord& run);
    void applyList(qint64 tenantId, const Result<QList<RunRecord>>& runs);
    void tickDurations();
    void rebuildIndex();

    RunService& m_runService;
    RunReader* m_reader = nullptr;
    std::optional<TenantScope> m_scope;
    bool m_loading = false;
    QList<RunRecord> m_runs;
    QHash<qint64, int> m_rowById;
    QTimer* m_durationTimer = nullptr;
};

} // namespace pv::ui
