// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "core/runs/RunNotifications.h"
#include "core/runs/RunService.h"
#include "core/store/AuditLog.h"
#include "core/store/Database.h"
#include "tests/testutils/ResultText.h"
#include "tests/testutils/RunSignalRecorder.h"
#include "tests/testutils/TestDatabase.h"
#include "tests/testutils/TestJob.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QSet>
#include <QTest>
#include <QTimer>

using namespace pv;
using namespace std::chrono_literals;
using namespace Qt::StringLiterals;

namespace {

QJsonObject params(int items, int failEvery = 0, int skipEvery = 0, int itemDelayMs = 0)
{
    return QJsonObject{{QStringLiteral("items"), items},
                       {QStringLiteral("failEvery"), failEvery},
                       {QStringLiteral("skipEvery"), skipEvery},
                       {QStringLiteral("itemDelayMs"), itemDelayMs}};
}

RunRequest request(const QJsonObject& parameters, const QString& target = QStringLiteral("t"))
{
    return RunRequest{QLatin1String(test::TestKind), target, parameters, QStringLiteral("test")};
}

QSet<QString> keys(const QList<RunItemRecord>& items)
{
    QSet<QString> result;
    for (const RunItemRecord& item : items)
        result.insert(item.itemKey);
    return result;
}

class EventCounter final : public QObject
{
public:
    int count = 0;

protected:
    bool eventFilter(QObject* watched, QEvent* event) override
    {
        if (event->type() == QEvent::MetaCall)
            ++count;
        return QObject::eventFilter(watched, event);
    }
};

} // namespace

class tst_RunLifecycle : public QObject
{
    Q_OBJECT

private:
    // Each test gets a fresh database, service and recorder.
    struct Fixture
    {
        test::TestDatabase db;
        std::unique_ptr<RunService> service;
        std::unique_ptr<test::RunSignalRecorder> recorder;
        std::optional<TenantScope> scope;
    };

    static std::unique_ptr<Fixture> makeFixture(RunService::Options options = {})
    {
        auto f = std::make_unique<Fixture>();
        f->db = test::makeTestDatabase();
        if (!f->db.isValid())
            return nullptr;
        f->service = std::make_unique<RunService>(f->db.database, options);
        test::registerTestJobKinds(*f->service);
        f->recorder = std::make_unique<test::RunSignalRecorder>(*f->service);
        f->scope = test::enterTenant(f->db.database, f->db.tenantId);
        return f->scope ? std::move(f) : nullptr;
    }

private slots:
    void finalStatus_data();
    void finalStatus();
    void statusMovesThroughRunning();
    void cancelRunning();
    void cancelQueuedNeverRuns();
    void notificationPerEndNoneOnReuse();
    void coalescesRunChanged();
    void tenThousandItemsDoNotFloodServiceThread();
    void resumeRules();
    void resumeTwiceGivesSameChild();
    void resumeRedoesOnlyFailedAndUnattempted();
    void resumeRedoesUncertainButKeepsConflicts();
    void unknownKindIsInvalid();
    void notificationBodies_data();
    void notificationBodies();
    void notificationBodiesNameEachOutcome();
    void startCancelResumeAreAudited();
};

