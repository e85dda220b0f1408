// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "ui/RestoreFlow.h"

#include "core/restore/SuppliedSecrets.h"
#include "core/runs/RunService.h"
#include "ui/BackgroundWriter.h"
#include "ui/MessageWidget.h"
#include "ui/RestoreConfirmPanel.h"
#include "ui/RestoreItemsStep.h"
#include "ui/RestorePlanModel.h"
#include "ui/RestorePreviewController.h"
#include "ui/RestoreReviewStep.h"
#include "ui/RestoreSecretsPanel.h"
#include "ui/RunReader.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QTableView>
#include <QTreeWidget>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QStackedWidget>
#include <QVBoxLayout>

namespace pv::ui {

RestoreFlow::RestoreFlow(const RestoreFlowContext& context, const RestoreSource& source, QWidget* parent)
    : QDialog(parent)
    , m_context(context)
    , m_source(source)
    , m_reader(new RunReader(context.runs, this))
    , m_writer(new BackgroundWriter(this))
    , m_preview(new RestorePreviewController(context.runs, context.database, context.scope, this))
{
    setObjectName(QStringLiteral("restoreFlow"));
    setWindowTitle(source.isVersion() ? tr("Restore Policy Version — %1").arg(context.tenantName)
                                      : tr("Restore from Snapshot %1 — %2").arg(source.snapshotId).arg(context.tenantName));
    resize(1180, 720);
    setSizeGripEnabled(true);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(16, 14, 16, 14);
    layout->setSpacing(12);
    auto* top = new QHBoxLayout;
    top->addWidget(buildStepBar(), 1);
    m_tenantLabel = new QLabel(this);
    m_tenantLabel->setObjectName(QStringLiteral("restoreTenantLabel"));
    m_tenantLabel->setTextFormat(Qt::PlainText);
    m_tenantLabel->setText(context.scope.isReadOnly() ? tr("Tenant: %1 (read-only)").arg(context.tenantName)
                                                      : tr("Tenant: %1").arg(context.tenantName));
    top->addWidget(m_tenantLabel);
    layout->addLayout(top);
    auto* rule = new QFrame(this);
    rule->setFrameShape(QFrame::HLine);
    rule->setFrameShadow(QFrame::Sunken);
    layout->addWidget(rule);

    m_pages = new QStackedWidget(this);
    m_items = new RestoreItemsStep(*m_reader, context.snapshots, m_pages);
    m_pages->addWidget(m_items);
    m_pages->addWidget(buildPreviewPage());
    m_review = new RestoreReviewStep(m_pages);
    m_pages->addWidget(m_review);
    m_secretsPanel = new RestoreSecretsPanel(m_pages);
    m_pages->addWidget(m_secretsPanel);
    m_confirm = new RestoreConfirmPanel(m_pages);
    m_pages->addWidget(m_confirm);
    layout->addWidget(m_pages, 1);

    auto* buttons = new QHBoxLayout;
    buttons->setSpacing(8);
    m_back = new QPushButton(tr("< &Back"), this);
    m_back->setObjectName(QStringLiteral("restoreBackButton"));
    m_back->setAutoDefault(false);
    buttons->addWidget(m_back);
    buttons->addStretch(1);
    m_next = new QPushButton(this);
    m_next->setObjectName(QStringLiteral("restoreNextButton"));
    m_next->setDefault(true);
    buttons->addWidget(m_next);
    m_close = new QPushButton(tr("Cancel"), this);
    m_close->setObjectName(QStringLiteral("restoreCancelButton"));
    m_close->setAutoDefault(false);
    buttons->addWidget(m_close);
    layout->addLayout(buttons);
    // Tab order: the step's controls, then Back, the primary button and Cancel.
    setTabOrder(m_back, m_next);
    setTabOrder(m_next, m_close);

    connect(m_back, &QPushButton::clicked, this, &RestoreFlow::back);
    connect(m_next, &QPushButton::clicked, this, &RestoreFlow::next);
    connect(m_close, &QPushButton::clicked, this, &RestoreFlow::reject);
    connect(m_items, &RestoreItemsStep::selectionChanged, this, &RestoreFlow::updateButtons);
    connect(m_preview, &RestorePreviewController::progressChanged, this, [this](qint64 done, qint64 total) {
        if (total <= 0) {
            m_previewProgress->setRange(0, 0);
            m_previewStatus->setText(tr("Reading the tenant…"));
            return;
        }
        m_previewProgress->setRange(0, int(qMin<qint64>(total, INT_MAX)));
        m_previewProgress->setValue(int(qMin<qint64>(done, INT_MAX)));
        m_previewProgress->setFormat(tr("%1 of %2 items").arg(done).arg(total));
        m_previewStatus->setText(tr("Comparing the snapshot with the tenant…"));
    });
    connect(m_preview, &RestorePreviewController::started, this, [this](qint64 runId) {
        m_previewStatus->setText(tr("Preview run %1 is reading the tenant…").arg(runId));
        updateButtons();
    });
    connect(m_preview, &RestorePreviewController::planReady, this, &RestoreFlow::onPlanReady);
    connect(m_preview, &RestorePreviewController::failed, this, &RestoreFlow::onPreviewFailed);
    connect(m_cancelPreview, &QPushButton::clicked, this, [this] {
        m_cancelPreview->setEnabled(false);
        m_previewStatus->setText(tr("Cancelling the preview…"));
        m_preview->cancel();
    });
    connect(m_secretsPanel, &RestoreSecretsPanel::replanRequested, this, &RestoreFlow::replanWithSecrets);
    connect(m_confirm, &RestoreConfirmPanel::confirmedChanged, this, &RestoreFlow::updateButtons);

    m_items->load(context.scope, source);
    goTo(Step::Items);
}

RestoreFlow::~RestoreFlow() = default;

QWidget* RestoreFlow::buildStepBar()
{
    auto* bar = new QWidget(this);
    bar->setObjectName(QStringLiteral("restoreStepBar"));
    auto* row = new QHBoxLayout(bar);
    row->setContentsMargins(0, 0, 0, 0);
    row->setSpacing(6);
    const QStringList names{tr("1. Choose items"), tr("2. Preview"), tr("3. Review changes"), tr("4. Secrets"),
                            tr("5. Confirm")};
    for (int i = 0; i < names.size(); ++i) {
        if (i > 0) {
            auto* arrow = new QLabel(QStringLiteral("›"), bar);
            arrow->setForegroundRole(QPalette::PlaceholderText);
            row->addWidget(arrow);
        }
        auto* label = new QLabel(names.at(i), bar);
        label->setObjectName(QStringLiteral("restoreStep%1").arg(i + 1));
        row->addWidget(label);
        m_stepLabels.append(label);
    }
    row->addStretch(1);
    return bar;
}

QWidget* RestoreFlow::buildPreviewPage()
{
    m_previewPage = new QWidget(m_pages);
    m_previewPage->setObjectName(QStringLiteral("restorePreviewPage"));
    auto* layout = new QVBoxLayout(m_previewPage);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(10);
    layout->addStretch(1);
    m_previewStatus = new QLabel(m_previewPage);
    m_previewStatus->setObjectName(QStringLiteral("restorePreviewStatus"));
    m_previewStatus->setAlignment(Qt::AlignCenter);
    QFont bold = m_previewStatus->font();
    bold.setBold(true);
    m_previewStatus->setFont(bold);
    layout->addWidget(m_previewStatus);
    m_previewProgress = new QProgressBar(m_previewPage);
    m_previewProgress->setObjectName(QStringLiteral("restorePreviewProgress"));
    m_previewProgress->setFixedWidth(m_previewProgress->fontMetrics().horizontalAdvance(QLatin1Char('x')) * 60);
    m_previewProgress->setTextVisible(true);
    layout->addWidget(m_previewProgress, 0, Qt::AlignHCenter);
    auto* note = new QLabel(tr("The preview only reads the tenant. Nothing is written until you confirm the restore."),
                            m_previewPage);
    note->setAlignment(Qt::AlignCenter);
    note->setWordWrap(true);
    note->setForegroundRole(QPalette::PlaceholderText);
    layout->addWidget(note);
    m_cancelPreview = new QPushButton(tr("Cancel &Preview"), m_previewPage);
    m_cancelPreview->setObjectName(QStringLiteral("restoreCancelPreviewButton"));
    m_cancelPreview->setAutoDefault(false);
    layout->addWidget(m_cancelPreview, 0, Qt::AlignHCenter);
    m_previewMessage = new MessageWidget(m_previewPage);
    m_previewMessage->setObjectName(QStringLiteral("restorePreviewMessage"));
    m_previewMessage->setCloseable(false);
    layout->addWidget(m_previewMessage);
    layout->addStretch(2);
    return m_previewPage;
}

bool RestoreFlow::isBusy() const
{
    return m_preview->isBusy() || m_items->isLoading() || m_writer->isBusy() || m_reader->isBusy();
}

void RestoreFlow::goTo(Step step)
{
    m_step = step;
    switch (step) {
    case Step::Items: m_pages->setCurrentWidget(m_items); break;
    case Step::Preview: m_pages->setCurrentWidget(m_previewPage); break;
    case Step::Review: m_pages->setCurrentWidget(m_review); break;
    case Step::Secrets: m_pages->setCurrentWidget(m_secretsPanel); break;
    case Step::Confirm:
        m_confirm->setPlan(m_planRunId, *m_review->model(), m_context.tenantName, m_selection.assignments,
                           m_context.scope.isReadOnly());
        m_pages->setCurrentWidget(m_confirm);
        break;
    }
    // Enter in a secret's field re-plans with the values; everywhere else it is the primary button.
    m_secretsPanel->replanButton()->setDefault(step == Step::Secrets);
    m_next->setDefault(step != Step::Secrets);
    updateStepBar();
    updateButtons();
    // Keyboard users land on the step's main control.
    switch (step) {
    case Step::Items: m_items->tree()->setFocus(); break;
    case Step::Preview: m_cancelPreview->setFocus(); break;
    case Step::Review: m_review->view()->setFocus(); break;
    case Step::Secrets: m_secretsPanel->focusFirst(); break;
    case Step::Confirm: m_confirm->confirmBox()->setFocus(); break;
    }
}

void RestoreFlow::next()
{
    switch (m_step) {
    case Step::Items:
        startPreview(m_secretsKey);
        return;
    case Step::Preview:
        if (m_previewFailed)
            startPreview(m_secretsKey);
        return;
    case Step::Review:
        goTo(m_secretsPanel->neededCount() > 0 ? Step::Secrets : Step::Confirm);
        return;
    case Step::Secrets:
        goTo(Step::Confirm);
        return;
    case Step::Confirm:
        startRestore();
        return;
    }
}

void RestoreFlow::back()
{
    switch (m_step) {
    case Step::Items:
        return;
    case Step::Preview:
    case Step::Review:
        if (m_preview->isBusy())
            m_preview->cancel();   // going back abandons this preview
        goTo(Step::Items);
        return;
    case Step::Secrets:
        goTo(Step::Review);
        return;
    case Step::Confirm:
        goTo(m_secretsPanel->neededCount() > 0 ? Step::Secrets : Step::Review);
        return;
    }
}

void RestoreFlow::startPreview(const QString& secretsKey)
{
    m_selection = {};
    if (m_source.isVersion()) {
        m_selection.policyVersionId = m_source.policyVersionId;
    } else {
        m_selection.snapshotId = m_source.snapshotId;
        // Every object checked: no list, so the plan covers the whole snapshot as the CLI's does.
        if (!m_items->allChecked())
            m_selection.policyIds = m_items->checkedPolicyIds();
    }
    m_selection.assignments = m_items->assignments();
    m_selection.secretsKey = secretsKey;
    m_planRunId = 0;
    m_previewFailed = false;
    m_previewMessage->hideMessage();
    m_previewProgress->show();
    m_previewProgress->setRange(0, 0);
    m_previewProgress->setFormat(QString());
    m_previewStatus->setText(tr("Starting the preview…"));
    m_cancelPreview->show();
    m_cancelPreview->setEnabled(true);
    m_preview->start(m_selection);
    goTo(Step::Preview);
}

void RestoreFlow::onPlanReady()
{
    m_planRunId = m_preview->plan().runId;
    m_review->setPlan(m_planRunId, m_preview->items());
    m_secretsPanel->setItems(m_preview->items());
    m_secretsPanel->setBusy(false);
    goTo(Step::Review);
}

void RestoreFlow::onPreviewFailed(const QString& message, bool cancelled)
{
    m_previewFailed = true;
    m_secretsPanel->setBusy(false);
    m_previewProgress->hide();
    m_cancelPreview->hide();
    m_previewStatus->setText(cancelled ? tr("Preview cancelled") : tr("The preview did not finish"));
    m_previewMessage->showMessage(cancelled ? MessageWidget::Type::Information : MessageWidget::Type::Error, message);
    if (m_step != Step::Preview)
        goTo(Step::Preview);
    else
        updateButtons();
}

void RestoreFlow::replanWithSecrets()
{
    if (!m_context.secrets) {
        m_secretsPanel->showError(tr("This version of PolicyVault has no keychain to keep secret values in."));
        return;
    }
    const restore::SuppliedSecrets::Values values = m_secretsPanel->values();
    if (values.isEmpty())
        return;
    m_storingSecrets = true;
    m_secretsPanel->setBusy(true);
    updateButtons();
    // The keychain blocks (it may even ask the user to unlock it): never on the GUI thread.
    const QString previousKey = m_secretsKey;
    m_writer->run<Result<QString>>(
        this,
        [secrets = m_context.secrets, uuid = m_context.tenantUuid, values, previousKey,
         abandoned = m_abandoned]() -> Result<QString> {
            auto key = restore::SuppliedSecrets::store(*secrets, uuid, values);
            if (key && !previousKey.isEmpty())
                (void)restore::SuppliedSecrets::remove(*secrets, uuid, previousKey);   // all values are in the new entry
            if (key && abandoned->load()) {
                // Closed meanwhile: nobody will preview or restore with these values.
                (void)restore::SuppliedSecrets::remove(*secrets, uuid, key.value());
                return fail(ErrorCode::Cancelled, QString());
            }
            return key;
        },
        [this](const Result<QString>& key) {
            m_storingSecrets = false;
            if (key && m_abandoned->load()) {
                m_secretsKey = key.value();
                forgetSecrets();   // closed while the values were being stored
                return;
            }
            if (!key) {
                m_secretsPanel->setBusy(false);
                m_secretsPanel->showError(tr("Could not store the values in the keychain: %1").arg(key.error().displayText()));
                updateButtons();
                return;
            }
            m_secretsKey = key.value();
            startPreview(m_secretsKey);
        });
}

void RestoreFlow::startRestore()
{
    if (!m_confirm->isConfirmed() || m_planRunId <= 0 || m_starting || m_context.scope.isReadOnly())
        return;
    m_starting = true;
    m_confirm->hideError();
    updateButtons();
    const qint64 planRunId = m_planRunId;
    m_writer->run<Result<RunRef>>(
        this,
        [&runs = m_context.runs, scope = m_context.scope, planRunId]() -> Result<RunRef> {
            auto request = restore::restoreRequest(planRunId, QStringLiteral("gui"));
            if (!request)
                return request.failure();
            return runs.start(scope, request.value());
        },
        [this](const Result<RunRef>& ref) {
            m_starting = false;
            if (!ref) {
                m_confirm->showError(tr("Could not start the restore: %1").arg(ref.error().displayText()));
                updateButtons();
                return;
            }
            m_restoreStarted = true;   // the live restore owns the supplied values now and removes them
            emit restoreStarted(m_context.scope.tenantId(), ref->runId);
            accept();
        });
}

void RestoreFlow::reject()
{
    m_abandoned->store(true);
    if (m_preview->isBusy())
        m_preview->cancel();
    forgetSecrets();
    QDialog::reject();
}

void RestoreFlow::forgetSecrets()
{
    // Values supplied for a plan that will not be executed have no business in the keychain.
    if (m_secretsKey.isEmpty() || m_restoreStarted || !m_context.secrets)
        return;
    m_writer->run<Status>(
        this,
        [secrets = m_context.secrets, uuid = m_context.tenantUuid, key = m_secretsKey] {
            return restore::SuppliedSecrets::remove(*secrets, uuid, key);
        },
        [](const Status&) {});
    m_secretsKey.clear();
}

void RestoreFlow::updateButtons()
{
    const bool readOnly = m_context.scope.isReadOnly();
    m_back->setEnabled(m_step != Step::Items && !m_starting && !m_storingSecrets);
    m_close->setText(m_step == Step::Items ? tr("Cancel") : tr("Close"));
    const int writes = m_review->model()->writeCount();
    switch (m_step) {
    case Step::Items:
        m_next->setText(tr("&Preview"));
        m_next->setEnabled(m_items->canPreview());
        m_next->setToolTip(m_items->canPreview() ? tr("Read the tenant and show what the restore would change. Nothing "
                                                      "is written.")
                                                 : tr("Choose at least one object to restore."));
        break;
    case Step::Preview:
        m_next->setText(m_previewFailed ? tr("&Preview Again") : tr("&Next >"));
        m_next->setEnabled(m_previewFailed);
        m_next->setToolTip(QString());
        break;
    case Step::Review:
        m_next->setText(tr("&Next >"));
        m_next->setEnabled(writes > 0 || m_secretsPanel->neededCount() > 0);
        m_next->setToolTip(m_next->isEnabled() ? QString() : tr("The plan writes nothing: there is nothing to restore."));
        break;
    case Step::Secrets:
        m_next->setText(tr("&Next >"));
        m_next->setEnabled(writes > 0 && !m_storingSecrets && !m_preview->isBusy());
        m_next->setToolTip(m_next->isEnabled() ? QString() : tr("The plan writes nothing yet: supply values and preview again."));
        break;
    case Step::Confirm:
        m_next->setText(tr("&Restore"));
        m_next->setEnabled(!readOnly && !m_starting && m_confirm->isConfirmed());
        m_next->setToolTip(readOnly ? tr("%1 is a read-only tenant profile: restores into it are not allowed.")
                                          .arg(m_context.tenantName)
                           : writes == 0 ? tr("The plan writes nothing: there is nothing to restore.")
                           : m_confirm->isConfirmed() ? tr("Start the restore in the background and show its run.")
                                                      : tr("Tick the confirmation first."));
        break;
    }
}

void RestoreFlow::updateStepBar()
{
    const int current = int(m_step);
    const bool secretsNeeded = m_secretsPanel->neededCount() > 0;
    for (int i = 0; i < m_stepLabels.size(); ++i) {
        QLabel* label = m_stepLabels.at(i);
        QFont font = label->font();
        font.setBold(i == current);
        label->setFont(font);
        label->setForegroundRole(i <= current ? QPalette::WindowText : QPalette::PlaceholderText);
        if (i == int(Step::Secrets))
            label->setEnabled(secretsNeeded);
    }
}

} // namespace pv::ui
