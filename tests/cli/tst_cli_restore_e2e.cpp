// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
// The whole restore through the real policyvault-cli against a real graphsim process over HTTPS:
// backup → portal-like edits (/_sim/mutate) → restore --preview (the restore_preview kind) →
// restore --execute PLAN --yes (the restore kind, which reads the plan the preview stored) → a
// second preview finds everything unchanged, audit verify passes and runs show of the restore
// lists the per-item outcomes. Then: a plan executes at most once, a live change between preview
// and execute is a conflict (exit 2), and a supplied secret value (--secrets FILE) that the
// restore really sends appears in no file of the data folder (logs, SQLite, journal, runs).
#include "core/runs/AccessGate.h"
#include "core/store/Database.h"
#include "core/store/SnapshotRepository.h"
#include "core/store/TenantRepository.h"

#include <QDirIterator>
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

// The test's own walk: the definition ids of the secret setting values in `value`.
QStringList secretDefinitions(const QJsonValue& value, const QString& definition = {})
{
    QStringList out;
    if (value.isArray()) {
        for (const QJsonValue& v : value.toArray())
            out += secretDefinitions(v, definition);
    } else if (value.isObject()) {
        const QJsonObject o = value.toObject();
        const QString here = o.contains(QStringLiteral("settingDefinitionId")) ? o.value(QStringLiteral("settingDefinitionId")).toString()
                                                                              : definition;
        if (o.value(QStringLiteral("@odata.type")).toString().contains(u"SecretSettingValue", Qt::CaseInsensitive))
            out.append(here);
        for (const QJsonValue& v : o)
            out += secretDefinitions(v, here);
    }
    out.removeDuplicates();
    return out;
}

} // namespace

class TestCliRestoreE2e : public QObject
{
    Q_OBJECT

private:
    struct Outcome
    {
        int exitCode = -1;
        QByteArray out;
        QByteArray err;
        QJsonObject object() const { return QJsonDocument::fromJson(out).object(); }
        QByteArray what() const { return "exit " + QByteArray::number(exitCode) + "\nstdout: " + out.left(3000) + "\nstderr: " + err.right(3000); }
    };

