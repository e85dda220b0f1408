// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "core/runs/RunExecutor.h"

#include "core/runs/AsyncItemDriver.h"
#include "core/runs/RunItemRepository.h"
#include "core/runs/RunNotifications.h"
#include "core/runs/RunRepository.h"
#include "core/runs/RunsLog.h"
#include "core/store/Database.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QEvent>
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

    m_context.runId = runId;
    m_context.tenantId = scope.tenantId();
    m_context.parameters = m_work.parameters;
    m_context.cancelRequested = &cancelRequested;
    m_context.services = m_work.services.get();

    QList<PlannedItem> todo;
    try {
        if (m_work.createAsyncJob) {
            std::unique_ptr<AsyncJob> job = m_work.createAsyncJob();
            if (!job) {
                end(RunStatus::Failed, tr("This kind of run cannot be created."));
                return;
            }
            if (!plan([&] { return job->plan(m_context); }, &todo))
                return;
            m_finishHook = [j = job.get()](const JobContext& c, const RunEnd& e, QSqlDatabase& db) {
                return j->finish(c, e, db);
            };
            runAsync(*job, todo, cancelRequested);
            m_finishHook = {};
            job.reset();
            // deleteLater() calls of the job's last turn (network replies, timers) would wait
            // on this pool thread until its next event loop or its exit.
            QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
            return;
        }
        std::unique_ptr<Job> job = m_work.createJob ? m_work.createJob() : nullptr;
        if (!job) {
            end(RunStatus::Failed, tr("This kind of run cannot be created."));
            return;
        }
        if (!plan([&] { return job->plan(m_context); }, &todo))
            return;
        m_finishHook = [j = job.get()](const JobContext& c, const RunEnd& e, QSqlDatabase& db) {
            return j->finish(c, e, db);
        };
        runSync(*job, todo, cancelRequested);
        m_finishHook = {};
    } catch (const std::exception& e) {
        // plan() or start() threw; an item's exception never gets here (executeItem).
        m_finishHook = {};
        end(RunStatus::Failed, QString::fromLocal8Bit(e.what()));
    } catch (...) {
        m_finishHook = {};
        end(RunStatus::Failed, tr("The job failed with an unknown exception."));
    }
}

bool RunExecutor::plan(const std::function<Result<QList<JobItem>>()>& planJob, QList<PlannedItem>* todo)
{
    auto plan = planJob();
    if (!plan) {
        end(RunStatus::Failed, plan.error().displayText());
        return false;
    }
    QSet<QString> done;
    if (m_work.parentRunId > 0) {
        auto keys = RunItemRepository(m_work.database->connection()).completedKeysInChain(m_work.scope, m_work.parentRunId);
        if (!keys) {
            end(RunStatus::Failed, keys.error().displayText());
            return false;
        }
        done = *keys;
    }
    for (int i = 0; i < plan->size(); ++i) {
        if (!done.contains(plan->at(i).key))
            todo->append(PlannedItem{i, plan->at(i)});
    }
    const qint64 runId = m_work.runId;
    const int total = int(todo->size());
    Status s = m_work.database->writeTransaction([&](QSqlDatabase& db) {
        return RunRepository(db).setProgressTotal(m_work.scope, runId, total);
    });
    if (!s) {
        end(RunStatus::Failed, s.error().displayText());
        return false;
    }
    m_callbacks.changed();
    return true;
}

RunItemRecord RunExecutor::record(const PlannedItem& planned, const ItemResult& result, qint64 durationMs) const
{
    RunItemRecord record;
    record.runId = m_work.runId;
    record.ordinal = planned.ordinal;
    record.itemKey = planned.item.key;
    record.displayName = planned.item.displayName;
    record.outcome = result.outcome;
    record.message = result.message;
    record.requestId = result.requestId;
    record.durationMs = durationMs;
    record.finishedAt = QDateTime::currentDateTimeUtc();
    return record;
}

Status RunExecutor::commit(const QList<RunItemRecord>& records)
{
    const int executed = m_executed + int(records.size());
    Status s = m_work.database->writeTransaction([&](QSqlDatabase& db) -> Status {
        RunItemRepository items(db);
        for (const RunItemRecord& record : records) {
            if (Status w = items.insert(m_work.scope, record); !w)
                return w;
        }
        return RunRepository(db).setProgress(m_work.scope, m_work.runId, executed);
    });
    if (!s)
        return s;
    m_executed = executed;
    for (const RunItemRecord& record : records) {
        if (record.outcome == ItemOutcome::Failed)
            ++m_failed;
        else if (isUnresolved(record.outcome))
            ++m_unresolved;
        if (m_callbacks.itemCommitted)
            m_callbacks.itemCommitted(record);
    }
    m_callbacks.changed();
    return {};
}

