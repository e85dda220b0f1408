// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "ui/PoliciesPage.h"

#include "core/normalize/SnapshotDefinitions.h"
#include "core/runs/RunService.h"
#include "core/store/CaptureTypes.h"
#include "core/store/PolicyCatalog.h"
#include "core/store/SnapshotRepository.h"
#include "ui/MessageWidget.h"
#include "ui/ModelRoles.h"
#include "ui/PoliciesModel.h"
#include "ui/PolicySettingsModel.h"
#include "ui/RunReader.h"
#include "ui/UiFormat.h"

#include <QComboBox>
#include <QFontMetrics>
#include <QFormLayout>
#include <QFrame>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QFontDatabase>
#include <QJsonDocument>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QSignalBlocker>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>

namespace pv::ui {

namespace {

QTableView* makeTable(QWidget* parent, const QString& name)
{
    auto* view = new QTableView(parent);
    view->setObjectName(name);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setSelectionMode(QAbstractItemView::SingleSelection);
    view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view->setAlternatingRowColors(true);
    view->setShowGrid(false);
    view->setWordWrap(false);
    view->setTextElideMode(Qt::ElideRight);
    view->verticalHeader()->hide();
    view->verticalHeader()->setDefaultSectionSize(view->fontMetrics().height() + 10);
    view->horizontalHeader()->setHighlightSections(false);
    view->horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    return view;
}

QString listOrDash(const QStringList& list)
{
    return list.isEmpty() ? QStringLiteral("—") : list.join(QStringLiteral(" · "));
}

} // namespace

PoliciesPage::PoliciesPage(RunService& runService, const SnapshotRepository& snapshots,
                           std::shared_ptr<Database> database, QWidget* parent)
    : QWidget(parent)
    , m_snapshots(snapshots)
    , m_database(std::move(database))
    , m_reader(new RunReader(runService, this))
    , m_model(new PoliciesModel(this))
    , m_settingsModel(new PolicySettingsModel(this))
{
    setObjectName(QStringLiteral("policiesPage"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(16, 16, 16, 16);
    layout->setSpacing(12);

    auto* header = new QHBoxLayout;
    header->setSpacing(8);
    auto* title = new QLabel(tr("Policies"), this);
    QFont titleFont = title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.4);
    titleFont.setBold(true);
    title->setFont(titleFont);
    header->addWidget(title);
    header->addStretch(1);
    m_countLabel = new QLabel(this);
    m_countLabel->setObjectName(QStringLiteral("policyCountLabel"));
    header->addWidget(m_countLabel);
    layout->addLayout(header);

    auto* filters = new QHBoxLayout;
    filters->setSpacing(8);
    m_search = new QLineEdit(this);
    m_search->setObjectName(QStringLiteral("policySearch"));
    m_search->setPlaceholderText(tr("Search by name or Graph id"));
    m_search->setClearButtonEnabled(true);
    filters->addWidget(m_search, 1);
    m_typeFilter = new QComboBox(this);
    m_typeFilter->setObjectName(QStringLiteral("policyTypeFilter"));
    m_typeFilter->addItem(tr("All types"), QString());
    for (const QString& type : CaptureTypes::captured())
        m_typeFilter->addItem(captureTypeText(type), type);
    filters->addWidget(m_typeFilter);
    layout->addLayout(filters);

    m_message = new MessageWidget(this);
    layout->addWidget(m_message);

    auto* splitter = new QSplitter(Qt::Horizontal, this);
    splitter->setObjectName(QStringLiteral("policiesSplitter"));
    splitter->setChildrenCollapsible(false);
    m_view = makeTable(splitter, QStringLiteral("policiesTable"));
    m_view->setModel(m_model);
    QHeaderView* columns = m_view->horizontalHeader();
    // The name gets the room (long names elide, the tooltip has them whole); the others fit
    // their short texts. Interactive, so a user can widen the name.
    columns->setSectionResizeMode(QHeaderView::Interactive);
    columns->setStretchLastSection(false);
    const QFontMetrics metrics = m_view->fontMetrics();
    columns->resizeSection(int(PoliciesModel::Column::Name), metrics.horizontalAdvance(QLatin1Char('x')) * 28);
    columns->resizeSection(int(PoliciesModel::Column::Type), metrics.horizontalAdvance(tr("Security baselines")) + 24);
    columns->resizeSection(int(PoliciesModel::Column::Platform), metrics.horizontalAdvance(QStringLiteral("Windows 10 and later")) + 24);
    columns->resizeSection(int(PoliciesModel::Column::LastModified), metrics.horizontalAdvance(QStringLiteral("2026-12-31 23:59:59")) + 24);
    columns->resizeSection(int(PoliciesModel::Column::Versions), metrics.horizontalAdvance(tr("Versions")) + 24);
    m_tabs = new QTabWidget(splitter);
    m_tabs->setObjectName(QStringLiteral("policyTabs"));
    m_tabs->addTab(buildGeneralTab(), tr("General"));
    m_tabs->addTab(buildSettingsTab(), tr("Settings"));
    m_tabs->addTab(buildJsonTab(), tr("JSON"));
    m_tabs->addTab(buildVersionsTab(), tr("Versions"));
    splitter->addWidget(m_view);
    splitter->addWidget(m_tabs);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 1);
    layout->addWidget(splitter, 1);

    connect(m_search, &QLineEdit::textChanged, this, &PoliciesPage::applyListFilter);
    connect(m_typeFilter, &QComboBox::currentIndexChanged, this, &PoliciesPage::applyListFilter);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &PoliciesPage::readSelected);
    connect(m_model, &QAbstractItemModel::modelReset, this, &PoliciesPage::updateCount);
    // A backup of this tenant that ends here adds versions (other processes' arrive through the
    // store watcher, which calls reload()).
    connect(&runService, &RunService::runFinished, this, [this](qint64 tenantId, qint64, RunStatus) {
        if (m_scope && m_scope->tenantId() == tenantId)
            reload();
    });
    updateCount();
}

