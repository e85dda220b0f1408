// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
// Backups of graphsim tenants by the real run engine and capture jobs, over HTTPS: every object
// captured with its assignments and the references that render it offline; incremental
// re-capture; exactly the changes graphsim reports become new versions; never a write.
#include "CaptureTestEnv.h"

#include "core/capture/CaptureRequests.h"

#include <QJsonDocument>
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

QTEST_GUILESS_MAIN(TestCapture)
#include "tst_capture.moc"