    Outcome cli(const QStringList& arguments, bool tenant = true)
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("POLICYVAULT_CLIENT_SECRET"), m_secret);
        QProcess process;
        process.setProcessEnvironment(env);
        process.start(qEnvironmentVariable("PV_CLI_BIN"), QStringList{QStringLiteral("--data-dir"), m_dir.path(), QStringLiteral("--json")}
                                                                      + (tenant ? QStringList{QStringLiteral("--tenant"), QStringLiteral("demo")} : QStringList{})
                                                                      + arguments);
        if (!process.waitForFinished(300000))
            qFatal("policyvault-cli did not finish");
        Outcome outcome{process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
                        process.readAllStandardOutput(), process.readAllStandardError()};
        if (!isOneCompactDocument(outcome.out))
            qWarning("not one compact JSON document: %s", outcome.out.constData());
        return outcome;
    }

    QJsonObject sim(const QString& name, const QJsonObject& body, bool get = false)
    {
        QNetworkRequest request(QUrl(m_http + QStringLiteral("/_sim/") + name));
        request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
        QNetworkReply* reply = get ? m_network.get(request) : m_network.post(request, QJsonDocument(body).toJson(QJsonDocument::Compact));
        QEventLoop loop;
        connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
        if (!reply->isFinished())
            loop.exec();
        const QJsonObject out = QJsonDocument::fromJson(reply->readAll()).object();
        reply->deleteLater();
        return out;
    }

    Outcome preview(const QStringList& extra = {})
    {
        return cli(QStringList{QStringLiteral("restore"), QStringLiteral("--snapshot"), QString::number(m_snapshot), QStringLiteral("--assignments"),
                               QStringLiteral("--preview"), QStringLiteral("--wait")} + extra);
    }
    Outcome execute(qint64 planRunId)
    {
        return cli({QStringLiteral("restore"), QStringLiteral("--execute"), QString::number(planRunId), QStringLiteral("--yes"), QStringLiteral("--wait")});
    }
    static QHash<QString, QJsonObject> byGraphId(const QJsonObject& plan)
    {
        QHash<QString, QJsonObject> out;
        for (const QJsonValue& v : plan.value(QStringLiteral("items")).toArray())
            out.insert(v[QStringLiteral("graphId")].toString(), v.toObject());
        return out;
    }
    // The restore run's items by PolicyVault policy id (item key "<typeKey>:<policyId>").
    QHash<qint64, QJsonObject> restoreItems(qint64 runId)
    {
        const Outcome shown = cli({QStringLiteral("runs"), QStringLiteral("show"), QString::number(runId)});
        QHash<qint64, QJsonObject> out;
        for (const QJsonValue& v : shown.object().value(QStringLiteral("items")).toArray())
            out.insert(v[QStringLiteral("key")].toString().section(u':', -1).toLongLong(), v.toObject());
        return out;
    }

    QTemporaryDir m_dir;
    QProcess m_graphsim;
    QString m_secret;
    QString m_http;
    QNetworkAccessManager m_network;
    qint64 m_snapshot = 0;
    QString m_secretGraphId;          // a settings catalog policy with a secret setting
    QStringList m_secretDefinitions;
    QJsonArray m_others;              // every other configuration policy: what the edits may touch

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
        TenantRecord tenant;
        tenant.name = QStringLiteral("demo");
        tenant.entraTenantId = simTenant.value(QStringLiteral("tenantId")).toString();
        tenant.clientId = simTenant.value(QStringLiteral("clientId")).toString();
        tenant.graphUrl = info.value(QStringLiteral("https")).toString();
        tenant.authorityUrl = info.value(QStringLiteral("https")).toString();
        tenant.caCertificatePath = info.value(QStringLiteral("caCert")).toString();
        QVERIFY(TenantRepository(database.value()).create(tenant));

        const Outcome backup = cli({QStringLiteral("backup"), QStringLiteral("--wait")});
        QVERIFY2(backup.exitCode == 0, backup.what().constData());
        m_snapshot = backup.object().value(QStringLiteral("snapshotId")).toInteger();
        QVERIFY(m_snapshot > 0);

        auto scope = AccessGate(database.value()).enterByName(QStringLiteral("demo"));
        QVERIFY(scope);
        SnapshotRepository repo(database.value());
        auto items = repo.snapshotItems(*scope, m_snapshot);
        QVERIFY(items);
        for (const auto& [policy, version] : std::as_const(*items)) {
            const QStringList secrets = secretDefinitions(repo.versionContent(*scope, version.id)->value(QStringLiteral("settings")));
            if (!secrets.isEmpty() && m_secretGraphId.isEmpty()) {
                m_secretGraphId = policy.graphId;
                m_secretDefinitions = secrets;
            } else if (policy.typeKey != u"scopeTags" && policy.typeKey != u"assignmentFilters") {
                m_others.append(policy.graphId);
            }
        }
        QVERIFY2(!m_secretGraphId.isEmpty(), "the demo tenant has a policy with a secret setting");
    }

    void cleanupTestCase()
    {
        m_graphsim.terminate();
        m_graphsim.waitForFinished(30000);
    }

    void restoreBringsEveryEditBack()
    {
        // Portal-like edits of every kind, on policies other than the one with the secret (its
        // token and supplied value are the last test's).
        const QJsonArray live = sim(QStringLiteral("writes"), {}, true).value(QStringLiteral("value")).toArray();
        QCOMPARE(live.size(), 0);
        const QJsonObject mutated = sim(QStringLiteral("mutate"),
                                        {{QStringLiteral("seed"), 7}, {QStringLiteral("policies"), 2}, {QStringLiteral("settings"), 2},
                                         {QStringLiteral("assignments"), 2}, {QStringLiteral("renames"), 1}, {QStringLiteral("deletes"), 1},
                                         {QStringLiteral("policyIds"), m_others}});
        QHash<QString, QStringList> kinds;   // graph id → kinds of edits
        for (const QJsonValue& c : mutated.value(QStringLiteral("changed")).toArray())
            kinds[c[QStringLiteral("policyId")].toString()].append(c[QStringLiteral("kind")].toString());
        QStringList all;
        for (const QStringList& k : std::as_const(kinds))
            all += k;
        for (const char* kind : {"setting", "assignments", "renamed", "deleted"})
            QVERIFY2(all.contains(QLatin1String(kind)), kind);

        const Outcome planned = preview();
        const QJsonObject plan = planned.object();
        QVERIFY2(planned.exitCode == 0 || planned.exitCode == 2, planned.what().constData());
        const qint64 planRunId = plan.value(QStringLiteral("planRunId")).toInteger();
        QVERIFY(planRunId > 0);
        const auto items = byGraphId(plan);
        QHash<qint64, QString> expected;   // policy id → the restore item's outcome
        int writes = 0;
        for (auto it = kinds.cbegin(); it != kinds.cend(); ++it) {
            QVERIFY2(items.contains(it.key()), qPrintable(it.key()));
            const QJsonObject item = items.value(it.key());
            const QString outcome = item.value(QStringLiteral("outcome")).toString();
            if (it.value().contains(QStringLiteral("deleted"))) {
                QCOMPARE(outcome, QStringLiteral("would_create"));
                continue;
            }
            QVERIFY2(outcome == u"would_update", qPrintable(it.key() + u' ' + outcome + u' ' + item.value(QStringLiteral("reason")).toString()));
            if (it.value().contains(QStringLiteral("setting")))
                QVERIFY(!item.value(QStringLiteral("diff")).toArray().isEmpty());
            if (it.value().contains(QStringLiteral("assignments")))
                QVERIFY2(!item.value(QStringLiteral("assignmentDiff")).toArray().isEmpty()
                             || !item.value(QStringLiteral("assignmentDiff")).toObject().isEmpty(),
                         QJsonDocument(item).toJson().constData());
        }
        for (const QJsonObject& item : items) {
            const QString outcome = item.value(QStringLiteral("outcome")).toString();
            if (!kinds.contains(item.value(QStringLiteral("graphId")).toString()) && item.value(QStringLiteral("type")).toString() == u"settingsCatalog")
                QVERIFY2(outcome == u"unchanged", qPrintable(item.value(QStringLiteral("name")).toString() + u' ' + outcome));
            if (outcome == u"would_update" || outcome == u"would_create") {
                expected.insert(item.value(QStringLiteral("policyId")).toInteger(), outcome == u"would_create" ? QStringLiteral("created")
                                                                                                              : QStringLiteral("updated"));
                ++writes;
            }
        }
        QVERIFY(writes >= int(kinds.size()));

        const Outcome executed = execute(planRunId);
        QVERIFY2(executed.exitCode == 0, executed.what().constData());
        const QJsonObject run = executed.object();
        QCOMPARE(run.value(QStringLiteral("kind")).toString(), QStringLiteral("restore"));
        QCOMPARE(run.value(QStringLiteral("status")).toString(), QStringLiteral("succeeded"));
        const qint64 restoreRunId = run.value(QStringLiteral("runId")).toInteger();
        QVERIFY(restoreRunId > 0);

        // runs show of the restore: each planned write has its outcome.
        const auto done = restoreItems(restoreRunId);
        for (auto it = expected.cbegin(); it != expected.cend(); ++it) {
            QVERIFY2(done.contains(it.key()), qPrintable(QString::number(it.key())));
            QCOMPARE(done.value(it.key()).value(QStringLiteral("outcome")).toString(), it.value());
        }

        // The same snapshot previewed again: nothing left to do.
        const Outcome again = preview();
        QVERIFY2(again.exitCode == 0, again.what().constData());
        for (const QJsonObject& item : byGraphId(again.object()))
            QVERIFY2(item.value(QStringLiteral("outcome")).toString() == u"unchanged", QJsonDocument(item).toJson().constData());

        const Outcome verified = cli({QStringLiteral("audit"), QStringLiteral("verify")}, false);
        QVERIFY2(verified.exitCode == 0, verified.what().constData());
    }

    void aPlanRunsOnceAndALiveChangeIsAConflict()
    {
        const QJsonObject mutated = sim(QStringLiteral("mutate"),
                                        {{QStringLiteral("seed"), 11}, {QStringLiteral("policies"), 3}, {QStringLiteral("settings"), 1},
                                         {QStringLiteral("assignments"), 0}, {QStringLiteral("renames"), 0}, {QStringLiteral("deletes"), 0},
                                         {QStringLiteral("policyIds"), m_others}});
        QStringList changed;
        for (const QJsonValue& c : mutated.value(QStringLiteral("changed")).toArray())
            if (!changed.contains(c[QStringLiteral("policyId")].toString()))
                changed.append(c[QStringLiteral("policyId")].toString());
        QVERIFY(changed.size() >= 2);
        const Outcome planned = preview();
        QVERIFY2(planned.exitCode == 0, planned.what().constData());
        const qint64 planRunId = planned.object().value(QStringLiteral("planRunId")).toInteger();
        const auto items = byGraphId(planned.object());
        for (const QString& id : changed)
            QCOMPARE(items.value(id).value(QStringLiteral("outcome")).toString(), QStringLiteral("would_update"));

        // Someone edits one of them in the portal after the preview.
        const QString touched = changed.first();
        const QJsonObject again = sim(QStringLiteral("mutate"), {{QStringLiteral("seed"), 12}, {QStringLiteral("policies"), 1}, {QStringLiteral("settings"), 1},
                                                                 {QStringLiteral("policyIds"), QJsonArray{touched}}});
        QVERIFY(!again.value(QStringLiteral("changed")).toArray().isEmpty());
        const int writesBefore = int(sim(QStringLiteral("writes"), {}, true).value(QStringLiteral("value")).toArray().size());

        const Outcome executed = execute(planRunId);
        QVERIFY2(executed.exitCode == 2, executed.what().constData());
        QCOMPARE(executed.object().value(QStringLiteral("status")).toString(), QStringLiteral("partially_succeeded"));
        const qint64 restoreRunId = executed.object().value(QStringLiteral("runId")).toInteger();
        const auto done = restoreItems(restoreRunId);
        for (const QString& id : changed) {
            const qint64 policyId = items.value(id).value(QStringLiteral("policyId")).toInteger();
            QCOMPARE(done.value(policyId).value(QStringLiteral("outcome")).toString(),
                     id == touched ? QStringLiteral("conflict") : QStringLiteral("updated"));
        }
        // Nothing was written to the touched policy: every write of the run names another one.
        const QJsonArray writes = sim(QStringLiteral("writes"), {}, true).value(QStringLiteral("value")).toArray();
        QVERIFY(writes.size() > writesBefore);
        for (qsizetype i = writesBefore; i < writes.size(); ++i)
            QVERIFY2(!QJsonDocument(writes.at(i).toObject()).toJson().contains(touched.toUtf8()), QJsonDocument(writes.at(i).toObject()).toJson().constData());

        // The same plan again: refused (exit 1, the plan's run named), no run started, nothing written.
        const Outcome twice = execute(planRunId);
        QVERIFY2(twice.exitCode == 1, twice.what().constData());
        QVERIFY2(twice.object().value(QStringLiteral("message")).toString().contains(
                     QStringLiteral("already executed by run %1").arg(restoreRunId)), twice.what().constData());
        QVERIFY(!twice.object().contains(QStringLiteral("runId")));   // refused before any run started
        const Outcome listed = cli({QStringLiteral("runs"), QStringLiteral("list")});
        int restoreRuns = 0;
        for (const QJsonValue& r : QJsonDocument::fromJson(listed.out).array().isEmpty()
                                       ? listed.object().value(QStringLiteral("runs")).toArray()
                                       : QJsonDocument::fromJson(listed.out).array())
            restoreRuns += r[QStringLiteral("kind")].toString() == u"restore" ? 1 : 0;
        QCOMPARE(restoreRuns, 2);   // the first test's and this one's
        QCOMPARE(int(sim(QStringLiteral("writes"), {}, true).value(QStringLiteral("value")).toArray().size()), int(writes.size()));
        QVERIFY2(cli({QStringLiteral("audit"), QStringLiteral("verify")}, false).exitCode == 0, "audit chain");
    }

    void aSuppliedSecretIsSentAndNeverStored()
    {
        // An admin re-enters the secret in the portal: the snapshot's token is no longer valid,
        // so the restore needs the value, and sends it.
        const QJsonObject invalidated = sim(QStringLiteral("invalidate-secret"), {{QStringLiteral("policyId"), m_secretGraphId}});
        QVERIFY2(!invalidated.value(QStringLiteral("invalidated")).toArray().isEmpty(), QJsonDocument(invalidated).toJson().constData());
        const QByteArray canary = "CANARY-e2e-onboarding-91c4d7";
        QJsonObject values;
        for (const QString& d : std::as_const(m_secretDefinitions))
            values.insert(d, QString::fromLatin1(canary));
        QTemporaryDir elsewhere;
        QFile file(elsewhere.filePath(QStringLiteral("secrets.json")));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QJsonDocument(QJsonObject{{m_secretGraphId, values}}).toJson());
        file.close();

        const Outcome without = preview();
        QCOMPARE(without.exitCode, 2);
        const QJsonObject needed = byGraphId(without.object()).value(m_secretGraphId);
        QCOMPARE(needed.value(QStringLiteral("outcome")).toString(), QStringLiteral("cannot_restore"));

        const Outcome planned = preview({QStringLiteral("--secrets"), file.fileName()});
        QVERIFY2(planned.exitCode == 0, planned.what().constData());
        const QJsonObject item = byGraphId(planned.object()).value(m_secretGraphId);
        QCOMPARE(item.value(QStringLiteral("outcome")).toString(), QStringLiteral("would_update"));
        const Outcome executed = execute(planned.object().value(QStringLiteral("planRunId")).toInteger());
        QVERIFY2(executed.exitCode == 0, executed.what().constData());
        QCOMPARE(restoreItems(executed.object().value(QStringLiteral("runId")).toInteger())
                     .value(item.value(QStringLiteral("policyId")).toInteger()).value(QStringLiteral("outcome")).toString(),
                 QStringLiteral("updated"));
        // It really went to Graph: an applied PUT of that policy (graphsim keeps bodies' hashes only;
        // the token was invalid, so only the supplied value could have been accepted).
        bool put = false;
        for (const QJsonValue& w : sim(QStringLiteral("writes"), {}, true).value(QStringLiteral("value")).toArray())
            put = put || (w[QStringLiteral("method")].toString() == u"PUT" && w[QStringLiteral("path")].toString().contains(m_secretGraphId)
                          && w[QStringLiteral("applied")].toBool());
        QVERIFY(put);

        // Neither run's record (parameters, items, messages, the plan document) names it.
        for (const qint64 runId : {planned.object().value(QStringLiteral("planRunId")).toInteger(),
                                   executed.object().value(QStringLiteral("runId")).toInteger()}) {
            const Outcome shown = cli({QStringLiteral("runs"), QStringLiteral("show"), QString::number(runId)});
            QCOMPARE(shown.exitCode, 0);
            QVERIFY(shown.out.size() > 100 && !shown.out.contains(canary));
        }
        // No file of the data folder holds it: logs, SQLite (+ WAL), journal, runs.
        int scanned = 0, logs = 0;
        QDirIterator it(m_dir.path(), QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString path = it.next();
            QFile f(path);
            QVERIFY2(f.open(QIODevice::ReadOnly), qPrintable(path));
            const QByteArray bytes = f.readAll();
            QVERIFY2(!bytes.contains(canary) && !bytes.contains(canary.toBase64()), qPrintable(path));
            ++scanned;
            logs += path.endsWith(QStringLiteral(".log")) ? 1 : 0;
        }
        QVERIFY2(logs > 0, "the CLI wrote log files to scan");
        QVERIFY(scanned > logs);
        // The secrets file itself is left where the user put it, untouched.
        QVERIFY(file.open(QIODevice::ReadOnly) && file.readAll().contains(canary));
    }
};

QTEST_GUILESS_MAIN(TestCliRestoreE2e)
#include "tst_cli_restore_e2e.moc"
