// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

#include "core/runs/RunTypes.h"
#include "core/store/TenantRepository.h"

#include <QMainWindow>

#include <functional>
#include <memory>

class QLabel;
class QListWidget;
class QStackedWidget;

namespace pv {
class AccessGate;
class Database;
class RunService;
class SnapshotRepository;
class StoreWatcher;
class TenantService;
}

namespace pv::ui {

class BackupController;
class DemoTenantAction;
class ExitController;
class MainMenu;
class MessageWidget;
class NoTenantPage;
class NotificationBellButton;
class NotificationCentre;
class Notifier;
class RunDetailPage;
class RunMessages;
class RunsPage;
class SnapshotsPage;
class PoliciesPage;
class SignInController;
class TenantActions;
class TenantSelector;

/// The frame: menu bar, tenant selector, navigation, page stack, notification bell and status
/// bar. Pages, menus and dialogs live in their own classes; this class only wires them to the
/// services it is given (no singletons) and routes "open this run" requests.
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
        /// Optional: reports commits of other processes, so their runs, notifications and
        /// tenants show up while the window is open.
        StoreWatcher* storeWatcher = nullptr;
        /// Optional: adds and removes tenants (File ▸ Add Tenant…, Remove Tenant…); without it
        /// those actions are disabled.
        const TenantService* tenantService = nullptr;
        /// Optional: the captured content; without it there is no Snapshots page.
        const SnapshotRepository* snapshots = nullptr;
        /// Optional: File ▸ Open Demo Tenant and the empty page's button. Blocking (starts
        /// graphsim, writes the keychain); the window runs it off the GUI thread. Without it
        /// those are hidden.
        std::function<Result<TenantRecord>()> openDemoTenant = nullptr;
        /// Optional, with `snapshots`: the store the Policies page lists policies from; without
        /// it there is no Policies page.
        std::shared_ptr<Database> database = nullptr;
    };

    explicit MainWindow(const Services& services, QWidget* parent = nullptr);
    ~MainWindow() override;

    /// Re-reads everything the window shows, off the GUI thread (the store changed elsewhere).
    void refreshFromStore();
    /// Selects a tenant by id; false when it is not in the list (yet).
    bool selectTenant(qint64 tenantId);
    qint64 currentTenantId() const;

    /// Shows the detail page of `runId` (switching tenant when needed).
    void openRun(qint64 tenantId, qint64 runId);
    void showRunsList();
    /// Shows the Snapshots page with `snapshotId` selected (0: keep the selection).
    void showSnapshots(qint64 snapshotId = 0);

    /// File ▸ Quit: asks first while runs are active.
    void requestQuit();
    void showAboutDialog();

    RunsPage* runsPage() const { return m_runsPage; }
    RunDetailPage* runDetailPage() const { return m_detailPage; }
    /// Null without a SnapshotRepository.
    SnapshotsPage* snapshotsPage() const { return m_snapshotsPage; }
    /// Null without a SnapshotRepository and a Database.
    PoliciesPage* policiesPage() const { return m_policiesPage; }
    /// Shows the Policies page (when there is one).
    void showPolicies();
    BackupController* backupController() const { return m_backup; }
    NotificationCentre* notificationCentre() const { return m_centre; }
    NotificationBellButton* notificationBell() const { return m_bell; }
    TenantSelector* tenantSelector() const { return m_tenantSelector; }
    MainMenu* mainMenu() const { return m_menu; }
    RunMessages* runMessages() const { return m_runMessages; }
    /// Null without a TenantService.
    TenantActions* tenantActions() const { return m_tenantActions; }
    /// Sign In…/Sign Out and "Signed in as …" for tenants that sign in as a person; null
    /// without a tenant service.
    SignInController* signInController() const { return m_signIn; }
    /// Null without Services::openDemoTenant.
    DemoTenantAction* demoTenantAction() const { return m_demoAction; }

signals:
    /// Quitting was confirmed (no active runs, or the user chose to cancel them): the
    /// composition root quits the application.
    void quitRequested();

protected:
    void changeEvent(QEvent* event) override;
    void closeEvent(QCloseEvent* event) override;

private:
    enum class Page { Runs, Snapshots, Policies };

    QWidget* buildCentralWidget();
    void connectMenu();
    void connectTenantActions();
    void editCurrentTenant();
    void connectDemoAction();
    void removeCurrentTenant();
    void updateTenantActions();
    void updateNavigationIcons();
    void showNavigatedPage();
    void onBackupStarted(qint64 tenantId, qint64 runId, bool reused);
    void onTenantChanged();
    void updateNoTenantState();
    void updateActiveRuns(int count);
    void updateUnreadCount();
    void raiseWindow();

    RunService& m_runService;
    const AccessGate& m_gate;
    const TenantRepository& m_tenantRepository;
    Notifier& m_notifier;
    RunMessages* m_runMessages = nullptr;

    MainMenu* m_menu = nullptr;
    ExitController* m_exit = nullptr;
    TenantSelector* m_tenantSelector = nullptr;
    NotificationBellButton* m_bell = nullptr;
    NotificationCentre* m_centre = nullptr;
    QListWidget* m_navigation = nullptr;
    QStackedWidget* m_stack = nullptr;
    MessageWidget* m_windowMessage = nullptr;
    NoTenantPage* m_noTenantPage = nullptr;
    TenantActions* m_tenantActions = nullptr;
    SignInController* m_signIn = nullptr;
    void updateSignIn();
    DemoTenantAction* m_demoAction = nullptr;
    qint64 m_selectWhenListed = 0;   ///< a tenant just added: select it once the list has it
    bool m_tenantBusy = false;
    RunsPage* m_runsPage = nullptr;
    RunDetailPage* m_detailPage = nullptr;
    SnapshotsPage* m_snapshotsPage = nullptr;
    PoliciesPage* m_policiesPage = nullptr;
    std::shared_ptr<Database> m_database;
    const SnapshotRepository* m_snapshots = nullptr;
    BackupController* m_backup = nullptr;
    QLabel* m_activeRuns = nullptr;
};

} // namespace pv::ui
