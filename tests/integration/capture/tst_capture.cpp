// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
// Backups of graphsim tenants by the real run engine and capture jobs, over HTTPS: every object
// captured with its assignments and the references that render it offline; incremental
// re-capture; exactly the changes graphsim reports become new versions; never a write.
#include "CaptureTestEnv.h"

#include "core/capture/CaptureRequests.h"

#include <QDeadlineTimer>
#include <QJsonDocument>
#include <QProcess>
#include <QTest>

using namespace pv;

namespace {

graphsim::SimOptions smallTenant()
{
    graphsim::SimOptions options;
    options.tenantProfiles = {QStringLiteral("small")};
    return options;
}

QString typeOf(const QJsonObject& policy)
{
    const QString family = policy.value(QStringLiteral("templateReference")).toObject()
                               .value(QStringLiteral("templateFamily")).toString();
    if (family == u"baseline")
        return QStringLiteral("securityBaseline");
    if (family.startsWith(u"endpointSecurity"))
        return QStringLiteral("endpointSecurity");
    return QStringLiteral("settingsCatalog");
}

QMap<ItemOutcome, int> outcomes(const QList<RunItemRecord>& items)
{
    QMap<ItemOutcome, int> out;
    for (const RunItemRecord& item : items)
        ++out[item.outcome];
    return out;
}

} // namespace

class TestCapture : public QObject
{
    Q_OBJECT

private slots:
    void fullBackupCapturesEveryObjectWithItsReferences();
    void pagesOfPoliciesAndSettingsAreAllFollowed();
    void unchangedRecaptureReadsLessAndStoresNothing();
    void exactlyTheReportedChangesBecomeVersions();
    void typeSubsetCapturesOnlyThoseTypes();
    void cancelledBackupResumesIntoTheSameSnapshot();
    // kill -9 mid-backup then resume: tests/integration/backup_runs/tst_backup_kill.
};

