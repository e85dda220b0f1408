// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
// Measures how long the GUI thread stalls while a big run executes: a 1 ms heartbeat timer
// records the largest gap between its ticks (minus the 1 ms interval) from the start of a
// 10,000-item test job until the window has handled its end. The main window is real, with
// a real database and RunService; the run's detail page is open (the heavier case: items
// stream into its table) unless --list-only is given.
//
// --runs-list RUNS [--items-per-run N] measures the runs list instead: RUNS finished runs of
// N items each (default 365 × 3,000), the time one list read takes (what the GUI thread paid
// per reload when the list was read there), and the GUI-thread stall while the window reloads
// the list 20 times (it reads through RunReader now). --click-under-lock: see ClickUnderLock.h.
#include "bench/gui_stall/ClickUnderLock.h"
#include "core/runs/AccessGate.h"
#include "core/runs/RunService.h"
#include "core/store/Database.h"
#include "core/store/DbTime.h"
#include "core/store/StoreWatcher.h"
#include "core/store/TenantRepository.h"
#include "tests/testutils/TestJob.h"
#include "ui/BannerNotifier.h"
#include "ui/MainWindow.h"
#include "ui/RunsModel.h"
#include "ui/RunsPage.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTextStream>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <vector>

namespace {

// Finished runs with their items, written straight into the store in one transaction (running
// that many test jobs would take minutes).
bool seedRuns(const pv::Database& database, qint64 tenantId, int runs, int itemsPerRun)
{
    const pv::Status seeded = database.writeTransaction([&](QSqlDatabase& db) -> pv::Status {
        QSqlQuery run(db);
        run.prepare(QStringLiteral(
            "INSERT INTO runs(tenant_id, kind, target, status, dedupe_key, progress_done, progress_total,"
            " created_at, started_at, finished_at, initiator) VALUES(?, 'test', ?, ?, ?, ?, ?, ?, ?, ?, 'bench')"));
        QSqlQuery item(db);
        item.prepare(QStringLiteral("INSERT INTO run_items(run_id, ordinal, item_key, display_name, outcome, message,"
                                    " finished_at) VALUES(?, ?, ?, ?, ?, ?, ?)"));
        const QString now = pv::nowDbTime();
        for (int r = 0; r < runs; ++r) {
            const QString target = QStringLiteral("seed-%1").arg(r);
            run.addBindValue(tenantId);
            run.addBindValue(target);
            run.addBindValue(r % 5 == 0 ? QStringLiteral("partially_succeeded") : QStringLiteral("succeeded"));
            run.addBindValue(QStringLiteral("%1|test|%2").arg(tenantId).arg(target));
            run.addBindValue(itemsPerRun);
            run.addBindValue(itemsPerRun);
            run.addBindValue(now);
            run.addBindValue(now);
            run.addBindValue(now);
            if (!run.exec())
                return pv::fail(pv::ErrorCode::Database, run.lastError().text());
            const qint64 runId = run.lastInsertId().toLongLong();
            for (int i = 0; i < itemsPerRun; ++i) {
                item.addBindValue(runId);
                item.addBindValue(i);
                item.addBindValue(QStringLiteral("item-%1").arg(i));
                item.addBindValue(QStringLiteral("Item %1").arg(i));
                item.addBindValue(i % 50 == 0 ? QStringLiteral("failed") : (i % 7 == 0 ? QStringLiteral("skipped")
                                                                                      : QStringLiteral("succeeded")));
                item.addBindValue(QString());
                item.addBindValue(now);
                if (!item.exec())
                    return pv::fail(pv::ErrorCode::Database, item.lastError().text());
            }
        }
        return {};
    });
    if (!seeded)
        std::fprintf(stderr, "cannot seed runs: %s\n", qPrintable(seeded.error().toString()));
    return seeded.ok();
}

int runsListBench(QApplication& app, const std::shared_ptr<pv::Database>& database, const pv::TenantRecord& tenant,
                  const pv::TenantScope& scope, int runs, int itemsPerRun)
{
    if (!seedRuns(*database, tenant.id, runs, itemsPerRun))
        return 2;
    pv::RunService runService(database);
    pv::test::registerTestJobKinds(runService);

    // What one reload of the list costs, wherever it runs.
    std::vector<double> reads;
    for (int i = 0; i < 5; ++i) {
        QElapsedTimer read;
        read.start();
        auto list = runService.runs(scope);
        reads.push_back(double(read.nsecsElapsed()) / 1e6);
        if (!list || list->size() != std::min(runs, 500)) {
            std::fprintf(stderr, "list read failed\n");
            return 2;
        }
    }
    std::sort(reads.begin(), reads.end());

    const pv::AccessGate gate(database);
    const pv::TenantRepository tenants(database);
    pv::ui::BannerNotifier notifier;
    pv::ui::MainWindow window(pv::ui::MainWindow::Services{runService, gate, tenants, notifier});
    window.resize(1200, 760);
    window.show();

    // The GUI thread's longest gap while the window reloads the list 20 times.
    QElapsedTimer clock;
    clock.start();
    qint64 lastTick = -1;
    qint64 maxGapNs = 0;
    QTimer heartbeat;
    heartbeat.setTimerType(Qt::PreciseTimer);
    heartbeat.setInterval(1);
    QObject::connect(&heartbeat, &QTimer::timeout, &app, [&] {
        const qint64 now = clock.nsecsElapsed();
        if (lastTick >= 0)
            maxGapNs = std::max(maxGapNs, now - lastTick);
        lastTick = now;
    });
    int reloads = 0;
    const pv::ui::RunsModel* model = window.runsPage()->model();
    QTimer driver;
    driver.setInterval(5);
    QObject::connect(&driver, &QTimer::timeout, &app, [&] {
        if (model->isLoading() || model->isRefreshing() || model->rowCount() == 0)
            return;
        if (reloads == 0)
            heartbeat.start();   // the first load is start-up; measure the reloads
        if (reloads++ == 20) {
            QApplication::quit();
            return;
        }
        window.refreshFromStore();
    });
    driver.start();
    QTimer::singleShot(10 * 60 * 1000, &app, [] { QApplication::exit(3); });
    if (const int loop = QApplication::exec(); loop != 0)
        return loop;

    QTextStream(stdout) << QStringLiteral("runs_list_read_ms=%1 runs=%2 items_per_run=%3 gui_stall_max_ms=%4 "
                                          "reloads=%5\n")
                               .arg(reads[reads.size() / 2], 0, 'f', 1)
                               .arg(runs)
                               .arg(itemsPerRun)
                               .arg(std::max(0.0, double(maxGapNs) / 1e6 - 1.0), 0, 'f', 1)
                               .arg(reloads - 1);
    return 0;
}

} // namespace

