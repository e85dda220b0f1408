// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "ui/RunDetailPage.h"

#include "core/capture/CaptureRequests.h"
#include "core/restore/RestoreRequests.h"
#include "core/runs/RunService.h"
#include "core/store/SnapshotRepository.h"
#include "ui/BackgroundWriter.h"
#include "ui/MessageWidget.h"
#include "ui/RunAuditPanel.h"
#include "ui/RunItemsFilterProxyModel.h"
#include "ui/RunItemsModel.h"
#include "ui/RunItemsPanel.h"
#include "ui/RunReader.h"
#include "ui/UiFormat.h"

#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QStyle>
#include <QTabWidget>
#include <QTimer>
#include <QVBoxLayout>

namespace pv::ui {

namespace {
QString parameterText(const QJsonValue& value)
{
    switch (value.type()) {
    case QJsonValue::Null: return QStringLiteral("null");
    case QJsonValue::Bool: return value.toBool() ? RunDetailPage::tr("Yes") : RunDetailPage::tr("No");
    case QJsonValue::Double: {
        const double number = value.toDouble();
        if (number == double(qint64(number)))
            return QLocale().toString(qint64(number));
        return QLocale().toString(number);
    }
    case QJsonValue::String: return value.toString();
    case QJsonValue::Array: return QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
    case QJsonValue::Object: return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
    case QJsonValue::Undefined: return {};
    }
    return {};
}

QLabel* valueLabel(QWidget* parent, const char* objectName)
{
    auto* label = new QLabel(parent);
    label->setObjectName(QLatin1String(objectName));
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}
} // namespace

RunDetailPage::RunDetailPage(RunService& runService, QWidget* parent)
    : QWidget(parent)
    , m_runService(runService)
    , m_reader(new RunReader(runService, this))
    , m_writer(new BackgroundWriter(this))
    , m_itemsTimer(new QTimer(this))
{
    setObjectName(QStringLiteral("runDetailPage"));

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(16, 12, 16, 16);
    layout->setSpacing(10);

    // Header: back, title, actions.
    auto* header = new QHBoxLayout;
    auto* back = new QPushButton(style()->standardIcon(QStyle::SP_ArrowBack), tr("Runs"), this);
    back->setObjectName(QStringLiteral("backToRunsButton"));
    back->setFlat(true);
    back->setToolTip(tr("Back to the list of runs"));
    header->addWidget(back);
    m_title = new QLabel(this);
    m_title->setObjectName(QStringLiteral("runTitleLabel"));
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.4);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    header->addWidget(m_title, 1);
    m_cancel = new QPushButton(tr("&Cancel run"), this);
    m_cancel->setObjectName(QStringLiteral("cancelRunButton"));
    m_cancel->setToolTip(tr("Stop after the item that is being processed; finished items are kept."));
    header->addWidget(m_cancel);
    m_resume = new QPushButton(tr("&Resume"), this);
    m_resume->setObjectName(QStringLiteral("resumeRunButton"));
    m_resume->setToolTip(tr("Start a new run that redoes only the failed and unattempted items."));
    header->addWidget(m_resume);
    m_openSnapshot = new QPushButton(tr("Open &snapshot"), this);
    m_openSnapshot->setObjectName(QStringLiteral("openSnapshotButton"));
    m_openSnapshot->hide();   // backups only
    header->addWidget(m_openSnapshot);
    layout->addLayout(header);

    // Status and progress.
    auto* statusRow = new QHBoxLayout;
    statusRow->setSpacing(6);
    m_statusIcon = new QLabel(this);
    m_statusIcon->setObjectName(QStringLiteral("runStatusIcon"));
    statusRow->addWidget(m_statusIcon);
    m_statusText = new QLabel(this);
    m_statusText->setObjectName(QStringLiteral("runStatusLabel"));
    m_statusText->setMinimumWidth(150);
    statusRow->addWidget(m_statusText);
    m_progress = new QProgressBar(this);
    m_progress->setObjectName(QStringLiteral("runProgressBar"));
    m_progress->setTextVisible(true);
    statusRow->addWidget(m_progress, 1);
    layout->addLayout(statusRow);