void TestCapture::fullBackupCapturesEveryObjectWithItsReferences()
{
    CaptureTestEnv env(smallTenant());
    QString error;
    QVERIFY2(env.start(&error), qPrintable(error));

    const QHash<QString, QJsonObject> policies = env.policiesIndependently();
    const QJsonArray filters = env.listIndependently(QStringLiteral("/deviceManagement/assignmentFilters"));
    const QJsonArray tags = env.listIndependently(QStringLiteral("/deviceManagement/roleScopeTags"));
    QVERIFY(policies.size() > 100);
    QVERIFY(!filters.isEmpty());
    QCOMPARE(tags.size(), 5);
    QMap<QString, qint64> expectedByType;
    for (const QJsonObject& p : policies)
        ++expectedByType[typeOf(p)];
    expectedByType[QStringLiteral("assignmentFilters")] = filters.size();
    expectedByType[QStringLiteral("scopeTags")] = tags.size();
    QVERIFY(expectedByType.value(QStringLiteral("endpointSecurity")) > 0);
    QVERIFY(expectedByType.value(QStringLiteral("securityBaseline")) > 0);

    auto run = env.backup();
    QVERIFY(run);
    QCOMPARE(runStatusName(run->status), QStringLiteral("succeeded"));
    const int total = int(policies.size() + filters.size() + tags.size());
    QCOMPARE(run->counts.of(ItemOutcome::Created), total);
    QCOMPARE(run->counts.total(), total);
    const QList<RunItemRecord> items = env.items(run->id);
    QCOMPARE(items.size(), total);
    QCOMPARE(outcomes(items).value(ItemOutcome::Created), total);

    auto snapshot = env.snapshots().snapshotOfRun(env.scope(), run->id);
    QVERIFY2(snapshot, qPrintable(snapshot ? QString() : snapshot.error().toString()));
    QVERIFY(snapshot->complete);
    QVERIFY(snapshot->finishedAt.isValid());
    QVERIFY(snapshot->incompleteTypes.isEmpty());
    QCOMPARE(snapshot->itemCount, qint64(total));
    auto detail = env.snapshots().snapshot(env.scope(), snapshot->id);
    QVERIFY(detail);
    QCOMPARE(detail->itemsByType, expectedByType);

    // Every captured policy: the settings Graph holds, its assignments (read from
    // {id}/assignments), and every definition (children included) it uses stored with the
    // snapshot, with its category; its template; the names of its groups.
    auto versions = env.snapshots().snapshotItems(env.scope(), snapshot->id);
    QVERIFY(versions);
    int withAssignments = 0;
    int definitionsChecked = 0;
    for (const auto& [policy, version] : std::as_const(*versions)) {
        auto content = env.snapshots().versionContent(env.scope(), version.id);
        QVERIFY(content);
        if (policy.typeKey == u"assignmentFilters" || policy.typeKey == u"scopeTags") {
            const QString kind = policy.typeKey == u"scopeTags" ? QStringLiteral("scope_tag") : QStringLiteral("filter");
            QVERIFY2(env.snapshots().reference(env.scope(), snapshot->id, kind, policy.graphId), qPrintable(policy.graphId));
            continue;
        }
        QVERIFY2(policies.contains(policy.graphId), qPrintable(policy.graphId));
        QCOMPARE(policy.displayName, policies.value(policy.graphId).value(QStringLiteral("name")).toString());
        const QJsonArray settings = content->value(QStringLiteral("settings")).toArray();
        QCOMPARE(settings.size(), policies.value(policy.graphId).value(QStringLiteral("settingCount")).toInt());
        const QJsonArray assignments = content->value(QStringLiteral("assignments")).toArray();
        if (policies.value(policy.graphId).value(QStringLiteral("isAssigned")).toBool()) {
            QVERIFY2(!assignments.isEmpty(), qPrintable(policy.graphId));
            ++withAssignments;
        }
        for (const QString& definition : definitionIdsIn(settings)) {
            auto stored = env.snapshots().reference(env.scope(), snapshot->id, QStringLiteral("definition"), definition);
            QVERIFY2(stored, qPrintable(definition));
            QCOMPARE(stored->value(QStringLiteral("id")).toString(), definition);
            const QString category = stored->value(QStringLiteral("categoryId")).toString();
            if (!category.isEmpty())
                QVERIFY2(env.snapshots().reference(env.scope(), snapshot->id, QStringLiteral("category"), category),
                         qPrintable(category));
            ++definitionsChecked;
        }
        const QString templateId = content->value(QStringLiteral("templateReference")).toObject()
                                       .value(QStringLiteral("templateId")).toString();
        if (!templateId.isEmpty())
            QVERIFY2(env.snapshots().reference(env.scope(), snapshot->id, QStringLiteral("template"), templateId),
                     qPrintable(templateId));
        for (const QJsonValue& a : assignments) {
            const QString group = a.toObject().value(QStringLiteral("target")).toObject().value(QStringLiteral("groupId")).toString();
            if (group.isEmpty())
                continue;
            auto named = env.snapshots().reference(env.scope(), snapshot->id, QStringLiteral("group"), group);
            QVERIFY2(named, qPrintable(group));
            QVERIFY(!named->value(QStringLiteral("displayName")).toString().isEmpty());
        }
    }
    QVERIFY(withAssignments > 50);
    QVERIFY(definitionsChecked > 1000);

    // Capture only reads.
    QCOMPARE(env.graph().writes(), 0);
    QCOMPARE(env.graph().stats().value(QStringLiteral("earlyRetries")).toInt(), 0);
}

void TestCapture::pagesOfPoliciesAndSettingsAreAllFollowed()
{
    graphsim::SimOptions options = smallTenant();
    options.policyPageSize = 4;       // ~40 pages of policies
    options.appRequests = 100000;     // the test's own reads would otherwise spend the budget
    options.tenantRequests = 200000;
    options.settingsPageSize = 3;     // most policies need settings@odata.nextLink, some many pages
    CaptureTestEnv env(options);
    QString error;
    QVERIFY2(env.start(&error), qPrintable(error));
    const QHash<QString, QJsonObject> policies = env.policiesIndependently();
    const int pagesBefore = env.graph().stats().value(QStringLiteral("pagesServed")).toInt();

    auto run = env.backup({QStringLiteral("settingsCatalog"), QStringLiteral("endpointSecurity"),
                           QStringLiteral("securityBaseline")});
    QVERIFY(run);
    QCOMPARE(runStatusName(run->status), QStringLiteral("succeeded"));
    QCOMPARE(run->counts.of(ItemOutcome::Created), int(policies.size()));
    // The policy list alone is policies/4 pages; settings pages come on top.
    const int pages = env.graph().stats().value(QStringLiteral("pagesServed")).toInt() - pagesBefore;
    QVERIFY2(pages > int(policies.size()), qPrintable(QString::number(pages)));

    auto snapshot = env.snapshots().snapshotOfRun(env.scope(), run->id);
    QVERIFY(snapshot);
    QVERIFY(snapshot->complete);
    auto versions = env.snapshots().snapshotItems(env.scope(), snapshot->id);
    QVERIFY(versions);
    QCOMPARE(versions->size(), policies.size());
    int multiPage = 0;
    for (const auto& [policy, version] : std::as_const(*versions)) {
        auto content = env.snapshots().versionContent(env.scope(), version.id);
        QVERIFY(content);
        const int expected = policies.value(policy.graphId).value(QStringLiteral("settingCount")).toInt();
        const QJsonArray settings = content->value(QStringLiteral("settings")).toArray();
        QCOMPARE(settings.size(), expected);
        // In order, each once: ids "0", "1", … as Graph numbers them.
        for (int i = 0; i < settings.size(); ++i)
            QCOMPARE(settings.at(i).toObject().value(QStringLiteral("id")).toString(), QString::number(i));
        if (expected > 3)
            ++multiPage;
    }
    QVERIFY(multiPage > 50);
    QCOMPARE(env.graph().writes(), 0);
}

