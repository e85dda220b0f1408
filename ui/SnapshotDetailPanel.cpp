// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "ui/SnapshotDetailPanel.h"

#include "core/store/CaptureTypes.h"
#include "ui/MessageWidget.h"
#include "ui/ModelRoles.h"
#include "ui/UiFormat.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QStackedWidget>
#include <QTableView>
#include <QTableWidget>
#include <QTimer>
#include <QVBoxLayout>

namespace pv::ui {

namespace {
constexpr int col(SnapshotPoliciesModel::Column c)
{
    return static_cast<int>(c);
}

enum TypeColumn { TypeName, TypePolicies, TypeNew, TypeChanged, TypeUnchanged, TypeDeleted, TypeColumnCount };

QStringList orderedTypes(const SnapshotDetailData& data)
{
    QStringList keys = data.detail.snapshot.capturedTypes;
    for (auto it = data.changes.byType.cbegin(); it != data.changes.byType.cend(); ++it) {
        if (!keys.contains(it.key()))
            keys.append(it.key());
    }
    QStringList out;
    for (const QString& type : CaptureTypes::captured()) {
        if (keys.contains(type))
            out.append(type);
    }
    for (const QString& type : std::as_const(keys)) {
        if (!out.contains(type))
            out.append(type);
    }
    return out;
}
} // namespace

SnapshotDetailPanel::SnapshotDetailPanel(QWidget* parent)
    : QWidget(parent)
    , m_model(new SnapshotPoliciesModel(this))
    , m_proxy(new QSortFilterProxyModel(this))
    , m_searchTimer(new QTimer(this))
{
    setObjectName(QStringLiteral("snapshotDetailPanel"));
    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(UnderlyingDataRole);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_proxy->setFilterKeyColumn(col(SnapshotPoliciesModel::Column::Name));

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 8, 0, 0);
    layout->setSpacing(8);

