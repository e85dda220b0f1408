// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
// bench_runs: how many items per second a run commits, synchronous job against asynchronous.
#include "core/runs/RunService.h"
#include "core/store/Database.h"
#include "tests/testutils/TestAsyncJob.h"
#include "tests/testutils/TestDatabase.h"
#include "tests/testutils/TestJob.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonObject>

#include <atomic>
#include <cstdio>

using namespace pv;

namespace {

struct Case
{
    const char* name;
    const char* kind;
    QJsonObject parameters;
};

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    const int items = argc > 1 ? QByteArray(argv[1]).toInt() : 2000;
    const QList<Case> cases{
        {"sync_0ms", test::TestKind, {{QStringLiteral("items"), items}}},
        {"async_0ms_1_in_flight", test::TestAsyncKind, {{QStringLiteral("items"), items}}},
        {"async_0ms_50_in_flight", test::TestAsyncKind,
         {{QStringLiteral("items"), items}, {QStringLiteral("inFlight"), 50}}},
        {"async_0ms_batch_20", test::TestAsyncKind,
         {{QStringLiteral("items"), items}, {QStringLiteral("inFlight"), 40}, {QStringLiteral("batch"), 20}}},
        {"sync_30ms", test::TestKind, {{QStringLiteral("items"), 60}, {QStringLiteral("itemDelayMs"), 30}}},
        {"async_30ms_20_in_flight", test::TestAsyncKind,
         {{QStringLiteral("items"), 600}, {QStringLiteral("inFlight"), 20}, {QStringLiteral("latencyMs"), 30}}},
    };
    for (const Case& c : cases) {
        auto db = test::makeTestDatabase();
        if (!db.isValid())
            return 1;
        std::atomic_int committed{0};
        RunService::Options options;
        options.itemCommittedHook = [&committed](const RunItemRecord&) { ++committed; };
        RunService service(db.database, options);
        test::registerTestJobKinds(service);
        test::registerTestAsyncJobKind(service);
        auto scope = test::enterTenant(db.database, db.tenantId);
        QElapsedTimer timer;
        timer.start();
        auto ref = service.start(*scope, RunRequest{QLatin1String(c.kind), QStringLiteral("bench"), c.parameters,
                                                    QStringLiteral("bench")});
        if (!ref || !service.waitForIdle(std::chrono::minutes(5)))
            return 2;
        const double seconds = double(timer.nsecsElapsed()) / 1e9;
        std::printf("case=%s items=%d seconds=%.3f items_per_s=%.0f\n", c.name, committed.load(), seconds,
                    committed.load() / seconds);
    }
    return 0;
}