void TestCapture::unchangedRecaptureReadsLessAndStoresNothing()
{
    CaptureTestEnv env(smallTenant());
    QString error;
    QVERIFY2(env.start(&error), qPrintable(error));
    const qint64 policyCount = env.policiesIndependently().size();

    auto first = env.backup();
    QVERIFY(first);
    QCOMPARE(runStatusName(first->status), QStringLiteral("succeeded"));
    const qint64 firstOps = env.graphOperations();
    const qint64 bytesAfterFirst = env.blobBytes();
    QVERIFY(bytesAfterFirst > 0);

    auto second = env.backup();
    QVERIFY(second);
    QCOMPARE(runStatusName(second->status), QStringLiteral("succeeded"));
    const qint64 secondOps = env.graphOperations() - firstOps;
    QCOMPARE(second->counts.of(ItemOutcome::Unchanged), first->counts.total());
    QCOMPARE(second->counts.of(ItemOutcome::Created), 0);
    QCOMPARE(second->counts.of(ItemOutcome::Updated), 0);
    QCOMPARE(env.blobBytes(), bytesAfterFirst);   // not one new blob byte

    qInfo("graphsim small, %lld policies: first capture %lld operations (%.2f per policy), re-capture %lld (%.2f per "
          "policy, %.0f %% of the first)",
          static_cast<long long>(policyCount), static_cast<long long>(firstOps), double(firstOps) / double(policyCount),
          static_cast<long long>(secondOps), double(secondOps) / double(policyCount),
          100.0 * double(secondOps) / double(firstOps));
    QVERIFY2(secondOps * 100 <= firstOps * 55, qPrintable(QStringLiteral("%1 vs %2").arg(secondOps).arg(firstOps)));

    // The second snapshot is as complete and renders as well: its references were carried over.
    auto one = env.snapshots().snapshotOfRun(env.scope(), first->id);
    auto two = env.snapshots().snapshotOfRun(env.scope(), second->id);
    QVERIFY(one && two);
    QVERIFY(one->id != two->id);
    QVERIFY(two->complete);
    QCOMPARE(two->itemCount, one->itemCount);
    auto d1 = env.snapshots().snapshot(env.scope(), one->id);
    auto d2 = env.snapshots().snapshot(env.scope(), two->id);
    QVERIFY(d1 && d2);
    QCOMPARE(d2->referencesByKind, d1->referencesByKind);
    QCOMPARE(env.graph().writes(), 0);

    // --full reads every policy's settings again and still stores nothing new.
    const qint64 beforeFull = env.graphOperations();
    auto full = env.backup({}, true);
    QVERIFY(full);
    QCOMPARE(full->counts.of(ItemOutcome::Unchanged), first->counts.total());
    QVERIFY(env.graphOperations() - beforeFull > secondOps + policyCount / 2);
    QCOMPARE(env.blobBytes(), bytesAfterFirst);
}

