// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
// The run engine with an AsyncJob: many items in flight on the worker's event loop, rows
// committed under their plan ordinals in plan order, cancel, resume, kill and the finish hook.
#include "core/runs/RunService.h"
#include "core/store/Database.h"
#include "tests/testutils/ResultText.h"
#include "tests/testutils/RunSignalRecorder.h"
#include "tests/testutils/TestAsyncJob.h"
#include "tests/testutils/TestDatabase.h"
#include "tests/testutils/TestJob.h"

#include <QDeadlineTimer>
#include <QHash>
#include <QProcess>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

#include <functional>
#include <memory>
#include <mutex>

using namespace pv;
using namespace std::chrono_literals;

namespace {

using Stats = test::TestAsyncJob;

struct CommitLog
{
    std::mutex mutex;
    QList<int> ordinals;    ///< in commit order
};

RunService::Options options(const std::shared_ptr<CommitLog>& log)
{
    RunService::Options o;
    o.recoveryInterval = 0ms;
    o.cancelPollInterval = 50ms;
    o.itemCommittedHook = [log](const RunItemRecord& item) {
        std::lock_guard lock(log->mutex);
        log->ordinals.append(item.ordinal);
    };
    return o;
}

RunRequest asyncRequest(const QString& target, const QJsonObject& parameters)
{
    return RunRequest{QLatin1String(test::TestAsyncKind), target, parameters, QStringLiteral("test")};
}

// Every ordinal of `items` (a run's rows in ordinal order) exactly once, ascending, keyed as planned.
QString checkRows(const QList<RunItemRecord>& items, const QList<int>& expectedOrdinals)
{
    if (items.size() != expectedOrdinals.size())
        return QStringLiteral("%1 rows, expected %2").arg(items.size()).arg(expectedOrdinals.size());
    for (int i = 0; i < items.size(); ++i) {
        if (items.at(i).ordinal != expectedOrdinals.at(i))
            return QStringLiteral("row %1 has ordinal %2, expected %3").arg(i).arg(items.at(i).ordinal).arg(expectedOrdinals.at(i));
        if (items.at(i).itemKey != QStringLiteral("item-%1").arg(items.at(i).ordinal + 1))
            return QStringLiteral("ordinal %1 has key %2").arg(items.at(i).ordinal).arg(items.at(i).itemKey);
    }
    return {};
}

QList<int> range(int from, int to)
{
    QList<int> r;
    for (int i = from; i < to; ++i)
        r.append(i);
    return r;
}

QList<QByteArray> readUntil(QProcess& process, const QByteArray& last, QDeadlineTimer deadline)
{
    QList<QByteArray> lines;
    while (!deadline.hasExpired()) {
        while (process.canReadLine()) {
            lines.append(process.readLine().trimmed());
            if (lines.last() == last)
                return lines;
        }
        if (!process.waitForReadyRead(int(qMax<qint64>(1, deadline.remainingTime()))))
            break;
    }
    return lines;
}

} // namespace

class tst_AsyncJob : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void manyInFlight();
    void liveReaderSeesEveryRow();
    void failuresGiveFinalStatus();
    void cancelStopsInFlightWorkAndResumeRedoesTheRest();
    void unreportedItemsAreRedoneByTheResume();
    void jobFailure();
    void throwInStart();
    void noItems();
    void finishHookRunsOnceInTheEndTransaction();
    void finishHookErrorFailsTheRun();
    void killMidRun();
    void cancelReachesAnotherProcess();

private:
    struct Fixture
    {
        test::TestDatabase db;
        std::shared_ptr<CommitLog> log = std::make_shared<CommitLog>();
        std::unique_ptr<RunService> service;
        std::unique_ptr<test::RunSignalRecorder> recorder;
        std::optional<TenantScope> scope;
    };
    Fixture m;
};

void tst_AsyncJob::init()
{
    test::TestAsyncJob::resetStats();
    m.recorder.reset();
    m.service.reset();
    m.log = std::make_shared<CommitLog>();
    m.db = test::makeTestDatabase();
    QVERIFY(m.db.isValid());
    m.service = std::make_unique<RunService>(m.db.database, options(m.log));
    test::registerTestJobKinds(*m.service);
    test::registerTestAsyncJobKind(*m.service);
    m.recorder = std::make_unique<test::RunSignalRecorder>(*m.service);
    m.scope = test::enterTenant(m.db.database, m.db.tenantId);
    QVERIFY(m.scope);
}

