// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
// Drives the real policyvault-cli executable against a real store in a temporary folder.
#include "core/runs/AccessGate.h"
#include "core/runs/ProcessInfo.h"
#include "core/runs/RunService.h"
#include "core/store/CaptureTypes.h"
#include "core/store/Database.h"
#include "core/store/SnapshotRepository.h"
#include "core/store/TenantRepository.h"
#include "tests/testutils/HoldingRunProcess.h"
#include "tests/testutils/TestJob.h"
#include "tests/unit/normalize/NormalizeTestData.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <QElapsedTimer>

#if defined(Q_OS_UNIX)
#  include <csignal>
#  include <unistd.h>
#endif

using namespace pv;

namespace {

/// Exactly one compact JSON document on one line: what every --json command promises.
bool isOneCompactDocument(const QByteArray& out)
{
    if (!out.endsWith('\n') || out.chopped(1).contains('\n'))
        return false;
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(out, &error);
    return error.error == QJsonParseError::NoError && (doc.isObject() || doc.isArray());
}

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

QJsonObject groupAssignment(const QString& groupId, const QString& filterId)
{
    return {{QStringLiteral("id"), QString(QStringLiteral("a-") + groupId)},
            {QStringLiteral("target"),
             QJsonObject{{QStringLiteral("@odata.type"), QStringLiteral("#microsoft.graph.groupAssignmentTarget")},
                         {QStringLiteral("groupId"), groupId},
                         {QStringLiteral("deviceAndAppManagementAssignmentFilterId"), filterId},
                         {QStringLiteral("deviceAndAppManagementAssignmentFilterType"), QStringLiteral("include")}}}};
}

/// A settings-catalog policy as Graph returns it (one string setting, two assignments).
QJsonObject policyContent(const QString& graphId, const QString& name, const QString& value)
{
    const QJsonObject setting{
        {QStringLiteral("id"), QStringLiteral("0")},
        {QStringLiteral("settingInstance"),
         QJsonObject{{QStringLiteral("@odata.type"),
                      QStringLiteral("#microsoft.graph.deviceManagementConfigurationSimpleSettingInstance")},
                     {QStringLiteral("settingDefinitionId"), QStringLiteral("device_vendor_msft_policy_config_test")},
                     {QStringLiteral("simpleSettingValue"),
                      QJsonObject{{QStringLiteral("@odata.type"),
                                   QStringLiteral("#microsoft.graph.deviceManagementConfigurationStringSettingValue")},
                                  {QStringLiteral("value"), value}}}}}};
    const QJsonObject allDevices{
        {QStringLiteral("id"), QStringLiteral("a-all")},
        {QStringLiteral("target"),
         QJsonObject{{QStringLiteral("@odata.type"), QStringLiteral("#microsoft.graph.allDevicesAssignmentTarget")}}}};
    return {{QStringLiteral("id"), graphId},
            {QStringLiteral("name"), name},
            {QStringLiteral("platforms"), QStringLiteral("windows10")},
            {QStringLiteral("technologies"), QStringLiteral("mdm")},
            {QStringLiteral("settings"), QJsonArray{setting}},
            {QStringLiteral("assignments"),
             QJsonArray{groupAssignment(QStringLiteral("g-staff"), QStringLiteral("f-win11")), allDevices}}};
}

} // namespace

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

    Outcome runProgram(const QString& program, const QStringList& arguments,
                       const QProcessEnvironment& env = QProcessEnvironment::systemEnvironment())
    {
        QProcess process;
        process.setProcessEnvironment(env);
        process.start(program, arguments);
        if (!process.waitForFinished(60000))
            qFatal("%s did not finish", qPrintable(program));
        return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1, process.readAllStandardOutput(),
                process.readAllStandardError()};
    }

    /// The CLI whose capture kinds are test jobs shaped by PV_TEST_JOB (CliTestKindsMain.cpp).
    static QString testKindsCli() { return qEnvironmentVariable("PV_CLI_TESTKINDS_BIN"); }
    static QProcessEnvironment jobEnvironment(const QJsonObject& job)
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("PV_TEST_JOB"), QString::fromUtf8(QJsonDocument(job).toJson(QJsonDocument::Compact)));
        return env;
    }

    /// The test's own view of the store (the CLI processes open the same file).
    void openStore()
    {
        Database::Options options;
        options.path = m_dir->filePath(QStringLiteral("policyvault.db"));
        auto database = Database::open(options);
        QVERIFY2(database, "cannot open the test store");
        m_database = database.value();
        m_gate = std::make_unique<AccessGate>(m_database);
        m_runs = std::make_unique<RunService>(m_database);
    }

    qint64 addTenant(const QString& name)
    {
        TenantRecord tenant;
        tenant.name = name;
        tenant.entraTenantId = name + QStringLiteral("-tid");
        tenant.clientId = QStringLiteral("client");
        auto created = TenantRepository(m_database).create(tenant);
        return created ? created->id : 0;
    }

    RunRecord runRow(qint64 tenantId, qint64 runId)
    {
        auto scope = m_gate->enter(tenantId);
        if (!scope)
            return {};
        auto run = m_runs->run(scope.value(), runId);
        return run ? run.value() : RunRecord{};
    }

    std::shared_ptr<Database> m_database;
    std::unique_ptr<AccessGate> m_gate;
    std::unique_ptr<RunService> m_runs;

