// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
//
// pv_run_helper: a second (third, …) process for the run-engine tests.
//   start --db PATH --tenant ID --threads N --kind K --target T [--at EPOCH_MS]
//       N threads call RunService::start() at the same moment (a latch, then the wall-clock
//       instant --at, shared with a sibling process); prints one JSON line per caller
//       {"runId":…, "reused":…, "error":…}; the run it may own holds until stdin closes.
//   run --db PATH --tenant ID --items N [--item-delay MS] [--resume RUNID] [--stop-after K]
//       runs (or resumes) an N-item test job; prints "run <id>", then "item <i>" for each
//       item AFTER its row was committed, then "done <status>". With --stop-after it
//       blocks after printing item K (the kill test's deterministic kill point). With
//       --async N it runs the "test_async" kind with N items in flight (--item-delay is each
//       item's latency; latencies are spread so items complete out of plan order). With
//       --kind backup it runs a real backup of the tenant (every type; the client secret from
//       POLICYVAULT_CLIENT_SECRET); items are then numbered in commit order.
//   hold --db PATH --tenant ID
//       starts a long run, prints "run <id>", keeps it running until stdin closes.
//   backup --db PATH --tenant ID [--resume RUNID] [--stop-after K]
//       the shipped "backup" kind (every type, incremental): prints "run <id>", then
//       "item <count> <key>" after each item's row was committed, then "done <status>"; with
//       --stop-after it parks after the K-th committed item (the kill point). The tenant's
//       profile points at a graphsim; the secret comes from POLICYVAULT_CLIENT_SECRET.
//   restore --db PATH --tenant ID (--plan PLAN_RUN_ID | --resume RUNID) [--park-at N:PHASE]
//       the shipped "restore" kind: "run <id>", "write <n> <phase> <item key> <step>" at each
//       write's journaled / answered / completed point (and the count of that step's writes),
//       "done <status>"; with --park-at N:PHASE[:STEP] it parks at the N-th write's PHASE (of
//       that step only, when given): the kill point.
//   With start, --kind backup makes the request a backup's (capture::backupRequest).
#include "core/capture/CaptureKinds.h"
#include "core/capture/CaptureRequests.h"
#include "core/jobs/JobKinds.h"
#include "core/restore/RestoreKinds.h"
#include "core/restore/RestoreRequests.h"
#include "core/runs/AccessGate.h"
#include "core/runs/RunService.h"
#include "core/secrets/InMemorySecretStore.h"
#include "core/store/Database.h"
#include "tests/testutils/TestAsyncJob.h"
#include "tests/testutils/TestJob.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>
#include <QThread>

#include <atomic>
#include <cstdio>
#include <condition_variable>
#include <latch>
#include <mutex>
#include <memory>
#include <vector>

