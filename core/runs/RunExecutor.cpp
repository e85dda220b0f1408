// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "core/runs/RunExecutor.h"

#include "core/runs/RunItemRepository.h"
#include "core/runs/RunNotifications.h"
#include "core/runs/RunRepository.h"
#include "core/runs/RunsLog.h"
#include "core/store/Database.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QSet>

#include <exception>

namespace pv {

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("pv::RunExecutor", text);
}

struct PlannedItem
{
    int ordinal = 0;    ///< position in the full plan, stable across resumes
    JobItem item;
};

} // namespace

RunExecutor::RunExecutor(Work work, Callbacks callbacks) : m_work(std::move(work)), m_callbacks(std::move(callbacks))
{
}

void RunExecutor::run(const std::atomic_bool& cancelRequested)
{
    const TenantScope& scope = m_work.scope;
    const qint64 runId = m_work.runId;

    bool claimed = false;
    Status s = m_work.database->writeTransaction([&](QSqlDatabase& db) -> Status {
        auto r = RunRepository(db).markRunning(scope, runId, 0);
        if (!r)
            return r.failure();
        claimed = *r;
        return {};
    });
    if (!s)
        qCWarning(lcRuns, "run %lld: could not start: %s", static_cast<long long>(runId),
                  qUtf8Printable(s.error().toString()));
    if (!s || !claimed)
        return;   // cancelled or interrupted while queued; whoever did it wrote the ending
    qCInfo(lcRuns, "run %lld started (tenant %lld)", static_cast<long long>(runId),
           static_cast<long long>(scope.tenantId()));
    m_callbacks.changed();

    if (cancelRequested.load()) {
        end(RunStatus::Cancelled, {});
        return;
    }

    JobContext context;
    context.runId = runId;
    context.tenantId = scope.tenantId();
    context.parameters = m_work.parameters;
    context.cancelRequested = &cancelRequested;

    std::unique_ptr<Job> job;
    QList<PlannedItem> todo;
    try {
        job = m_work.createJob();
        if (!job) {
            end(RunStatus::Failed, tr("This kind of run cannot be created."));
            return;
        }
        auto plan = job->plan(context);
        if (!plan) {
            end(RunStatus::Failed, plan.error().displayText());
            return;
        }
        QSet<QString> done;
        if (m_work.parentRunId > 0) {
            auto keys = RunItemRepository(m_work.database->connection()).completedKeysInChain(scope, m_work.parentRunId);
            if (!keys) {
                end(RunStatus::Failed, keys.error().displayText());
                return;
            }
            done = *keys;
        }
        for (int i = 0; i < plan->size(); ++i) {
            if (!done.contains(plan->at(i).key))
                todo.append(PlannedItem{i, plan->at(i)});
        }
    } catch (const std::exception& e) {
        end(RunStatus::Failed, QString::fromLocal8Bit(e.what()));
        return;
    } catch (...) {
        end(RunStatus::Failed, tr("The job failed with an unknown exception."));
        return;
    }

    s = m_work.database->writeTransaction([&](QSqlDatabase& db) {
        return RunRepository(db).setProgressTotal(scope, runId, todo.size());
    });
    if (!s) {
        end(RunStatus::Failed, s.error().displayText());
        return;
    }
    m_callbacks.changed();

    int executed = 0;
    int failed = 0;
    for (const PlannedItem& planned : std::as_const(todo)) {
        if (cancelRequested.load()) {
            end(RunStatus::Cancelled, {});
            return;
        }
        QElapsedTimer timer;
        timer.start();
        ItemResult result;
        try {
            result = job->execute(context, planned.item);
        } catch (const std::exception& e) {
            end(RunStatus::Failed, QString::fromLocal8Bit(e.what()));
            return;
        } catch (...) {
            end(RunStatus::Failed, tr("The job failed with an unknown exception."));
            return;
        }

        RunItemRecord record;
        record.runId = runId;
        record.ordinal = planned.ordinal;
        record.itemKey = planned.item.key;
        record.displayName = planned.item.displayName;
        record.outcome = result.outcome;
        record.message = result.message;
        record.requestId = result.requestId;
        record.durationMs = timer.elapsed();
        record.finishedAt = QDateTime::currentDateTimeUtc();
        ++executed;
        s = m_work.database->writeTransaction([&](QSqlDatabase& db) -> Status {
            if (Status w = RunItemRepository(db).insert(scope, record); !w)
                return w;
            return RunRepository(db).setProgress(scope, runId, executed);
        });
        if (!s) {
            end(RunStatus::Failed, s.error().displayText());
            return;
        }
        if (result.outcome == ItemOutcome::Failed)
            ++failed;
        if (m_callbacks.itemCommitted)
            m_callbacks.itemCommitted(record);
        m_callbacks.changed();
    }

    // A cancel that arrived during the last item still counts: the user asked for it.
    if (cancelRequested.load())
        end(RunStatus::Cancelled, {});
    else if (executed > 0 && failed == executed)
        end(RunStatus::Failed, tr("Every item failed."));
    else if (failed > 0)
        end(RunStatus::PartiallySucceeded, {});
    else
        end(RunStatus::Succeeded, {});
}

void RunExecutor::end(RunStatus status, const QString& errorSummary)
{
    qint64 notificationId = 0;
    bool ended = false;
    Status s;
    // A run left "running" by a live owner would block its dedupe key until this process
    // exits, so the final write is worth a few attempts (writeTransaction already waits out
    // ordinary lock contention).
    for (int attempt = 0; attempt < 3; ++attempt) {
        s = writeEnd(status, errorSummary, &ended, &notificationId);
        if (s)
            break;
        qCWarning(lcRuns, "run %lld: could not record its end: %s", static_cast<long long>(m_work.runId),
                  qUtf8Printable(s.error().toString()));
    }
    if (s && ended) {
        qCInfo(lcRuns, "run %lld ended: %s%s%s", static_cast<long long>(m_work.runId),
               qUtf8Printable(runStatusName(status)), errorSummary.isEmpty() ? "" : " — ",
               qUtf8Printable(errorSummary));
        m_callbacks.finished(status, notificationId);
    }
}

Status RunExecutor::writeEnd(RunStatus status, const QString& errorSummary, bool* ended, qint64* notificationId)
{
    return m_work.database->writeTransaction([&](QSqlDatabase& db) -> Status {
        auto r = RunRepository(db).finish(m_work.scope, m_work.runId, status, errorSummary);
        if (!r)
            return r.failure();
        *ended = *r;
        if (!*ended)
            return {};
        auto id = RunNotifications::writeEnd(db, m_work.scope, m_work.runId, m_work.kindDisplayName, status,
                                             errorSummary);
        if (!id)
            return id.failure();
        *notificationId = *id;
        return {};
    });
}

} // namespace pv
