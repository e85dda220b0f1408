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
#include "ui/PolicyGeneralTab.h"
#include "ui/PolicyJsonTab.h"
#include "ui/PolicySettingsModel.h"
#include "ui/PolicySettingsTab.h"
#include "ui/PolicyTabSupport.h"
#include "ui/PolicyVersionsTab.h"
#include "ui/RunReader.h"
#include "ui/UiFormat.h"

#include <QComboBox>
#include <QEvent>
#include <QPlainTextEdit>
#include <QFontMetrics>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
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
                          m_jsonTab->searchField(), m_jsonTab->view(), m_versionsTab->versionsTable(), m_versionsTab->diffFrom(),
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
    m_generalTab = new PolicyGeneralTab(m_tabs);
    m_tabs->addTab(m_generalTab, tr("General"));
    m_tabs->addTab(m_settingsTab, tr("Settings"));
    m_tabs->addTab(m_assignmentsTab, tr("Assignments"));
    m_jsonTab = new PolicyJsonTab(m_tabs);
    m_tabs->addTab(m_jsonTab, tr("JSON"));
    m_tabs->addTab(m_versionsTab, tr("Versions"));
    layout->addWidget(m_tabs, 1);
    connect(m_captureButton, &QPushButton::clicked, this, &PoliciesPage::captureSelected);
    return detail;
}

QLabel* PoliciesPage::generalValue(const QString& field) const { return m_generalTab->value(field); }
QPlainTextEdit* PoliciesPage::jsonView() const { return m_jsonTab->view(); }
QLineEdit* PoliciesPage::jsonSearchField() const { return m_jsonTab->searchField(); }
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
    m_generalTab->showGeneral(detail.general, detail.typeKey);
    static const QStringList settingsKinds{QStringLiteral("settingsCatalog"), QStringLiteral("endpointSecurity"),
                                           QStringLiteral("securityBaseline")};
    m_settingsTab->setRows(detail.rows, settingsKinds.contains(detail.typeKey));
    m_assignmentsTab->setAssignments(detail.assignments);
    m_jsonTab->setContent(detail.content);
    m_versionsTab->showVersions(detail.versions);
}

void PoliciesPage::clearDetail()
{
    m_generalTab->clear();
    m_detailTitle->clear();
    m_detailTitle->setToolTip(QString());
    m_captureButton->setEnabled(false);
    m_settingsTab->setRows({});
    m_assignmentsTab->setAssignments({}, false);
    m_jsonTab->clear();
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