namespace {

void printLine(const QString& line)
{
    std::fputs(line.toUtf8().constData(), stdout);
    std::fputc('\n', stdout);
    std::fflush(stdout);
}

// The run's first item can be committed on a worker thread before start() has returned to
// the main thread: item lines wait until "run <id>" is out, so a reader always sees it first.
std::mutex runAnnouncedMutex;
std::condition_variable runAnnouncedChanged;
bool runAnnounced = false;

void allowItemLines()
{
    {
        const std::lock_guard lock(runAnnouncedMutex);
        runAnnounced = true;
    }
    runAnnouncedChanged.notify_all();
}

void announceRun(qint64 runId)
{
    printLine(QStringLiteral("run %1").arg(runId));
    {
        const std::lock_guard lock(runAnnouncedMutex);
        runAnnounced = true;
    }
    runAnnouncedChanged.notify_all();
}

void waitUntilRunAnnounced()
{
    std::unique_lock lock(runAnnouncedMutex);
    runAnnouncedChanged.wait(lock, [] { return runAnnounced; });
}

void waitForStdinClosed()
{
    QTextStream in(stdin);
    while (!in.readLine().isNull()) {
    }
}

int usage(const QString& message)
{
    std::fputs(message.toUtf8().constData(), stderr);
    std::fputc('\n', stderr);
    return 3;
}

QJsonObject holdParameters()
{
    // One item that lasts ten minutes, cancellable: the run stays "running" until the
    // process is killed or shuts its service down.
    return QJsonObject{{QStringLiteral("items"), 1}, {QStringLiteral("itemDelayMs"), 600000}};
}

int startCommand(pv::RunService& service, const pv::TenantScope& scope, const QCommandLineParser& args)
{
    allowItemLines();   // many starts, no "run" line: item lines need not wait for one
    const int threads = qMax(1, args.value(QStringLiteral("threads")).toInt());
    const qint64 at = args.value(QStringLiteral("at")).toLongLong();
    pv::RunRequest request{args.value(QStringLiteral("kind")), args.value(QStringLiteral("target")),
                           holdParameters(), QStringLiteral("test")};
    if (request.kind == QLatin1String(pv::capture::BackupKind)) {
        // A backup's request is the product's, whatever --target says: equal starts dedupe.
        auto backup = pv::capture::backupRequest({}, false, QStringLiteral("test"));
        if (!backup)
            return usage(backup.error().toString());
        request = *backup;
    }

    std::latch ready(threads);
    std::vector<QJsonObject> results(static_cast<size_t>(threads));
    std::vector<std::unique_ptr<QThread>> workers;
    for (int i = 0; i < threads; ++i) {
        workers.emplace_back(QThread::create([&, i] {
            ready.arrive_and_wait();
            const qint64 wait = at - QDateTime::currentMSecsSinceEpoch();
            if (wait > 0)
                QThread::msleep(static_cast<unsigned long>(wait));
            auto ref = service.start(scope, request);
            QJsonObject line;
            line.insert(QStringLiteral("runId"), ref ? ref->runId : 0);
            line.insert(QStringLiteral("reused"), ref ? ref->reused : false);
            line.insert(QStringLiteral("error"), ref ? QString() : ref.error().toString());
            results[static_cast<size_t>(i)] = line;
        }));
        workers.back()->start();
    }
    for (auto& worker : workers)
        worker->wait();
    for (const QJsonObject& line : results)
        printLine(QString::fromUtf8(QJsonDocument(line).toJson(QJsonDocument::Compact)));
    waitForStdinClosed();
    return 0;
}

int runCommand(pv::RunService& service, const pv::TenantScope& scope, const QCommandLineParser& args)
{
    pv::Result<pv::RunRef> ref = pv::fail(pv::ErrorCode::Internal, QString());
    if (args.isSet(QStringLiteral("resume"))) {
        ref = service.resume(scope, args.value(QStringLiteral("resume")).toLongLong());
    } else {
        const int delay = args.value(QStringLiteral("item-delay")).toInt();
        QJsonObject parameters{{QStringLiteral("items"), args.value(QStringLiteral("items")).toInt()},
                               {QStringLiteral("itemDelayMs"), delay}};
        const bool async = args.isSet(QStringLiteral("async"));
        if (async) {
            parameters.insert(QStringLiteral("inFlight"), args.value(QStringLiteral("async")).toInt());
            parameters.insert(QStringLiteral("latencyMs"), delay);
            parameters.insert(QStringLiteral("latencySpread"), 5);
        }
        if (args.value(QStringLiteral("kind")) == QLatin1String(pv::capture::BackupKind)) {
            // A real backup of the tenant (its profile points at the test's graphsim).
            auto backup = pv::capture::backupRequest({}, false, QStringLiteral("test"));
            if (!backup)
                return usage(backup.error().toString());
            ref = service.start(scope, *backup);
        } else {
            ref = service.start(scope, pv::RunRequest{QLatin1String(async ? pv::test::TestAsyncKind : pv::test::TestKind),
                                                      args.value(QStringLiteral("target")), parameters,
                                                      QStringLiteral("test")});
        }
    }
    if (!ref)
        return usage(ref.error().toString());
    announceRun(ref->runId);
    service.waitForIdle(std::chrono::hours(1));
    auto record = service.run(scope, ref->runId);
    printLine(QStringLiteral("done %1").arg(record ? pv::runStatusName(record->status) : QStringLiteral("?")));
    return 0;
}

int backupCommand(pv::RunService& service, const pv::TenantScope& scope, const QCommandLineParser& args)
{
    pv::Result<pv::RunRef> ref = pv::fail(pv::ErrorCode::Internal, QString());
    if (args.isSet(QStringLiteral("resume"))) {
        ref = service.resume(scope, args.value(QStringLiteral("resume")).toLongLong());
    } else {
        auto request = pv::capture::backupRequest({}, false, QStringLiteral("test"));
        if (!request)
            return usage(request.error().toString());
        ref = service.start(scope, *request);
    }
    if (!ref)
        return usage(ref.error().toString());
    announceRun(ref->runId);
    service.waitForIdle(std::chrono::hours(1));
    auto record = service.run(scope, ref->runId);
    printLine(QStringLiteral("done %1").arg(record ? pv::runStatusName(record->status) : QStringLiteral("?")));
    return 0;
}

/// restore --plan PLAN_RUN_ID [--resume RUNID] [--park-at N:PHASE]: the shipped "restore" kind
/// with its test hooks; prints "write <n> <phase> <item key> <step>" at each hook (phases
/// journaled, answered, completed) and parks (the kill point) at the N-th write's PHASE.
int restoreCommand(pv::RunService& service, const pv::TenantScope& scope, const QCommandLineParser& args)
{
    pv::Result<pv::RunRef> ref = pv::fail(pv::ErrorCode::Internal, QString());
    if (args.isSet(QStringLiteral("resume"))) {
        ref = service.resume(scope, args.value(QStringLiteral("resume")).toLongLong());
    } else {
        auto request = pv::restore::restoreRequest(args.value(QStringLiteral("plan")).toLongLong(), QStringLiteral("test"));
        if (!request)
            return usage(request.error().toString());
        ref = service.start(scope, *request);
    }
    if (!ref)
        return usage(ref.error().toString());
    announceRun(ref->runId);
    service.waitForIdle(std::chrono::hours(1));
    auto record = service.run(scope, ref->runId);
    printLine(QStringLiteral("done %1").arg(record ? pv::runStatusName(record->status) : QStringLiteral("?")));
    return 0;
}

pv::restore::RestoreHooks restoreHooks(const QString& parkAt)
{
    // N:PHASE counts every write; N:PHASE:STEP only the writes of that step (create, update, assign).
    const int parkWrite = parkAt.section(QLatin1Char(':'), 0, 0).toInt();
    const QString parkPhase = parkAt.section(QLatin1Char(':'), 1, 1);
    const QString parkStep = parkAt.section(QLatin1Char(':'), 2, 2);
    auto counts = std::make_shared<QHash<QString, int>>();   // worker thread only
    auto hook = [parkWrite, parkPhase, parkStep, counts](const QString& phase) {
        return [parkWrite, parkPhase, parkStep, counts, phase](const QString& itemKey, const QString& step) {
            waitUntilRunAnnounced();
            const int n = ++(*counts)[phase];
            const int ofStep = ++(*counts)[phase + QLatin1Char(':') + step];
            printLine(QStringLiteral("write %1 %2 %3 %4 %5").arg(n).arg(phase, itemKey, step).arg(ofStep));
            if (phase == parkPhase && (parkStep.isEmpty() ? n == parkWrite : step == parkStep && ofStep == parkWrite)) {
                for (;;)
                    QThread::sleep(60);   // parked until the test kills the process
            }
        };
    };
    pv::restore::RestoreHooks hooks;
    hooks.beforeSend = hook(QStringLiteral("journaled"));
    hooks.answered = hook(QStringLiteral("answered"));
    hooks.afterWrite = hook(QStringLiteral("completed"));
    return hooks;
}

int holdCommand(pv::RunService& service, const pv::TenantScope& scope)
{
    auto ref = service.start(scope, pv::RunRequest{QLatin1String(pv::test::TestKind), QStringLiteral("hold"),
                                                   holdParameters(), QStringLiteral("test")});
    if (!ref)
        return usage(ref.error().toString());
    announceRun(ref->runId);
    waitForStdinClosed();
    return 0;
}

} // namespace


