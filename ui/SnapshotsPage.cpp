// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "ui/SnapshotsPage.h"

#include "core/runs/RunService.h"
#include "core/store/SnapshotRepository.h"
#include "ui/MessageWidget.h"
#include "ui/ModelRoles.h"
#include "ui/RunReader.h"
#include "ui/SnapshotDetailPanel.h"
#include "ui/SnapshotPoliciesModel.h"
#include "ui/SnapshotsModel.h"
#include "ui/UiFormat.h"

#include <QAction>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QSplitter>
#include <QStackedWidget>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

namespace pv::ui {

namespace {
constexpr int col(SnapshotsModel::Column c)
{
    return static_cast<int>(c);
}
} // namespace

SnapshotsPage::SnapshotsPage(RunService& runService, const SnapshotRepository& snapshots, QAction* backUpNow,
                             QWidget* parent)
    : QWidget(parent)
    , m_runService(runService)
    , m_snapshots(snapshots)
    , m_reader(new RunReader(runService, this))
    , m_model(new SnapshotsModel(*m_reader, snapshots, this))
    , m_hasBackUpNow(backUpNow != nullptr)
{
    setObjectName(QStringLiteral("snapshotsPage"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(16, 16, 16, 16);
    layout->setSpacing(12);

    auto* header = new QHBoxLayout;
    header->setSpacing(8);
    auto* title = new QLabel(tr("Snapshots"), this);
    title->setObjectName(QStringLiteral("snapshotsTitle"));
    QFont titleFont = title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.4);
    titleFont.setBold(true);
    title->setFont(titleFont);
    header->addWidget(title);
    header->addStretch(1);
    m_countLabel = new QLabel(this);
    m_countLabel->setObjectName(QStringLiteral("snapshotCountLabel"));
    header->addWidget(m_countLabel);
    layout->addLayout(header);

    m_message = new MessageWidget(this);
    m_message->setObjectName(QStringLiteral("snapshotsMessage"));
    layout->addWidget(m_message);

    m_stack = new QStackedWidget(this);
    m_splitter = new QSplitter(Qt::Vertical, this);
    m_splitter->setObjectName(QStringLiteral("snapshotsSplitter"));
    m_splitter->setChildrenCollapsible(false);
    m_view = new QTableView(m_splitter);
    m_view->setObjectName(QStringLiteral("snapshotsTable"));
    m_view->setModel(m_model);   // the store's order is newest first; no re-sorting
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setAlternatingRowColors(true);
    m_view->setShowGrid(false);
    m_view->setWordWrap(false);
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 12);
    QHeaderView* columns = m_view->horizontalHeader();
    columns->setHighlightSections(false);
    columns->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    // A tenant has tens of snapshots, not thousands: fitting the columns to their text is
    // cheap, and time, status and changes must never be cut. The counts by type take the
    // rest and elide (the full text is the cell's tooltip).
    for (const SnapshotsModel::Column column : {SnapshotsModel::Column::Taken, SnapshotsModel::Column::Status,
                                                SnapshotsModel::Column::Items, SnapshotsModel::Column::Changes})
        columns->setSectionResizeMode(col(column), QHeaderView::ResizeToContents);
    columns->setSectionResizeMode(col(SnapshotsModel::Column::ByType), QHeaderView::Stretch);
    m_detail = new SnapshotDetailPanel(m_splitter);
    m_splitter->addWidget(m_view);
    m_splitter->addWidget(m_detail);
    // The list keeps its natural height (about six rows); the detail, with the policies,
    // gets the rest.
    m_splitter->setStretchFactor(0, 0);
    m_splitter->setStretchFactor(1, 1);
    m_stack->addWidget(m_splitter);

    // The empty state: what a snapshot is, and the button that takes the first one.
    m_emptyPage = new QWidget(this);
    auto* emptyLayout = new QVBoxLayout(m_emptyPage);
    emptyLayout->addStretch(1);
    m_emptyState = new QLabel(m_emptyPage);
    m_emptyState->setObjectName(QStringLiteral("snapshotsEmptyState"));
    m_emptyState->setAlignment(Qt::AlignCenter);
    m_emptyState->setWordWrap(true);
    m_emptyState->setMargin(24);
    emptyLayout->addWidget(m_emptyState);
    if (backUpNow) {
        m_emptyButton = new QToolButton(m_emptyPage);
        m_emptyButton->setObjectName(QStringLiteral("snapshotsBackUpNowButton"));
        m_emptyButton->setDefaultAction(backUpNow);
        m_emptyButton->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
        emptyLayout->addWidget(m_emptyButton, 0, Qt::AlignHCenter);
    }
    emptyLayout->addStretch(1);
    m_stack->addWidget(m_emptyPage);
    layout->addWidget(m_stack, 1);

    connect(m_model, &SnapshotsModel::loaded, this, &SnapshotsPage::onLoaded);
    connect(m_model, &SnapshotsModel::loadFailed, this, [this](const QString& message) {
        m_message->showMessage(MessageWidget::Type::Error, tr("Could not load snapshots: %1").arg(message));
    });
    connect(m_model, &QAbstractItemModel::modelReset, this, &SnapshotsPage::updateCountAndEmptyState);
    connect(m_model, &QAbstractItemModel::rowsInserted, this, &SnapshotsPage::updateCountAndEmptyState);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &SnapshotsPage::readSelected);
    connect(m_model, &QAbstractItemModel::dataChanged, this, [this](const QModelIndex& first, const QModelIndex& last) {
        const int row = m_view->currentIndex().row();
        if (row >= first.row() && row <= last.row())
            readSelected();
    });
    connect(m_detail, &SnapshotDetailPanel::openRunRequested, this, &SnapshotsPage::openRunRequested);
    connect(m_detail, &SnapshotDetailPanel::restoreRequested, this, &SnapshotsPage::restoreRequested);
    // A backup of this tenant that ends here adds or completes a snapshot (other processes'
    // backups arrive through the store watcher, which calls reload()).
    connect(&m_runService, &RunService::runFinished, this, [this](qint64 tenantId, qint64, RunStatus) {
        if (m_scope && m_scope->tenantId() == tenantId)
            reload();
    });
    updateCountAndEmptyState();
}