private slots:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
    }

    void cleanup()
    {
        m_runs.reset();
        m_gate.reset();
        m_database.reset();
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

    // snapshots, policies and policy show over content recorded with the real repository.
    void contentCommands()
    {
        openStore();
        const qint64 alpha = addTenant(QStringLiteral("alpha"));
        const qint64 beta = addTenant(QStringLiteral("beta"));
        QVERIFY(alpha > 0 && beta > 0);
        const SnapshotRepository repository(m_database);
        auto alphaScope = m_gate->enter(alpha);
        auto betaScope = m_gate->enter(beta);
        QVERIFY(alphaScope && betaScope);
        const TenantScope& a = alphaScope.value();
        const QString settings = QStringLiteral("settingsCatalog");
        const QString tags = QStringLiteral("scopeTags");

        auto p1v1 = repository.recordPolicyVersion(a, settings, QStringLiteral("GID-P1"), QStringLiteral("Baseline Win"),
                                                   QStringLiteral("windows10"),
                                                   policyContent(QStringLiteral("GID-P1"), QStringLiteral("Baseline Win"), QStringLiteral("v1")),
                                                   0, QStringLiteral("2026-11-01T08:00:00Z"));
        auto p3 = repository.recordPolicyVersion(a, settings, QStringLiteral("GID-P3"), QStringLiteral("Old policy"),
                                                 QStringLiteral("windows10"),
                                                 policyContent(QStringLiteral("GID-P3"), QStringLiteral("Old policy"), QStringLiteral("x")), 0);
        auto p2 = repository.recordPolicyVersion(a, tags, QStringLiteral("7"), QStringLiteral("Helpdesk"), QString(),
                                                 QJsonObject{{QStringLiteral("id"), QStringLiteral("7")},
                                                             {QStringLiteral("displayName"), QStringLiteral("Helpdesk")}},
                                                 0);
        QVERIFY(p1v1 && p3 && p2);
        // Snapshot 1: everything, with the names of the group and the filter.
        auto s1 = repository.beginSnapshot(a, 0, CaptureTypes::captured());
        QVERIFY(s1);
        for (const qint64 version : {p1v1->versionId, p3->versionId, p2->versionId})
            QVERIFY(repository.addToSnapshot(a, s1.value(), version));
        QVERIFY(repository.addReference(a, s1.value(), QStringLiteral("group"), QStringLiteral("g-staff"),
                                        {{QStringLiteral("id"), QStringLiteral("g-staff")}, {QStringLiteral("displayName"), QStringLiteral("All staff")}}));
        QVERIFY(repository.addReference(a, s1.value(), QStringLiteral("filter"), QStringLiteral("f-win11"),
                                        {{QStringLiteral("id"), QStringLiteral("f-win11")}, {QStringLiteral("displayName"), QStringLiteral("Windows 11 only")}}));
        QVERIFY(repository.finishSnapshot(a, s1.value(), true, {}));
        // A new version of P1; snapshot 2 (settings catalog only) no longer sees P3: deleted.
        auto p1v2 = repository.recordPolicyVersion(a, settings, QStringLiteral("GID-P1"), QStringLiteral("Baseline Win"),
                                                   QStringLiteral("windows10"),
                                                   policyContent(QStringLiteral("GID-P1"), QStringLiteral("Baseline Win"), QStringLiteral("v2")),
                                                   0, QStringLiteral("2026-11-20T09:30:00Z"));
        QVERIFY(p1v2);
        QCOMPARE(p1v2->outcome, VersionOutcome::Updated);
        auto s2 = repository.beginSnapshot(a, 0, {settings});
        QVERIFY(s2);
        QVERIFY(repository.addToSnapshot(a, s2.value(), p1v2->versionId));
        QVERIFY(repository.addReference(a, s2.value(), QStringLiteral("group"), QStringLiteral("g-staff"),
                                        {{QStringLiteral("id"), QStringLiteral("g-staff")}, {QStringLiteral("displayName"), QStringLiteral("All staff")}}));
        QVERIFY(repository.finishSnapshot(a, s2.value(), true, {}));
        QCOMPARE(repository.markDeletedNotIn(a, s2.value()).value(), qint64(1));
        // Snapshot 3: scope tags did not all arrive, and it stored no names at all.
        auto s3 = repository.beginSnapshot(a, 0, {settings, tags});
        QVERIFY(s3);
        QVERIFY(repository.addToSnapshot(a, s3.value(), p1v2->versionId));
        QVERIFY(repository.finishSnapshot(a, s3.value(), false, {tags}));
        // Tenant beta: one policy and one snapshot.
        auto b1 = repository.recordPolicyVersion(betaScope.value(), settings, QStringLiteral("GID-B1"), QStringLiteral("Beta policy"),
                                                 QStringLiteral("macOS"),
                                                 policyContent(QStringLiteral("GID-B1"), QStringLiteral("Beta policy"), QStringLiteral("b")), 0);
        QVERIFY(b1);
        auto sb = repository.beginSnapshot(betaScope.value(), 0, {settings});
        QVERIFY(sb);
        QVERIFY(repository.addToSnapshot(betaScope.value(), sb.value(), b1->versionId));
        QVERIFY(repository.finishSnapshot(betaScope.value(), sb.value(), true, {}));

        const QStringList alphaTenant{QStringLiteral("--tenant"), QStringLiteral("alpha")};
        auto json = [&](const QStringList& arguments) {
            Outcome outcome = cli(withData(QStringList{QStringLiteral("--json")} + arguments));
            if (!isOneCompactDocument(outcome.out))
                qWarning("not one compact document: %s", outcome.out.constData());
            return outcome;
        };

        // snapshots list: newest first, completeness and what each captured.
        const Outcome list = json(QStringList{QStringLiteral("snapshots"), QStringLiteral("list")} + alphaTenant);
        QCOMPARE(list.exitCode, 0);
        QVERIFY(isOneCompactDocument(list.out));
        const QJsonArray snapshots = list.json().array();
        QCOMPARE(snapshots.size(), 3);
        QCOMPARE(snapshots[0][QStringLiteral("id")].toInteger(), s3.value());
        QCOMPARE(snapshots[0][QStringLiteral("complete")].toBool(), false);
        QCOMPARE(snapshots[0][QStringLiteral("incompleteTypes")].toArray(), QJsonArray{tags});
        QCOMPARE(snapshots[2][QStringLiteral("id")].toInteger(), s1.value());
        QCOMPARE(snapshots[2][QStringLiteral("complete")].toBool(), true);
        QCOMPARE(snapshots[2][QStringLiteral("itemCount")].toInt(), 3);
        QCOMPARE(snapshots[2][QStringLiteral("notCapturedTypes")].toArray(), QJsonArray::fromStringList(CaptureTypes::knownNotCaptured()));
        QVERIFY(cli(withData(QStringList{QStringLiteral("snapshots"), QStringLiteral("list")} + alphaTenant)).out.contains("incomplete (scopeTags)"));

        // snapshots show: counts by type and the items.
        const Outcome show = json(QStringList{QStringLiteral("snapshots"), QStringLiteral("show"), QString::number(s1.value())} + alphaTenant);
        QCOMPARE(show.exitCode, 0);
        QVERIFY(isOneCompactDocument(show.out));
        QCOMPARE(show.json()[QStringLiteral("countsByType")].toObject(),
                 (QJsonObject{{settings, 2}, {tags, 1}}));
        QCOMPARE(show.json()[QStringLiteral("referencesByKind")].toObject(), (QJsonObject{{QStringLiteral("filter"), 1}, {QStringLiteral("group"), 1}}));
        const QJsonArray items = show.json()[QStringLiteral("items")].toArray();
        QCOMPARE(items.size(), 3);
        QStringList itemNames;
        for (const QJsonValue& item : items)
            itemNames << item[QStringLiteral("name")].toString();
        itemNames.sort();
        QCOMPARE(itemNames, (QStringList{QStringLiteral("Baseline Win"), QStringLiteral("Helpdesk"), QStringLiteral("Old policy")}));
        const Outcome showText = cli(withData(QStringList{QStringLiteral("snapshots"), QStringLiteral("show"), QString::number(s3.value())} + alphaTenant));
        QCOMPARE(showText.exitCode, 0);
        QVERIFY2(showText.out.contains("incomplete (scopeTags)") && showText.out.contains("Baseline Win"), showText.out.constData());

        // policies list: both ids, versions, last modified; deleted ones only when asked.
        const Outcome policies = json(QStringList{QStringLiteral("policies"), QStringLiteral("list")} + alphaTenant);
        QCOMPARE(policies.exitCode, 0);
        QVERIFY(isOneCompactDocument(policies.out));
        const QJsonArray rows = policies.json().array();
        QCOMPARE(rows.size(), 2);   // P3 is deleted
        const QJsonObject p1 = rows[0].toObject()[QStringLiteral("type")] == tags ? rows[1].toObject() : rows[0].toObject();
        QCOMPARE(p1[QStringLiteral("id")].toInteger(), p1v1->policyId);
        QCOMPARE(p1[QStringLiteral("graphId")].toString(), QStringLiteral("GID-P1"));
        QCOMPARE(p1[QStringLiteral("name")].toString(), QStringLiteral("Baseline Win"));
        QCOMPARE(p1[QStringLiteral("platform")].toString(), QStringLiteral("windows10"));
        QCOMPARE(p1[QStringLiteral("versions")].toInt(), 2);
        QCOMPARE(p1[QStringLiteral("lastModified")].toString(), QStringLiteral("2026-11-20T09:30:00.000Z"));
        QCOMPARE(json(QStringList{QStringLiteral("policies"), QStringLiteral("list"), QStringLiteral("--include-deleted")} + alphaTenant)
                     .json().array().size(), 3);
        const QJsonArray onlyTags = json(QStringList{QStringLiteral("policies"), QStringLiteral("list"), QStringLiteral("--type"), tags} + alphaTenant)
                                        .json().array();
        QCOMPARE(onlyTags.size(), 1);
        QCOMPARE(onlyTags[0][QStringLiteral("name")].toString(), QStringLiteral("Helpdesk"));
        const Outcome table = cli(withData(QStringList{QStringLiteral("policies"), QStringLiteral("list")} + alphaTenant));
        QVERIFY2(table.out.contains("GID-P1") && table.out.contains("GRAPH ID"), table.out.constData());

        // policy show, by PolicyVault id and by Graph id: the same policy, with its names.
        const QString p1Id = QString::number(p1v1->policyId);
        for (const QString& id : {p1Id, QStringLiteral("GID-P1")}) {
            const Outcome policy = json(QStringList{QStringLiteral("policy"), QStringLiteral("show"), id} + alphaTenant);
            QCOMPARE(policy.exitCode, 0);
            QVERIFY(isOneCompactDocument(policy.out));
            const QJsonObject object = policy.json().object();
            QCOMPARE(object[QStringLiteral("id")].toInteger(), p1v1->policyId);
            QCOMPARE(object[QStringLiteral("versions")].toInt(), 2);
            QCOMPARE(object[QStringLiteral("history")].toArray().size(), 2);
            QCOMPARE(object[QStringLiteral("versionId")].toInteger(), p1v2->versionId);
            QCOMPARE(object[QStringLiteral("snapshotId")].toInteger(), s3.value());
            const QJsonObject content = object[QStringLiteral("content")].toObject();
            QCOMPARE(content[QStringLiteral("name")].toString(), QStringLiteral("Baseline Win"));
            QVERIFY(QJsonDocument(content).toJson().contains("\"v2\""));
            const QJsonArray assignments = object[QStringLiteral("assignments")].toArray();
            QCOMPARE(assignments.size(), 2);
            const QJsonObject group = assignments[0][QStringLiteral("target")] == QStringLiteral("group") ? assignments[0].toObject()
                                                                                                         : assignments[1].toObject();
            // Snapshot 3 stored no names: they come from the newest snapshot that did.
            QCOMPARE(group[QStringLiteral("groupId")].toString(), QStringLiteral("g-staff"));
            QCOMPARE(group[QStringLiteral("groupName")].toString(), QStringLiteral("All staff"));
            QCOMPARE(group[QStringLiteral("filterName")].toString(), QStringLiteral("Windows 11 only"));
            QCOMPARE(group[QStringLiteral("filterType")].toString(), QStringLiteral("include"));
        }
        const Outcome policyText = cli(withData(QStringList{QStringLiteral("policy"), QStringLiteral("show"), QStringLiteral("GID-P1")} + alphaTenant));
        QCOMPARE(policyText.exitCode, 0);
        QVERIFY2(policyText.out.contains("group \"All staff\" (g-staff), filter include \"Windows 11 only\"")
                     && policyText.out.contains("allDevices") && policyText.out.contains("\"value\": \"v2\""),
                 policyText.out.constData());

        // Another tenant's ids: access denied (4), also for a capture (nothing starts).
        const QString b1Id = QString::number(b1->policyId);
        for (const QStringList& arguments :
             {QStringList{QStringLiteral("policy"), QStringLiteral("show"), b1Id},
              QStringList{QStringLiteral("snapshots"), QStringLiteral("show"), QString::number(sb.value())},
              QStringList{QStringLiteral("capture"), QStringLiteral("--policy"), b1Id},
              QStringList{QStringLiteral("capture"), QStringLiteral("--policy"), b1Id, QStringLiteral("--wait")}}) {
            const Outcome denied = json(arguments + alphaTenant);
            QCOMPARE(denied.exitCode, 4);
            QVERIFY(isOneCompactDocument(denied.out));
            QCOMPARE(denied.json()[QStringLiteral("error")].toString(), QStringLiteral("access_denied"));
            QCOMPARE(cli(withData(arguments + alphaTenant)).exitCode, 4);
        }
        // A Graph id that is not this tenant's is simply not found here.
        QCOMPARE(json(QStringList{QStringLiteral("policy"), QStringLiteral("show"), QStringLiteral("GID-B1")} + alphaTenant).exitCode, 1);
        QCOMPARE(json(QStringList{QStringLiteral("snapshots"), QStringLiteral("show"), QStringLiteral("999")} + alphaTenant).exitCode, 1);
        QCOMPARE(cli(withData({QStringLiteral("--json"), QStringLiteral("runs"), QStringLiteral("list"), QStringLiteral("--tenant"),
                               QStringLiteral("alpha")})).json().array().size(), 0);
    }

    // policy show --settings and policy diff: the normalizer's rows over versions recorded with
    // the real repository, each rendered with the definitions its snapshot captured.
    void policySettingsAndDiff()
    {
        openStore();
        const qint64 alpha = addTenant(QStringLiteral("alpha"));
        const qint64 beta = addTenant(QStringLiteral("beta"));
        QVERIFY(alpha > 0 && beta > 0);
        const SnapshotRepository repository(m_database);
        auto alphaScope = m_gate->enter(alpha);
        auto betaScope = m_gate->enter(beta);
        QVERIFY(alphaScope && betaScope);
        const TenantScope& a = alphaScope.value();
        const QString type = QStringLiteral("endpointSecurity");

        // Version 1: the two sample firewall rules. Version 2: the second rule removed, the
        // first one's protocol changed from UDP (17) to TCP (6).
        const QJsonArray sample = test::sampleSettings(QStringLiteral("sc-settings-firewall-rules.json"));
        QCOMPARE(sample.size(), 1);
        QJsonArray v1Settings;
        for (const QJsonValue& item : sample)
            v1Settings.append(QJsonObject{{QStringLiteral("settingInstance"), item[QStringLiteral("settingInstance")]}});
        QJsonObject instance = v1Settings[0][QStringLiteral("settingInstance")].toObject();
        QJsonArray rules = instance[QStringLiteral("groupSettingCollectionValue")].toArray();
        QCOMPARE(rules.size(), 2);
        rules.removeAt(1);
        QJsonObject rule = rules[0].toObject();
        QJsonArray children = rule[QStringLiteral("children")].toArray();
        bool protocolEdited = false;
        for (qsizetype i = 0; i < children.size(); ++i) {
            QJsonObject child = children[i].toObject();
            if (!child[QStringLiteral("settingDefinitionId")].toString().endsWith(QLatin1String("_protocol")))
                continue;
            QJsonObject value = child[QStringLiteral("simpleSettingValue")].toObject();
            value.insert(QStringLiteral("value"), 6);
            child.insert(QStringLiteral("simpleSettingValue"), value);
            children.replace(i, child);
            protocolEdited = true;
        }
        QVERIFY(protocolEdited);
        rule.insert(QStringLiteral("children"), children);
        rules.replace(0, rule);
        instance.insert(QStringLiteral("groupSettingCollectionValue"), rules);
        const QJsonArray v2Settings{QJsonObject{{QStringLiteral("settingInstance"), instance}}};
        auto content = [](const QJsonArray& settings) {
            return QJsonObject{{QStringLiteral("id"), QStringLiteral("GID-FW")},
                               {QStringLiteral("name"), QStringLiteral("Firewall rules")},
                               {QStringLiteral("platforms"), QStringLiteral("windows10")},
                               {QStringLiteral("technologies"), QStringLiteral("mdm,microsoftSense")},
                               {QStringLiteral("templateReference"), QJsonObject{{QStringLiteral("templateId"), QStringLiteral("T-FW")}}},
                               {QStringLiteral("roleScopeTagIds"), QJsonArray{QStringLiteral("0")}},
                               {QStringLiteral("createdDateTime"), QStringLiteral("2026-11-01T08:00:00Z")},
                               {QStringLiteral("settings"), settings}};
        };
        // Each version with its own snapshot and the definitions that snapshot captured.
        auto record = [&](const QJsonArray& settings) -> qint64 {
            auto version = repository.recordPolicyVersion(a, type, QStringLiteral("GID-FW"), QStringLiteral("Firewall rules"),
                                                          QStringLiteral("windows10"), content(settings), 0);
            auto snapshot = repository.beginSnapshot(a, 0, {type});
            if (!version || !snapshot || !repository.addToSnapshot(a, snapshot.value(), version->versionId))
                return 0;
            for (const QJsonValue& item : sample) {
                for (const QJsonValue& d : item[QStringLiteral("settingDefinitions")].toArray()) {
                    if (!repository.addReference(a, snapshot.value(), QStringLiteral("definition"), d[QStringLiteral("id")].toString(),
                                                 d.toObject()))
                        return 0;
                }
            }
            if (!repository.addReference(a, snapshot.value(), QStringLiteral("template"), QStringLiteral("T-FW"),
                                         {{QStringLiteral("id"), QStringLiteral("T-FW")},
                                          {QStringLiteral("displayName"), QStringLiteral("Windows Firewall Rules")},
                                          {QStringLiteral("templateFamily"), QStringLiteral("endpointSecurityFirewall")}})
                || !repository.addReference(a, snapshot.value(), QStringLiteral("scope_tag"), QStringLiteral("0"),
                                            {{QStringLiteral("id"), QStringLiteral("0")}, {QStringLiteral("displayName"), QStringLiteral("Default")}}))
                return 0;
            for (const QJsonValue& c : test::normalizeData(QStringLiteral("configuration-categories.json"))[QStringLiteral("value")].toArray()) {
                if (!repository.addReference(a, snapshot.value(), QStringLiteral("category"), c[QStringLiteral("id")].toString(), c.toObject()))
                    return 0;
            }
            return repository.finishSnapshot(a, snapshot.value(), true, {}) ? version->policyId : 0;
        };
        const qint64 policyId = record(v1Settings);
        QVERIFY(policyId > 0);
        QCOMPARE(record(v2Settings), policyId);
        auto other = repository.recordPolicyVersion(betaScope.value(), type, QStringLiteral("GID-B"), QStringLiteral("Beta"),
                                                    QStringLiteral("windows10"), content(v1Settings), 0);
        QVERIFY(other);

        const QStringList alphaTenant{QStringLiteral("--tenant"), QStringLiteral("alpha")};
        auto json = [&](const QStringList& arguments) {
            Outcome outcome = cli(withData(QStringList{QStringLiteral("--json")} + arguments));
            if (!isOneCompactDocument(outcome.out))
                qWarning("not one compact document: %s", outcome.out.constData());
            return outcome;
        };

        // --settings --json: {"policy", "rows"}; the latest version: one rule left, now TCP.
        for (const QString& id : {QString::number(policyId), QStringLiteral("GID-FW")}) {
            const Outcome shown = json(QStringList{QStringLiteral("policy"), QStringLiteral("show"), id, QStringLiteral("--settings")} + alphaTenant);
            QCOMPARE(shown.exitCode, 0);
            QVERIFY(isOneCompactDocument(shown.out));
            const QJsonObject document = shown.json().object();
            QCOMPARE(document.keys(), (QStringList{QStringLiteral("policy"), QStringLiteral("rows")}));
            QCOMPARE(document[QStringLiteral("policy")][QStringLiteral("id")].toInteger(), policyId);
            QCOMPARE(document[QStringLiteral("policy")][QStringLiteral("name")].toString(), QStringLiteral("Firewall rules"));
            const QJsonObject general = document[QStringLiteral("policy")][QStringLiteral("general")].toObject();
            QCOMPARE(general[QStringLiteral("technologies")].toArray(),
                     (QJsonArray{QStringLiteral("MDM"), QStringLiteral("Defender for Endpoint")}));
            QCOMPARE(general[QStringLiteral("platforms")].toArray(), QJsonArray{QStringLiteral("Windows 10 and later")});
            QCOMPARE(general[QStringLiteral("template")][QStringLiteral("displayName")].toString(), QStringLiteral("Windows Firewall Rules"));
            QCOMPARE(general[QStringLiteral("template")][QStringLiteral("family")].toString(), QStringLiteral("endpointSecurityFirewall"));
            QCOMPARE(general[QStringLiteral("scopeTags")].toArray(), QJsonArray{QStringLiteral("Default")});
            QCOMPARE(general[QStringLiteral("created")].toString(), QStringLiteral("2026-11-01T08:00:00.000Z"));
            const QJsonArray rows = document[QStringLiteral("rows")].toArray();
            QCOMPARE(rows.size(), 12);   // the collection, one record, its 10 children
            for (const QJsonValue& row : rows) {
                for (const char* key : {"rowKey", "parentRowKey", "category", "setting", "value", "depth", "definitionId"})
                    QVERIFY2(row.toObject().contains(QLatin1String(key)), key);
                QCOMPARE(row[QStringLiteral("category")].toString(), QStringLiteral("Firewall"));
            }
            QCOMPARE(rows[0][QStringLiteral("depth")].toInt(), 0);
            QCOMPARE(rows[0][QStringLiteral("value")].toString(), QStringLiteral("1 rule"));
            const QJsonObject recordRow = rows[1].toObject();
            QCOMPARE(recordRow[QStringLiteral("depth")].toInt(), 1);
            QCOMPARE(recordRow[QStringLiteral("parentRowKey")].toString(), rows[0][QStringLiteral("rowKey")].toString());
            const QJsonObject rule = recordRow[QStringLiteral("record")].toObject();
            QCOMPARE(rule[QStringLiteral("name")].toString(), QStringLiteral("Allow Teams inbound"));
            QCOMPARE(rule[QStringLiteral("direction")].toString(), QStringLiteral("In"));
            QCOMPARE(rule[QStringLiteral("action")].toString(), QStringLiteral("Allow"));
            QCOMPARE(rule[QStringLiteral("protocol")].toString(), QStringLiteral("TCP"));
            QVERIFY(!rule[QStringLiteral("profiles")].toArray().isEmpty());
            QVERIFY(!rule[QStringLiteral("interfaces")].toArray().isEmpty());
            QCOMPARE(rows[2][QStringLiteral("depth")].toInt(), 2);
            QVERIFY(!rows[2].toObject().contains(QStringLiteral("record")));
        }
        const Outcome text = cli(withData(QStringList{QStringLiteral("policy"), QStringLiteral("show"), QStringLiteral("GID-FW"),
                                                      QStringLiteral("--settings")} + alphaTenant));
        QCOMPARE(text.exitCode, 0);
        QVERIFY2(text.out.contains("CATEGORY") && text.out.contains("Allow Teams inbound") && text.out.contains("Allow · In · TCP")
                     && text.out.contains("MDM, Defender for Endpoint") && text.out.contains("Scope tags:     Default"),
                 text.out.constData());

        // diff 1 → 2: the removed rule's rows and the changed protocol (and its record's summary).
        const Outcome diff = json(QStringList{QStringLiteral("policy"), QStringLiteral("diff"), QStringLiteral("GID-FW"),
                                              QStringLiteral("--from"), QStringLiteral("1"), QStringLiteral("--to"), QStringLiteral("2")} + alphaTenant);
        QCOMPARE(diff.exitCode, 0);
        QVERIFY(isOneCompactDocument(diff.out));
        QCOMPARE(diff.json()[QStringLiteral("from")][QStringLiteral("version")].toInt(), 1);
        QCOMPARE(diff.json()[QStringLiteral("to")][QStringLiteral("version")].toInt(), 2);
        const QJsonArray changes = diff.json()[QStringLiteral("changes")].toArray();
        int removed = 0;
        QStringList changed;
        bool removedRecord = false;
        for (const QJsonValue& change : changes) {
            const QString kind = change[QStringLiteral("change")].toString();
            if (kind == QLatin1String("removed")) {
                ++removed;
                QVERIFY2(change[QStringLiteral("rowKey")].toString().contains(QLatin1String("[Block outbound SMB to Internet]")),
                         qPrintable(change[QStringLiteral("rowKey")].toString()));
                QVERIFY(change[QStringLiteral("newValue")].isNull());
                if (change.toObject().contains(QStringLiteral("oldRecord"))) {
                    removedRecord = true;
                    QCOMPARE(change[QStringLiteral("oldRecord")][QStringLiteral("name")].toString(), QStringLiteral("Block outbound SMB to Internet"));
                }
            } else {
                QCOMPARE(kind, QStringLiteral("changed"));
                changed << QStringLiteral("%1: %2 -> %3").arg(change[QStringLiteral("setting")].toString(),
                                                             change[QStringLiteral("oldValue")].toString(),
                                                             change[QStringLiteral("newValue")].toString());
            }
        }
        QCOMPARE(removed, 10);   // the rule's record row and its 9 children
        QVERIFY(removedRecord);
        QCOMPARE(changed.size(), 2);
        QVERIFY2(changed.filter(QStringLiteral(": UDP -> TCP")).size() == 1, qPrintable(changed.join(QLatin1Char('|'))));
        const Outcome diffText = cli(withData(QStringList{QStringLiteral("policy"), QStringLiteral("diff"), QString::number(policyId),
                                                          QStringLiteral("--from"), QStringLiteral("2"), QStringLiteral("--to"), QStringLiteral("1")} + alphaTenant));
        QCOMPARE(diffText.exitCode, 0);
        QVERIFY2(diffText.out.contains("+ Firewall > ") && diffText.out.contains("TCP → UDP"), diffText.out.constData());
        // Same version: nothing.
        QCOMPARE(json(QStringList{QStringLiteral("policy"), QStringLiteral("diff"), QStringLiteral("GID-FW"), QStringLiteral("--from"),
                                  QStringLiteral("2"), QStringLiteral("--to"), QStringLiteral("2")} + alphaTenant)
                     .json()[QStringLiteral("changes")].toArray().size(), 0);

        // Bad versions: usage (3) when malformed or missing, not found (1) when out of range.
        const QStringList diffFw{QStringLiteral("policy"), QStringLiteral("diff"), QStringLiteral("GID-FW")};
        QCOMPARE(json(diffFw + QStringList{QStringLiteral("--from"), QStringLiteral("x"), QStringLiteral("--to"), QStringLiteral("2")} + alphaTenant).exitCode, 3);
        QCOMPARE(json(diffFw + QStringList{QStringLiteral("--from"), QStringLiteral("1")} + alphaTenant).exitCode, 3);
        QCOMPARE(json(diffFw + QStringList{QStringLiteral("--from"), QStringLiteral("1"), QStringLiteral("--to"), QStringLiteral("3")} + alphaTenant).exitCode, 1);
        QCOMPARE(json(QStringList{QStringLiteral("policy"), QStringLiteral("show"), QStringLiteral("GID-FW"), QStringLiteral("--from"),
                                  QStringLiteral("1")} + alphaTenant).exitCode, 3);

        // Another tenant's policy: access denied (4), for both commands.
        const QString otherId = QString::number(other->policyId);
        for (const QStringList& arguments :
             {QStringList{QStringLiteral("policy"), QStringLiteral("show"), otherId, QStringLiteral("--settings")},
              QStringList{QStringLiteral("policy"), QStringLiteral("diff"), otherId, QStringLiteral("--from"), QStringLiteral("1"),
                          QStringLiteral("--to"), QStringLiteral("1")}}) {
            const Outcome denied = json(arguments + alphaTenant);
            QCOMPARE(denied.exitCode, 4);
            QCOMPARE(denied.json()[QStringLiteral("error")].toString(), QStringLiteral("access_denied"));
        }
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
        process.setProcessEnvironment(jobEnvironment({{QStringLiteral("items"), 3}, {QStringLiteral("itemDelayMs"), 20000},
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
        QElapsedTimer timer;
        timer.start();
        ::kill(pid_t(process.processId()), SIGINT);
        // Two signals sent together would merge into one: send the second once the first arrived.
        QTRY_VERIFY_WITH_TIMEOUT(!sigintPending(process.processId()), 10000);
        ::kill(pid_t(process.processId()), SIGINT);
        QVERIFY(process.waitForFinished(30000));
        QCOMPARE(process.exitStatus(), QProcess::NormalExit);
        QCOMPARE(process.exitCode(), 1);
        QVERIFY2(timer.elapsed() < 15000, "the second Ctrl+C waited for the item");   // the item alone takes 20 s
        const Outcome show = cli(withData({QStringLiteral("--json"), QStringLiteral("runs"), QStringLiteral("show"), QString::number(runId),
                                           QStringLiteral("--tenant"), QStringLiteral("alpha")}));
        QCOMPARE(show.json()[QStringLiteral("status")].toString(), QStringLiteral("interrupted"));
    }
#endif
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
