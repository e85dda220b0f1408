// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

#include "core/common/TenantScope.h"

#include <QWidget>

#include <optional>

class QAction;
class QComboBox;
class QHBoxLayout;
class QLabel;
class QStackedWidget;
class QTableView;

namespace pv {
class RunService;
}

namespace pv::ui {

class MessageWidget;
class RunsFilterProxyModel;
class RunsModel;

/// The list of a tenant's runs: status filter, count, table with progress bars. Double-click
/// or Enter on a row asks to open that run's detail.
class RunsPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RunsPage)

public:
    explicit RunsPage(RunService& runService, QWidget* parent = nullptr);
    ~RunsPage() override;

    void setScope(const std::optional<TenantScope>& scope);
    /// Puts a button for `action` ("Back up now") at the end of the page header.
    void addHeaderAction(QAction* action);
    /// Selects the run's row now, or as soon as the list holds it (a run just started).
    void selectRun(qint64 runId);
    qint64 selectedRunId() const;

    RunsModel* model() const { return m_model; }
    RunsFilterProxyModel* proxy() const { return m_proxy; }
    QTableView* view() const { return m_view; }

signals:
    void openRunRequested(qint64 runId);

private:
    void updateCountAndEmptyState();
    void selectPendingRun();

    RunsModel* m_model = nullptr;
    RunsFilterProxyModel* m_proxy = nullptr;
    QComboBox* m_statusFilter = nullptr;
    QLabel* m_countLabel = nullptr;
    QStackedWidget* m_stack = nullptr;
    QTableView* m_view = nullptr;
    QLabel* m_emptyState = nullptr;
    MessageWidget* m_message = nullptr;
    QHBoxLayout* m_header = nullptr;
    qint64 m_selectWhenListed = 0;
};

} // namespace pv::ui