PoliciesPage::~PoliciesPage() = default;

QWidget* PoliciesPage::buildGeneralTab()
{
    auto* scroll = new QScrollArea(this);
    scroll->setObjectName(QStringLiteral("policyGeneralTab"));
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    auto* content = new QWidget(scroll);
    auto* column = new QVBoxLayout(content);
    column->setContentsMargins(12, 12, 12, 12);
    column->setSpacing(12);
    // Two cards: what the policy is, and where it comes from.
    const QList<QList<QPair<QString, QString>>> cards{
        {{QStringLiteral("name"), tr("Name")},
         {QStringLiteral("description"), tr("Description")},
         {QStringLiteral("type"), tr("Type")},
         {QStringLiteral("platforms"), tr("Platform")},
         {QStringLiteral("technologies"), tr("Technologies")}},
        {{QStringLiteral("template"), tr("Template")},
         {QStringLiteral("scopeTags"), tr("Scope tags")},
         {QStringLiteral("created"), tr("Created")},
         {QStringLiteral("modified"), tr("Last modified")}}};
    for (const auto& card : cards) {
        auto* frame = new QFrame(content);
        frame->setFrameShape(QFrame::StyledPanel);
        frame->setBackgroundRole(QPalette::Base);
        frame->setAutoFillBackground(true);
        auto* form = new QFormLayout(frame);
        form->setContentsMargins(12, 12, 12, 12);
        form->setHorizontalSpacing(16);
        form->setVerticalSpacing(8);
        form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
        for (const auto& [key, label] : card) {
            auto* value = new QLabel(frame);
            value->setObjectName(QStringLiteral("general_") + key);
            value->setWordWrap(true);
            value->setTextInteractionFlags(Qt::TextSelectableByMouse);
            auto* name = new QLabel(label, frame);
            name->setForegroundRole(QPalette::PlaceholderText);
            form->addRow(name, value);
            m_general.insert(key, value);
        }
        column->addWidget(frame);
    }
    column->addStretch(1);
    scroll->setWidget(content);
    return scroll;
}

