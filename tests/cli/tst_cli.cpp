// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
// Drives the real policyvault-cli executable against a real store in a temporary folder.
// The content commands (snapshots, policies, policy show) are in tst_cli_content.cpp.
#include "CliTestFixture.h"

#include "core/runs/ProcessInfo.h"
#include "core/store/CaptureTypes.h"
#include "tests/testutils/HoldingRunProcess.h"
#include "tests/testutils/TestJob.h"

#include <QElapsedTimer>
#include <QSignalSpy>

#if defined(Q_OS_UNIX)
#  include <csignal>
#  include <unistd.h>
#endif

using namespace pv;
using pv::test::isOneCompactDocument;

namespace {

#if defined(Q_OS_LINUX)
/// A signal mask line of /proc/PID/status ("SigCgt", "SigPnd", "ShdPnd"), or 0.
quint64 signalMask(qint64 pid, const QByteArray& field)
{
    QFile status(QStringLiteral("/proc/%1/status").arg(pid));
    if (!status.open(QIODevice::ReadOnly))
        return 0;
    for (const QByteArray& line : status.readAll().split('\n')) {
        if (line.startsWith(QByteArray(field).append(':')))
            return line.mid(field.size() + 1).trimmed().toULongLong(nullptr, 16);
    }
    return 0;
}
bool catchesSigint(qint64 pid) { return (signalMask(pid, "SigCgt") >> (SIGINT - 1)) & 1U; }
bool sigintPending(qint64 pid)
{
    return ((signalMask(pid, "SigPnd") | signalMask(pid, "ShdPnd")) >> (SIGINT - 1)) & 1U;
}
QByteArray commandLine(qint64 pid)
{
    QFile file(QStringLiteral("/proc/%1/cmdline").arg(pid));
    return file.open(QIODevice::ReadOnly) ? file.readAll().replace('\0', ' ') : QByteArray();
}
#endif

} // namespace

class TestCli : public QObject, protected pv::test::CliFixture
{
    Q_OBJECT

private slots:
    void init() { newDataFolder(); }
    void cleanup() { closeStore(); }

    void versionAndHelp()
    {
        const Outcome version = cli({QStringLiteral("--version")});
        QCOMPARE(version.exitCode, 0);
        QVERIFY(version.out.startsWith("policyvault-cli "));
        const Outcome help = cli({QStringLiteral("--help")});
        QCOMPARE(help.exitCode, 0);
        QVERIFY(help.out.contains("Usage: policyvault-cli"));
        QVERIFY(help.out.contains("runs show RUN_ID"));
    }