void tst_AsyncJob::manyInFlight()
{
    // 200 items of 30 ms with 20 in flight: serially that is 6 s, here about 0.3 s. The proof is
    // the job's own count of items in flight at once, not a clock.
    auto ref = m.service->start(*m.scope, asyncRequest(QStringLiteral("many"),
                                                        {{QStringLiteral("items"), 200},
                                                         {QStringLiteral("inFlight"), 20},
                                                         {QStringLiteral("latencyMs"), 30},
                                                         {QStringLiteral("latencySpread"), 11}}));
    QVERIFY2(ref, test::errorText(ref).constData());
    QVERIFY(m.recorder->waitFinished(ref->runId, 60s));
    QCOMPARE(m.recorder->finishedStatus(ref->runId), RunStatus::Succeeded);
    QCOMPARE(Stats::stats().maxInFlight.load(), 20);
    QCOMPARE(Stats::stats().started.load(), 200);

    auto items = m.service->items(*m.scope, ref->runId);
    QVERIFY(items);
    const QString problem = checkRows(*items, range(0, 200));
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    auto run = m.service->run(*m.scope, ref->runId);
    QCOMPARE(run->progressDone, 200);
    QCOMPARE(run->progressTotal, 200);
    QCOMPARE(run->counts.succeeded(), 200);
    // Committed in plan order although they completed out of it.
    QVERIFY(Stats::stats().outOfOrder.load() > 0);
    std::lock_guard lock(m.log->mutex);
    QCOMPARE(m.log->ordinals, range(0, 200));
}

void tst_AsyncJob::liveReaderSeesEveryRow()
{
    // Items complete out of plan order; a view that only ever asks for "items after the last
    // ordinal I hold" must still end up with every row exactly once.
    constexpr int Items = 300;
    auto ref = m.service->start(*m.scope, asyncRequest(QStringLiteral("live"),
                                                        {{QStringLiteral("items"), Items},
                                                         {QStringLiteral("inFlight"), 30},
                                                         {QStringLiteral("latencyMs"), 2},
                                                         {QStringLiteral("latencySpread"), 23}}));
    QVERIFY2(ref, test::errorText(ref).constData());
    QList<RunItemRecord> seen;
    int reads = 0;
    bool ended = false;
    auto readMore = [&] {
        const int after = seen.isEmpty() ? -1 : seen.last().ordinal;
        auto more = m.service->items(*m.scope, ref->runId, after);
        if (more) {
            seen += *more;
            ++reads;
        }
    };
    QVERIFY(QTest::qWaitFor([&] {
        // Read the status first: rows committed before the end are then all visible to the read.
        auto run = m.service->run(*m.scope, ref->runId);
        ended = run && run->finishedAt.isValid();
        readMore();
        return ended;
    }, 60000));
    QVERIFY(reads > 1);
    QVERIFY(Stats::stats().outOfOrder.load() > 0);
    const QString problem = checkRows(seen, range(0, Items));
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
}

void tst_AsyncJob::failuresGiveFinalStatus()
{
    auto partial = m.service->start(*m.scope, asyncRequest(QStringLiteral("partial"),
                                                            {{QStringLiteral("items"), 40},
                                                             {QStringLiteral("inFlight"), 8},
                                                             {QStringLiteral("batch"), 4},
                                                             {QStringLiteral("failEvery"), 4}}));
    QVERIFY(partial);
    QVERIFY(m.recorder->waitFinished(partial->runId));
    QCOMPARE(m.recorder->finishedStatus(partial->runId), RunStatus::PartiallySucceeded);
    auto run = m.service->run(*m.scope, partial->runId);
    QCOMPARE(run->counts.of(ItemOutcome::Failed), 10);
    QCOMPARE(run->counts.succeeded(), 30);

    auto all = m.service->start(*m.scope, asyncRequest(QStringLiteral("all-fail"),
                                                        {{QStringLiteral("items"), 6},
                                                         {QStringLiteral("inFlight"), 3},
                                                         {QStringLiteral("failEvery"), 1}}));
    QVERIFY(all);
    QVERIFY(m.recorder->waitFinished(all->runId));
    QCOMPARE(m.recorder->finishedStatus(all->runId), RunStatus::Failed);
}

