// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
// Capture when Graph misbehaves or the input is bad: a storm of throttling and faults still
// captures every object with no early retry; failed reads, unknown setting types and objects
// deleted between list and read end as failed items with a clear message (the run partially
// succeeded) and leave nothing half-written; the token expires mid-run; another tenant's policy is AccessDenied;
// "capture snapshot" of one policy records a version only when it changed.
#include "CaptureTestEnv.h"

#include "core/capture/CaptureRequests.h"
#include "core/store/TenantRepository.h"

#include <QDir>
#include <QJsonArray>
#include <QFile>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

#include <atomic>

using namespace pv;
using namespace std::chrono_literals;

namespace {

graphsim::SimOptions tenant(const QString& profile)
{
    graphsim::SimOptions options;
    options.tenantProfiles = {profile};
    return options;
}

JobKinds::ServiceOptions retries(int attempts, std::chrono::milliseconds base, std::chrono::milliseconds max)
{
    JobKinds::ServiceOptions options;
    graph::RetryOptions retry;
    retry.maxAttempts = attempts;
    retry.baseDelay = base;
    retry.maxDelay = max;
    options.retry = retry;
    return options;
}

/// A fresh graphsim test client on the calling thread (the hooks run on the job's worker).
HttpResult deletePolicy(const graphsim::SimServer& server, const QString& id)
{
    GraphsimTestClient client(server, true);
    return client.graph("DELETE", QStringLiteral("/beta/deviceManagement/configurationPolicies/") + id, client.token());
}

} // namespace

class TestCaptureFaults : public QObject
{
    Q_OBJECT

private slots:
    void stormStillCapturesEverythingWithoutEarlyRetries_data();
    void stormStillCapturesEverythingWithoutEarlyRetries();
    void failedReadsFailTheirItemsAndWriteNothing();
    void unknownSettingTypeFailsOnlyThatPolicy();
    void deletedBetweenListAndReadFailsOnlyThatItem();
    void tokenExpiringMidRunIsRefreshed();
    void anotherTenantsPolicyIsAccessDenied();
    void captureSnapshotRecordsAVersionOnlyWhenChanged();
    void signInFailureFailsTheRunAndLeavesNoSnapshot();
};

void TestCaptureFaults::stormStillCapturesEverythingWithoutEarlyRetries_data()
{
    QTest::addColumn<int>("retryAfter");
    QTest::newRow("integer Retry-After") << 0;
    QTest::newRow("fractional Retry-After") << 1;
    QTest::newRow("no Retry-After") << 2;
}

void TestCaptureFaults::stormStillCapturesEverythingWithoutEarlyRetries()
{
    QFETCH(int, retryAfter);
    // Without Retry-After the client's own backoff must outwait the window (graphsim counts
    // a retry before the window admits it as early). One request at a time: a request already
    // in flight when a 429 lands would count as early at graphsim, though it was sent before.
    JobKinds::ServiceOptions services = retries(10, 1000ms, 4000ms);
    services.governor.maxConcurrent = 1;
    CaptureTestEnv env(tenant(QStringLiteral("demo")), {}, services);
    QString error;
    QVERIFY2(env.start(&error), qPrintable(error));
    const QHash<QString, QJsonObject> policies = env.policiesIndependently();
    const qint64 filters = env.listIndependently(QStringLiteral("/deviceManagement/assignmentFilters")).size();
    QVERIFY(!policies.isEmpty());
    env.graph().sim().sim(QStringLiteral("reset"));   // the test's own reads do not count
    // Intune's budget shrunk to a second so graphsim throttles a good share of the requests;
    // plus 503s, HTML 502/503 pages, dropped connections and truncated bodies.
    const QStringList modes{QStringLiteral("integer"), QStringLiteral("fractional"), QStringLiteral("missing")};
    env.graph().config(QJsonObject{
        {QStringLiteral("appRequests"), 12}, {QStringLiteral("tenantRequests"), 24}, {QStringLiteral("windowMs"), 1000},
        {QStringLiteral("retryAfter"), modes.at(retryAfter)},
        {QStringLiteral("faults"), QJsonObject{{QStringLiteral("503"), 0.05}, {QStringLiteral("html"), 0.05},
                                               {QStringLiteral("drop"), 0.03}, {QStringLiteral("truncate"), 0.03}}}});

    auto run = env.backup();
    QVERIFY(run);
    const QJsonObject stats = env.graph().stats();
    QCOMPARE(runStatusName(run->status), QStringLiteral("succeeded"));
    QCOMPARE(run->counts.of(ItemOutcome::Created), int(policies.size() + filters + 5));
    auto snapshot = env.snapshots().snapshotOfRun(env.scope(), run->id);
    QVERIFY(snapshot);
    QVERIFY(snapshot->complete);
    qInfo("storm: %d requests, %d throttled, %d faulted, %d early retries", stats.value(QStringLiteral("requests")).toInt(),
          stats.value(QStringLiteral("throttled")).toInt(), stats.value(QStringLiteral("faulted")).toInt(),
          stats.value(QStringLiteral("earlyRetries")).toInt());
    // A storm: a good share of Graph's answers were 429s.
    QVERIFY(stats.value(QStringLiteral("throttled")).toInt() * 5 > stats.value(QStringLiteral("requests")).toInt());
    QVERIFY(stats.value(QStringLiteral("faulted")).toInt() > 0);
    QCOMPARE(stats.value(QStringLiteral("earlyRetries")).toInt(), 0);
    QCOMPARE(env.graph().writes(), 0);
}