QWidget* PoliciesPage::buildSettingsTab()
{
    auto* tab = new QWidget(this);
    tab->setObjectName(QStringLiteral("policySettingsTab"));
    auto* layout = new QVBoxLayout(tab);
    layout->setContentsMargins(0, 8, 0, 0);
    layout->setSpacing(8);
    auto* bar = new QHBoxLayout;
    m_settingsSearch = new QLineEdit(tab);
    m_settingsSearch->setObjectName(QStringLiteral("settingsSearch"));
    m_settingsSearch->setPlaceholderText(tr("Search settings, values, definition ids, descriptions"));
    m_settingsSearch->setClearButtonEnabled(true);
    bar->addWidget(m_settingsSearch, 1);
    m_settingsCount = new QLabel(tab);
    m_settingsCount->setObjectName(QStringLiteral("settingsCount"));
    bar->addWidget(m_settingsCount);
    layout->addLayout(bar);
    m_settingsView = makeTable(tab, QStringLiteral("settingsTable"));
    m_settingsView->setModel(m_settingsModel);
    QHeaderView* columns = m_settingsView->horizontalHeader();
    columns->setSectionResizeMode(QHeaderView::Interactive);
    columns->setStretchLastSection(true);
    // Fixed widths from the font, not ResizeToContents: a 100,000-row table must not measure
    // every row.
    const QFontMetrics settingsMetrics = m_settingsView->fontMetrics();
    const int em = settingsMetrics.horizontalAdvance(QLatin1Char('x'));
    columns->resizeSection(int(PolicySettingsModel::Column::Category), em * 12);
    columns->resizeSection(int(PolicySettingsModel::Column::Setting), em * 30);
    columns->resizeSection(int(PolicySettingsModel::Column::Value), em * 26);
    m_settingsView->setSelectionMode(QAbstractItemView::ExtendedSelection);
    layout->addWidget(m_settingsView, 1);
    // Ctrl+C (and the context menu) copies the selected rows as tab-separated text: category,
    // setting, value, badges — pastes into a spreadsheet or a ticket as they read here.
    auto* copyRows = new QAction(tr("Copy rows"), m_settingsView);
    copyRows->setObjectName(QStringLiteral("copySettingsRows"));
    copyRows->setShortcut(QKeySequence::Copy);
    copyRows->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_settingsView->addAction(copyRows);
    m_settingsView->setContextMenuPolicy(Qt::ActionsContextMenu);
    connect(copyRows, &QAction::triggered, this, [this] {
        QList<int> rows;
        for (const QModelIndex& index : m_settingsView->selectionModel()->selectedRows())
            rows.append(index.row());
        std::sort(rows.begin(), rows.end());
        QStringList lines;
        for (const int row : std::as_const(rows)) {
            const normalize::SettingRow& r = m_settingsModel->settingRow(row);
            lines.append(QStringList{r.category, QString(QString(r.depth * 2, QLatin1Char(' ')) + r.setting), r.value,
                                     PolicySettingsModel::badgesText(r)}
                             .join(QLatin1Char('\t')));
        }
        if (!lines.isEmpty())
            QApplication::clipboard()->setText(lines.join(QLatin1Char('\n')) + QLatin1Char('\n'));
    });

    // Typing filters once the user pauses: a 100,000-row table is not re-filtered per key.
    m_settingsDebounce = new QTimer(this);
    m_settingsDebounce->setSingleShot(true);
    m_settingsDebounce->setInterval(200);
    connect(m_settingsSearch, &QLineEdit::textChanged, m_settingsDebounce, qOverload<>(&QTimer::start));
    connect(m_settingsDebounce, &QTimer::timeout, this, [this] {
        m_settingsModel->setFilterText(m_settingsSearch->text());
    });
    connect(m_settingsModel, &QAbstractItemModel::modelReset, this, [this] {
        m_settingsCount->setText(m_settingsModel->filterText().isEmpty()
                                     ? tr("%n row(s)", nullptr, m_settingsModel->totalRows())
                                     : tr("%1 of %2 rows").arg(m_settingsModel->rowCount()).arg(m_settingsModel->totalRows()));
    });
    return tab;
}

