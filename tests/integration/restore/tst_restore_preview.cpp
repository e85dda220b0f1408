// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
// The restore preview (kind restore_preview) run by the real run engine against graphsim over
// HTTPS, into a real SQLite store: after /_sim/mutate every action is the one the live tenant
// implies, with exactly the changed setting rows; conflicts and cannot_restore with their
// reasons; supplied secrets re-plan; and the preview never writes — graphsim's write log says
// so for every action, on cancel, when throttled, and with conflicts.
#include "CaptureTestEnv.h"

#include "core/capture/PolicyContent.h"
#include "core/common/CanonicalJson.h"
#include "core/normalize/RowDiff.h"
#include "core/normalize/SnapshotDefinitions.h"
#include "core/restore/RestorePlanRepository.h"
#include "core/restore/RestorePreviewJob.h"
#include "core/restore/RestoreRequests.h"
#include "core/restore/SuppliedSecrets.h"
#include "core/store/Database.h"
#include "core/store/PolicyCatalog.h"
#include "core/store/TenantRepository.h"

#include <QFile>
#include <QJsonDocument>
#include <QTest>
#include <QThread>

#include <latch>

using namespace pv;
using namespace pv::restore;

namespace {

graphsim::SimOptions demoTenant(QStringList profiles = {QStringLiteral("demo")})
{
    graphsim::SimOptions options;
    options.tenantProfiles = std::move(profiles);
    return options;
}

/// The capture tests' environment with the preview kind registered beside the capture kinds.
bool startEnv(CaptureTestEnv& env, QString* error)
{
    if (!env.start(error))
        return false;
    env.runs().registerKind(previewKind());
    return true;
}

QString typeOf(const QJsonObject& content)
{
    return capture::PolicyContent::typeKeyOf(content);
}

std::optional<RunRecord> preview(CaptureTestEnv& env, const PreviewSelection& selection)
{
    auto request = previewRequest(selection, QStringLiteral("test"));
    if (!request)
        return std::nullopt;
    return env.runToEnd(*request);
}

QHash<qint64, PlanItem> planOf(CaptureTestEnv& env, qint64 runId)
{
    QHash<qint64, PlanItem> out;
    auto items = RestorePlanRepository(env.database()->connection()).items(env.scope(), runId);
    if (!items) {
        qWarning("plan %lld: %s", static_cast<long long>(runId), qPrintable(items.error().toString()));
        return out;
    }
    for (const PlanItem& item : std::as_const(*items))
        out.insert(item.policyId, item);
    return out;
}

qint64 snapshotIdOf(CaptureTestEnv& env, const RunRecord& run)
{
    auto snapshot = env.snapshots().snapshotOfRun(env.scope(), run.id);
    return snapshot ? snapshot->id : 0;
}

QString hashOf(const QString& typeKey, QJsonObject content, bool withAssignments)
{
    if (!withAssignments)
        content.remove(QStringLiteral("assignments"));
    return canonical(content, CanonicalProfile::forTypeKey(typeKey)).contentHash;
}

// The test's own walk: does the object hold a secret setting value?
bool hasSecret(const QJsonValue& value)
{
    if (value.isArray()) {
        for (const QJsonValue& v : value.toArray())
            if (hasSecret(v))
                return true;
    } else if (value.isObject()) {
        const QJsonObject o = value.toObject();
        if (o.value(QStringLiteral("@odata.type")).toString().contains(u"SecretSettingValue", Qt::CaseInsensitive))
            return true;
        for (const QJsonValue& v : o)
            if (hasSecret(v))
                return true;
    }
    return false;
}

// Replaces every secret value token in `value` by `token`; returns the definition ids.
QStringList replaceSecretTokens(QJsonValue& value, const QString& token, const QString& definition = {})
{
    QStringList out;
    if (value.isArray()) {
        QJsonArray array = value.toArray();
        for (qsizetype i = 0; i < array.size(); ++i) {
            QJsonValue v = array.at(i);
            out += replaceSecretTokens(v, token, definition);
            array[i] = v;
        }
        value = array;
    } else if (value.isObject()) {
        QJsonObject o = value.toObject();
        const QString here = o.contains(QStringLiteral("settingDefinitionId")) ? o.value(QStringLiteral("settingDefinitionId")).toString()
                                                                              : definition;
        if (o.value(QStringLiteral("@odata.type")).toString().contains(u"SecretSettingValue", Qt::CaseInsensitive)) {
            o.insert(QStringLiteral("value"), token);
            out.append(here);
        }
        for (auto it = o.begin(); it != o.end(); ++it) {
            QJsonValue v = it.value();
            if (v.isObject() || v.isArray()) {
                out += replaceSecretTokens(v, token, here);
                it.value() = v;
            }
        }
        value = o;
    }
    return out;
}

/// A snapshot holding `contents` (graph id → content) recorded as versions of the tenant's
/// policies, with the references of `from` — what a snapshot edited in the store looks like.
qint64 editedSnapshot(CaptureTestEnv& env, qint64 from, const QList<QPair<QString, QJsonObject>>& contents)
{
    SnapshotRepository& repo = env.snapshots();
    auto id = repo.beginSnapshot(env.scope(), 0, {QStringLiteral("settingsCatalog"), QStringLiteral("endpointSecurity"),
                                                  QStringLiteral("securityBaseline")});
    if (!id)
        return 0;
    for (const QString& kind : {QStringLiteral("definition"), QStringLiteral("category"), QStringLiteral("template"),
                                QStringLiteral("group"), QStringLiteral("filter"), QStringLiteral("scope_tag")}) {
        auto refs = repo.references(env.scope(), from, kind);
        if (!refs)
            return 0;
        for (auto it = refs->cbegin(); it != refs->cend(); ++it)
            if (!repo.addReference(env.scope(), *id, kind, it.key(), it.value()))
                return 0;
    }
    for (const auto& [typeKey, content] : contents) {
        auto recorded = repo.recordPolicyVersion(env.scope(), typeKey, content.value(QStringLiteral("id")).toString(),
                                                 content.value(QStringLiteral("name")).toString(), QString(), content, 0);
        if (!recorded || !repo.addToSnapshot(env.scope(), *id, recorded->versionId))
            return 0;
    }
    return repo.finishSnapshot(env.scope(), *id, true, {}) ? *id : 0;
}

QSet<QString> rowKeys(const QJsonArray& rows)
{
    QSet<QString> out;
    for (const QJsonValue& r : rows)
        out.insert(r.toObject().value(QStringLiteral("rowKey")).toString());
    return out;
}

QJsonObject metadataField(const PlanItem& item, const QString& field)
{
    for (const QJsonValue& m : item.diff.value(QStringLiteral("metadata")).toArray())
        if (m.toObject().value(QStringLiteral("field")).toString() == field)
            return m.toObject();
    return {};
}

QJsonObject mutate(CaptureTestEnv& env, const QJsonObject& edits)
{
    return env.graph().sim().sim(QStringLiteral("mutate"), edits);
}

} // namespace