    m_banner = new MessageWidget(this);
    m_banner->setObjectName(QStringLiteral("runErrorBanner"));
    m_banner->setCloseable(false);
    layout->addWidget(m_banner);
    m_actionMessage = new MessageWidget(this);
    m_actionMessage->setObjectName(QStringLiteral("runActionMessage"));
    layout->addWidget(m_actionMessage);

    // Facts and parameters side by side.
    auto* facts = new QHBoxLayout;
    facts->setSpacing(12);
    auto* infoBox = new QGroupBox(tr("Run"), this);
    auto* info = new QFormLayout(infoBox);
    info->setLabelAlignment(Qt::AlignRight);
    m_started = valueLabel(infoBox, "runStartedLabel");
    m_finished = valueLabel(infoBox, "runFinishedLabel");
    m_duration = valueLabel(infoBox, "runDurationLabel");
    m_initiator = valueLabel(infoBox, "runInitiatorLabel");
    m_parent = valueLabel(infoBox, "runParentLabel");
    m_parent->setTextInteractionFlags(Qt::TextBrowserInteraction);
    info->addRow(tr("Started:"), m_started);
    info->addRow(tr("Finished:"), m_finished);
    info->addRow(tr("Duration:"), m_duration);
    info->addRow(tr("Started by:"), m_initiator);
    info->addRow(tr("Resumes:"), m_parent);
    facts->addWidget(infoBox, 1);
    auto* parametersBox = new QGroupBox(tr("Parameters"), this);
    parametersBox->setObjectName(QStringLiteral("runParametersBox"));
    m_parameters = new QFormLayout(parametersBox);
    m_parameters->setLabelAlignment(Qt::AlignRight);
    facts->addWidget(parametersBox, 1);
    layout->addLayout(facts);

    // Items, and for a restore its audit trail, as tabs: both are long lists.
    m_sections = new QTabWidget(this);
    m_sections->setObjectName(QStringLiteral("runSections"));
    m_sections->setDocumentMode(true);
    m_sections->setTabBarAutoHide(true);   // one tab (not a restore): no tab bar
    m_items = new RunItemsPanel(m_sections);
    m_sections->addTab(m_items, tr("Items"));
    m_audit = new RunAuditPanel(*m_reader, m_sections);
    m_audit->hide();   // a tab only for restore runs (updateAuditTab)
    layout->addWidget(m_sections, 1);

    connect(m_items, &RunItemsPanel::itemsAppended, this, &RunDetailPage::updateBanner);
    connect(m_reader, &RunReader::runRead, this, &RunDetailPage::applyRun);
    connect(m_reader, &RunReader::itemsRead, this, &RunDetailPage::applyItems);
    connect(m_reader, &RunReader::readFailed, this, [this](qint64 runId, const QString& message) {
        if (runId == m_runId)
            m_actionMessage->showMessage(MessageWidget::Type::Error,
                                         tr("Could not load run %1: %2").arg(runId).arg(message));
    });
    connect(back, &QPushButton::clicked, this, &RunDetailPage::backRequested);
    connect(m_cancel, &QPushButton::clicked, this, &RunDetailPage::cancelRun);
    connect(m_resume, &QPushButton::clicked, this, &RunDetailPage::resumeRun);
    connect(m_openSnapshot, &QPushButton::clicked, this, [this] {
        if (m_snapshotId > 0)
            emit openSnapshotRequested(m_snapshotId);
    });
    connect(m_parent, &QLabel::linkActivated, this, [this](const QString&) {
        if (m_run && m_run->parentRunId > 0)
            emit openRunRequested(m_run->parentRunId);
    });
    connect(&m_runService, &RunService::runChanged, this, [this](qint64 tenantId, qint64 runId) {
        if (m_scope && tenantId == m_scope->tenantId() && runId == m_runId)
            refresh();
    });
    connect(&m_runService, &RunService::runFinished, this, [this](qint64 tenantId, qint64 runId, RunStatus) {
        if (m_scope && tenantId == m_scope->tenantId() && runId == m_runId)
            refresh();
    });

