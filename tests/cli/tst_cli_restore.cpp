// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
// restore --preview / --execute of the real policyvault-cli, end to end against a real graphsim
// process over HTTPS: the plan document (--wait and runs show), the readable plan, a detached
// start, refusals (no --yes, bad secrets file that is never echoed), another tenant's snapshot
// and plan (exit 4), and not one write in graphsim's log.
#include "core/runs/AccessGate.h"
#include "core/store/Database.h"
#include "core/store/SnapshotRepository.h"
#include "core/store/TenantRepository.h"

#include <QEventLoop>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
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

class TestCliRestore : public QObject
{
    Q_OBJECT

private:
    struct Outcome
    {
        int exitCode = -1;
        QByteArray out;
        QByteArray err;
        QJsonObject object() const { return QJsonDocument::fromJson(out).object(); }
    };

    Outcome cli(const QStringList& arguments, bool json = true)
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("POLICYVAULT_CLIENT_SECRET"), m_secret);
        QProcess process;
        process.setProcessEnvironment(env);
        QStringList all{QStringLiteral("--data-dir"), m_dir.path()};
        if (json)
            all.append(QStringLiteral("--json"));
        process.start(qEnvironmentVariable("PV_CLI_BIN"), all + arguments);
        if (!process.waitForFinished(240000))
            qFatal("policyvault-cli did not finish");
        Outcome outcome{process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
                        process.readAllStandardOutput(), process.readAllStandardError()};
        if (json && !isOneCompactDocument(outcome.out))
            qWarning("not one compact JSON document: %s", outcome.out.constData());
        return outcome;
    }

    QJsonObject sim(const QByteArray& method, const QString& name, const QJsonObject& body = {})
    {
        QNetworkRequest request(QUrl(m_http + QStringLiteral("/_sim/") + name));
        request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
        QNetworkReply* reply = method == "GET" ? m_network.get(request)
                                               : m_network.post(request, QJsonDocument(body).toJson(QJsonDocument::Compact));
        QEventLoop loop;
        connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
        if (!reply->isFinished())
            loop.exec();
        const QJsonObject out = QJsonDocument::fromJson(reply->readAll()).object();
        reply->deleteLater();
        return out;
    }
    int writes() { return int(sim("GET", QStringLiteral("writes")).value(QStringLiteral("value")).toArray().size()); }

    QTemporaryDir m_dir;
    QProcess m_graphsim;
    QString m_secret;
    QString m_http;
    QNetworkAccessManager m_network;
    const QStringList m_demo{QStringLiteral("--tenant"), QStringLiteral("demo")};
    const QStringList m_other{QStringLiteral("--tenant"), QStringLiteral("other")};

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_graphsim.setProgram(QStringLiteral(PV_BINARY_DIR "/bin/graphsim"));
        m_graphsim.setArguments({QStringLiteral("--tenant"), QStringLiteral("demo"), QStringLiteral("--seed"), QStringLiteral("3"),
                                 QStringLiteral("--port"), QStringLiteral("0")});
        m_graphsim.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        m_graphsim.start();
        QVERIFY(m_graphsim.waitForStarted(10000));
        QTRY_VERIFY_WITH_TIMEOUT(m_graphsim.canReadLine() || m_graphsim.state() != QProcess::Running, 30000);
        const QJsonObject info = QJsonDocument::fromJson(m_graphsim.readLine()).object();
        const QJsonObject simTenant = info.value(QStringLiteral("tenants")).toArray().first().toObject();
        QVERIFY2(!simTenant.isEmpty(), "graphsim printed no tenant");
        m_secret = simTenant.value(QStringLiteral("clientSecret")).toString();
        m_http = info.value(QStringLiteral("http")).toString();

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

    void previewPrintsThePlanAndWritesNothing()
    {
        const Outcome backup = cli(QStringList{QStringLiteral("backup"), QStringLiteral("--wait")} + m_demo);
        QVERIFY2(backup.exitCode == 0, backup.out.constData());
        const QString snapshot = QString::number(backup.object().value(QStringLiteral("snapshotId")).toInteger());
        const QJsonObject mutated = sim("POST", QStringLiteral("mutate"),
                                        {{QStringLiteral("seed"), 4}, {QStringLiteral("policies"), 1}, {QStringLiteral("settings"), 2},
                                         {QStringLiteral("assignments"), 0}, {QStringLiteral("renames"), 1}, {QStringLiteral("deletes"), 1}});
        QHash<QString, QString> kinds;
        for (const QJsonValue& c : mutated.value(QStringLiteral("changed")).toArray())
            kinds.insert(c[QStringLiteral("policyId")].toString(), c[QStringLiteral("kind")].toString());
        QVERIFY(kinds.values().contains(QStringLiteral("renamed")) && kinds.values().contains(QStringLiteral("deleted")));

        // --wait --json: one document, the plan.
        const QStringList previewArgs = QStringList{QStringLiteral("restore"), QStringLiteral("--snapshot"), snapshot,
                                                    QStringLiteral("--preview"), QStringLiteral("--wait")} + m_demo;
        const Outcome waited = cli(previewArgs);
        QVERIFY(isOneCompactDocument(waited.out));
        const QJsonObject plan = waited.object();
        const qint64 planRunId = plan.value(QStringLiteral("planRunId")).toInteger();
        QVERIFY(planRunId > 0);
        const QJsonArray items = plan.value(QStringLiteral("items")).toArray();
        QVERIFY(items.size() > 10);
        bool unresolved = false;
        int updatesWithRows = 0, creates = 0, renames = 0;
        for (const QJsonValue& v : items) {
            const QJsonObject item = v.toObject();
            for (const char* key : {"policyId", "graphId", "name", "type", "outcome", "diff", "assignmentDiff"})
                QVERIFY2(item.contains(QLatin1String(key)), key);
            const QString outcome = item.value(QStringLiteral("outcome")).toString();
            unresolved = unresolved || outcome == u"conflict" || outcome == u"cannot_restore";
            if (outcome == u"cannot_restore" || outcome == u"conflict")
                QVERIFY(!item.value(QStringLiteral("reason")).toString().isEmpty());
            const QString kind = kinds.value(item.value(QStringLiteral("graphId")).toString());
            if (kind == u"deleted") {
                QVERIFY2(outcome == u"would_create" || outcome == u"cannot_restore", qPrintable(outcome));
                creates += outcome == u"would_create" ? 1 : 0;
            }
            if (kind == u"renamed") {
                QCOMPARE(outcome, QStringLiteral("would_update"));
                bool named = false;
                for (const QJsonValue& m : item.value(QStringLiteral("metadataDiff")).toArray())
                    named = named || m[QStringLiteral("field")].toString() == u"name";
                QVERIFY(named);
                ++renames;
            }
            if (outcome == u"would_update" && !item.value(QStringLiteral("diff")).toArray().isEmpty()) {
                for (const QJsonValue& row : item.value(QStringLiteral("diff")).toArray())
                    for (const char* key : {"rowKey", "setting", "old", "new"})
                        QVERIFY2(row.toObject().contains(QLatin1String(key)), key);
                ++updatesWithRows;
            }
            if (outcome == u"unchanged")
                QVERIFY(item.value(QStringLiteral("diff")).toArray().isEmpty());
        }
        QCOMPARE(renames, 1);
        QVERIFY(updatesWithRows >= 1);
        QCOMPARE(plan.value(QStringLiteral("status")).toString(),
                 unresolved ? QStringLiteral("partially_succeeded") : QStringLiteral("succeeded"));
        QCOMPARE(waited.exitCode, unresolved ? 2 : 0);
        Q_UNUSED(creates)

        // runs show of the preview run: the same plan document.
        const Outcome shown = cli(QStringList{QStringLiteral("runs"), QStringLiteral("show"), QString::number(planRunId)} + m_demo);
        QCOMPARE(shown.exitCode, 0);
        QCOMPARE(shown.object().value(QStringLiteral("items")), plan.value(QStringLiteral("items")));
        QCOMPARE(shown.object().value(QStringLiteral("planRunId")).toInteger(), planRunId);

        // For people: each difference readable, setting: old → new.
        const Outcome text = cli(QStringList{QStringLiteral("runs"), QStringLiteral("show"), QString::number(planRunId)} + m_demo, false);
        QCOMPARE(text.exitCode, 0);
        const QString readable = QString::fromUtf8(text.out);
        QVERIFY2(readable.contains(QStringLiteral("would_update")) && readable.contains(QStringLiteral(" → ")), text.out.constData());
        QVERIFY(readable.contains(QStringLiteral("name: ")));
        QVERIFY(readable.contains(QStringLiteral("--execute %1 --yes").arg(planRunId)));

        // Without --wait: printed like any start, the background worker plans it.
        const Outcome detached = cli(QStringList{QStringLiteral("restore"), QStringLiteral("--snapshot"), snapshot,
                                                 QStringLiteral("--assignments"), QStringLiteral("--preview")} + m_demo);
        QCOMPARE(detached.exitCode, 0);
        QCOMPARE(detached.object().value(QStringLiteral("kind")).toString(), QStringLiteral("restore_preview"));
        const QString runId = QString::number(detached.object().value(QStringLiteral("runId")).toInteger());
        QTRY_VERIFY_WITH_TIMEOUT(
            cli(QStringList{QStringLiteral("runs"), QStringLiteral("show"), runId} + m_demo).object().value(QStringLiteral("items")).toArray().size()
                == items.size(), 120000);

        // Another tenant: its snapshot and its plan are access denied.
        QCOMPARE(cli(QStringList{QStringLiteral("restore"), QStringLiteral("--snapshot"), snapshot, QStringLiteral("--preview")} + m_other).exitCode, 4);
        QCOMPARE(cli(QStringList{QStringLiteral("runs"), QStringLiteral("show"), QString::number(planRunId)} + m_other).exitCode, 4);
        QCOMPARE(cli(QStringList{QStringLiteral("restore"), QStringLiteral("--execute"), QString::number(planRunId),
                                 QStringLiteral("--yes")} + m_other).exitCode, 4);

        // A snapshot edited in the store so one policy names a scope tag that exists nowhere:
        // cannot_restore, and the preview exits 2. --policy chooses it alone, by Graph id.
        QString blockedGraphId;
        {
            Database::Options options;
            options.path = m_dir.filePath(QStringLiteral("policyvault.db"));
            auto database = Database::open(options);
            QVERIFY(database);
            auto scope = AccessGate(database.value()).enterByName(QStringLiteral("demo"));
            QVERIFY(scope);
            SnapshotRepository repo(database.value());
            auto items = repo.snapshotItems(*scope, snapshot.toLongLong());
            QVERIFY(items);
            QJsonObject content;
            for (const auto& [policy, version] : std::as_const(*items)) {
                if (policy.typeKey == u"settingsCatalog" && kinds.value(policy.graphId).isEmpty()) {
                    content = *repo.versionContent(*scope, version.id);
                    break;
                }
            }
            QVERIFY(!content.isEmpty());
            blockedGraphId = content.value(QStringLiteral("id")).toString();
            content.insert(QStringLiteral("roleScopeTagIds"), QJsonArray{QStringLiteral("9999")});
            auto edited = repo.beginSnapshot(*scope, 0, {QStringLiteral("settingsCatalog")});
            QVERIFY(edited);
            auto recorded = repo.recordPolicyVersion(*scope, QStringLiteral("settingsCatalog"), blockedGraphId,
                                                     content.value(QStringLiteral("name")).toString(), QString(), content, 0);
            QVERIFY(recorded);
            QVERIFY(repo.addToSnapshot(*scope, *edited, recorded->versionId));
            QVERIFY(repo.finishSnapshot(*scope, *edited, true, {}));
            const Outcome blocked = cli(QStringList{QStringLiteral("restore"), QStringLiteral("--snapshot"), QString::number(*edited),
                                                    QStringLiteral("--policy"), blockedGraphId, QStringLiteral("--preview"),
                                                    QStringLiteral("--wait")} + m_demo);
            QCOMPARE(blocked.exitCode, 2);
            QCOMPARE(blocked.object().value(QStringLiteral("status")).toString(), QStringLiteral("partially_succeeded"));
            const QJsonArray only = blocked.object().value(QStringLiteral("items")).toArray();
            QCOMPARE(only.size(), 1);
            QCOMPARE(only.first()[QStringLiteral("outcome")].toString(), QStringLiteral("cannot_restore"));
            QVERIFY(only.first()[QStringLiteral("reason")].toString().contains(QStringLiteral("scope tag 9999")));
        }

        // --execute refuses without --yes (exit 3), starting nothing.
        const Outcome unconfirmed = cli(QStringList{QStringLiteral("restore"), QStringLiteral("--execute"), QString::number(planRunId)} + m_demo);
        QCOMPARE(unconfirmed.exitCode, 3);
        QVERIFY(unconfirmed.out.contains("--yes"));
        QCOMPARE(writes(), 0);
    }

    void badSecretsFileIsAUsageErrorThatQuotesNoValue()
    {
        const QByteArray canary = "CANARY-secret-5b1e";
        const QList<QByteArray> bad{"{\"12\": {\"device_vendor_msft_x\": \"" + canary + "\"",   // cut short
                                    "{\"12\": {\"device_vendor_msft_x\": [\"" + canary + "\"]}}",   // not a string
                                    "[\"" + canary + "\"]"};
        for (const QByteArray& content : bad) {
            QFile file(m_dir.filePath(QStringLiteral("secrets.json")));
            QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
            file.write(content);
            file.close();
            for (const bool json : {true, false}) {
                const Outcome outcome = cli(QStringList{QStringLiteral("restore"), QStringLiteral("--snapshot"), QStringLiteral("1"),
                                                        QStringLiteral("--secrets"), file.fileName(), QStringLiteral("--preview")} + m_demo,
                                            json);
                QCOMPARE(outcome.exitCode, 3);
                QVERIFY2(outcome.out.contains("secrets file") || outcome.err.contains("secrets file"), outcome.err.constData());
                QVERIFY(!outcome.out.contains(canary) && !outcome.err.contains(canary));
            }
        }
        // Usage: both or neither of --preview and --execute, --yes with a preview.
        QCOMPARE(cli(QStringList{QStringLiteral("restore"), QStringLiteral("--snapshot"), QStringLiteral("1")} + m_demo).exitCode, 3);
        QCOMPARE(cli(QStringList{QStringLiteral("restore"), QStringLiteral("--snapshot"), QStringLiteral("1"), QStringLiteral("--preview"),
                                 QStringLiteral("--yes")} + m_demo).exitCode, 3);
        QCOMPARE(writes(), 0);
    }
};

QTEST_GUILESS_MAIN(TestCliRestore)
#include "tst_cli_restore.moc"
