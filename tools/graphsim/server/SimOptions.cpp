// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "tools/graphsim/server/SimOptions.h"

#include <QCommandLineOption>
#include <QCommandLineParser>

namespace graphsim {

namespace {

struct IntOpt
{
    const char* name;
    int* target;
};

struct RateOpt
{
    const char* name;
    double* target;
};

} // namespace

bool parseSimOptions(const QStringList& arguments, SimOptions* options, QString* error, bool* helpRequested,
                     QString* helpText)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("graphsim: a local Microsoft Graph + Entra ID simulator"));
    const QCommandLineOption help(QStringList{QStringLiteral("h"), QStringLiteral("help")},
                                  QStringLiteral("Show this help."));
    parser.addOption(help);
    auto valueOption = [&parser](const char* name, const char* description) {
        parser.addOption(QCommandLineOption(QString::fromLatin1(name), QString::fromLatin1(description),
                                           QStringLiteral("value")));
    };
    auto flagOption = [&parser](const char* name, const char* description) {
        parser.addOption(QCommandLineOption(QString::fromLatin1(name), QString::fromLatin1(description)));
    };
    valueOption("tenant", "Add a generated tenant: demo|small|large|empty (repeatable).");
    valueOption("tenant-file", "Add a tenant saved as JSON (repeatable).");
    valueOption("save-tenants", "Write every tenant as DIR/<name>.json at start-up (load with --tenant-file).");
    valueOption("seed", "Seed for generated tenants, faults and batch order (default 1).");
    valueOption("port", "HTTP port on 127.0.0.1 (0 = free port).");
    valueOption("https-port", "HTTPS port on 127.0.0.1 (0 = free port).");
    valueOption("state-dir", "Directory for the generated CA and certificates (default: temporary).");
    valueOption("state-file", "Persistent tenant state: loaded at start (created from --tenant, default demo, "
                              "when absent), saved after every change.");
    valueOption("info-file", "Also write the startup JSON line to this file once listening.");
    valueOption("idle-exit-s", "Exit after N seconds without a request (0 = never).");
    valueOption("latency-ms", "Latency added before every response.");
    valueOption("jitter-ms", "Extra seeded random latency, 0..N ms.");
    valueOption("policy-page-size", "Default page size of configurationPolicies (25).");
    valueOption("settings-page-size", "Default page size of /settings (1000).");
    valueOption("token-lifetime-s", "Access token lifetime in seconds (3599).");
    valueOption("device-code-interval-s", "Device code polling interval in seconds (5).");
    valueOption("device-code-lifetime-s", "Device code lifetime (expires_in) in seconds (900).");
    valueOption("auth-code-lifetime-s", "Authorization code lifetime in seconds (600).");
    flagOption("strict-refresh-rotation", "A redeemed refresh token stops working (Entra keeps it valid).");
    valueOption("app-requests", "Requests per window per tenant+app (1000).");
    valueOption("app-writes", "Writes per window per tenant+app (100).");
    valueOption("tenant-requests", "Requests per window per tenant (2000).");
    valueOption("tenant-writes", "Writes per window per tenant (200).");
    valueOption("window-ms", "Throttling window length in ms (20000).");
    valueOption("directory-units", "Directory (Entra ID) resource units per window per tenant+app (3500).");
    valueOption("directory-window-ms", "Directory throttling window length in ms (10000).");
    valueOption("retry-after", "Retry-After on 429: integer|fractional|missing.");
    flagOption("intune-throttle-body", "Send Intune's JSON-in-message 429 body.");
    valueOption("fault-503", "Probability of a 503 (with or without Retry-After).");
    valueOption("fault-504", "Probability of a 504 (with or without Retry-After).");
    valueOption("fault-drop", "Probability of a connection dropped mid-body.");
    valueOption("fault-truncate", "Probability of truncated JSON.");
    valueOption("fault-html", "Probability of an HTML 502/503 page.");
    valueOption("fault-intune-json", "Probability of Intune's 500 with JSON inside message.");
    valueOption("fault-slow", "Probability of a slowly dribbled body.");
    valueOption("slow-ms", "Duration of a slow body (1200).");
    valueOption("fault-families", "Comma-separated route families faults apply to (default all).");
    valueOption("fault-max-consecutive", "Most faults in a row for one request key (3).");
    flagOption("quirk-empty-expand-assignments", "GET policy?$expand=assignments returns [] (Graph quirk).");
    flagOption("assignment-change-bumps-modified", "/_sim/mutate assignment edits bump lastModifiedDateTime.");

    if (!parser.parse(arguments)) {
        *error = parser.errorText();
        return false;
    }
    if (!parser.positionalArguments().isEmpty()) {
        *error = QStringLiteral("unexpected argument: %1").arg(parser.positionalArguments().constFirst());
        return false;
    }
    if (parser.isSet(help)) {
        if (helpRequested)
            *helpRequested = true;
        if (helpText)
            *helpText = parser.helpText();
        return true;
    }

    auto fail = [error](const char* name, const QString& value) {
        *error = QStringLiteral("invalid value for --%1: %2").arg(QString::fromLatin1(name), value);
        return false;
    };

    options->tenantProfiles = parser.values(QStringLiteral("tenant"));
    for (const QString& profile : std::as_const(options->tenantProfiles)) {
        static const QStringList known{QStringLiteral("demo"), QStringLiteral("small"), QStringLiteral("large"),
                                       QStringLiteral("empty")};
        if (!known.contains(profile))
            return fail("tenant", profile);
    }
    options->tenantFiles = parser.values(QStringLiteral("tenant-file"));
    options->saveTenantsDir = parser.value(QStringLiteral("save-tenants"));
    options->stateDir = parser.value(QStringLiteral("state-dir"));
    options->stateFile = parser.value(QStringLiteral("state-file"));
    options->infoFile = parser.value(QStringLiteral("info-file"));
    if (!options->stateFile.isEmpty() && (options->tenantProfiles.size() > 1 || !options->tenantFiles.isEmpty())) {
        *error = QStringLiteral("--state-file holds one tenant: give at most one --tenant and no --tenant-file");
        return false;
    }
    if (parser.isSet(QStringLiteral("seed"))) {
        bool ok = false;
        options->seed = parser.value(QStringLiteral("seed")).toULongLong(&ok);
        if (!ok)
            return fail("seed", parser.value(QStringLiteral("seed")));
    }
    for (const auto& [name, target] : {std::pair<const char*, quint16*>{"port", &options->port},
                                       std::pair<const char*, quint16*>{"https-port", &options->httpsPort}}) {
        const QString key = QString::fromLatin1(name);
        if (parser.isSet(key)) {
            bool ok = false;
            *target = parser.value(key).toUShort(&ok);
            if (!ok)
                return fail(name, parser.value(key));
        }
    }
    const IntOpt ints[] = {
        {"latency-ms", &options->latencyMs},         {"jitter-ms", &options->jitterMs},
        {"policy-page-size", &options->policyPageSize}, {"settings-page-size", &options->settingsPageSize},
        {"token-lifetime-s", &options->tokenLifetimeS}, {"app-requests", &options->appRequests},
        {"app-writes", &options->appWrites},         {"tenant-requests", &options->tenantRequests},
        {"tenant-writes", &options->tenantWrites},   {"fault-max-consecutive", &options->faultMaxConsecutive},
        {"directory-units", &options->directoryUnits},
        {"slow-ms", &options->slowMs},               {"idle-exit-s", &options->idleExitS},
        {"device-code-interval-s", &options->deviceCodeIntervalS},
        {"device-code-lifetime-s", &options->deviceCodeLifetimeS},
        {"auth-code-lifetime-s", &options->authCodeLifetimeS},
    };
    for (const IntOpt& opt : ints) {
        const QString key = QString::fromLatin1(opt.name);
        if (!parser.isSet(key))
            continue;
        bool ok = false;
        const int value = parser.value(key).toInt(&ok);
        if (!ok || value < 0)
            return fail(opt.name, parser.value(key));
        *opt.target = value;
    }
    for (const auto& [name, target] : {std::pair<const char*, qint64*>{"window-ms", &options->windowMs},
                                       std::pair<const char*, qint64*>{"directory-window-ms", &options->directoryWindowMs}}) {
        const QString key = QString::fromLatin1(name);
        if (!parser.isSet(key))
            continue;
        bool ok = false;
        *target = parser.value(key).toLongLong(&ok);
        if (!ok || *target <= 0)
            return fail(name, parser.value(key));
    }
    const RateOpt rates[] = {
        {"fault-503", &options->fault503},   {"fault-504", &options->fault504},
        {"fault-drop", &options->faultDrop}, {"fault-truncate", &options->faultTruncate},
        {"fault-html", &options->faultHtml}, {"fault-intune-json", &options->faultIntuneJson},
        {"fault-slow", &options->faultSlow},
    };
    for (const RateOpt& opt : rates) {
        const QString key = QString::fromLatin1(opt.name);
        if (!parser.isSet(key))
            continue;
        bool ok = false;
        const double value = parser.value(key).toDouble(&ok);
        if (!ok || value < 0 || value > 1)
            return fail(opt.name, parser.value(key));
        *opt.target = value;
    }
    if (parser.isSet(QStringLiteral("retry-after"))) {
        const QString mode = parser.value(QStringLiteral("retry-after"));
        if (mode == QLatin1String("integer"))
            options->retryAfter = RetryAfterMode::Integer;
        else if (mode == QLatin1String("fractional"))
            options->retryAfter = RetryAfterMode::Fractional;
        else if (mode == QLatin1String("missing"))
            options->retryAfter = RetryAfterMode::Missing;
        else
            return fail("retry-after", mode);
    }
    if (parser.isSet(QStringLiteral("fault-families"))) {
        options->faultFamilies =
            parser.value(QStringLiteral("fault-families")).split(QLatin1Char(','), Qt::SkipEmptyParts);
    }
    options->strictRefreshRotation = parser.isSet(QStringLiteral("strict-refresh-rotation"));
    options->intuneThrottleBody = parser.isSet(QStringLiteral("intune-throttle-body"));
    options->quirkEmptyExpandAssignments = parser.isSet(QStringLiteral("quirk-empty-expand-assignments"));
    options->assignmentChangeBumpsLastModified = parser.isSet(QStringLiteral("assignment-change-bumps-modified"));
    return true;
}

} // namespace graphsim