    void usageErrors_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addRow("no command") << QStringList{};
        QTest::addRow("unknown command") << QStringList{QStringLiteral("frobnicate")};
        QTest::addRow("unknown option") << QStringList{QStringLiteral("--frob"), QStringLiteral("runs"), QStringLiteral("list")};
        QTest::addRow("runs without subcommand") << QStringList{QStringLiteral("runs")};
        QTest::addRow("runs list without tenant") << QStringList{QStringLiteral("runs"), QStringLiteral("list")};
        QTest::addRow("runs show without id")
            << QStringList{QStringLiteral("runs"), QStringLiteral("show"), QStringLiteral("--tenant"), QStringLiteral("a")};
        QTest::addRow("runs show bad id") << QStringList{QStringLiteral("runs"), QStringLiteral("show"), QStringLiteral("x1"),
                                                         QStringLiteral("--tenant"), QStringLiteral("a")};
        QTest::addRow("bad status") << QStringList{QStringLiteral("runs"), QStringLiteral("list"), QStringLiteral("--tenant"),
                                                   QStringLiteral("a"), QStringLiteral("--status"), QStringLiteral("great")};
        QTest::addRow("tenant add incomplete") << QStringList{QStringLiteral("tenant"), QStringLiteral("add"), QStringLiteral("x")};
        QTest::addRow("tenant add plain http")
            << QStringList{QStringLiteral("tenant"), QStringLiteral("add"), QStringLiteral("x"), QStringLiteral("--tenant-id"),
                           QStringLiteral("t"), QStringLiteral("--client-id"), QStringLiteral("c"), QStringLiteral("--graph-url"),
                           QStringLiteral("http://graph.example.com"), QStringLiteral("--authority-url"),
                           QStringLiteral("https://login.example.com")};
        // Options that exist but do not apply to the command are refused, not ignored.
        QTest::addRow("limit on runs show") << QStringList{QStringLiteral("runs"), QStringLiteral("show"), QStringLiteral("3"),
                                                           QStringLiteral("--tenant"), QStringLiteral("a"), QStringLiteral("--limit"),
                                                           QStringLiteral("5")};
        QTest::addRow("status on tenant list") << QStringList{QStringLiteral("tenant"), QStringLiteral("list"),
                                                              QStringLiteral("--status"), QStringLiteral("x")};
        QTest::addRow("read-only on tenant remove") << QStringList{QStringLiteral("tenant"), QStringLiteral("remove"),
                                                                   QStringLiteral("x"), QStringLiteral("--read-only")};
        QTest::addRow("tenant add unknown cloud")
            << QStringList{QStringLiteral("tenant"), QStringLiteral("add"), QStringLiteral("x"), QStringLiteral("--tenant-id"),
                           QStringLiteral("t"), QStringLiteral("--client-id"), QStringLiteral("c"), QStringLiteral("--cloud"),
                           QStringLiteral("mars")};
    }

    void usageErrors()
    {
        QFETCH(QStringList, arguments);
        const Outcome outcome = cli(withData(arguments));
        QCOMPARE(outcome.exitCode, 3);
        QVERIFY2(outcome.err.contains("policyvault-cli:"), outcome.err.constData());
        // A usage error never creates a store.
        QVERIFY(!QFile::exists(m_dir->filePath(QStringLiteral("policyvault.db"))));
    }

    void usageErrorAsJson()
    {
        const Outcome outcome = cli(withData({QStringLiteral("--json"), QStringLiteral("runs")}));
        QCOMPARE(outcome.exitCode, 3);
        QCOMPARE(outcome.json().object().value(QStringLiteral("error")).toString(), QStringLiteral("usage"));
        // "-json" is the same option: single-dash words parse as long options.
        const Outcome single = cli(withData({QStringLiteral("-json"), QStringLiteral("tenant"), QStringLiteral("list")}));
        QCOMPARE(single.exitCode, 0);
        QVERIFY2(single.json().isArray(), single.out.constData());
    }

    void errorsAreRedacted()
    {
        // Whatever an error quotes (here the name the user typed) is redacted on the terminal.
        const QString canary = QStringLiteral("client_secret=Cnry7CliSecret-9xQ");
        for (const bool asJson : {false, true}) {
            QStringList arguments{QStringLiteral("tenant"), QStringLiteral("remove"), canary};
            if (asJson)
                arguments.prepend(QStringLiteral("--json"));
            const Outcome outcome = cli(withData(arguments));
            QCOMPARE(outcome.exitCode, 1);
            const QByteArray shown = outcome.out + outcome.err;
            QVERIFY2(shown.contains("client_secret="), shown.constData());
            QVERIFY2(!shown.contains("Cnry7CliSecret"), shown.constData());
        }
    }

    void tenantsAddListRemove()
    {
        const QStringList add{QStringLiteral("tenant"), QStringLiteral("add"), QStringLiteral("contoso"),
                              QStringLiteral("--tenant-id"), QStringLiteral("11111111-1111-1111-1111-111111111111"),
                              QStringLiteral("--client-id"), QStringLiteral("22222222-2222-2222-2222-222222222222")};
        QCOMPARE(cli(withData(add)).exitCode, 0);
        QCOMPARE(cli(withData(add)).exitCode, 1);   // the name is taken: a conflict, not a usage error
        QCOMPARE(cli(withData({QStringLiteral("tenant"), QStringLiteral("add"), QStringLiteral("fabrikam"),
                               QStringLiteral("--tenant-id"), QStringLiteral("t2"), QStringLiteral("--client-id"),
                               QStringLiteral("c2"), QStringLiteral("--read-only")}))
                     .exitCode,
                 0);

        const Outcome list = cli(withData({QStringLiteral("--json"), QStringLiteral("tenant"), QStringLiteral("list")}));
        QCOMPARE(list.exitCode, 0);
        const QJsonArray tenants = list.json().array();
        QCOMPARE(tenants.size(), 2);
        QStringList names;
        for (const QJsonValue& tenant : tenants)
            names << tenant[QStringLiteral("name")].toString();
        names.sort();
        QCOMPARE(names, (QStringList{QStringLiteral("contoso"), QStringLiteral("fabrikam")}));

        QCOMPARE(cli(withData({QStringLiteral("tenant"), QStringLiteral("remove"), QStringLiteral("contoso")})).exitCode, 0);
        QCOMPARE(cli(withData({QStringLiteral("tenant"), QStringLiteral("remove"), QStringLiteral("contoso")})).exitCode, 1);
        QCOMPARE(cli(withData({QStringLiteral("--json"), QStringLiteral("tenant"), QStringLiteral("list")})).json().array().size(), 1);
    }

    // A CLI run (here the run helper) executes a run of the tenant: remove refuses and names
    // it, `runs cancel` stops it in its own process, then the removal goes through.
    void removeRefusesWhileARunIsActiveAndCancelReachesIt()
    {
        QCOMPARE(cli(withData({QStringLiteral("tenant"), QStringLiteral("add"), QStringLiteral("contoso"),
                               QStringLiteral("--tenant-id"), QStringLiteral("t"), QStringLiteral("--client-id"),
                               QStringLiteral("c")}))
                     .exitCode,
                 0);
        const Outcome list = cli(withData({QStringLiteral("--json"), QStringLiteral("tenant"), QStringLiteral("list")}));
        const qint64 tenantId = list.json().array().first()[QStringLiteral("id")].toInteger();
        QVERIFY(tenantId > 0);
        pv::test::HoldingRunProcess holder;
        QVERIFY(holder.start(m_dir->filePath(QStringLiteral("policyvault.db")), tenantId));
        const QString runId = QString::number(holder.runId());

        const Outcome refused = cli(withData({QStringLiteral("--json"), QStringLiteral("tenant"), QStringLiteral("remove"),
                                              QStringLiteral("contoso")}));
        QCOMPARE(refused.exitCode, 1);
        QVERIFY2(refused.out.contains(runId.toUtf8()), refused.out.constData());

        const Outcome cancel = cli(withData({QStringLiteral("--json"), QStringLiteral("runs"), QStringLiteral("cancel"),
                                             runId, QStringLiteral("--tenant"), QStringLiteral("contoso")}));
        QCOMPARE(cancel.exitCode, 0);
        QCOMPARE(cancel.json()[QStringLiteral("cancelRequested")].toBool(), true);
        QVERIFY(!cancel.out.trimmed().contains('\n'));   // one compact document
        QTRY_COMPARE_WITH_TIMEOUT(cli(withData({QStringLiteral("--json"), QStringLiteral("runs"), QStringLiteral("show"),
                                                runId, QStringLiteral("--tenant"), QStringLiteral("contoso")}))
                                      .json()[QStringLiteral("status")]
                                      .toString(),
                                  QStringLiteral("cancelled"), 20000);
        QVERIFY(holder.isRunning());   // stopped its run, still alive

        const Outcome removed = cli(withData({QStringLiteral("--json"), QStringLiteral("tenant"), QStringLiteral("remove"),
                                              QStringLiteral("contoso")}));
        QCOMPARE(removed.exitCode, 0);
        QVERIFY(holder.stop());
    }

    void dataDirFromEnvironment()
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("POLICYVAULT_DATA_DIR"), m_dir->path());
        QCOMPARE(cli({QStringLiteral("tenant"), QStringLiteral("add"), QStringLiteral("viaenv"), QStringLiteral("--tenant-id"),
                      QStringLiteral("t"), QStringLiteral("--client-id"), QStringLiteral("c")},
                     env)
                     .exitCode,
                 0);
        QVERIFY(QFile::exists(m_dir->filePath(QStringLiteral("policyvault.db"))));
        QVERIFY(QFile::exists(m_dir->filePath(QStringLiteral("policyvault-cli.log"))));
    }

    void runsListAndShow()
    {
        qint64 runA = 0;
        {
            // Make two tenants and a finished run in the first, through the real services.
            Database::Options options;
            options.path = m_dir->filePath(QStringLiteral("policyvault.db"));
            auto database = Database::open(options);
            QVERIFY(database);
            TenantRepository tenants(database.value());
            TenantRecord a;
            a.name = QStringLiteral("alpha");
            a.entraTenantId = QStringLiteral("ta");
            a.clientId = QStringLiteral("ca");
            auto tenantA = tenants.create(a);
            QVERIFY(tenantA);
            TenantRecord b = a;
            b.name = QStringLiteral("beta");
            QVERIFY(tenants.create(b));

            RunService runs(database.value());
            test::registerTestJobKinds(runs);
            AccessGate gate(database.value());
            auto scope = gate.enter(tenantA->id);
            QVERIFY(scope);
            QSignalSpy finished(&runs, &RunService::runFinished);
            RunRequest request;
            request.kind = QStringLiteral("test");
            request.parameters = QJsonObject{{QStringLiteral("items"), 5}, {QStringLiteral("failEvery"), 5}};
            auto started = runs.start(scope.value(), request);
            QVERIFY(started);
            runA = started->runId;
            QVERIFY(finished.wait(10000));
        }

        const Outcome list = cli(withData({QStringLiteral("--json"), QStringLiteral("runs"), QStringLiteral("list"),
                                           QStringLiteral("--tenant"), QStringLiteral("alpha")}));
        QCOMPARE(list.exitCode, 0);
        QCOMPARE(list.json().array().size(), 1);
        QCOMPARE(list.json().array().at(0)[QStringLiteral("status")].toString(), QStringLiteral("partially_succeeded"));

        const Outcome filtered = cli(withData({QStringLiteral("--json"), QStringLiteral("runs"), QStringLiteral("list"),
                                               QStringLiteral("--tenant"), QStringLiteral("alpha"), QStringLiteral("--status"),
                                               QStringLiteral("succeeded")}));
        QCOMPARE(filtered.exitCode, 0);
        QCOMPARE(filtered.json().array().size(), 0);

        const QString id = QString::number(runA);
        const Outcome show = cli(withData({QStringLiteral("--json"), QStringLiteral("runs"), QStringLiteral("show"), id,
                                           QStringLiteral("--tenant"), QStringLiteral("alpha")}));
        QCOMPARE(show.exitCode, 0);
        const QJsonObject run = show.json().object();
        QCOMPARE(run[QStringLiteral("id")].toInteger(), runA);
        QCOMPARE(run[QStringLiteral("items")].toArray().size(), 5);
        QCOMPARE(run[QStringLiteral("failed")].toInt(), 1);

        const Outcome human = cli(withData({QStringLiteral("runs"), QStringLiteral("show"), id, QStringLiteral("--tenant"),
                                            QStringLiteral("alpha")}));
        QCOMPARE(human.exitCode, 0);
        QVERIFY(human.out.contains("partially_succeeded"));

        // Another tenant's run is access denied (4), an unknown run not found (1),
        // an unknown tenant not found (1).
        const Outcome denied = cli(withData({QStringLiteral("--json"), QStringLiteral("runs"), QStringLiteral("show"), id,
                                             QStringLiteral("--tenant"), QStringLiteral("beta")}));
        QCOMPARE(denied.exitCode, 4);
        QCOMPARE(denied.json().object()[QStringLiteral("error")].toString(), QStringLiteral("access_denied"));
        QCOMPARE(cli(withData({QStringLiteral("runs"), QStringLiteral("show"), QStringLiteral("999999"), QStringLiteral("--tenant"),
                               QStringLiteral("alpha")}))
                     .exitCode,
                 1);
        QCOMPARE(cli(withData({QStringLiteral("runs"), QStringLiteral("list"), QStringLiteral("--tenant"), QStringLiteral("nobody")}))
                     .exitCode,
                 1);
    }

    // ---- capture commands ------------------------------------------------------------------

    void captureUsageErrors_data()
    {
        QTest::addColumn<QStringList>("arguments");
        const QString t = QStringLiteral("--tenant");
        QTest::addRow("backup without tenant") << QStringList{QStringLiteral("backup")};
        QTest::addRow("backup with an argument") << QStringList{QStringLiteral("backup"), QStringLiteral("x"), t, QStringLiteral("a")};
        QTest::addRow("backup unknown type")
            << QStringList{QStringLiteral("backup"), t, QStringLiteral("a"), QStringLiteral("--types"), QStringLiteral("foo,scopeTags")};
        QTest::addRow("backup empty types") << QStringList{QStringLiteral("backup"), t, QStringLiteral("a"), QStringLiteral("--types"), QStringLiteral(" ")};
        QTest::addRow("backup with --policy")
            << QStringList{QStringLiteral("backup"), t, QStringLiteral("a"), QStringLiteral("--policy"), QStringLiteral("1")};
        QTest::addRow("capture without policy") << QStringList{QStringLiteral("capture"), t, QStringLiteral("a")};
        QTest::addRow("capture with --full")
            << QStringList{QStringLiteral("capture"), t, QStringLiteral("a"), QStringLiteral("--policy"), QStringLiteral("1"), QStringLiteral("--full")};
        QTest::addRow("snapshots without subcommand") << QStringList{QStringLiteral("snapshots"), t, QStringLiteral("a")};
        QTest::addRow("snapshots show bad id")
            << QStringList{QStringLiteral("snapshots"), QStringLiteral("show"), QStringLiteral("s1"), t, QStringLiteral("a")};
        QTest::addRow("snapshots list --wait")
            << QStringList{QStringLiteral("snapshots"), QStringLiteral("list"), t, QStringLiteral("a"), QStringLiteral("--wait")};
        QTest::addRow("policies list unknown type")
            << QStringList{QStringLiteral("policies"), QStringLiteral("list"), t, QStringLiteral("a"), QStringLiteral("--type"), QStringLiteral("apps")};
        QTest::addRow("policies list without tenant") << QStringList{QStringLiteral("policies"), QStringLiteral("list")};
        QTest::addRow("policy show without id") << QStringList{QStringLiteral("policy"), QStringLiteral("show"), t, QStringLiteral("a")};
        QTest::addRow("policy show --include-deleted")
            << QStringList{QStringLiteral("policy"), QStringLiteral("show"), QStringLiteral("1"), t, QStringLiteral("a"),
                           QStringLiteral("--include-deleted")};
    }

    void captureUsageErrors()
    {
        QFETCH(QStringList, arguments);
        const Outcome human = cli(withData(arguments));
        QCOMPARE(human.exitCode, 3);
        QVERIFY2(human.err.contains("policyvault-cli:"), human.err.constData());
        QVERIFY(human.out.isEmpty());
        const Outcome json = cli(withData(QStringList{QStringLiteral("--json")} + arguments));
        QCOMPARE(json.exitCode, 3);
        QVERIFY2(isOneCompactDocument(json.out), json.out.constData());
        QCOMPARE(json.json()[QStringLiteral("error")].toString(), QStringLiteral("usage"));
        QVERIFY(!QFile::exists(m_dir->filePath(QStringLiteral("policyvault.db"))));
    }

    void helpNamesTheCaptureCommands()
    {
        const Outcome help = cli({QStringLiteral("--help")});
        for (const char* text : {"backup --tenant NAME [--types KEYS] [--full] [--wait]", "capture --tenant NAME --policy ID [--wait]",
                                 "snapshots list --tenant NAME", "snapshots show SNAPSHOT_ID", "policies list --tenant NAME",
                                 "policy show ID --tenant NAME"})
            QVERIFY2(help.out.contains(text), text);
        QVERIFY(!help.out.contains("worker"));   // the hidden command stays hidden
    }

    // ---- start semantics (capture kinds backed by test jobs) ------------------------------------

    // Without --wait the start returns once a detached worker owns the run; the worker runs it
    // to its end and exits by itself.
    void detachedStartIsOwnedByTheWorker()
    {
        openStore();
        const qint64 tenantId = addTenant(QStringLiteral("alpha"));
        const QProcessEnvironment env = jobEnvironment({{QStringLiteral("items"), 6}, {QStringLiteral("itemDelayMs"), 500}});
        QElapsedTimer timer;
        timer.start();
        const Outcome started = runProgram(testKindsCli(), withData({QStringLiteral("--json"), QStringLiteral("backup"),
                                                                     QStringLiteral("--tenant"), QStringLiteral("alpha")}),
                                           env);
        const qint64 startMs = timer.elapsed();
        QCOMPARE(started.exitCode, 0);
        QVERIFY2(isOneCompactDocument(started.out), started.out.constData());
        const QJsonObject answer = started.json().object();
        QCOMPARE(answer.keys(), (QStringList{QStringLiteral("kind"), QStringLiteral("reused"), QStringLiteral("runId"), QStringLiteral("status")}));
        QCOMPARE(answer[QStringLiteral("kind")].toString(), QStringLiteral("backup"));
        QCOMPARE(answer[QStringLiteral("reused")].toBool(), false);
        QVERIFY(QStringList({QStringLiteral("queued"), QStringLiteral("running")}).contains(answer[QStringLiteral("status")].toString()));
        const qint64 runId = answer[QStringLiteral("runId")].toInteger();
        qInfo("detached start returned in %lld ms", startMs);

        // The command has exited; the run is owned by a live process that is not the command.
        const RunRecord run = runRow(tenantId, runId);
        QVERIFY(isActive(run.status));
        QVERIFY(run.ownerPid > 0);
        const ProcessIdentity owner{run.ownerPid, run.ownerStartedAt, run.ownerHost};
        QVERIFY(isProcessAlive(owner));
        QCOMPARE(run.target, QStringLiteral("assignmentFilters,endpointSecurity,scopeTags,securityBaseline,settingsCatalog"));
#if defined(Q_OS_LINUX)
        QVERIFY2(commandLine(run.ownerPid).contains(" worker "), commandLine(run.ownerPid).constData());
        // Its own session: the terminal's Ctrl+C and hang-up do not reach it.
        QVERIFY(getsid(pid_t(run.ownerPid)) == pid_t(run.ownerPid));
        QVERIFY(getsid(pid_t(run.ownerPid)) != getsid(0));
        // And what still reaches it directly (a Ctrl+C, a hang-up) does not stop it.
        ::kill(pid_t(run.ownerPid), SIGINT);
        ::kill(pid_t(run.ownerPid), SIGHUP);
#endif
        // It ends the run by itself, then exits; the hand-off files are gone.
        QTRY_COMPARE_WITH_TIMEOUT(runRow(tenantId, runId).status, RunStatus::Succeeded, 30000);
        QTRY_VERIFY_WITH_TIMEOUT(!isProcessAlive(owner), 30000);
        QCOMPARE(runRow(tenantId, runId).counts.of(ItemOutcome::Succeeded), 6);
        QCOMPARE(QDir(m_dir->filePath(QStringLiteral("workers"))).entryList(QDir::Files), QStringList());
    }

