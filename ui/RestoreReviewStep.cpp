// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "ui/RestoreReviewStep.h"

#include "ui/MessageWidget.h"
#include "ui/RestoreDiffView.h"
#include "ui/RestorePlanModel.h"
#include "ui/UiFormat.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QSignalBlocker>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

namespace pv::ui {

using restore::PlanAction;

RestoreReviewStep::RestoreReviewStep(QWidget* parent)
    : QWidget(parent)
    , m_model(new RestorePlanModel(this))
    , m_proxy(new RestorePlanFilterModel(this))
{
    setObjectName(QStringLiteral("restoreReviewStep"));
    m_proxy->setSourceModel(m_model);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(8);

    auto* bar = new QHBoxLayout;
    bar->setSpacing(8);
    auto* filterLabel = new QLabel(tr("&Show:"), this);
    m_filter = new QComboBox(this);
    m_filter->setObjectName(QStringLiteral("restoreActionFilter"));
    m_filter->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    filterLabel->setBuddy(m_filter);
    bar->addWidget(filterLabel);
    bar->addWidget(m_filter);
    bar->addStretch(1);
    m_counts = new QLabel(this);
    m_counts->setObjectName(QStringLiteral("restorePlanCounts"));
    bar->addWidget(m_counts);
    layout->addLayout(bar);

    m_banner = new MessageWidget(this);
    m_banner->setObjectName(QStringLiteral("restorePlanBanner"));
    m_banner->setCloseable(false);
    layout->addWidget(m_banner);

    m_splitter = new QSplitter(Qt::Horizontal, this);
    m_splitter->setChildrenCollapsible(false);
    m_view = new QTableView(m_splitter);
    m_view->setObjectName(QStringLiteral("restorePlanTable"));
    m_view->setModel(m_proxy);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setAlternatingRowColors(true);
    m_view->setShowGrid(false);
    m_view->setWordWrap(false);
    m_view->setTextElideMode(Qt::ElideRight);   // the tooltips hold the whole texts
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(-1, Qt::AscendingOrder);   // the plan's order: the order the restore writes
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 10);
    QHeaderView* columns = m_view->horizontalHeader();
    columns->setHighlightSections(false);
    columns->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    columns->setStretchLastSection(true);
    const int em = m_view->fontMetrics().horizontalAdvance(QLatin1Char('x'));
    columns->resizeSection(int(RestorePlanModel::Column::Name), em * 20);
    columns->resizeSection(int(RestorePlanModel::Column::Type),
                           m_view->fontMetrics().horizontalAdvance(captureTypeText(QStringLiteral("assignmentFilters"))) + 3 * em);
    columns->resizeSection(int(RestorePlanModel::Column::Action),
                           m_view->fontMetrics().horizontalAdvance(RestorePlanModel::actionText(PlanAction::CannotRestore)) + 6 * em);
    m_diff = new RestoreDiffView(m_splitter);
    m_splitter->addWidget(m_view);
    m_splitter->addWidget(m_diff);
    // Half and half: the diff's three columns (setting, now, after) need the room.
    m_splitter->setStretchFactor(0, 1);
    m_splitter->setStretchFactor(1, 1);
    layout->addWidget(m_splitter, 1);

    connect(m_filter, &QComboBox::currentIndexChanged, this, [this] {
        const QVariant data = m_filter->currentData();
        m_proxy->setAction(data.isValid() ? std::optional<PlanAction>(static_cast<PlanAction>(data.toInt())) : std::nullopt);
        if (!m_view->currentIndex().isValid() && m_proxy->rowCount() > 0)
            m_view->setCurrentIndex(m_proxy->index(0, 0));
        showCurrent();
    });
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &RestoreReviewStep::showCurrent);
    fillFilter();
}

RestoreReviewStep::~RestoreReviewStep() = default;

void RestoreReviewStep::clear()
{
    setPlan(0, {});
}

void RestoreReviewStep::setPlan(qint64 planRunId, const QList<restore::PlanItem>& items)
{
    m_model->setItems(items);
    fillFilter();
    QStringList counts;
    for (const PlanAction action : RestorePlanModel::allActions()) {
        if (const int n = m_model->count(action); n > 0)
            counts.append(RestorePlanModel::countText(action, n));
    }
    m_counts->setText(planRunId > 0 ? tr("Plan of preview run %1: %2").arg(planRunId).arg(counts.join(QStringLiteral(" · ")))
                                    : QString());
    const int writes = m_model->writeCount();
    const int blocked = m_model->count(PlanAction::Conflict) + m_model->count(PlanAction::CannotRestore);
    if (planRunId <= 0)
        m_banner->hideMessage();
    else if (items.isEmpty() || (writes == 0 && blocked == 0))
        m_banner->showMessage(MessageWidget::Type::Positive,
                              tr("Everything already matches the snapshot. There is nothing to restore."));
    else if (writes == 0)
        m_banner->showMessage(MessageWidget::Type::Warning,
                              tr("Nothing can be restored: %n item(s) have a conflict or cannot be restored. See the "
                                 "details of each.", nullptr, blocked));
    else if (blocked > 0)
        m_banner->showMessage(MessageWidget::Type::Warning,
                              tr("%n item(s) will be skipped: a conflict, or content that cannot be restored. The "
                                 "others can still be restored.", nullptr, blocked));
    else
        m_banner->hideMessage();
    // The first item that needs attention, else the first change, else the first row.
    int row = 0;
    for (int i = 0; i < m_proxy->rowCount(); ++i) {
        const auto action = m_model->item(m_proxy->mapToSource(m_proxy->index(i, 0)).row()).action;
        if (action != PlanAction::Unchanged) {
            row = i;
            break;
        }
    }
    if (m_proxy->rowCount() > 0)
        m_view->setCurrentIndex(m_proxy->index(row, 0));
    showCurrent();
}

void RestoreReviewStep::fillFilter()
{
    const QSignalBlocker block(m_filter);
    const QVariant current = m_filter->currentData();
    m_filter->clear();
    m_filter->addItem(tr("All actions (%1)").arg(m_model->rowCount()));
    for (const PlanAction action : RestorePlanModel::allActions())
        m_filter->addItem(RestorePlanModel::actionIcon(action),
                          tr("%1 (%2)").arg(RestorePlanModel::actionText(action)).arg(m_model->count(action)), int(action));
    const int index = current.isValid() ? m_filter->findData(current) : 0;
    m_filter->setCurrentIndex(qMax(0, index));
    m_proxy->setAction(current.isValid() && index > 0 ? std::optional<PlanAction>(static_cast<PlanAction>(current.toInt()))
                                                       : std::nullopt);
}

void RestoreReviewStep::showCurrent()
{
    const QModelIndex current = m_view->currentIndex();
    if (!current.isValid()) {
        m_diff->clear();
        return;
    }
    m_diff->showItem(m_model->item(m_proxy->mapToSource(current).row()));
}

} // namespace pv::ui