int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("command"), QStringLiteral("start | run | hold | backup"));
    parser.addOptions({
        {QStringLiteral("db"), QStringLiteral("database file"), QStringLiteral("path")},
        {QStringLiteral("tenant"), QStringLiteral("tenant id"), QStringLiteral("id")},
        {QStringLiteral("threads"), QStringLiteral("callers"), QStringLiteral("n"), QStringLiteral("1")},
        {QStringLiteral("kind"), QStringLiteral("run kind"), QStringLiteral("kind"), QStringLiteral("test")},
        {QStringLiteral("target"), QStringLiteral("run target"), QStringLiteral("target")},
        {QStringLiteral("at"), QStringLiteral("start instant, ms since the epoch"), QStringLiteral("ms")},
        {QStringLiteral("items"), QStringLiteral("item count"), QStringLiteral("n"), QStringLiteral("3")},
        {QStringLiteral("item-delay"), QStringLiteral("ms per item"), QStringLiteral("ms"), QStringLiteral("0")},
        {QStringLiteral("resume"), QStringLiteral("run to resume"), QStringLiteral("id")},
        {QStringLiteral("stop-after"), QStringLiteral("block after item k"), QStringLiteral("k")},
        {QStringLiteral("async"), QStringLiteral("test_async with n items in flight"), QStringLiteral("n")},
        {QStringLiteral("plan"), QStringLiteral("restore plan run id"), QStringLiteral("id")},
        {QStringLiteral("park-at"), QStringLiteral("restore: park at write N's PHASE"), QStringLiteral("N:PHASE")},
    });
    parser.process(app);
    const QStringList positional = parser.positionalArguments();
    if (positional.size() != 1 || !parser.isSet(QStringLiteral("db")) || !parser.isSet(QStringLiteral("tenant")))
        return usage(QStringLiteral("usage: pv_run_helper start|run|hold|backup --db PATH --tenant ID …"));

    pv::Database::Options dbOptions;
    dbOptions.path = parser.value(QStringLiteral("db"));
    auto database = pv::Database::open(dbOptions);
    if (!database)
        return usage(database.error().toString());
    auto scope = pv::AccessGate(*database).enter(parser.value(QStringLiteral("tenant")).toLongLong());
    if (!scope)
        return usage(scope.error().toString());

    pv::RunService::Options options;
    const int stopAfter = parser.value(QStringLiteral("stop-after")).toInt();
    auto committed = std::make_shared<std::atomic_int>(0);
    options.itemCommittedHook = [stopAfter, committed](const pv::RunItemRecord& item) {
        // Test kinds: "item <n>", their item's own number. The shipped kinds' keys carry no
        // number: "item <count> <key>", the count of rows committed so far.
        waitUntilRunAnnounced();
        const int count = ++*committed;
        int number = pv::test::TestJob::itemNumber(item.itemKey);
        if (number > 0) {
            printLine(QStringLiteral("item %1").arg(number));
        } else {
            number = count;
            printLine(QStringLiteral("item %1 %2").arg(count).arg(item.itemKey));
        }
        if (stopAfter > 0 && number == stopAfter) {
            // Parked right after a commit until the test kills the process.
            for (;;)
                QThread::sleep(60);
        }
    };
    // The shipped kinds too, on the same services every process makes (the client secret
    // comes from POLICYVAULT_CLIENT_SECRET: this helper has no keychain).
    pv::InMemorySecretStore secrets;
    options.jobServices = pv::JobKinds::makeServices(*database, &secrets);
    pv::RunService service(*database, options);
    const QString command = positional.first();
    if (command == QLatin1String("restore")) {
        // The shipped kinds, the restore kind with the kill hooks.
        for (pv::JobKind& kind : pv::capture::kinds(*options.jobServices))
            service.registerKind(std::move(kind));
        for (pv::JobKind& kind : pv::restore::kinds(*options.jobServices, restoreHooks(parser.value(QStringLiteral("park-at")))))
            service.registerKind(std::move(kind));
        return restoreCommand(service, *scope, parser);
    }
    pv::JobKinds::registerAll(service, *options.jobServices);
    pv::test::registerTestJobKinds(service);
    pv::test::registerTestAsyncJobKind(service);

    if (command == QLatin1String("start"))
        return startCommand(service, *scope, parser);
    if (command == QLatin1String("run"))
        return runCommand(service, *scope, parser);
    if (command == QLatin1String("hold"))
        return holdCommand(service, *scope);
    if (command == QLatin1String("backup"))
        return backupCommand(service, *scope, parser);
    return usage(QStringLiteral("unknown command %1").arg(command));
}