class TestRestorePreview : public QObject
{
    Q_OBJECT

private slots:
    void everyActionFollowsTheLiveChanges();
    void conflictsAndCannotRestoreWithReasons();
    void retiredTemplateAndInvalidatedSecretFromGraphsim();
    void suppliedSecretsReplanAndNeverReachTheStore();
    void cancelledAndThrottledPreviewsWriteNothing();
    void fiftyIdenticalStartsShareOneRun();
    void anotherTenantsSnapshotAndPlanAreAccessDenied();
};

void TestRestorePreview::everyActionFollowsTheLiveChanges()
{
    CaptureTestEnv env(demoTenant());
    QString error;
    QVERIFY2(startEnv(env, &error), qPrintable(error));
    auto first = env.backup();
    QVERIFY(first);
    QCOMPARE(runStatusName(first->status), QStringLiteral("succeeded"));
    const qint64 snapshot = snapshotIdOf(env, *first);
    QVERIFY(snapshot > 0);

    const QJsonObject mutated = mutate(env, {{QStringLiteral("seed"), 11}, {QStringLiteral("policies"), 2},
                                             {QStringLiteral("settings"), 3}, {QStringLiteral("assignments"), 3},
                                             {QStringLiteral("renames"), 2}, {QStringLiteral("deletes"), 2}});
    QHash<QString, QSet<QString>> kindsOf;
    for (const QJsonValue& c : mutated.value(QStringLiteral("changed")).toArray())
        kindsOf[c.toObject().value(QStringLiteral("policyId")).toString()].insert(c.toObject().value(QStringLiteral("kind")).toString());
    QVERIFY2(kindsOf.size() >= 6, QJsonDocument(mutated).toJson().constData());

    PreviewSelection selection;
    selection.snapshotId = snapshot;
    auto without = preview(env, selection);
    selection.assignments = true;
    auto with = preview(env, selection);
    QVERIFY(without && with);
    QCOMPARE(env.graph().writes(), 0);   // the preview never writes

    // What the tenant holds now, captured by the capture (an independent path to the same
    // state): per policy the expected action and the exact setting rows.
    auto second = env.backup();
    QVERIFY(second);
    const qint64 now = snapshotIdOf(env, *second);
    QHash<qint64, PolicyVersionRecord> nowVersions;
    const auto nowItems = env.snapshots().snapshotItems(env.scope(), now);
    QVERIFY(nowItems);
    for (const auto& [policy, version] : *nowItems)
        nowVersions.insert(policy.id, version);
    const PolicyCatalog catalog(env.database());

    auto items = env.snapshots().snapshotItems(env.scope(), snapshot);
    QVERIFY(items);
    QMap<PlanAction, int> seen;
    int settingRowsChecked = 0, renamesChecked = 0, assignmentDiffs = 0, assignmentsOnlyUnchanged = 0;
    for (const bool assignments : {false, true}) {
        const RunRecord& run = assignments ? *with : *without;
        const QHash<qint64, PlanItem> plan = planOf(env, run.id);
        QCOMPARE(plan.size(), items->size());
        bool unresolved = false;
        for (const auto& [policy, version] : std::as_const(*items)) {
            QVERIFY(plan.contains(policy.id));
            const PlanItem& item = plan.value(policy.id);
            const QString what = policy.graphId + QLatin1Char(' ') + planActionName(item.action) + QLatin1Char(' ') + item.reason;
            QCOMPARE(item.itemKey, planItemKey(policy.typeKey, policy.id));
            QCOMPARE(item.policyVersionId, version.id);
            seen[item.action] += 1;
            unresolved = unresolved || item.action == PlanAction::Conflict || item.action == PlanAction::CannotRestore;
            const QSet<QString> kinds = kindsOf.value(policy.graphId);
            if (kinds.contains(QStringLiteral("deleted"))) {
                QVERIFY2(item.action == PlanAction::WouldCreate
                             || (item.action == PlanAction::CannotRestore && item.diff.contains(QStringLiteral("secretsNeeded"))),
                         qPrintable(what));
                QVERIFY(item.liveGraphId.isEmpty());
                QVERIFY(item.liveFingerprint.isEmpty());
                continue;
            }
            QVERIFY2(nowVersions.contains(policy.id), qPrintable(what));
            QCOMPARE(item.liveGraphId, policy.graphId);
            QCOMPARE(item.liveFingerprint.size(), 64);
            const QJsonObject then = *env.snapshots().versionContent(env.scope(), version.id);
            const QJsonObject live = *env.snapshots().versionContent(env.scope(), nowVersions.value(policy.id).id);
            if (hashOf(policy.typeKey, then, assignments) == hashOf(policy.typeKey, live, assignments)) {
                QVERIFY2(item.action == PlanAction::Unchanged, qPrintable(what));
                if (!assignments && hashOf(policy.typeKey, then, true) != hashOf(policy.typeKey, live, true))
                    ++assignmentsOnlyUnchanged;
                continue;
            }
            QVERIFY2(item.action == PlanAction::WouldUpdate, qPrintable(what));
            if (tierOf(policy.typeKey) == Tier::Policies) {
                // Exactly the rows that changed: old = live, new = the snapshot's.
                const auto oldRows = normalize::versionRows(env.snapshots(), catalog, env.scope(), nowVersions.value(policy.id).id);
                const auto newRows = normalize::versionRows(env.snapshots(), catalog, env.scope(), version.id);
                QVERIFY(oldRows && newRows);
                QSet<QString> expected;
                for (const normalize::RowChange& c : normalize::diffRows(*oldRows, *newRows))
                    expected.insert(c.rowKey);
                QCOMPARE(rowKeys(item.diff.value(QStringLiteral("settings")).toArray()), expected);
                settingRowsChecked += int(expected.size());
            }
            if (kinds.contains(QStringLiteral("renamed"))) {
                const QJsonObject name = metadataField(item, QStringLiteral("name"));
                QCOMPARE(name.value(QStringLiteral("old")).toString(), live.value(QStringLiteral("name")).toString());
                QCOMPARE(name.value(QStringLiteral("new")).toString(), then.value(QStringLiteral("name")).toString());
                QVERIFY(item.reason.contains(QStringLiteral("name")));
                ++renamesChecked;
            }
            if (then.value(QStringLiteral("description")) != live.value(QStringLiteral("description")))
                QVERIFY2(!metadataField(item, QStringLiteral("description")).isEmpty(), qPrintable(what));
            const QJsonObject assignmentDiff = item.diff.value(QStringLiteral("assignments")).toObject();
            if (!assignments) {
                QVERIFY(assignmentDiff.isEmpty());
            } else if (hashOf(policy.typeKey, then, true) != hashOf(policy.typeKey, then, false)
                       && then.value(QStringLiteral("assignments")) != live.value(QStringLiteral("assignments"))
                       && !assignmentDiff.isEmpty()) {
                QVERIFY2(assignmentDiff.value(QStringLiteral("summary")).toString().startsWith(QStringLiteral("/assign with this set ")),
                         qPrintable(what));
                QCOMPARE(assignmentDiff.value(QStringLiteral("added")).toArray().size()
                             + assignmentDiff.value(QStringLiteral("removed")).toArray().size() > 0, true);
                ++assignmentDiffs;
            }
        }
        QCOMPARE(runStatusName(run.status), unresolved ? QStringLiteral("partially_succeeded") : QStringLiteral("succeeded"));

        // The run's items: one per plan item, same outcome, in tier order then by id.
        const QList<RunItemRecord> runItems = env.items(run.id);
        QCOMPARE(runItems.size(), plan.size());
        QPair<int, qint64> previous{0, 0};
        for (const RunItemRecord& r : runItems) {
            const qint64 id = r.itemKey.section(QLatin1Char(':'), 1).toLongLong();
            const PlanItem& item = plan.value(id);
            QCOMPARE(r.itemKey, item.itemKey);
            QCOMPARE(itemOutcomeName(r.outcome), planActionName(item.action));
            const QPair<int, qint64> order{int(item.tier), id};
            QVERIFY(previous < order);
            previous = order;
        }
    }
    // The same live state read twice gives the same fingerprints.
    const QHash<qint64, PlanItem> a = planOf(env, without->id), b = planOf(env, with->id);
    for (auto it = a.cbegin(); it != a.cend(); ++it)
        QCOMPARE(it->liveFingerprint, b.value(it.key()).liveFingerprint);
    QVERIFY(seen.value(PlanAction::WouldCreate) >= 2);
    QVERIFY(seen.value(PlanAction::WouldUpdate) >= 4);
    QVERIFY(seen.value(PlanAction::Unchanged) >= 10);
    QVERIFY(settingRowsChecked > 0);
    QCOMPARE(renamesChecked, 4);   // two renames, in both previews
    QVERIFY2(assignmentDiffs > 0 && assignmentsOnlyUnchanged > 0,
             qPrintable(QStringLiteral("%1 %2").arg(assignmentDiffs).arg(assignmentsOnlyUnchanged)));

    // "Restore this version" and a choice of policies plan just those, the same way.
    PlanItem updated, unchanged;
    for (const PlanItem& item : a) {
        if (item.action == PlanAction::WouldUpdate && item.tier == Tier::Policies
            && !item.diff.value(QStringLiteral("settings")).toArray().isEmpty())
            updated = item;
        if (item.action == PlanAction::Unchanged && item.tier == Tier::Policies)
            unchanged = item;
    }
    QVERIFY(updated.policyId > 0 && unchanged.policyId > 0);
    PreviewSelection one;
    one.policyVersionId = updated.policyVersionId;
    auto single = preview(env, one);
    QVERIFY(single);
    const QHash<qint64, PlanItem> singlePlan = planOf(env, single->id);
    QCOMPARE(singlePlan.size(), 1);
    QCOMPARE(singlePlan.value(updated.policyId).action, PlanAction::WouldUpdate);
    QCOMPARE(singlePlan.value(updated.policyId).diff, updated.diff);
    QCOMPARE(singlePlan.value(updated.policyId).liveFingerprint, updated.liveFingerprint);
    PreviewSelection chosen;
    chosen.snapshotId = snapshot;
    chosen.policyIds = {unchanged.policyId, updated.policyId};
    auto two = preview(env, chosen);
    QVERIFY(two);
    const QHash<qint64, PlanItem> twoPlan = planOf(env, two->id);
    QCOMPARE(twoPlan.size(), 2);
    QCOMPARE(twoPlan.value(unchanged.policyId).action, PlanAction::Unchanged);
    QCOMPARE(twoPlan.value(updated.policyId).action, PlanAction::WouldUpdate);
    QCOMPARE(env.graph().writes(), 0);
}

