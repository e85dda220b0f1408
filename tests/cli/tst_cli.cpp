// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
// Drives the real policyvault-cli executable against a real store in a temporary folder.
#include "core/runs/AccessGate.h"
#include "core/runs/RunService.h"
#include "core/store/Database.h"
#include "core/store/TenantRepository.h"
#include "tests/testutils/HoldingRunProcess.h"
#include "tests/testutils/TestJob.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace pv;

class TestCli : public QObject
{
    Q_OBJECT

private:
    struct Outcome
    {
        int exitCode = -1;
        QByteArray out;
        QByteArray err;
        QJsonDocument json() const { return QJsonDocument::fromJson(out); }
    };

    Outcome cli(const QStringList& arguments, const QProcessEnvironment& env = QProcessEnvironment::systemEnvironment())
    {
        QProcess process;
        process.setProcessEnvironment(env);
        process.start(qEnvironmentVariable("PV_CLI_BIN"), arguments);
        process.closeWriteChannel();   // tenant add reads a secret from stdin to its end
        if (!process.waitForFinished(30000))
            qFatal("policyvault-cli did not finish");
        return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1, process.readAllStandardOutput(),
                process.readAllStandardError()};
    }

    QStringList withData(QStringList arguments) const
    {
        return QStringList{QStringLiteral("--data-dir"), m_dir->path()} + arguments;
    }

    std::unique_ptr<QTemporaryDir> m_dir;

private slots:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
    }

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
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
