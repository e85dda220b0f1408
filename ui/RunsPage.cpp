// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "ui/RunsPage.h"

#include "core/runs/RunService.h"
#include "ui/MessageWidget.h"
#include "ui/ModelRoles.h"
#include "ui/ProgressBarDelegate.h"
#include "ui/RunsFilterProxyModel.h"
#include "ui/RunsModel.h"
#include "ui/UiFormat.h"

#include <QAction>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QStackedWidget>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

namespace pv::ui {

namespace {
constexpr int col(RunsModel::Column c)
{
    return static_cast<int>(c);
}
} // namespace

RunsPage::RunsPage(RunService& runService, QWidget* parent)
    : QWidget(parent)
    , m_model(new RunsModel(runService, this))
    , m_proxy(new RunsFilterProxyModel(this))
{
    setObjectName(QStringLiteral("runsPage"));
    m_proxy->setSourceModel(m_model);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(16, 16, 16, 16);
    layout->setSpacing(12);

    auto* header = new QHBoxLayout;
    header->setSpacing(8);
    auto* title = new QLabel(tr("Runs"), this);
    title->setObjectName(QStringLiteral("runsTitle"));
    QFont titleFont = title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.4);
    titleFont.setBold(true);
    title->setFont(titleFont);
    header->addWidget(title);
    header->addSpacing(16);

    auto* filterLabel = new QLabel(tr("&Status:"), this);
    m_statusFilter = new QComboBox(this);
    m_statusFilter->setObjectName(QStringLiteral("statusFilterCombo"));
    filterLabel->setBuddy(m_statusFilter);
    using F = RunsFilterProxyModel::StatusFilter;
    const std::pair<QString, F> filters[] = {
        {tr("All"), F::All},
        {tr("Active"), F::Active},
        {tr("Succeeded"), F::Succeeded},
        {tr("Partially succeeded"), F::PartiallySucceeded},
        {tr("Failed"), F::Failed},
        {tr("Cancelled"), F::Cancelled},
        {tr("Interrupted"), F::Interrupted},
    };
    for (const auto& [text, filter] : filters)
        m_statusFilter->addItem(text, static_cast<int>(filter));
    m_statusFilter->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    header->addWidget(filterLabel);
    header->addWidget(m_statusFilter);
    header->addStretch(1);
    m_countLabel = new QLabel(this);
    m_countLabel->setObjectName(QStringLiteral("runCountLabel"));
    header->addWidget(m_countLabel);
    layout->addLayout(header);
    m_header = header;

    m_message = new MessageWidget(this);
    m_message->setObjectName(QStringLiteral("runsMessage"));
    layout->addWidget(m_message);

    m_stack = new QStackedWidget(this);
    m_view = new QTableView(this);
    m_view->setObjectName(QStringLiteral("runsTable"));
    m_view->setModel(m_proxy);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setAlternatingRowColors(true);
    m_view->setShowGrid(false);
    m_view->setWordWrap(false);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(col(RunsModel::Column::Started), Qt::DescendingOrder);
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 12);
    m_view->setItemDelegateForColumn(col(RunsModel::Column::Progress), new ProgressBarDelegate(m_view));
    QHeaderView* columns = m_view->horizontalHeader();
    columns->setHighlightSections(false);
    columns->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    columns->setSectionResizeMode(col(RunsModel::Column::Kind), QHeaderView::Stretch);
    columns->resizeSection(col(RunsModel::Column::Status), 190);
    columns->resizeSection(col(RunsModel::Column::Progress), 200);
    columns->resizeSection(col(RunsModel::Column::Started), 170);
    columns->resizeSection(col(RunsModel::Column::Duration), 110);
    m_stack->addWidget(m_view);

    m_emptyState = new QLabel(this);
    m_emptyState->setObjectName(QStringLiteral("runsEmptyState"));
    m_emptyState->setAlignment(Qt::AlignCenter);
    m_emptyState->setWordWrap(true);
    m_emptyState->setMargin(24);
    m_stack->addWidget(m_emptyState);
    layout->addWidget(m_stack, 1);

    connect(m_statusFilter, &QComboBox::currentIndexChanged, this, [this] {
        m_proxy->setStatusFilter(static_cast<RunsFilterProxyModel::StatusFilter>(m_statusFilter->currentData().toInt()));
        updateCountAndEmptyState();
    });
    connect(m_view, &QTableView::activated, this, [this](const QModelIndex& index) {
        emit openRunRequested(index.data(IdRole).toLongLong());
    });
    connect(m_model, &RunsModel::loadFailed, this, [this](const QString& message) {
        m_message->showMessage(MessageWidget::Type::Error, tr("Could not load runs: %1").arg(message));
    });
    connect(m_proxy, &QAbstractItemModel::rowsInserted, this, &RunsPage::updateCountAndEmptyState);
    connect(m_proxy, &QAbstractItemModel::rowsRemoved, this, &RunsPage::updateCountAndEmptyState);
    connect(m_proxy, &QAbstractItemModel::modelReset, this, &RunsPage::updateCountAndEmptyState);
    connect(m_proxy, &QAbstractItemModel::layoutChanged, this, &RunsPage::updateCountAndEmptyState);
    connect(m_model, &RunsModel::loaded, this, &RunsPage::updateCountAndEmptyState);
    connect(m_proxy, &QAbstractItemModel::rowsInserted, this, &RunsPage::selectPendingRun);
    connect(m_model, &RunsModel::loaded, this, &RunsPage::selectPendingRun);
    updateCountAndEmptyState();
}