void TestRestorePreview::conflictsAndCannotRestoreWithReasons()
{
    CaptureTestEnv env(demoTenant());
    QString error;
    QVERIFY2(startEnv(env, &error), qPrintable(error));
    auto first = env.backup();
    QVERIFY(first);
    const qint64 snapshot = snapshotIdOf(env, *first);
    auto items = env.snapshots().snapshotItems(env.scope(), snapshot);
    QVERIFY(items);
    // Policies to edit: one made from a template, one with a secret, three plain ones.
    QJsonObject templated, secret;
    QList<QJsonObject> plain;
    for (const auto& [policy, version] : std::as_const(*items)) {
        if (tierOf(policy.typeKey) != Tier::Policies)
            continue;
        const QJsonObject content = *env.snapshots().versionContent(env.scope(), version.id);
        const bool hasTemplate = !content.value(QStringLiteral("templateReference")).toObject().value(QStringLiteral("templateId")).toString().isEmpty();
        if (hasSecret(content.value(QStringLiteral("settings"))))
            secret = secret.isEmpty() ? content : secret;
        else if (hasTemplate)
            templated = templated.isEmpty() ? content : templated;
        else if (plain.size() < 3)
            plain.append(content);
    }
    QVERIFY(!templated.isEmpty() && !secret.isEmpty() && plain.size() == 3);
    const QByteArray token = env.graph().sim().token();

    // A second live policy with plain[2]'s name: a deleted object matched by name is ambiguous.
    QJsonObject copy;
    for (const QString& key : {QStringLiteral("name"), QStringLiteral("description"), QStringLiteral("platforms"),
                               QStringLiteral("technologies"), QStringLiteral("roleScopeTagIds"), QStringLiteral("templateReference")})
        copy.insert(key, plain[2].value(key));
    QJsonArray settings;
    for (const QJsonValue& s : plain[2].value(QStringLiteral("settings")).toArray())
        settings.append(QJsonObject{{QStringLiteral("settingInstance"), s.toObject().value(QStringLiteral("settingInstance"))}});
    copy.insert(QStringLiteral("settings"), settings);
    const HttpResult posted = env.graph().sim().graph("POST", QStringLiteral("/beta/deviceManagement/configurationPolicies"),
                                                      token, QJsonDocument(copy).toJson(QJsonDocument::Compact),
                                                      {{"Content-Type", "application/json"}});
    QVERIFY2(posted.status == 201, posted.body.constData());
    QCOMPARE(env.graph().writes(), 1);   // the test's own write

    auto edited = [](QJsonObject content, const QString& key, const QJsonValue& value) {
        content.insert(key, value);
        return content;
    };
    const QString otherTemplate = QStringLiteral("0f2b5d70-d4e9-4156-8c16-1397eb6c54a5_1");
    QJsonObject templateRef = templated.value(QStringLiteral("templateReference")).toObject();
    templateRef.insert(QStringLiteral("templateId"), otherTemplate);
    QJsonObject retiredRef = templateRef;
    retiredRef.insert(QStringLiteral("templateId"), QStringLiteral("not-offered-template_1"));
    QJsonValue secretSettings = secret.value(QStringLiteral("settings"));
    const QStringList secretDefinitions = replaceSecretTokens(secretSettings, QStringLiteral("11111111-2222-3333-4444-555555555555"));
    QVERIFY(!secretDefinitions.isEmpty());
    const QString newId1 = QStringLiteral("aaaaaaaa-0000-4000-8000-000000000001");
    const QString newId2 = QStringLiteral("aaaaaaaa-0000-4000-8000-000000000002");
    const QString newId3 = QStringLiteral("aaaaaaaa-0000-4000-8000-000000000003");
    const qint64 editedId = editedSnapshot(env, snapshot, {
        // live template differs → conflict
        {typeOf(templated), edited(templated, QStringLiteral("templateReference"), templateRef)},
        // the secret's captured token is no longer the live one → cannot_restore (graphsim cannot
        // invalidate tokens yet: the token is edited in the store)
        {typeOf(secret), edited(edited(secret, QStringLiteral("settings"), secretSettings),
                                           QStringLiteral("description"), QStringLiteral("edited"))},
        // a scope tag that exists neither live nor in the plan → cannot_restore
        {QStringLiteral("settingsCatalog"), edited(plain[0], QStringLiteral("roleScopeTagIds"), QJsonArray{QStringLiteral("0"), QStringLiteral("9999")})},
        // deleted since (an id graphsim never had), one live object of that name → matched by name
        {QStringLiteral("settingsCatalog"), edited(plain[1], QStringLiteral("id"), newId1)},
        // deleted since, two live objects of that name → conflict
        {QStringLiteral("settingsCatalog"), edited(plain[2], QStringLiteral("id"), newId2)},
        // deleted since, its template is not offered → cannot_restore
        {typeOf(templated), edited(edited(edited(templated, QStringLiteral("id"), newId3), QStringLiteral("name"),
                                                     QStringLiteral("Restored copy")), QStringLiteral("templateReference"), retiredRef)},
    });
    QVERIFY(editedId > 0);

    PreviewSelection selection;
    selection.snapshotId = editedId;
    auto run = preview(env, selection);
    QVERIFY(run);
    QCOMPARE(runStatusName(run->status), QStringLiteral("partially_succeeded"));
    QCOMPARE(env.graph().writes(), 1);   // still only the test's own
    QHash<QString, PlanItem> byGraphId;
    for (const PlanItem& item : planOf(env, run->id))
        byGraphId.insert(item.graphId, item);
    QCOMPARE(byGraphId.size(), 6);

    const PlanItem templateConflict = byGraphId.value(templated.value(QStringLiteral("id")).toString());
    QCOMPARE(templateConflict.action, PlanAction::Conflict);
    QVERIFY2(templateConflict.reason.contains(otherTemplate), qPrintable(templateConflict.reason));

    const PlanItem secretItem = byGraphId.value(secret.value(QStringLiteral("id")).toString());
    QCOMPARE(secretItem.action, PlanAction::CannotRestore);
    QStringList needed;
    for (const QJsonValue& v : secretItem.diff.value(QStringLiteral("secretsNeeded")).toArray())
        needed.append(v.toString());
    QStringList expectedNeeded = secretDefinitions;
    expectedNeeded.sort();
    QCOMPARE(needed, expectedNeeded);
    QVERIFY(secretItem.reason.contains(QStringLiteral("secret value is needed")));

    const PlanItem tagItem = byGraphId.value(plain[0].value(QStringLiteral("id")).toString());
    QCOMPARE(tagItem.action, PlanAction::CannotRestore);
    QVERIFY2(tagItem.reason.contains(QStringLiteral("scope tag 9999")), qPrintable(tagItem.reason));

    const PlanItem byName = byGraphId.value(newId1);
    QCOMPARE(byName.action, PlanAction::Unchanged);   // the same content under another id
    QCOMPARE(byName.liveGraphId, plain[1].value(QStringLiteral("id")).toString());
    QCOMPARE(byName.liveFingerprint.size(), 64);

    const PlanItem ambiguous = byGraphId.value(newId2);
    QCOMPARE(ambiguous.action, PlanAction::Conflict);
    QVERIFY2(ambiguous.reason.startsWith(QStringLiteral("2 live objects are named")), qPrintable(ambiguous.reason));
    QVERIFY(ambiguous.liveGraphId.isEmpty());

    const PlanItem notOffered = byGraphId.value(newId3);
    QCOMPARE(notOffered.action, PlanAction::CannotRestore);
    QVERIFY2(notOffered.reason.contains(QStringLiteral("not-offered-template_1 is not offered")), qPrintable(notOffered.reason));

    // Counts by name, and the run items say the same.
    QCOMPARE(run->counts.of(ItemOutcome::Conflict), 2);
    QCOMPARE(run->counts.of(ItemOutcome::CannotRestore), 3);
    QCOMPARE(run->counts.of(ItemOutcome::Unchanged), 1);
}