void TestCaptureFaults::failedReadsFailTheirItemsAndWriteNothing()
{
    CaptureTestEnv env(tenant(QStringLiteral("demo")), {}, retries(3, 100ms, 300ms));
    QString error;
    QVERIFY2(env.start(&error), qPrintable(error));
    // Every read of a policy's assignments answers an HTML error page, as a proxy would.
    env.graph().config(QJsonObject{{QStringLiteral("faults"),
                                    QJsonObject{{QStringLiteral("html"), 1.0},
                                                {QStringLiteral("families"), QJsonArray{QStringLiteral("policyAssignments")}},
                                                {QStringLiteral("maxConsecutive"), 1000}}}});
    auto run = env.backup();
    QVERIFY(run);
    QCOMPARE(runStatusName(run->status), QStringLiteral("partially_succeeded"));
    const QList<RunItemRecord> items = env.items(run->id);
    int failed = 0;
    for (const RunItemRecord& item : items) {
        const QString type = item.itemKey.section(QLatin1Char(':'), 0, 0);
        if (type == u"assignmentFilters" || type == u"scopeTags") {
            QCOMPARE(itemOutcomeName(item.outcome), QStringLiteral("created"));
            continue;
        }
        QCOMPARE(itemOutcomeName(item.outcome), QStringLiteral("failed"));
        QVERIFY2(item.message.contains(QStringLiteral("could not be read from Graph")), qPrintable(item.message));
        QVERIFY2(item.message.contains(QStringLiteral("502")) || item.message.contains(QStringLiteral("503")),
                 qPrintable(item.message));
        ++failed;
    }
    QVERIFY(failed > 20);
    // Nothing of a failed policy was stored; the snapshot says which types it lacks.
    auto stored = env.snapshots().listPolicies(env.scope(), true);
    QVERIFY(stored);
    for (const PolicyRecord& p : std::as_const(*stored))
        QVERIFY2(p.typeKey == u"assignmentFilters" || p.typeKey == u"scopeTags", qPrintable(p.typeKey));
    auto snapshot = env.snapshots().snapshotOfRun(env.scope(), run->id);
    QVERIFY(snapshot);
    QVERIFY(!snapshot->complete);
    QCOMPARE(snapshot->incompleteTypes, (QStringList{QStringLiteral("endpointSecurity"), QStringLiteral("securityBaseline"),
                                                     QStringLiteral("settingsCatalog")}));
    QCOMPARE(env.graph().writes(), 0);
}