RunsPage::~RunsPage() = default;

void RunsPage::setScope(const std::optional<TenantScope>& scope)
{
    m_selectWhenListed = 0;
    m_message->hideMessage();
    m_model->setScope(scope);
}

void RunsPage::addHeaderAction(QAction* action)
{
    auto* button = new QToolButton(this);
    button->setObjectName(QStringLiteral("%1Button").arg(action->objectName()));
    button->setDefaultAction(action);
    button->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_header->addSpacing(8);
    m_header->addWidget(button);
}

void RunsPage::selectRun(qint64 runId)
{
    m_selectWhenListed = runId;
    selectPendingRun();
}

qint64 RunsPage::selectedRunId() const
{
    const QModelIndex current = m_view->currentIndex();
    return current.isValid() ? current.data(IdRole).toLongLong() : 0;
}

void RunsPage::selectPendingRun()
{
    if (m_selectWhenListed <= 0)
        return;
    const int sourceRow = m_model->rowOf(m_selectWhenListed);
    if (sourceRow < 0)
        return;
    QModelIndex index = m_proxy->mapFromSource(m_model->index(sourceRow, 0));
    if (!index.isValid()) {
        // The status filter hides it: the user asked to see this run, so show every run.
        m_statusFilter->setCurrentIndex(0);
        index = m_proxy->mapFromSource(m_model->index(sourceRow, 0));
        if (!index.isValid())
            return;
    }
    m_selectWhenListed = 0;
    m_view->setCurrentIndex(index);
    m_view->scrollTo(index);
}

void RunsPage::updateCountAndEmptyState()
{
    const int total = m_model->rowCount();
    const int shown = m_proxy->rowCount();
    if (shown == total)
        m_countLabel->setText(tr("%n run(s)", nullptr, total));
    else
        m_countLabel->setText(tr("%1 of %n run(s)", nullptr, total).arg(shown));

    if (m_model->isLoading()) {
        m_countLabel->clear();
        m_emptyState->setText(emptyStateHtml(tr("Loading runs…"), QString()));
    } else if (!m_model->scope()) {
        m_emptyState->setText(emptyStateHtml(tr("No tenant selected"),
                                             tr("Add a tenant with \"policyvault-cli tenant add\", then choose it "
                                                "in the tenant list above.")));
    } else if (total == 0) {
        m_emptyState->setText(emptyStateHtml(tr("No runs yet"),
                                             tr("Runs appear here as soon as a backup, capture or restore preview "
                                                "starts — from this window or from policyvault-cli.")));
    } else {
        m_emptyState->setText(emptyStateHtml(tr("No runs match this filter"),
                                             tr("Choose \"All\" in the Status list to see every run.")));
    }
    m_stack->setCurrentWidget(shown == 0 ? static_cast<QWidget*>(m_emptyState) : m_view);
}

} // namespace pv::ui
