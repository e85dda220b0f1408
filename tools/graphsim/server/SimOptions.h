// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

#include <QString>
#include <QStringList>

namespace graphsim {

enum class RetryAfterMode { Integer, Fractional, Missing };

/// Every knob of graphsim; the command line (parseSimOptions) and in-process tests fill it.
struct SimOptions
{
    QStringList tenantProfiles;     ///< demo | small | large | empty, one tenant each
    QStringList tenantFiles;        ///< tenants saved as JSON
    QString saveTenantsDir;         ///< write every tenant as <name>.json here at start-up
    quint64 seed = 1;
    quint16 port = 0;               ///< HTTP port; 0 picks a free one
    quint16 httpsPort = 0;          ///< HTTPS port; 0 picks a free one
    QString stateDir;               ///< where certificates go; empty = a temporary directory.
                                    ///< An explicit one keeps them: a restart reuses what is there
                                    ///< and still valid, so a client's stored CA path keeps working.
    /// Persistent mode: the one tenant's state, loaded at start (created from the first
    /// --tenant profile, default demo, when absent) and saved atomically after every change.
    QString stateFile;
    QString infoFile;               ///< also write the startup JSON here (atomically) once listening
    int idleExitS = 0;              ///< exit after this many seconds without a request; 0 = never
    /// POST /_sim/shutdown quits the process; only the executable turns it on (an in-process
    /// server must not quit its test).
    bool shutdownEndpoint = false;
    int latencyMs = 0;
    int jitterMs = 0;
    int policyPageSize = 25;
    int settingsPageSize = 1000;
    int tokenLifetimeS = 3599;
    // Delegated flows (device code, authorization code + PKCE, refresh tokens).
    int deviceCodeIntervalS = 5;    ///< Entra's polling interval; tests shorten it
    int deviceCodeLifetimeS = 900;  ///< device code expires_in
    int authCodeLifetimeS = 600;    ///< authorization codes live about 10 minutes
    /// A refresh token that has been redeemed stops working (Entra keeps it valid).
    bool strictRefreshRotation = false;

    // Throttling (Intune's budgets by default).
    int appRequests = 1000;
    int appWrites = 100;
    int tenantRequests = 2000;
    int tenantWrites = 200;
    qint64 windowMs = 20000;
    // Entra ID directory budget (resource units per tenant+app), apart from Intune's.
    int directoryUnits = 3500;
    qint64 directoryWindowMs = 10000;
    RetryAfterMode retryAfter = RetryAfterMode::Integer;
    bool intuneThrottleBody = false;

    // Faults: probabilities 0..1 per request.
    double fault503 = 0;
    double fault504 = 0;
    double faultDrop = 0;
    double faultTruncate = 0;
    double faultHtml = 0;
    double faultIntuneJson = 0;
    double faultSlow = 0;
    int slowMs = 1200;
    QStringList faultFamilies;      ///< empty = every route family
    int faultMaxConsecutive = 3;
    bool quirkEmptyExpandAssignments = false;
    bool assignmentChangeBumpsLastModified = false;
};

/// Parses graphsim's command line (arguments including argv[0]). Returns false and sets
/// *error on bad input; *helpText is filled for --help.
bool parseSimOptions(const QStringList& arguments, SimOptions* options, QString* error, bool* helpRequested = nullptr,
                     QString* helpText = nullptr);

} // namespace graphsim