void tst_RunLifecycle::finalStatus_data()
{
    QTest::addColumn<QJsonObject>("parameters");
    QTest::addColumn<RunStatus>("status");
    QTest::addColumn<int>("succeeded");
    QTest::addColumn<int>("failed");
    QTest::addColumn<int>("skipped");
    QTest::addColumn<bool>("hasError");
    QTest::addColumn<QString>("body"); // of the run's notification

    QTest::addRow("all succeed") << params(5) << RunStatus::Succeeded << 5 << 0 << 0 << false << u"5 succeeded"_s;
    QTest::addRow("zero items") << params(0) << RunStatus::Succeeded << 0 << 0 << 0 << false << u"No items"_s;
    QTest::addRow("some fail") << params(6, 3) << RunStatus::PartiallySucceeded << 4 << 2 << 0 << false
                               << u"4 succeeded, 2 failed"_s;
    QTest::addRow("every item fails") << params(4, 1) << RunStatus::Failed << 0 << 4 << 0 << true
                                      << u"Failed: Every item failed; 4 failed"_s;
    QTest::addRow("skipped is no failure") << params(4, 0, 2) << RunStatus::Succeeded << 2 << 0 << 2 << false
                                           << u"2 succeeded, 2 skipped"_s;
    QTest::addRow("fail, skip and succeed") << params(6, 3, 2) << RunStatus::PartiallySucceeded << 2 << 2 << 2 << false
                                            << u"2 succeeded, 2 failed, 2 skipped"_s;
    QJsonObject planError = params(3);
    planError.insert(QStringLiteral("planError"), true);
    planError.insert(QStringLiteral("message"), QStringLiteral("plan broke"));
    // The stored summary is for people: no "internal:" code prefix.
    QTest::addRow("plan error") << planError << RunStatus::Failed << 0 << 0 << 0 << true << u"Failed: plan broke"_s;
    QJsonObject throws = params(5);
    throws.insert(QStringLiteral("throwAt"), 3);
    throws.insert(QStringLiteral("message"), QStringLiteral("item three threw"));
    // An item that throws gets a failed row (a write may already have happened) and the run
    // goes on with the next item.
    // Restore's conflict, cannot_restore and uncertain are neither success nor failure: the run
    // is partial, and its notification names each.
    QJsonObject unresolved = params(5);
    unresolved.insert(QStringLiteral("outcomes"), QJsonObject{{QStringLiteral("2"), QStringLiteral("conflict")},
                                                              {QStringLiteral("3"), QStringLiteral("cannot_restore")},
                                                              {QStringLiteral("4"), QStringLiteral("uncertain")}});
    QTest::addRow("unresolved outcomes") << unresolved << RunStatus::PartiallySucceeded << 2 << 0 << 0 << false
                                         << u"2 succeeded, 1 in conflict, 1 cannot be restored, 1 uncertain"_s;
    QTest::addRow("exception at item 3") << throws << RunStatus::PartiallySucceeded << 4 << 1 << 0 << false
                                         << u"4 succeeded, 1 failed"_s;
}

void tst_RunLifecycle::finalStatus()
{
    QFETCH(QJsonObject, parameters);
    QFETCH(RunStatus, status);
    QFETCH(int, succeeded);
    QFETCH(int, failed);
    QFETCH(int, skipped);
    QFETCH(bool, hasError);
    QFETCH(QString, body);

    auto f = makeFixture();
    QVERIFY(f);
    auto ref = f->service->start(*f->scope, request(parameters));
    QVERIFY2(ref, test::errorText(ref).constData());
    QVERIFY(!ref->reused);
    QVERIFY(f->recorder->waitFinished(ref->runId));
    QCOMPARE(f->recorder->finishedStatus(ref->runId), status);

    auto run = f->service->run(*f->scope, ref->runId);
    QVERIFY(run);
    QCOMPARE(run->status, status);
    QCOMPARE(run->succeededCount, succeeded);
    QCOMPARE(run->failedCount, failed);
    QCOMPARE(run->skippedCount, skipped);
    QCOMPARE(run->progressDone, qint64(succeeded + failed + skipped + run->counts.unresolved()));
    QCOMPARE(!run->errorSummary.isEmpty(), hasError);
    if (parameters.contains(QStringLiteral("message")) && hasError)
        QVERIFY2(run->errorSummary.contains(parameters.value(QStringLiteral("message")).toString()),
                 qPrintable(run->errorSummary));
    QVERIFY(run->startedAt.isValid());
    QVERIFY(run->finishedAt.isValid());
    QVERIFY(run->createdAt <= run->startedAt && run->startedAt <= run->finishedAt);
    QCOMPARE(run->ownerPid, QCoreApplication::applicationPid());

    auto items = f->service->items(*f->scope, ref->runId);
    QVERIFY(items);
    QCOMPARE(items->size(), succeeded + failed + skipped + run->counts.unresolved());
    // Deterministic order: plan order, ordinals ascending.
    const int throwAt = parameters.value(QStringLiteral("throwAt")).toInt();
    for (int i = 0; i < items->size(); ++i) {
        QCOMPARE(items->at(i).ordinal, i);
        QCOMPARE(items->at(i).itemKey, QStringLiteral("item-%1").arg(i + 1));
        if (i + 1 == throwAt) {
            // The item that threw has its failed row, with the reason.
            QCOMPARE(items->at(i).outcome, ItemOutcome::Failed);
            QVERIFY2(items->at(i).message.contains(parameters.value(QStringLiteral("message")).toString()),
                     qPrintable(items->at(i).message));
            continue;
        }
        QCOMPARE(items->at(i).requestId, QStringLiteral("test-request-%1").arg(i + 1));
    }

    // Exactly one notification, pointing at the run, with the counts.
    auto notes = f->service->notifications(*f->scope);
    QVERIFY(notes);
    QCOMPARE(notes->size(), 1);
    QCOMPARE(notes->first().runId, ref->runId);
    QCOMPARE(notes->first().kind, QStringLiteral("run_finished"));
    QCOMPARE(notes->first().title, QStringLiteral("Test job — Contoso"));
    QCOMPARE(notes->first().body, body);
    QCOMPARE(f->recorder->notificationIds(), QList<qint64>{notes->first().id});
    QCOMPARE(f->recorder->finishedCount(ref->runId), 1);
}

