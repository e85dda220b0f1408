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
#include "ui/PolicyAssignmentsTab.h"
#include "ui/PolicyCaptureAction.h"
#include "ui/PolicySettingsModel.h"
#include "ui/PolicySettingsTab.h"
#include "ui/PolicyTabSupport.h"
#include "ui/PolicyVersionsTab.h"
#include "ui/RunReader.h"
#include "ui/UiFormat.h"

#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QFontDatabase>
#include <QFontMetrics>
#include <QFormLayout>
#include <QFrame>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QSettings>
#include <QSplitter>
#include <QStackedWidget>
#include <QTabBar>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QVBoxLayout>

namespace pv::ui {

namespace {

// QSettings keys of the page's remembered state.
const QString SplitterKey = QStringLiteral("policies/splitter");
const QString ListColumnsKey = QStringLiteral("policies/listColumns.v2");   // v2: 7 columns
const QString SettingsColumnsKey = QStringLiteral("policies/settingsColumns");

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
    , m_capture(new PolicyCaptureAction(runService, this))
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

    // The list and the detail, or the empty state while nothing was captured.
    m_body = new QStackedWidget(this);
    m_splitter = new QSplitter(Qt::Horizontal, m_body);
    m_splitter->setObjectName(QStringLiteral("policiesSplitter"));
    m_splitter->setChildrenCollapsible(false);
    m_view = makePolicyTable(m_splitter, QStringLiteral("policiesTable"));
    m_view->setModel(m_model);
    QHeaderView* columns = m_view->horizontalHeader();
    // The name gets the room (long names elide, the tooltip has them whole); the others fit
    // their short texts. Interactive, so a user can widen the name.
    columns->setSectionResizeMode(QHeaderView::Interactive);
    columns->setStretchLastSection(false);
    const QFontMetrics metrics = m_view->fontMetrics();
    const int pad = 24;
    const int dateWidth = metrics.horizontalAdvance(QStringLiteral("2026-12-31 23:59:59")) + pad;
    columns->resizeSection(int(PoliciesModel::Column::Name), metrics.horizontalAdvance(QLatin1Char('x')) * 34);
    columns->resizeSection(int(PoliciesModel::Column::Type), metrics.horizontalAdvance(tr("Security baselines")) + pad);
    columns->resizeSection(int(PoliciesModel::Column::Platform), metrics.horizontalAdvance(QStringLiteral("Windows 10 and later")) + pad);
    columns->resizeSection(int(PoliciesModel::Column::Technologies), metrics.horizontalAdvance(QStringLiteral("MDM, Defender for Endpoint")) + pad);
    columns->resizeSection(int(PoliciesModel::Column::LastModified), dateWidth);
    columns->resizeSection(int(PoliciesModel::Column::LastCaptured), dateWidth);
    columns->resizeSection(int(PoliciesModel::Column::Versions), metrics.horizontalAdvance(tr("Versions")) + pad);
    m_splitter->addWidget(m_view);
    m_splitter->addWidget(buildDetail(m_splitter));
    // The list shows name, type and platform without scrolling at a common window width
    // (1400 px: about 540 px); the detail keeps the rest for the settings table's columns.
    m_splitter->setStretchFactor(0, 9);
    m_splitter->setStretchFactor(1, 10);
    m_splitter->setSizes({540, 620});
    m_body->addWidget(m_splitter);
    m_empty = makeEmptyStateLabel(m_body, QStringLiteral("policiesEmptyState"));
    m_empty->show();
    m_body->addWidget(m_empty);
    layout->addWidget(m_body, 1);

    // Tab order: search → type → list → the tabs → the current tab's controls; the capture
    // button last (it acts, the rest reads).
    // Hidden widgets (other tabs' controls) are skipped, so the tab bar's next stop is the
    // first control of the current tab.
    QList<QWidget*> order{m_search, m_typeFilter, m_view, m_tabs->tabBar(), m_settingsTab->searchField(),
                          m_settingsTab->categoryFilter(), m_settingsTab->view(), m_assignmentsTab->table(),
                          m_jsonSearch, m_json, m_versionsTab->versionsTable(), m_versionsTab->diffFrom(),
                          m_versionsTab->diffTo(), m_versionsTab->diffTable(), m_captureButton};
    for (int i = 1; i < order.size(); ++i)
        setTabOrder(order.at(i - 1), order.at(i));