    // While a run is busy, new items are fetched at most four times a second; each read asks
    // only for the items after the last one shown, so it costs the new rows, not the run.
    m_itemsTimer->setSingleShot(true);
    m_itemsTimer->setInterval(250);
    connect(m_itemsTimer, &QTimer::timeout, this, [this] {
        if (m_scope && m_runId > 0)
            m_reader->readItems(*m_scope, m_runId, m_items->lastOrdinal());
    });

    // A running run's duration ticks between the (coalesced) run events.
    auto* durationTimer = new QTimer(this);
    durationTimer->setInterval(1000);
    connect(durationTimer, &QTimer::timeout, this, [this] {
        if (m_run && m_run->status == RunStatus::Running && m_run->startedAt.isValid())
            m_duration->setText(formatDuration(
                std::chrono::milliseconds(m_run->startedAt.msecsTo(QDateTime::currentDateTimeUtc()))));
    });
    durationTimer->start();

    clear();
}

RunDetailPage::~RunDetailPage() = default;

RunItemsModel* RunDetailPage::itemsModel() const
{
    return m_items->model();
}

RunItemsFilterProxyModel* RunDetailPage::itemsProxy() const
{
    return m_items->proxy();
}

void RunDetailPage::setRun(const TenantScope& scope, qint64 runId, const RunRecord* known)
{
    const bool sameRun = m_scope && m_scope->tenantId() == scope.tenantId() && m_runId == runId;
    m_scope = scope;
    m_runId = runId;
    if (!sameRun) {
        m_run.reset();
        m_snapshotId = 0;
        m_snapshotSearched = false;
        m_items->clear();
        m_audit->clear();
        m_actionMessage->hideMessage();
    }
    m_reader->readRun(scope, runId);
    m_reader->readItems(scope, runId, m_items->lastOrdinal());
    if (sameRun)
        return;
    if (known && known->id == runId && known->tenantId == scope.tenantId()) {
        applyRun(*known);
    } else {
        updateHeader();   // "Run 12 — Loading…" until the read arrives
        updateParameters();
        updateBanner();
        updateItemsState();
    }
}

void RunDetailPage::clear()
{
    m_scope.reset();
    m_runId = 0;
    m_run.reset();
    m_snapshotId = 0;
    m_snapshotSearched = false;
    m_items->clear();
    m_audit->clear();
    m_actionMessage->hideMessage();
    updateAuditTab();
    updateHeader();
    updateParameters();
    updateBanner();
    updateItemsState();
}

void RunDetailPage::refresh()
{
    if (!m_scope || m_runId <= 0)
        return;
    m_reader->readRun(*m_scope, m_runId);
    // Items only grow; skip the read when the progress has not moved past what we have.
    if (!m_run || !isActive(m_run->status))
        m_reader->readItems(*m_scope, m_runId, m_items->lastOrdinal());
    else if (m_run->progressDone != m_items->model()->rowCount() && !m_itemsTimer->isActive())
        m_itemsTimer->start();
}

bool RunDetailPage::isLoading() const
{
    return m_reader->isBusy();
}

bool RunDetailPage::isWriting() const
{
    return m_writer->isBusy();
}

void RunDetailPage::applyRun(const RunRecord& run)
{
    if (!m_scope || run.id != m_runId || run.tenantId != m_scope->tenantId())
        return;
    const bool parametersChanged = !m_run || m_run->parameters != run.parameters;
    const bool wasBehind = m_run && run.progressDone > m_items->model()->rowCount();
    m_run = run;
    m_items->setKind(run.kind);
    if (parametersChanged)
        updateParameters();
    updateHeader();
    updateBanner();
    updateItemsState();
    updateAuditTab();
    // The run ended: fetch the rest now. Still running and behind: fetch soon.
    if (!isActive(run.status)) {
        m_itemsTimer->stop();
        m_reader->readItems(*m_scope, m_runId, m_items->lastOrdinal());
        findSnapshot();
    } else if (wasBehind && !m_itemsTimer->isActive()) {
        m_itemsTimer->start();
    }
}