void tst_RunLifecycle::statusMovesThroughRunning()
{
    auto f = makeFixture();
    QVERIFY(f);
    auto ref = f->service->start(*f->scope, request(params(4, 0, 0, 60)));
    QVERIFY(ref);
    auto first = f->service->run(*f->scope, ref->runId);
    QVERIFY(first);
    QVERIFY(isActive(first->status));
    QCOMPARE(f->service->activeRunCount(), 1);
    // Items are written while the run is still running, each as it finishes.
    QTRY_VERIFY_WITH_TIMEOUT(f->service->run(*f->scope, ref->runId)->progressDone >= 1, 10000);
    auto mid = f->service->run(*f->scope, ref->runId);
    QCOMPARE(mid->status, RunStatus::Running);
    QCOMPARE(mid->progressTotal, 4);
    QVERIFY(mid->progressDone < 4);
    QCOMPARE(f->service->items(*f->scope, ref->runId)->size(), mid->progressDone);
    QVERIFY(f->recorder->waitFinished(ref->runId));
    QCOMPARE(f->service->run(*f->scope, ref->runId)->status, RunStatus::Succeeded);
    QTRY_COMPARE(f->recorder->activeCounts().value(f->recorder->activeCounts().size() - 1, -1), 0);
    QVERIFY(f->recorder->activeCounts().contains(1));
    QCOMPARE(f->service->activeRunCount(), 0);
}

void tst_RunLifecycle::cancelRunning()
{
    auto f = makeFixture();
    QVERIFY(f);
    auto ref = f->service->start(*f->scope, request(params(200, 0, 0, 10)));
    QVERIFY(ref);
    QTRY_VERIFY_WITH_TIMEOUT(f->service->run(*f->scope, ref->runId)->progressDone >= 2, 10000);
    QVERIFY(f->service->cancel(*f->scope, ref->runId));
    QVERIFY(f->recorder->waitFinished(ref->runId));
    QCOMPARE(f->recorder->finishedStatus(ref->runId), RunStatus::Cancelled);
    auto run = f->service->run(*f->scope, ref->runId);
    QCOMPARE(run->status, RunStatus::Cancelled);
    QVERIFY(run->progressDone >= 2 && run->progressDone < 200);
    QCOMPARE(f->service->items(*f->scope, ref->runId)->size(), run->progressDone);
    auto notes = f->service->notifications(*f->scope);
    QCOMPARE(notes->size(), 1);
    // The item in flight when the cancel came may end failed ("cancelled before the item finished").
    QVERIFY(run->succeededCount >= 1 && run->failedCount <= 1);
    QCOMPARE(notes->first().body,
             u"Cancelled; "_s + RunNotifications::countsText(run->counts));
    // An ended run cannot be cancelled again.
    auto again = f->service->cancel(*f->scope, ref->runId);
    QVERIFY(!again);
    QCOMPARE(again.error().code, ErrorCode::Conflict);
}

