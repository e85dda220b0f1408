// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
// 50 identical backup starts at about the same instant — from three other processes
// (pv_run_helper, which registers the shipped kinds on the services the GUI makes), from ten
// policyvault-cli processes (five that hand the run to a detached worker, five with --wait that
// follow it) and from threads of this process — share one run: every caller gets the same run
// id, exactly one of them created it, and the store holds one backup run of the tenant.
#include "BackupHelperProcess.h"
#include "CaptureTestEnv.h"

#include "core/capture/CaptureRequests.h"
#include "core/store/Database.h"

#include <QDateTime>
#include <QFileInfo>
#include <QProcess>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlQuery>
#include <QTest>
#include <QThread>

#include <latch>
#include <memory>
#include <vector>

using namespace pv;

class TestBackupStarts : public QObject
{
    Q_OBJECT

private slots:
    void fiftyIdenticalStartsShareOneRun();
};

void TestBackupStarts::fiftyIdenticalStartsShareOneRun()
{
    // A slow Graph keeps the backup listing for far longer than the starts take (every list
    // page costs 3 s), so every start meets it active; the test checks that it still was.
    graphsim::SimOptions options;
    options.tenantProfiles = {QStringLiteral("small")};
    options.latencyMs = 3000;
    CaptureTestEnv env(options);
    QString error;
    QVERIFY2(env.start(&error), qPrintable(error));
    const QString secret = env.graph().tenant(0).clientSecret;

    constexpr int Processes = 3;
    constexpr int CliDetached = 5;
    constexpr int CliWaiting = 5;
    constexpr int ThreadsPerProcess = 10;
    constexpr int InProcess = 10;
    // The instant every caller starts at: late enough for the helpers to be up.
    const qint64 at = QDateTime::currentMSecsSinceEpoch() + 4000;
    std::vector<std::unique_ptr<BackupHelperProcess>> helpers;
    for (int p = 0; p < Processes; ++p) {
        helpers.push_back(std::make_unique<BackupHelperProcess>());
        QVERIFY(helpers.back()->start({QStringLiteral("start"), QStringLiteral("--db"), env.database()->path(),
                                       QStringLiteral("--tenant"), QString::number(env.tenantId()),
                                       QStringLiteral("--kind"), QLatin1String(capture::BackupKind),
                                       QStringLiteral("--threads"), QString::number(ThreadsPerProcess),
                                       QStringLiteral("--at"), QString::number(at)}, secret));
    }
    auto request = capture::backupRequest({}, false, QStringLiteral("test"));
    QVERIFY(request);
    std::latch ready(InProcess);
    std::vector<Result<RunRef>> local(InProcess, fail(ErrorCode::Internal, QStringLiteral("not started")));
    std::vector<std::unique_ptr<QThread>> threads;
    const TenantScope scope = env.scope();
    for (int i = 0; i < InProcess; ++i) {
        threads.emplace_back(QThread::create([&, i] {
            ready.arrive_and_wait();
            const qint64 wait = at - QDateTime::currentMSecsSinceEpoch();
            if (wait > 0)
                QThread::msleep(static_cast<unsigned long>(wait));
            local[static_cast<size_t>(i)] = env.runs().start(scope, *request);
        }));
        threads.back()->start();
    }
    // The CLI starts, as a scheduled task or a script would make them.
    std::vector<std::unique_ptr<QProcess>> cli;
    QProcessEnvironment cliEnvironment = QProcessEnvironment::systemEnvironment();
    cliEnvironment.insert(QStringLiteral("POLICYVAULT_CLIENT_SECRET"), secret);
    const QString dataDir = QFileInfo(env.database()->path()).absolutePath();
    // Launched just before the instant (a process takes a moment to start): they meet the
    // others' starts rather than making the run before anyone else tries.
    QVERIFY(QTest::qWaitFor([at] { return QDateTime::currentMSecsSinceEpoch() >= at - 100; }, 10000));
    for (int i = 0; i < CliDetached + CliWaiting; ++i) {
        cli.push_back(std::make_unique<QProcess>());
        cli.back()->setProcessEnvironment(cliEnvironment);
        QStringList arguments{QStringLiteral("--data-dir"), dataDir, QStringLiteral("--json"), QStringLiteral("backup"),
                              QStringLiteral("--tenant"), env.tenantName()};
        if (i >= CliDetached)
            arguments.append(QStringLiteral("--wait"));
        cli.back()->start(qEnvironmentVariable("PV_CLI_BIN"), arguments);
    }
    // graphsim answers on this thread: keep its loop turning until the local callers are done.
    QVERIFY(QTest::qWaitFor([&] {
        return std::all_of(threads.begin(), threads.end(), [](const auto& t) { return t->isFinished(); });
    }, 120000));

    QList<qint64> ids;
    int created = 0;
    for (const Result<RunRef>& ref : local) {
        QVERIFY2(ref, qPrintable(ref ? QString() : ref.error().toString()));
        ids.append(ref->runId);
        created += ref->reused ? 0 : 1;
    }
    for (const auto& helper : helpers) {
        for (int t = 0; t < ThreadsPerProcess; ++t) {
            const QString line = helper->waitForLine(QStringLiteral("{"));
            QVERIFY2(!line.isEmpty(), qPrintable(helper->lines().join(u'\n')));
            const QJsonObject result = QJsonDocument::fromJson(line.toUtf8()).object();
            QVERIFY2(result.value(QStringLiteral("error")).toString().isEmpty(), qPrintable(line));
            ids.append(result.value(QStringLiteral("runId")).toInteger());
            created += result.value(QStringLiteral("reused")).toBool() ? 0 : 1;
        }
    }
    // The detached starts print their start document once the worker holds the run.
    for (int i = 0; i < CliDetached; ++i) {
        QProcess& process = *cli[size_t(i)];
        QVERIFY(QTest::qWaitFor([&] { return process.state() == QProcess::NotRunning; }, 120000));
        const QByteArray out = process.readAllStandardOutput();
        QVERIFY2(process.exitCode() == 0, out.constData());
        const QJsonObject result = QJsonDocument::fromJson(out).object();
        ids.append(result.value(QStringLiteral("runId")).toInteger());
        created += result.value(QStringLiteral("reused")).toBool() ? 0 : 1;
    }
    // The --wait starts follow the run until it ends: they answer after the cancel below.
    QCOMPARE(ids.size() + CliWaiting, Processes * ThreadsPerProcess + InProcess + CliDetached + CliWaiting);
    QCOMPARE(ids.size() + CliWaiting, 50);
    const qint64 runId = ids.first();
    QVERIFY(runId > 0);
    for (qint64 id : std::as_const(ids))
        QCOMPARE(id, runId);

    // Still active after the last start (else a later start could have made a second run and
    // the test would prove nothing), and the only backup run of the tenant.
    auto run = env.runs().run(env.scope(), runId);
    QVERIFY(run);
    QVERIFY2(isActive(run->status), qPrintable(runStatusName(run->status)));
    QCOMPARE(run->kind, QLatin1String(capture::BackupKind));
    {
        QSqlQuery count(env.database()->connection());
        count.prepare(QStringLiteral("SELECT COUNT(*) FROM runs WHERE tenant_id = ? AND kind = ?"));
        count.addBindValue(env.tenantId());
        count.addBindValue(QLatin1String(capture::BackupKind));
        QVERIFY(count.exec() && count.next());
        QCOMPARE(count.value(0).toLongLong(), 1);
    }   // the statement ends here: an open read would keep this connection on an old snapshot

    // Done: cancel it wherever it runs and let the helpers go.
    QVERIFY(env.runs().cancel(env.scope(), runId));
    for (const auto& helper : helpers)
        helper->process().closeWriteChannel();
    QVERIFY(env.waitForEnd(runId, 60000));
    for (const auto& helper : helpers)
        QVERIFY(QTest::qWaitFor([&] { return helper->process().state() == QProcess::NotRunning; }, 60000));
    // Each --wait start followed the same run to its end (cancelled: exit 1) and says so.
    for (int i = CliDetached; i < CliDetached + CliWaiting; ++i) {
        QProcess& process = *cli[size_t(i)];
        QVERIFY(QTest::qWaitFor([&] { return process.state() == QProcess::NotRunning; }, 60000));
        const QByteArray out = process.readAllStandardOutput();
        QCOMPARE(process.exitCode(), 1);
        const QJsonObject result = QJsonDocument::fromJson(out).object();
        QCOMPARE(result.value(QStringLiteral("runId")).toInteger(), runId);
        QCOMPARE(result.value(QStringLiteral("status")).toString(), QStringLiteral("cancelled"));
        created += result.value(QStringLiteral("reused")).toBool() ? 0 : 1;
    }
    QCOMPARE(created, 1);   // of all 50 starts, exactly one made the run
    // Still one backup run: no CLI start made its own.
    QSqlQuery count(env.database()->connection());
    count.prepare(QStringLiteral("SELECT COUNT(*) FROM runs WHERE tenant_id = ? AND kind = ?"));
    count.addBindValue(env.tenantId());
    count.addBindValue(QLatin1String(capture::BackupKind));
    QVERIFY(count.exec() && count.next());
    QCOMPARE(count.value(0).toLongLong(), 1);
}

QTEST_GUILESS_MAIN(TestBackupStarts)
#include "tst_backup_starts.moc"