void TestCapture::exactlyTheReportedChangesBecomeVersions()
{
    CaptureTestEnv env(smallTenant());
    QString error;
    QVERIFY2(env.start(&error), qPrintable(error));
    auto first = env.backup();
    QVERIFY(first);
    QCOMPARE(runStatusName(first->status), QStringLiteral("succeeded"));

    const QJsonObject mutated = env.graph().sim().sim(
        QStringLiteral("mutate"), QJsonObject{{QStringLiteral("seed"), 7}, {QStringLiteral("policies"), 3},
                                              {QStringLiteral("settings"), 4}, {QStringLiteral("assignments"), 4}});
    QSet<QString> changed;
    QSet<QString> kinds;
    for (const QJsonValue& c : mutated.value(QStringLiteral("changed")).toArray()) {
        changed.insert(c.toObject().value(QStringLiteral("policyId")).toString());
        kinds.insert(c.toObject().value(QStringLiteral("kind")).toString());
    }
    // A regenerated setting can come out as it was (a choice with two options): graphsim
    // reports it, but nothing changed. The test finds those itself, comparing what graphsim
    // serves now with what the first backup stored.
    QHash<QString, QSet<QString>> kindsOf;
    for (const QJsonValue& c : mutated.value(QStringLiteral("changed")).toArray())
        kindsOf[c.toObject().value(QStringLiteral("policyId")).toString()].insert(c.toObject().value(QStringLiteral("kind")).toString());
    const QByteArray token = env.graph().sim().token();
    for (auto it = kindsOf.constBegin(); it != kindsOf.constEnd(); ++it) {
        if (it.value() != QSet<QString>{QStringLiteral("setting")})
            continue;
        const HttpResult now = env.graph().sim().graph(
            "GET", QStringLiteral("/beta/deviceManagement/configurationPolicies/%1/settings?$top=1000").arg(it.key()), token);
        QCOMPARE(now.status, 200);
        auto policy = env.snapshots().policyByIdOrGraphId(env.scope(), it.key());
        QVERIFY(policy);
        auto stored = env.snapshots().versionContent(env.scope(), env.snapshots().policyVersions(env.scope(), policy->id)->last().id);
        QVERIFY(stored);
        const QJsonArray before = stored->value(QStringLiteral("settings")).toArray();
        const QJsonArray after = now.json().value(QStringLiteral("value")).toArray();
        bool same = before.size() == after.size();
        for (qsizetype i = 0; same && i < before.size(); ++i)
            same = before.at(i).toObject().value(QStringLiteral("settingInstance"))
                == after.at(i).toObject().value(QStringLiteral("settingInstance"));
        if (same)
            changed.remove(it.key());
    }
    QVERIFY2(changed.size() >= 8, QJsonDocument(mutated).toJson().constData());
    QCOMPARE(kinds, (QSet<QString>{QStringLiteral("metadata"), QStringLiteral("setting"), QStringLiteral("assignments")}));

    // And one policy deleted in the portal.
    const QHash<QString, QJsonObject> before = env.policiesIndependently();
    QString deleted;
    for (auto it = before.constBegin(); it != before.constEnd(); ++it) {
        if (!changed.contains(it.key())) {
            deleted = it.key();
            break;
        }
    }
    const HttpResult gone = env.graph().sim().graph("DELETE", QStringLiteral("/beta/deviceManagement/configurationPolicies/") + deleted,
                                                    env.graph().sim().token());
    QCOMPARE(gone.status, 204);
    const int writesBefore = env.graph().writes();

    auto second = env.backup();
    QVERIFY(second);
    QCOMPARE(runStatusName(second->status), QStringLiteral("succeeded"));
    QSet<QString> updated;
    for (const RunItemRecord& item : env.items(second->id)) {
        const QString graphId = item.itemKey.section(QLatin1Char(':'), 1);
        if (item.outcome == ItemOutcome::Updated)
            updated.insert(graphId);
        else
            QCOMPARE(itemOutcomeName(item.outcome), QStringLiteral("unchanged"));
        QVERIFY(graphId != deleted);
    }
    if (updated != changed)
        qWarning("%s", QJsonDocument(mutated).toJson().constData());
    QCOMPARE(updated, changed);
    QCOMPARE(env.graph().writes(), writesBefore);   // the capture wrote nothing

    auto removed = env.snapshots().policyByIdOrGraphId(env.scope(), deleted);
    QVERIFY(removed);
    QVERIFY(removed->deletedAt.isValid());
    for (const QString& id : std::as_const(changed)) {
        auto policy = env.snapshots().policyByIdOrGraphId(env.scope(), id);
        QVERIFY(policy);
        QVERIFY(!policy->deletedAt.isValid());
        auto versions = env.snapshots().policyVersions(env.scope(), policy->id);
        QVERIFY(versions);
        QCOMPARE(versions->size(), 2);
        QCOMPARE(versions->last().runId, second->id);
    }
}

