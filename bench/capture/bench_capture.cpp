// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
// bench_capture [--profile large] [--latency-ms 30] [--budget 1000] [--window-ms 20000] [--concurrency 8]
// Backs up a graphsim tenant with the shipped "backup" kind on a real RunService and SQLite
// store (graphsim as its own process, HTTPS, its CA; the same budget for graphsim and the
// governor),
// then re-captures it unchanged. Prints one JSON line: operations per policy, wall time, the
// floor those operations imply (max of budget and latency), new blob bytes, peak memory.
#include "core/capture/CaptureRequests.h"
#include "core/graph/RequestGovernor.h"
#include "core/jobs/JobKinds.h"
#include "core/logging/Logging.h"
#include "core/runs/AccessGate.h"
#include "core/runs/RunService.h"
#include "core/secrets/InMemorySecretStore.h"
#include "core/store/Database.h"
#include "core/store/TenantRepository.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonArray>
#include <QJsonObject>
#include <QProcess>
#include <QSqlQuery>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>

using namespace pv;

namespace {

qint64 blobBytes(const std::shared_ptr<Database>& db)
{
    QSqlQuery q(db->connection());
    return q.exec(QStringLiteral("SELECT COALESCE(SUM(LENGTH(data)), 0) FROM blobs")) && q.next() ? q.value(0).toLongLong() : -1;
}

qint64 peakRssKb()
{
    // Linux only; elsewhere 0 (the figure is for the build machine).
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return 0;
    for (const QByteArray& line : status.readAll().split('\n')) {
        if (line.startsWith("VmHWM:"))
            return line.mid(6).trimmed().split(' ').value(0).toLongLong();
    }
    return 0;
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addOptions({{QStringLiteral("profile"), QStringLiteral("graphsim tenant profile"), QStringLiteral("name"), QStringLiteral("large")},
                       {QStringLiteral("latency-ms"), QStringLiteral("graphsim latency"), QStringLiteral("ms"), QStringLiteral("30")},
                       {QStringLiteral("budget"), QStringLiteral("operations per window (graphsim and governor)"), QStringLiteral("n"), QStringLiteral("1000")},
                       {QStringLiteral("window-ms"), QStringLiteral("budget window"), QStringLiteral("ms"), QStringLiteral("20000")},
                       {QStringLiteral("concurrency"), QStringLiteral("governor concurrency cap"), QStringLiteral("n"), QStringLiteral("8")}});
    parser.process(app);
    const int budget = parser.value(QStringLiteral("budget")).toInt();
    const int windowMs = parser.value(QStringLiteral("window-ms")).toInt();
    const int concurrency = parser.value(QStringLiteral("concurrency")).toInt();
    const int latencyMs = parser.value(QStringLiteral("latency-ms")).toInt();

    logging::LogOptions logOptions;
    logOptions.level = logging::Level::Error;
    logOptions.installQtMessageHandler = false;
    (void)logging::init(logOptions);

    // graphsim in its own process, so the peak memory below is PolicyVault's alone.
    QProcess graphsim;
    graphsim.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    graphsim.start(QStringLiteral(PV_GRAPHSIM_BIN),
                   {QStringLiteral("--tenant"), parser.value(QStringLiteral("profile")), QStringLiteral("--latency-ms"),
                    QString::number(latencyMs), QStringLiteral("--app-requests"), QString::number(budget),
                    QStringLiteral("--tenant-requests"), QString::number(2 * budget), QStringLiteral("--window-ms"),
                    QString::number(windowMs), QStringLiteral("--settings-page-size"), QStringLiteral("25")});
    if (!graphsim.waitForStarted() || !graphsim.waitForReadyRead(600000)) {
        std::fprintf(stderr, "graphsim did not start\n");
        return 1;
    }
    while (!graphsim.canReadLine() && graphsim.waitForReadyRead(600000)) {
    }
    const QJsonObject startup = QJsonDocument::fromJson(graphsim.readLine()).object();
    const QJsonObject sim = startup.value(QStringLiteral("tenants")).toArray().at(0).toObject();
    const QString httpsUrl = startup.value(QStringLiteral("https")).toString();
    if (httpsUrl.isEmpty() || sim.isEmpty()) {
        std::fprintf(stderr, "graphsim: no startup line\n");
        return 1;
    }
    auto stopGraphsim = [&] {
        graphsim.terminate();   // SIGTERM: graphsim exits 0 within seconds
        if (!graphsim.waitForFinished(30000))
            graphsim.kill();
    };

    QTemporaryDir dir;
    auto database = Database::open(Database::Options{dir.filePath(QStringLiteral("bench.db"))});
    if (!database) {
        std::fprintf(stderr, "database: %s\n", qPrintable(database.error().toString()));
        return 1;
    }
    TenantRecord profile;
    profile.name = QStringLiteral("Bench");
    profile.entraTenantId = sim.value(QStringLiteral("tenantId")).toString();
    profile.clientId = sim.value(QStringLiteral("clientId")).toString();
    profile.graphUrl = httpsUrl;
    profile.authorityUrl = profile.graphUrl;
    profile.caCertificatePath = startup.value(QStringLiteral("caCert")).toString();
    auto tenant = TenantRepository(*database).create(profile);
    if (!tenant) {
        std::fprintf(stderr, "tenant: %s\n", qPrintable(tenant.error().toString()));
        return 1;
    }
    InMemorySecretStore secrets;
    (void)secrets.write(SecretStore::key(tenant->uuid, SecretKind::ClientSecret), sim.value(QStringLiteral("clientSecret")).toString().toUtf8());
    JobKinds::ServiceOptions serviceOptions;
    serviceOptions.governor.maxConcurrent = concurrency;
    serviceOptions.governor.operationBudget = budget;
    serviceOptions.governor.window = std::chrono::milliseconds(windowMs);
    RunService::Options runOptions;
    runOptions.jobServices = JobKinds::makeServices(*database, &secrets, serviceOptions);
    RunService runs(*database, runOptions);
    JobKinds::registerAll(runs, *runOptions.jobServices);
    auto scope = AccessGate(*database).enter(tenant->id);
    auto governor = runOptions.jobServices->governor(tenant->id);

    struct Pass
    {
        qint64 operations = 0;
        double seconds = 0;
        qint64 newBlobBytes = 0;
        QString status;
        int items = 0;
    };
    auto backup = [&]() {
        Pass pass;
        const qint64 opsBefore = governor->stats().operations;
        const qint64 bytesBefore = blobBytes(*database);
        QElapsedTimer timer;
        timer.start();
        auto ref = runs.start(*scope, *capture::backupRequest({}, false, QStringLiteral("bench")));
        if (ref) {
            runs.waitForIdle(std::chrono::hours(1));
            auto record = runs.run(*scope, ref->runId);
            pass.status = record ? runStatusName(record->status) : QStringLiteral("?");
            pass.items = record ? record->counts.total() : 0;
        }
        pass.seconds = double(timer.elapsed()) / 1000.0;
        pass.operations = governor->stats().operations - opsBefore;
        pass.newBlobBytes = blobBytes(*database) - bytesBefore;
        return pass;
    };
    const Pass first = backup();
    const Pass second = backup();

    int policies = 0;
    {
        QSqlQuery q((*database)->connection());
        if (q.exec(QStringLiteral("SELECT COUNT(*) FROM policies WHERE type_key NOT IN ('assignmentFilters','scopeTags')")) && q.next())
            policies = q.value(0).toInt();
    }
    // The floor for N operations: the larger of the steady budget and N / concurrency × latency.
    auto floor = [&](qint64 ops) {
        return std::max(double(ops) * windowMs / 1000.0 / budget, double(ops) / concurrency * latencyMs / 1000.0);
    };
    auto json = [&](const Pass& p) {
        return QJsonObject{{QStringLiteral("status"), p.status},
                           {QStringLiteral("items"), p.items},
                           {QStringLiteral("operations"), p.operations},
                           {QStringLiteral("operations_per_policy"), policies ? double(p.operations) / policies : 0.0},
                           {QStringLiteral("seconds"), p.seconds},
                           {QStringLiteral("floor_seconds"), floor(p.operations)},
                           {QStringLiteral("wall_over_floor"), p.seconds / std::max(0.001, floor(p.operations))},
                           {QStringLiteral("new_blob_bytes"), p.newBlobBytes}};
    };
    const QJsonObject out{{QStringLiteral("profile"), parser.value(QStringLiteral("profile"))},
                          {QStringLiteral("policies"), policies},
                          {QStringLiteral("latency_ms"), latencyMs},
                          {QStringLiteral("budget_per_window"), budget},
                          {QStringLiteral("window_ms"), windowMs},
                          {QStringLiteral("first"), json(first)},
                          {QStringLiteral("recapture"), json(second)},
                          {QStringLiteral("recapture_operations_ratio"),
                           first.operations ? double(second.operations) / double(first.operations) : 0.0},
                          {QStringLiteral("peak_rss_mb"), double(peakRssKb()) / 1024.0}};
    std::printf("%s\n", QJsonDocument(out).toJson(QJsonDocument::Compact).constData());
    stopGraphsim();
    const bool ok = first.status == u"succeeded" && second.status == u"succeeded" && second.newBlobBytes == 0;
    return ok ? 0 : 1;
}