int main(int argc, char* argv[])
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QStandardPaths::setTestModeEnabled(true);

    QCommandLineParser parser;
    parser.addHelpOption();
    const QCommandLineOption itemsOption(QStringLiteral("items"), QStringLiteral("Items in the job (default 10000)."),
                                         QStringLiteral("N"), QStringLiteral("10000"));
    const QCommandLineOption listOnlyOption(QStringLiteral("list-only"),
                                            QStringLiteral("Keep the runs list open instead of the run detail."));
    const QCommandLineOption runsListOption(QStringLiteral("runs-list"),
                                            QStringLiteral("Measure the runs list with this many finished runs."),
                                            QStringLiteral("RUNS"));
    const QCommandLineOption itemsPerRunOption(QStringLiteral("items-per-run"),
                                               QStringLiteral("Items of each run for --runs-list (default 3000)."),
                                               QStringLiteral("N"), QStringLiteral("3000"));
    parser.addOption(itemsOption);
    parser.addOption(listOnlyOption);
    const QCommandLineOption clickOption(QStringLiteral("click-under-lock"),
                                         QStringLiteral("Measure \"Mark all read\" while another connection holds "
                                                        "the write lock."));
    parser.addOption(runsListOption);
    parser.addOption(clickOption);
    parser.addOption(itemsPerRunOption);
    parser.process(app);
    const int items = parser.value(itemsOption).toInt();
    const bool openDetail = !parser.isSet(listOnlyOption);

    QTemporaryDir dir;
    auto database = pv::Database::open(pv::Database::Options{dir.filePath(QStringLiteral("bench.db"))});
    if (!database) {
        std::fprintf(stderr, "cannot open database: %s\n", qPrintable(database.error().toString()));
        return 2;
    }
    const pv::TenantRepository tenants(database.value());
    pv::TenantRecord tenant;
    tenant.name = QStringLiteral("Contoso");
    tenant.entraTenantId = QStringLiteral("contoso.onmicrosoft.com");
    tenant.clientId = QStringLiteral("00000000-0000-0000-0000-000000000001");
    auto created = tenants.create(tenant);
    if (!created) {
        std::fprintf(stderr, "cannot create tenant: %s\n", qPrintable(created.error().toString()));
        return 2;
    }
    const pv::AccessGate gate(database.value());
    auto scope = gate.enter(created->id);
    if (!scope)
        return 2;
    if (parser.isSet(clickOption))
        return clickUnderLockBench(app, database.value(), scope.value());
    if (parser.isSet(runsListOption))
        return runsListBench(app, database.value(), created.value(), scope.value(), parser.value(runsListOption).toInt(),
                             parser.value(itemsPerRunOption).toInt());

    pv::RunService runService(database.value());
    pv::test::registerTestJobKinds(runService);
    pv::ui::BannerNotifier notifier;
    // As in the app: the store watcher makes the window re-read what it shows whenever another
    // connection (here: the run's worker) committed, twice a second at most.
    pv::StoreWatcher watcher(database.value());
    pv::ui::MainWindow window(pv::ui::MainWindow::Services{runService, gate, tenants, notifier, &watcher});
    window.resize(1200, 760);
    window.show();
    watcher.start();

    QElapsedTimer clock;
    qint64 lastTick = -1;
    qint64 maxGapNs = 0;
    std::vector<qint64> gaps;
    gaps.reserve(200000);
    bool measuring = false;
    QTimer heartbeat;
    heartbeat.setTimerType(Qt::PreciseTimer);
    heartbeat.setInterval(1);
    QObject::connect(&heartbeat, &QTimer::timeout, &app, [&] {
        const qint64 now = clock.nsecsElapsed();
        if (measuring && lastTick >= 0) {
            const qint64 gap = now - lastTick;
            maxGapNs = std::max(maxGapNs, gap);
            gaps.push_back(gap);
        }
        lastTick = now;
    });

    qint64 runId = 0;
    pv::RunStatus finalStatus = pv::RunStatus::Queued;
    QElapsedTimer runClock;
    double durationS = 0;
    QObject::connect(&runService, &pv::RunService::runFinished, &app,
                     [&](qint64, qint64 finishedRun, pv::RunStatus status) {
                         if (finishedRun != runId)
                             return;
                         finalStatus = status;
                         durationS = double(runClock.nsecsElapsed()) / 1e9;
                         // Keep measuring a little: the window reacts to the end (final refresh,
                         // notification, banner) after this signal.
                         QTimer::singleShot(300, &app, [&] {
                             measuring = false;
                             QApplication::quit();
                         });
                     });

    QTimer::singleShot(200, &app, [&] {
        clock.start();
        heartbeat.start();
        measuring = true;
        runClock.start();
        pv::RunRequest request;
        request.kind = QLatin1String(pv::test::TestKind);
        request.target = QStringLiteral("bench");
        request.parameters = {{QStringLiteral("items"), items}, {QStringLiteral("itemDelayMs"), 0}};
        request.initiator = QStringLiteral("bench");
        auto ref = runService.start(*scope, request);
        if (!ref) {
            std::fprintf(stderr, "cannot start: %s\n", qPrintable(ref.error().toString()));
            QApplication::exit(2);
            return;
        }
        runId = ref->runId;
        if (openDetail)
            window.openRun(created->id, runId);
    });
    // A hard stop so a hang cannot block CI.
    QTimer::singleShot(10 * 60 * 1000, &app, [] { QApplication::exit(3); });

    const int loop = QApplication::exec();
    if (loop != 0)
        return loop;

    std::sort(gaps.begin(), gaps.end());
    const auto percentile = [&](double p) {
        if (gaps.empty())
            return 0.0;
        return double(gaps[std::min(gaps.size() - 1, size_t(double(gaps.size()) * p))]) / 1e6;
    };
    const double stallMs = std::max(0.0, double(maxGapNs) / 1e6 - 1.0);
    auto run = runService.run(*scope, runId);
    const qint64 done = run ? run->progressDone : 0;
    QTextStream(stdout) << QStringLiteral("gui_stall_max_ms=%1 items=%2 duration_s=%3 ticks=%4 gap_p50_ms=%5 "
                                          "gap_p99_ms=%6 view=%7 status=%8\n")
                               .arg(stallMs, 0, 'f', 1)
                               .arg(done)
                               .arg(durationS, 0, 'f', 2)
                               .arg(gaps.size())
                               .arg(percentile(0.5), 0, 'f', 2)
                               .arg(percentile(0.99), 0, 'f', 2)
                               .arg(openDetail ? QStringLiteral("detail") : QStringLiteral("list"))
                               .arg(pv::runStatusName(finalStatus));
    return finalStatus == pv::RunStatus::Succeeded && done == items ? 0 : 1;
}