void RunDetailPage::applyItems(qint64 runId, const QList<RunItemRecord>& items)
{
    if (runId != m_runId)
        return;
    m_items->appendItems(items);
}

void RunDetailPage::cancelRun()
{
    if (!m_scope || !m_run)
        return;
    m_cancel->setEnabled(false);   // one request; the button comes back if it fails
    const qint64 runId = m_runId;
    m_writer->run<Status>(
        this, [&service = m_runService, scope = *m_scope, runId] { return service.cancel(scope, runId); },
        [this, runId](const Status& status) {
            if (runId != m_runId)
                return;   // the page shows another run by now
            if (!status) {
                m_actionMessage->showMessage(MessageWidget::Type::Error,
                                             tr("Could not cancel: %1").arg(status.error().displayText()));
                m_cancel->setEnabled(m_run && isActive(m_run->status));
                return;
            }
            m_actionMessage->showMessage(MessageWidget::Type::Information,
                                         tr("Cancelling… the run stops after the current item."));
            refresh();
        });
}

void RunDetailPage::resumeRun()
{
    if (!m_scope || !m_run)
        return;
    m_resume->setEnabled(false);
    const qint64 runId = m_runId;
    m_writer->run<Result<RunRef>>(
        this, [&service = m_runService, scope = *m_scope, runId] { return service.resume(scope, runId); },
        [this, runId](const Result<RunRef>& ref) {
            if (runId != m_runId)
                return;
            if (!ref) {
                m_actionMessage->showMessage(MessageWidget::Type::Error,
                                             tr("Could not resume: %1").arg(ref.error().displayText()));
                m_resume->setEnabled(m_run && isResumable(m_run->status) && m_runService.hasKind(m_run->kind));
                return;
            }
            emit openRunRequested(ref->runId);
        });
}

void RunDetailPage::updateHeader()
{
    if (!m_run) {
        m_title->setText(m_runId > 0 ? tr("Run %1").arg(m_runId) : tr("No run selected"));
        m_statusIcon->clear();
        m_statusText->setText(m_runId > 0 && isLoading() ? tr("Loading…") : QString());
        m_progress->setRange(0, 1);
        m_progress->setValue(0);
        m_progress->setFormat(QString());
        m_cancel->setEnabled(false);
        m_resume->setEnabled(false);
        updateSnapshotButton();
        for (QLabel* label : {m_started, m_finished, m_duration, m_initiator, m_parent})
            label->clear();
        return;
    }
    const RunRecord& run = *m_run;
    m_title->setText(tr("%1 — run %2").arg(kindText(m_runService.kindDisplayName(run.kind))).arg(run.id));
    const int iconSize = style()->pixelMetric(QStyle::PM_SmallIconSize, nullptr, this);
    m_statusIcon->setPixmap(statusIcon(run.status).pixmap(iconSize, iconSize));
    m_statusText->setText(statusText(run.status));

    if (run.progressTotal > 0) {
        // QProgressBar is int-based; totals beyond that are not expected for one run.
        m_progress->setRange(0, int(qMin<qint64>(run.progressTotal, INT_MAX)));
        m_progress->setValue(int(qMin<qint64>(run.progressDone, INT_MAX)));
        m_progress->setFormat(tr("%1 of %2 items").arg(run.progressDone).arg(run.progressTotal));
    } else if (isActive(run.status)) {
        m_progress->setRange(0, 0);   // busy: the job is still planning
        m_progress->setFormat(tr("Planning…"));
    } else {
        m_progress->setRange(0, 1);
        m_progress->setValue(0);
        m_progress->setFormat(tr("No items"));
    }

    m_cancel->setEnabled(isActive(run.status));
    // A kind this build does not know (a newer version, a removed kind) cannot be resumed here.
    const bool knownKind = m_runService.hasKind(run.kind);
    m_resume->setEnabled(isResumable(run.status) && knownKind);
    m_resume->setToolTip(knownKind ? tr("Start a new run that redoes only the failed and unattempted items.")
                                   : tr("This version of PolicyVault cannot run \"%1\" jobs, so it cannot resume "
                                        "this run.")
                                         .arg(run.kind));

    updateSnapshotButton();

    m_started->setText(run.startedAt.isValid() ? formatDateTime(run.startedAt) : tr("Not started yet"));
    m_finished->setText(run.finishedAt.isValid() ? formatDateTime(run.finishedAt)
                                                 : (isActive(run.status) ? tr("Still running") : QString()));
    if (run.startedAt.isValid()) {
        const QDateTime end = run.finishedAt.isValid() ? run.finishedAt : QDateTime::currentDateTimeUtc();
        m_duration->setText(formatDuration(std::chrono::milliseconds(run.startedAt.msecsTo(end))));
    } else {
        m_duration->clear();
    }
    m_initiator->setText(run.initiator);
    m_parent->setText(run.parentRunId > 0
                          ? QStringLiteral("<a href=\"run:%1\">%2</a>").arg(run.parentRunId).arg(tr("Run %1").arg(run.parentRunId))
                          : tr("—"));
}

