// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
// bench_restore [--profile small|large] [--policies N] [--latency-ms 30] [--check]
//
// A live restore of N changed policies into graphsim (its own process, HTTPS, Intune budgets:
// 100 writes and 1,000 operations per app per 20 s), run the way the product runs it:
// RunService + the shipped "restore" kind on a real SQLite file. Set-up: a backup (the
// snapshot), /_sim/mutate (descriptions of N policies), a full backup (the live objects the
// plan's fingerprints come from, read as the preview reads them), a plan of the N policies
// (would_update, stored with RestorePlanRepository::save). Then the timed restore.
// Prints key=value lines:
//   writes, operations: what graphsim received during the restore (sub-requests counted);
//   floor_s = max(writes × 20 s / 100, operations × 20 s / 1,000, N × 3 round trips × latency /
//   the job's items in flight) — the write budget, the read budget around the writes, and the
//   chain of reads and write per item; ratio = wall / floor (target ≤ 1.25).
// Default N: 500 with --profile large; the env PV_BENCH_RESTORE_POLICIES overrides --policies.
// --check exits 1 when an item did not end updated or a write was throttled by graphsim (the
// governor must keep under the budget).
#include "GraphsimProcess.h"

#include "core/capture/CaptureRequests.h"
#include "core/jobs/JobKinds.h"
#include "core/logging/Logging.h"
#include "core/restore/LiveFingerprint.h"
#include "core/restore/RestoreJob.h"
#include "core/restore/RestorePlanRepository.h"
#include "core/restore/RestoreRequests.h"
#include "core/runs/AccessGate.h"
#include "core/runs/RunRepository.h"
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
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTimer>

#include <algorithm>
#include <cstdio>

using namespace pv;