// The cannot_restore paths driven by graphsim itself (no store edits): a templated policy
// deleted in the portal whose template was then retired, and a secret an admin re-entered
// (its captured token invalidated).
void TestRestorePreview::retiredTemplateAndInvalidatedSecretFromGraphsim()
{
    CaptureTestEnv env(demoTenant());
    QString error;
    QVERIFY2(startEnv(env, &error), qPrintable(error));
    auto first = env.backup();
    QVERIFY(first);
    const qint64 snapshot = snapshotIdOf(env, *first);
    auto items = env.snapshots().snapshotItems(env.scope(), snapshot);
    QVERIFY(items);
    QJsonObject templated, secret, deprecated;
    qint64 templatedId = 0, secretId = 0, deprecatedId = 0;
    for (const auto& [policy, version] : std::as_const(*items)) {
        if (tierOf(policy.typeKey) != Tier::Policies)
            continue;
        const QJsonObject content = *env.snapshots().versionContent(env.scope(), version.id);
        const bool hasTemplate = !content.value(QStringLiteral("templateReference")).toObject().value(QStringLiteral("templateId")).toString().isEmpty();
        if (hasSecret(content.value(QStringLiteral("settings")))) {
            if (secret.isEmpty()) {
                secret = content;
                secretId = policy.id;
            }
        } else if (hasTemplate && templated.isEmpty()) {
            templated = content;
            templatedId = policy.id;
        } else if (hasTemplate && deprecated.isEmpty()
                   && content.value(QStringLiteral("templateReference")).toObject().value(QStringLiteral("templateId"))
                          != templated.value(QStringLiteral("templateReference")).toObject().value(QStringLiteral("templateId"))) {
            deprecated = content;   // another template, which graphsim will mark deprecated
            deprecatedId = policy.id;
        }
    }
    QVERIFY(!templated.isEmpty() && !secret.isEmpty() && !deprecated.isEmpty());
    const QString deprecatedTemplate = deprecated.value(QStringLiteral("templateReference")).toObject().value(QStringLiteral("templateId")).toString();
    const QString templateId = templated.value(QStringLiteral("templateReference")).toObject().value(QStringLiteral("templateId")).toString();
    QJsonValue secretSettings = secret.value(QStringLiteral("settings"));
    QStringList definitions = replaceSecretTokens(secretSettings, QString());
    definitions.removeDuplicates();
    definitions.sort();

    const QJsonObject deleted = mutate(env, {{QStringLiteral("seed"), 5}, {QStringLiteral("policies"), 0}, {QStringLiteral("settings"), 0},
                                             {QStringLiteral("assignments"), 0}, {QStringLiteral("renames"), 0}, {QStringLiteral("deletes"), 2},
                                             {QStringLiteral("policyIds"), QJsonArray{templated.value(QStringLiteral("id")), deprecated.value(QStringLiteral("id"))}}});
    QCOMPARE(deleted.value(QStringLiteral("changed")).toArray().size(), 2);
    for (const QJsonValue& c : deleted.value(QStringLiteral("changed")).toArray())
        QCOMPARE(c[QStringLiteral("kind")].toString(), QStringLiteral("deleted"));
    const QJsonObject retired = env.graph().sim().sim(QStringLiteral("retire-template"), {{QStringLiteral("templateId"), templateId}});
    QCOMPARE(retired.value(QStringLiteral("lifecycleState")).toString(), QStringLiteral("retired"));
    // Deprecated: its policies can still be replaced, but Graph creates none from it.
    const QJsonObject deprecation = env.graph().sim().sim(QStringLiteral("retire-template"), {{QStringLiteral("templateId"), deprecatedTemplate},
                                                                                             {QStringLiteral("lifecycleState"), QStringLiteral("deprecated")}});
    QCOMPARE(deprecation.value(QStringLiteral("lifecycleState")).toString(), QStringLiteral("deprecated"));
    const QJsonObject invalidated = env.graph().sim().sim(QStringLiteral("invalidate-secret"), {{QStringLiteral("policyId"), secret.value(QStringLiteral("id"))}});
    QVERIFY(!invalidated.value(QStringLiteral("invalidated")).toArray().isEmpty());

    PreviewSelection selection;
    selection.snapshotId = snapshot;
    selection.policyIds = {templatedId, secretId, deprecatedId};
    auto run = preview(env, selection);
    QVERIFY(run);
    QCOMPARE(runStatusName(run->status), QStringLiteral("partially_succeeded"));
    const auto plan = planOf(env, run->id);
    QCOMPARE(plan.size(), 3);

    const PlanItem gone = plan.value(templatedId);
    QCOMPARE(gone.action, PlanAction::CannotRestore);
    QVERIFY2(gone.reason.contains(templateId) && gone.reason.contains(QStringLiteral("retired")), qPrintable(gone.reason));

    const PlanItem notCreatable = plan.value(deprecatedId);
    QCOMPARE(notCreatable.action, PlanAction::CannotRestore);
    QVERIFY2(notCreatable.reason.contains(deprecatedTemplate) && notCreatable.reason.contains(QStringLiteral("deprecated")),
             qPrintable(notCreatable.reason));

    const PlanItem reentered = plan.value(secretId);
    QCOMPARE(reentered.action, PlanAction::CannotRestore);
    QStringList needed;
    for (const QJsonValue& v : reentered.diff.value(QStringLiteral("secretsNeeded")).toArray())
        needed.append(v.toString());
    needed.sort();
    QCOMPARE(needed, definitions);
    QVERIFY2(reentered.reason.contains(QStringLiteral("secret value is needed")), qPrintable(reentered.reason));
    QCOMPARE(run->counts.of(ItemOutcome::CannotRestore), 3);
    QCOMPARE(env.graph().writes(), 0);
}

