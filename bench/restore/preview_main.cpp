// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
// bench_restore_preview [--profile small|large] [--policies N] [--latency-ms 30] [--concurrency 8]
//                       [--check-structure]
//
// A restore preview of N changed policies, run the way the product runs it: RunService + the
// shipped restore_preview kind (JobKinds) + a real SQLite store; graphsim is its own process
// with Intune's budgets (1,000 operations per app per 20 s) and 30 ms latency. First a backup
// of the tenant (its snapshot is what the preview restores), then /_sim/mutate changes the
// settings of N policies, then the preview of those N. Prints key=value lines:
//   operations: what graphsim received for the preview (sub-requests counted, retries included);
//   floor_s = max(ops × 20 s / 1,000, ops ÷ cap × latency). When the backup's operations would
//   still fill the budget window the preview waits until they left it (21 s), so the preview
//   has the budget to itself, as the floor assumes;
//   ratio = wall / floor (target ≤ 1.25).
// Defaults: the small profile and 40 policies (seconds; CI). The full figure: --profile large
// --policies 500 (or PV_BENCH_RESTORE_POLICIES=500, which also picks the large profile).
// --check-structure exits 1 when a machine-independent target is missed: not one write, every
// chosen policy planned (would_update or unchanged), at most 2 reads per policy beyond the lists
// and templates, no early retry.
#include "GraphsimProcess.h"

#include "core/capture/CaptureRequests.h"
#include "core/common/Redactor.h"
#include "core/jobs/JobKinds.h"
#include "core/logging/Logging.h"
#include "core/restore/RestorePlanRepository.h"
#include "core/restore/RestoreRequests.h"
#include "core/runs/AccessGate.h"
#include "core/runs/RunService.h"
#include "core/secrets/InMemorySecretStore.h"
#include "core/store/Database.h"
#include "core/store/SnapshotRepository.h"
#include "core/store/TenantRepository.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QJsonArray>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTimer>

#include <algorithm>
#include <cmath>
#include <cstdio>

using namespace pv;