void TestCaptureFaults::unknownSettingTypeFailsOnlyThatPolicy()
{
    // The demo tenant saved as a file, one setting given a type Graph might add one day.
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QString file;
    QString odd;
    {
        graphsim::SimOptions save = tenant(QStringLiteral("demo"));
        save.saveTenantsDir = dir.path();
        graphsim::SimServer saver(save);
        QString error;
        QVERIFY2(saver.start(&error), qPrintable(error));
        saver.stop();
        const QStringList saved = QDir(dir.path()).entryList({QStringLiteral("*.json")});
        QCOMPARE(saved.size(), 1);
        file = dir.filePath(saved.first());
        QFile in(file);
        QVERIFY(in.open(QIODevice::ReadOnly));
        QJsonObject json = QJsonDocument::fromJson(in.readAll()).object();
        in.close();
        QJsonArray policies = json.value(QStringLiteral("configurationPolicies")).toArray();
        QJsonObject policy = policies.at(0).toObject();
        odd = policy.value(QStringLiteral("id")).toString();
        QJsonArray settings = policy.value(QStringLiteral("settings")).toArray();
        QJsonObject setting = settings.at(0).toObject();
        QJsonObject instance = setting.value(QStringLiteral("settingInstance")).toObject();
        instance.insert(QStringLiteral("@odata.type"),
                        QStringLiteral("#microsoft.graph.deviceManagementConfigurationQuantumSettingInstance"));
        setting.insert(QStringLiteral("settingInstance"), instance);
        settings.replace(0, setting);
        policy.insert(QStringLiteral("settings"), settings);
        policies.replace(0, policy);
        json.insert(QStringLiteral("configurationPolicies"), policies);
        QFile out(file);
        QVERIFY(out.open(QIODevice::WriteOnly | QIODevice::Truncate));
        out.write(QJsonDocument(json).toJson(QJsonDocument::Compact));
    }
    graphsim::SimOptions options;
    options.tenantFiles = {file};
    CaptureTestEnv env(options);
    QString error;
    QVERIFY2(env.start(&error), qPrintable(error));
    auto run = env.backup();
    QVERIFY(run);
    QCOMPARE(runStatusName(run->status), QStringLiteral("partially_succeeded"));
    QCOMPARE(run->counts.of(ItemOutcome::Failed), 1);
    for (const RunItemRecord& item : env.items(run->id)) {
        if (!item.itemKey.endsWith(odd))
            continue;
        QCOMPARE(itemOutcomeName(item.outcome), QStringLiteral("failed"));
        QVERIFY2(item.message.contains(QStringLiteral("QuantumSettingInstance")), qPrintable(item.message));
        QVERIFY2(item.message.contains(QStringLiteral("does not know")), qPrintable(item.message));
    }
    auto policy = env.snapshots().policyByIdOrGraphId(env.scope(), odd);
    QCOMPARE(policy ? QString() : errorCodeName(policy.error().code), QStringLiteral("not_found"));
}

void TestCaptureFaults::deletedBetweenListAndReadFailsOnlyThatItem()
{
    QString victim;
    const graphsim::SimServer* server = nullptr;
    std::atomic_int deleteStatus{0};
    capture::CaptureHooks hooks;
    hooks.afterListing = [&] { deleteStatus = deletePolicy(*server, victim).status; };
    CaptureTestEnv env(tenant(QStringLiteral("demo")), hooks);
    QString error;
    QVERIFY2(env.start(&error), qPrintable(error));
    server = &env.graph().server();
    const QHash<QString, QJsonObject> policies = env.policiesIndependently();
    victim = policies.constBegin().key();

    auto run = env.backup();
    QVERIFY(run);
    QCOMPARE(deleteStatus.load(), 204);
    // The run says it did not capture all it listed (a script sees exit 2)...
    QCOMPARE(runStatusName(run->status), QStringLiteral("partially_succeeded"));
    QCOMPARE(run->counts.of(ItemOutcome::Failed), 1);
    QCOMPARE(run->counts.of(ItemOutcome::Skipped), 0);
    bool seen = false;
    for (const RunItemRecord& item : env.items(run->id)) {
        if (!item.itemKey.endsWith(victim))
            continue;
        seen = true;
        QCOMPARE(itemOutcomeName(item.outcome), QStringLiteral("failed"));
        QVERIFY2(item.message.contains(QStringLiteral("deleted in the tenant after it was listed")), qPrintable(item.message));
        QVERIFY(!item.requestId.isEmpty());
    }
    QVERIFY(seen);
    // ...but nothing stored for it, and the snapshot is complete: it lacks nothing that exists.
    auto policy = env.snapshots().policyByIdOrGraphId(env.scope(), victim);
    QVERIFY(!policy);
    auto snapshot = env.snapshots().snapshotOfRun(env.scope(), run->id);
    QVERIFY(snapshot);
    QVERIFY(snapshot->complete);
    QCOMPARE(snapshot->itemCount, qint64(run->counts.total() - 1));
}

