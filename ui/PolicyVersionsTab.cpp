// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "ui/PolicyVersionsTab.h"

#include "core/normalize/RowDiff.h"
#include "core/normalize/SnapshotDefinitions.h"
#include "core/store/PolicyCatalog.h"
#include "ui/PolicyTabSupport.h"
#include "ui/RunReader.h"
#include "ui/UiFormat.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QSignalBlocker>
#include <QTableWidget>
#include <QVBoxLayout>

namespace pv::ui {

namespace {

void setUpTable(QTableWidget* table, const QStringList& headers)
{
    table->setColumnCount(int(headers.size()));
    table->setHorizontalHeaderLabels(headers);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setSelectionMode(QAbstractItemView::SingleSelection);
    table->setAlternatingRowColors(true);
    table->setShowGrid(false);
    table->setWordWrap(false);
    table->setTabKeyNavigation(false);
    table->verticalHeader()->hide();
    table->horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    table->horizontalHeader()->setStretchLastSection(true);
}

} // namespace

PolicyVersionsTab::PolicyVersionsTab(RunReader& reader, const SnapshotRepository& snapshots,
                                     std::shared_ptr<Database> database, QWidget* parent)
    : QWidget(parent)
    , m_reader(reader)
    , m_snapshots(snapshots)
    , m_database(std::move(database))
{
    setObjectName(QStringLiteral("policyVersionsTab"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 8, 0, 0);
    layout->setSpacing(8);
    auto* history = new QHBoxLayout;
    history->setSpacing(8);
    m_versions = new QTableWidget(this);
    m_versions->setObjectName(QStringLiteral("versionsTable"));
    setUpTable(m_versions, {tr("Version"), tr("Captured"), tr("Run"), tr("Content hash")});
    m_versions->setMaximumHeight(m_versions->fontMetrics().height() * 9);
    history->addWidget(m_versions, 1);
    m_actions = new QHBoxLayout;
    m_actions->setSpacing(8);
    history->addLayout(m_actions);
    layout->addLayout(history);

    // The comparison: hidden while there is only one version (the empty state explains).
    m_compare = new QWidget(this);
    auto* compare = new QVBoxLayout(m_compare);
    compare->setContentsMargins(0, 0, 0, 0);
    compare->setSpacing(8);
    auto* bar = new QHBoxLayout;
    bar->setSpacing(8);
    bar->addWidget(new QLabel(tr("Compare version"), m_compare));
    m_diffFrom = new QComboBox(m_compare);
    m_diffFrom->setObjectName(QStringLiteral("diffFrom"));
    bar->addWidget(m_diffFrom);
    bar->addWidget(new QLabel(tr("with version"), m_compare));
    m_diffTo = new QComboBox(m_compare);
    m_diffTo->setObjectName(QStringLiteral("diffTo"));
    bar->addWidget(m_diffTo);
    bar->addStretch(1);
    m_diffSummary = new QLabel(m_compare);
    m_diffSummary->setObjectName(QStringLiteral("diffSummary"));
    bar->addWidget(m_diffSummary);
    compare->addLayout(bar);
    m_diff = new QTableWidget(m_compare);
    m_diff->setObjectName(QStringLiteral("versionDiffTable"));
    setUpTable(m_diff, {tr("Change"), tr("Setting"), tr("Old value"), tr("New value")});
    compare->addWidget(m_diff, 1);
    layout->addWidget(m_compare, 1);
    m_empty = makeEmptyStateLabel(this, QStringLiteral("versionsEmptyState"));
    layout->addWidget(m_empty, 1);
    connect(m_diffFrom, &QComboBox::currentIndexChanged, this, &PolicyVersionsTab::readDiff);
    connect(m_diffTo, &QComboBox::currentIndexChanged, this, &PolicyVersionsTab::readDiff);
}

std::optional<PolicyVersionRecord> PolicyVersionsTab::selectedVersion() const
{
    if (m_shown.isEmpty())
        return std::nullopt;
    const int row = m_versions->currentRow();
    return m_shown.at(row >= 0 && row < m_shown.size() ? row : int(m_shown.size()) - 1);
}

void PolicyVersionsTab::showVersions(const QList<PolicyVersionRecord>& versions)
{
    m_shown = versions;
    m_versions->setRowCount(int(versions.size()));
    for (int i = 0; i < versions.size(); ++i) {
        const PolicyVersionRecord& v = versions.at(i);
        auto* captured = new QTableWidgetItem(formatDateTime(v.capturedAt));
        captured->setToolTip(v.capturedAt.toUTC().toString(Qt::ISODateWithMs));
        m_versions->setItem(i, 0, new QTableWidgetItem(QString::number(i + 1)));
        m_versions->setItem(i, 1, captured);
        m_versions->setItem(i, 2, new QTableWidgetItem(v.runId > 0 ? QString::number(v.runId) : QStringLiteral("—")));
        // The hash's first 12 digits tell versions apart; the whole hash is in the tooltip.
        auto* hash = new QTableWidgetItem(v.contentHash.left(12));
        hash->setToolTip(v.contentHash);
        m_versions->setItem(i, 3, hash);
    }
    m_versions->resizeColumnsToContents();
    {
        const QSignalBlocker blockFrom(m_diffFrom);
        const QSignalBlocker blockTo(m_diffTo);
        m_diffFrom->clear();
        m_diffTo->clear();
        for (int i = 0; i < versions.size(); ++i) {
            const QString text = tr("%1 (%2)").arg(i + 1).arg(formatDateTime(versions.at(i).capturedAt));
            m_diffFrom->addItem(text, i);
            m_diffTo->addItem(text, i);
        }
        // The latest change first: the previous version against the latest.
        m_diffFrom->setCurrentIndex(qMax(0, int(versions.size()) - 2));
        m_diffTo->setCurrentIndex(int(versions.size()) - 1);
    }
    m_compare->setVisible(versions.size() > 1);
    m_empty->setVisible(versions.size() <= 1);
    if (versions.size() == 1) {
        m_empty->setText(emptyStateHtml(tr("Only one version so far"),
                                        tr("A new version is recorded when a backup or Capture snapshot finds this "
                                           "policy changed; then you can compare versions here.")));
    } else if (versions.isEmpty()) {
        m_empty->setText(emptyStateHtml(tr("No version captured"), tr("Back up the tenant to record this policy.")));
    }
    readDiff();
}

void PolicyVersionsTab::readDiff()
{
    m_diff->setRowCount(0);
    const int from = m_diffFrom->currentIndex();
    const int to = m_diffTo->currentIndex();
    if (!m_scope || from < 0 || to < 0 || from >= m_shown.size() || to >= m_shown.size() || m_shown.size() < 2) {
        m_diffSummary->clear();
        return;
    }
    const qint64 oldId = m_shown.at(from).id;
    const qint64 newId = m_shown.at(to).id;
    const int generation = ++m_diffRequested;
    m_diffSummary->setText(tr("Comparing…"));
    m_reader.submit<Result<QList<normalize::RowChange>>>(
        QStringLiteral("policyDiff"), this,
        [&snapshots = m_snapshots, database = m_database, scope = *m_scope, oldId, newId]() -> Result<QList<normalize::RowChange>> {
            const PolicyCatalog catalog(database);
            auto oldRows = normalize::versionRows(snapshots, catalog, scope, oldId);
            if (!oldRows)
                return oldRows.failure();
            auto newRows = normalize::versionRows(snapshots, catalog, scope, newId);
            if (!newRows)
                return newRows.failure();
            return normalize::diffRows(oldRows.value(), newRows.value());
        },
        [this, generation](Result<QList<normalize::RowChange>> changes) {
            m_diffDelivered = generation;
            if (generation != m_diffRequested)
                return;
            if (!changes) {
                m_diffSummary->setText(tr("Could not compare: %1").arg(changes.error().displayText()));
                return;
            }
            m_diff->setRowCount(int(changes->size()));
            for (int i = 0; i < changes->size(); ++i) {
                const normalize::RowChange& c = changes->at(i);
                const QString kind = c.kind == normalize::RowChange::Kind::Added     ? tr("Added")
                                     : c.kind == normalize::RowChange::Kind::Removed ? tr("Removed")
                                                                                     : tr("Changed");
                auto* setting = new QTableWidgetItem(QString(QString(c.row().depth * 4, QLatin1Char(' ')) + c.row().setting));
                setting->setToolTip(c.row().category);
                m_diff->setItem(i, 0, new QTableWidgetItem(kind));
                m_diff->setItem(i, 1, setting);
                m_diff->setItem(i, 2, new QTableWidgetItem(c.kind == normalize::RowChange::Kind::Added ? QString() : c.oldValue()));
                m_diff->setItem(i, 3, new QTableWidgetItem(c.kind == normalize::RowChange::Kind::Removed ? QString() : c.newValue()));
            }
            m_diff->resizeColumnToContents(0);
            const int em = m_diff->fontMetrics().horizontalAdvance(QLatin1Char('x'));
            m_diff->setColumnWidth(1, em * 30);   // long names elide; the tooltip has the category
            m_diff->setColumnWidth(2, em * 18);
            m_diffSummary->setText(changes->isEmpty() ? tr("No setting changed") : tr("%n change(s)", nullptr, int(changes->size())));
        });
}

} // namespace pv::ui