    connect(m_search, &QLineEdit::textChanged, this, &PoliciesPage::applyListFilter);
    connect(m_typeFilter, &QComboBox::currentIndexChanged, this, &PoliciesPage::applyListFilter);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &PoliciesPage::readSelected);
    connect(m_model, &QAbstractItemModel::modelReset, this, &PoliciesPage::updateCount);
    connect(m_capture, &PolicyCaptureAction::started, this, &PoliciesPage::onCaptureStarted);
    connect(m_capture, &PolicyCaptureAction::startFailed, this, [this](qint64, const QString& message) {
        --m_captureStarting;
        m_captureBanner->showMessage(MessageWidget::Type::Error, message);
    });
    connect(m_captureBanner, &MessageWidget::actionTriggered, this, [this] {
        if (m_captureRunId > 0)
            emit openRunRequested(m_captureRunId);
    });
    // A backup or capture of this tenant that ends here adds versions (other processes' arrive
    // through the store watcher, which calls reload()).
    connect(&runService, &RunService::runFinished, this, &PoliciesPage::onRunFinished);
    restoreState();
    updateCount();
    updateEmptyState();
}

PoliciesPage::~PoliciesPage()
{
    saveState();
}

QWidget* PoliciesPage::buildDetail(QWidget* parent)
{
    auto* detail = new QWidget(parent);
    detail->setObjectName(QStringLiteral("policyDetail"));
    auto* layout = new QVBoxLayout(detail);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(8);
    auto* bar = new QHBoxLayout;
    bar->setSpacing(8);
    m_detailTitle = new QLabel(detail);
    m_detailTitle->setObjectName(QStringLiteral("policyDetailTitle"));
    QFont bold = m_detailTitle->font();
    bold.setBold(true);
    m_detailTitle->setFont(bold);
    m_detailTitle->setMinimumWidth(0);
    m_detailTitle->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);   // long names elide
    bar->addWidget(m_detailTitle, 1);
    m_captureButton = new QPushButton(tr("Capture snapshot"), detail);
    m_captureButton->setObjectName(QStringLiteral("captureSnapshotButton"));
    m_captureButton->setToolTip(tr("Read this policy from the tenant now and record a new version when it changed. "
                                   "Runs in the background."));
    m_captureButton->setVisible(m_capture->isAvailable());
    m_captureButton->setEnabled(false);
    bar->addWidget(m_captureButton);
    layout->addLayout(bar);
    m_captureBanner = new MessageWidget(detail);
    m_captureBanner->setObjectName(QStringLiteral("captureBanner"));
    layout->addWidget(m_captureBanner);
    m_tabs = new QTabWidget(detail);
    m_tabs->setObjectName(QStringLiteral("policyTabs"));
    m_settingsTab = new PolicySettingsTab(m_tabs);
    m_assignmentsTab = new PolicyAssignmentsTab(m_tabs);
    m_versionsTab = new PolicyVersionsTab(*m_reader, m_snapshots, m_database, m_tabs);
    m_tabs->addTab(buildGeneralTab(), tr("General"));
    m_tabs->addTab(m_settingsTab, tr("Settings"));
    m_tabs->addTab(m_assignmentsTab, tr("Assignments"));
    m_tabs->addTab(buildJsonTab(), tr("JSON"));
    m_tabs->addTab(m_versionsTab, tr("Versions"));
    layout->addWidget(m_tabs, 1);
    connect(m_captureButton, &QPushButton::clicked, this, &PoliciesPage::captureSelected);
    return detail;
}

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
    m_json->setTabChangesFocus(true);
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

PolicySettingsModel* PoliciesPage::settingsModel() const { return m_settingsTab->model(); }
QLineEdit* PoliciesPage::settingsSearchField() const { return m_settingsTab->searchField(); }
QTableWidget* PoliciesPage::versionsTable() const { return m_versionsTab->versionsTable(); }
QComboBox* PoliciesPage::diffFrom() const { return m_versionsTab->diffFrom(); }
QComboBox* PoliciesPage::diffTo() const { return m_versionsTab->diffTo(); }
QTableWidget* PoliciesPage::diffTable() const { return m_versionsTab->diffTable(); }
QLabel* PoliciesPage::diffSummary() const { return m_versionsTab->diffSummary(); }