void tst_AsyncJob::cancelStopsInFlightWorkAndResumeRedoesTheRest()
{
    // Items 31… stay in flight until released: the cancel surely lands mid-run, with ten items
    // in flight and thirty committed.
    constexpr int Items = 60;
    auto ref = m.service->start(*m.scope, asyncRequest(QStringLiteral("cancel"),
                                                        {{QStringLiteral("items"), Items},
                                                         {QStringLiteral("inFlight"), 10},
                                                         {QStringLiteral("latencyMs"), 1},
                                                         {QStringLiteral("holdFrom"), 31},
                                                         {QStringLiteral("finishHook"), true}}));
    QVERIFY(ref);
    QTRY_COMPARE_WITH_TIMEOUT(m.service->run(*m.scope, ref->runId)->progressDone, 30, 20000);
    QTRY_COMPARE_WITH_TIMEOUT(Stats::stats().started.load(), 40, 20000);
    QVERIFY(m.service->cancel(*m.scope, ref->runId));
    QVERIFY(m.recorder->waitFinished(ref->runId));
    QCOMPARE(m.recorder->finishedStatus(ref->runId), RunStatus::Cancelled);
    QCOMPARE(Stats::stats().cancelCalls.load(), 1);
    QCOMPARE(Stats::stats().inFlightAtCancel.load(), 10);
    QCOMPARE(Stats::stats().started.load(), 40);    // nothing new started after the cancel
    auto items = m.service->items(*m.scope, ref->runId);
    QString problem = checkRows(*items, range(0, 30));
    QVERIFY2(problem.isEmpty(), qPrintable(problem));

    QSqlQuery q(m.db.database->connection());
    QVERIFY(q.exec(QStringLiteral("SELECT status, status_in_tx FROM test_finish_marks WHERE run_id = %1").arg(ref->runId)));
    QVERIFY(q.next());
    QCOMPARE(q.value(0).toString(), QStringLiteral("cancelled"));
    QCOMPARE(q.value(1).toString(), QStringLiteral("cancelled"));
    q.finish();   // an open statement would pin this connection's read snapshot

    // The resume redoes exactly the 30 items that were in flight or never started.
    Stats::stats().holding = false;
    auto child = m.service->resume(*m.scope, ref->runId);
    QVERIFY2(child, test::errorText(child).constData());
    QVERIFY(m.recorder->waitFinished(child->runId));
    QCOMPARE(m.recorder->finishedStatus(child->runId), RunStatus::Succeeded);
    auto childItems = m.service->items(*m.scope, child->runId);
    problem = checkRows(*childItems, range(30, Items));
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
}

void tst_AsyncJob::unreportedItemsAreRedoneByTheResume()
{
    auto ref = m.service->start(*m.scope, asyncRequest(QStringLiteral("dropped"),
                                                        {{QStringLiteral("items"), 20},
                                                         {QStringLiteral("inFlight"), 5},
                                                         {QStringLiteral("dropEvery"), 5}}));
    QVERIFY(ref);
    QVERIFY(m.recorder->waitFinished(ref->runId));
    // Not every item was done, so the run did not succeed and can be resumed.
    QCOMPARE(m.recorder->finishedStatus(ref->runId), RunStatus::PartiallySucceeded);
    auto items = m.service->items(*m.scope, ref->runId);
    QCOMPARE(items->size(), 16);
    for (const RunItemRecord& item : *items)
        QVERIFY2((item.ordinal + 1) % 5 != 0, qPrintable(item.itemKey));

    test::TestAsyncJob::resetStats();
    auto child = m.service->resume(*m.scope, ref->runId);
    QVERIFY2(child, test::errorText(child).constData());
    QVERIFY(m.recorder->waitFinished(child->runId));
    QCOMPARE(Stats::stats().started.load(), 4);    // items 5, 10, 15, 20 only
    // They are dropped again: nothing reported at all is a failed run.
    QCOMPARE(m.recorder->finishedStatus(child->runId), RunStatus::Failed);
    QCOMPARE(m.service->run(*m.scope, child->runId)->progressTotal, 4);
}