#if defined(Q_OS_UNIX)
    // `out=$(policyvault-cli --json backup …)` returns with the start, not when the run ends:
    // the worker holds none of the command's output open.
    void detachedStartDoesNotHoldTheOutputOpen()
    {
        openStore();
        const qint64 tenantId = addTenant(QStringLiteral("alpha"));
        QProcess shell;
        shell.setProcessEnvironment(jobEnvironment({{QStringLiteral("items"), 20}, {QStringLiteral("itemDelayMs"), 1000}}));
        shell.start(QStringLiteral("/bin/sh"),
                    {QStringLiteral("-c"), QStringLiteral("\"$0\" --data-dir \"$1\" --json backup --tenant alpha | cat"),
                     testKindsCli(), m_dir->path()});
        QVERIFY(shell.waitForFinished(60000));
        QCOMPARE(shell.exitCode(), 0);
        const QByteArray out = shell.readAllStandardOutput();
        QVERIFY2(isOneCompactDocument(out), out.constData());
        // The pipe reached its end while the run still goes on (it takes 20 s).
        const qint64 runId = QJsonDocument::fromJson(out)[QStringLiteral("runId")].toInteger();
        const RunRecord run = runRow(tenantId, runId);
        QVERIFY(isActive(run.status));
        // Stop it (in its worker, through the cancel request) and let the worker leave.
        QCOMPARE(cli(withData({QStringLiteral("runs"), QStringLiteral("cancel"), QString::number(runId), QStringLiteral("--tenant"),
                               QStringLiteral("alpha")})).exitCode, 0);
        QTRY_COMPARE_WITH_TIMEOUT(runRow(tenantId, runId).status, RunStatus::Cancelled, 30000);
        QTRY_VERIFY_WITH_TIMEOUT(!isProcessAlive({run.ownerPid, run.ownerStartedAt, run.ownerHost}), 30000);
    }
