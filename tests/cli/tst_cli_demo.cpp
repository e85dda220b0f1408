// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
// policyvault-cli demo and demo change, the real executable with the real graphsim it starts
// in the background. `demo` stores the client secret in the keychain: that test skips without
// a Secret Service unless PV_REQUIRE_KEYCHAIN=1 (scripts/dev.sh test-only).
#include "core/common/AppPaths.h"
#include "core/demo/DemoServer.h"
#include "core/runs/ProcessInfo.h"
#include "core/secrets/KeychainSecretStore.h"
#include "core/store/Database.h"
#include "core/store/TenantRepository.h"
#include "tests/testutils/ResultText.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

#ifdef Q_OS_UNIX
#include <csignal>
#endif

#include <memory>

using namespace pv;

class TestCliDemo : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void usageErrors_data();
    void usageErrors();
    void demoTwiceMakesOneTenant();
    void demoChangeIsSavedInTheState();
    void demoChangeThenRestoreBringsItBack();

private:
    struct Outcome
    {
        int exitCode = -1;
        QByteArray out;
        QByteArray err;
        QJsonObject json() const { return QJsonDocument::fromJson(out).object(); }
    };
    Outcome cli(const QStringList& arguments);
    QMap<QString, QJsonObject> statePolicies() const;

    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestCliDemo::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void TestCliDemo::cleanup()
{
    // The CLI leaves graphsim running for the next command, as it should; the test does not.
    auto running = DemoServer::running(m_dir->path());
    if (!running)
        return;
    const qint64 pid = running->pid;
    if (!DemoServer::stop(m_dir->path())) {
#ifdef Q_OS_UNIX
        ::kill(pid_t(pid), SIGKILL);
#endif
    }
    QVERIFY(QTest::qWaitFor([pid] { return !isProcessAlive(ProcessIdentity{pid, 0, {}}); }, 15000));
}

TestCliDemo::Outcome TestCliDemo::cli(const QStringList& arguments)
{
    QProcess process;
    process.start(qEnvironmentVariable("PV_CLI_BIN"), QStringList{QStringLiteral("--data-dir"), m_dir->path()} + arguments);
    if (!process.waitForFinished(60000))
        qFatal("policyvault-cli did not finish");
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1, process.readAllStandardOutput(),
            process.readAllStandardError()};
}

QMap<QString, QJsonObject> TestCliDemo::statePolicies() const
{
    QMap<QString, QJsonObject> policies;
    QFile file(DemoServer::stateFilePath(m_dir->path()));
    if (!file.open(QIODevice::ReadOnly))
        return policies;
    const QJsonObject state = QJsonDocument::fromJson(file.readAll()).object();
    for (const QJsonValue& policy : state.value(QStringLiteral("configurationPolicies")).toArray())
        policies.insert(policy.toObject().value(QStringLiteral("id")).toString(), policy.toObject());
    return policies;
}

void TestCliDemo::usageErrors_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addRow("count zero") << QStringList{QStringLiteral("demo"), QStringLiteral("change"), QStringLiteral("--count"),
                                               QStringLiteral("0")};
    QTest::addRow("count not a number") << QStringList{QStringLiteral("demo"), QStringLiteral("change"),
                                                       QStringLiteral("--count"), QStringLiteral("x")};
    QTest::addRow("count on demo") << QStringList{QStringLiteral("demo"), QStringLiteral("--count"), QStringLiteral("2")};
    QTest::addRow("unknown subcommand") << QStringList{QStringLiteral("demo"), QStringLiteral("frob")};
    QTest::addRow("tenant on demo change") << QStringList{QStringLiteral("demo"), QStringLiteral("change"),
                                                          QStringLiteral("--tenant"), QStringLiteral("x")};
}

void TestCliDemo::usageErrors()
{
    QFETCH(QStringList, arguments);
    const Outcome outcome = cli(QStringList{QStringLiteral("--json")} + arguments);
    QCOMPARE(outcome.exitCode, 3);
    QCOMPARE(outcome.json().value(QStringLiteral("error")).toString(), QStringLiteral("usage"));
    // Nothing was started for a usage error.
    QVERIFY(!QFile::exists(DemoServer::demoDir(m_dir->path())));
}