namespace {

void line(const char* key, double value, int decimals = 0)
{
    std::printf("%s=%.*f\n", key, decimals, value);
    std::fflush(stdout);
}

std::optional<RunRecord> runToEnd(RunService& runs, const TenantScope& scope, const RunRequest& request)
{
    auto ref = runs.start(scope, request);
    if (!ref) {
        std::fprintf(stderr, "start: %s\n", qPrintable(ref.error().toString()));
        return std::nullopt;
    }
    std::optional<RunRecord> out;
    QEventLoop loop;
    QTimer poll;
    poll.setInterval(20);
    QObject::connect(&poll, &QTimer::timeout, &loop, [&] {
        auto r = runs.run(scope, ref->runId);
        if (r && !isActive(r->status)) {
            out = *r;
            loop.quit();
        }
    });
    poll.start();
    loop.exec();
    return out;
}

qint64 statOf(const QJsonObject& stats, const char* key)
{
    return stats.value(QLatin1String(key)).toInteger();
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QStandardPaths::setTestModeEnabled(true);
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addOptions({
        {QStringLiteral("profile"), QStringLiteral("graphsim tenant: small or large"), QStringLiteral("name"), QStringLiteral("large")},
        {QStringLiteral("policies"), QStringLiteral("changed policies to restore (default 500, ≤ the tenant's)"), QStringLiteral("n"), QStringLiteral("500")},
        {QStringLiteral("latency-ms"), QStringLiteral("graphsim latency"), QStringLiteral("ms"), QStringLiteral("30")},
        {QStringLiteral("graphsim"), QStringLiteral("graphsim executable"), QStringLiteral("path"), QStringLiteral(PV_GRAPHSIM_BIN)},
        {QStringLiteral("check"), QStringLiteral("exit 1 when an item was not updated or a write was throttled")},
    });
    parser.process(app);
    const QString profile = parser.value(QStringLiteral("profile"));
    int wanted = parser.value(QStringLiteral("policies")).toInt();
    if (qEnvironmentVariableIsSet("PV_BENCH_RESTORE_POLICIES"))
        wanted = qEnvironmentVariableIntValue("PV_BENCH_RESTORE_POLICIES");
    const int latencyMs = parser.value(QStringLiteral("latency-ms")).toInt();

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
    RunService::Options runOptions;
    runOptions.jobServices = JobKinds::makeServices(*database, &secrets);
    RunService runs(*database, runOptions);
    JobKinds::registerAll(runs, *runOptions.jobServices);
    SnapshotRepository snapshots(*database);

    // The snapshot, the change, the live state.
    auto first = runToEnd(runs, *scope, *capture::backupRequest({}, false, QStringLiteral("bench")));
    if (!first || first->status != RunStatus::Succeeded)
        return 2;
    const qint64 snapshotId = snapshots.snapshotOfRun(*scope, first->id)->id;
    const QJsonObject mutated = graphsim.simPost(QStringLiteral("mutate"),
                                                 QJsonObject{{QStringLiteral("seed"), 3}, {QStringLiteral("policies"), wanted * 3},
                                                             {QStringLiteral("settings"), 0}, {QStringLiteral("assignments"), 0},
                                                             {QStringLiteral("renames"), 0}, {QStringLiteral("deletes"), 0}});
    QStringList changed;
    for (const QJsonValue& c : mutated.value(QStringLiteral("changed")).toArray()) {
        const QString id = c.toObject().value(QStringLiteral("policyId")).toString();
        if (!changed.contains(id))
            changed.append(id);
    }
    changed = changed.mid(0, wanted);
    auto live = runToEnd(runs, *scope, *capture::backupRequest({}, true, QStringLiteral("bench")));
    if (!live || live->status != RunStatus::Succeeded)
        return 2;
    const qint64 liveSnapshotId = snapshots.snapshotOfRun(*scope, live->id)->id;

    // The plan, as the preview would store it.
    QHash<QString, QPair<PolicyRecord, PolicyVersionRecord>> before;
    auto beforeItems = snapshots.snapshotItems(*scope, snapshotId);
    auto liveItems = snapshots.snapshotItems(*scope, liveSnapshotId);
    if (!beforeItems || !liveItems)
        return 2;
    for (const auto& pair : *beforeItems)
        before.insert(pair.first.graphId, pair);
    QHash<QString, qint64> liveVersion;
    for (const auto& pair : *liveItems)
        liveVersion.insert(pair.first.graphId, pair.second.id);
    auto request = restore::previewRequest(restore::PreviewSelection{snapshotId, {}, 0, false, {}}, QStringLiteral("bench"));
    qint64 planRunId = 0;
    (void)(*database)->writeTransaction([&](QSqlDatabase& db) -> Status {
        RunRepository repo(db);
        auto id = repo.insertQueued(*scope, RunRepository::NewRun{request->kind, request->target,
                                                                   RunRepository::dedupeKey(tenant->id, request->kind, request->target),
                                                                   request->parameters, QStringLiteral("bench"), 0, {}, false});
        if (!id)
            return id.failure();
        planRunId = *id;
        (void)repo.markRunning(*scope, planRunId, 0);
        (void)repo.finish(*scope, planRunId, RunStatus::Succeeded, {});
        return {};
    });
    QList<restore::PlanItem> items;
    for (const QString& graphId : std::as_const(changed)) {
        if (!before.contains(graphId) || !liveVersion.contains(graphId))
            continue;
        const auto& [policy, version] = before.value(graphId);
        restore::PlanItem item;
        item.ordinal = int(items.size());
        item.itemKey = restore::planItemKey(policy.typeKey, policy.id);
        item.tier = restore::tierOf(policy.typeKey);
        item.typeKey = policy.typeKey;
        item.policyId = policy.id;
        item.policyVersionId = version.id;
        item.graphId = graphId;
        item.liveGraphId = graphId;
        item.name = policy.displayName;
        item.action = restore::PlanAction::WouldUpdate;
        item.liveFingerprint = restore::liveFingerprint(policy.typeKey, *snapshots.versionContent(*scope, liveVersion.value(graphId)));
        items.append(item);
    }
    restore::RestorePlan plan;
    plan.runId = planRunId;
    plan.tenantId = tenant->id;
    plan.snapshotId = snapshotId;
    plan.options = request->parameters;
    if (Status s = restore::RestorePlanRepository((*database)->connection()).save(*scope, plan, items); !s) {
        std::fprintf(stderr, "plan: %s\n", qPrintable(s.error().toString()));
        return 2;
    }

    // The timed restore starts with empty budget windows: the set-up's backups filled the
    // operation window, and the restore must not be charged for their 20 s.
    {
        QEventLoop settle;
        QTimer::singleShot(21000, &settle, &QEventLoop::quit);
        settle.exec();
    }
    // The timed restore.
    const QJsonObject statsBefore = graphsim.sim(QStringLiteral("stats"));
    QElapsedTimer clock;
    clock.start();
    auto restored = runToEnd(runs, *scope, *restore::restoreRequest(planRunId, QStringLiteral("bench")));
    const double wallS = double(clock.elapsed()) / 1000.0;
    const QJsonObject statsAfter = graphsim.sim(QStringLiteral("stats"));
    if (!restored)
        return 2;
    const qint64 writes = statOf(statsAfter, "writes") - statOf(statsBefore, "writes");
    // graphsim's "requests" counts Graph operations: each $batch sub-request, not the envelope.
    const qint64 operations = statOf(statsAfter, "requests") - statOf(statsBefore, "requests");
    const qint64 throttled = statOf(statsAfter, "throttled") - statOf(statsBefore, "throttled");
    const double n = double(items.size());
    const double floorS = std::max({double(writes) * 20.0 / 100.0, double(operations) * 20.0 / 1000.0,
                                    n * 3.0 * latencyMs / 1000.0 / restore::RestoreJob::Parallel});
    line("policies", n);
    line("updated", double(restored->counts.of(ItemOutcome::Updated)));
    line("writes", double(writes));
    line("operations", double(operations));
    line("throttled", double(throttled));
    line("wall_s", wallS, 2);
    line("floor_s", floorS, 2);
    line("ratio", wallS / floorS, 2);
    std::printf("status=%s\n", qPrintable(runStatusName(restored->status)));
    graphsim.stop();
    if (parser.isSet(QStringLiteral("check"))) {
        if (restored->counts.of(ItemOutcome::Updated) != items.size() || throttled > 0 || writes != qint64(items.size())) {
            std::fprintf(stderr, "check failed\n");
            return 1;
        }
    }
    return 0;
}
