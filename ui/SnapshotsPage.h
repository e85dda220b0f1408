// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

#include "core/common/TenantScope.h"

#include <QWidget>

#include <optional>

class QAction;
class QLabel;
class QSplitter;
class QStackedWidget;
class QTableView;
class QToolButton;

namespace pv {
class RunService;
class SnapshotRepository;
}

namespace pv::ui {

class MessageWidget;
class RunReader;
class SnapshotDetailPanel;
class SnapshotsModel;

/// A tenant's snapshots, newest first (time, complete or not, counts by type, what changed
/// since the previous one), and below the list the selected snapshot's detail. Reads run off
/// the GUI thread.
class SnapshotsPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SnapshotsPage)

public:
    /// `backUpNow` (optional) gets a button in the empty state.
    SnapshotsPage(RunService& runService, const SnapshotRepository& snapshots, QAction* backUpNow = nullptr,
                  QWidget* parent = nullptr);
    ~SnapshotsPage() override;

    void setScope(const std::optional<TenantScope>& scope);
    /// Re-reads the list (and the selected snapshot) off the GUI thread.
    void reload();
    /// Selects the snapshot, now or as soon as the list holds it.
    void selectSnapshot(qint64 snapshotId);
    qint64 selectedSnapshotId() const;
    /// True while the list or the selected snapshot is being read (tests wait for it).
    bool isLoading() const;

    SnapshotsModel* model() const { return m_model; }
    QTableView* view() const { return m_view; }
    SnapshotDetailPanel* detail() const { return m_detail; }

signals:
    void openRunRequested(qint64 runId);
    /// "Restore…" on the selected snapshot (policyIds: the rows selected in it, or empty).
    void restoreRequested(qint64 snapshotId, const QList<qint64>& policyIds);

private:
    void onLoaded();
    void readSelected();
    void updateCountAndEmptyState();

    RunService& m_runService;
    const SnapshotRepository& m_snapshots;
    RunReader* m_reader = nullptr;
    SnapshotsModel* m_model = nullptr;
    std::optional<TenantScope> m_scope;
    qint64 m_selectWhenListed = 0;
    int m_detailRequested = 0;   ///< generations, as in SnapshotsModel
    int m_detailDelivered = 0;
    bool m_hasBackUpNow = false;
    bool m_fitListOnLoad = true;   ///< size the list to its rows when the tenant's list arrives

    QLabel* m_countLabel = nullptr;
    MessageWidget* m_message = nullptr;
    QStackedWidget* m_stack = nullptr;
    QSplitter* m_splitter = nullptr;
    QTableView* m_view = nullptr;
    SnapshotDetailPanel* m_detail = nullptr;
    QWidget* m_emptyPage = nullptr;
    QLabel* m_emptyState = nullptr;
    QToolButton* m_emptyButton = nullptr;   ///< "Back up now", when the page was given the action
};

} // namespace pv::ui