QWidget* PoliciesPage::buildJsonTab()
{
    auto* tab = new QWidget(this);
    tab->setObjectName(QStringLiteral("policyJsonTab"));
    auto* layout = new QVBoxLayout(tab);
    layout->setContentsMargins(0, 8, 0, 0);
    layout->setSpacing(8);
    auto* bar = new QHBoxLayout;
    m_jsonSearch = new QLineEdit(tab);
    m_jsonSearch->setObjectName(QStringLiteral("jsonSearch"));
    m_jsonSearch->setPlaceholderText(tr("Find in JSON (Enter: next)"));
    m_jsonSearch->setClearButtonEnabled(true);
    bar->addWidget(m_jsonSearch, 1);
    auto* copy = new QPushButton(tr("Copy"), tab);
    copy->setObjectName(QStringLiteral("jsonCopyButton"));
    bar->addWidget(copy);
    layout->addLayout(bar);
    m_json = new QPlainTextEdit(tab);
    m_json->setObjectName(QStringLiteral("policyJson"));
    m_json->setReadOnly(true);
    m_json->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_json->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    layout->addWidget(m_json, 1);
    connect(m_jsonSearch, &QLineEdit::textChanged, this, [this] { findInJson(true); });
    connect(m_jsonSearch, &QLineEdit::returnPressed, this, [this] { findInJson(false); });
    connect(copy, &QPushButton::clicked, this, [this] { QApplication::clipboard()->setText(m_json->toPlainText()); });
    return tab;
}

void PoliciesPage::findInJson(bool fromStart)
{
    const QString needle = m_jsonSearch->text();
    if (needle.isEmpty())
        return;
    if (fromStart)
        m_json->moveCursor(QTextCursor::Start);
    // Wraps around: Enter after the last hit starts again at the top.
    if (!m_json->find(needle) && !fromStart) {
        m_json->moveCursor(QTextCursor::Start);
        m_json->find(needle);
    }
}

QWidget* PoliciesPage::buildVersionsTab()
{
    auto* tab = new QWidget(this);
    tab->setObjectName(QStringLiteral("policyVersionsTab"));
    auto* layout = new QVBoxLayout(tab);
    layout->setContentsMargins(0, 8, 0, 0);
    layout->setSpacing(8);
    auto setUpTable = [](QTableWidget* table, const QStringList& headers) {
        table->setColumnCount(int(headers.size()));
        table->setHorizontalHeaderLabels(headers);
        table->setEditTriggers(QAbstractItemView::NoEditTriggers);
        table->setSelectionBehavior(QAbstractItemView::SelectRows);
        table->setAlternatingRowColors(true);
        table->setShowGrid(false);
        table->setWordWrap(false);
        table->verticalHeader()->hide();
        table->horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
        table->horizontalHeader()->setStretchLastSection(true);
    };
    m_versions = new QTableWidget(tab);
    m_versions->setObjectName(QStringLiteral("versionsTable"));
    setUpTable(m_versions, {tr("Version"), tr("Captured"), tr("Run"), tr("Content hash")});
    m_versions->setMaximumHeight(m_versions->fontMetrics().height() * 9);
    layout->addWidget(m_versions);
    // Restore: one version of this policy back into the tenant, through the restore flow.
    auto* restoreRow = new QHBoxLayout;
    restoreRow->addStretch(1);
    m_restoreVersion = new QPushButton(tr("Restore This &Version…"), tab);
    m_restoreVersion->setObjectName(QStringLiteral("restoreVersionButton"));
    m_restoreVersion->setEnabled(false);
    m_restoreVersion->setToolTip(tr("Select a version to preview restoring it into the tenant."));
    restoreRow->addWidget(m_restoreVersion);
    layout->addLayout(restoreRow);
    connect(m_versions, &QTableWidget::currentCellChanged, this, [this](int row) {
        m_restoreVersion->setEnabled(row >= 0 && row < m_shownVersions.size());
    });
    connect(m_restoreVersion, &QPushButton::clicked, this, [this] {
        const int row = m_versions->currentRow();
        if (row >= 0 && row < m_shownVersions.size())
            emit restoreVersionRequested(m_shownVersions.at(row).policyId, m_shownVersions.at(row).id);
    });
    auto* bar = new QHBoxLayout;
    bar->setSpacing(8);
    bar->addWidget(new QLabel(tr("Compare version"), tab));
    m_diffFrom = new QComboBox(tab);
    m_diffFrom->setObjectName(QStringLiteral("diffFrom"));
    bar->addWidget(m_diffFrom);
    bar->addWidget(new QLabel(tr("with version"), tab));
    m_diffTo = new QComboBox(tab);
    m_diffTo->setObjectName(QStringLiteral("diffTo"));
    bar->addWidget(m_diffTo);
    bar->addStretch(1);
    m_diffSummary = new QLabel(tab);
    m_diffSummary->setObjectName(QStringLiteral("diffSummary"));
    bar->addWidget(m_diffSummary);
    layout->addLayout(bar);
    m_diff = new QTableWidget(tab);
    m_diff->setObjectName(QStringLiteral("versionDiffTable"));
    setUpTable(m_diff, {tr("Change"), tr("Setting"), tr("Old value"), tr("New value")});
    layout->addWidget(m_diff, 1);
    connect(m_diffFrom, &QComboBox::currentIndexChanged, this, &PoliciesPage::readDiff);
    connect(m_diffTo, &QComboBox::currentIndexChanged, this, &PoliciesPage::readDiff);
    return tab;
}