void TestCliDemo::demoTwiceMakesOneTenant()
{
    {
        KeychainSecretStore::Options options;
        options.service = KeychainSecretStore::serviceForStore(QStringLiteral("probe-cli-demo"));
        options.timeout = std::chrono::seconds(20);
        KeychainSecretStore probeStore(options);
        if (const Status probe = probeStore.probe(); !probe) {
            if (qEnvironmentVariable("PV_REQUIRE_KEYCHAIN") == QLatin1String("1"))
                QFAIL(qPrintable(probe.error().toString()));
            QSKIP("no usable Secret Service (scripts/dev.sh test-only provides one)");
        }
    }
    const Outcome first = cli({QStringLiteral("--json"), QStringLiteral("demo")});
    QVERIFY2(first.exitCode == 0, first.out.constData());
    const QJsonObject one = first.json();
    QCOMPARE(one.value(QStringLiteral("tenant")).toString(), QStringLiteral("demo"));
    QVERIFY(one.value(QStringLiteral("created")).toBool());
    QVERIFY(one.value(QStringLiteral("simulated")).toBool());
    QVERIFY(one.value(QStringLiteral("graphsimStarted")).toBool());
    QVERIFY(one.value(QStringLiteral("secretStored")).toBool());
    QVERIFY(one.value(QStringLiteral("graphUrl")).toString().startsWith(QStringLiteral("https://127.0.0.1:")));
    QVERIFY(QFile::exists(one.value(QStringLiteral("caCert")).toString()));

    const Outcome second = cli({QStringLiteral("--json"), QStringLiteral("demo")});
    QCOMPARE(second.exitCode, 0);
    const QJsonObject two = second.json();
    QVERIFY(!two.value(QStringLiteral("created")).toBool());
    QVERIFY(!two.value(QStringLiteral("graphsimStarted")).toBool());
    QVERIFY(!two.value(QStringLiteral("secretStored")).toBool());
    QCOMPARE(two.value(QStringLiteral("id")), one.value(QStringLiteral("id")));
    QCOMPARE(two.value(QStringLiteral("graphsimPid")), one.value(QStringLiteral("graphsimPid")));

    const Outcome list = cli({QStringLiteral("--json"), QStringLiteral("tenant"), QStringLiteral("list")});
    QCOMPARE(list.exitCode, 0);
    const QJsonArray tenants = QJsonDocument::fromJson(list.out).array();
    QCOMPARE(tenants.size(), 1);
    QCOMPARE(tenants.first().toObject().value(QStringLiteral("name")).toString(), QStringLiteral("demo"));

    // The secret is in this store's keychain namespace, as graphsim has it.
    Database::Options databaseOptions;
    databaseOptions.path = AppPaths::databasePath(m_dir->path());
    auto database = Database::open(databaseOptions);
    QVERIFY2(database.ok(), test::errorText(database).constData());
    KeychainSecretStore::Options options;
    options.service = KeychainSecretStore::serviceForStore(database.value()->storeUuid());
    KeychainSecretStore secrets(options);
    auto running = DemoServer::running(m_dir->path());
    QVERIFY(running.ok());
    auto demo = TenantRepository(database.value()).byName(QStringLiteral("demo"));
    QVERIFY(demo.ok());
    QVERIFY(demo->simulated);
    auto secret = secrets.read(SecretStore::key(demo->uuid, SecretKind::ClientSecret));
    QVERIFY2(secret.ok(), test::errorText(secret).constData());
    QCOMPARE(secret.value(), running->clientSecret);

    // With the simulator stopped, `tenant test demo` starts it again, as a run would.
    const qint64 pid = running->pid;
    QVERIFY(DemoServer::stop(m_dir->path()));
    QVERIFY(QTest::qWaitFor([pid] { return !isProcessAlive(ProcessIdentity{pid, 0, {}}); }, 15000));
    const Outcome tested = cli({QStringLiteral("--json"), QStringLiteral("tenant"), QStringLiteral("test"),
                                QStringLiteral("demo")});
    QVERIFY2(tested.exitCode == 0, tested.out.constData());
    QVERIFY(tested.json().value(QStringLiteral("ok")).toBool());
    QVERIFY(DemoServer::running(m_dir->path()).ok());
}

void TestCliDemo::demoChangeIsSavedInTheState()
{
    // graphsim first, so there is a state to compare with (demo change starts it otherwise).
    auto endpoint = DemoServer::ensureRunning(m_dir->path());
    QVERIFY2(endpoint.ok(), test::errorText(endpoint).constData());
    const QMap<QString, QJsonObject> before = statePolicies();
    QVERIFY(before.size() > 5);

    const Outcome outcome = cli({QStringLiteral("--json"), QStringLiteral("demo"), QStringLiteral("change"),
                                 QStringLiteral("--count"), QStringLiteral("3")});
    QVERIFY2(outcome.exitCode == 0, outcome.out.constData());
    const QJsonArray changes = outcome.json().value(QStringLiteral("changes")).toArray();
    QCOMPARE(changes.size(), 3);
    QCOMPARE(outcome.json().value(QStringLiteral("requested")).toInt(), 3);

    const QMap<QString, QJsonObject> after = statePolicies();
    static const QStringList kinds{QStringLiteral("renamed"), QStringLiteral("setting"), QStringLiteral("assignments"),
                                   QStringLiteral("deleted")};
    for (const QJsonValue& value : changes) {
        const QJsonObject change = value.toObject();
        const QString id = change.value(QStringLiteral("policyId")).toString();
        const QString kind = change.value(QStringLiteral("kind")).toString();
        QVERIFY2(kinds.contains(kind), qPrintable(kind));
        QVERIFY2(before.contains(id), qPrintable(id));
        if (kind == QLatin1String("deleted"))
            QVERIFY2(!after.contains(id), qPrintable(id + QStringLiteral(" still in the state file")));
        else
            QVERIFY2(after.value(id) != before.value(id), qPrintable(id + QStringLiteral(" unchanged in the state file")));
    }
}

