// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "ui/MainWindow.h"

#include "core/runs/AccessGate.h"
#include "core/runs/RunService.h"
#include "core/runs/TenantService.h"
#include "core/store/StoreWatcher.h"
#include "ui/AboutDialog.h"
#include "ui/BackupController.h"
#include "ui/DemoTenantAction.h"
#include "ui/ExitController.h"
#include "ui/MainMenu.h"
#include "ui/MessageWidget.h"
#include "ui/NotificationBellButton.h"
#include "ui/NotificationCentre.h"
#include "ui/NoTenantPage.h"
#include "ui/NotificationsModel.h"
#include "ui/Notifier.h"
#include "ui/RunDetailPage.h"
#include "ui/RunMessages.h"
#include "ui/RunsModel.h"
#include "ui/RunsPage.h"
#include "ui/PoliciesPage.h"
#include "ui/SnapshotsPage.h"
#include "ui/SignInController.h"
#include "ui/TenantActions.h"
#include "ui/TenantSelector.h"
#include "ui/UiFormat.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QComboBox>
#include <QListWidget>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QStackedWidget>
#include <QStatusBar>
#include <QToolBar>
#include <QVBoxLayout>

#include <optional>

namespace pv::ui {

namespace {
// QSettings key of the window's geometry (size, position, maximized).
const QString GeometryKey = QStringLiteral("window/geometry");
} // namespace

MainWindow::MainWindow(const Services& services, QWidget* parent)
    : QMainWindow(parent)
    , m_runService(services.runs)
    , m_gate(services.gate)
    , m_tenantRepository(services.tenants)
    , m_notifier(services.notifier)
    , m_runMessages(new RunMessages(services.runs, services.gate, services.tenants, services.notifier, this))
{
    m_snapshots = services.snapshots;
    m_database = services.database;
    if (services.tenantService)
        m_tenantActions = new TenantActions(*services.tenantService, this);
    if (services.openDemoTenant)
        m_demoAction = new DemoTenantAction(services.openDemoTenant, this);
    initResources();
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(tr("PolicyVault"));
    setWindowIcon(appIcon());
    resize(1200, 760);

    m_menu = new MainMenu(this);
    m_exit = new ExitController(m_runService, m_notifier, this);
    m_backup = new BackupController(m_runService, m_menu->backUpNow(), this);

    // Toolbar: tenant selector on the left, bell on the right.
    auto* toolBar = addToolBar(tr("Main"));
    toolBar->setObjectName(QStringLiteral("mainToolBar"));
    toolBar->setMovable(false);
    toolBar->setFloatable(false);
    toolBar->toggleViewAction()->setVisible(false);
    m_tenantSelector = new TenantSelector(m_runService, m_gate, m_tenantRepository, toolBar);
    toolBar->addWidget(m_tenantSelector);
    if (services.tenantService) {
        m_signIn = new SignInController(services.tenantService->secretStore(), m_menu->signIn(), m_menu->signOut(), this);
        m_signIn->setStatusAction(toolBar->addWidget(m_signIn->statusWidget()));
        m_tenantSelector->comboBox()->addActions({m_menu->signIn(), m_menu->signOut()});
    } else {
        m_menu->signIn()->setVisible(false);
        m_menu->signOut()->setVisible(false);
    }
    toolBar->addSeparator();
    toolBar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    toolBar->addAction(m_menu->backUpNow());
    auto* spacer = new QWidget(toolBar);
    spacer->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    toolBar->addWidget(spacer);
    m_bell = new NotificationBellButton(toolBar);
    m_bell->setEnabled(false);   // until a tenant is selected
    toolBar->addWidget(m_bell);

    m_centre = new NotificationCentre(m_runService, this);
    m_centre->hide();
    setCentralWidget(buildCentralWidget());

    // Status bar.
    m_activeRuns = new QLabel(this);
    m_activeRuns->setObjectName(QStringLiteral("activeRunsLabel"));
    m_activeRuns->setContentsMargins(6, 0, 6, 0);
    statusBar()->addPermanentWidget(m_activeRuns);
    updateActiveRuns(m_runService.activeRunCount());

    connectMenu();
    connectTenantActions();
    connectDemoAction();
    connect(m_tenantSelector, &TenantSelector::currentScopeChanged, this, &MainWindow::onTenantChanged);
    connect(m_tenantSelector, &TenantSelector::tenantsChanged, this, &MainWindow::updateNoTenantState);
    connect(m_tenantSelector, &TenantSelector::tenantsChanged, this, &MainWindow::updateSignIn);
    if (m_signIn) {
        connect(m_signIn, &SignInController::problem, this, [this](const QString& message) {
            m_windowMessage->parentWidget()->show();
            m_windowMessage->showMessage(MessageWidget::Type::Error, message);
        });
    }
    connect(m_navigation, &QListWidget::currentRowChanged, this, &MainWindow::showNavigatedPage);
    connect(m_backup, &BackupController::runStarted, this, &MainWindow::onBackupStarted);
    connect(m_backup, &BackupController::startFailed, this, [this](const QString& message) {
        m_windowMessage->parentWidget()->show();
        m_windowMessage->showMessage(MessageWidget::Type::Error, message);
    });
    connect(m_detailPage, &RunDetailPage::openSnapshotRequested, this, [this](qint64 snapshotId) {
        showSnapshots(snapshotId);
    });
    if (m_snapshotsPage) {
        connect(m_snapshotsPage, &SnapshotsPage::openRunRequested, this, [this](qint64 runId) {
            m_navigation->setCurrentRow(0);
            openRun(currentTenantId(), runId);
        });
    }
    connect(m_bell, &QToolButton::clicked, this, [this] { m_centre->popup(m_bell); });
    connect(m_centre, &NotificationCentre::unreadCountChanged, this, &MainWindow::updateUnreadCount);
    connect(m_centre, &NotificationCentre::openRunRequested, this, &MainWindow::openRun);
    connect(m_runsPage, &RunsPage::openRunRequested, this,
            [this](qint64 runId) { openRun(currentTenantId(), runId); });
    connect(m_detailPage, &RunDetailPage::backRequested, this, &MainWindow::showRunsList);
    connect(m_detailPage, &RunDetailPage::openRunRequested, this, [this](qint64 runId) {
        m_runsPage->model()->refreshRun(runId);
        openRun(currentTenantId(), runId);
    });
    connect(&m_runService, &RunService::activeRunCountChanged, this, &MainWindow::updateActiveRuns);
    connect(m_runMessages, &RunMessages::openRunRequested, this, [this](qint64 tenantId, qint64 runId) {
        openRun(tenantId > 0 ? tenantId : currentTenantId(), runId);
        raiseWindow();
    });
    connect(&m_notifier, &Notifier::raiseRequested, this, &MainWindow::raiseWindow);
    connect(&m_notifier, &Notifier::quitRequested, this, &MainWindow::requestQuit);
    connect(m_exit, &ExitController::quitConfirmed, this, &MainWindow::quitRequested);
    connect(m_exit, &ExitController::hideToTrayRequested, this, &QWidget::hide);
    connect(qApp, &QGuiApplication::commitDataRequest, m_exit, &ExitController::sessionEnding);
    if (services.storeWatcher)
        connect(services.storeWatcher, &StoreWatcher::changed, this, &MainWindow::refreshFromStore);

    updateNavigationIcons();
    updateNoTenantState();
    m_navigation->setCurrentRow(0);
    m_tenantSelector->reload();
    // Where the user left the window (an empty or foreign value leaves the default size).
    restoreGeometry(QSettings().value(GeometryKey).toByteArray());
}

MainWindow::~MainWindow()
{
    QSettings().setValue(GeometryKey, saveGeometry());
}

QWidget* MainWindow::buildCentralWidget()
{
    auto* central = new QWidget(this);
    auto* centralLayout = new QHBoxLayout(central);
    centralLayout->setContentsMargins(0, 0, 0, 0);
    centralLayout->setSpacing(0);
    m_navigation = new QListWidget(central);
    m_navigation->setObjectName(QStringLiteral("navigationList"));
    m_navigation->setFixedWidth(180);
    m_navigation->setIconSize(QSize(20, 20));
    m_navigation->setSpacing(2);
    auto* runsItem = new QListWidgetItem(tr("Runs"), m_navigation);
    runsItem->setData(Qt::UserRole, static_cast<int>(Page::Runs));
    runsItem->setSizeHint(QSize(0, 36));
    if (m_snapshots) {
        auto* snapshotsItem = new QListWidgetItem(tr("Snapshots"), m_navigation);
        snapshotsItem->setData(Qt::UserRole, static_cast<int>(Page::Snapshots));
        snapshotsItem->setSizeHint(QSize(0, 36));
    }
    if (m_snapshots && m_database) {
        auto* policiesItem = new QListWidgetItem(tr("Policies"), m_navigation);
        policiesItem->setData(Qt::UserRole, static_cast<int>(Page::Policies));
        policiesItem->setSizeHint(QSize(0, 36));
    }
    centralLayout->addWidget(m_navigation);

    auto* right = new QWidget(central);
    auto* rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    rightLayout->setSpacing(0);
    if (QWidget* banner = m_notifier.inlineWidget()) {
        auto* bannerHolder = new QWidget(right);
        auto* bannerLayout = new QVBoxLayout(bannerHolder);
        bannerLayout->setContentsMargins(16, 12, 16, 0);
        bannerLayout->addWidget(banner);
        rightLayout->addWidget(bannerHolder);
    }
    auto* messageHolder = new QWidget(right);
    auto* messageLayout = new QVBoxLayout(messageHolder);
    messageLayout->setContentsMargins(16, 12, 16, 0);
    m_windowMessage = new MessageWidget(messageHolder);
    m_windowMessage->setObjectName(QStringLiteral("windowMessage"));
    m_windowMessage->hide();
    messageLayout->addWidget(m_windowMessage);
    // The holder takes no room while its message is hidden.
    connect(m_windowMessage, &MessageWidget::closed, messageHolder, &QWidget::hide);
    messageHolder->hide();
    rightLayout->addWidget(messageHolder);
    m_stack = new QStackedWidget(right);
    m_stack->setObjectName(QStringLiteral("pageStack"));
    m_noTenantPage = new NoTenantPage(m_stack);
    if (m_tenantActions)
        connect(m_noTenantPage, &NoTenantPage::addTenantRequested, m_tenantActions, &TenantActions::addTenant);
    m_runsPage = new RunsPage(m_runService, m_stack);
    m_runsPage->addHeaderAction(m_menu->backUpNow());
    m_detailPage = new RunDetailPage(m_runService, m_stack);
    m_detailPage->setSnapshotRepository(m_snapshots);
    m_stack->addWidget(m_noTenantPage);
    m_stack->addWidget(m_runsPage);
    m_stack->addWidget(m_detailPage);
    if (m_snapshots) {
        m_snapshotsPage = new SnapshotsPage(m_runService, *m_snapshots, m_menu->backUpNow(), m_stack);
        m_stack->addWidget(m_snapshotsPage);
    }
    if (m_snapshots && m_database) {
        m_policiesPage = new PoliciesPage(m_runService, *m_snapshots, m_database, m_stack);
        m_stack->addWidget(m_policiesPage);
        connect(m_policiesPage, &PoliciesPage::openRunRequested, this,
                [this](qint64 runId) { openRun(currentTenantId(), runId); });
    }
    rightLayout->addWidget(m_stack, 1);
    centralLayout->addWidget(right, 1);
    return central;
}

void MainWindow::connectMenu()
{
    connect(m_menu->refresh(), &QAction::triggered, this, &MainWindow::refreshFromStore);
    connect(m_menu->quit(), &QAction::triggered, this, &MainWindow::requestQuit);
    connect(m_menu->about(), &QAction::triggered, this, &MainWindow::showAboutDialog);
    connect(m_menu->aboutQt(), &QAction::triggered, qApp, &QApplication::aboutQt);
    QAction* keep = m_menu->keepRunningInTray();
    keep->setEnabled(m_notifier.canRunInBackground());
    keep->setChecked(ExitController::keepRunningInTray());
    connect(keep, &QAction::toggled, this, &ExitController::setKeepRunningInTray);
    connect(m_exit, &ExitController::keepRunningInTrayChanged, keep, &QAction::setChecked);
}

void MainWindow::connectTenantActions()
{
    updateTenantActions();
    if (!m_tenantActions)
        return;   // the CLI adds and removes tenants; the list follows through the store watcher
    connect(m_menu->addTenant(), &QAction::triggered, m_tenantActions, &TenantActions::addTenant);
    connect(m_menu->editTenant(), &QAction::triggered, this, &MainWindow::editCurrentTenant);
    // The tenant selector offers the same on its context menu: the tenant it shows is the one.
    m_tenantSelector->comboBox()->setContextMenuPolicy(Qt::ActionsContextMenu);
    m_tenantSelector->comboBox()->addActions({m_menu->editTenant(), m_menu->removeTenant()});
    connect(m_menu->removeTenant(), &QAction::triggered, this, &MainWindow::removeCurrentTenant);
    connect(m_tenantActions, &TenantActions::busyChanged, this, [this](bool busy) {
        m_tenantBusy = busy;
        updateTenantActions();
    });
    connect(m_tenantActions, &TenantActions::tenantAdded, this, [this](const TenantRecord& tenant) {
        m_selectWhenListed = tenant.id;
        statusBar()->showMessage(tr("Added %1.").arg(tenant.name), 10000);
        m_tenantSelector->reload();
    });
    connect(m_tenantActions, &TenantActions::tenantEdited, this, [this](const TenantRecord& tenant) {
        statusBar()->showMessage(tr("Saved %1.").arg(tenant.name), 10000);
        m_tenantSelector->reload();
    });
    connect(m_tenantActions, &TenantActions::tenantRemoved, this, [this](qint64, const QString& name) {
        statusBar()->showMessage(tr("Removed %1.").arg(name), 10000);
        m_tenantSelector->reload();
    });
    connect(m_tenantActions, &TenantActions::problem, this, [this](const QString& message) {
        m_windowMessage->parentWidget()->show();
        m_windowMessage->showMessage(MessageWidget::Type::Error, message);
    });
}

void MainWindow::editCurrentTenant()
{
    const qint64 id = currentTenantId();
    for (const TenantRecord& tenant : m_tenantSelector->tenants()) {
        if (tenant.id == id && m_tenantActions)
            m_tenantActions->editTenant(tenant);
    }
}

void MainWindow::connectDemoAction()
{
    m_menu->openDemoTenant()->setVisible(m_demoAction != nullptr);
    if (!m_demoAction)
        return;
    connect(m_menu->openDemoTenant(), &QAction::triggered, m_demoAction, &DemoTenantAction::open);
    connect(m_noTenantPage, &NoTenantPage::demoTenantRequested, m_demoAction, &DemoTenantAction::open);
    connect(m_demoAction, &DemoTenantAction::busyChanged, this, [this](bool busy) {
        m_menu->openDemoTenant()->setEnabled(!busy);
        m_noTenantPage->setDemoBusy(busy);
        if (busy)
            statusBar()->showMessage(tr("Opening the demo tenant…"));
    });
    connect(m_demoAction, &DemoTenantAction::opened, this, [this](const TenantRecord& tenant) {
        statusBar()->showMessage(tr("The demo tenant %1 is ready.").arg(tenant.name), 10000);
        // Listed already (opened before): select it now; else once the reload lists it.
        if (!selectTenant(tenant.id)) {
            m_selectWhenListed = tenant.id;
            m_tenantSelector->reload();
        }
    });
    connect(m_demoAction, &DemoTenantAction::problem, this, [this](const QString& message) {
        statusBar()->clearMessage();
        m_windowMessage->parentWidget()->show();
        m_windowMessage->showMessage(MessageWidget::Type::Error, message);
    });
}

void MainWindow::removeCurrentTenant()
{
    const qint64 id = currentTenantId();
    for (const TenantRecord& tenant : m_tenantSelector->tenants()) {
        if (tenant.id == id && m_tenantActions)
            m_tenantActions->removeTenant(tenant);
    }
}

void MainWindow::updateTenantActions()
{
    m_menu->addTenant()->setEnabled(m_tenantActions != nullptr);
    m_menu->editTenant()->setEnabled(m_tenantActions && !m_tenantBusy && currentTenantId() > 0);
    m_menu->removeTenant()->setEnabled(m_tenantActions && !m_tenantBusy && currentTenantId() > 0);
}

void MainWindow::changeEvent(QEvent* event)
{
    QMainWindow::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        updateNavigationIcons();
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    if (m_exit->tryClose()) {
        QSettings().setValue(GeometryKey, saveGeometry());
        event->accept();
    }
    else
        event->ignore();
}

void MainWindow::updateNavigationIcons()
{
    for (int row = 0; row < m_navigation->count(); ++row) {
        QListWidgetItem* item = m_navigation->item(row);
        switch (static_cast<Page>(item->data(Qt::UserRole).toInt())) {
        case Page::Runs:
            item->setIcon(paletteIcon(QStringLiteral(":/icons/runs.svg"), palette()));
            break;
        case Page::Snapshots:
            item->setIcon(paletteIcon(QStringLiteral(":/icons/snapshots.svg"), palette()));
            break;
        case Page::Policies:
            item->setIcon(paletteIcon(QStringLiteral(":/icons/policies.svg"), palette()));
            break;
        }
    }
    m_menu->backUpNow()->setIcon(paletteIcon(QStringLiteral(":/icons/backup.svg"), palette()));
}

void MainWindow::refreshFromStore()
{
    m_tenantSelector->reload();
    m_runsPage->model()->reload();
    m_centre->model()->reload();
    m_detailPage->refresh();
    if (m_snapshotsPage)
        m_snapshotsPage->reload();
    if (m_policiesPage)
        m_policiesPage->reload();
}

bool MainWindow::selectTenant(qint64 tenantId)
{
    return m_tenantSelector->select(tenantId);
}

qint64 MainWindow::currentTenantId() const
{
    return m_tenantSelector->currentTenantId();
}

void MainWindow::openRun(qint64 tenantId, qint64 runId)
{
    if (tenantId > 0 && tenantId != currentTenantId())
        selectTenant(tenantId);
    const std::optional<TenantScope>& scope = m_tenantSelector->currentScope();
    if (!scope || runId <= 0)
        return;
    // The list's copy fills the header at once; the page reads the rest off the GUI thread.
    const RunsModel* runs = m_runsPage->model();
    m_detailPage->setRun(*scope, runId, runs->record(runs->rowOf(runId)));
    m_stack->setCurrentWidget(m_detailPage);
}

void MainWindow::showRunsList()
{
    if (m_navigation->currentRow() != 0) {
        m_navigation->setCurrentRow(0);   // shows the list through showNavigatedPage
        return;
    }
    m_stack->setCurrentWidget(m_tenantSelector->currentScope() ? static_cast<QWidget*>(m_runsPage) : m_noTenantPage);
}

void MainWindow::showNavigatedPage()
{
    const QListWidgetItem* item = m_navigation->currentItem();
    const Page page = item ? static_cast<Page>(item->data(Qt::UserRole).toInt()) : Page::Runs;
    if (!m_tenantSelector->currentScope()) {
        m_stack->setCurrentWidget(m_noTenantPage);
        return;
    }
    switch (page) {
    case Page::Runs:
        m_stack->setCurrentWidget(m_runsPage);
        return;
    case Page::Snapshots:
        m_stack->setCurrentWidget(m_snapshotsPage ? static_cast<QWidget*>(m_snapshotsPage) : m_runsPage);
        return;
    case Page::Policies:
        m_stack->setCurrentWidget(m_policiesPage ? static_cast<QWidget*>(m_policiesPage) : m_runsPage);
        return;
    }
}

void MainWindow::showPolicies()
{
    for (int row = 0; row < m_navigation->count(); ++row) {
        if (static_cast<Page>(m_navigation->item(row)->data(Qt::UserRole).toInt()) == Page::Policies)
            m_navigation->setCurrentRow(row);
    }
    showNavigatedPage();
}

void MainWindow::showSnapshots(qint64 snapshotId)
{
    if (!m_snapshotsPage)
        return;
    for (int row = 0; row < m_navigation->count(); ++row) {
        if (static_cast<Page>(m_navigation->item(row)->data(Qt::UserRole).toInt()) == Page::Snapshots)
            m_navigation->setCurrentRow(row);
    }
    showNavigatedPage();
    if (snapshotId > 0)
        m_snapshotsPage->selectSnapshot(snapshotId);
}

void MainWindow::onBackupStarted(qint64 tenantId, qint64 runId, bool reused)
{
    if (tenantId != currentTenantId())
        return;   // the user switched tenants while the start was on its way
    statusBar()->showMessage(reused ? tr("A backup of this tenant is already running (run %1).").arg(runId)
                                    : tr("Backup started (run %1).").arg(runId),
                             10000);
    // Show the run at once: read its row now rather than wait for the first run event.
    m_runsPage->model()->refreshRun(runId);
    showRunsList();
    m_runsPage->selectRun(runId);
}

void MainWindow::onTenantChanged()
{
    const std::optional<TenantScope>& scope = m_tenantSelector->currentScope();
    m_detailPage->clear();
    m_runsPage->setScope(scope);
    if (m_snapshotsPage)
        m_snapshotsPage->setScope(scope);
    if (m_policiesPage)
        m_policiesPage->setScope(scope);
    m_backup->setScope(scope);
    m_centre->setScope(scope);
    updateUnreadCount();
    m_bell->setEnabled(scope.has_value());
    updateTenantActions();
    updateSignIn();
    showNavigatedPage();
}

void MainWindow::updateSignIn()
{
    if (!m_signIn)
        return;
    std::optional<TenantRecord> current;
    for (const TenantRecord& tenant : m_tenantSelector->tenants()) {
        if (tenant.id == currentTenantId())
            current = tenant;
    }
    m_signIn->setTenant(current);
}

void MainWindow::updateNoTenantState()
{
    if (m_selectWhenListed > 0 && m_tenantSelector->select(m_selectWhenListed))
        m_selectWhenListed = 0;
    m_noTenantPage->setState(m_tenantSelector->isLoaded(), m_tenantActions != nullptr, m_demoAction != nullptr);
    showNavigatedPage();
}

void MainWindow::requestQuit()
{
    m_exit->requestQuit();
}

void MainWindow::showAboutDialog()
{
    auto* dialog = findChild<AboutDialog*>(QStringLiteral("aboutDialog"));
    if (!dialog) {
        dialog = new AboutDialog(this);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
    }
    dialog->show();
    dialog->raise();
    dialog->activateWindow();
}

void MainWindow::updateActiveRuns(int count)
{
    m_activeRuns->setText(count <= 0 ? tr("No active runs") : tr("%n run(s) active", nullptr, count));
}

void MainWindow::updateUnreadCount()
{
    m_bell->setUnreadCount(m_centre->unreadCount());
}

void MainWindow::raiseWindow()
{
    if (isMinimized())
        showNormal();
    show();
    raise();
    activateWindow();
}

} // namespace pv::ui
