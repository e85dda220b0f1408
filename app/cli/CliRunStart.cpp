// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
// How every start command starts its run: handed to a detached worker process (the default:
// starting never waits for Graph work), or executed/followed here to its end (--wait).
#include "app/cli/CliApp.h"
#include "app/cli/CliFormat.h"
#include "app/cli/CliLookup.h"
#include "app/cli/CliWorkerProtocol.h"
#include "app/cli/ConsoleSignals.h"
#include "app/cli/SecretInput.h"

#include "core/graph/DelegatedSignIn.h"
#include "core/store/TenantRepository.h"

#include "core/restore/RestoreRequests.h"
#include "core/runs/ProcessInfo.h"
#include "core/runs/RunService.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDeadlineTimer>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QThread>
#include <QUuid>

namespace pv::cli {
namespace {

/// How long a start waits for its worker to claim the run. The worker only opens the store
/// and runs one start transaction; a store busy with another process's writes can delay
/// that by its busy timeout, hardly longer.
constexpr std::chrono::seconds WorkerAnswerTimeout{60};
/// How often a waiting command looks at the run's row. Reading the row (not only our own
/// signals) lets the same loop follow a run that another process executes.
constexpr unsigned long PollIntervalMs = 100;

} // namespace

ExitCode CliApp::startRun(const TenantScope& scope, const RunRequest& request)
{
    if (const ExitCode signedIn = ensureSignedIn(scope); signedIn != ExitCode::Success)
        return signedIn;
    return isSet("wait") ? startAndWait(scope, request) : startDetached(scope, request);
}

ExitCode CliApp::ensureSignedIn(const TenantScope& scope)
{
    const Result<TenantRecord> tenant = m_tenants->byId(scope.tenantId());
    if (!tenant)
        return m_out->error(tenant.error());
    if (!needsSignIn(*tenant))
        return ExitCode::Success;
    // Only a person at this terminal can sign in, and only a run this command waits for has
    // one: a detached worker never prompts, and a script's stdin is no person.
    if (!isSet("wait") || !stdinIsTerminal())
        return m_out->error(fail(ErrorCode::Auth, graph::signInFirstMessage(tenant->name)).error);
    m_out->progress(QStringLiteral("%1 needs you to sign in first.").arg(tenant->name));
    const Result<QString> user = signInPerson(*tenant, tenant->authMethod == QLatin1String("interactive"));
    if (!user)
        return m_out->error(user.error());
    m_out->progress(QStringLiteral("Signed in to %1 as %2.").arg(tenant->name, *user));
    return ExitCode::Success;
}

ExitCode CliApp::printStarted(qint64 runId, bool reused, const QString& status, const QString& kind)
{
    if (m_out->isJson()) {
        m_out->json(QJsonObject{{QStringLiteral("runId"), runId},
                                {QStringLiteral("reused"), reused},
                                {QStringLiteral("status"), status},
                                {QStringLiteral("kind"), kind}});
    } else {
        m_out->line(reused ? QStringLiteral("An equal %1 run was already active: run %2 (%3).").arg(kind).arg(runId).arg(status)
                           : QStringLiteral("Started %1 run %2 (%3) in the background.").arg(kind).arg(runId).arg(status));
        m_out->line(QStringLiteral("Follow it with: policyvault-cli runs show %1 --tenant %2").arg(runId).arg(option("tenant")));
    }
    return ExitCode::Success;
}

ExitCode CliApp::startDetached(const TenantScope& scope, const RunRequest& request)
{
    const QDir workers(QDir(m_dataDir).filePath(QStringLiteral("workers")));
    if (!QDir().mkpath(workers.path()))
        return m_out->error(fail(ErrorCode::Io, QStringLiteral("cannot create %1").arg(workers.path())).error);
    // Hand-off files that a start killed mid-wait left behind; a day is far beyond any hand-off.
    const QDateTime stale = QDateTime::currentDateTimeUtc().addDays(-1);
    for (const QFileInfo& file : workers.entryInfoList(QDir::Files)) {
        if (file.lastModified().toUTC() < stale)
            QFile::remove(file.filePath());
    }
    const QString requestPath = workers.filePath(QUuid::createUuid().toString(QUuid::WithoutBraces) + QStringLiteral(".json"));
    if (const Status written = WorkerProtocol::writeRequest(requestPath, {scope.tenantId(), request}); !written)
        return m_out->error(written.error());

    QProcess process;
    process.setProgram(QCoreApplication::applicationFilePath());
    process.setArguments({QStringLiteral("--data-dir"), m_dataDir, QStringLiteral("worker"), requestPath});
    // No inherited stdin/stdout/stderr: a script reading our output until EOF (`$(…)`) must not
    // wait for the worker, and the worker must not write into a terminal that may close.
    process.setStandardInputFile(QProcess::nullDevice());
    process.setStandardOutputFile(QProcess::nullDevice());
    process.setStandardErrorFile(QProcess::nullDevice());
    // It must not keep the user's current folder busy (an unmount, a deleted folder).
    process.setWorkingDirectory(m_dataDir);
    ConsoleSignals::prepareDetachedProcess(process);
    qint64 pid = 0;
    if (!process.startDetached(&pid)) {
        QFile::remove(requestPath);
        return m_out->error(fail(ErrorCode::Internal, QStringLiteral("cannot start the background process: %1")
                                                          .arg(process.errorString())).error);
    }

    // Wait until the worker owns the run (or says why not): only then is there no moment in
    // which a queued run has no live owner.
    const QString handoffPath = WorkerProtocol::handoffPath(requestPath);
    const ProcessIdentity worker{pid, 0, currentHostName()};
    QDeadlineTimer deadline(WorkerAnswerTimeout);
    while (!QFile::exists(handoffPath)) {
        if (!isProcessAlive(worker) && !QFile::exists(handoffPath)) {
            QFile::remove(requestPath);
            return m_out->error(fail(ErrorCode::Internal,
                                     QStringLiteral("the background process (pid %1) ended before it took the run; "
                                                    "see policyvault-cli.log in %2").arg(pid).arg(m_dataDir)).error);
        }
        if (deadline.hasExpired())
            return m_out->error(fail(ErrorCode::Internal,
                                     QStringLiteral("the background process (pid %1) did not take the run within %2 s; "
                                                    "see 'runs list' and policyvault-cli.log in %3")
                                         .arg(pid).arg(WorkerAnswerTimeout.count()).arg(m_dataDir)).error);
        QThread::msleep(10);
    }
    auto handoff = WorkerProtocol::readHandoff(requestPath);
    QFile::remove(handoffPath);
    if (!handoff)
        return m_out->error(handoff.error());
    return printStarted(handoff->runId, handoff->reused, handoff->status, handoff->kind);
}

ExitCode CliApp::startAndWait(const TenantScope& scope, const RunRequest& request)
{
    ConsoleSignals::installInterruptHandler();
    auto started = m_runs->start(scope, request);
    if (!started)
        return m_out->error(started.error());
    const qint64 runId = started->runId;
    // A new run is ours: this process executes it. A reused one is another process's (a GUI,
    // a worker, another --wait): we only follow it, and Ctrl+C only stops following.
    const bool executing = !started->reused;
    m_out->progress(executing ? QStringLiteral("Run %1 started; Ctrl+C cancels it.").arg(runId)
                              : QStringLiteral("Following run %1, which another process executes; Ctrl+C stops following.")
                                    .arg(runId));

    bool cancelRequested = false;
    bool stoppedFollowing = false;
    QString lastProgress;
    QElapsedTimer sinceProgress;
    sinceProgress.start();
    RunRecord run;
    for (;;) {
        QCoreApplication::processEvents();
        auto current = m_runs->run(scope, runId);
        if (!current)
            return m_out->error(current.error());
        run = current.value();
        if (!isActive(run.status))
            break;
        if (ConsoleSignals::interruptCount() > 0) {
            if (!executing) {
                stoppedFollowing = true;
                break;
            }
            if (!cancelRequested) {
                cancelRequested = true;
                // A run that ended meanwhile makes this a Conflict; the loop then sees its end.
                (void)m_runs->cancel(scope, runId);
                m_out->progress(QStringLiteral("Cancelling run %1 after its current items… (Ctrl+C again leaves at once)")
                                    .arg(runId));
            }
        }
        const QString progress = QStringLiteral("Run %1 %2: %3/%4 items")
                                     .arg(runId).arg(runStatusName(run.status)).arg(run.progressDone).arg(run.progressTotal);
        if (progress != lastProgress && sinceProgress.elapsed() >= 1000) {
            m_out->progress(progress);
            lastProgress = progress;
            sinceProgress.restart();
        }
        QThread::msleep(PollIntervalMs);
    }
    // The run's end is committed; let our executor write its notification and wind down.
    if (executing)
        (void)m_runs->waitForIdle(std::chrono::seconds(30));
    if (run.kind == QLatin1String(restore::PreviewKind) && !stoppedFollowing)
        return printPreviewPlan(scope, run);   // the plan is what a preview's caller waited for

    QJsonObject object{{QStringLiteral("runId"), runId},
                       {QStringLiteral("reused"), started->reused},
                       {QStringLiteral("status"), runStatusName(run.status)},
                       {QStringLiteral("kind"), run.kind},
                       {QStringLiteral("counts"), format::countsJson(run.counts)}};
    qint64 snapshotId = 0;
    if (run.kind == QLatin1String("backup")) {
        auto snapshot = lookup::snapshotOfRun(m_database, scope, runId);
        if (!snapshot)
            return m_out->error(snapshot.error());
        snapshotId = snapshot.value();
        object.insert(QStringLiteral("snapshotId"), format::idOrNull(snapshotId));
    }
    if (!run.errorSummary.isEmpty())
        object.insert(QStringLiteral("errorSummary"), run.errorSummary);

    if (m_out->isJson()) {
        m_out->json(object);
    } else if (stoppedFollowing) {
        m_out->line(QStringLiteral("Stopped following run %1; it goes on (%2/%3 items so far).")
                        .arg(runId).arg(run.progressDone).arg(run.progressTotal));
    } else {
        m_out->line(QStringLiteral("Run %1 (%2) %3: %4.")
                        .arg(runId).arg(run.kind, runStatusName(run.status), format::countsText(run.counts)));
        if (snapshotId > 0)
            m_out->line(QStringLiteral("Snapshot %1. Show it with: policyvault-cli snapshots show %1 --tenant %2")
                            .arg(snapshotId).arg(option("tenant")));
        if (!run.errorSummary.isEmpty())
            m_out->line(QStringLiteral("Error: %1").arg(run.errorSummary));
    }
    return stoppedFollowing ? ExitCode::Failure : ExitCode(format::exitCodeForStatus(run.status));
}

} // namespace pv::cli
