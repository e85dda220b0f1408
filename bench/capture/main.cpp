// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
// bench_capture [--profile small|large] [--latency-ms 30] [--concurrency 8] [--gui] [--check-structure]
//
// A backup of a graphsim tenant (large: 2,000 policies) over HTTPS with Intune's budgets, run
// the way the product runs it: RunService + the shipped "backup" kind (JobKinds) + the
// snapshot store on a real SQLite file; graphsim is its own process. Then a re-capture of the
// unchanged tenant. Prints one line per metric, key=value:
//   operations: Graph operations graphsim received (each $batch sub-request counts, the
//   envelope does not; retries included); floor_s = max(N × 20 s / 1,000, N ÷ cap × latency);
//   ratio = wall / floor (target ≤ 1.25); peak_mb: the process's resident high-water mark;
//   recapture_operations_pct (target ≤ 55) and recapture_new_blob_bytes (target 0).
// --gui opens the main window on the backup's run detail and adds gui_stall_max_ms (the GUI
// thread's longest gap between 1 ms heartbeats during the first capture; target ≤ 50), when it
// began, the CPU the GUI thread used within it (work, against waiting for a core on a busy
// machine), how many gaps exceeded a 60 Hz frame, and gui_busy_max_ms: the most CPU the GUI
// thread spent between two heartbeats — its own longest piece of work, whatever the load.
// --check-structure exits 1 when a machine-independent target is missed (re-capture ≤ 55 %
// of the operations, no policy object or settings read beyond the list pages, no new blob
// byte, no new version, no early retry, peak ≤ 300 MB): the CI test on the small profile.
#include "GraphsimProcess.h"
#include "PeakMemory.h"

#include "core/capture/CaptureRequests.h"
#include "core/jobs/JobKinds.h"
#include "core/logging/Logging.h"
#include "core/runs/AccessGate.h"
#include "core/runs/RunService.h"
#include "core/secrets/InMemorySecretStore.h"
#include "core/store/Database.h"
#include "core/store/StoreWatcher.h"
#include "core/store/TenantRepository.h"
#include "ui/BannerNotifier.h"
#include "ui/MainWindow.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <memory>
#include <optional>

using namespace pv;

namespace {

struct Capture
{
    RunStatus status = RunStatus::Queued;
    double wallS = 0;
    qint64 operations = 0;       ///< graphsim's count (sub-requests included)
    qint64 throttled = 0;
    qint64 earlyRetries = 0;
    qint64 policyReads = 0;      ///< operations on configurationPolicies and their settings (list pages included)
    qint64 objects = 0;          ///< items of the run
    qint64 created = 0;
    qint64 updated = 0;
    qint64 newBlobBytes = 0;     ///< compressed bytes added to the blob table
    qint64 newBlobs = 0;
};

/// Blob count and stored (compressed) bytes.
/// Operations graphsim counted for a route family (every status).
qint64 familyOperations(const QJsonObject& stats, const QString& family)
{
    qint64 total = 0;
    const QJsonObject byStatus = stats.value(QStringLiteral("byRoute")).toObject().value(family).toObject();
    for (auto it = byStatus.begin(); it != byStatus.end(); ++it)
        total += it.value().toInteger();
    return total;
}

std::pair<qint64, qint64> blobTotals(const Database& database)
{
    QSqlQuery query(database.connection());
    if (!query.exec(QStringLiteral("SELECT COUNT(*), COALESCE(SUM(LENGTH(data)), 0) FROM blobs")) || !query.next())
        return {-1, -1};
    return {query.value(0).toLongLong(), query.value(1).toLongLong()};
}

qint64 policiesOfRun(const Database& database, qint64 runId)
{
    QSqlQuery query(database.connection());
    query.prepare(QStringLiteral("SELECT COUNT(*) FROM run_items WHERE run_id = ? AND (item_key LIKE 'settingsCatalog:%'"
                                 " OR item_key LIKE 'endpointSecurity:%' OR item_key LIKE 'securityBaseline:%')"));
    query.addBindValue(runId);
    return query.exec() && query.next() ? query.value(0).toLongLong() : -1;
}

void line(const char* key, double value, int decimals = 0)
{
    std::printf("%s=%.*f\n", key, decimals, value);
    std::fflush(stdout);
}

} // namespace