void tst_AsyncJob::jobFailure()
{
    auto ref = m.service->start(*m.scope, asyncRequest(QStringLiteral("job-failure"),
                                                        {{QStringLiteral("items"), 20},
                                                         {QStringLiteral("failJobAfter"), 5}}));
    QVERIFY(ref);
    QVERIFY(m.recorder->waitFinished(ref->runId));
    QCOMPARE(m.recorder->finishedStatus(ref->runId), RunStatus::Failed);
    auto run = m.service->run(*m.scope, ref->runId);
    QVERIFY2(run->errorSummary.contains(QStringLiteral("test_async job failure")), qPrintable(run->errorSummary));
    const QString problem = checkRows(*m.service->items(*m.scope, ref->runId), range(0, 5));
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
}

void tst_AsyncJob::throwInStart()
{
    auto ref = m.service->start(*m.scope, asyncRequest(QStringLiteral("throw"),
                                                        {{QStringLiteral("items"), 5},
                                                         {QStringLiteral("throwInStart"), true}}));
    QVERIFY(ref);
    QVERIFY(m.recorder->waitFinished(ref->runId));
    QCOMPARE(m.recorder->finishedStatus(ref->runId), RunStatus::Failed);
    auto run = m.service->run(*m.scope, ref->runId);
    QVERIFY2(run->errorSummary.contains(QStringLiteral("test_async start exception")), qPrintable(run->errorSummary));
    QCOMPARE(m.service->items(*m.scope, ref->runId)->size(), 0);
}

void tst_AsyncJob::noItems()
{
    auto ref = m.service->start(*m.scope, asyncRequest(QStringLiteral("none"), {{QStringLiteral("items"), 0}}));
    QVERIFY(ref);
    QVERIFY(m.recorder->waitFinished(ref->runId));
    QCOMPARE(m.recorder->finishedStatus(ref->runId), RunStatus::Succeeded);
    QCOMPARE(Stats::stats().finishCalls.load(), 1);
}

void tst_AsyncJob::finishHookRunsOnceInTheEndTransaction()
{
    auto ref = m.service->start(*m.scope, asyncRequest(QStringLiteral("hook"),
                                                        {{QStringLiteral("items"), 12},
                                                         {QStringLiteral("inFlight"), 4},
                                                         {QStringLiteral("failEvery"), 6},
                                                         {QStringLiteral("finishHook"), true}}));
    QVERIFY(ref);
    QVERIFY(m.recorder->waitFinished(ref->runId));
    QCOMPARE(m.recorder->finishedStatus(ref->runId), RunStatus::PartiallySucceeded);
    QCOMPARE(Stats::stats().finishCalls.load(), 1);
    QSqlQuery q(m.db.database->connection());
    QVERIFY(q.exec(QStringLiteral("SELECT status, status_in_tx, executed, failed FROM test_finish_marks"
                                  " WHERE run_id = %1").arg(ref->runId)));
    QVERIFY(q.next());
    QCOMPARE(q.value(0).toString(), QStringLiteral("partially_succeeded"));
    // The hook saw the run's row already ended: it ran inside the end's transaction.
    QCOMPARE(q.value(1).toString(), QStringLiteral("partially_succeeded"));
    QCOMPARE(q.value(2).toInt(), 12);
    QCOMPARE(q.value(3).toInt(), 2);
    QVERIFY(!q.next());
    q.finish();
}

void tst_AsyncJob::finishHookErrorFailsTheRun()
{
    auto ref = m.service->start(*m.scope, asyncRequest(QStringLiteral("hook-error"),
                                                        {{QStringLiteral("items"), 3},
                                                         {QStringLiteral("finishHook"), true},
                                                         {QStringLiteral("finishHookError"), true}}));
    QVERIFY(ref);
    QVERIFY(m.recorder->waitFinished(ref->runId));
    QCOMPARE(m.recorder->finishedStatus(ref->runId), RunStatus::Failed);
    QCOMPARE(m.recorder->finishedCount(ref->runId), 1);
    QCOMPARE(Stats::stats().finishCalls.load(), 1);
    auto run = m.service->run(*m.scope, ref->runId);
    QVERIFY2(run->errorSummary.contains(QStringLiteral("test snapshot row could not be written")),
             qPrintable(run->errorSummary));
    QCOMPARE(m.service->items(*m.scope, ref->runId)->size(), 3);
}