void TestCaptureFaults::tokenExpiringMidRunIsRefreshed()
{
    const graphsim::SimServer* server = nullptr;
    capture::CaptureHooks hooks;
    hooks.afterListing = [&] {
        // The token that listed the tenant expires before the first read.
        GraphsimTestClient client(*server, true);
        client.sim(QStringLiteral("clock"), QJsonObject{{QStringLiteral("advanceMs"), 2 * 3600 * 1000}});
    };
    CaptureTestEnv env(tenant(QStringLiteral("demo")), hooks);
    QString error;
    QVERIFY2(env.start(&error), qPrintable(error));
    server = &env.graph().server();
    const int tokensBefore = env.graph().stats().value(QStringLiteral("tokenRequests")).toObject()
                                 .value(QStringLiteral("200")).toInt();
    auto run = env.backup();
    QVERIFY(run);
    QCOMPARE(runStatusName(run->status), QStringLiteral("succeeded"));
    const QJsonObject stats = env.graph().stats();
    // Signed in for the lists, and again after the 401 "token is expired".
    QVERIFY(stats.value(QStringLiteral("tokenRequests")).toObject().value(QStringLiteral("200")).toInt() - tokensBefore >= 2);
    QVERIFY(stats.value(QStringLiteral("byStatus")).toObject().value(QStringLiteral("401")).toInt() > 0);
    QCOMPARE(run->counts.of(ItemOutcome::Failed), 0);
}

void TestCaptureFaults::anotherTenantsPolicyIsAccessDenied()
{
    graphsim::SimOptions options;
    options.tenantProfiles = {QStringLiteral("demo"), QStringLiteral("demo")};
    CaptureTestEnv env(options);
    QString error;
    QVERIFY2(env.start(&error), qPrintable(error));
    const qint64 otherId = env.addSimTenant(QStringLiteral("Other"), 1);
    QVERIFY(otherId > 0);
    auto other = test::enterTenant(env.database(), otherId);
    QVERIFY(other);
    auto request = capture::backupRequest({}, false, QStringLiteral("test"));
    QVERIFY(request);
    auto ref = env.runs().start(*other, *request);
    QVERIFY(ref);
    std::optional<RunRecord> otherRun;
    QVERIFY(QTest::qWaitFor([&] {
        auto r = env.runs().run(*other, ref->runId);
        if (r && !isActive(r->status))
            otherRun = *r;
        return otherRun.has_value();
    }, 120000));
    QCOMPARE(runStatusName(otherRun->status), QStringLiteral("succeeded"));
    auto theirs = env.snapshots().listPolicies(*other, false);
    QVERIFY(theirs && !theirs->isEmpty());
    const PolicyRecord foreign = theirs->first();

    // Looked up from our tenant: by PolicyVault id AccessDenied; by Graph id not ours at all.
    auto byId = env.snapshots().policyByIdOrGraphId(env.scope(), QString::number(foreign.id));
    QVERIFY(!byId);
    QCOMPARE(errorCodeName(byId.error().code), QStringLiteral("access_denied"));
    auto byGraphId = env.snapshots().policyByIdOrGraphId(env.scope(), foreign.graphId);
    QVERIFY(!byGraphId);
    QCOMPARE(errorCodeName(byGraphId.error().code), QStringLiteral("not_found"));

    // A capture run asked for it from our tenant fails, saying so, and reads nothing.
    auto run = env.capturePolicy(foreign.id);
    QVERIFY(run);
    QCOMPARE(runStatusName(run->status), QStringLiteral("failed"));
    QVERIFY2(run->errorSummary.contains(QStringLiteral("another tenant")), qPrintable(run->errorSummary));
    QVERIFY(env.items(run->id).isEmpty());
    auto versions = env.snapshots().policyVersions(*other, foreign.id);
    QVERIFY(versions);
    QCOMPARE(versions->size(), 1);
}