SnapshotsPage::~SnapshotsPage() = default;

void SnapshotsPage::setScope(const std::optional<TenantScope>& scope)
{
    m_scope = scope;
    m_fitListOnLoad = true;
    m_selectWhenListed = 0;
    m_message->hideMessage();
    m_detail->clear();
    m_model->setScope(scope);
    updateCountAndEmptyState();
}

void SnapshotsPage::reload()
{
    // A finished snapshot never changes: its detail is re-read only when its row changes
    // (a capture in progress finished), not on every commit another process makes.
    m_model->reload();
}

void SnapshotsPage::selectSnapshot(qint64 snapshotId)
{
    const int row = m_model->rowOf(snapshotId);
    if (row < 0) {
        m_selectWhenListed = snapshotId;
        m_model->reload();   // a snapshot this page has not read yet
        return;
    }
    m_selectWhenListed = 0;
    m_view->setCurrentIndex(m_model->index(row, 0));
    m_view->scrollTo(m_model->index(row, 0));
}

qint64 SnapshotsPage::selectedSnapshotId() const
{
    const QModelIndex current = m_view->currentIndex();
    return current.isValid() ? current.data(IdRole).toLongLong() : 0;
}

bool SnapshotsPage::isLoading() const
{
    return m_model->isLoading() || m_model->isReading() || m_detailDelivered < m_detailRequested;
}

void SnapshotsPage::onLoaded()
{
    updateCountAndEmptyState();
    if (m_fitListOnLoad && m_model->rowCount() > 0) {
        // Once per tenant: the list as tall as its rows (three to six), the policies below get
        // the rest. After that the splitter stays where the user puts it.
        m_fitListOnLoad = false;
        const int rows = qBound(3, m_model->rowCount(), 6);
        const int list = m_view->horizontalHeader()->height() + rows * m_view->verticalHeader()->defaultSectionSize()
                         + 2 * m_view->frameWidth();
        const int total = m_splitter->height() > 0 ? m_splitter->height() : height();
        m_splitter->setSizes({list, qMax(0, total - list - m_splitter->handleWidth())});
    }
    if (m_selectWhenListed > 0 && m_model->rowOf(m_selectWhenListed) >= 0)
        selectSnapshot(m_selectWhenListed);
    else if (!m_view->currentIndex().isValid() && m_model->rowCount() > 0)
        m_view->setCurrentIndex(m_model->index(0, 0));   // the newest: what a user looks for first
}

void SnapshotsPage::readSelected()
{
    const qint64 snapshotId = selectedSnapshotId();
    if (!m_scope || snapshotId <= 0) {
        m_detail->clear();
        return;
    }
    if (m_detail->snapshotId() != snapshotId)
        m_detail->clear(true);
    const int generation = ++m_detailRequested;
    m_reader->submit<Result<SnapshotDetailData>>(
        QStringLiteral("snapshotDetail"), this,
        [&snapshots = m_snapshots, scope = *m_scope, snapshotId] { return readSnapshotDetail(snapshots, scope, snapshotId); },
        [this, snapshotId, generation](Result<SnapshotDetailData> data) {
            m_detailDelivered = generation;
            if (snapshotId != selectedSnapshotId())
                return;
            if (!data) {
                m_message->showMessage(MessageWidget::Type::Error,
                                       tr("Could not load snapshot %1: %2").arg(snapshotId).arg(data.error().displayText()));
                m_detail->clear();
                return;
            }
            m_detail->showDetail(*data);
        });
}

void SnapshotsPage::updateCountAndEmptyState()
{
    const int total = m_model->rowCount();
    m_countLabel->setText(m_model->isLoading() || !m_scope ? QString() : tr("%n snapshot(s)", nullptr, total));
    if (m_model->isLoading()) {
        m_emptyState->setText(emptyStateHtml(tr("Loading snapshots…"), QString()));
    } else if (!m_scope) {
        m_emptyState->setText(emptyStateHtml(tr("No tenant selected"), tr("Choose a tenant in the list above.")));
    } else {
        m_emptyState->setText(emptyStateHtml(
            tr("No snapshots yet"),
            m_hasBackUpNow ? tr("A snapshot records every policy of the tenant as it is now. Back the tenant up to "
                                "take the first one.")
                           : tr("A snapshot records every policy of the tenant as it is now. Back the tenant up "
                                "with \"policyvault-cli backup\" to take the first one.")));
    }
    if (m_emptyButton)
        m_emptyButton->setVisible(m_scope && !m_model->isLoading());
    m_stack->setCurrentWidget(total == 0 ? m_emptyPage : static_cast<QWidget*>(m_splitter));
}

} // namespace pv::ui
