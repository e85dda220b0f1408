// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "tests/ui/FakeRestoreJobs.h"

#include "core/restore/RestorePlanRepository.h"
#include "core/restore/RestoreRequests.h"
#include "core/runs/AccessGate.h"
#include "core/runs/RunService.h"
#include "core/store/AuditLog.h"
#include "core/store/Database.h"

#include <QJsonDocument>
#include <QMutexLocker>
#include <QThread>

namespace pv::test {

namespace {

QString details(qint64 runId, QJsonObject more = {})
{
    Q_UNUSED(runId)   // the target names the run, as the real job writes it
    return QString::fromUtf8(QJsonDocument(more).toJson(QJsonDocument::Compact));
}

std::optional<TenantScope> scopeOf(const std::shared_ptr<Database>& database, qint64 tenantId)
{
    auto scope = AccessGate(database).enter(tenantId);
    return scope ? std::optional<TenantScope>(scope.value()) : std::nullopt;
}

class FakePreviewJob final : public Job
{
public:
    explicit FakePreviewJob(std::shared_ptr<FakeRestoreWorld> world) : m_world(std::move(world)) {}

    Result<QList<JobItem>> plan(const JobContext& context) override
    {
        {
            const QMutexLocker lock(&m_world->mutex);
            m_world->previewParameters.append(context.parameters);
        }
        if (!m_world->failPreviewWith.isEmpty())
            return fail(ErrorCode::Network, m_world->failPreviewWith);
        m_items = m_world->planFor(context.parameters);
        QList<JobItem> items;
        for (int i = 0; i < m_items.size(); ++i) {
            m_items[i].ordinal = i;
            items.append(JobItem{m_items.at(i).itemKey, m_items.at(i).name});
        }
        return items;
    }

    ItemResult execute(const JobContext& context, const JobItem& item) override
    {
        while (m_world->allowedItems >= 0 && m_world->finishedItems >= m_world->allowedItems) {
            if (context.isCancelled())
                return ItemResult{ItemOutcome::Failed, QStringLiteral("cancelled before the item finished"), {}};
            QThread::msleep(2);
        }
        ++m_world->finishedItems;
        for (const restore::PlanItem& planned : std::as_const(m_items)) {
            if (planned.itemKey == item.key)
                return ItemResult{restore::previewOutcome(planned.action), planned.reason, {}};
        }
        return ItemResult{ItemOutcome::Failed, QStringLiteral("not planned"), {}};
    }

    Status finish(const JobContext& context, const RunEnd& end, QSqlDatabase& db) override
    {
        if (end.status != RunStatus::Succeeded && end.status != RunStatus::PartiallySucceeded)
            return {};
        const auto scope = scopeOf(m_world->database, context.tenantId);
        if (!scope)
            return fail(ErrorCode::AccessDenied, QStringLiteral("no scope"));
        restore::RestorePlan plan;
        plan.runId = context.runId;
        plan.tenantId = context.tenantId;
        plan.snapshotId = context.parameters.value(QStringLiteral("snapshotId")).toInteger();
        plan.options = context.parameters;
        return restore::RestorePlanRepository(db).save(*scope, plan, m_items);
    }

private:
    std::shared_ptr<FakeRestoreWorld> m_world;
    QList<restore::PlanItem> m_items;
};

class FakeRestoreJob final : public Job
{
public:
    explicit FakeRestoreJob(std::shared_ptr<FakeRestoreWorld> world) : m_world(std::move(world)) {}