void TestRestorePreview::suppliedSecretsReplanAndNeverReachTheStore()
{
    CaptureTestEnv env(demoTenant());
    QString error;
    QVERIFY2(startEnv(env, &error), qPrintable(error));
    auto first = env.backup();
    QVERIFY(first);
    const qint64 snapshot = snapshotIdOf(env, *first);
    QJsonObject secret;
    qint64 secretPolicyId = 0;
    const auto snapshotItems = env.snapshots().snapshotItems(env.scope(), snapshot);
    QVERIFY(snapshotItems);
    for (const auto& [policy, version] : *snapshotItems) {
        const QJsonObject content = *env.snapshots().versionContent(env.scope(), version.id);
        if (secret.isEmpty() && hasSecret(content.value(QStringLiteral("settings")))) {
            secret = content;
            secretPolicyId = policy.id;
        }
    }
    QVERIFY(!secret.isEmpty());
    QJsonValue settings = secret.value(QStringLiteral("settings"));
    const QStringList definitions = replaceSecretTokens(settings, QStringLiteral("11111111-2222-3333-4444-555555555555"));
    secret.insert(QStringLiteral("settings"), settings);
    secret.insert(QStringLiteral("description"), QStringLiteral("edited"));
    const qint64 editedId = editedSnapshot(env, snapshot, {{typeOf(secret), secret}});
    QVERIFY(editedId > 0);

    // Values for the policy, keyed by its Graph id as a user would write them.
    const QString canary = QStringLiteral("CANARY-onboarding-blob-7f3a9c");
    SuppliedSecrets::Values values;
    for (const QString& d : definitions)
        values[secret.value(QStringLiteral("id")).toString()].insert(d, canary);
    const QString uuid = TenantRepository(env.database()).byId(env.tenantId())->uuid;
    auto key = SuppliedSecrets::store(env.secrets(), uuid, values);
    QVERIFY(key);

    PreviewSelection selection;
    selection.snapshotId = editedId;
    auto without = preview(env, selection);
    selection.secretsKey = *key;
    auto with = preview(env, selection);
    QVERIFY(without && with);
    QCOMPARE(runStatusName(without->status), QStringLiteral("partially_succeeded"));
    QCOMPARE(runStatusName(with->status), QStringLiteral("succeeded"));   // the value re-plans the item
    QVERIFY(with->id != without->id);   // another selection: another run, not a dedupe
    const PlanItem before = planOf(env, without->id).value(secretPolicyId);
    const PlanItem after = planOf(env, with->id).value(secretPolicyId);
    QCOMPARE(before.action, PlanAction::CannotRestore);
    QCOMPARE(after.action, PlanAction::WouldUpdate);
    QVERIFY(!after.diff.contains(QStringLiteral("secretsNeeded")));
    int suppliedRows = 0;
    for (const QJsonValue& row : after.diff.value(QStringLiteral("settings")).toArray())
        suppliedRows += row.toObject().value(QStringLiteral("new")).toString() == u"(secret, supplied)" ? 1 : 0;
    QCOMPARE(suppliedRows, int(definitions.size()));
    QVERIFY(!metadataField(after, QStringLiteral("description")).isEmpty());
    QCOMPARE(env.graph().writes(), 0);

    // The canary is in no table, no run parameter, no file of the store.
    QFile file(env.databasePath());
    QVERIFY(file.open(QIODevice::ReadOnly));
    QVERIFY(!file.readAll().contains(canary.toUtf8()));
    QFile wal(env.databasePath() + QStringLiteral("-wal"));
    if (wal.open(QIODevice::ReadOnly))
        QVERIFY(!wal.readAll().contains(canary.toUtf8()));
}

