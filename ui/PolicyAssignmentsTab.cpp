// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "ui/PolicyAssignmentsTab.h"

#include "ui/PolicyTabSupport.h"
#include "ui/UiFormat.h"

#include <QHeaderView>
#include <QLabel>
#include <QTableWidget>
#include <QVBoxLayout>

namespace pv::ui {

PolicyAssignmentsTab::PolicyAssignmentsTab(QWidget* parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("policyAssignmentsTab"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 8, 0, 0);
    layout->setSpacing(8);
    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("assignmentsSummary"));
    layout->addWidget(m_summary);
    m_table = new QTableWidget(this);
    m_table->setObjectName(QStringLiteral("assignmentsTable"));
    m_table->setColumnCount(ColumnCount);
    m_table->setHorizontalHeaderLabels({tr("Assignment"), tr("Group"), tr("Filter"), tr("Filter mode")});
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setAlternatingRowColors(true);
    m_table->setShowGrid(false);
    m_table->setWordWrap(false);
    m_table->setTabKeyNavigation(false);
    m_table->setTextElideMode(Qt::ElideRight);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 10);
    m_table->horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    m_table->horizontalHeader()->setHighlightSections(false);
    m_table->horizontalHeader()->setStretchLastSection(true);
    const int em = m_table->fontMetrics().horizontalAdvance(QLatin1Char('x'));
    m_table->setColumnWidth(Mode, em * 12);
    m_table->setColumnWidth(Target, em * 32);
    m_table->setColumnWidth(Filter, em * 26);
    layout->addWidget(m_table, 1);
    m_empty = makeEmptyStateLabel(this, QStringLiteral("assignmentsEmptyState"));
    layout->addWidget(m_empty, 1);
    setAssignments({}, false);
}

QString PolicyAssignmentsTab::modeText(const normalize::AssignmentRow& row)
{
    return row.exclude ? tr("Excluded") : tr("Included");
}

QString PolicyAssignmentsTab::targetText(const normalize::AssignmentRow& row)
{
    switch (row.target) {
    case normalize::AssignmentRow::Target::AllDevices: return tr("All devices");
    case normalize::AssignmentRow::Target::AllUsers: return tr("All users");
    case normalize::AssignmentRow::Target::Group: return row.name;
    case normalize::AssignmentRow::Target::Other: break;
    }
    return row.otherType;
}

QString PolicyAssignmentsTab::filterModeText(const QString& graphMode)
{
    if (graphMode == QLatin1String("include"))
        return tr("Include");
    if (graphMode == QLatin1String("exclude"))
        return tr("Exclude");
    return graphMode;
}

void PolicyAssignmentsTab::setAssignments(const QList<normalize::AssignmentRow>& rows, bool loaded)
{
    m_table->setRowCount(int(rows.size()));
    int included = 0;
    for (int i = 0; i < rows.size(); ++i) {
        const normalize::AssignmentRow& r = rows.at(i);
        included += r.exclude ? 0 : 1;
        auto* target = new QTableWidgetItem(targetText(r));
        QString tip = r.target == normalize::AssignmentRow::Target::Group
                          ? tr("Group id: %1").arg(r.groupId)
                          : targetText(r);
        if (r.nameMissing)
            tip += QLatin1Char('\n') + tr("The group's name was not captured (deleted, or not readable with this tenant's permissions).");
        target->setToolTip(tip);
        auto* filter = new QTableWidgetItem(r.filterId.isEmpty() ? tr("None") : r.filterName);
        filter->setToolTip(r.filterId.isEmpty() ? QString() : tr("Filter id: %1").arg(r.filterId));
        m_table->setItem(i, Mode, new QTableWidgetItem(modeText(r)));
        m_table->setItem(i, Target, target);
        m_table->setItem(i, Filter, filter);
        m_table->setItem(i, FilterMode, new QTableWidgetItem(r.filterId.isEmpty() ? QStringLiteral("—") : filterModeText(r.filterMode)));
    }
    const bool none = loaded && rows.isEmpty();
    m_table->setVisible(!none);
    m_summary->setVisible(!none && loaded);
    m_empty->setVisible(none);
    if (none) {
        m_empty->setText(emptyStateHtml(tr("Not assigned"),
                                        tr("This policy applies to no device or user. Assign it to groups in the Intune "
                                           "portal, then back up the tenant or capture this policy again.")));
    }
    m_summary->setText(tr("%1 included, %2 excluded").arg(included).arg(rows.size() - included));
}

} // namespace pv::ui