    auto* titleRow = new QHBoxLayout;
    titleRow->setSpacing(12);
    m_title = new QLabel(this);
    m_title->setObjectName(QStringLiteral("snapshotTitleLabel"));
    QFont titleFont = m_title->font();
    titleFont.setBold(true);
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.15);
    m_title->setFont(titleFont);
    titleRow->addWidget(m_title);
    m_facts = new QLabel(this);
    m_facts->setObjectName(QStringLiteral("snapshotFactsLabel"));
    m_facts->setTextInteractionFlags(Qt::TextBrowserInteraction);
    titleRow->addWidget(m_facts, 1);
    m_restore = new QPushButton(tr("&Restore…"), this);
    m_restore->setObjectName(QStringLiteral("restoreSnapshotButton"));
    titleRow->addWidget(m_restore);
    layout->addLayout(titleRow);

    m_banner = new MessageWidget(this);
    m_banner->setObjectName(QStringLiteral("snapshotBanner"));
    m_banner->setCloseable(false);
    layout->addWidget(m_banner);

    m_types = new QTableWidget(0, TypeColumnCount, this);
    m_types->setObjectName(QStringLiteral("snapshotTypesTable"));
    m_types->setHorizontalHeaderLabels({tr("Type"), tr("Policies"), tr("New"), tr("Changed"), tr("Unchanged"),
                                        tr("Deleted")});
    m_types->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_types->setSelectionMode(QAbstractItemView::NoSelection);
    m_types->setFocusPolicy(Qt::NoFocus);
    m_types->setShowGrid(false);
    m_types->setAlternatingRowColors(true);
    m_types->verticalHeader()->hide();
    m_types->verticalHeader()->setDefaultSectionSize(m_types->fontMetrics().height() + 8);
    m_types->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_types->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    QHeaderView* typeColumns = m_types->horizontalHeader();
    typeColumns->setHighlightSections(false);
    typeColumns->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    typeColumns->setStretchLastSection(false);
    for (int column = TypePolicies; column < TypeColumnCount; ++column)
        m_types->horizontalHeaderItem(column)->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    // Numbers next to their type, not across the window: a compact table, left-aligned.
    const int em = fontMetrics().horizontalAdvance(QLatin1Char('M'));
    typeColumns->resizeSection(TypeName, 13 * em);
    for (int column = TypePolicies; column < TypeColumnCount; ++column)
        typeColumns->resizeSection(
            column, qMax(6 * em, fontMetrics().horizontalAdvance(m_types->horizontalHeaderItem(column)->text()) + 2 * em));
    layout->addWidget(m_types, 0, Qt::AlignLeft);

    m_notCaptured = new QLabel(this);
    m_notCaptured->setObjectName(QStringLiteral("snapshotNotCapturedLabel"));
    m_notCaptured->setWordWrap(true);
    m_notCaptured->setForegroundRole(QPalette::PlaceholderText);
    layout->addWidget(m_notCaptured);

    auto* policiesHeader = new QHBoxLayout;
    policiesHeader->setSpacing(8);
    auto* policiesTitle = new QLabel(tr("Policies"), this);
    QFont sectionFont = policiesTitle->font();
    sectionFont.setBold(true);
    policiesTitle->setFont(sectionFont);
    policiesHeader->addWidget(policiesTitle);
    policiesHeader->addSpacing(12);
    m_search = new QLineEdit(this);
    m_search->setObjectName(QStringLiteral("snapshotPolicySearch"));
    m_search->setPlaceholderText(tr("Search policies…"));
    m_search->setClearButtonEnabled(true);
    m_search->setMinimumWidth(240);
    policiesHeader->addWidget(m_search);
    policiesHeader->addStretch(1);
    m_policyCount = new QLabel(this);
    m_policyCount->setObjectName(QStringLiteral("snapshotPolicyCount"));
    policiesHeader->addWidget(m_policyCount);
    layout->addLayout(policiesHeader);

    m_stack = new QStackedWidget(this);
    m_policies = new QTableView(this);
    m_policies->setObjectName(QStringLiteral("snapshotPoliciesTable"));
    m_policies->setModel(m_proxy);
    m_policies->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_policies->setSelectionMode(QAbstractItemView::ExtendedSelection);   // "Restore…" the selected ones
    m_policies->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_policies->setAlternatingRowColors(true);
    m_policies->setShowGrid(false);
    m_policies->setWordWrap(false);
    m_policies->setTextElideMode(Qt::ElideMiddle);   // long names keep their distinctive end
    m_policies->setSortingEnabled(true);
    m_policies->sortByColumn(-1, Qt::AscendingOrder);   // the store's order: type, then name
    m_policies->verticalHeader()->hide();
    m_policies->verticalHeader()->setDefaultSectionSize(m_policies->fontMetrics().height() + 10);
    QHeaderView* columns = m_policies->horizontalHeader();
    columns->setHighlightSections(false);
    columns->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    columns->setSectionResizeMode(col(SnapshotPoliciesModel::Column::Name), QHeaderView::Stretch);
    // Widths from the font (the list may hold thousands of rows: no fitting to contents);
    // a column is at least as wide as its header.
    const QFontMetrics metrics = m_policies->fontMetrics();
    const auto fit = [&](SnapshotPoliciesModel::Column column, const QString& widest) {
        // Room for the header's text and its sort arrow.
        const int header = metrics.horizontalAdvance(m_model->headerData(col(column), Qt::Horizontal).toString()) + 3 * em;
        columns->resizeSection(col(column), qMax(header, metrics.horizontalAdvance(widest) + 2 * em));
    };
    fit(SnapshotPoliciesModel::Column::Type, captureTypeText(QStringLiteral("assignmentFilters")));
    fit(SnapshotPoliciesModel::Column::Platform, QStringLiteral("windows10AndLater"));   // Graph's longest common value
    fit(SnapshotPoliciesModel::Column::Version, QStringLiteral("v000"));
    fit(SnapshotPoliciesModel::Column::Change, SnapshotPoliciesModel::changeText(PolicyChange::Unchanged));
    fit(SnapshotPoliciesModel::Column::Captured, QStringLiteral("0000-00-00 00:00:00"));
    m_stack->addWidget(m_policies);
    m_emptyState = new QLabel(this);
    m_emptyState->setObjectName(QStringLiteral("snapshotPoliciesEmptyState"));
    m_emptyState->setAlignment(Qt::AlignCenter);
    m_emptyState->setWordWrap(true);
    m_stack->addWidget(m_emptyState);
    layout->addWidget(m_stack, 1);

    m_searchTimer->setSingleShot(true);
    m_searchTimer->setInterval(200);
    connect(m_search, &QLineEdit::textChanged, m_searchTimer, qOverload<>(&QTimer::start));
    connect(m_searchTimer, &QTimer::timeout, this, [this] {
        m_proxy->setFilterFixedString(m_search->text().trimmed());
        updatePolicyCount();
    });
    connect(m_restore, &QPushButton::clicked, this, [this] {
        if (m_snapshotId > 0)
            emit restoreRequested(m_snapshotId, selectedPolicyIds());
    });
    connect(m_policies->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &SnapshotDetailPanel::updateRestoreButton);
    connect(m_facts, &QLabel::linkActivated, this, [this](const QString& link) {
        if (link.startsWith(QLatin1String("run:")))
            emit openRunRequested(link.mid(4).toLongLong());
    });
    clear();
}