void TestRestorePreview::cancelledAndThrottledPreviewsWriteNothing()
{
    CaptureTestEnv env(demoTenant());
    QString error;
    QVERIFY2(startEnv(env, &error), qPrintable(error));
    auto first = env.backup();
    QVERIFY(first);
    const qint64 snapshot = snapshotIdOf(env, *first);
    mutate(env, {{QStringLiteral("seed"), 5}, {QStringLiteral("settings"), 3}, {QStringLiteral("deletes"), 1}});

    // Cancelled while its reads are in flight: no plan, nothing written.
    // Responses take 0.4–3.4 s, so the first envelope's items are in while others are not.
    env.graph().config({{QStringLiteral("latencyMs"), 400}, {QStringLiteral("jitterMs"), 3000}});
    PreviewSelection selection;
    selection.snapshotId = snapshot;
    selection.assignments = true;
    auto request = previewRequest(selection, QStringLiteral("test"));
    QVERIFY(request);
    auto started = env.runs().start(env.scope(), *request);
    QVERIFY(started);
    QVERIFY(QTest::qWaitFor([&] {
        auto r = env.runs().run(env.scope(), started->runId);
        return r && r->status == RunStatus::Running && r->progressDone > 0;
    }, 30000));
    QVERIFY(env.runs().cancel(env.scope(), started->runId));
    auto cancelled = env.waitForEnd(started->runId);
    QVERIFY(cancelled);
    QCOMPARE(runStatusName(cancelled->status), QStringLiteral("cancelled"));
    const int total = int(env.snapshots().snapshotItems(env.scope(), snapshot)->size());
    const int reported = int(env.items(started->runId).size());
    QVERIFY2(reported > 0 && reported < total, qPrintable(QStringLiteral("%1 of %2").arg(reported).arg(total)));
    auto plan = RestorePlanRepository(env.database()->connection()).plan(env.scope(), started->runId);
    QVERIFY(!plan);
    QCOMPARE(plan.error().code, ErrorCode::NotFound);
    QCOMPARE(env.graph().writes(), 0);

    // Its resume plans every item again — also those the cancelled run had reported — and
    // stores the whole plan.
    env.graph().config({{QStringLiteral("latencyMs"), 0}, {QStringLiteral("jitterMs"), 0}});
    auto resumed = env.runs().resume(env.scope(), started->runId);
    QVERIFY2(resumed, qPrintable(resumed ? QString() : resumed.error().toString()));
    auto resumedEnd = env.waitForEnd(resumed->runId);
    QVERIFY(resumedEnd);
    QVERIFY(resumedEnd->status == RunStatus::Succeeded || resumedEnd->status == RunStatus::PartiallySucceeded);
    QCOMPARE(planOf(env, resumed->runId).size(), total);
    QCOMPARE(int(env.items(resumed->runId).size()), total - reported);   // the run reports only what was left
    QCOMPARE(env.graph().writes(), 0);

    // Throttled (a budget of 15 requests per 2 s): the preview waits and retries, ends with a
    // whole plan, and writes nothing.
    env.graph().config({{QStringLiteral("latencyMs"), 0}, {QStringLiteral("appRequests"), 15}, {QStringLiteral("windowMs"), 2000}});
    selection.assignments = false;
    auto throttled = preview(env, selection);
    QVERIFY(throttled);
    QVERIFY2(throttled->status == RunStatus::Succeeded || throttled->status == RunStatus::PartiallySucceeded,
             qPrintable(runStatusName(throttled->status) + QLatin1Char(' ') + throttled->errorSummary));
    QVERIFY(env.graph().stats().value(QStringLiteral("throttled")).toInt() > 0);
    QCOMPARE(planOf(env, throttled->id).size(), env.snapshots().snapshotItems(env.scope(), snapshot)->size());
    QCOMPARE(env.graph().writes(), 0);
}

