// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "ui/RestorePreviewController.h"

#include "core/restore/RestorePlanRepository.h"
#include "core/runs/RunService.h"
#include "core/store/Database.h"
#include "ui/BackgroundWriter.h"
#include "ui/RunReader.h"
#include "ui/UiFormat.h"

namespace pv::ui {

namespace {
struct PlanRead
{
    Result<restore::RestorePlan> plan = fail(ErrorCode::NotFound, QString());
    Result<QList<restore::PlanItem>> items = fail(ErrorCode::NotFound, QString());
};
} // namespace

RestorePreviewController::RestorePreviewController(RunService& runs, std::shared_ptr<Database> database,
                                                   const TenantScope& scope, QObject* parent)
    : QObject(parent)
    , m_runs(runs)
    , m_database(std::move(database))
    , m_scope(scope)
    , m_writer(new BackgroundWriter(this))
    , m_reader(new RunReader(runs, this))
{
    connect(m_reader, &RunReader::runRead, this, &RestorePreviewController::onRunRead);
    connect(m_reader, &RunReader::readFailed, this, [this](qint64 runId, const QString& message) {
        if (runId == m_runId && m_busy) {
            finish();
            emit failed(tr("Could not read the preview run %1: %2").arg(runId).arg(message), false);
        }
    });
    const auto follow = [this](qint64 tenantId, qint64 runId) {
        if (m_busy && !m_readingPlan && tenantId == m_scope.tenantId() && runId == m_runId)
            m_reader->readRun(m_scope, runId);
    };
    connect(&m_runs, &RunService::runChanged, this, follow);
    connect(&m_runs, &RunService::runFinished, this,
            [follow](qint64 tenantId, qint64 runId, RunStatus) { follow(tenantId, runId); });
}

RestorePreviewController::~RestorePreviewController() = default;

void RestorePreviewController::start(const restore::PreviewSelection& selection)
{
    const int generation = ++m_generation;
    m_busy = true;
    m_readingPlan = false;
    m_runId = 0;
    m_run.reset();
    m_plan = {};
    m_items.clear();
    emit progressChanged(0, 0);
    m_writer->run<Result<RunRef>>(
        this,
        [&runs = m_runs, scope = m_scope, selection]() -> Result<RunRef> {
            auto request = restore::previewRequest(selection, QStringLiteral("gui"));
            if (!request)
                return request.failure();
            return runs.start(scope, request.value());
        },
        [this, generation](const Result<RunRef>& ref) {
            if (generation != m_generation)
                return;
            if (!ref) {
                finish();
                emit failed(tr("Could not start the preview: %1").arg(ref.error().displayText()), false);
                return;
            }
            m_runId = ref->runId;
            emit started(m_runId);
            // It may have ended already (a small plan): read its state now, not only on events.
            m_reader->readRun(m_scope, m_runId);
        });
}

void RestorePreviewController::cancel()
{
    if (!m_busy || m_runId <= 0)
        return;
    const qint64 runId = m_runId;
    m_writer->run<Status>(
        this, [&runs = m_runs, scope = m_scope, runId] { return runs.cancel(scope, runId); },
        [this, runId](const Status& status) {
            // An ended run cannot be cancelled any more (Conflict): its end arrives as an event.
            if (!status && runId == m_runId && status.error().code != ErrorCode::Conflict) {
                finish();
                emit failed(tr("Could not cancel the preview: %1").arg(status.error().displayText()), false);
            }
        });
}

void RestorePreviewController::onRunRead(const RunRecord& run)
{
    if (!m_busy || m_readingPlan || run.id != m_runId || run.tenantId != m_scope.tenantId())
        return;
    m_run = run;
    if (isActive(run.status)) {
        emit progressChanged(run.progressDone, run.progressTotal);
        return;
    }
    switch (run.status) {
    case RunStatus::Succeeded:
    case RunStatus::PartiallySucceeded:   // conflicts and cannot_restore items: still a plan
        emit progressChanged(run.progressDone, run.progressTotal);
        readPlan();
        return;
    case RunStatus::Cancelled:
        finish();
        emit failed(tr("The preview was cancelled. Nothing was read into a plan and nothing was written."), true);
        return;
    case RunStatus::Failed:
    case RunStatus::Interrupted:
        finish();
        emit failed(run.errorSummary.isEmpty() ? tr("The preview run %1 did not finish (%2).").arg(run.id).arg(statusText(run.status))
                                               : tr("The preview failed: %1").arg(run.errorSummary),
                    false);
        return;
    case RunStatus::Queued:
    case RunStatus::Running:
        return;   // handled above
    }
}

void RestorePreviewController::readPlan()
{
    m_readingPlan = true;
    const qint64 runId = m_runId;
    const int generation = m_generation;
    m_reader->submit<PlanRead>(
        QStringLiteral("restorePlan"), this,
        [database = m_database, scope = m_scope, runId] {
            const restore::RestorePlanRepository plans(database->connection());
            PlanRead read;
            read.plan = plans.plan(scope, runId);
            if (read.plan)
                read.items = plans.items(scope, runId);
            return read;
        },
        [this, runId, generation](PlanRead read) {
            if (generation != m_generation)
                return;
            finish();
            if (!read.plan || !read.items) {
                const Error& error = !read.plan ? read.plan.error() : read.items.error();
                emit failed(error.code == ErrorCode::NotFound
                                ? tr("The preview run %1 ended without storing a plan.").arg(runId)
                                : tr("Could not read the plan of preview run %1: %2").arg(runId).arg(error.displayText()),
                            false);
                return;
            }
            m_plan = std::move(read.plan).value();
            m_items = std::move(read.items).value();
            emit planReady(runId);
        });
}

void RestorePreviewController::finish()
{
    m_busy = false;
    m_readingPlan = false;
}

} // namespace pv::ui