void tst_RunLifecycle::cancelQueuedNeverRuns()
{
    RunService::Options options;
    options.maxConcurrentRuns = 1;
    auto f = makeFixture(options);
    QVERIFY(f);
    auto blocker = f->service->start(*f->scope, request(params(1, 0, 0, 600000), QStringLiteral("blocker")));
    QVERIFY(blocker);
    QTRY_COMPARE(f->service->run(*f->scope, blocker->runId)->status, RunStatus::Running);
    auto queued = f->service->start(*f->scope, request(params(3), QStringLiteral("queued")));
    QVERIFY(queued);
    QCOMPARE(f->service->run(*f->scope, queued->runId)->status, RunStatus::Queued);
    QCOMPARE(f->service->activeRunCount(), 2);

    QVERIFY(f->service->cancel(*f->scope, queued->runId));
    // Cancelling a queued run is immediate and final.
    auto run = f->service->run(*f->scope, queued->runId);
    QCOMPARE(run->status, RunStatus::Cancelled);
    QCOMPARE(f->service->activeRunCount(), 1);   // it left the queue, too
    QVERIFY(f->recorder->waitFinished(queued->runId));
    QCOMPARE(f->recorder->finishedStatus(queued->runId), RunStatus::Cancelled);

    QVERIFY(f->service->cancel(*f->scope, blocker->runId));
    QVERIFY(f->recorder->waitFinished(blocker->runId));
    QVERIFY(f->service->waitForIdle(10s));
    run = f->service->run(*f->scope, queued->runId);
    QCOMPARE(run->status, RunStatus::Cancelled);
    QVERIFY(!run->startedAt.isValid());     // it never ran
    QCOMPARE(f->service->items(*f->scope, queued->runId)->size(), 0);
    QCOMPARE(f->recorder->finishedCount(queued->runId), 1);
    QCOMPARE(f->service->notifications(*f->scope)->size(), 2);
}

void tst_RunLifecycle::notificationPerEndNoneOnReuse()
{
    auto f = makeFixture();
    QVERIFY(f);
    auto first = f->service->start(*f->scope, request(params(1, 0, 0, 600000)));
    QVERIFY(first);
    auto second = f->service->start(*f->scope, request(params(1, 0, 0, 600000)));
    QVERIFY(second);
    QVERIFY(second->reused);
    QCOMPARE(second->runId, first->runId);
    QCOMPARE(f->service->notifications(*f->scope)->size(), 0);
    QCOMPARE(f->service->activeRunCount(), 1);

    QVERIFY(f->service->cancel(*f->scope, first->runId));
    QVERIFY(f->recorder->waitFinished(first->runId));
    auto notes = f->service->notifications(*f->scope);
    QCOMPARE(notes->size(), 1);
    QCOMPARE(notes->first().runId, first->runId);
    QVERIFY(!notes->first().readAt.isValid());
    QCOMPARE(*f->service->unreadNotificationCount(*f->scope), 1);
    QCOMPARE(f->service->notification(*f->scope, notes->first().id)->title, notes->first().title);

    QVERIFY(f->service->markNotificationRead(*f->scope, notes->first().id));
    QCOMPARE(*f->service->unreadNotificationCount(*f->scope), 0);
    QVERIFY(f->service->notification(*f->scope, notes->first().id)->readAt.isValid());
    QCOMPARE(f->service->notifications(*f->scope, true)->size(), 0);

    auto third = f->service->start(*f->scope, request(params(2)));
    QVERIFY(third);
    QVERIFY(!third->reused);   // the first one has ended
    QVERIFY(third->runId != first->runId);
    QVERIFY(f->recorder->waitFinished(third->runId));
    QCOMPARE(*f->service->unreadNotificationCount(*f->scope), 1);
    QVERIFY(f->service->markAllNotificationsRead(*f->scope));
    QCOMPARE(*f->service->unreadNotificationCount(*f->scope), 0);
    QCOMPARE(f->service->notifications(*f->scope)->size(), 2);
}

