// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "RestoreTestEnv.h"

#include "core/capture/ObjectReader.h"
#include "core/common/CanonicalJson.h"
#include "core/graph/ReadOnlyGraphClient.h"
#include "core/restore/LiveFingerprint.h"
#include "core/restore/LiveRead.h"
#include "core/restore/RestoreKinds.h"
#include "core/restore/RestorePlanRepository.h"
#include "core/restore/RestoreRequests.h"
#include "core/restore/WriteBody.h"
#include "core/runs/RunRepository.h"
#include "core/store/Database.h"

#include <QJsonDocument>

#include <algorithm>

using namespace pv;
using namespace pv::restore;

RestoreTestEnv::RestoreTestEnv(graphsim::SimOptions options, RestoreHooks hooks)
    : m_env(std::move(options)), m_hooks(std::move(hooks))
{
}

bool RestoreTestEnv::start(QString* error)
{
    if (!m_env.start(error))
        return false;
    for (JobKind& kind : restore::kinds(JobServices{}, m_hooks))
        m_env.runs().registerKind(std::move(kind));
    return true;
}

qint64 RestoreTestEnv::snapshotOf(qint64 backupRunId)
{
    auto snapshot = m_env.snapshots().snapshotOfRun(m_env.scope(), backupRunId);
    return snapshot ? snapshot->id : 0;
}

std::optional<QJsonObject> RestoreTestEnv::readLive(const QString& typeKey, const QString& graphId)
{
    auto client = m_env.graph().client();
    auto result = await<Result<QJsonObject>>([&](auto done) { restore::readLive(*client, typeKey, graphId, done); });
    if (!result || !*result)
        return std::nullopt;
    return **result;
}

HttpResult RestoreTestEnv::graph(const QByteArray& method, const QString& path, const QJsonObject& body)
{
    GraphsimTestClient& sim = m_env.graph().sim();
    return sim.graph(method, path, sim.token(), body.isEmpty() ? QByteArray() : QJsonDocument(body).toJson(QJsonDocument::Compact));
}

QJsonArray RestoreTestEnv::simWrites()
{
    return m_env.graph().sim().sim(QStringLiteral("writes")).value(QStringLiteral("value")).toArray();
}

QList<QJsonObject> RestoreTestEnv::policiesNamed(const QString& name)
{
    QList<QJsonObject> out;
    for (const QJsonObject& p : m_env.policiesIndependently()) {
        if (p.value(QStringLiteral("name")).toString() == name)
            out.append(p);
    }
    return out;
}

qint64 RestoreTestEnv::makePlan(qint64 snapshotId, bool assignments, const QList<qint64>& policyIds,
                                const QString& secretsKey)
{
    // The run that "stored" the plan: a finished restore_preview run of this tenant.
    PreviewSelection selection;
    selection.snapshotId = snapshotId;
    selection.policyIds = policyIds;
    selection.assignments = assignments;
    selection.secretsKey = secretsKey;
    auto request = previewRequest(selection, QStringLiteral("test"));
    if (!request)
        return 0;
    qint64 runId = 0;
    const Status inserted = m_env.database()->writeTransaction([&](QSqlDatabase& db) -> Status {
        RunRepository runs(db);
        RunRepository::NewRun run{request->kind, request->target,
                                  RunRepository::dedupeKey(m_env.tenantId(), request->kind, request->target),
                                  request->parameters, QStringLiteral("test"), 0, {}, false};
        auto id = runs.insertQueued(m_env.scope(), run);
        if (!id)
            return id.failure();
        runId = *id;
        if (auto r = runs.markRunning(m_env.scope(), runId, 0); !r)
            return r.failure();
        auto f = runs.finish(m_env.scope(), runId, RunStatus::Succeeded, {});
        return f ? Status{} : f.failure();
    });
    if (!inserted) {
        qWarning("plan run: %s", qPrintable(inserted.error().toString()));
        return 0;
    }
    auto snapshotItems = m_env.snapshots().snapshotItems(m_env.scope(), snapshotId);
    if (!snapshotItems)
        return 0;
    QHash<QString, QJsonObject> live = m_env.policiesIndependently();
    for (const char* path : {"/deviceManagement/assignmentFilters", "/deviceManagement/roleScopeTags"}) {
        for (const QJsonValue& v : m_env.listIndependently(QLatin1String(path)))
            live.insert(v.toObject().value(QStringLiteral("id")).toString(), v.toObject());
    }
    QList<PlanItem> items;
    for (const auto& [policy, version] : *snapshotItems) {
        if (!policyIds.isEmpty() && !policyIds.contains(policy.id))
            continue;
        auto captured = m_env.snapshots().versionContent(m_env.scope(), version.id);
        if (!captured)
            return 0;
        PlanItem item;
        item.itemKey = planItemKey(policy.typeKey, policy.id);
        item.tier = tierOf(policy.typeKey);
        item.typeKey = policy.typeKey;
        item.policyId = policy.id;
        item.policyVersionId = version.id;
        item.graphId = policy.graphId;
        item.name = policy.displayName;
        if (!live.contains(policy.graphId)) {
            item.action = PlanAction::WouldCreate;
        } else {
            auto object = readLive(policy.typeKey, policy.graphId);
            if (!object)
                return 0;
            item.liveGraphId = policy.graphId;
            item.liveFingerprint = liveFingerprint(policy.typeKey, *object);
            item.action = comparableHash(policy.typeKey, *captured, assignments) == comparableHash(policy.typeKey, *object, assignments)
                ? PlanAction::Unchanged
                : PlanAction::WouldUpdate;
        }
        items.append(item);
    }
    std::sort(items.begin(), items.end(), [](const PlanItem& a, const PlanItem& b) {
        return a.tier != b.tier ? a.tier < b.tier : a.policyId < b.policyId;
    });
    for (int i = 0; i < items.size(); ++i)
        items[i].ordinal = i;
    RestorePlan plan;
    plan.runId = runId;
    plan.tenantId = m_env.tenantId();
    plan.snapshotId = snapshotId;
    plan.options = request->parameters;
    const Status saved = RestorePlanRepository(m_env.database()->connection()).save(m_env.scope(), plan, items);
    if (!saved) {
        qWarning("plan: %s", qPrintable(saved.error().toString()));
        return 0;
    }
    return runId;
}

QList<PlanItem> RestoreTestEnv::planItems(qint64 planRunId)
{
    auto items = RestorePlanRepository(m_env.database()->connection()).items(m_env.scope(), planRunId);
    return items ? *items : QList<PlanItem>{};
}

std::optional<RunRecord> RestoreTestEnv::restore(qint64 planRunId)
{
    auto request = restoreRequest(planRunId, QStringLiteral("test"));
    if (!request)
        return std::nullopt;
    return m_env.runToEnd(*request);
}