void RunDetailPage::updateParameters()
{
    while (m_parameters->rowCount() > 0)
        m_parameters->removeRow(0);
    const QJsonObject parameters = m_run ? m_run->parameters : QJsonObject();
    if (parameters.isEmpty()) {
        auto* none = new QLabel(m_run ? tr("This run has no parameters.") : QString());
        none->setObjectName(QStringLiteral("runParametersEmpty"));
        m_parameters->addRow(none);
        none->show();   // see below
        return;
    }
    const bool capture = m_run && isCaptureKind(m_run->kind);
    for (auto it = parameters.begin(); it != parameters.end(); ++it) {
        QString text = parameterText(it.value());
        QString name = it.key();
        // A backup's parameters in the words of its page: type names, not keys or JSON.
        if (capture && it.key() == QLatin1String("types") && it.value().isArray()) {
            QStringList types;
            for (const QJsonValue& type : it.value().toArray())
                types.append(captureTypeText(type.toString()));
            text = types.join(QStringLiteral(", "));
            name = tr("Types");
        } else if (capture && it.key() == QLatin1String("full")) {
            name = tr("Full re-read");
        }
        auto* value = new QLabel(text);
        value->setObjectName(QStringLiteral("parameter_%1").arg(it.key()));
        value->setTextInteractionFlags(Qt::TextSelectableByMouse);
        value->setWordWrap(true);
        // A live restore names the preview whose plan it executes: a link to that run.
        if (m_run->kind == QLatin1String(restore::RestoreKind) && it.key() == QLatin1String("planRunId")) {
            const qint64 planRunId = it.value().toInteger();
            name = tr("Plan");
            value->setText(QStringLiteral("<a href=\"run:%1\" style=\"color:%2\">%3</a>")
                               .arg(planRunId)
                               .arg(palette().color(QPalette::Link).name(), tr("Preview run %1").arg(planRunId).toHtmlEscaped()));
            value->setTextInteractionFlags(Qt::TextBrowserInteraction);
            connect(value, &QLabel::linkActivated, this, [this, planRunId] { emit openRunRequested(planRunId); });
        }
        auto* key = new QLabel(tr("%1:").arg(name));
        m_parameters->addRow(key, value);
        // A layout shows new children of a visible widget only on the next event-loop turn;
        // show them now so the page is complete when it is painted (or grabbed) right away.
        key->show();
        value->show();
    }
}