void tst_RunLifecycle::coalescesRunChanged()
{
    auto f = makeFixture();
    QVERIFY(f);
    QElapsedTimer timer;
    timer.start();
    // ~1 ms per item: long enough for many windows, each holding dozens of item commits.
    auto ref = f->service->start(*f->scope, request(params(1000, 0, 0, 1)));
    QVERIFY(ref);
    QVERIFY(f->recorder->waitFinished(ref->runId, 60s));
    const qint64 elapsed = timer.elapsed();
    QCOMPARE(f->service->items(*f->scope, ref->runId)->size(), 1000);

    // At most one per 100 ms window, plus the first (immediate) and the final one.
    const int changed = f->recorder->changedCount(ref->runId);
    const qint64 bound = elapsed / 100 + 3;
    qInfo("1000 items in %lld ms: %d runChanged (bound %lld)", elapsed, changed, bound);
    QVERIFY(changed >= 1);
    if (elapsed >= 600)
        QVERIFY2(changed >= 3, "progress must keep flowing while the run is busy");
    QVERIFY2(changed <= bound, qPrintable(QStringLiteral("%1 > %2").arg(changed).arg(bound)));

    // A sentinel run proves no late duplicate runFinished is still queued for the first.
    auto sentinel = f->service->start(*f->scope, request(params(1), QStringLiteral("sentinel")));
    QVERIFY(sentinel);
    QVERIFY(f->recorder->waitFinished(sentinel->runId));
    QCOMPARE(f->recorder->finishedCount(ref->runId), 1);
    QCOMPARE(f->recorder->finishedCount(sentinel->runId), 1);
}

void tst_RunLifecycle::tenThousandItemsDoNotFloodServiceThread()
{
    auto f = makeFixture();
    QVERIFY(f);
    // A 5 ms timer on the service's thread: the longest gap between its ticks is the stall.
    QElapsedTimer sinceTick;
    QElapsedTimer timer;
    timer.start();
    qint64 longestGap = 0;
    QTimer ticker;
    ticker.setInterval(5);
    ticker.setTimerType(Qt::PreciseTimer);
    qint64 worstAt = 0;
    connect(&ticker, &QTimer::timeout, this, [&] {
        const qint64 gap = sinceTick.restart();
        if (gap > longestGap) {
            longestGap = gap;
            worstAt = timer.elapsed();
        }
    });
    sinceTick.start();
    ticker.start();
    // Every queued call the workers post to the service's thread is a wake-up of that thread.
    EventCounter posted;
    f->service->installEventFilter(&posted);
    // A plain event loop, as in the app (QTest::qWaitFor sleeps between its rounds).
    QEventLoop loop;
    qint64 finishedRun = 0;
    connect(f->service.get(), &RunService::runFinished, &loop, [&](qint64, qint64 runId) {
        finishedRun = runId;
        loop.quit();
    });
    QTimer::singleShot(60s, &loop, &QEventLoop::quit);
    auto ref = f->service->start(*f->scope, request(params(10000)));
    QVERIFY(ref);
    loop.exec();
    QCOMPARE(finishedRun, ref->runId);
    ticker.stop();
    const qint64 elapsed = timer.elapsed();
    const int changed = f->recorder->changedCount(ref->runId);
    qInfo("10000 items in %lld ms: %d runChanged, %d events posted to the service, longest service-thread gap"
          " %lld ms (at %lld ms)", elapsed, changed, posted.count, longestGap, worstAt);
    QCOMPARE(f->service->run(*f->scope, ref->runId)->progressDone, 10000);
    QVERIFY(changed <= elapsed / 100 + 3);
    // Wake-ups follow the delivered events, not the items (plus the start and end calls).
    QVERIFY2(posted.count <= changed + 10, qPrintable(QString::number(posted.count)));
    // Generous against a loaded CI machine; a flooded thread stalls for seconds.
    QVERIFY2(longestGap <= 250, qPrintable(QString::number(longestGap)));
}