void PoliciesPage::showVersions(const QList<PolicyVersionRecord>& versions)
{
    m_shownVersions = versions;
    m_versions->setRowCount(int(versions.size()));
    for (int i = 0; i < versions.size(); ++i) {
        const PolicyVersionRecord& v = versions.at(i);
        auto* captured = new QTableWidgetItem(formatDateTime(v.capturedAt));
        captured->setToolTip(v.capturedAt.toUTC().toString(Qt::ISODateWithMs));
        m_versions->setItem(i, 0, new QTableWidgetItem(QString::number(i + 1)));
        m_versions->setItem(i, 1, captured);
        m_versions->setItem(i, 2, new QTableWidgetItem(v.runId > 0 ? QString::number(v.runId) : QStringLiteral("—")));
        m_versions->setItem(i, 3, new QTableWidgetItem(v.contentHash));
    }
    m_versions->resizeColumnsToContents();
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
    readDiff();
}

void PoliciesPage::readDiff()
{
    m_diff->setRowCount(0);
    const int from = m_diffFrom->currentIndex();
    const int to = m_diffTo->currentIndex();
    if (!m_scope || from < 0 || to < 0 || from >= m_shownVersions.size() || to >= m_shownVersions.size()) {
        m_diffSummary->clear();
        return;
    }
    const qint64 oldId = m_shownVersions.at(from).id;
    const qint64 newId = m_shownVersions.at(to).id;
    const int generation = ++m_diffRequested;
    m_diffSummary->setText(tr("Comparing…"));
    m_reader->submit<Result<QList<normalize::RowChange>>>(
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

void PoliciesPage::setScope(const std::optional<TenantScope>& scope)
{
    m_scope = scope;
    m_selectWhenListed = 0;
    m_message->hideMessage();
    m_model->setPolicies({});
    clearDetail();
    reload();
}

void PoliciesPage::reload()
{
    if (!m_scope) {
        updateCount();
        return;
    }
    const int generation = ++m_listRequested;
    m_reader->submit<Result<QList<PolicySummary>>>(
        QStringLiteral("policies"), this,
        [database = m_database, scope = *m_scope] { return PolicyCatalog(database).list(scope, QString(), false); },
        [this, generation, tenantId = m_scope->tenantId()](Result<QList<PolicySummary>> policies) {
            m_listDelivered = generation;
            if (!m_scope || m_scope->tenantId() != tenantId)
                return;
            if (!policies) {
                m_message->showMessage(MessageWidget::Type::Error,
                                       tr("Could not load policies: %1").arg(policies.error().displayText()));
                return;
            }
            const qint64 selected = m_selectWhenListed > 0 ? m_selectWhenListed : selectedPolicyId();
            m_model->setPolicies(std::move(policies.value()));
            const int row = m_model->rowOf(selected);
            if (row >= 0) {
                m_selectWhenListed = 0;
                m_view->setCurrentIndex(m_model->index(row, 0));
                readSelected();   // its versions may have changed
            } else if (m_model->rowCount() > 0) {
                m_view->setCurrentIndex(m_model->index(0, 0));
            }
        });
}

void PoliciesPage::selectPolicy(qint64 policyId)
{
    const int row = m_model->rowOf(policyId);
    if (row < 0) {
        m_selectWhenListed = policyId;
        return;
    }
    m_view->setCurrentIndex(m_model->index(row, 0));
    m_view->scrollTo(m_model->index(row, 0));
}

qint64 PoliciesPage::selectedPolicyId() const
{
    const QModelIndex current = m_view->currentIndex();
    return current.isValid() ? current.data(IdRole).toLongLong() : 0;
}

bool PoliciesPage::isLoading() const
{
    return m_listDelivered < m_listRequested || m_detailDelivered < m_detailRequested || m_diffDelivered < m_diffRequested;
}

void PoliciesPage::applyListFilter()
{
    const qint64 selected = selectedPolicyId();
    m_model->setFilter(m_search->text(), m_typeFilter->currentData().toString());
    const int row = m_model->rowOf(selected);
    if (row >= 0)
        m_view->setCurrentIndex(m_model->index(row, 0));
}

void PoliciesPage::updateCount()
{
    if (!m_scope || m_listDelivered < m_listRequested) {
        m_countLabel->clear();
        return;
    }
    const int shown = m_model->rowCount();
    const int total = m_model->totalPolicies();
    m_countLabel->setText(shown == total ? tr("%n policy(ies)", nullptr, total) : tr("%1 of %2 policies").arg(shown).arg(total));
}

void PoliciesPage::readSelected()
{
    const QModelIndex current = m_view->currentIndex();
    if (!m_scope || !current.isValid()) {
        clearDetail();
        return;
    }
    const PolicySummary summary = m_model->summary(current.row());
    const int generation = ++m_detailRequested;
    m_reader->submit<Result<Detail>>(
        QStringLiteral("policyDetail"), this,
        [&snapshots = m_snapshots, database = m_database, scope = *m_scope, summary]() -> Result<Detail> {
            Detail detail;
            detail.policyId = summary.policy.id;
            detail.typeKey = summary.policy.typeKey;
            if (summary.latestVersionId <= 0)
                return detail;
            const PolicyCatalog catalog(database);
            auto general = normalize::versionGeneral(snapshots, catalog, scope, summary.latestVersionId);
            if (!general)
                return general.failure();
            auto rows = normalize::versionRows(snapshots, catalog, scope, summary.latestVersionId);
            if (!rows)
                return rows.failure();
            auto content = snapshots.versionContent(scope, summary.latestVersionId);
            if (!content)
                return content.failure();
            detail.content = std::move(content.value());
            auto versions = snapshots.policyVersions(scope, summary.policy.id);
            if (!versions)
                return versions.failure();
            detail.versions = std::move(versions.value());
            detail.general = std::move(general.value());
            detail.rows = std::move(rows.value());
            return detail;
        },
        [this, generation](Result<Detail> detail) {
            m_detailDelivered = generation;
            if (!detail) {
                m_message->showMessage(MessageWidget::Type::Error,
                                       tr("Could not load the policy: %1").arg(detail.error().displayText()));
                return;
            }
            if (detail->policyId == selectedPolicyId())
                showDetail(detail.value());
        });
}

void PoliciesPage::showDetail(const Detail& detail)
{
    const normalize::PolicyGeneral& g = detail.general;
    auto set = [this](const QString& key, const QString& text, const QString& toolTip = QString()) {
        QLabel* label = m_general.value(key);
        label->setText(text);
        label->setToolTip(toolTip);
    };
    set(QStringLiteral("name"), g.name);
    set(QStringLiteral("description"), g.description.isEmpty() ? tr("No description") : g.description);
    set(QStringLiteral("type"), captureTypeText(detail.typeKey));
    set(QStringLiteral("platforms"), listOrDash(g.platforms));
    set(QStringLiteral("technologies"), listOrDash(g.technologies));
    set(QStringLiteral("template"), g.templateId.isEmpty() ? tr("None (not made from a template)") : g.templateSummary());
    set(QStringLiteral("scopeTags"), listOrDash(g.scopeTags));
    auto time = [](const QDateTime& t) { return t.isValid() ? formatDateTime(t) : QStringLiteral("—"); };
    auto iso = [](const QDateTime& t) { return t.isValid() ? t.toUTC().toString(Qt::ISODateWithMs) : QString(); };
    set(QStringLiteral("created"), time(g.created), iso(g.created));
    set(QStringLiteral("modified"), time(g.modified), iso(g.modified));
    m_settingsModel->setRows(detail.rows);
    m_json->setPlainText(QString::fromUtf8(QJsonDocument(detail.content).toJson(QJsonDocument::Indented)));
    findInJson(true);
    showVersions(detail.versions);
}

void PoliciesPage::clearDetail()
{
    for (QLabel* label : std::as_const(m_general)) {
        label->clear();
        label->setToolTip(QString());
    }
    m_settingsModel->setRows({});
    m_json->clear();
    showVersions({});
}

} // namespace pv::ui
