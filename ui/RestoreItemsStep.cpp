// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "ui/RestoreItemsStep.h"

#include "core/restore/RestorePlan.h"
#include "core/store/CaptureTypes.h"
#include "core/store/SnapshotRepository.h"
#include "ui/ModelRoles.h"
#include "ui/RunReader.h"
#include "ui/UiFormat.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSignalBlocker>
#include <QStackedWidget>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <algorithm>

namespace pv::ui {

RestoreItemsStep::RestoreItemsStep(RunReader& reader, const SnapshotRepository& snapshots, QWidget* parent)
    : QWidget(parent)
    , m_reader(reader)
    , m_snapshots(snapshots)
{
    setObjectName(QStringLiteral("restoreItemsStep"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(8);
    auto* header = new QHBoxLayout;
    m_intro = new QLabel(this);
    m_intro->setObjectName(QStringLiteral("restoreItemsIntro"));
    m_intro->setWordWrap(true);
    header->addWidget(m_intro, 1);
    m_count = new QLabel(this);
    m_count->setObjectName(QStringLiteral("restoreItemsCount"));
    header->addWidget(m_count, 0, Qt::AlignBottom);
    layout->addLayout(header);

    m_stack = new QStackedWidget(this);
    m_tree = new QTreeWidget(this);
    m_tree->setObjectName(QStringLiteral("restoreItemsTree"));
    m_tree->setColumnCount(2);
    m_tree->setHeaderLabels({tr("Object"), tr("Captured version")});
    m_tree->setAlternatingRowColors(true);
    m_tree->setUniformRowHeights(true);
    m_tree->setTextElideMode(Qt::ElideMiddle);
    m_tree->header()->setStretchLastSection(false);
    m_tree->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_tree->header()->resizeSection(1, fontMetrics().horizontalAdvance(QStringLiteral("v000 · 0000-00-00 00:00")) + 32);
    m_stack->addWidget(m_tree);
    m_empty = new QLabel(this);
    m_empty->setObjectName(QStringLiteral("restoreItemsEmpty"));
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setWordWrap(true);
    m_stack->addWidget(m_empty);
    layout->addWidget(m_stack, 1);

    m_assignments = new QCheckBox(tr("Restore &assignments too (replaces each object's assignments with the snapshot's)"),
                                  this);
    m_assignments->setObjectName(QStringLiteral("restoreAssignmentsCheck"));
    layout->addWidget(m_assignments);

    connect(m_tree, &QTreeWidget::itemChanged, this, [this] {
        updateCount();
        emit selectionChanged();
    });
}

RestoreItemsStep::~RestoreItemsStep() = default;

void RestoreItemsStep::load(const TenantScope& scope, const RestoreSource& source)
{
    m_tree->clear();
    m_itemCount = 0;
    if (!source.isVersion() && source.snapshotId <= 0) {
        m_intro->clear();
        showEmpty(tr("No snapshot to restore from"),
                  tr("A restore puts back what a snapshot holds. Back the tenant up first, then restore from its "
                     "snapshot."));
        return;
    }
    m_intro->setText(source.isVersion()
                         ? tr("Restore this version of the policy. The preview reads the tenant and shows what would "
                              "change; nothing is written before you confirm.")
                         : tr("Choose what to restore from snapshot %1. The preview reads the tenant and shows what "
                              "would change; nothing is written before you confirm.")
                               .arg(source.snapshotId));
    m_loading = true;
    m_empty->setText(emptyStateHtml(tr("Loading…"), QString()));
    m_stack->setCurrentWidget(m_empty);
    const int generation = ++m_generation;
    m_reader.submit<Result<QList<Row>>>(
        QStringLiteral("restoreItems"), this,
        [&snapshots = m_snapshots, scope, source]() -> Result<QList<Row>> {
            QList<Row> rows;
            if (source.isVersion()) {
                auto policy = snapshots.policy(scope, source.policyId);
                if (!policy)
                    return policy.failure();
                auto versions = snapshots.policyVersions(scope, source.policyId);
                if (!versions)
                    return versions.failure();
                for (int i = 0; i < versions->size(); ++i) {
                    if (versions->at(i).id == source.policyVersionId)
                        rows.append(Row{policy->id, policy->displayName, policy->typeKey,
                                        tr("v%1 · %2").arg(i + 1).arg(formatDateTime(versions->at(i).capturedAt))});
                }
                if (rows.isEmpty())
                    return fail(ErrorCode::NotFound, tr("Version %1 is not a version of this policy.").arg(source.policyVersionId));
                return rows;
            }
            auto items = snapshots.snapshotItems(scope, source.snapshotId);
            if (!items)
                return items.failure();
            auto numbers = snapshots.versionNumbersInSnapshot(scope, source.snapshotId);
            if (!numbers)
                return numbers.failure();
            for (const auto& [policy, version] : items.value())
                rows.append(Row{policy.id, policy.displayName, policy.typeKey,
                                tr("v%1 · %2").arg(numbers->value(version.id)).arg(formatDateTime(version.capturedAt))});
            // Restore order: scope tags, filters, then policies — the order the restore writes them.
            std::stable_sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) {
                return int(restore::tierOf(a.typeKey)) < int(restore::tierOf(b.typeKey));
            });
            return rows;
        },
        [this, generation, source](Result<QList<Row>> rows) {
            if (generation != m_generation)
                return;
            m_loading = false;
            if (!rows) {
                showEmpty(tr("Could not read what to restore"), rows.error().displayText());
                emit selectionChanged();
                return;
            }
            fill(rows.value(), source.preselectedPolicyIds, source.isVersion());
            emit selectionChanged();
        });
}

void RestoreItemsStep::fill(const QList<Row>& rows, const QList<qint64>& preselected, bool fixed)
{
    const QSignalBlocker block(m_tree);
    m_tree->clear();
    m_itemCount = int(rows.size());
    if (rows.isEmpty()) {
        showEmpty(tr("Nothing to restore"), tr("This snapshot holds no objects of the types PolicyVault restores."));
        return;
    }
    QHash<QString, QTreeWidgetItem*> groups;
    for (const Row& row : rows) {
        QTreeWidgetItem*& group = groups[row.typeKey];
        if (!group) {
            group = new QTreeWidgetItem(m_tree, {captureTypeText(row.typeKey)});
            group->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable | Qt::ItemIsAutoTristate);
            QFont bold = m_tree->font();
            bold.setBold(true);
            group->setFont(0, bold);
        }
        auto* item = new QTreeWidgetItem(group, {row.name, row.detail});
        item->setData(0, IdRole, row.policyId);
        item->setToolTip(0, row.name);
        item->setFlags(fixed ? Qt::ItemIsEnabled : Qt::ItemIsEnabled | Qt::ItemIsUserCheckable | Qt::ItemIsSelectable);
        item->setCheckState(0, fixed || preselected.isEmpty() || preselected.contains(row.policyId) ? Qt::Checked : Qt::Unchecked);
    }
    for (QTreeWidgetItem* group : std::as_const(groups)) {
        group->setText(0, tr("%1 (%2)").arg(group->text(0)).arg(group->childCount()));
        if (fixed)
            group->setFlags(Qt::ItemIsEnabled);
    }
    m_tree->expandAll();
    m_stack->setCurrentWidget(m_tree);
    updateCount();
    // The list was hidden behind "Loading…" when the dialog gave out the focus: hand it to the
    // list now, unless the user already moved on to something else than a button.
    const QWidget* focused = window()->focusWidget();
    if (isVisible() && (!focused || focused == m_assignments || qobject_cast<const QPushButton*>(focused)))
        m_tree->setFocus(Qt::OtherFocusReason);
}

void RestoreItemsStep::showEmpty(const QString& headline, const QString& nextStep)
{
    m_empty->setText(emptyStateHtml(headline, nextStep));
    m_stack->setCurrentWidget(m_empty);
    m_count->clear();
}

QList<qint64> RestoreItemsStep::checkedPolicyIds() const
{
    QList<qint64> ids;
    for (int g = 0; g < m_tree->topLevelItemCount(); ++g) {
        const QTreeWidgetItem* group = m_tree->topLevelItem(g);
        for (int i = 0; i < group->childCount(); ++i) {
            if (group->child(i)->checkState(0) == Qt::Checked)
                ids.append(group->child(i)->data(0, IdRole).toLongLong());
        }
    }
    return ids;
}

bool RestoreItemsStep::assignments() const
{
    return m_assignments->isChecked();
}

bool RestoreItemsStep::canPreview() const
{
    return !m_loading && m_itemCount > 0 && !checkedPolicyIds().isEmpty();
}

void RestoreItemsStep::updateCount()
{
    m_count->setText(tr("%1 of %n object(s) chosen", nullptr, m_itemCount).arg(checkedPolicyIds().size()));
}

} // namespace pv::ui
