// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "core/demo/DemoServer.h"

#include "core/demo/LoopbackHttp.h"
#include "core/logging/Logging.h"
#include "core/runs/ProcessInfo.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLockFile>
#include <QProcess>
#include <QThread>

#include <mutex>

#ifdef Q_OS_WIN
#include <windows.h>
#endif

namespace pv {

namespace {

constexpr std::chrono::milliseconds InfoTimeout{3000};

/// Threads of one process take turns; the lock file does the same between processes (a
/// QLockFile held by this process is not stale for another QLockFile of the same process,
/// but two threads could both find the endpoint dead and both wait for the lock).
std::mutex& startMutex()
{
    static std::mutex mutex;
    return mutex;
}

QString samePath(const QString& path)
{
    return QDir::cleanPath(QFileInfo(path).absoluteFilePath());
}

/// The endpoint as graphsim wrote it, without checking that it still runs.
Result<DemoEndpoint> readEndpointFile(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return fail(ErrorCode::NotFound, QStringLiteral("no demo endpoint file %1").arg(path));
    QJsonParseError parseError;
    const QJsonObject info = QJsonDocument::fromJson(file.readAll(), &parseError).object();
    if (parseError.error != QJsonParseError::NoError)
        return fail(ErrorCode::Parse, QStringLiteral("%1: %2").arg(path, parseError.errorString()));
    const QJsonObject tenant = info.value(QStringLiteral("tenants")).toArray().first().toObject();
    DemoEndpoint endpoint;
    endpoint.httpsUrl = QUrl(info.value(QStringLiteral("https")).toString());
    endpoint.httpPort = quint16(QUrl(info.value(QStringLiteral("http")).toString()).port(0));
    endpoint.caCertPath = info.value(QStringLiteral("caCert")).toString();
    endpoint.pid = info.value(QStringLiteral("pid")).toInteger();
    endpoint.entraTenantId = tenant.value(QStringLiteral("tenantId")).toString();
    endpoint.clientId = tenant.value(QStringLiteral("clientId")).toString();
    endpoint.clientSecret = tenant.value(QStringLiteral("clientSecret")).toString().toUtf8();
    if (!endpoint.httpsUrl.isValid() || endpoint.httpsUrl.port(0) == 0 || endpoint.httpPort == 0 || endpoint.pid <= 0
        || endpoint.entraTenantId.isEmpty() || endpoint.clientId.isEmpty() || endpoint.clientSecret.isEmpty())
        return fail(ErrorCode::Parse, QStringLiteral("%1 lacks URLs, pid or credentials").arg(path));
    return endpoint;
}

/// True when the process behind `endpoint` is the graphsim of `stateFile`: a port can be
/// reused by another graphsim (a test's, another data folder's) after ours exited.
bool answers(const DemoEndpoint& endpoint, const QString& stateFile)
{
    auto reply = demo::loopbackRequest(endpoint.httpPort, "GET", "/_sim/info", {}, InfoTimeout);
    if (!reply || reply->status != 200)
        return false;
    const QJsonObject info = QJsonDocument::fromJson(reply->body).object();
    return info.value(QStringLiteral("pid")).toInteger() == endpoint.pid
        && samePath(info.value(QStringLiteral("stateFile")).toString()) == samePath(stateFile);
}

Result<DemoEndpoint> runningEndpoint(const QString& dataDir)
{
    auto endpoint = readEndpointFile(DemoServer::endpointFilePath(dataDir));
    if (!endpoint)
        return endpoint;
    if (!answers(*endpoint, DemoServer::stateFilePath(dataDir)))
        return fail(ErrorCode::NotFound, QStringLiteral("the demo tenant's graphsim is not running"));
    return endpoint;
}

QString tailOfLog(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QString::fromUtf8(file.readAll().right(600)).trimmed();
}

int idleExitSeconds(const DemoServer::Options& options)
{
    bool ok = false;
    const int fromEnv = qEnvironmentVariableIntValue("POLICYVAULT_DEMO_IDLE_EXIT_S", &ok);
    return ok && fromEnv > 0 ? fromEnv : options.idleExitS;
}

/// Starts graphsim detached on `httpsPort` (0: any) and waits until it wrote its endpoint
/// file and answers. `portTaken` is set when it exited because the port was in use.
Result<DemoEndpoint> startOnce(const QString& dataDir, const QString& program, quint16 httpsPort,
                               const DemoServer::Options& options, bool* portTaken)
{
    const QString dir = DemoServer::demoDir(dataDir);
    const QString endpointFile = DemoServer::endpointFilePath(dataDir);
    const QString logFile = QDir(dir).filePath(QStringLiteral("graphsim.log"));
    QFile::remove(endpointFile);   // a stale one must not be mistaken for the new process's

    QProcess process;
    process.setProgram(program);
    process.setArguments({QStringLiteral("--state-file"), DemoServer::stateFilePath(dataDir),
                          QStringLiteral("--state-dir"), QDir(dir).filePath(QStringLiteral("tls")),
                          QStringLiteral("--info-file"), endpointFile,
                          QStringLiteral("--idle-exit-s"), QString::number(idleExitSeconds(options)),
                          QStringLiteral("--https-port"), QString::number(httpsPort),
                          QStringLiteral("--port"), QStringLiteral("0")});
    process.setWorkingDirectory(dir);
    process.setStandardInputFile(QProcess::nullDevice());
    process.setStandardOutputFile(QProcess::nullDevice());
    process.setStandardErrorFile(logFile);   // truncated: the log of the current graphsim
#ifdef Q_OS_WIN
    // A console program started detached would open a console window of its own.
    process.setCreateProcessArgumentsModifier([](QProcess::CreateProcessArguments* arguments) {
        arguments->flags = (arguments->flags & ~DWORD(CREATE_NEW_CONSOLE)) | CREATE_NO_WINDOW;
    });
#endif
    qint64 pid = 0;
    if (!process.startDetached(&pid))
        return fail(ErrorCode::Io, QStringLiteral("cannot start %1: %2").arg(program, process.errorString()));
    log::info(log::App, QStringLiteral("demo tenant: started graphsim (pid %1) for %2").arg(pid).arg(dir));

    const QDeadlineTimer deadline(options.startTimeout);
    while (!deadline.hasExpired()) {
        if (auto endpoint = readEndpointFile(endpointFile); endpoint && endpoint->pid == pid) {
            if (answers(*endpoint, DemoServer::stateFilePath(dataDir))) {
                endpoint->startedNow = true;
                return endpoint;
            }
        }
        if (!isProcessAlive(ProcessIdentity{pid, 0, {}})) {
            const QString why = tailOfLog(logFile);
            *portTaken = why.contains(QStringLiteral("cannot listen"));
            return fail(ErrorCode::Network, QStringLiteral("graphsim exited at start: %1").arg(why));
        }
        // Another process's start-up: nothing to wake us but the file appearing.
        QThread::msleep(50);
    }
    return fail(ErrorCode::Network, QStringLiteral("graphsim (pid %1) did not answer within %2 s; see %3")
                                        .arg(pid).arg(options.startTimeout.count() / 1000).arg(logFile));
}

} // namespace

QString DemoServer::demoDir(const QString& dataDir)
{
    return QDir(dataDir).absoluteFilePath(QStringLiteral("demo"));
}

QString DemoServer::stateFilePath(const QString& dataDir)
{
    return QDir(demoDir(dataDir)).filePath(QStringLiteral("tenant.json"));
}

QString DemoServer::endpointFilePath(const QString& dataDir)
{
    return QDir(demoDir(dataDir)).filePath(QStringLiteral("endpoint.json"));
}

QString DemoServer::findProgram()
{
    if (const QString fromEnv = qEnvironmentVariable("POLICYVAULT_GRAPHSIM"); !fromEnv.isEmpty())
        return QFileInfo(fromEnv).isExecutable() ? fromEnv : QString();
#ifdef Q_OS_WIN
    const QString name = QStringLiteral("graphsim.exe");
#else
    const QString name = QStringLiteral("graphsim");
#endif
    QStringList candidates;
    if (QCoreApplication::instance())
        candidates << QDir(QCoreApplication::applicationDirPath()).filePath(name);   // installed beside us
#ifdef PV_GRAPHSIM_BUILD_PATH
    candidates << QStringLiteral(PV_GRAPHSIM_BUILD_PATH);   // a build tree: <build>/bin/graphsim
#endif
    for (const QString& candidate : std::as_const(candidates)) {
        if (QFileInfo(candidate).isExecutable())
            return candidate;
    }
    return {};
}

Result<DemoEndpoint> DemoServer::running(const QString& dataDir)
{
    return runningEndpoint(dataDir);
}

Result<DemoEndpoint> DemoServer::ensureRunning(const QString& dataDir, const Options& options)
{
    const std::lock_guard<std::mutex> threads(startMutex());
    if (auto endpoint = runningEndpoint(dataDir))
        return endpoint;

    const QString dir = demoDir(dataDir);
    if (!QDir().mkpath(dir))
        return fail(ErrorCode::Io, QStringLiteral("cannot create the demo folder %1").arg(dir));
    // The state file holds the demo app's (simulated) credentials: this user's only.
    QFile::setPermissions(dir, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);

    QLockFile lock(QDir(dir).filePath(QStringLiteral("graphsim.lock")));
    lock.setStaleLockTime(std::chrono::seconds(120));   // a dead holder is detected by its pid sooner
    const auto waitMs = std::chrono::duration_cast<std::chrono::milliseconds>(options.startTimeout).count() * 2;
    if (!lock.tryLock(int(waitMs)))
        return fail(ErrorCode::Conflict,
                    QStringLiteral("another process has been starting the demo tenant's graphsim for too long (%1)")
                        .arg(lock.fileName()));
    // The holder before us may have started it.
    if (auto endpoint = runningEndpoint(dataDir))
        return endpoint;

    const QString program = options.program.isEmpty() ? findProgram() : options.program;
    if (program.isEmpty())
        return fail(ErrorCode::Unsupported,
                    QStringLiteral("graphsim, which serves the demo tenant, was not found next to %1; set "
                                   "POLICYVAULT_GRAPHSIM to its path")
                        .arg(QCoreApplication::instance() ? QCoreApplication::applicationDirPath() : QString()));

    // The last port, so the demo tenant's stored URL stays valid; any port when it is taken.
    const quint16 lastPort = [&] {
        auto last = readEndpointFile(endpointFilePath(dataDir));
        return last ? quint16(last->httpsUrl.port(0)) : quint16(0);
    }();
    bool portTaken = false;
    auto started = startOnce(dataDir, program, lastPort, options, &portTaken);
    if (!started && lastPort != 0 && portTaken) {
        log::info(log::App, QStringLiteral("demo tenant: port %1 is taken, graphsim picks another").arg(lastPort));
        started = startOnce(dataDir, program, 0, options, &portTaken);
    }
    return started;
}

Status DemoServer::stop(const QString& dataDir, std::chrono::milliseconds timeout)
{
    auto endpoint = runningEndpoint(dataDir);
    if (!endpoint)
        return {};
    // Whether the reply arrives or the connection closes first, the process going away is
    // what counts.
    auto reply = demo::loopbackRequest(endpoint->httpPort, "POST", "/_sim/shutdown", "{}", InfoTimeout);
    const QDeadlineTimer deadline(timeout);
    while (isProcessAlive(ProcessIdentity{endpoint->pid, 0, {}})) {
        if (deadline.hasExpired())
            return fail(ErrorCode::Conflict, QStringLiteral("graphsim (pid %1) is still running (%2)")
                                                 .arg(endpoint->pid)
                                                 .arg(reply ? QStringLiteral("HTTP %1").arg(reply->status)
                                                            : reply.error().message));
        QThread::msleep(20);
    }
    return {};
}

} // namespace pv
