// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

#include "core/common/TenantScope.h"
#include "core/runs/RunTypes.h"

#include <QWidget>

#include <optional>

class QComboBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QStackedWidget;
class QTableView;
class QTimer;

namespace pv {
class RunService;
}

namespace pv::ui {

class MessageWidget;
class RunItemsFilterProxyModel;
class RunItemsModel;
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

    /// Shows `runId` of the tenant in `scope` (loads it at once).
    void setRun(const TenantScope& scope, qint64 runId);
    void clear();
    qint64 runId() const { return m_runId; }
    const std::optional<RunRecord>& run() const { return m_run; }
    /// Re-reads the run and appends new items (both off the GUI thread).
    void refresh();
    /// True while a read is on its way (tests wait for it).
    bool isLoading() const;

    RunItemsModel* itemsModel() const { return m_itemsModel; }
    RunItemsFilterProxyModel* itemsProxy() const { return m_itemsProxy; }

signals:
    void backRequested();
    /// Resume created (or found) a child run, or the parent link was clicked.
    void openRunRequested(qint64 runId);

private:
    void applyRun(const RunRecord& run);
    void applyItems(qint64 runId, const QList<RunItemRecord>& items);
    void cancelRun();
    void resumeRun();
    void updateHeader();
    void updateParameters();
    void updateBanner();
    void updateItemCount();

    RunService& m_runService;
    RunReader* m_reader = nullptr;
    std::optional<TenantScope> m_scope;
    qint64 m_runId = 0;
    std::optional<RunRecord> m_run;

    RunItemsModel* m_itemsModel = nullptr;
    RunItemsFilterProxyModel* m_itemsProxy = nullptr;
    QTimer* m_searchTimer = nullptr;
    QTimer* m_itemsTimer = nullptr;

    QLabel* m_title = nullptr;
    QLabel* m_statusIcon = nullptr;
    QLabel* m_statusText = nullptr;
    QProgressBar* m_progress = nullptr;
    QPushButton* m_cancel = nullptr;
    QPushButton* m_resume = nullptr;
    MessageWidget* m_banner = nullptr;
    MessageWidget* m_actionMessage = nullptr;
    QLabel* m_started = nullptr;
    QLabel* m_finished = nullptr;
    QLabel* m_duration = nullptr;
    QLabel* m_initiator = nullptr;
    QLabel* m_parent = nullptr;
    QFormLayout* m_parameters = nullptr;
    QComboBox* m_outcomeFilter = nullptr;
    QLineEdit* m_search = nullptr;
    QLabel* m_itemCount = nullptr;
    QStackedWidget* m_itemsStack = nullptr;
    QTableView* m_itemsView = nullptr;
    QLabel* m_itemsEmpty = nullptr;
};

} // namespace pv::ui
