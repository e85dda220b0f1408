// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "tests/testutils/TestAsyncJob.h"

#include "core/runs/RunService.h"
#include "tests/testutils/TestJob.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QTimer>

#include <algorithm>
#include <stdexcept>

namespace pv::test {

namespace {

int intParameter(const QJsonObject& p, const char* name, int fallback = 0)
{
    return p.value(QLatin1String(name)).toInt(fallback);
}

} // namespace

TestAsyncJob::Stats& TestAsyncJob::stats()
{
    static Stats s;
    return s;
}

void TestAsyncJob::resetStats()
{
    Stats& s = stats();
    s.maxInFlight = 0;
    s.started = 0;
    s.cancelCalls = 0;
    s.reportsAfterCancel = 0;
    s.inFlightAtCancel = 0;
    s.finishCalls = 0;
    s.outOfOrder = 0;
    s.holding = true;
}

TestAsyncJob::TestAsyncJob() = default;

TestAsyncJob::~TestAsyncJob()
{
    for (QTimer* timer : m_timers.keys())
        delete timer;
}

Result<QList<JobItem>> TestAsyncJob::plan(const JobContext& context)
{
    return TestJob().plan(context);
}

void TestAsyncJob::start(const JobContext& context, const QList<JobItem>& items, ItemSink& sink)
{
    m_parameters = context.parameters;
    m_items = &items;
    m_sink = &sink;
    if (m_parameters.value(QStringLiteral("throwInStart")).toBool())
        throw std::runtime_error("test_async start exception");
    startMore();
    if (m_next >= items.size() && m_inFlight == 0 && !m_done) {
        m_done = true;
        sink.finished();
    }
}

void TestAsyncJob::startMore()
{
    const int maxInFlight = std::max(1, intParameter(m_parameters, "inFlight", 1));
    const int batch = std::max(1, intParameter(m_parameters, "batch", 1));
    const int latency = intParameter(m_parameters, "latencyMs");
    const int spread = intParameter(m_parameters, "latencySpread");
    const int holdFrom = intParameter(m_parameters, "holdFrom");
    while (!m_cancelled && !m_done && m_next < m_items->size() && m_inFlight < maxInFlight) {
        QList<int> group;
        while (group.size() < batch && m_next < m_items->size() && m_inFlight < maxInFlight) {
            group.append(m_next++);
            ++m_inFlight;
        }
        stats().started += int(group.size());
        int current = stats().maxInFlight.load();
        while (m_inFlight > current && !stats().maxInFlight.compare_exchange_weak(current, m_inFlight)) {
        }
        const int number = TestJob::itemNumber(m_items->at(group.first()).key);
        const bool held = holdFrom > 0 && number >= holdFrom;
        auto* timer = new QTimer;
        timer->setSingleShot(!held);
        timer->setInterval(held ? 5 : latency + (spread > 0 ? (number * 7) % spread : 0));
        m_timers.insert(timer, group);
        QObject::connect(timer, &QTimer::timeout, timer, [this, timer, held] {
            if (held && stats().holding.load())
                return;   // still in flight
            const QList<int> done = m_timers.take(timer);
            timer->stop();
            timer->deleteLater();
            complete(done);
        });
        timer->start();
    }
}

ItemResult TestAsyncJob::resultFor(int index) const
{
    const int number = TestJob::itemNumber(m_items->at(index).key);
    const int failEvery = intParameter(m_parameters, "failEvery");
    ItemResult result;
    result.requestId = QStringLiteral("test-request-%1").arg(number);
    result.durationMs = intParameter(m_parameters, "latencyMs");
    if (failEvery > 0 && number % failEvery == 0) {
        result.outcome = ItemOutcome::Failed;
        result.message = QStringLiteral("test failure of item %1").arg(number);
    }
    return result;
}

void TestAsyncJob::complete(const QList<int>& indexes)
{
    if (m_cancelled || m_done) {
        stats().reportsAfterCancel += int(indexes.size());
        return;
    }
    const int failJobAfter = intParameter(m_parameters, "failJobAfter");
    for (int index : indexes) {
        --m_inFlight;
        if (index < m_highestCompleted)
            ++stats().outOfOrder;
        m_highestCompleted = std::max(m_highestCompleted, index);
        const int dropEvery = intParameter(m_parameters, "dropEvery");
        if (dropEvery > 0 && TestJob::itemNumber(m_items->at(index).key) % dropEvery == 0)
            continue;
        m_sink->completed(index, resultFor(index));
        ++m_completed;
        if (failJobAfter > 0 && m_completed >= failJobAfter) {
            m_done = true;
            m_sink->failed(Error{ErrorCode::Network, QStringLiteral("test_async job failure"), 0, {}});
            return;
        }
    }
    startMore();
    if (m_next >= m_items->size() && m_inFlight == 0) {
        m_done = true;
        m_sink->finished();
    }
}

void TestAsyncJob::cancel()
{
    ++stats().cancelCalls;
    stats().inFlightAtCancel = m_inFlight;
    m_cancelled = true;
    // In-flight work stops: nothing of it is reported, so the resume redoes it.
    for (QTimer* timer : m_timers.keys())
        delete timer;
    m_timers.clear();
    m_inFlight = 0;
    if (!m_done) {
        m_done = true;
        m_sink->finished();
    }
}

Status TestAsyncJob::finish(const JobContext& context, const RunEnd& end, QSqlDatabase& db)
{
    ++stats().finishCalls;
    if (!context.parameters.value(QStringLiteral("finishHook")).toBool())
        return {};
    if (context.parameters.value(QStringLiteral("finishHookError")).toBool())
        return fail(ErrorCode::Io, QStringLiteral("test snapshot row could not be written"));
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral("CREATE TABLE IF NOT EXISTS test_finish_marks(run_id INTEGER, status TEXT,"
                               " status_in_tx TEXT, executed INTEGER, failed INTEGER)")))
        return fail(ErrorCode::Database, q.lastError().text());
    // What the run's row says inside this transaction: the end is already written there.
    q.prepare(QStringLiteral("INSERT INTO test_finish_marks SELECT ?, ?, status, ?, ? FROM runs WHERE id = ?"));
    q.addBindValue(context.runId);
    q.addBindValue(runStatusName(end.status));
    q.addBindValue(end.executed);
    q.addBindValue(end.failed);
    q.addBindValue(context.runId);
    if (!q.exec())
        return fail(ErrorCode::Database, q.lastError().text());
    return {};
}

void registerTestAsyncJobKind(RunService& service)
{
    JobKind kind{QLatin1String(TestAsyncKind), QStringLiteral("Test async job"), false, {}, {}};
    kind.createAsync = [] { return std::make_unique<TestAsyncJob>(); };
    service.registerKind(std::move(kind));
}

} // namespace pv::test