void TestRestorePreview::fiftyIdenticalStartsShareOneRun()
{
    CaptureTestEnv env(demoTenant());
    QString error;
    QVERIFY2(startEnv(env, &error), qPrintable(error));
    auto first = env.backup();
    QVERIFY(first);
    env.graph().config({{QStringLiteral("latencyMs"), 300}});   // the run outlives every start
    PreviewSelection selection;
    selection.snapshotId = snapshotIdOf(env, *first);
    auto request = previewRequest(selection, QStringLiteral("test"));
    QVERIFY(request);
    constexpr int Starts = 50;
    std::latch ready(Starts);
    std::vector<Result<RunRef>> refs(Starts, fail(ErrorCode::Internal, QStringLiteral("not started")));
    std::vector<std::unique_ptr<QThread>> threads;
    const TenantScope scope = env.scope();
    for (int i = 0; i < Starts; ++i) {
        threads.emplace_back(QThread::create([&, i] {
            ready.arrive_and_wait();
            refs[static_cast<size_t>(i)] = env.runs().start(scope, *request);
        }));
        threads.back()->start();
    }
    QVERIFY(QTest::qWaitFor([&] {
        return std::all_of(threads.begin(), threads.end(), [](const auto& t) { return t->isFinished(); });
    }, 60000));
    QSet<qint64> ids;
    int created = 0;
    for (const Result<RunRef>& ref : refs) {
        QVERIFY2(ref, qPrintable(ref ? QString() : ref.error().toString()));
        ids.insert(ref->runId);
        created += ref->reused ? 0 : 1;
    }
    QCOMPARE(ids.size(), 1);
    QCOMPARE(created, 1);
    auto ended = env.waitForEnd(*ids.begin());
    QVERIFY(ended);
    QCOMPARE(runStatusName(ended->status), QStringLiteral("succeeded"));
    QCOMPARE(env.graph().writes(), 0);
}

