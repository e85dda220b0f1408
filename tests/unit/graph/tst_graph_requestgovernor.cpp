// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
// RequestGovernor with an injected clock: the concurrency cap, Intune's budgets counted in
// operations (a $batch counts its sub-requests), the tenant-wide pause, threads, the registry.
#include "core/graph/RequestGovernor.h"

#include <QSignalSpy>
#include <QTest>
#include <QThread>

#include <atomic>
#include <memory>
#include <vector>

using namespace std::chrono_literals;
using pv::graph::GovernorOptions;
using pv::graph::GovernorRegistry;
using pv::graph::RequestGovernor;
using Wait = RequestGovernor::Wait;

class TestRequestGovernor : public QObject
{
    Q_OBJECT

private slots:
    void concurrencyCap();
    void budgetInOperations();
    void requestLargerThanTheBudgetGoesAlone();
    void windowCountsFromRelease();
    void writeBudget();
    void pauseIsTenantWideAndNeverShortened();
    void threadsNeverExceedTheCap();
    void registryOnePerTenant();

private:
    GovernorOptions options(int concurrent, int operations, int writes, std::chrono::milliseconds window)
    {
        GovernorOptions o;
        o.maxConcurrent = concurrent;
        o.operationBudget = operations;
        o.writeBudget = writes;
        o.window = window;
        o.clock = [this] { return m_now; };
        return o;
    }
    RequestGovernor::Clock::time_point m_now{std::chrono::hours(1)};
};

void TestRequestGovernor::concurrencyCap()
{
    RequestGovernor governor(options(2, 1000, 100, 20s));
    QSignalSpy capacity(&governor, &RequestGovernor::capacityAvailable);
    const auto a = governor.tryAcquire(1);
    const auto b = governor.tryAcquire(1);
    QVERIFY(a.granted() && b.granted());
    QVERIFY(a.permit != b.permit);
    const auto c = governor.tryAcquire(1);
    QVERIFY(!c.granted());
    QCOMPARE(c.wait, Wait::Concurrency);
    QCOMPARE(governor.stats().inFlight, 2);
    governor.release(a.permit);
    QCOMPARE(capacity.count(), 1);
    governor.release(a.permit); // twice: ignored
    QCOMPARE(governor.stats().inFlight, 1);
    QVERIFY(governor.tryAcquire(1).granted());
    QCOMPARE(governor.stats().maxInFlight, 2);
}

void TestRequestGovernor::budgetInOperations()
{
    RequestGovernor governor(options(10, 25, 100, 1000ms));
    const auto batch = governor.tryAcquire(20); // one $batch of 20 GETs
    QVERIFY(batch.granted());
    governor.release(batch.permit);
    QVERIFY(governor.tryAcquire(5).granted());
    const auto refused = governor.tryAcquire(1);
    QCOMPARE(refused.wait, Wait::Budget);
    QCOMPARE(governor.stats().operations, 25);
    QCOMPARE(governor.stats().permits, 2);
}

void TestRequestGovernor::requestLargerThanTheBudgetGoesAlone()
{
    RequestGovernor governor(options(10, 8, 100, 1000ms));
    const auto first = governor.tryAcquire(1);
    governor.release(first.permit);
    QCOMPARE(governor.tryAcquire(20).wait, Wait::Budget); // not while anything is in the window
    m_now += 1000ms;
    QVERIFY(governor.tryAcquire(20).granted());           // but alone, never starved
}

void TestRequestGovernor::windowCountsFromRelease()
{
    RequestGovernor governor(options(10, 2, 100, 1000ms));
    const auto a = governor.tryAcquire(1);
    m_now += 100ms;
    governor.release(a.permit);          // dated now: t+100
    const auto b = governor.tryAcquire(1);
    governor.release(b.permit);          // dated t+100
    m_now += 300ms;                      // t+400
    const auto refused = governor.tryAcquire(1);
    QCOMPARE(refused.wait, Wait::Budget);
    QCOMPARE(refused.delay, 700ms);      // until t+100 + 1000
    m_now += 699ms;
    QCOMPARE(governor.tryAcquire(1).wait, Wait::Budget);
    m_now += 1ms;
    QVERIFY(governor.tryAcquire(1).granted());
}

void TestRequestGovernor::writeBudget()
{
    RequestGovernor governor(options(10, 1000, 2, 1000ms));
    QVERIFY(governor.tryAcquire(1, 1).granted());
    QVERIFY(governor.tryAcquire(1, 1).granted());
    QCOMPARE(governor.tryAcquire(1, 1).wait, Wait::Budget);
    QVERIFY(governor.tryAcquire(1, 0).granted()); // reads still pass
    QCOMPARE(governor.stats().writes, 2);
}

void TestRequestGovernor::pauseIsTenantWideAndNeverShortened()
{
    RequestGovernor governor(options(10, 1000, 100, 20s));
    governor.pauseFor(2128ms);
    governor.pauseFor(100ms);
    const auto paused = governor.tryAcquire(1);
    QCOMPARE(paused.wait, Wait::Paused);
    QCOMPARE(paused.delay, 2128ms);
    QCOMPARE(governor.pauseRemaining(), 2128ms);
    QCOMPARE(governor.stats().pauses, 1);
    m_now += 2127ms;
    QCOMPARE(governor.tryAcquire(1).wait, Wait::Paused);
    m_now += 1ms;
    QVERIFY(governor.tryAcquire(1).granted());
    QCOMPARE(governor.pauseRemaining(), 0ms);
}

void TestRequestGovernor::threadsNeverExceedTheCap()
{
    GovernorOptions o;
    o.maxConcurrent = 3;
    o.operationBudget = 1'000'000;
    RequestGovernor governor(o);
    std::atomic_int inside{0};
    std::atomic_int worst{0};
    std::vector<std::unique_ptr<QThread>> threads;
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back(QThread::create([&] {
            int done = 0;
            while (done < 500) {
                const auto admission = governor.tryAcquire(2);
                if (!admission.granted()) {
                    QThread::yieldCurrentThread();
                    continue;
                }
                const int now = ++inside;
                int seen = worst.load();
                while (now > seen && !worst.compare_exchange_weak(seen, now)) {}
                --inside;
                governor.release(admission.permit);
                ++done;
            }
        }));
        threads.back()->start();
    }
    for (auto& thread : threads)
        QVERIFY(thread->wait(60000));
    QVERIFY(worst.load() <= 3);
    QCOMPARE(governor.stats().permits, 2000);
    QCOMPARE(governor.stats().operations, 4000);
    QCOMPARE(governor.stats().inFlight, 0);
    QVERIFY(governor.stats().maxInFlight <= 3);
}

void TestRequestGovernor::registryOnePerTenant()
{
    GovernorRegistry registry;
    const auto a = registry.forTenant(QStringLiteral("uuid-a"));
    QCOMPARE(registry.forTenant(QStringLiteral("uuid-a")).get(), a.get());
    QVERIFY(registry.forTenant(QStringLiteral("uuid-b")).get() != a.get());
    QCOMPARE(a->options().operationBudget, 1000); // Intune, per app and tenant
    QCOMPARE(a->options().writeBudget, 100);
    QCOMPARE(a->options().window, 20000ms);
}

QTEST_GUILESS_MAIN(TestRequestGovernor)
#include "tst_graph_requestgovernor.moc"