int main(int argc, char** argv)
{
    // The GUI variant needs a QApplication, the headless one must not pay for it.
    const bool gui = std::any_of(argv + 1, argv + argc, [](const char* a) { return qstrcmp(a, "--gui") == 0; });
    if (gui && qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    std::unique_ptr<QCoreApplication> app = gui ? std::make_unique<QApplication>(argc, argv)
                                                : std::make_unique<QCoreApplication>(argc, argv);
    QStandardPaths::setTestModeEnabled(true);   // no keychain, no real app-data folder

    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addOptions({
        {QStringLiteral("profile"), QStringLiteral("graphsim tenant: small or large"), QStringLiteral("name"), QStringLiteral("large")},
        {QStringLiteral("latency-ms"), QStringLiteral("graphsim latency"), QStringLiteral("ms"), QStringLiteral("30")},
        {QStringLiteral("concurrency"), QStringLiteral("governor concurrency cap"), QStringLiteral("n"), QStringLiteral("8")},
        {QStringLiteral("graphsim"), QStringLiteral("graphsim executable"), QStringLiteral("path"), QStringLiteral(PV_GRAPHSIM_BIN)},
        {QStringLiteral("gui"), QStringLiteral("run the first capture with the main window open; adds gui_stall_max_ms")},
        {QStringLiteral("check-structure"), QStringLiteral("exit 1 when re-capture exceeds 55 % of the operations or adds blob bytes")},
    });
    parser.process(*app);
    const QString profile = parser.value(QStringLiteral("profile"));
    if (profile != u"small" && profile != u"large") {
        std::fprintf(stderr, "--profile is small or large\n");
        return 3;
    }
    const int latencyMs = parser.value(QStringLiteral("latency-ms")).toInt();
    const int concurrency = parser.value(QStringLiteral("concurrency")).toInt();

    logging::LogOptions logOptions;
    logOptions.level = logging::Level::Error;
    logOptions.installQtMessageHandler = false;
    (void)logging::init(logOptions);

    // graphsim with Intune's budgets (its defaults: 1,000 operations per app and 2,000 per
    // tenant per 20 s).
    GraphsimProcess graphsim;
    QString error;
    if (!graphsim.start(parser.value(QStringLiteral("graphsim")),
                        {QStringLiteral("--tenant"), profile, QStringLiteral("--latency-ms"), QString::number(latencyMs)},
                        &error)) {
        std::fprintf(stderr, "%s\n", qPrintable(error));
        return 2;
    }

    QTemporaryDir dir;
    auto database = Database::open(Database::Options{dir.filePath(QStringLiteral("bench.db"))});
    if (!database) {
        std::fprintf(stderr, "database: %s\n", qPrintable(database.error().toString()));
        return 2;
    }
    const TenantRepository tenants(*database);   // the GUI stall run's window reads through it
    InMemorySecretStore secrets;
    auto tenant = graphsim.addBenchTenant(*database, secrets);
    if (!tenant) {
        std::fprintf(stderr, "tenant: %s\n", qPrintable(tenant.error().toString()));
        return 2;
    }
    const AccessGate gate(*database);
    auto scope = gate.enter(tenant->id);
    if (!scope)
        return 2;

    // The services and kinds every process makes; Intune's budgets in the governor.
    JobKinds::ServiceOptions serviceOptions;
    serviceOptions.governor.maxConcurrent = concurrency;
    RunService::Options runOptions;
    runOptions.jobServices = JobKinds::makeServices(*database, &secrets, serviceOptions);
    RunService runs(*database, runOptions);
    JobKinds::registerAll(runs, *runOptions.jobServices);

    // --gui: the window as the app shows it, on the run's detail page, with a 1 ms heartbeat.
    std::unique_ptr<ui::BannerNotifier> notifier;
    std::unique_ptr<StoreWatcher> watcher;
    std::unique_ptr<ui::MainWindow> window;
    QElapsedTimer heartbeatClock;
    qint64 lastTick = -1;
    qint64 maxGapNs = 0;
    qint64 maxGapAtNs = 0;       ///< when the longest gap began, since the start
    int gapsOver16Ms = 0;        ///< gaps a 60 Hz display would show as a dropped frame
    qint64 lastCpu = 0;
    qint64 maxGapCpuNs = 0;      ///< CPU the GUI thread used in the longest gap (the rest: waiting for a core)
    qint64 maxBusyNs = 0;        ///< the most CPU the GUI thread used between two heartbeats
    bool measuring = false;
    QTimer heartbeat;
    heartbeat.setTimerType(Qt::PreciseTimer);
    heartbeat.setInterval(1);
    QObject::connect(&heartbeat, &QTimer::timeout, app.get(), [&] {
        const qint64 now = heartbeatClock.nsecsElapsed();
        const qint64 cpu = threadCpuNs();
        if (measuring && lastTick >= 0) {
            const qint64 gap = now - lastTick;
            if (gap > maxGapNs) {
                maxGapNs = gap;
                maxGapAtNs = lastTick;
                maxGapCpuNs = cpu - lastCpu;
            }
            gapsOver16Ms += gap > 17'000'000 ? 1 : 0;
            maxBusyNs = std::max(maxBusyNs, cpu - lastCpu);
        }
        lastTick = now;
        lastCpu = cpu;
    });
    if (gui) {
        notifier = std::make_unique<ui::BannerNotifier>();
        watcher = std::make_unique<StoreWatcher>(*database);
        window = std::make_unique<ui::MainWindow>(ui::MainWindow::Services{runs, gate, tenants, *notifier, watcher.get()});
        window->resize(1200, 760);
        window->show();
        watcher->start();
    }

    auto capture = [&](bool openInWindow) -> std::optional<Capture> {
        Capture c;
        const QJsonObject before = graphsim.sim(QStringLiteral("stats"));
        const auto [blobsBefore, bytesBefore] = blobTotals(**database);
        auto request = capture::backupRequest({}, false, QStringLiteral("bench"));
        if (!request)
            return std::nullopt;
        QEventLoop loop;
        qint64 runId = 0;
        QElapsedTimer wall;
        QObject::connect(&runs, &RunService::runFinished, &loop, [&](qint64, qint64 finished, RunStatus status) {
            if (finished != runId)
                return;
            c.wallS = double(wall.nsecsElapsed()) / 1e9;
            c.status = status;
            // The window reacts to the end after this signal; keep the heartbeat a moment.
            QTimer::singleShot(openInWindow ? 300 : 0, &loop, &QEventLoop::quit);
        });
        wall.start();
        if (openInWindow) {
            heartbeatClock.start();
            lastTick = -1;
            measuring = true;
            heartbeat.start();
        }
        auto ref = runs.start(*scope, *request);
        if (!ref) {
            std::fprintf(stderr, "start: %s\n", qPrintable(ref.error().toString()));
            return std::nullopt;
        }
        runId = ref->runId;
        if (openInWindow)
            window->openRun(tenant->id, runId);
        QTimer::singleShot(std::chrono::minutes(30), &loop, [&loop] { loop.exit(1); });
        if (loop.exec() != 0)
            return std::nullopt;
        measuring = false;
        heartbeat.stop();
        const QJsonObject after = graphsim.sim(QStringLiteral("stats"));
        auto delta = [&](const char* key) {
            const QString k = QLatin1String(key);
            return after.value(k).toInteger() - before.value(k).toInteger();
        };
        c.operations = delta("requests");
        c.throttled = delta("throttled");
        c.earlyRetries = delta("earlyRetries");
        for (const char* family : {"configurationPolicies", "policySettings"})
            c.policyReads += familyOperations(after, QLatin1String(family)) - familyOperations(before, QLatin1String(family));
        const auto [blobsAfter, bytesAfter] = blobTotals(**database);
        c.newBlobs = blobsAfter - blobsBefore;
        c.newBlobBytes = bytesAfter - bytesBefore;
        auto run = runs.run(*scope, runId);
        if (!run)
            return std::nullopt;
        c.objects = run->counts.total();
        c.created = run->counts.of(ItemOutcome::Created);
        c.updated = run->counts.of(ItemOutcome::Updated);
        std::fprintf(stderr, "run %lld: %s\n", static_cast<long long>(runId), qPrintable(runStatusName(c.status)));
        return c;
    };

    const auto first = capture(gui);
    if (!first || first->status != RunStatus::Succeeded) {
        std::fprintf(stderr, "the first capture did not succeed\n");
        return 1;
    }
    const qint64 peak = peakResidentBytes();
    auto lastRun = runs.runs(*scope);
    const qint64 policies = lastRun && !lastRun->isEmpty() ? policiesOfRun(**database, lastRun->first().id) : -1;
    const double n = double(first->operations);
    const double budgetFloor = n * 20.0 / 1000.0;
    const double latencyFloor = n / concurrency * latencyMs / 1000.0;
    const double floor = std::max(budgetFloor, latencyFloor);

    std::printf("profile=%s\n", qPrintable(profile));
    line("latency_ms", latencyMs);
    line("concurrency_cap", concurrency);
    line("objects", double(first->objects));
    line("policies", double(policies));
    line("first_operations", n);
    line("first_operations_per_policy", policies > 0 ? n / double(policies) : 0, 2);
    line("first_wall_s", first->wallS, 1);
    line("first_floor_s", floor, 1);
    line("first_ratio", floor > 0 ? first->wallS / floor : 0, 2);
    line("first_throttled", double(first->throttled));
    line("first_early_retries", double(first->earlyRetries));
    line("first_blob_bytes", double(first->newBlobBytes));
    line("peak_mb", peak >= 0 ? double(peak) / (1024.0 * 1024.0) : -1, 1);
    if (gui) {
        line("gui_stall_max_ms", std::max(0.0, double(maxGapNs) / 1e6 - 1.0), 1);
        line("gui_stall_max_at_s", double(maxGapAtNs) / 1e9, 2);
        line("gui_stall_max_cpu_ms", double(maxGapCpuNs) / 1e6, 1);
        line("gui_gaps_over_16ms", gapsOver16Ms);
        line("gui_busy_max_ms", double(maxBusyNs) / 1e6, 1);
    }

    const auto again = capture(false);
    if (!again || again->status != RunStatus::Succeeded) {
        std::fprintf(stderr, "the re-capture did not succeed\n");
        return 1;
    }
    const double pct = n > 0 ? 100.0 * double(again->operations) / n : 0;
    line("recapture_operations", double(again->operations));
    line("recapture_operations_pct", pct, 1);
    line("recapture_policy_reads", double(again->policyReads));
    line("recapture_new_versions", double(again->created + again->updated));
    line("recapture_new_blob_bytes", double(again->newBlobBytes));
    line("recapture_wall_s", again->wallS, 1);
    const double n2 = double(again->operations);
    const double floor2 = std::max(n2 * 20.0 / 1000.0, n2 / concurrency * latencyMs / 1000.0);
    line("recapture_floor_s", floor2, 1);
    line("recapture_ratio", floor2 > 0 ? again->wallS / floor2 : 0, 2);
    line("recapture_early_retries", double(again->earlyRetries));
    line("peak_mb_after_recapture", double(peakResidentBytes()) / (1024.0 * 1024.0), 1);

    window.reset();
    graphsim.stop();
    if (parser.isSet(QStringLiteral("check-structure"))) {
        bool ok = true;
        if (pct > 55.0) {
            std::fprintf(stderr, "FAIL: the re-capture took %.1f %% of the first capture's operations (target ≤ 55 %%)\n", pct);
            ok = false;
        }
        // Unchanged policies: their lists' pages (25 a page) and not one object or settings read.
        const qint64 listPages = (policies + 24) / 25;
        if (again->policyReads > listPages) {
            std::fprintf(stderr, "FAIL: the re-capture made %lld policy reads; only the %lld list pages were due\n",
                         static_cast<long long>(again->policyReads), static_cast<long long>(listPages));
            ok = false;
        }
        if (again->newBlobBytes != 0 || again->newBlobs != 0) {
            std::fprintf(stderr, "FAIL: the re-capture of an unchanged tenant added %lld blobs, %lld bytes (target 0)\n",
                         static_cast<long long>(again->newBlobs), static_cast<long long>(again->newBlobBytes));
            ok = false;
        }
        if (again->created + again->updated != 0 || again->objects != first->objects) {
            std::fprintf(stderr, "FAIL: the re-capture recorded %lld new versions over %lld objects (first: %lld)\n",
                         static_cast<long long>(again->created + again->updated),
                         static_cast<long long>(again->objects), static_cast<long long>(first->objects));
            ok = false;
        }
        if (const qint64 peakNow = peakResidentBytes(); peakNow > qint64(300) * 1024 * 1024) {
            std::fprintf(stderr, "FAIL: peak memory %.1f MB (target ≤ 300 MB)\n", double(peakNow) / (1024.0 * 1024.0));
            ok = false;
        }
        if (first->earlyRetries != 0 || again->earlyRetries != 0) {
            std::fprintf(stderr, "FAIL: graphsim counted early retries\n");
            ok = false;
        }
        return ok ? 0 : 1;
    }
    return 0;
}
