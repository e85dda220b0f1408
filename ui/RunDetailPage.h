// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

#include "core/common/TenantScope.h"
#include "core/runs/RunTypes.h"

#include <QWidget>

#include <optional>

class QFormLayout;
class QLabel;
class QProgressBar;
class QPushButton;
class QTabWidget;
class QTimer;

namespace pv {
class AuditLog;
class RunService;
class SnapshotRepository;
}

namespace pv::ui {

class BackgroundWriter;
class MessageWidget;
class RunItemsFilterProxyModel;
class RunItemsModel;
class RunAuditPanel;
class RunItemsPanel;
class RunReader;

/// One run: parameters, live status and progress, the per-item outcomes (filter + search),
/// the error summary in a banner, Cancel and Resume. Follows RunService::runChanged for its
/// run and appends only the items it has not loaded yet.
class RunDetailPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RunDetailPage)

public:
    explicit RunDetailPage(RunService& runService, QWidget* parent = nullptr);
    ~RunDetailPage() override;

    /// Shows `runId` of the tenant in `scope`. The record and the items are read off the GUI
    /// thread; `known` (e.g. the runs list's copy) fills the header until the read arrives.
    void setRun(const TenantScope& scope, qint64 runId, const RunRecord* known = nullptr);
    void clear();
    /// Lets a finished backup offer "Open snapshot" (optional; must outlive the page).
    void setSnapshotRepository(const SnapshotRepository* snapshots) { m_snapshots = snapshots; }
    /// Lets a restore run show its audit trail (optional; must outlive the page).
    void setAuditLog(const AuditLog* log);
    /// The "Items" / "Audit trail" tabs (the audit tab is there for restore runs only).
    QTabWidget* sections() const { return m_sections; }
    RunAuditPanel* auditPanel() const { return m_audit; }
    /// The snapshot the shown backup run wrote, once known (0: none, or not read yet).
    qint64 snapshotId() const { return m_snapshotId; }
    qint64 runId() const { return m_runId; }
    const std::optional<RunRecord>& run() const { return m_run; }
    /// Re-reads the run and appends new items (both off the GUI thread).
    void refresh();
    /// True while a read is on its way (tests wait for it).
    bool isLoading() const;
    /// True while Cancel or Resume is being written (tests wait for it).
    bool isWriting() const;

    RunItemsModel* itemsModel() const;
    RunItemsFilterProxyModel* itemsProxy() const;

signals:
    void backRequested();
    /// Resume created (or found) a child run, or the parent link was clicked.
    void openRunRequested(qint64 runId);
    /// "Open snapshot" on a finished backup run.
    void openSnapshotRequested(qint64 snapshotId);

private:
    void applyRun(const RunRecord& run);
    void applyItems(qint64 runId, const QList<RunItemRecord>& items);
    void cancelRun();
    void resumeRun();
    void updateHeader();
    void updateParameters();
    void updateBanner();
    void updateItemsState();
    void updateAuditTab();
    void findSnapshot();
    void updateSnapshotButton();

    RunService& m_runService;
    const SnapshotRepository* m_snapshots = nullptr;
    qint64 m_snapshotId = 0;
    bool m_snapshotSearched = false;   ///< the lookup ran for the run's current (ended) state
    RunReader* m_reader = nullptr;
    BackgroundWriter* m_writer = nullptr;   ///< Cancel and Resume write off the GUI thread
    std::optional<TenantScope> m_scope;
    qint64 m_runId = 0;
    std::optional<RunRecord> m_run;

    RunItemsPanel* m_items = nullptr;
    RunAuditPanel* m_audit = nullptr;
    QTabWidget* m_sections = nullptr;
    QTimer* m_itemsTimer = nullptr;

    QLabel* m_title = nullptr;
    QLabel* m_statusIcon = nullptr;
    QLabel* m_statusText = nullptr;
    QProgressBar* m_progress = nullptr;
    QPushButton* m_cancel = nullptr;
    QPushButton* m_resume = nullptr;
    QPushButton* m_openSnapshot = nullptr;
    MessageWidget* m_banner = nullptr;
    MessageWidget* m_actionMessage = nullptr;
    QLabel* m_started = nullptr;
    QLabel* m_finished = nullptr;
    QLabel* m_duration = nullptr;
    QLabel* m_initiator = nullptr;
    QLabel* m_parent = nullptr;
    QFormLayout* m_parameters = nullptr;
};

} // namespace pv::ui
