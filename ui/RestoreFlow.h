// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

#include "core/common/TenantScope.h"
#include "core/restore/RestoreRequests.h"
#include "ui/RestoreSource.h"

#include <QDialog>

#include <atomic>
#include <memory>

class QLabel;
class QProgressBar;
class QPushButton;
class QStackedWidget;

namespace pv {
class Database;
class RunService;
class SecretStore;
class SnapshotRepository;
}

namespace pv::ui {

class BackgroundWriter;
class MessageWidget;
class RestoreConfirmPanel;
class RestoreItemsStep;
class RestorePreviewController;
class RestoreReviewStep;
class RestoreSecretsPanel;
class RunReader;

/// What the restore flow works with; everything must outlive the dialog.
struct RestoreFlowContext
{
    RunService& runs;
    std::shared_ptr<Database> database;
    const SnapshotRepository& snapshots;
    SecretStore* secrets = nullptr;   ///< the keychain for supplied secret values; null: none can be supplied
    TenantScope scope;
    QString tenantName;
    QString tenantUuid;
};

/// The restore wizard: choose items → preview (a `restore_preview` run; the window stays
/// responsive, progress shows, it can be cancelled) → review the stored plan (filter by
/// action, diff pane) → supply secret values when needed (stored in the keychain, then a new
/// preview) → confirm with a checkbox naming the tenant and the number of writes → starts the
/// `restore` run of that plan and hands its id over (restoreStarted), then closes.
class RestoreFlow final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RestoreFlow)

public:
    enum class Step { Items, Preview, Review, Secrets, Confirm };

    RestoreFlow(const RestoreFlowContext& context, const RestoreSource& source, QWidget* parent = nullptr);
    ~RestoreFlow() override;

    Step step() const { return m_step; }
    /// The plan on review: its preview run id (0 before one arrived).
    qint64 planRunId() const { return m_planRunId; }
    /// The selection the last preview was started with.
    const restore::PreviewSelection& selection() const { return m_selection; }
    /// True while a start, a keychain write or a read is on its way (tests wait for it).
    bool isBusy() const;

    RestoreItemsStep* itemsStep() const { return m_items; }
    RestorePreviewController* preview() const { return m_preview; }
    RestoreReviewStep* reviewStep() const { return m_review; }
    RestoreSecretsPanel* secretsPanel() const { return m_secretsPanel; }
    RestoreConfirmPanel* confirmPanel() const { return m_confirm; }
    QPushButton* backButton() const { return m_back; }
    QPushButton* nextButton() const { return m_next; }
    QPushButton* cancelButton() const { return m_close; }
    QPushButton* cancelPreviewButton() const { return m_cancelPreview; }
    MessageWidget* previewMessage() const { return m_previewMessage; }

signals:
    /// The live restore run exists (new, or the one already executing this plan).
    void restoreStarted(qint64 tenantId, qint64 runId);

public slots:
    void reject() override;

private:
    QWidget* buildStepBar();
    QWidget* buildPreviewPage();
    void goTo(Step step);
    void next();
    void back();
    void startPreview(const QString& secretsKey);
    void onPlanReady();
    void onPreviewFailed(const QString& message, bool cancelled);
    void replanWithSecrets();
    void startRestore();
    void updateButtons();
    void updateStepBar();
    void forgetSecrets();

    RestoreFlowContext m_context;
    RestoreSource m_source;
    RunReader* m_reader = nullptr;
    BackgroundWriter* m_writer = nullptr;
    RestorePreviewController* m_preview = nullptr;
    restore::PreviewSelection m_selection;
    Step m_step = Step::Items;
    qint64 m_planRunId = 0;
    QString m_secretsKey;           ///< the keychain entry of the values supplied last
    bool m_previewFailed = false;
    bool m_starting = false;        ///< the restore run's start is on its way
    bool m_storingSecrets = false;
    bool m_restoreStarted = false;
    /// Set when the flow closes without restoring: values still being stored are removed again.
    std::shared_ptr<std::atomic_bool> m_abandoned = std::make_shared<std::atomic_bool>(false);

    QList<QLabel*> m_stepLabels;
    QLabel* m_tenantLabel = nullptr;
    QStackedWidget* m_pages = nullptr;
    RestoreItemsStep* m_items = nullptr;
    QWidget* m_previewPage = nullptr;
    QLabel* m_previewStatus = nullptr;
    QProgressBar* m_previewProgress = nullptr;
    QPushButton* m_cancelPreview = nullptr;
    MessageWidget* m_previewMessage = nullptr;
    RestoreReviewStep* m_review = nullptr;
    RestoreSecretsPanel* m_secretsPanel = nullptr;
    RestoreConfirmPanel* m_confirm = nullptr;
    QPushButton* m_back = nullptr;
    QPushButton* m_next = nullptr;
    QPushButton* m_close = nullptr;
};

} // namespace pv::ui