void TestCapture::typeSubsetCapturesOnlyThoseTypes()
{
    CaptureTestEnv env(smallTenant());
    QString error;
    QVERIFY2(env.start(&error), qPrintable(error));
    auto run = env.backup({QStringLiteral("scopeTags"), QStringLiteral("assignmentFilters")});
    QVERIFY(run);
    QCOMPARE(runStatusName(run->status), QStringLiteral("succeeded"));
    QCOMPARE(run->target, QStringLiteral("assignmentFilters,scopeTags"));
    auto snapshot = env.snapshots().snapshotOfRun(env.scope(), run->id);
    QVERIFY(snapshot);
    QCOMPARE(snapshot->capturedTypes, (QStringList{QStringLiteral("assignmentFilters"), QStringLiteral("scopeTags")}));
    auto detail = env.snapshots().snapshot(env.scope(), snapshot->id);
    QVERIFY(detail);
    QCOMPARE(detail->itemsByType.keys(), snapshot->capturedTypes);
    // Scope tags carry their auto-assignments (graphsim: tag 1 → one group, tag 4 → two).
    auto tags = env.snapshots().listPolicies(env.scope(), false);
    QVERIFY(tags);
    int assigned = 0;
    for (const PolicyRecord& p : std::as_const(*tags)) {
        if (p.typeKey != u"scopeTags")
            continue;
        auto versions = env.snapshots().policyVersions(env.scope(), p.id);
        QVERIFY(versions && !versions->isEmpty());
        auto content = env.snapshots().versionContent(env.scope(), versions->last().id);
        QVERIFY(content);
        assigned += int(content->value(QStringLiteral("assignments")).toArray().size());
    }
    QCOMPARE(assigned, 4);
}

void TestCapture::cancelledBackupResumesIntoTheSameSnapshot()
{
    graphsim::SimOptions options = smallTenant();
    options.latencyMs = 60;
    // One request at a time, so the backup is still reading when the test cancels it.
    JobKinds::ServiceOptions services;
    services.governor.maxConcurrent = 1;
    CaptureTestEnv env(options, {}, services);
    QString error;
    QVERIFY2(env.start(&error), qPrintable(error));
    auto request = capture::backupRequest({}, false, QStringLiteral("test"));
    QVERIFY(request);
    auto ref = env.runs().start(env.scope(), *request);
    QVERIFY(ref);
    QVERIFY(QTest::qWaitFor([&] { return !env.items(ref->runId).isEmpty(); }, 60000));
    QVERIFY(env.runs().cancel(env.scope(), ref->runId));
    auto cancelled = env.waitForEnd(ref->runId);
    QVERIFY(cancelled);
    QCOMPARE(runStatusName(cancelled->status), QStringLiteral("cancelled"));
    auto partial = env.snapshots().snapshotOfRun(env.scope(), ref->runId);
    QVERIFY(partial);
    QVERIFY(!partial->complete);
    QVERIFY(!partial->incompleteTypes.isEmpty());
    const qint64 doneBefore = partial->itemCount;
    QVERIFY(doneBefore > 0);

    auto child = env.runs().resume(env.scope(), ref->runId);
    QVERIFY(child);
    auto resumed = env.waitForEnd(child->runId);
    QVERIFY(resumed);
    QCOMPARE(runStatusName(resumed->status), QStringLiteral("succeeded"));
    auto snapshot = env.snapshots().snapshotOfRun(env.scope(), child->runId);
    QVERIFY(snapshot);
    QCOMPARE(snapshot->id, partial->id);      // the chain's one snapshot, now complete
    QVERIFY(snapshot->complete);
    const qint64 total = env.policiesIndependently().size()
        + env.listIndependently(QStringLiteral("/deviceManagement/assignmentFilters")).size() + 5;
    QCOMPARE(snapshot->itemCount, total);
    QVERIFY(resumed->counts.total() < total);  // only what the cancelled run had not done

    // The same content an uninterrupted full read finds now.
    auto full = env.backup({}, true);
    QVERIFY(full);
    QCOMPARE(full->counts.of(ItemOutcome::Unchanged), int(total));
}

QTEST_GUILESS_MAIN(TestCapture)
#include "tst_capture.moc"
