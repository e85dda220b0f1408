// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "core/runs/AsyncItemDriver.h"

#include "core/runs/RunsLog.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QObject>
#include <QTimer>

#include <exception>

namespace pv {

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("pv::RunExecutor", text);
}

} // namespace

AsyncItemDriver::AsyncItemDriver(AsyncJob& job, const JobContext& context, const QList<JobItem>& items, Commit commit)
    : m_job(job), m_context(context), m_items(items), m_commit(std::move(commit))
{
    m_results.resize(items.size());
}

AsyncItemDriver::Outcome AsyncItemDriver::run()
{
    QObject guard;
    m_guard = &guard;
    QEventLoop loop;
    m_quit = [&loop] { loop.quit(); };

    QTimer cancelWatch;
    cancelWatch.setInterval(cancelPoll);
    QObject::connect(&cancelWatch, &QTimer::timeout, &guard, [this] {
        if (m_context.isCancelled())
            cancelJob();
    });
    QTimer graceTimer;
    graceTimer.setSingleShot(true);
    QObject::connect(&graceTimer, &QTimer::timeout, &guard, [this] {
        qCWarning(lcRuns, "run %lld: the job did not finish after it was cancelled; giving up on it",
                  static_cast<long long>(m_context.runId));
        m_outcome.timedOut = true;
        stop();
    });

    try {
        m_job.start(m_context, m_items, *this);
    } catch (const std::exception& e) {
        if (!m_done)
            failed(Error{ErrorCode::Internal, QString::fromLocal8Bit(e.what()), 0, {}});
    } catch (...) {
        if (!m_done)
            failed(Error{ErrorCode::Internal, tr("The job failed with an unknown exception."), 0, {}});
    }
    if (!m_done) {
        cancelWatch.start();
        QObject::connect(&cancelWatch, &QTimer::timeout, &guard, [this, &graceTimer] {
            if (m_jobCancelled && !graceTimer.isActive() && !m_outcome.timedOut)
                graceTimer.start(cancelGrace);
        });
        loop.exec();
    }
    m_quit = {};
    // Whatever completed after the last turn's flush, and what waited behind an item that
    // never completed: all of it now, in plan order.
    flush(true);
    m_guard = nullptr;
    return m_outcome;
}

void AsyncItemDriver::completed(int index, ItemResult result)
{
    if (index < 0 || index >= m_results.size() || index < m_nextToCommit || m_results.at(index)) {
        qCWarning(lcRuns, "run %lld: the job reported item %d twice or out of range; ignored",
                  static_cast<long long>(m_context.runId), index);
        return;
    }
    m_results[index] = std::move(result);
    scheduleFlush();
}

void AsyncItemDriver::finished()
{
    if (m_done)
        return;
    m_done = true;
    stop();
}

void AsyncItemDriver::failed(Error error)
{
    if (m_done)
        return;
    m_done = true;
    m_outcome.jobError = std::move(error);
    stop();
}

void AsyncItemDriver::stop()
{
    if (m_quit)
        m_quit();
}

void AsyncItemDriver::cancelJob()
{
    if (m_jobCancelled)
        return;
    m_jobCancelled = true;
    m_outcome.cancelled = m_outcome.cancelled || m_context.isCancelled();
    m_job.cancel();
}

void AsyncItemDriver::scheduleFlush()
{
    // Everything that completes in this turn of the event loop shares the next transaction:
    // a `$batch` answer of 20 items is one commit, not 20.
    if (m_flushScheduled || !m_guard)
        return;
    m_flushScheduled = true;
    QMetaObject::invokeMethod(m_guard, [this] { flush(false); }, Qt::QueuedConnection);
}

void AsyncItemDriver::flush(bool all)
{
    m_flushScheduled = false;
    if (m_outcome.storeError)
        return;
    QList<std::pair<int, ItemResult>> batch;
    int i = m_nextToCommit;
    for (; i < m_results.size(); ++i) {
        if (!m_results.at(i)) {
            if (!all)
                break;
            continue;
        }
        batch.append({i, std::move(*m_results[i])});
        m_results[i].reset();
    }
    if (!all)
        m_nextToCommit = i;
    else
        m_nextToCommit = int(m_results.size());
    if (batch.isEmpty())
        return;
    if (Status s = m_commit(batch); !s) {
        m_outcome.storeError = s.error();
        cancelJob();
        stop();
    }
}

} // namespace pv