// The "done": on the demo tenant a user changes policies, previews a restore, executes
// it and sees per-item outcomes and a verified audit chain; a second preview finds nothing left
// to do but what the plan could not restore.
void TestCliDemo::demoChangeThenRestoreBringsItBack()
{
    {
        KeychainSecretStore::Options options;
        options.service = KeychainSecretStore::serviceForStore(QStringLiteral("probe-cli-demo"));
        options.timeout = std::chrono::seconds(20);
        KeychainSecretStore probeStore(options);
        if (const Status probe = probeStore.probe(); !probe) {
            if (qEnvironmentVariable("PV_REQUIRE_KEYCHAIN") == QLatin1String("1"))
                QFAIL(qPrintable(probe.error().toString()));
            QSKIP("no usable Secret Service (scripts/dev.sh test-only provides one)");
        }
    }
    const QStringList demo{QStringLiteral("--json"), QStringLiteral("--tenant"), QStringLiteral("demo")};
    QCOMPARE(cli({QStringLiteral("--json"), QStringLiteral("demo")}).exitCode, 0);
    const Outcome backup = cli(demo + QStringList{QStringLiteral("backup"), QStringLiteral("--wait")});
    QVERIFY2(backup.exitCode == 0, backup.out.constData());
    const QString snapshot = QString::number(backup.json().value(QStringLiteral("snapshotId")).toInteger());
    const Outcome changed = cli({QStringLiteral("--json"), QStringLiteral("demo"), QStringLiteral("change"), QStringLiteral("--count"),
                                 QStringLiteral("4")});
    QVERIFY2(changed.exitCode == 0, changed.out.constData());
    QSet<QString> changedIds;
    for (const QJsonValue& c : changed.json().value(QStringLiteral("changes")).toArray())
        changedIds.insert(c[QStringLiteral("policyId")].toString());

    const QStringList preview = demo + QStringList{QStringLiteral("restore"), QStringLiteral("--snapshot"), snapshot,
                                                   QStringLiteral("--assignments"), QStringLiteral("--preview"), QStringLiteral("--wait")};
    const Outcome planned = cli(preview);
    QVERIFY2(planned.exitCode == 0 || planned.exitCode == 2, planned.out.constData());
    QSet<QString> writes, blocked;   // graph ids the restore writes / cannot restore
    for (const QJsonValue& v : planned.json().value(QStringLiteral("items")).toArray()) {
        const QString outcome = v[QStringLiteral("outcome")].toString();
        const QString id = v[QStringLiteral("graphId")].toString();
        if (outcome == u"would_update" || outcome == u"would_create")
            writes.insert(id);
        else if (outcome != u"unchanged")
            blocked.insert(id);
        if (!changedIds.contains(id))
            QVERIFY2(outcome == u"unchanged", qPrintable(id + u' ' + outcome));   // only what demo change touched differs
    }
    QVERIFY(!writes.isEmpty());
    QCOMPARE(planned.exitCode, blocked.isEmpty() ? 0 : 2);

    const Outcome executed = cli(demo + QStringList{QStringLiteral("restore"), QStringLiteral("--execute"),
                                                    QString::number(planned.json().value(QStringLiteral("planRunId")).toInteger()),
                                                    QStringLiteral("--yes"), QStringLiteral("--wait")});
    QVERIFY2(executed.exitCode == (blocked.isEmpty() ? 0 : 2), executed.out.constData());
    const QJsonObject counts = executed.json().value(QStringLiteral("counts")).toObject();
    QCOMPARE(counts.value(QStringLiteral("updated")).toInt() + counts.value(QStringLiteral("created")).toInt(), int(writes.size()));
    const Outcome shown = cli(demo + QStringList{QStringLiteral("runs"), QStringLiteral("show"),
                                                 QString::number(executed.json().value(QStringLiteral("runId")).toInteger())});
    int written = 0;
    for (const QJsonValue& item : shown.json().value(QStringLiteral("items")).toArray())
        written += item[QStringLiteral("outcome")].toString() == u"updated" || item[QStringLiteral("outcome")].toString() == u"created";
    QCOMPARE(written, int(writes.size()));

    const Outcome again = cli(preview);
    for (const QJsonValue& v : again.json().value(QStringLiteral("items")).toArray()) {
        const QString id = v[QStringLiteral("graphId")].toString();
        if (!blocked.contains(id))
            QVERIFY2(v[QStringLiteral("outcome")].toString() == u"unchanged", qPrintable(id + u' ' + v[QStringLiteral("outcome")].toString()));
    }
    const Outcome verified = cli({QStringLiteral("--json"), QStringLiteral("audit"), QStringLiteral("verify")});
    QVERIFY2(verified.exitCode == 0, verified.out.constData());
}

QTEST_GUILESS_MAIN(TestCliDemo)
#include "tst_cli_demo.moc"