SnapshotDetailPanel::~SnapshotDetailPanel() = default;

void SnapshotDetailPanel::clear(bool loading)
{
    m_snapshotId = 0;
    m_runId = 0;
    m_title->setText(loading ? tr("Loading snapshot…") : QString());
    m_facts->clear();
    m_banner->hideMessage();
    m_notCaptured->hide();
    m_types->setRowCount(0);
    m_types->hide();
    m_model->setRows({});
    m_restorable = false;
    updatePolicyCount();
    updateRestoreButton();
}

void SnapshotDetailPanel::showDetail(const SnapshotDetailData& data)
{
    const SnapshotRecord& snapshot = data.detail.snapshot;
    m_snapshotId = snapshot.id;
    m_title->setText(tr("Snapshot %1").arg(snapshot.id));
    m_takenAt = snapshot.createdAt;
    m_runId = snapshot.runId;
    updateFacts();

    if (!snapshot.finishedAt.isValid()) {
        m_banner->showMessage(MessageWidget::Type::Information,
                              tr("This snapshot is still being captured; what it holds so far is shown."));
    } else if (!snapshot.complete) {
        QStringList names;
        for (const QString& type : snapshot.incompleteTypes)
            names.append(captureTypeText(type));
        m_banner->showMessage(
            MessageWidget::Type::Warning,
            names.isEmpty()
                ? tr("Incomplete: the backup did not read everything, so this snapshot may lack some policies.")
                : tr("Incomplete: not every page of %1 arrived, so this snapshot may lack some of those policies. "
                     "Deletions are not counted for them.")
                      .arg(names.join(QStringLiteral(", "))));
    } else {
        m_banner->hideMessage();
    }

    if (!snapshot.notCapturedTypes.isEmpty()) {
        // Twenty collection names would drown the page: count them, list them in the tooltip.
        const int count = int(snapshot.notCapturedTypes.size());
        m_notCaptured->setText(tr("This version of PolicyVault does not capture %n other Intune type(s), so this "
                                  "snapshot does not hold them.", nullptr, count));
        m_notCaptured->setToolTip(snapshot.notCapturedTypes.join(QLatin1Char('\n')));
        m_notCaptured->show();
    } else {
        m_notCaptured->hide();
    }

    fillTypes(data);
    m_model->setRows(data.policies);
    m_restorable = snapshot.finishedAt.isValid() && snapshot.itemCount > 0;
    updatePolicyCount();
    updateRestoreButton();
}

QList<qint64> SnapshotDetailPanel::selectedPolicyIds() const
{
    QList<qint64> ids;
    for (const QModelIndex& index : m_policies->selectionModel()->selectedRows()) {
        const int row = m_proxy->mapToSource(index).row();
        if (row >= 0 && row < m_model->rows().size() && m_model->rows().at(row).change)
            ids.append(m_model->rows().at(row).policyId);
    }
    return ids;
}

void SnapshotDetailPanel::updateRestoreButton()
{
    m_restore->setVisible(m_snapshotId > 0);
    m_restore->setEnabled(m_restorable);
    const int selected = int(selectedPolicyIds().size());
    if (!m_restorable)
        m_restore->setToolTip(tr("Only a finished snapshot that holds objects can be restored."));
    else if (selected > 0)
        m_restore->setToolTip(tr("Preview a restore of the %n selected object(s) of this snapshot into the tenant.", nullptr,
                                 selected));
    else
        m_restore->setToolTip(tr("Preview a restore of this snapshot into the tenant; nothing is written before you "
                                 "confirm."));
}

void SnapshotDetailPanel::updateFacts()
{
    if (m_snapshotId <= 0) {
        m_facts->clear();
        return;
    }
    const QString taken = tr("Taken %1").arg(formatDateTime(m_takenAt)).toHtmlEscaped();
    if (m_runId <= 0) {
        m_facts->setText(taken);
        return;
    }
    // Qt colours a link from the application palette when it parses the text: name the
    // colour of this widget's palette, so the link reads on a dark palette too.
    const QString link = QStringLiteral("<a href=\"run:%1\" style=\"color:%2\">%3</a>")
                             .arg(m_runId)
                             .arg(palette().color(QPalette::Link).name(), tr("Backup run %1").arg(m_runId).toHtmlEscaped());
    m_facts->setText(tr("%1 · %2").arg(taken, link));
}