void PoliciesPage::setScope(const std::optional<TenantScope>& scope)
{
    m_scope = scope;
    m_versionsTab->setScope(scope);
    m_selectWhenListed = 0;
    m_captureRunId = 0;
    m_message->hideMessage();
    m_captureBanner->hideMessage();
    m_model->setPolicies({});
    clearDetail();
    reload();
}

void PoliciesPage::reload()
{
    if (!m_scope) {
        updateCount();
        updateEmptyState();
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
            readTechnologies(policies.value());
            m_model->setPolicies(std::move(policies.value()));
            updateEmptyState();
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

void PoliciesPage::readTechnologies(const QList<PolicySummary>& policies)
{
    // The technologies live in each version's content, not in the policies table: read after
    // the list is shown, so a list of 5,000 appears without reading 5,000 blobs first.
    QList<QPair<qint64, qint64>> versions;   // policy id, latest version id
    versions.reserve(policies.size());
    for (const PolicySummary& s : policies) {
        if (s.latestVersionId > 0)
            versions.append({s.policy.id, s.latestVersionId});
    }
    const int generation = ++m_technologiesRequested;
    m_reader->submit<QHash<qint64, QString>>(
        QStringLiteral("policyTechnologies"), this,
        [&snapshots = m_snapshots, scope = *m_scope, versions] {
            QHash<qint64, QString> out;
            for (const auto& [policyId, versionId] : versions) {
                auto content = snapshots.versionContent(scope, versionId);
                if (content)
                    out.insert(policyId, content->value(QStringLiteral("technologies")).toString());
            }
            return out;
        },
        [this, generation](QHash<qint64, QString> technologies) {
            m_technologiesDelivered = generation;
            if (generation == m_technologiesRequested)
                m_model->setTechnologies(technologies);
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
    return m_listDelivered < m_listRequested || m_detailDelivered < m_detailRequested || m_versionsTab->isLoading()
           || m_technologiesDelivered < m_technologiesRequested || m_captureStarting > 0;
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

void PoliciesPage::updateEmptyState()
{
    const bool loaded = m_scope && m_listDelivered >= m_listRequested;
    const bool empty = loaded && m_model->totalPolicies() == 0;
    if (!m_scope) {
        m_empty->setText(emptyStateHtml(tr("No tenant selected"), tr("Choose a tenant, or add one, to see its policies.")));
    } else if (!loaded) {
        m_empty->setText(emptyStateHtml(tr("Loading…"), QString()));
    } else if (empty) {
        m_empty->setText(emptyStateHtml(tr("No policies captured yet"),
                                        tr("Back up this tenant (Back up now, in the toolbar) to capture its policies. "
                                           "They appear here when the backup has finished.")));
    }
    m_body->setCurrentWidget(loaded && !empty ? static_cast<QWidget*>(m_splitter) : m_empty);
    m_search->setEnabled(loaded && !empty);
    m_typeFilter->setEnabled(loaded && !empty);
}

void PoliciesPage::readSelected()
{
    const QModelIndex current = m_view->currentIndex();
    m_captureButton->setEnabled(m_scope.has_value() && current.isValid());
    if (!m_scope || !current.isValid()) {
        clearDetail();
        return;
    }
    const PolicySummary summary = m_model->summary(current.row());
    m_detailTitle->setText(summary.policy.displayName);
    m_detailTitle->setToolTip(summary.policy.displayName);
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
            auto assignments = normalize::versionAssignments(snapshots, catalog, scope, summary.latestVersionId);
            if (!assignments)
                return assignments.failure();
            auto content = snapshots.versionContent(scope, summary.latestVersionId);
            if (!content)
                return content.failure();
            auto versions = snapshots.policyVersions(scope, summary.policy.id);
            if (!versions)
                return versions.failure();
            detail.content = std::move(content.value());
            detail.versions = std::move(versions.value());
            detail.general = std::move(general.value());
            detail.rows = std::move(rows.value());
            detail.assignments = std::move(assignments.value());
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
    m_settingsTab->setRows(detail.rows);
    m_assignmentsTab->setAssignments(detail.assignments);
    m_json->setPlainText(QString::fromUtf8(QJsonDocument(detail.content).toJson(QJsonDocument::Indented)));
    findInJson(true);
    m_versionsTab->showVersions(detail.versions);
}

void PoliciesPage::clearDetail()
{
    for (QLabel* label : std::as_const(m_general)) {
        label->clear();
        label->setToolTip(QString());
    }
    m_detailTitle->clear();
    m_detailTitle->setToolTip(QString());
    m_captureButton->setEnabled(false);
    m_settingsTab->setRows({});
    m_assignmentsTab->setAssignments({}, false);
    m_json->clear();
    m_versionsTab->showVersions({});
}

void PoliciesPage::captureSelected()
{
    const qint64 policyId = selectedPolicyId();
    if (!m_scope || policyId <= 0 || !m_capture->isAvailable())
        return;
    ++m_captureStarting;
    m_capture->start(*m_scope, policyId);
}

void PoliciesPage::onCaptureStarted(qint64 policyId, qint64 runId, bool reused)
{
    --m_captureStarting;
    m_captureRunId = runId;
    const int row = m_model->rowOf(policyId);
    const QString name = row >= 0 ? m_model->summary(row).policy.displayName : m_detailTitle->text();
    m_captureBanner->showMessage(MessageWidget::Type::Information,
                                 reused ? tr("“%1” is already being captured (run %2).").arg(name).arg(runId)
                                        : tr("Capturing “%1” in the background (run %2).").arg(name).arg(runId),
                                 tr("View run"));
}

void PoliciesPage::onRunFinished(qint64 tenantId, qint64 runId, RunStatus status)
{
    if (!m_scope || m_scope->tenantId() != tenantId)
        return;
    if (runId == m_captureRunId) {
        const MessageWidget::Type type = status == RunStatus::Succeeded ? MessageWidget::Type::Positive
                                         : status == RunStatus::Failed  ? MessageWidget::Type::Error
                                                                        : MessageWidget::Type::Warning;
        m_captureBanner->showMessage(type, tr("Capture snapshot (run %1): %2.").arg(runId).arg(statusText(status)),
                                     tr("View run"));
    }
    reload();
}

void PoliciesPage::saveState() const
{
    QSettings settings;
    if (m_splitterShown) {   // never shown: keep what was stored
        QVariantList sizes;
        for (const int size : m_splitter->sizes())
            sizes.append(size);
        settings.setValue(SplitterKey, sizes);
    }
    settings.setValue(ListColumnsKey, m_view->horizontalHeader()->saveState());
    settings.setValue(SettingsColumnsKey, m_settingsTab->view()->horizontalHeader()->saveState());
}

void PoliciesPage::restoreState()
{
    // A state from another version (a column added) is refused by restoreState: the defaults stay.
    const QSettings settings;
    // The splitter's sizes apply when it is first shown: before that it has no width of its
    // own, and sizes set then come out scaled.
    m_pendingSplitterSizes.clear();
    for (const QVariant& size : settings.value(SplitterKey).toList())
        m_pendingSplitterSizes.append(size.toInt());
    m_splitter->installEventFilter(this);
    m_view->horizontalHeader()->restoreState(settings.value(ListColumnsKey).toByteArray());
    m_settingsTab->view()->horizontalHeader()->restoreState(settings.value(SettingsColumnsKey).toByteArray());
}

bool PoliciesPage::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_splitter && event->type() == QEvent::Show && m_splitter->width() > 0) {
        if (m_pendingSplitterSizes.size() == m_splitter->count())
            m_splitter->setSizes(m_pendingSplitterSizes);
        m_pendingSplitterSizes.clear();
        m_splitterShown = true;
        m_splitter->removeEventFilter(this);
    }
    return QWidget::eventFilter(watched, event);
}

void PoliciesPage::hideEvent(QHideEvent* event)
{
    saveState();
    QWidget::hideEvent(event);
}

} // namespace pv::ui