void RunExecutor::runSync(Job& job, const QList<PlannedItem>& todo, const std::atomic_bool& cancelRequested)
{
    for (const PlannedItem& planned : todo) {
        if (cancelRequested.load()) {
            end(RunStatus::Cancelled, {});
            return;
        }
        QElapsedTimer timer;
        timer.start();
        const ItemResult result = executeItem(job, m_context, planned.item);
        const qint64 durationMs = result.durationMs >= 0 ? result.durationMs : timer.elapsed();
        if (Status s = commit({record(planned, result, durationMs)}); !s) {
            end(RunStatus::Failed, s.error().displayText());
            return;
        }
    }
    endByOutcome(cancelRequested.load(), true);
}

void RunExecutor::runAsync(AsyncJob& job, const QList<PlannedItem>& todo, const std::atomic_bool& cancelRequested)
{
    if (cancelRequested.load()) {
        end(RunStatus::Cancelled, {});
        return;
    }
    QList<JobItem> items;
    items.reserve(todo.size());
    for (const PlannedItem& planned : todo)
        items.append(planned.item);
    QElapsedTimer started;
    started.start();
    AsyncItemDriver driver(job, m_context, items, [&](const QList<std::pair<int, ItemResult>>& completions) {
        QList<RunItemRecord> records;
        records.reserve(completions.size());
        for (const auto& [index, result] : completions) {
            const qint64 durationMs = result.durationMs >= 0 ? result.durationMs : started.elapsed();
            records.append(record(todo.at(index), result, durationMs));
        }
        return commit(records);
    });
    const AsyncItemDriver::Outcome outcome = driver.run();
    if (outcome.storeError) {
        end(RunStatus::Failed, outcome.storeError->displayText());
        return;
    }
    if (outcome.jobError && !cancelRequested.load()) {
        end(RunStatus::Failed, outcome.jobError->displayText());
        return;
    }
    endByOutcome(cancelRequested.load(), m_executed == todo.size());
}

void RunExecutor::endByOutcome(bool cancelled, bool allReported)
{
    // A cancel that arrived during the last item still counts: the user asked for it.
    if (cancelled)
        end(RunStatus::Cancelled, {});
    else if (!allReported && m_failed == m_executed)
        end(RunStatus::Failed, tr("The job ended before its items were done."));
    else if (m_executed > 0 && m_failed == m_executed)
        end(RunStatus::Failed, tr("Every item failed."));
    else if (m_failed > 0 || m_unresolved > 0 || !allReported)
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
    QString summary = errorSummary;
    for (int attempt = 0; attempt < 9; ++attempt) {
        std::optional<Error> hookError;
        s = writeEnd(status, summary, &ended, &notificationId, &hookError);
        if (s)
            break;
        if (hookError) {
            // The job could not record its result (its snapshot row): the run cannot count as
            // done. It ends failed with the reason, without the hook this time.
            qCWarning(lcRuns, "run %lld: the finish hook failed: %s", static_cast<long long>(m_work.runId),
                      qUtf8Printable(hookError->toString()));
            m_finishHook = {};
            status = RunStatus::Failed;
            summary = tr("The run's result could not be saved: %1").arg(hookError->displayText());
            --attempt;
            continue;
        }
        qCWarning(lcRuns, "run %lld: could not record its end (attempt %d): %s", static_cast<long long>(m_work.runId),
                  attempt + 1, qUtf8Printable(s.error().toString()));
        QThread::msleep(static_cast<unsigned long>(delay.count()));
        delay = std::min(delay * 2, std::chrono::milliseconds(5000));
    }
    if (s && ended) {
        qCInfo(lcRuns, "run %lld ended: %s%s%s", static_cast<long long>(m_work.runId),
               qUtf8Printable(runStatusName(status)), summary.isEmpty() ? "" : " — ",
               qUtf8Printable(summary));
        m_callbacks.finished(status, notificationId);
    }
}

Status RunExecutor::writeEnd(RunStatus status, const QString& errorSummary, bool* ended, qint64* notificationId,
                             std::optional<Error>* hookError)
{
    return m_work.database->writeTransaction([&](QSqlDatabase& db) -> Status {
        auto r = RunRepository(db).finish(m_work.scope, m_work.runId, status, errorSummary);
        if (!r)
            return r.failure();
        *ended = *r;
        if (!*ended)
            return {};
        if (m_finishHook) {
            // After finish(): the hook sees the run's row as it will be committed.
            Status h;
            try {
                h = m_finishHook(m_context, RunEnd{status, m_executed, m_failed}, db);
            } catch (const std::exception& e) {
                h = fail(ErrorCode::Internal, QString::fromLocal8Bit(e.what()));
            } catch (...) {
                h = fail(ErrorCode::Internal, tr("The job failed with an unknown exception."));
            }
            if (!h) {
                *hookError = h.error();
                return h;
            }
        }
        auto id = RunNotifications::writeEnd(db, m_work.scope, m_work.runId, m_work.kindDisplayName, status,
                                             errorSummary);
        if (!id)
            return id.failure();
        *notificationId = *id;
        return {};
    });
}

} // namespace pv
