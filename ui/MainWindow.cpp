// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "ui/MainWindow.h"

#include "core/runs/AccessGate.h"
#include "core/runs/RunNotifications.h"
#include "core/runs/RunService.h"
#include "ui/NotificationBellButton.h"
#include "ui/NotificationCentre.h"
#include "ui/NotificationsModel.h"
#include "ui/Notifier.h"
#include "ui/RunDetailPage.h"
#include "ui/RunsModel.h"
#include "ui/RunsPage.h"
#include "ui/UiFormat.h"

#include <QAction>
#include <QComboBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QStackedWidget>
#include <QStatusBar>
#include <QToolBar>
#include <QVBoxLayout>

namespace pv::ui {

MainWindow::MainWindow(const Services& services, QWidget* parent)
    : QMainWindow(parent)
    , m_runService(services.runs)
    , m_gate(services.gate)
    , m_tenantRepository(services.tenants)
    , m_notifier(services.notifier)
{
    initResources();
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(tr("PolicyVault"));
    setWindowIcon(appIcon());
    resize(1200, 760);

    // Toolbar: tenant selector on the left, bell on the right.
    auto* toolBar = addToolBar(tr("Main"));
    toolBar->setObjectName(QStringLiteral("mainToolBar"));
    toolBar->setMovable(false);
    toolBar->setFloatable(false);
    auto* tenantLabel = new QLabel(tr("&Tenant:"), toolBar);
    tenantLabel->setContentsMargins(8, 0, 6, 0);
    toolBar->addWidget(tenantLabel);
    m_tenantCombo = new QComboBox(toolBar);
    m_tenantCombo->setObjectName(QStringLiteral("tenantCombo"));
    // Long tenant names elide instead of stretching the toolbar.
    m_tenantCombo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_tenantCombo->setMinimumContentsLength(28);
    tenantLabel->setBuddy(m_tenantCombo);
    toolBar->addWidget(m_tenantCombo);
    auto* spacer = new QWidget(toolBar);
    spacer->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    toolBar->addWidget(spacer);
    m_bell = new NotificationBellButton(toolBar);
    toolBar->addWidget(m_bell);

    m_centre = new NotificationCentre(m_runService, this);
    m_centre->hide();

    // Navigation list and pages.
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
    m_stack = new QStackedWidget(right);
    m_stack->setObjectName(QStringLiteral("pageStack"));
    auto* noTenant = new QLabel(m_stack);
    noTenant->setObjectName(QStringLiteral("noTenantState"));
    noTenant->setAlignment(Qt::AlignCenter);
    noTenant->setWordWrap(true);
    noTenant->setMargin(32);
    noTenant->setTextInteractionFlags(Qt::TextSelectableByMouse);
    noTenant->setText(
        emptyStateHtml(tr("No tenant yet — add one with policyvault-cli tenant add …"),
                       tr("For example: policyvault-cli tenant add Contoso --tenant-id contoso.onmicrosoft.com "
                          "--client-id <application id>. PolicyVault picks the tenant up when you return to this "
                          "window.")));
    m_noTenantPage = noTenant;
    m_runsPage = new RunsPage(m_runService, m_stack);
    m_detailPage = new RunDetailPage(m_runService, m_stack);
    m_stack->addWidget(m_noTenantPage);
    m_stack->addWidget(m_runsPage);
    m_stack->addWidget(m_detailPage);
    rightLayout->addWidget(m_stack, 1);
    centralLayout->addWidget(right, 1);
    setCentralWidget(central);

    // Status bar.
    m_activeRuns = new QLabel(this);
    m_activeRuns->setObjectName(QStringLiteral("activeRunsLabel"));
    m_activeRuns->setContentsMargins(6, 0, 6, 0);
    statusBar()->addPermanentWidget(m_activeRuns);
    updateActiveRuns(m_runService.activeRunCount());

    auto* refresh = new QAction(tr("&Refresh"), this);
    refresh->setShortcut(QKeySequence::Refresh);
    addAction(refresh);
    connect(refresh, &QAction::triggered, this, [this] {
        m_runsPage->model()->reload();
        m_detailPage->refresh();
        m_centre->model()->setScope(m_scope);
    });

    connect(m_tenantCombo, &QComboBox::currentIndexChanged, this, &MainWindow::onTenantChanged);
    connect(m_navigation, &QListWidget::currentRowChanged, this, [this] { showRunsList(); });
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
    connect(&m_runService, &RunService::runFinished, this, &MainWindow::onRunFinished);
    connect(&m_notifier, &Notifier::activated, this, [this](qint64 runId) {
        openRun(m_tenantOfNotifiedRun.value(runId, currentTenantId()), runId);
        raiseWindow();
    });
    connect(&m_notifier, &Notifier::raiseRequested, this, &MainWindow::raiseWindow);

    updateNavigationIcons();
    reloadTenants();
    m_navigation->setCurrentRow(0);
}

void MainWindow::changeEvent(QEvent* event)
{
    QMainWindow::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        updateNavigationIcons();
    // Until there is a tenant dialog, tenants come from the CLI: look again when the user
    // comes back to the window, as long as there is none yet.
    if (event->type() == QEvent::ActivationChange && isActiveWindow() && m_tenants.isEmpty())
        reloadTenants();
}

void MainWindow::updateNavigationIcons()
{
    for (int row = 0; row < m_navigation->count(); ++row) {
        QListWidgetItem* item = m_navigation->item(row);
        switch (static_cast<Page>(item->data(Qt::UserRole).toInt())) {
        case Page::Runs:
            item->setIcon(paletteIcon(QStringLiteral(":/icons/runs.svg"), palette()));
            break;
        }
    }
}

MainWindow::~MainWindow() = default;

void MainWindow::reloadTenants()
{
    const qint64 previous = currentTenantId();
    auto tenants = m_tenantRepository.list();
    m_tenants = tenants ? std::move(tenants).value() : QList<TenantRecord>();

    {
        const QSignalBlocker blocker(m_tenantCombo);
        m_tenantCombo->clear();
        for (const TenantRecord& tenant : std::as_const(m_tenants)) {
            const QString label = tenant.readOnly ? tr("%1 (read-only)").arg(tenant.name) : tenant.name;
            m_tenantCombo->addItem(label, tenant.id);
            m_tenantCombo->setItemData(m_tenantCombo->count() - 1,
                                       tr("%1\nTenant ID: %2").arg(tenant.name, tenant.entraTenantId), Qt::ToolTipRole);
        }
        if (m_tenants.isEmpty())
            m_tenantCombo->setPlaceholderText(tr("No tenant yet"));
        const int index = m_tenantCombo->findData(previous);
        m_tenantCombo->setCurrentIndex(index >= 0 ? index : (m_tenants.isEmpty() ? -1 : 0));
    }
    m_tenantCombo->setEnabled(!m_tenants.isEmpty());
    onTenantChanged();
}

bool MainWindow::selectTenant(qint64 tenantId)
{
    const int index = m_tenantCombo->findData(tenantId);
    if (index < 0)
        return false;
    m_tenantCombo->setCurrentIndex(index);
    return true;
}

qint64 MainWindow::currentTenantId() const
{
    return m_scope ? m_scope->tenantId() : 0;
}

void MainWindow::openRun(qint64 tenantId, qint64 runId)
{
    if (tenantId > 0 && tenantId != currentTenantId())
        selectTenant(tenantId);
    if (!m_scope || runId <= 0)
        return;
    m_detailPage->setRun(*m_scope, runId);
    m_stack->setCurrentWidget(m_detailPage);
}

void MainWindow::showRunsList()
{
    m_stack->setCurrentWidget(m_scope ? static_cast<QWidget*>(m_runsPage) : m_noTenantPage);
}

void MainWindow::onTenantChanged()
{
    const qint64 tenantId = m_tenantCombo->currentData().toLongLong();
    m_scope.reset();
    if (tenantId > 0) {
        auto scope = m_gate.enter(tenantId);
        if (scope)
            m_scope = scope.value();
    }
    m_detailPage->clear();
    m_runsPage->setScope(m_scope);
    m_centre->setScope(m_scope);
    updateUnreadCount();
    m_bell->setEnabled(m_scope.has_value());
    showRunsList();
}

void MainWindow::onRunFinished(qint64 tenantId, qint64 runId, RunStatus status)
{
    auto scope = m_gate.enter(tenantId);
    if (!scope)
        return;
    auto run = m_runService.run(scope.value(), runId);
    if (!run)
        return;
    const QString title = tr("%1 — %2").arg(kindText(m_runService.kindDisplayName(run->kind)), tenantName(tenantId));
    // The same words as the notification centre keeps for this run.
    const QString body = RunNotifications::body(
        status, {run->succeededCount, run->failedCount, run->skippedCount}, run->errorSummary);
    m_tenantOfNotifiedRun.insert(runId, tenantId);
    m_notifier.showRunFinished(title, body, runId);
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

QString MainWindow::tenantName(qint64 tenantId) const
{
    for (const TenantRecord& tenant : m_tenants) {
        if (tenant.id == tenantId)
            return tenant.name;
    }
    const auto tenant = m_tenantRepository.byId(tenantId);
    return tenant ? tenant->name : tr("Tenant %1").arg(tenantId);
}

} // namespace pv::ui