    Result<QList<JobItem>> plan(const JobContext& context) override
    {
        auto planRunId = restore::restorePlanRunId(context.parameters);
        if (!planRunId)
            return planRunId.failure();
        const auto scope = scopeOf(m_world->database, context.tenantId);
        if (!scope)
            return fail(ErrorCode::AccessDenied, QStringLiteral("no scope"));
        auto items = restore::RestorePlanRepository(m_world->database->connection()).items(*scope, *planRunId);
        if (!items)
            return items.failure();
        QList<JobItem> jobItems;
        for (const restore::PlanItem& item : items.value()) {
            if (restore::writes(item.action)) {
                m_items.append(item);
                jobItems.append(JobItem{item.itemKey, item.name});
            }
        }
        const Status audited = AuditLog(m_world->database)
                                   .append(context.tenantId, QStringLiteral("tester"), QStringLiteral("restore.start"),
                                           QStringLiteral("run %1 plan %2").arg(context.runId).arg(*planRunId),
                                           details(context.runId, {{QStringLiteral("items"), int(jobItems.size())}}));
        if (!audited)
            return audited.failure();
        return jobItems;
    }

    ItemResult execute(const JobContext& context, const JobItem& item) override
    {
        for (const restore::PlanItem& planned : std::as_const(m_items)) {
            if (planned.itemKey != item.key)
                continue;
            const bool create = planned.action == restore::PlanAction::WouldCreate;
            const AuditLog log(m_world->database);
            const QString target = QStringLiteral("run %1 item %2").arg(context.runId).arg(planned.itemKey);
            const QString method = create ? QStringLiteral("POST") : QStringLiteral("PUT");
            (void)log.append(context.tenantId, QStringLiteral("tester"), QStringLiteral("restore.write.intent"), target,
                             details(context.runId, {{QStringLiteral("operation"), method}}));
            (void)log.append(context.tenantId, QStringLiteral("tester"), QStringLiteral("restore.write.outcome"), target,
                             details(context.runId, {{QStringLiteral("operation"), method},
                                                     {QStringLiteral("status"), create ? 201 : 200},
                                                     {QStringLiteral("requestId"), QString(QStringLiteral("req-") + planned.graphId)}}));
            return ItemResult{create ? ItemOutcome::Created : ItemOutcome::Updated, {}, QString(QStringLiteral("req-") + planned.graphId)};
        }
        return ItemResult{ItemOutcome::Failed, QStringLiteral("not in the plan"), {}};
    }

    Status finish(const JobContext& context, const RunEnd& end, QSqlDatabase& db) override
    {
        return AuditLog::appendIn(db, context.tenantId, QStringLiteral("tester"), QStringLiteral("restore.end"),
                                  QStringLiteral("run %1 plan").arg(context.runId),
                                  details(context.runId, {{QStringLiteral("status"), runStatusName(end.status)}}));
    }

private:
    std::shared_ptr<FakeRestoreWorld> m_world;
    QList<restore::PlanItem> m_items;
};

} // namespace

void registerFakeRestoreKinds(RunService& runs, std::shared_ptr<FakeRestoreWorld> world)
{
    runs.registerKind(JobKind{QLatin1String(restore::PreviewKind), QStringLiteral("Restore preview"), false,
                              [world] { return std::make_unique<FakePreviewJob>(world); }});
    runs.registerKind(JobKind{QLatin1String(restore::RestoreKind), QStringLiteral("Restore"), true,
                              [world] { return std::make_unique<FakeRestoreJob>(world); }});
}

restore::PlanItem planItem(const QString& typeKey, qint64 policyId, const QString& name, restore::PlanAction action,
                           const QString& reason, const QJsonObject& diff)
{
    restore::PlanItem item;
    item.itemKey = restore::planItemKey(typeKey, policyId);
    item.tier = restore::tierOf(typeKey);
    item.typeKey = typeKey;
    item.policyId = policyId;
    item.graphId = QStringLiteral("g-%1").arg(policyId);
    item.liveGraphId = action == restore::PlanAction::WouldCreate ? QString() : item.graphId;
    item.name = name;
    item.action = action;
    item.reason = reason;
    item.diff = diff;
    item.liveFingerprint = QStringLiteral("fp-%1").arg(policyId);
    return item;
}

} // namespace pv::test
