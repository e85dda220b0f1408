// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
// The capture commands of the real policyvault-cli, end to end against a real graphsim process
// over HTTPS: backup (--wait and detached), snapshots, policies, policy show by both ids,
// capture --policy by Graph id, and another tenant's ids.
#include "core/store/Database.h"
#include "core/store/TenantRepository.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace pv;

namespace {

bool isOneCompactDocument(const QByteArray& out)
{
    if (!out.endsWith('\n') || out.chopped(1).contains('\n'))
        return false;
    QJsonParseError error{};
    QJsonDocument::fromJson(out, &error);
    return error.error == QJsonParseError::NoError;
}

} // namespace

class TestCliCapture : public QObject
{
    Q_OBJECT

private:
    struct Outcome
    {
        int exitCode = -1;
        QByteArray out;
        QByteArray err;
        QJsonObject object() const { return QJsonDocument::fromJson(out).object(); }
        QJsonArray array() const { return QJsonDocument::fromJson(out).array(); }
    };

    /// `policyvault-cli --data-dir DIR --json ARGS`, with the tenant's secret in the environment.
    Outcome cli(const QStringList& arguments, const QString& secret = {})
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("POLICYVAULT_CLIENT_SECRET"), secret.isEmpty() ? m_secret : secret);
        QProcess process;
        process.setProcessEnvironment(env);
        process.start(qEnvironmentVariable("PV_CLI_BIN"),
                      QStringList{QStringLiteral("--data-dir"), m_dir.path(), QStringLiteral("--json")} + arguments);
        if (!process.waitForFinished(240000))
            qFatal("policyvault-cli did not finish");
        Outcome outcome{process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
                        process.readAllStandardOutput(), process.readAllStandardError()};
        if (!isOneCompactDocument(outcome.out))
            qWarning("not one compact JSON document: %s", outcome.out.constData());
        return outcome;
    }

    static int sum(const QJsonObject& counts, std::initializer_list<const char*> names)
    {
        int total = 0;
        for (const char* name : names)
            total += counts.value(QLatin1String(name)).toInt();
        return total;
    }

    QTemporaryDir m_dir;
    QProcess m_graphsim;
    QString m_secret;

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_graphsim.setProgram(QStringLiteral(PV_BINARY_DIR "/bin/graphsim"));
        m_graphsim.setArguments({QStringLiteral("--tenant"), QStringLiteral("demo"), QStringLiteral("--seed"), QStringLiteral("7"),
                                 QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--policy-page-size"), QStringLiteral("5")});
        m_graphsim.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        m_graphsim.start();
        QVERIFY(m_graphsim.waitForStarted(10000));
        QTRY_VERIFY_WITH_TIMEOUT(m_graphsim.canReadLine() || m_graphsim.state() != QProcess::Running, 30000);
        const QJsonObject info = QJsonDocument::fromJson(m_graphsim.readLine()).object();
        const QJsonObject simTenant = info.value(QStringLiteral("tenants")).toArray().first().toObject();
        QVERIFY2(!simTenant.isEmpty(), "graphsim printed no tenant");
        m_secret = simTenant.value(QStringLiteral("clientSecret")).toString();

        Database::Options options;
        options.path = m_dir.filePath(QStringLiteral("policyvault.db"));
        auto database = Database::open(options);
        QVERIFY(database);
        TenantRepository tenants(database.value());
        for (const QString& name : {QStringLiteral("demo"), QStringLiteral("other")}) {
            TenantRecord tenant;
            tenant.name = name;
            tenant.entraTenantId = simTenant.value(QStringLiteral("tenantId")).toString();
            tenant.clientId = simTenant.value(QStringLiteral("clientId")).toString();
            tenant.graphUrl = info.value(QStringLiteral("https")).toString();
            tenant.authorityUrl = info.value(QStringLiteral("https")).toString();
            tenant.caCertificatePath = info.value(QStringLiteral("caCert")).toString();
            QVERIFY2(tenants.create(tenant), qPrintable(name));
        }
    }

    void cleanupTestCase()
    {
        m_graphsim.terminate();
        m_graphsim.waitForFinished(30000);
    }

    void backupThenBrowseAndCapture()
    {
        const QStringList demo{QStringLiteral("--tenant"), QStringLiteral("demo")};

        QElapsedTimer timer;
        timer.start();
        const Outcome backup = cli(QStringList{QStringLiteral("backup"), QStringLiteral("--wait")} + demo);
        qInfo("backup --wait of graphsim's demo tenant: %lld ms", timer.elapsed());
        QVERIFY2(backup.exitCode == 0, backup.out.constData());
        QVERIFY(isOneCompactDocument(backup.out));
        const QJsonObject done = backup.object();
        QCOMPARE(done.value(QStringLiteral("status")).toString(), QStringLiteral("succeeded"));
        QCOMPARE(done.value(QStringLiteral("kind")).toString(), QStringLiteral("backup"));
        QCOMPARE(done.value(QStringLiteral("reused")).toBool(), false);
        const qint64 snapshotId = done.value(QStringLiteral("snapshotId")).toInteger();
        QVERIFY(snapshotId > 0);
        const QJsonObject counts = done.value(QStringLiteral("counts")).toObject();
        QCOMPARE(counts.value(QStringLiteral("failed")).toInt(), 0);
        const int created = counts.value(QStringLiteral("created")).toInt();
        QVERIFY(created > 5);

        // The snapshot is complete and holds every object the run recorded.
        const Outcome snapshot = cli(QStringList{QStringLiteral("snapshots"), QStringLiteral("show"), QString::number(snapshotId)} + demo);
        QCOMPARE(snapshot.exitCode, 0);
        QCOMPARE(snapshot.object().value(QStringLiteral("complete")).toBool(), true);
        QCOMPARE(snapshot.object().value(QStringLiteral("incompleteTypes")).toArray().size(), 0);
        QCOMPARE(snapshot.object().value(QStringLiteral("itemCount")).toInt(), sum(counts, {"created", "updated", "unchanged"}));
        const Outcome snapshots = cli(QStringList{QStringLiteral("snapshots"), QStringLiteral("list")} + demo);
        QCOMPARE(snapshots.array().size(), 1);

        // policies list: every object, with both ids.
        const Outcome policies = cli(QStringList{QStringLiteral("policies"), QStringLiteral("list")} + demo);
        QCOMPARE(policies.exitCode, 0);
        const QJsonArray rows = policies.array();
        QCOMPARE(rows.size(), created);
        QJsonObject assigned;
        for (const QJsonValue& row : rows) {
            QVERIFY(row[QStringLiteral("id")].toInteger() > 0);
            QVERIFY(!row[QStringLiteral("graphId")].toString().isEmpty());
            QCOMPARE(row[QStringLiteral("versions")].toInt(), 1);
            if (assigned.isEmpty() && row[QStringLiteral("type")].toString() == QLatin1String("settingsCatalog")) {
                const Outcome shown = cli(QStringList{QStringLiteral("policy"), QStringLiteral("show"),
                                                      QString::number(row[QStringLiteral("id")].toInteger())} + demo);
                bool hasGroup = false;
                for (const QJsonValue& a : shown.object().value(QStringLiteral("assignments")).toArray())
                    hasGroup = hasGroup || !a[QStringLiteral("groupId")].isNull();
                if (hasGroup)
                    assigned = row.toObject();
            }
        }
        QVERIFY2(!assigned.isEmpty(), "no settings-catalog policy of the demo tenant is assigned to a group");
        const QString id = QString::number(assigned.value(QStringLiteral("id")).toInteger());
        const QString graphId = assigned.value(QStringLiteral("graphId")).toString();

        // policy show by either id: the same policy, its canonical JSON, group names.
        const Outcome byId = cli(QStringList{QStringLiteral("policy"), QStringLiteral("show"), id} + demo);
        const Outcome byGraphId = cli(QStringList{QStringLiteral("policy"), QStringLiteral("show"), graphId} + demo);
        QCOMPARE(byId.exitCode, 0);
        QCOMPARE(byGraphId.exitCode, 0);
        QCOMPARE(byId.out, byGraphId.out);
        const QJsonObject policy = byId.object();
        QCOMPARE(policy.value(QStringLiteral("graphId")).toString(), graphId);
        QCOMPARE(policy.value(QStringLiteral("snapshotId")).toInteger(), snapshotId);
        QVERIFY(!policy.value(QStringLiteral("content")).toObject().isEmpty());
        for (const QJsonValue& a : policy.value(QStringLiteral("assignments")).toArray()) {
            if (!a[QStringLiteral("groupId")].isNull())
                QVERIFY2(!a[QStringLiteral("groupName")].toString().isEmpty(), byId.out.constData());
        }

        // capture --policy by Graph id: one item, unchanged, no snapshot.
        const Outcome capture = cli(QStringList{QStringLiteral("capture"), QStringLiteral("--policy"), graphId, QStringLiteral("--wait")} + demo);
        QVERIFY2(capture.exitCode == 0, capture.out.constData());
        QCOMPARE(capture.object().value(QStringLiteral("kind")).toString(), QStringLiteral("policy.capture_snapshot"));
        QCOMPARE(capture.object().value(QStringLiteral("status")).toString(), QStringLiteral("succeeded"));
        QCOMPARE(capture.object().value(QStringLiteral("counts")).toObject().value(QStringLiteral("unchanged")).toInt(), 1);
        QVERIFY(!capture.object().contains(QStringLiteral("snapshotId")));

        // Another tenant's ids: access denied, nothing starts.
        const QStringList other{QStringLiteral("--tenant"), QStringLiteral("other")};
        QCOMPARE(cli(QStringList{QStringLiteral("policy"), QStringLiteral("show"), id} + other).exitCode, 4);
        QCOMPARE(cli(QStringList{QStringLiteral("capture"), QStringLiteral("--policy"), id} + other).exitCode, 4);
        QCOMPARE(cli(QStringList{QStringLiteral("snapshots"), QStringLiteral("show"), QString::number(snapshotId)} + other).exitCode, 4);
        QCOMPARE(cli(QStringList{QStringLiteral("runs"), QStringLiteral("list")} + other).array().size(), 0);

        // A detached backup: returns at once, its worker (which got the secret from the
        // environment) re-captures the unchanged tenant: every object unchanged, a new snapshot.
        timer.restart();
        const Outcome detached = cli(QStringList{QStringLiteral("backup")} + demo);
        qInfo("detached backup start returned in %lld ms", timer.elapsed());
        QCOMPARE(detached.exitCode, 0);
        const QString runId = QString::number(detached.object().value(QStringLiteral("runId")).toInteger());
        QCOMPARE(detached.object().value(QStringLiteral("reused")).toBool(), false);
        QTRY_COMPARE_WITH_TIMEOUT(cli(QStringList{QStringLiteral("runs"), QStringLiteral("show"), runId} + demo)
                                      .object().value(QStringLiteral("status")).toString(),
                                  QStringLiteral("succeeded"), 120000);
        const QJsonObject again = cli(QStringList{QStringLiteral("runs"), QStringLiteral("show"), runId} + demo).object();
        QCOMPARE(again.value(QStringLiteral("counts")).toObject().value(QStringLiteral("unchanged")).toInt(), created);
        QCOMPARE(cli(QStringList{QStringLiteral("snapshots"), QStringLiteral("list")} + demo).array().size(), 2);
    }

    // A wrong secret: the run fails (exit 1) with a reason that names the sign-in, never the secret.
    void wrongSecretFailsTheRun()
    {
        const QString wrong = QStringLiteral("sim-secret-Wr0ngCanary7Qx");
        const Outcome backup = cli({QStringLiteral("backup"), QStringLiteral("--tenant"), QStringLiteral("other"),
                                    QStringLiteral("--types"), QStringLiteral("scopeTags"), QStringLiteral("--wait")},
                                   wrong);
        QCOMPARE(backup.exitCode, 1);
        QVERIFY(isOneCompactDocument(backup.out));
        QCOMPARE(backup.object().value(QStringLiteral("status")).toString(), QStringLiteral("failed"));
        QVERIFY2(!backup.object().value(QStringLiteral("errorSummary")).toString().isEmpty(), backup.out.constData());
        QVERIFY(!QByteArray(backup.out + backup.err).contains("Wr0ngCanary"));
    }
};

QTEST_GUILESS_MAIN(TestCliCapture)
#include "tst_cli_capture.moc"
