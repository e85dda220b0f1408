// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
// Test helper for tst_auditlog: appends audit rows to a database from its own process, so two
// of them can race on one file.
//   pv_audit_append_helper DB_PATH --count N --actor NAME [--threads T] [--pace-us US] [--open-after-go]
// It prints "ready" and waits for a line on stdin before it starts appending, so the test can
// release both processes at the same moment. With --open-after-go it opens (and migrates) the
// database only after that line, to race two processes on a fresh file. --pace-us pauses
// between appends like a real caller does; without it one process re-takes the write lock
// back-to-back and the other mostly waits in SQLite's busy handler. --threads splits the
// appends over T threads, each with its own connection.
#include "core/store/AuditLog.h"
#include "core/store/Database.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QThread>

#include <atomic>
#include <cstdio>
#include <memory>
#include <vector>

namespace {

std::shared_ptr<pv::Database> openDatabase(const QString& path)
{
    pv::Database::Options options;
    options.path = path;
    options.busyTimeout = std::chrono::milliseconds(30000);
    auto database = pv::Database::open(options);
    if (!database) {
        std::fprintf(stderr, "open failed: %s\n", qPrintable(database.error().toString()));
        return {};
    }
    return *database;
}

} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("db"), QStringLiteral("database file"));
    const QCommandLineOption countOption(QStringLiteral("count"), QStringLiteral("rows to append"), QStringLiteral("N"));
    const QCommandLineOption actorOption(QStringLiteral("actor"), QStringLiteral("actor name"), QStringLiteral("NAME"));
    const QCommandLineOption threadsOption(QStringLiteral("threads"), QStringLiteral("threads"), QStringLiteral("T"),
                                           QStringLiteral("1"));
    const QCommandLineOption paceOption(QStringLiteral("pace-us"), QStringLiteral("pause between appends"),
                                        QStringLiteral("US"), QStringLiteral("0"));
    const QCommandLineOption openLateOption(QStringLiteral("open-after-go"), QStringLiteral("open after the go line"));
    parser.addOptions({countOption, actorOption, threadsOption, paceOption, openLateOption});
    parser.process(app);
    const int count = parser.value(countOption).toInt();
    const int threadCount = parser.value(threadsOption).toInt();
    const unsigned long paceUs = parser.value(paceOption).toULong();
    const QString actor = parser.value(actorOption);
    if (parser.positionalArguments().size() != 1 || count < 0 || threadCount < 1 || actor.isEmpty()) {
        std::fputs("usage: pv_audit_append_helper DB_PATH --count N --actor NAME [--threads T] [--pace-us US]"
                   " [--open-after-go]\n", stderr);
        return 3;
    }
    const QString path = parser.positionalArguments().constFirst();

    std::shared_ptr<pv::Database> database;
    if (!parser.isSet(openLateOption)) {
        database = openDatabase(path);
        if (!database)
            return 2;
    }

    // stdout is a pipe, so the C library buffers it: flush, or the test never sees "ready".
    std::fputs("ready\n", stdout);
    std::fflush(stdout);
    QFile in;
    if (!in.open(stdin, QIODevice::ReadOnly))
        return 2;
    in.readLine();

    if (!database) {
        database = openDatabase(path);
        if (!database)
            return 2;
    }
    const pv::AuditLog audit(database);

    std::atomic<int> failures{0};
    auto appendRange = [&](int first, int step) {
        for (int i = first; i < count; i += step) {
            const std::optional<qint64> tenant = i % 3 == 0 ? std::nullopt : std::optional<qint64>(i % 3);
            const pv::Status status = audit.append(tenant, actor, QStringLiteral("test.append"),
                                                   QStringLiteral("item:%1").arg(i),
                                                   QStringLiteral("%1 appended row %2").arg(actor).arg(i));
            if (!status) {
                std::fprintf(stderr, "append %d failed: %s\n", i, qPrintable(status.error().toString()));
                ++failures;
            }
            if (paceUs > 0)
                QThread::usleep(paceUs);
        }
    };
    std::vector<std::unique_ptr<QThread>> threads;
    for (int t = 0; t < threadCount; ++t)
        threads.emplace_back(QThread::create(appendRange, t, threadCount));
    for (auto& thread : threads)
        thread->start();
    for (auto& thread : threads)
        thread->wait();
    if (failures.load() > 0)
        return 1;
    std::printf("appended %d\n", count);
    std::fflush(stdout);
    return 0;
}
