// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

#include "core/common/TenantScope.h"
#include "core/restore/RestorePlan.h"
#include "core/restore/RestoreRequests.h"
#include "core/runs/RunTypes.h"

#include <QList>
#include <QObject>

#include <memory>
#include <optional>

namespace pv {
class Database;
class RunService;
}

namespace pv::ui {

class BackgroundWriter;
class RunReader;

/// Drives one restore preview for the restore flow: starts the `restore_preview` run through
/// the RunService off the GUI thread (a start writes and may wait for another process's write
/// lock), follows it through the service's run events, and once it ends reads the stored plan
/// off the GUI thread. Cancel asks the service to stop the run.
class RestorePreviewController final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RestorePreviewController)

public:
    RestorePreviewController(RunService& runs, std::shared_ptr<Database> database, const TenantScope& scope,
                             QObject* parent = nullptr);
    ~RestorePreviewController() override;

    /// Starts a preview of `selection` (a new one replaces the one followed so far).
    void start(const restore::PreviewSelection& selection);
    /// Cancels the followed preview while it runs.
    void cancel();
    /// The followed preview run (0 before the start returned).
    qint64 runId() const { return m_runId; }
    /// True from start() until the plan arrived or the preview ended otherwise.
    bool isBusy() const { return m_busy; }
    const std::optional<RunRecord>& run() const { return m_run; }
    /// The plan read after planReady().
    const restore::RestorePlan& plan() const { return m_plan; }
    const QList<restore::PlanItem>& items() const { return m_items; }

signals:
    void started(qint64 runId);
    /// The preview's progress (items planned so far); total 0 while it is still listing.
    void progressChanged(qint64 done, qint64 total);
    /// The run ended and stored its plan.
    void planReady(qint64 planRunId);
    /// It could not start, failed, stored no plan, or was cancelled (`cancelled` true).
    void failed(const QString& message, bool cancelled);

private:
    void onRunRead(const RunRecord& run);
    void readPlan();
    void finish();

    RunService& m_runs;
    std::shared_ptr<Database> m_database;
    TenantScope m_scope;
    BackgroundWriter* m_writer = nullptr;
    RunReader* m_reader = nullptr;
    qint64 m_runId = 0;
    int m_generation = 0;   ///< a start's results arriving after a newer start are dropped
    std::optional<RunRecord> m_run;
    restore::RestorePlan m_plan;
    QList<restore::PlanItem> m_items;
    bool m_busy = false;
    bool m_readingPlan = false;
};

} // namespace pv::ui