void TestRestorePreview::anotherTenantsSnapshotAndPlanAreAccessDenied()
{
    CaptureTestEnv env(demoTenant({QStringLiteral("demo"), QStringLiteral("demo")}));
    QString error;
    QVERIFY2(startEnv(env, &error), qPrintable(error));
    const qint64 otherId = env.addSimTenant(QStringLiteral("Other"), 1);
    QVERIFY(otherId > 0);
    const auto other = test::enterTenant(env.database(), otherId);
    QVERIFY(other);
    auto first = env.backup();
    QVERIFY(first);
    PreviewSelection selection;
    selection.snapshotId = snapshotIdOf(env, *first);
    auto plan = preview(env, selection);
    QVERIFY(plan);
    QCOMPARE(runStatusName(plan->status), QStringLiteral("succeeded"));

    // Tenant Other previews tenant Simulated's snapshot: the run fails, access denied.
    auto request = previewRequest(selection, QStringLiteral("test"));
    auto started = env.runs().start(*other, *request);
    QVERIFY(started);
    std::optional<RunRecord> denied;
    QVERIFY(QTest::qWaitFor([&] {
        auto r = env.runs().run(*other, started->runId);
        if (r && !isActive(r->status))
            denied = *r;
        return denied.has_value();
    }, 60000));
    QCOMPARE(runStatusName(denied->status), QStringLiteral("failed"));
    QVERIFY2(denied->errorSummary.contains(QStringLiteral("another tenant"), Qt::CaseInsensitive)
                 || denied->errorSummary.contains(QStringLiteral("access"), Qt::CaseInsensitive),
             qPrintable(denied->errorSummary));
    auto none = RestorePlanRepository(env.database()->connection()).plan(*other, started->runId);
    QVERIFY(!none);
    QCOMPARE(none.error().code, ErrorCode::NotFound);   // a failed preview stores no plan

    // And Simulated's plan, read in Other's scope.
    RestorePlanRepository plans(env.database()->connection());
    QCOMPARE(plans.plan(*other, plan->id).error().code, ErrorCode::AccessDenied);
    QCOMPARE(plans.items(*other, plan->id).error().code, ErrorCode::AccessDenied);
    QCOMPARE(env.graph().writes(), 0);
}

QTEST_GUILESS_MAIN(TestRestorePreview)
#include "tst_restore_preview.moc"