namespace {

void line(const char* key, double value, int decimals = 0)
{
    std::printf("%s=%.*f\n", key, decimals, value);
    std::fflush(stdout);
}

/// Starts `request` and runs the event loop until it ended: its status and wall seconds.
std::optional<std::pair<RunStatus, double>> runToEnd(RunService& runs, const TenantScope& scope, const RunRequest& request,
                                                     qint64* runIdOut)
{
    QEventLoop loop;
    qint64 runId = 0;
    RunStatus status = RunStatus::Queued;
    double wallS = 0;
    QElapsedTimer wall;
    QObject::connect(&runs, &RunService::runFinished, &loop, [&](qint64, qint64 finished, RunStatus s) {
        if (finished != runId)
            return;
        wallS = double(wall.nsecsElapsed()) / 1e9;
        status = s;
        loop.quit();
    });
    wall.start();
    auto ref = runs.start(scope, request);
    if (!ref) {
        std::fprintf(stderr, "start: %s\n", qPrintable(ref.error().toString()));
        return std::nullopt;
    }
    runId = ref->runId;
    *runIdOut = runId;
    QTimer::singleShot(std::chrono::minutes(30), &loop, [&loop] { loop.exit(1); });
    if (loop.exec() != 0)
        return std::nullopt;
    return std::make_pair(status, wallS);
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QStandardPaths::setTestModeEnabled(true);   // no keychain, no real app-data folder
    const int envPolicies = qEnvironmentVariableIntValue("PV_BENCH_RESTORE_POLICIES");
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addOptions({
        {QStringLiteral("profile"), QStringLiteral("graphsim tenant: small or large"), QStringLiteral("name"),
         envPolicies > 150 ? QStringLiteral("large") : QStringLiteral("small")},
        {QStringLiteral("policies"), QStringLiteral("changed policies to preview"), QStringLiteral("n"),
         QString::number(envPolicies > 0 ? envPolicies : 40)},
        {QStringLiteral("latency-ms"), QStringLiteral("graphsim latency"), QStringLiteral("ms"), QStringLiteral("30")},
        {QStringLiteral("concurrency"), QStringLiteral("governor concurrency cap"), QStringLiteral("n"), QStringLiteral("8")},
        {QStringLiteral("graphsim"), QStringLiteral("graphsim executable"), QStringLiteral("path"), QStringLiteral(PV_GRAPHSIM_BIN)},
        {QStringLiteral("check-structure"), QStringLiteral("exit 1 when a machine-independent target is missed")},
    });
    parser.process(app);
    const QString profile = parser.value(QStringLiteral("profile"));
    const int wanted = parser.value(QStringLiteral("policies")).toInt();
    const int latencyMs = parser.value(QStringLiteral("latency-ms")).toInt();
    const int concurrency = parser.value(QStringLiteral("concurrency")).toInt();
    if ((profile != u"small" && profile != u"large") || wanted <= 0) {
        std::fprintf(stderr, "--profile is small or large; --policies a positive number\n");
        return 3;
    }
    logging::LogOptions logOptions;
    logOptions.level = logging::Level::Error;
    logOptions.installQtMessageHandler = false;
    (void)logging::init(logOptions);

    GraphsimProcess graphsim;
    QString error;
    if (!graphsim.start(parser.value(QStringLiteral("graphsim")),
                        {QStringLiteral("--tenant"), profile, QStringLiteral("--latency-ms"), QString::number(latencyMs)}, &error)) {
        std::fprintf(stderr, "%s\n", qPrintable(error));
        return 2;
    }
    QTemporaryDir dir;
    auto database = Database::open(Database::Options{dir.filePath(QStringLiteral("bench.db"))});
    if (!database)
        return 2;
    InMemorySecretStore secrets;
    auto tenant = graphsim.addBenchTenant(*database, secrets);
    if (!tenant)
        return 2;
    auto scope = AccessGate(*database).enter(tenant->id);
    if (!scope)
        return 2;
    JobKinds::ServiceOptions serviceOptions;
    serviceOptions.governor.maxConcurrent = concurrency;
    RunService::Options runOptions;
    runOptions.jobServices = JobKinds::makeServices(*database, &secrets, serviceOptions);
    RunService runs(*database, runOptions);
    JobKinds::registerAll(runs, *runOptions.jobServices);

    // The snapshot to restore from.
    qint64 backupRun = 0;
    auto backup = runToEnd(runs, *scope, *capture::backupRequest({}, false, QStringLiteral("bench")), &backupRun);
    const SnapshotRepository snapshots(*database);
    auto snapshot = snapshots.snapshotOfRun(*scope, backupRun);
    if (!backup || backup->first != RunStatus::Succeeded || !snapshot) {
        std::fprintf(stderr, "the backup did not succeed\n");
        return 2;
    }
    line("backup_s", backup->second, 1);
    QElapsedTimer sinceBackup;
    sinceBackup.start();
    const qint64 backupOperations = graphsim.sim(QStringLiteral("stats")).value(QStringLiteral("requests")).toInteger();

    // N policies with changed settings (a seeded mutate picks policies at random; repeat with
    // new seeds until N distinct ones changed).
    QStringList changed;
    for (int seed = 1; changed.size() < wanted && seed < 50; ++seed) {
        const QJsonObject result = graphsim.simPost(QStringLiteral("mutate"),
                                                {{QStringLiteral("seed"), seed}, {QStringLiteral("policies"), 0},
                                                 {QStringLiteral("settings"), wanted - int(changed.size())},
                                                 {QStringLiteral("assignments"), 0}, {QStringLiteral("renames"), 0},
                                                 {QStringLiteral("deletes"), 0}});
        for (const QJsonValue& c : result.value(QStringLiteral("changed")).toArray()) {
            const QString id = c.toObject().value(QStringLiteral("policyId")).toString();
            if (!changed.contains(id) && changed.size() < wanted)
                changed.append(id);
        }
    }
    restore::PreviewSelection selection;
    selection.snapshotId = snapshot->id;
    QSet<QString> templates;
    for (const QString& graphId : std::as_const(changed)) {
        auto policy = snapshots.policyByIdOrGraphId(*scope, graphId);
        if (!policy)
            return 2;
        selection.policyIds.append(policy->id);
        if (auto latest = snapshots.latestVersion(*scope, policy->id)) {
            const QString t = snapshots.versionContent(*scope, latest->id)->value(QStringLiteral("templateReference")).toObject()
                                  .value(QStringLiteral("templateId")).toString();
            if (!t.isEmpty())
                templates.insert(t.toLower());
        }
    }
    const qint64 policiesInTenant = snapshot->itemCount;

    // The floor assumes the preview has Intune's budget to itself: when the backup's operations
    // would still fill the 20 s window, wait until they left it.
    const qint64 expected = 2 * qint64(selection.policyIds.size()) + qint64(std::ceil(double(policiesInTenant) / 25.0)) + 2
                            + templates.size();
    const bool drained = std::min<qint64>(backupOperations, 1000) + expected > 1000;
    if (drained) {
        QEventLoop wait;
        QTimer::singleShot(std::max<qint64>(0, 21000 - sinceBackup.elapsed()), &wait, &QEventLoop::quit);
        wait.exec();
    }
    line("waited_for_budget_window", drained ? 1 : 0);
    const QJsonObject before = graphsim.sim(QStringLiteral("stats"));
    qint64 previewRun = 0;
    auto previewed = runToEnd(runs, *scope, *restore::previewRequest(selection, QStringLiteral("bench")), &previewRun);
    const QJsonObject after = graphsim.sim(QStringLiteral("stats"));
    if (!previewed)
        return 2;
    auto delta = [&](const char* key) {
        return after.value(QLatin1String(key)).toInteger() - before.value(QLatin1String(key)).toInteger();
    };
    const qint64 operations = delta("requests");
    const int writes = int(graphsim.sim(QStringLiteral("writes")).value(QStringLiteral("value")).toArray().size());
    auto plan = restore::RestorePlanRepository(database.value()->connection()).items(*scope, previewRun);
    QMap<QString, int> actions;
    if (plan) {
        for (const restore::PlanItem& item : std::as_const(*plan))
            ++actions[restore::planActionName(item.action)];
    }
    const int n = int(selection.policyIds.size());
    const double ops = double(operations);
    const double floor = std::max(ops * 20.0 / 1000.0, ops / concurrency * latencyMs / 1000.0);
    line("policies", n);
    line("operations", ops);
    line("operations_per_policy", n > 0 ? ops / n : 0, 2);
    line("templates_read", templates.size());
    line("throttled", double(delta("throttled")));
    line("early_retries", double(delta("earlyRetries")));
    line("wall_s", previewed->second, 2);
    line("floor_s", floor, 2);
    line("ratio", floor > 0 ? previewed->second / floor : 0, 2);
    line("would_update", actions.value(QStringLiteral("would_update")));
    line("unchanged", actions.value(QStringLiteral("unchanged")));
    line("other_actions", n - actions.value(QStringLiteral("would_update")) - actions.value(QStringLiteral("unchanged")));
    line("writes", writes);
    // What the plan stores, and what redacting its diffs costs (RestorePlanRepository::save
    // redacts every diff inside the run-end transaction).
    {
        QSqlQuery q(database.value()->connection());
        q.prepare(QStringLiteral("SELECT diff FROM restore_plan_items WHERE run_id = ?"));
        q.addBindValue(previewRun);
        QStringList diffs;
        if (q.exec()) {
            while (q.next())
                diffs.append(q.value(0).toString());
        }
        qint64 bytes = 0;
        QElapsedTimer redactTime;
        redactTime.start();
        for (const QString& d : std::as_const(diffs))
            bytes += Redactor::redact(d).size();
        line("plan_diff_kb", double(bytes) / 1024.0);
        line("plan_redact_s", double(redactTime.nsecsElapsed()) / 1e9, 2);
    }
    std::printf("status=%s\n", qPrintable(runStatusName(previewed->first)));

    if (parser.isSet(QStringLiteral("check-structure"))) {
        bool ok = true;
        auto require = [&](bool condition, const char* what) {
            if (!condition) {
                std::fprintf(stderr, "FAIL: %s\n", what);
                ok = false;
            }
        };
        // Lists: the policy pages (25 a page), one filter and one scope-tag page.
        const qint64 listPages = qint64(std::ceil(double(policiesInTenant) / 25.0)) + 2;
        require(n == wanted, "not as many changed policies as asked for");
        require(writes == 0, "the preview wrote");
        require(previewed->first == RunStatus::Succeeded, "the preview did not succeed");
        require(actions.value(QStringLiteral("would_update")) + actions.value(QStringLiteral("unchanged")) == n,
                "a changed policy was planned as something else than would_update or unchanged");
        require(actions.value(QStringLiteral("would_update")) * 2 >= n, "fewer than half the changed policies would update");
        require(operations <= 2 * n + listPages + templates.size(), "more than 2 reads per policy beyond lists and templates");
        require(delta("earlyRetries") == 0, "a retry came before Retry-After");
        return ok ? 0 : 1;
    }
    return 0;
}
