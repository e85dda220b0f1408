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
#include <QThread>

#include <algorithm>
#include <chrono>

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

    bool tenantReadOnly = false;
    auto claimed = claim(&tenantReadOnly);
    if (!claimed)
        qCWarning(lcRuns, "run %lld: could not start: %s", static_cast<long long>(runId),
                  qUtf8Printable(claimed.error().toString()));
    // Not claimed: cancelled or interrupted while queued, and whoever did it wrote the ending.
    // Claim failed: the row stays queued with this process as owner, and the queue no longer
    // holds it; RunService's supervisor recovers such a run as interrupted.
    if (!claimed || !*claimed)
        return;
    qCInfo(lcRuns, "run %lld started (tenant %lld)", static_cast<long long>(runId),
           static_cast<long long>(scope.tenantId()));
    m_callbacks.changed();

    if (tenantReadOnly) {
        end(RunStatus::Failed, tr("The tenant was made read-only after this run was started; the run writes to it "
                                  "and did not begin."));
        return;
    }

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

    Status s = m_work.database->writeTransaction([&](QSqlDatabase& db) {
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
        const ItemResult result = executeItem(*job, context, planned.item);

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

Result<bool> RunExecutor::claim(bool* tenantReadOnly)
{
    bool claimed = false;
    const Status s = m_work.database->writeTransaction([&](QSqlDatabase& db) -> Status {
        auto r = RunRepository(db).markRunning(m_work.scope, m_work.runId, 0);
        if (!r)
            return r.failure();
        claimed = *r;
        if (!claimed || !m_work.writesTenant)
            return {};
        // The scope's read-only flag is as old as the scope (a window keeps one for the whole
        // session); the tenant's row says what holds now.
        auto readOnly = RunRepository(db).tenantIsReadOnly(m_work.scope);
        if (!readOnly)
            return readOnly.failure();
        *tenantReadOnly = *readOnly;
        return {};
    });
    if (!s)
        return s.failure();
    return claimed;
}

ItemResult RunExecutor::executeItem(Job& job, const JobContext& context, const JobItem& item)
{
    // An item that throws may already have done part of its work (a write may have reached
    // Graph): it gets a failed row saying why, like any other failure, and the run goes on.
    try {
        return job.execute(context, item);
    } catch (const std::exception& e) {
        return ItemResult{ItemOutcome::Failed, tr("The item failed with an error: %1").arg(QString::fromLocal8Bit(e.what())),
                          {}};
    } catch (...) {
        return ItemResult{ItemOutcome::Failed, tr("The item failed with an unknown error."), {}};
    }
}

void RunExecutor::end(RunStatus status, const QString& errorSummary)
{
    qint64 notificationId = 0;
    bool ended = false;
    Status s;
    // A run left "running" by a live owner would block its dedupe key until the supervisor
    // notices, so the final write is worth retrying with backoff (writeTransaction already
    // waits out ordinary lock contention; this covers a lock held past the busy timeout and
    // a disk that is briefly full): 0.1 s doubling to 5 s, about 30 s in all.
    std::chrono::milliseconds delay(100);
    for (int attempt = 0; attempt < 9; ++attempt) {
        s = writeEnd(status, errorSummary, &ended, &notificationId);
        if (s)
            break;
        qCWarning(lcRuns, "run %lld: could not record its end (attempt %d): %s", static_cast<long long>(m_work.runId),
                  attempt + 1, qUtf8Printable(s.error().toString()));
        QThread::msleep(static_cast<unsigned long>(delay.count()));
        delay = std::min(delay * 2, std::chrono::milliseconds(5000));
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