void RunDetailPage::updateBanner()
{
    if (!m_run) {
        m_banner->hideMessage();
        return;
    }
    const RunRecord& run = *m_run;
    const RunItemRecord* firstFailure = nullptr;
    for (const RunItemRecord& item : m_items->model()->items()) {
        if (item.outcome == ItemOutcome::Failed) {
            firstFailure = &item;
            break;
        }
    }
    QString failureText;
    if (firstFailure) {
        const QString name = firstFailure->displayName.isEmpty() ? firstFailure->itemKey : firstFailure->displayName;
        failureText = firstFailure->requestId.isEmpty()
                          ? tr("First failure — %1: %2").arg(name, firstFailure->message)
                          : tr("First failure — %1: %2 (request ID %3)")
                                .arg(name, firstFailure->message, firstFailure->requestId);
    }

    switch (run.status) {
    case RunStatus::Queued:
    case RunStatus::Running:
    case RunStatus::Succeeded:
        if (run.failedCount > 0 && firstFailure)
            m_banner->showMessage(MessageWidget::Type::Warning, failureText);
        else
            m_banner->hideMessage();
        return;
    case RunStatus::PartiallySucceeded:
        m_banner->showMessage(MessageWidget::Type::Warning,
                              tr("%1 of %2 items failed. %3").arg(run.failedCount).arg(run.progressTotal).arg(failureText));
        return;
    case RunStatus::Failed:
        m_banner->showMessage(MessageWidget::Type::Error,
                              run.errorSummary.isEmpty() ? tr("The run failed. %1").arg(failureText)
                                                         : tr("The run failed: %1").arg(run.errorSummary));
        return;
    case RunStatus::Cancelled:
        m_banner->showMessage(MessageWidget::Type::Information,
                              tr("The run was cancelled. Resume it to process the remaining items."));
        return;
    case RunStatus::Interrupted:
        m_banner->showMessage(MessageWidget::Type::Warning,
                              tr("The run was interrupted because the program running it stopped. Finished items "
                                 "are kept; resume it to process the rest."));
        return;
    }
}

void RunDetailPage::findSnapshot()
{
    if (!m_snapshots || !m_scope || !m_run || m_run->kind != QLatin1String(capture::BackupKind) || m_snapshotSearched)
        return;
    m_snapshotSearched = true;
    // A resumed backup completes the snapshot of its chain's root run; the store knows it.
    const qint64 runId = m_runId;
    m_reader->submit<qint64>(
        QStringLiteral("snapshotOfRun"), this,
        [snapshots = m_snapshots, scope = *m_scope, runId]() -> qint64 {
            auto snapshot = snapshots->snapshotOfRun(scope, runId);
            return snapshot ? snapshot->id : 0;   // NotFound: this run recorded none
        },
        [this, runId](qint64 snapshotId) {
            if (runId != m_runId)
                return;
            m_snapshotId = snapshotId;
            updateSnapshotButton();
        });
}

void RunDetailPage::updateSnapshotButton()
{
    const bool backup = m_snapshots && m_run && m_run->kind == QLatin1String(capture::BackupKind);
    m_openSnapshot->setVisible(backup);
    m_openSnapshot->setEnabled(backup && m_snapshotId > 0);
    if (!backup)
        return;
    if (m_snapshotId > 0)
        m_openSnapshot->setToolTip(tr("Show snapshot %1, which this backup recorded.").arg(m_snapshotId));
    else if (isActive(m_run->status))
        m_openSnapshot->setToolTip(tr("The snapshot can be opened once the backup has finished."));
    else
        m_openSnapshot->setToolTip(m_snapshotSearched && !isLoading() ? tr("This run recorded no snapshot.")
                                                                       : tr("Looking for the snapshot…"));
}

void RunDetailPage::setAuditLog(const AuditLog* log)
{
    m_audit->setAuditLog(log);
}

void RunDetailPage::updateAuditTab()
{
    // A live restore writes audit rows as it runs: re-read them with each change of the run.
    const bool restore = m_run && m_run->kind == QLatin1String(restore::RestoreKind);
    const int index = m_sections->indexOf(m_audit);
    if (restore && index < 0)
        m_sections->addTab(m_audit, tr("Audit trail"));
    else if (!restore && index >= 0)
        m_sections->removeTab(index);
    if (restore && m_scope)
        m_audit->showRun(*m_scope, m_runId);
}

void RunDetailPage::updateItemsState()
{
    m_items->setRunActive(m_run && isActive(m_run->status));
}

} // namespace pv::ui