void tst_AsyncJob::killMidRun()
{
    // The helper parks its worker right after the commit that contains item 17, with items
    // completing out of order around it; SIGKILL then. Whatever is stored must be a whole
    // prefix of the plan, and the resume completes the rest exactly once.
    constexpr int Items = 40;
    constexpr int K = 17;
    QProcess helper;
    helper.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    helper.start(test::runHelperPath(),
                 {QStringLiteral("run"), QStringLiteral("--db"), m.db.path, QStringLiteral("--tenant"),
                  QString::number(m.db.tenantId), QStringLiteral("--items"), QString::number(Items),
                  QStringLiteral("--item-delay"), QStringLiteral("2"), QStringLiteral("--async"), QStringLiteral("6"),
                  QStringLiteral("--target"), QStringLiteral("kill"), QStringLiteral("--stop-after"), QString::number(K)});
    QVERIFY(helper.waitForStarted());
    const QList<QByteArray> lines = readUntil(helper, "item " + QByteArray::number(K), QDeadlineTimer(20000));
    QVERIFY2(!lines.isEmpty() && lines.last() == "item " + QByteArray::number(K), lines.join(' ').constData());
    helper.kill();
    QVERIFY(helper.waitForFinished(10000));
    QCOMPARE(lines.size(), K + 1);   // "run <id>", then items 1..K in plan order
    const qint64 runId = lines.first().mid(4).toLongLong();
    QVERIFY(runId > 0);

    QSqlQuery q(m.db.database->connection());
    QVERIFY(q.exec(QStringLiteral("PRAGMA integrity_check")) && q.next());
    QCOMPARE(q.value(0).toString(), QStringLiteral("ok"));
    q.finish();   // an open statement would pin this connection's read snapshot

    QCOMPARE(m.service->recoverInterrupted(), 1);
    auto run = m.service->run(*m.scope, runId);
    QCOMPARE(run->status, RunStatus::Interrupted);
    auto parentItems = m.service->items(*m.scope, runId);
    const int committed = int(parentItems->size());
    QVERIFY(committed >= K);
    QCOMPARE(run->progressDone, committed);
    QString problem = checkRows(*parentItems, range(0, committed));
    QVERIFY2(problem.isEmpty(), qPrintable(problem));

    auto child = m.service->resume(*m.scope, runId);
    QVERIFY2(child, test::errorText(child).constData());
    QVERIFY(m.recorder->waitFinished(child->runId));
    QCOMPARE(m.recorder->finishedStatus(child->runId), RunStatus::Succeeded);
    problem = checkRows(*m.service->items(*m.scope, child->runId), range(committed, Items));
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
}

void tst_AsyncJob::cancelReachesAnotherProcess()
{
    // Items of ten minutes each, six in flight, in another process: only the cancel request on
    // the run's row (read by that process's supervisor) can end the run.
    QProcess helper;
    helper.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    helper.start(test::runHelperPath(),
                 {QStringLiteral("run"), QStringLiteral("--db"), m.db.path, QStringLiteral("--tenant"),
                  QString::number(m.db.tenantId), QStringLiteral("--items"), QStringLiteral("20"),
                  QStringLiteral("--item-delay"), QStringLiteral("600000"), QStringLiteral("--async"),
                  QStringLiteral("6"), QStringLiteral("--target"), QStringLiteral("remote-cancel")});
    QVERIFY(helper.waitForStarted());
    QTRY_VERIFY_WITH_TIMEOUT(helper.canReadLine(), 20000);
    const QByteArray first = helper.readLine().trimmed();
    QVERIFY2(first.startsWith("run "), first.constData());
    const qint64 runId = first.mid(4).toLongLong();
    QTRY_COMPARE_WITH_TIMEOUT(m.service->run(*m.scope, runId)->status, RunStatus::Running, 20000);
    QVERIFY(m.service->cancel(*m.scope, runId));
    const QList<QByteArray> lines = readUntil(helper, "done cancelled", QDeadlineTimer(30000));
    QVERIFY2(!lines.isEmpty() && lines.last() == "done cancelled", lines.join(' ').constData());
    QVERIFY(helper.waitForFinished(10000));
    QCOMPARE(helper.exitCode(), 0);
    QCOMPARE(m.service->items(*m.scope, runId)->size(), 0);
}

QTEST_GUILESS_MAIN(tst_AsyncJob)
#include "tst_asyncjob.moc"
