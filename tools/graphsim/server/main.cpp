// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
// graphsim: the local Microsoft Graph + Entra ID simulator. Prints one JSON line with its
// URLs, CA and credentials, serves until SIGTERM/SIGINT (Ctrl+C on Windows), exits 0.
#include "tools/graphsim/server/SimOptions.h"
#include "tools/graphsim/server/SimServer.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QSaveFile>
#include <QTimer>

#include <algorithm>
#include <atomic>
#include <cstdio>

#ifdef Q_OS_WIN
#include <windows.h>
#else
#include <QSocketNotifier>

#include <csignal>
#include <fcntl.h>
#include <unistd.h>
#endif

namespace {

#ifdef Q_OS_WIN
std::atomic_bool g_stopRequested{false};

BOOL WINAPI consoleHandler(DWORD type)
{
    if (type == CTRL_C_EVENT || type == CTRL_BREAK_EVENT || type == CTRL_CLOSE_EVENT) {
        g_stopRequested = true;
        return TRUE;
    }
    return FALSE;
}

void installStopHandler(QCoreApplication& app)
{
    SetConsoleCtrlHandler(consoleHandler, TRUE);
    // The handler runs on its own thread; a timer on the main thread turns the flag into quit().
    auto* timer = new QTimer(&app);
    QObject::connect(timer, &QTimer::timeout, &app, [] {
        if (g_stopRequested)
            QCoreApplication::quit();
    });
    timer->start(50);
}
#else
int g_signalPipe[2] = {-1, -1};

void onSignal(int)
{
    const char byte = 1;
    // Only async-signal-safe calls here: the event loop reads the pipe.
    [[maybe_unused]] const ssize_t written = ::write(g_signalPipe[1], &byte, 1);
}

void installStopHandler(QCoreApplication& app)
{
    if (::pipe(g_signalPipe) != 0)
        return;
    ::fcntl(g_signalPipe[1], F_SETFL, O_NONBLOCK);
    auto* notifier = new QSocketNotifier(g_signalPipe[0], QSocketNotifier::Read, &app);
    QObject::connect(notifier, &QSocketNotifier::activated, &app, [] {
        char byte = 0;
        [[maybe_unused]] const ssize_t got = ::read(g_signalPipe[0], &byte, 1);
        QCoreApplication::quit();
    });
    struct sigaction action = {};
    action.sa_handler = onSignal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    ::sigaction(SIGTERM, &action, nullptr);
    ::sigaction(SIGINT, &action, nullptr);
    ::signal(SIGPIPE, SIG_IGN);
}
#endif

} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("graphsim"));

    graphsim::SimOptions options;
    QString error;
    bool help = false;
    QString helpText;
    if (!graphsim::parseSimOptions(QCoreApplication::arguments(), &options, &error, &help, &helpText)) {
        std::fprintf(stderr, "graphsim: %s\n", qPrintable(error));
        return 2;
    }
    if (help) {
        std::fputs(qPrintable(helpText), stdout);
        return 0;
    }
    installStopHandler(app);
    options.shutdownEndpoint = true;   // a detached graphsim (the demo tenant's) has no console

    graphsim::SimServer server(options);
    if (!server.start(&error)) {
        std::fprintf(stderr, "graphsim: %s\n", qPrintable(error));
        return 1;
    }
    const QByteArray line = QJsonDocument(server.startupInfo()).toJson(QJsonDocument::Compact);
    if (!options.infoFile.isEmpty()) {
        // Atomic, and only once listening: whoever sees the file can connect.
        QSaveFile info(options.infoFile);
        if (!info.open(QIODevice::WriteOnly) || info.write(line + '\n') != line.size() + 1 || !info.commit()) {
            std::fprintf(stderr, "graphsim: cannot write %s: %s\n", qPrintable(options.infoFile),
                         qPrintable(info.errorString()));
            return 1;
        }
    }
    std::fwrite(line.constData(), 1, static_cast<size_t>(line.size()), stdout);
    std::fputc('\n', stdout);
    std::fflush(stdout);

    if (options.idleExitS > 0) {
        // Polled rather than re-armed per request: requests are handled on the server thread.
        auto* idle = new QTimer(&app);
        const qint64 limitMs = qint64(options.idleExitS) * 1000;
        QObject::connect(idle, &QTimer::timeout, &app, [&server, limitMs] {
            if (server.idleMs() >= limitMs) {
                std::fprintf(stderr, "graphsim: no request for %lld s, exiting\n", limitMs / 1000);
                QCoreApplication::quit();
            }
        });
        idle->start(std::min<qint64>(1000, limitMs / 4 + 1));
    }

    const int rc = QCoreApplication::exec();
    server.stop();
    return rc;
}
