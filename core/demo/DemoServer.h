// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

#include "core/common/Result.h"

#include <QByteArray>
#include <QString>
#include <QUrl>

#include <chrono>

namespace pv {

/// Where the demo tenant's graphsim answers, and the credentials of its app.
struct DemoEndpoint
{
    QUrl httpsUrl;              ///< Graph root and authority: https://127.0.0.1:<port>
    quint16 httpPort = 0;       ///< plain HTTP on loopback, for /_sim (mutate, info, shutdown)
    QString caCertPath;         ///< graphsim's CA; stable across restarts (<data-dir>/demo/tls/ca-cert.pem)
    QString entraTenantId;
    QString clientId;
    QByteArray clientSecret;    ///< graphsim's generated test credential, kept in its state file
    qint64 pid = 0;
    bool startedNow = false;    ///< this call started graphsim (else it was running already)
};

/// The demo tenant's server: one graphsim per data folder, serving the tenant saved in
/// `<data-dir>/demo/tenant.json` (graphsim writes every change back to it).
///
/// Whoever needs it first — the GUI, the CLI, a worker process, on any thread — starts it
/// as a detached background process and everyone else uses the running one: the URL, CA and
/// credentials are in `<data-dir>/demo/endpoint.json` (written by graphsim once it listens),
/// and a process counts as running only when `GET /_sim/info` on that port answers with the
/// same pid and state file. A lock file (`graphsim.lock`) lets one process start it at a
/// time; a mutex does the same for threads. graphsim exits by itself after `idleExitS`
/// seconds without a request, and the next caller starts it again, on the same HTTPS port
/// when that is free (so the demo tenant's stored URL stays valid) and with the same CA file
/// and client credentials.
///
/// graphsim is found through `POLICYVAULT_GRAPHSIM`, next to the running executable, or in
/// the build tree (in that order). All calls block (up to `startTimeout`): not on the GUI thread.
class DemoServer final
{
public:
    struct Options
    {
        QString program;                       ///< empty: find graphsim (see above)
        int idleExitS = 15 * 60;               ///< POLICYVAULT_DEMO_IDLE_EXIT_S overrides the default
        std::chrono::milliseconds startTimeout{std::chrono::seconds(30)};
    };

    /// The running graphsim of `dataDir`, started first when none answers. Io when the demo
    /// folder cannot be written, Unsupported when no graphsim executable is found, Network
    /// when it did not come up in time (its stderr is in <data-dir>/demo/graphsim.log).
    static Result<DemoEndpoint> ensureRunning(const QString& dataDir, const Options& options);
    static Result<DemoEndpoint> ensureRunning(const QString& dataDir) { return ensureRunning(dataDir, Options{}); }

    /// The endpoint of a graphsim that runs for `dataDir` now; NotFound when none does.
    static Result<DemoEndpoint> running(const QString& dataDir);

    /// Asks the running graphsim of `dataDir` to exit and waits (up to `timeout`) until its
    /// process is gone. Succeeds when none runs.
    static Status stop(const QString& dataDir, std::chrono::milliseconds timeout = std::chrono::seconds(15));

    /// The graphsim executable that ensureRunning would start; empty when there is none.
    static QString findProgram();

    static QString demoDir(const QString& dataDir);       ///< <data-dir>/demo
    static QString stateFilePath(const QString& dataDir); ///< <data-dir>/demo/tenant.json
    static QString endpointFilePath(const QString& dataDir);
};

} // namespace pv