#endif

    // Equal starts from several processes at once, with and without --wait, share one run.
    void equalStartsShareOneRun()
    {
        openStore();
        const qint64 tenantId = addTenant(QStringLiteral("alpha"));
        const QProcessEnvironment env = jobEnvironment({{QStringLiteral("items"), 10}, {QStringLiteral("itemDelayMs"), 1000}});
        std::vector<std::unique_ptr<QProcess>> processes;
        for (int i = 0; i < 6; ++i) {
            // The same types in another order are the same backup.
            QStringList arguments = withData({QStringLiteral("--json"), QStringLiteral("backup"), QStringLiteral("--tenant"),
                                              QStringLiteral("alpha"), QStringLiteral("--types"),
                                              i % 2 ? QStringLiteral("scopeTags,settingsCatalog") : QStringLiteral("settingsCatalog, scopeTags")});
            if (i % 3 == 0)
                arguments << QStringLiteral("--wait");
            auto process = std::make_unique<QProcess>();
            process->setProcessEnvironment(env);
            process->start(testKindsCli(), arguments);
            processes.push_back(std::move(process));
        }
        QSet<qint64> runIds;
        int fresh = 0;
        for (std::size_t i = 0; i < processes.size(); ++i) {
            QProcess& process = *processes[i];
            QVERIFY(process.waitForFinished(60000));
            const QByteArray out = process.readAllStandardOutput();
            QCOMPARE(process.exitCode(), 0);
            QVERIFY2(isOneCompactDocument(out), out.constData());
            const QJsonObject answer = QJsonDocument::fromJson(out).object();
            runIds.insert(answer[QStringLiteral("runId")].toInteger());
            fresh += answer[QStringLiteral("reused")].toBool() ? 0 : 1;
            if (i % 3 == 0) {   // --wait: followed or executed to the end
                QCOMPARE(answer[QStringLiteral("status")].toString(), QStringLiteral("succeeded"));
                QCOMPARE(answer[QStringLiteral("counts")][QStringLiteral("succeeded")].toInt(), 10);
                QVERIFY(answer.contains(QStringLiteral("snapshotId")));
            }
        }
        QCOMPARE(runIds.size(), 1);
        QCOMPARE(fresh, 1);
        auto scope = m_gate->enter(tenantId);
        QCOMPARE(m_runs->runs(scope.value()).value().size(), 1);
        QCOMPARE(runRow(tenantId, *runIds.begin()).target, QStringLiteral("scopeTags,settingsCatalog"));
    }

    void waitExitCodesAndCounts_data()
    {
        QTest::addColumn<QJsonObject>("job");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("status");
        QTest::addColumn<int>("succeeded");
        QTest::addColumn<int>("failed");
        QTest::addRow("succeeded") << QJsonObject{{QStringLiteral("items"), 3}} << 0 << QStringLiteral("succeeded") << 3 << 0;
        QTest::addRow("partially") << QJsonObject{{QStringLiteral("items"), 4}, {QStringLiteral("failEvery"), 2}} << 2
                                   << QStringLiteral("partially_succeeded") << 2 << 2;
        QTest::addRow("failed") << QJsonObject{{QStringLiteral("planError"), true}} << 1 << QStringLiteral("failed") << 0 << 0;
    }

    void waitExitCodesAndCounts()
    {
        QFETCH(QJsonObject, job);
        QFETCH(int, exitCode);
        QFETCH(QString, status);
        QFETCH(int, succeeded);
        QFETCH(int, failed);
        openStore();
        QVERIFY(addTenant(QStringLiteral("alpha")) > 0);
        const Outcome outcome = runProgram(testKindsCli(), withData({QStringLiteral("--json"), QStringLiteral("backup"), QStringLiteral("--tenant"),
                                                                     QStringLiteral("alpha"), QStringLiteral("--wait")}),
                                           jobEnvironment(job));
        QCOMPARE(outcome.exitCode, exitCode);
        QVERIFY2(isOneCompactDocument(outcome.out), outcome.out.constData());
        const QJsonObject answer = outcome.json().object();
        QCOMPARE(answer[QStringLiteral("status")].toString(), status);
        QCOMPARE(answer[QStringLiteral("reused")].toBool(), false);
        QCOMPARE(answer[QStringLiteral("kind")].toString(), QStringLiteral("backup"));
        const QJsonObject counts = answer[QStringLiteral("counts")].toObject();
        QCOMPARE(counts.size(), ItemOutcomeCount);
        QCOMPARE(counts[QStringLiteral("succeeded")].toInt(), succeeded);
        QCOMPARE(counts[QStringLiteral("failed")].toInt(), failed);
        // A test job writes no snapshot: the key is there, null.
        QVERIFY(answer[QStringLiteral("snapshotId")].isNull());
        // Human text says the same, the exit code does not change.
        const Outcome human = runProgram(testKindsCli(), withData({QStringLiteral("capture"), QStringLiteral("--tenant"), QStringLiteral("alpha"),
                                                                   QStringLiteral("--policy"), QStringLiteral("1")}),
                                         jobEnvironment(job));
        QCOMPARE(human.exitCode, 1);   // no policy 1 was ever captured
        QVERIFY2(human.err.contains("not_found"), human.err.constData());
    }

    // runs show --json: every item with its exact outcome name, counts for every outcome.
    void runsShowNamesEveryOutcome()
    {
        openStore();
        const qint64 tenantId = addTenant(QStringLiteral("alpha"));
        const Outcome outcome = runProgram(testKindsCli(), withData({QStringLiteral("--json"), QStringLiteral("backup"), QStringLiteral("--tenant"),
                                                                     QStringLiteral("alpha"), QStringLiteral("--wait")}),
                                           jobEnvironment({{QStringLiteral("items"), 6}, {QStringLiteral("failEvery"), 3},
                                                           {QStringLiteral("skipEvery"), 2}}));
        QCOMPARE(outcome.exitCode, 2);
        const QString runId = QString::number(outcome.json()[QStringLiteral("runId")].toInteger());
        const Outcome show = cli(withData({QStringLiteral("--json"), QStringLiteral("runs"), QStringLiteral("show"), runId,
                                           QStringLiteral("--tenant"), QStringLiteral("alpha")}));
        QCOMPARE(show.exitCode, 0);
        QVERIFY(isOneCompactDocument(show.out));
        const QJsonObject run = show.json().object();
        QStringList outcomes;
        for (const QJsonValue& item : run[QStringLiteral("items")].toArray())
            outcomes << item[QStringLiteral("outcome")].toString();
        // Item i: fails when i % 3 == 0, else skipped when i % 2 == 0.
        QCOMPARE(outcomes, (QStringList{QStringLiteral("succeeded"), QStringLiteral("skipped"), QStringLiteral("failed"),
                                        QStringLiteral("skipped"), QStringLiteral("succeeded"), QStringLiteral("failed")}));
        const QJsonObject counts = run[QStringLiteral("counts")].toObject();
        QCOMPARE(counts.size(), ItemOutcomeCount);
        for (const ItemOutcome o : allItemOutcomes()) {
            const int expected = o == ItemOutcome::Succeeded || o == ItemOutcome::Skipped || o == ItemOutcome::Failed ? 2 : 0;
            QCOMPARE(counts[itemOutcomeName(o)].toInt(), expected);
        }
        Q_UNUSED(tenantId)
    }