void tst_RunLifecycle::resumeRules()
{
    auto f = makeFixture();
    QVERIFY(f);
    auto done = f->service->start(*f->scope, request(params(2), QStringLiteral("done")));
    QVERIFY(done);
    QVERIFY(f->recorder->waitFinished(done->runId));
    auto r = f->service->resume(*f->scope, done->runId);
    QVERIFY(!r);
    QCOMPARE(r.error().code, ErrorCode::Conflict);   // succeeded

    auto running = f->service->start(*f->scope, request(params(1, 0, 0, 600000), QStringLiteral("running")));
    QVERIFY(running);
    r = f->service->resume(*f->scope, running->runId);
    QVERIFY(!r);
    QCOMPARE(r.error().code, ErrorCode::Conflict);   // queued or running
    QVERIFY(f->service->cancel(*f->scope, running->runId));
    QVERIFY(f->recorder->waitFinished(running->runId));

    // cancelled, failed and partially succeeded runs can be resumed
    r = f->service->resume(*f->scope, running->runId);
    QVERIFY2(r, test::errorText(r).constData());
    QCOMPARE(f->service->run(*f->scope, r->runId)->parentRunId, running->runId);
    QVERIFY(f->service->cancel(*f->scope, r->runId));   // the resumed item would take ten minutes
    QVERIFY(f->recorder->waitFinished(r->runId));
    auto failed = f->service->start(*f->scope, request(params(2, 1), QStringLiteral("failed")));
    QVERIFY(failed);
    QVERIFY(f->recorder->waitFinished(failed->runId));
    QCOMPARE(f->recorder->finishedStatus(failed->runId), RunStatus::Failed);
    r = f->service->resume(*f->scope, failed->runId);
    QVERIFY(r);
    QVERIFY(f->recorder->waitFinished(r->runId));
    QCOMPARE(f->service->run(*f->scope, r->runId)->parentRunId, failed->runId);
}

void tst_RunLifecycle::resumeTwiceGivesSameChild()
{
    auto f = makeFixture();
    QVERIFY(f);
    auto parent = f->service->start(*f->scope, request(params(4, 2)));
    QVERIFY(parent);
    QVERIFY(f->recorder->waitFinished(parent->runId));
    QCOMPARE(f->recorder->finishedStatus(parent->runId), RunStatus::PartiallySucceeded);

    auto child = f->service->resume(*f->scope, parent->runId);
    QVERIFY(child);
    QVERIFY(!child->reused);
    auto again = f->service->resume(*f->scope, parent->runId);
    QVERIFY(again);
    QVERIFY(again->reused);
    QCOMPARE(again->runId, child->runId);
    QVERIFY(f->recorder->waitFinished(child->runId));
    auto later = f->service->resume(*f->scope, parent->runId);   // also after the child ended
    QVERIFY(later);
    QVERIFY(later->reused);
    QCOMPARE(later->runId, child->runId);
    QCOMPARE(f->service->runs(*f->scope)->size(), 2);
}