void TestCaptureFaults::captureSnapshotRecordsAVersionOnlyWhenChanged()
{
    CaptureTestEnv env(tenant(QStringLiteral("demo")));
    QString error;
    QVERIFY2(env.start(&error), qPrintable(error));
    auto backup = env.backup();
    QVERIFY(backup);
    auto policies = env.snapshots().listPolicies(env.scope(), false);
    QVERIFY(policies);
    PolicyRecord target;
    for (const PolicyRecord& p : std::as_const(*policies)) {
        if (p.typeKey == u"endpointSecurity") {
            target = p;
            break;
        }
    }
    QVERIFY(target.id > 0);
    const int snapshotsBefore = int(env.snapshots().listSnapshots(env.scope())->size());

    auto same = env.capturePolicy(target.id);
    QVERIFY(same);
    QCOMPARE(runStatusName(same->status), QStringLiteral("succeeded"));
    QCOMPARE(same->target, QString::number(target.id));
    QCOMPARE(same->counts.of(ItemOutcome::Unchanged), 1);
    QCOMPARE(env.snapshots().policyVersions(env.scope(), target.id)->size(), 1);

    // Changed in the portal (the test's own write): the next capture records version 2.
    const HttpResult patched = env.graph().sim().graph(
        "PATCH", QStringLiteral("/beta/deviceManagement/configurationPolicies/") + target.graphId, env.graph().sim().token(),
        QJsonDocument(QJsonObject{{QStringLiteral("description"), QStringLiteral("Changed by the test")}}).toJson(),
        {{"Content-Type", "application/json"}});
    QVERIFY2(patched.status == 200 || patched.status == 204, patched.body.constData());
    auto changed = env.capturePolicy(target.id);
    QVERIFY(changed);
    QCOMPARE(changed->counts.of(ItemOutcome::Updated), 1);
    auto versions = env.snapshots().policyVersions(env.scope(), target.id);
    QVERIFY(versions);
    QCOMPARE(versions->size(), 2);
    auto content = env.snapshots().versionContent(env.scope(), versions->last().id);
    QVERIFY(content);
    QCOMPARE(content->value(QStringLiteral("description")).toString(), QStringLiteral("Changed by the test"));
    QVERIFY(!content->value(QStringLiteral("settings")).toArray().isEmpty());
    // No tenant snapshot for a single capture.
    QCOMPARE(int(env.snapshots().listSnapshots(env.scope())->size()), snapshotsBefore);
}

void TestCaptureFaults::signInFailureFailsTheRunAndLeavesNoSnapshot()
{
    CaptureTestEnv env(tenant(QStringLiteral("demo")), {}, retries(2, 100ms, 200ms));
    QString error;
    QVERIFY2(env.start(&error), qPrintable(error));
    auto profile = TenantRepository(env.database()).byId(env.tenantId());
    QVERIFY(profile);
    const QString key = SecretStore::key(profile->uuid, SecretKind::ClientSecret);

    // A wrong secret: Entra refuses it; the run fails saying so, and no snapshot is left open.
    QVERIFY(env.secrets().write(key, QByteArrayLiteral("sim-secret-wrong")));
    auto wrong = env.backup();
    QVERIFY(wrong);
    QCOMPARE(runStatusName(wrong->status), QStringLiteral("failed"));
    QVERIFY2(wrong->errorSummary.contains(QStringLiteral("invalid_client")) || wrong->errorSummary.contains(QStringLiteral("401")),
             qPrintable(wrong->errorSummary));
    QVERIFY(!wrong->errorSummary.contains(QStringLiteral("sim-secret-wrong")));
    QVERIFY(env.snapshots().listSnapshots(env.scope())->isEmpty());

    // No secret at all: the run fails before any request.
    QVERIFY(env.secrets().remove(key));
    const qint64 before = env.graphOperations();
    auto none = env.backup();
    QVERIFY(none);
    QCOMPARE(runStatusName(none->status), QStringLiteral("failed"));
    QVERIFY(!none->errorSummary.isEmpty());
    QCOMPARE(env.graphOperations(), before);
    QVERIFY(env.snapshots().listSnapshots(env.scope())->isEmpty());
    QCOMPARE(env.graph().writes(), 0);
}

QTEST_GUILESS_MAIN(TestCaptureFaults)
#include "tst_capture_faults.moc"
