// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

#include "core/common/TenantScope.h"
#include "core/runs/RunTypes.h"
#include "core/store/TenantRepository.h"

#include <QHash>
#include <QList>
#include <QMainWindow>

#include <optional>

class QComboBox;
class QLabel;
class QListWidget;
class QStackedWidget;

namespace pv {
class AccessGate;
class RunService;
}

namespace pv::ui {

class NotificationBellButton;
class NotificationCentre;
class Notifier;
class RunDetailPage;
class RunsPage;

/// The frame: tenant selector, navigation, page stack, notification bell and status bar.
/// Pages live in their own classes; this class only wires them to the services it is
/// given (no singletons) and routes "open this run" requests.
class MainWindow final : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)

public:
    /// What the composition root hands over; all must outlive the window.
    struct Services
    {
        RunService& runs;
        const AccessGate& gate;
        const TenantRepository& tenants;
        Notifier& notifier;
    };

    explicit MainWindow(const Services& services, QWidget* parent = nullptr);
    ~MainWindow() override;

    /// Re-reads the tenant list (keeps the current tenant when it still exists).
    void reloadTenants();
    /// Selects a tenant by id; false when it is not in the list.
    bool selectTenant(qint64 tenantId);
    qint64 currentTenantId() const;

    /// Shows the detail page of `runId` (switching tenant when needed).
    void openRun(qint64 tenantId, qint64 runId);
    void showRunsList();

    RunsPage* runsPage() const { return m_runsPage; }
    RunDetailPage* runDetailPage() const { return m_detailPage; }
    NotificationCentre* notificationCentre() const { return m_centre; }
    NotificationBellButton* notificationBell() const { return m_bell; }

protected:
    void changeEvent(QEvent* event) override;

private:
    enum class Page { Runs };   // Policies and Snapshots join here

    void updateNavigationIcons();
    void onTenantChanged();
    void onRunFinished(qint64 tenantId, qint64 runId, RunStatus status);
    void updateActiveRuns(int count);
    void updateUnreadCount();
    void raiseWindow();
    QString tenantName(qint64 tenantId) const;

    RunService& m_runService;
    const AccessGate& m_gate;
    const TenantRepository& m_tenantRepository;
    Notifier& m_notifier;

    QList<TenantRecord> m_tenants;
    std::optional<TenantScope> m_scope;
    QHash<qint64, qint64> m_tenantOfNotifiedRun;

    QComboBox* m_tenantCombo = nullptr;
    NotificationBellButton* m_bell = nullptr;
    NotificationCentre* m_centre = nullptr;
    QListWidget* m_navigation = nullptr;
    QStackedWidget* m_stack = nullptr;
    QWidget* m_noTenantPage = nullptr;
    RunsPage* m_runsPage = nullptr;
    RunDetailPage* m_detailPage = nullptr;
    QLabel* m_activeRuns = nullptr;
};

} // namespace pv::ui