void SnapshotDetailPanel::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        updateFacts();
}

void SnapshotDetailPanel::fillTypes(const SnapshotDetailData& data)
{
    const QStringList types = orderedTypes(data);
    m_types->setRowCount(int(types.size()));
    const auto cell = [this](int row, int column, const QString& text, const QString& tip = {}) {
        auto* item = new QTableWidgetItem(text);
        if (column != TypeName)
            item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        item->setToolTip(tip);
        m_types->setItem(row, column, item);
    };
    for (int row = 0; row < types.size(); ++row) {
        const QString& type = types.at(row);
        const TypeChanges changes = data.changes.byType.value(type);
        cell(row, TypeName,
             data.detail.snapshot.incompleteTypes.contains(type) ? tr("%1 (incomplete)").arg(captureTypeText(type))
                                                                 : captureTypeText(type));
        cell(row, TypePolicies, QString::number(data.detail.itemsByType.value(type)));
        if (changes.previousSnapshotId == 0) {
            // Nothing to compare with: say so rather than call every policy "new".
            const QString tip = tr("The first snapshot of this type.");
            cell(row, TypeNew, QString::number(changes.created), tip);
            for (const int column : {TypeChanged, TypeUnchanged, TypeDeleted})
                cell(row, column, tr("—"), tip);
            continue;
        }
        const QString tip = tr("Compared with snapshot %1.").arg(changes.previousSnapshotId);
        cell(row, TypeNew, QString::number(changes.created), tip);
        cell(row, TypeChanged, QString::number(changes.updated), tip);
        cell(row, TypeUnchanged, QString::number(changes.unchanged), tip);
        if (changes.deletionsCounted)
            cell(row, TypeDeleted, QString::number(changes.deleted), tip);
        else
            cell(row, TypeDeleted, tr("?"), tr("Not counted: this type is incomplete in this snapshot."));
    }
    // The type column fits its longest name ("Endpoint security (incomplete)"), never less
    // than the width the constructor gave it.
    const int nameWidth = m_types->horizontalHeader()->sectionSize(TypeName);
    m_types->resizeColumnToContents(TypeName);
    m_types->horizontalHeader()->resizeSection(TypeName, qMax(nameWidth, m_types->horizontalHeader()->sectionSize(TypeName)));
    // Show every row without a scroll bar: the table is a summary, not a list to scroll.
    int height = m_types->horizontalHeader()->sizeHint().height() + 2 * m_types->frameWidth();
    for (int row = 0; row < m_types->rowCount(); ++row)
        height += m_types->rowHeight(row);
    m_types->setFixedHeight(height);
    m_types->setFixedWidth(m_types->horizontalHeader()->length() + 2 * m_types->frameWidth());
    m_types->setVisible(!types.isEmpty());
}

void SnapshotDetailPanel::updatePolicyCount()
{
    const int total = m_model->rowCount();
    const int shown = m_proxy->rowCount();
    int deleted = 0;
    for (const SnapshotPolicyRow& row : m_model->rows())
        deleted += row.change ? 0 : 1;
    // Deleted rows are listed for the comparison but are not in the snapshot: count apart.
    if (shown != total)
        m_policyCount->setText(tr("%1 of %n row(s)", nullptr, total).arg(shown));
    else if (deleted > 0)
        m_policyCount->setText(tr("%1 · %2").arg(tr("%n policy(s)", nullptr, total - deleted),
                                                 tr("%n deleted since the previous snapshot", nullptr, deleted)));
    else
        m_policyCount->setText(tr("%n policy(s)", nullptr, total));
    if (total == 0)
        m_emptyState->setText(m_snapshotId > 0 ? emptyStateHtml(tr("No policies in this snapshot"),
                                                                tr("The tenant had none of the captured types."))
                                               : QString());
    else
        m_emptyState->setText(emptyStateHtml(tr("No policies match the search"), tr("Clear the search to see all.")));
    m_stack->setCurrentWidget(shown == 0 ? static_cast<QWidget*>(m_emptyState) : m_policies);
}

} // namespace pv::ui