void tst_RunLifecycle::resumeRedoesOnlyFailedAndUnattempted()
{
    auto f = makeFixture();
    QVERIFY(f);
    // 30 items, every 3rd fails; cancelled part-way, so some items were never attempted.
    auto parent = f->service->start(*f->scope, request(params(30, 3, 0, 20)));
    QVERIFY(parent);
    QTRY_VERIFY_WITH_TIMEOUT(f->service->run(*f->scope, parent->runId)->progressDone >= 7, 10000);
    QVERIFY(f->service->cancel(*f->scope, parent->runId));
    QVERIFY(f->recorder->waitFinished(parent->runId));
    const auto parentItems = *f->service->items(*f->scope, parent->runId);
    QSet<QString> expected;
    for (int i = 1; i <= 30; ++i)
        expected.insert(QStringLiteral("item-%1").arg(i));
    for (const RunItemRecord& item : parentItems) {
        if (item.outcome != ItemOutcome::Failed)
            expected.remove(item.itemKey);
    }
    QVERIFY(parentItems.size() >= 7 && parentItems.size() < 30);

    auto child = f->service->resume(*f->scope, parent->runId);
    QVERIFY(child);
    QVERIFY(f->recorder->waitFinished(child->runId, 60s));
    const auto childItems = *f->service->items(*f->scope, child->runId);
    QCOMPARE(keys(childItems), expected);
    QCOMPARE(childItems.size(), expected.size());
    auto childRun = f->service->run(*f->scope, child->runId);
    QCOMPARE(childRun->progressTotal, expected.size());
    QCOMPARE(childRun->parentRunId, parent->runId);
    // Ordinals stay the plan positions, so parent and child rows line up.
    for (const RunItemRecord& item : childItems)
        QCOMPARE(item.ordinal + 1, test::TestJob::itemNumber(item.itemKey));
}

// A resume reconciles uncertain items (the restore job does it through its journal) and redoes
// failed ones; conflict and cannot_restore are answers, kept as they are.
void tst_RunLifecycle::resumeRedoesUncertainButKeepsConflicts()
{
    auto f = makeFixture();
    QVERIFY(f);
    QJsonObject parameters = params(6);
    parameters.insert(QStringLiteral("outcomes"), QJsonObject{{QStringLiteral("2"), QStringLiteral("conflict")},
                                                              {QStringLiteral("3"), QStringLiteral("uncertain")},
                                                              {QStringLiteral("4"), QStringLiteral("cannot_restore")},
                                                              {QStringLiteral("5"), QStringLiteral("failed")}});
    auto parent = f->service->start(*f->scope, request(parameters));
    QVERIFY(parent);
    QVERIFY(f->recorder->waitFinished(parent->runId));
    auto parentRun = f->service->run(*f->scope, parent->runId);
    QCOMPARE(parentRun->status, RunStatus::PartiallySucceeded);
    QCOMPARE(parentRun->counts.of(ItemOutcome::Uncertain), 1);
    QCOMPARE(parentRun->counts.unresolved(), 3);

    auto child = f->service->resume(*f->scope, parent->runId);
    QVERIFY(child);
    QVERIFY(f->recorder->waitFinished(child->runId, 60s));
    QCOMPARE(keys(*f->service->items(*f->scope, child->runId)),
             (QSet<QString>{QStringLiteral("item-3"), QStringLiteral("item-5")}));
}

void tst_RunLifecycle::unknownKindIsInvalid()
{
    auto f = makeFixture();
    QVERIFY(f);
    auto r = f->service->start(*f->scope, RunRequest{QStringLiteral("nope"), {}, {}, {}});
    QVERIFY(!r);
    QCOMPARE(r.error().code, ErrorCode::InvalidArgument);
    QCOMPARE(f->service->kindDisplayName(QStringLiteral("test")), QStringLiteral("Test job"));
}

QTEST_GUILESS_MAIN(tst_RunLifecycle)
void tst_RunLifecycle::notificationBodies_data()
{
    QTest::addColumn<RunStatus>("status");
    QTest::addColumn<int>("succeeded");
    QTest::addColumn<int>("failed");
    QTest::addColumn<int>("skipped");
    QTest::addColumn<QString>("summary");
    QTest::addColumn<QString>("body");
    QTest::addRow("interrupted, nothing done") << RunStatus::Interrupted << 0 << 0 << 0 << u"gone."_s
                                               << u"Interrupted — the program running it stopped"_s;
    QTest::addRow("interrupted part-way") << RunStatus::Interrupted << 3 << 1 << 0 << QString()
                                          << u"Interrupted — the program running it stopped; 3 succeeded, 1 failed"_s;
    QTest::addRow("cancelled before any item") << RunStatus::Cancelled << 0 << 0 << 0 << QString() << u"Cancelled"_s;
    QTest::addRow("failed without a summary") << RunStatus::Failed << 0 << 2 << 0 << QString()
                                              << u"Failed; 2 failed"_s;
    QTest::addRow("summary's full stop goes") << RunStatus::Failed << 1 << 0 << 0 << u" Token expired. "_s
                                              << u"Failed: Token expired; 1 succeeded"_s;
    QTest::addRow("only skipped") << RunStatus::Succeeded << 0 << 0 << 3 << QString() << u"3 skipped"_s;
}

