// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
// The hidden `worker FILE` command: the detached process a start command hands its run to
// (protocol in CliWorkerProtocol.h).
#include "app/cli/CliApp.h"
#include "app/cli/CliWorkerProtocol.h"
#include "app/cli/ConsoleSignals.h"

#include "core/logging/Logging.h"
#include "core/runs/AccessGate.h"
#include "core/runs/RunService.h"

#include <QCoreApplication>
#include <QFile>

namespace pv::cli {

ExitCode CliApp::workerCommand(const QStringList& words)
{
    // First: neither the terminal's Ctrl+C nor its hang-up may end the run we are about to own.
    ConsoleSignals::detachFromTerminal();
    if (words.size() != 1)
        return m_out->usageError(QStringLiteral("worker takes one request file"));
    const QString requestPath = words.first();
    auto request = WorkerProtocol::readRequest(requestPath);
    QFile::remove(requestPath);
    if (!request) {
        (void)WorkerProtocol::writeHandoffError(requestPath, request.error());
        return ExitCode::Failure;
    }
    if (openStore() != ExitCode::Success) {
        (void)WorkerProtocol::writeHandoffError(
            requestPath, fail(ErrorCode::Database,
                              QStringLiteral("the background process could not open the store; see policyvault-cli.log in %1")
                                  .arg(m_dataDir)).error);
        return ExitCode::Failure;
    }
    auto scope = m_gate->enter(request->tenantId);
    if (!scope) {
        (void)WorkerProtocol::writeHandoffError(requestPath, scope.error());
        return ExitCode::Failure;
    }
    // The start is ours, so the run's owner is this process from its first committed moment.
    auto started = m_runs->start(scope.value(), request->run);
    if (!started) {
        (void)WorkerProtocol::writeHandoffError(requestPath, started.error());
        return ExitCode::Failure;
    }
    const qint64 runId = started->runId;
    auto run = m_runs->run(scope.value(), runId);
    WorkerProtocol::Handoff handoff;
    handoff.runId = runId;
    handoff.reused = started->reused;
    handoff.status = run ? runStatusName(run->status) : runStatusName(RunStatus::Queued);
    handoff.kind = request->run.kind;
    if (const Status written = WorkerProtocol::writeHandoff(requestPath, handoff); !written) {
        // Nobody would learn of the run: do not leave it behind.
        log::error(log::App, QStringLiteral("worker: cannot hand run %1 over: %2").arg(runId).arg(written.error().message));
        if (!started->reused)
            (void)m_runs->cancel(scope.value(), runId);
    }
    log::info(log::App, QStringLiteral("worker (pid %1): %2 run %3 (%4)")
                            .arg(QCoreApplication::applicationPid())
                            .arg(started->reused ? QStringLiteral("found the active") : QStringLiteral("executes"))
                            .arg(runId)
                            .arg(request->run.kind));
    // A reused run is another process's: nothing to do here. Ours runs to its end, then we exit.
    if (!started->reused) {
        while (!m_runs->waitForIdle(std::chrono::hours(1))) {
        }
    }
    return ExitCode::Success;
}

} // namespace pv::cli
