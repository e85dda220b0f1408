// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
// bench_graph_capture [--profile large] [--latency-ms 30] [--budget N] [--window-ms N] [--concurrency N]
// Lists every configurationPolicy, reads each with $expand=settings through $batch and
// completes settings@odata.nextLink, against an in-process graphsim (HTTPS, its CA). The same
// budget is given to graphsim and to the governor. Prints one JSON line of figures.
#include "core/graph/ClientCredentialsTokenProvider.h"
#include "core/graph/Cloud.h"
#include "core/graph/ReadOnlyGraphClient.h"
#include "core/graph/RequestGovernor.h"
#include "core/logging/Logging.h"
#include "tools/graphsim/server/SimServer.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>

#include <cstdio>

using namespace pv::graph;


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

    pv::logging::LogOptions logOptions;
    logOptions.level = pv::logging::Level::Error;
    logOptions.installQtMessageHandler = false;
    (void)pv::logging::init(logOptions);

    graphsim::SimOptions options;
    options.tenantProfiles = {parser.value(QStringLiteral("profile"))};
    options.latencyMs = parser.value(QStringLiteral("latency-ms")).toInt();
    options.appRequests = budget;
    options.tenantRequests = 2 * budget;
    options.windowMs = windowMs;
    options.settingsPageSize = 25;
    graphsim::SimServer server(options);
    QString error;
    if (!server.start(&error)) {
        std::fprintf(stderr, "graphsim: %s\n", qPrintable(error));
        return 1;
    }
    const graphsim::SimTenantCredentials tenant = server.tenants().constFirst();

    QNetworkAccessManager network;
    GraphClientOptions clientOptions;
    clientOptions.endpoints = *resolveEndpoints(Cloud::Global, server.httpsUrl().toString(), server.httpsUrl().toString());
    clientOptions.caCertificatePath = server.caCertPath();
    ClientCredentials credentials;
    credentials.tokenUrl = clientOptions.endpoints.tokenUrl(tenant.tenantId);
    credentials.clientId = tenant.clientId;
    credentials.scope = clientOptions.endpoints.scope;
    credentials.clientSecret = tenant.clientSecret.toUtf8();
    credentials.caCertificatePath = server.caCertPath();
    GovernorOptions governorOptions;
    governorOptions.maxConcurrent = parser.value(QStringLiteral("concurrency")).toInt();
    governorOptions.operationBudget = budget;
    governorOptions.window = std::chrono::milliseconds(windowMs);
    auto governor = std::make_shared<RequestGovernor>(governorOptions);
    ReadOnlyGraphClient client(clientOptions, &network,
                               std::make_shared<ClientCredentialsTokenProvider>(credentials, &network), governor);

    const QString policies = QStringLiteral("/deviceManagement/configurationPolicies");
    QElapsedTimer timer;
    QJsonObject stats;
    double seconds = 0;
    // Stops the clock, then asks graphsim for its counters and ends the event loop.
    auto finish = [&](int code) {
        seconds = static_cast<double>(timer.elapsed()) / 1000.0;
        QNetworkReply* reply = network.get(QNetworkRequest(QUrl(server.httpUrl().toString() + QStringLiteral("/_sim/stats"))));
        QObject::connect(reply, &QNetworkReply::finished, &app, [&, reply, code] {
            stats = QJsonDocument::fromJson(reply->readAll()).object();
            reply->deleteLater();
            app.exit(code);
        });
    };
    timer.start();
    int objects = 0;
    int settings = 0;
    int failures = 0;
    int pending = 0;
    bool listed = false;
    client.getAllPages(policies, [&](pv::Result<PagedItems> pages) {
        listed = true;
        if (!pages) {
            std::fprintf(stderr, "list: %s\n", qPrintable(pages.error().toString()));
            finish(1);
            return;
        }
        QStringList paths;
        for (const QJsonValue& item : std::as_const(pages->items))
            paths.append(policies + QLatin1Char('/') + item.toObject().value(QStringLiteral("id")).toString()
                         + QStringLiteral("?$expand=settings"));
        client.batchGet(paths, [&](QList<pv::Result<GraphResponse>> results) {
            pending = static_cast<int>(results.size());
            for (const auto& result : results) {
                if (!result) {
                    ++failures;
                    if (--pending == 0)
                        finish(0);
                    continue;
                }
                client.completeExpanded(result->body, QStringLiteral("settings"), [&](pv::Result<QJsonObject> entity) {
                    if (entity) {
                        ++objects;
                        settings += static_cast<int>(entity->value(QStringLiteral("settings")).toArray().size());
                    } else {
                        ++failures;
                    }
                    if (--pending == 0)
                        finish(0);
                });
            }
        });
    });
    const int rc = app.exec();
    const RequestGovernor::Stats governed = governor->stats();
    const QJsonObject out{{QStringLiteral("profile"), parser.value(QStringLiteral("profile"))},
                          {QStringLiteral("latency_ms"), options.latencyMs},
                          {QStringLiteral("budget_per_window"), budget},
                          {QStringLiteral("window_ms"), windowMs},
                          {QStringLiteral("objects"), objects},
                          {QStringLiteral("settings"), settings},
                          {QStringLiteral("failures"), failures},
                          {QStringLiteral("seconds"), seconds},
                          {QStringLiteral("operations"), governed.operations},
                          {QStringLiteral("http_requests"), governed.permits},
                          {QStringLiteral("operations_per_s"), static_cast<double>(governed.operations) / seconds},
                          {QStringLiteral("budget_ops_per_s"), budget * 1000.0 / windowMs},
                          {QStringLiteral("max_in_flight"), governed.maxInFlight},
                          {QStringLiteral("graphsim_throttled"), stats.value(QStringLiteral("throttled"))},
                          {QStringLiteral("graphsim_early_retries"), stats.value(QStringLiteral("earlyRetries"))}};
    std::printf("%s\n", QJsonDocument(out).toJson(QJsonDocument::Compact).constData());
    server.stop();
    return rc == 0 && listed && failures == 0 ? 0 : 1;
}