// A backup names what changed, not "163 succeeded".
void tst_RunLifecycle::notificationBodiesNameEachOutcome()
{
    OutcomeCounts counts;
    counts.add(ItemOutcome::Unchanged, 154);
    counts.add(ItemOutcome::Updated, 6);
    counts.add(ItemOutcome::Created, 3);
    counts.add(ItemOutcome::Failed, 1);
    QCOMPARE(RunNotifications::body(RunStatus::PartiallySucceeded, counts, QString()),
             u"3 new, 6 changed, 154 unchanged, 1 failed"_s);
    OutcomeCounts preview;
    preview.add(ItemOutcome::WouldUpdate, 2);
    preview.add(ItemOutcome::WouldCreate, 1);
    preview.add(ItemOutcome::Skipped, 1);
    QCOMPARE(RunNotifications::countsText(preview), u"1 would be created, 2 would change, 1 skipped"_s);
}

void tst_RunLifecycle::notificationBodies()
{
    QFETCH(RunStatus, status);
    QFETCH(int, succeeded);
    QFETCH(int, failed);
    QFETCH(int, skipped);
    QFETCH(QString, summary);
    QFETCH(QString, body);
    OutcomeCounts counts;
    counts.add(ItemOutcome::Succeeded, succeeded);
    counts.add(ItemOutcome::Failed, failed);
    counts.add(ItemOutcome::Skipped, skipped);
    QCOMPARE(RunNotifications::body(status, counts, summary), body);
}

void tst_RunLifecycle::startCancelResumeAreAudited()
{
    auto f = makeFixture();
    QVERIFY(f);
    auto ref = f->service->start(*f->scope, request(params(200, 0, 0, 10)));
    QVERIFY(ref);
    QVERIFY(f->service->start(*f->scope, request(params(200, 0, 0, 10)))->reused);   // reuse: no second row
    QTRY_VERIFY_WITH_TIMEOUT(f->service->run(*f->scope, ref->runId)->progressDone >= 1, 10000);
    QVERIFY(f->service->cancel(*f->scope, ref->runId));
    QVERIFY(f->recorder->waitFinished(ref->runId));
    QVERIFY(!f->service->cancel(*f->scope, ref->runId));   // refused: nothing audited
    auto child = f->service->resume(*f->scope, ref->runId);
    QVERIFY(child);
    QVERIFY(f->recorder->waitFinished(child->runId));

    AuditLog audit(f->db.database);
    auto rows = audit.entries(f->scope->tenantId(), -1);
    QVERIFY(rows);
    QStringList actions;
    for (auto it = rows->crbegin(); it != rows->crend(); ++it) {
        if (it->action.startsWith(u"run."_s))   // the fixture's tenant.add row is not ours
            actions << it->action + u' ' + it->target;
    }
    QCOMPARE(actions, (QStringList{u"run.start run %1"_s.arg(ref->runId), u"run.cancel run %1"_s.arg(ref->runId),
                                   u"run.resume run %1"_s.arg(child->runId)}));
    QVERIFY2(rows->first().details.contains(u"resumes run %1"_s.arg(ref->runId)), qPrintable(rows->first().details));
    QCOMPARE(rows->first().actor, AuditLog::localActor());
    auto verified = audit.verify();
    QVERIFY(verified && verified->ok);
}

#include "tst_runlifecycle.moc"