#if defined(Q_OS_LINUX)
    // Ctrl+C on --wait cancels the run this process executes (cooperatively): exit 1, cancelled.
    void ctrlCCancelsAnExecutedRun()
    {
        openStore();
        const qint64 tenantId = addTenant(QStringLiteral("alpha"));
        QProcess process;
        process.setProcessEnvironment(jobEnvironment({{QStringLiteral("items"), 50}, {QStringLiteral("itemDelayMs"), 300}}));
        process.start(testKindsCli(), withData({QStringLiteral("--json"), QStringLiteral("backup"), QStringLiteral("--tenant"),
                                               QStringLiteral("alpha"), QStringLiteral("--wait")}));
        QVERIFY(process.waitForStarted());
        auto scope = m_gate->enter(tenantId);
        // It executes the run itself: the run's owner is the --wait process.
        QTRY_VERIFY_WITH_TIMEOUT(!m_runs->runs(scope.value()).value().isEmpty()
                                     && m_runs->runs(scope.value()).value().first().status == RunStatus::Running
                                     && catchesSigint(process.processId()),
                                 20000);
        const RunRecord run = m_runs->runs(scope.value()).value().first();
        QCOMPARE(run.ownerPid, process.processId());
        ::kill(pid_t(process.processId()), SIGINT);
        QVERIFY(process.waitForFinished(30000));
        QCOMPARE(process.exitStatus(), QProcess::NormalExit);
        QCOMPARE(process.exitCode(), 1);
        const QByteArray out = process.readAllStandardOutput();
        QVERIFY2(isOneCompactDocument(out), out.constData());
        QCOMPARE(QJsonDocument::fromJson(out)[QStringLiteral("status")].toString(), QStringLiteral("cancelled"));
        QCOMPARE(runRow(tenantId, run.id).status, RunStatus::Cancelled);
        QVERIFY(runRow(tenantId, run.id).progressDone < 50);
    }

    // Ctrl+C on --wait that follows another process's run only stops following: the run goes on.
    void ctrlCStopsFollowingAReusedRun()
    {
        openStore();
        const qint64 tenantId = addTenant(QStringLiteral("alpha"));
        const QProcessEnvironment env = jobEnvironment({{QStringLiteral("items"), 20}, {QStringLiteral("itemDelayMs"), 500}});
        const QStringList backup = withData({QStringLiteral("--json"), QStringLiteral("backup"), QStringLiteral("--tenant"), QStringLiteral("alpha")});
        const Outcome started = runProgram(testKindsCli(), backup, env);
        QCOMPARE(started.exitCode, 0);
        const qint64 runId = started.json()[QStringLiteral("runId")].toInteger();

        QProcess follower;
        follower.setProcessEnvironment(env);
        follower.start(testKindsCli(), backup + QStringList{QStringLiteral("--wait")});
        QVERIFY(follower.waitForStarted());
        QTRY_VERIFY_WITH_TIMEOUT(catchesSigint(follower.processId()), 20000);
        ::kill(pid_t(follower.processId()), SIGINT);
        QVERIFY(follower.waitForFinished(30000));
        QCOMPARE(follower.exitStatus(), QProcess::NormalExit);
        QCOMPARE(follower.exitCode(), 1);
        const QByteArray out = follower.readAllStandardOutput();
        QVERIFY2(isOneCompactDocument(out), out.constData());
        const QJsonObject answer = QJsonDocument::fromJson(out).object();
        QCOMPARE(answer[QStringLiteral("runId")].toInteger(), runId);
        QCOMPARE(answer[QStringLiteral("reused")].toBool(), true);
        // Still going in its worker, and it ends well by itself.
        QVERIFY(isActive(runRow(tenantId, runId).status));
        QTRY_COMPARE_WITH_TIMEOUT(runRow(tenantId, runId).status, RunStatus::Succeeded, 30000);
    }

    // A second Ctrl+C leaves at once, even while an item ignores the cancel; the run it left
    // behind is interrupted (its owner is gone), never stuck as running.
    void secondCtrlCLeavesAtOnce()
    {
        openStore();
        const qint64 tenantId = addTenant(QStringLiteral("alpha"));
        QProcess process;
        process.setProcessEnvironment(jobEnvironment({{QStringLiteral("items"), 3}, {QStringLiteral("itemDelayMs"), 600000},
                                                      {QStringLiteral("ignoreCancel"), true}}));
        process.start(testKindsCli(), withData({QStringLiteral("--json"), QStringLiteral("backup"), QStringLiteral("--tenant"),
                                               QStringLiteral("alpha"), QStringLiteral("--wait")}));
        QVERIFY(process.waitForStarted());
        auto scope = m_gate->enter(tenantId);
        QTRY_VERIFY_WITH_TIMEOUT(!m_runs->runs(scope.value()).value().isEmpty()
                                     && m_runs->runs(scope.value()).value().first().status == RunStatus::Running
                                     && catchesSigint(process.processId()),
                                 20000);
        const qint64 runId = m_runs->runs(scope.value()).value().first().id;
        ::kill(pid_t(process.processId()), SIGINT);
        // Two signals sent together would merge into one: send the second once the first arrived.
        QTRY_VERIFY_WITH_TIMEOUT(!sigintPending(process.processId()), 10000);
        ::kill(pid_t(process.processId()), SIGINT);
        // The item alone takes ten minutes and ignores the cancel: ending at all means the
        // second Ctrl+C did not wait for it, and no item row was written.
        QVERIFY(process.waitForFinished(60000));
        QCOMPARE(process.exitStatus(), QProcess::NormalExit);
        QCOMPARE(process.exitCode(), 1);
        QVERIFY(m_runs->items(scope.value(), runId).value().isEmpty());
        const Outcome show = cli(withData({QStringLiteral("--json"), QStringLiteral("runs"), QStringLiteral("show"), QString::number(runId),
                                           QStringLiteral("--tenant"), QStringLiteral("alpha")}));
        QCOMPARE(show.json()[QStringLiteral("status")].toString(), QStringLiteral("interrupted"));
    }
#endif
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
