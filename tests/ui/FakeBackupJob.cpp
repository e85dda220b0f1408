// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "tests/ui/FakeBackupJob.h"

#include "core/runs/RunService.h"
#include "core/store/SnapshotRepository.h"

#include <QJsonArray>
#include <QMutexLocker>
#include <QThread>

namespace pv::test {

FakeBackupJob::FakeBackupJob(std::shared_ptr<FakeTenant> tenant)
    : m_tenant(std::move(tenant))
{
}

Result<QList<JobItem>> FakeBackupJob::plan(const JobContext& context)
{
    ++m_tenant->plans;
    const QJsonArray types = context.parameters.value(QStringLiteral("types")).toArray();
    QStringList typeKeys;
    for (const QJsonValue& type : types)
        typeKeys.append(type.toString());
    auto snapshot = SnapshotRepository(m_tenant->database).beginSnapshot(*m_tenant->scope, context.runId, typeKeys);
    if (!snapshot)
        return snapshot.failure();
    m_snapshotId = *snapshot;
    QList<JobItem> items;
    const QMutexLocker lock(&m_tenant->mutex);
    for (const FakeTenant::Policy& policy : std::as_const(m_tenant->policies))
        items.append(JobItem{policy.typeKey + QLatin1Char('/') + policy.graphId, policy.displayName});
    return items;
}

ItemResult FakeBackupJob::execute(const JobContext& context, const JobItem& item)
{
    // Wait for the test to let this item finish.
    while (m_tenant->allowedItems >= 0 && m_tenant->finishedItems >= m_tenant->allowedItems) {
        if (context.isCancelled())
            return ItemResult{ItemOutcome::Failed, QStringLiteral("cancelled before the item finished"), {}};
        QThread::msleep(2);
    }
    FakeTenant::Policy policy;
    {
        const QMutexLocker lock(&m_tenant->mutex);
        for (const FakeTenant::Policy& candidate : std::as_const(m_tenant->policies)) {
            if (candidate.typeKey + QLatin1Char('/') + candidate.graphId == item.key)
                policy = candidate;
        }
    }
    ++m_tenant->finishedItems;
    if (!policy.failWith.isEmpty()) {
        if (!m_incompleteTypes.contains(policy.typeKey))
            m_incompleteTypes.append(policy.typeKey);
        return ItemResult{ItemOutcome::Failed, policy.failWith, QStringLiteral("req-%1").arg(policy.graphId)};
    }
    const QJsonObject object{{QStringLiteral("id"), policy.graphId},
                             {QStringLiteral("name"), policy.displayName},
                             {QStringLiteral("description"), QStringLiteral("revision %1").arg(policy.revision)}};
    const SnapshotRepository repository(m_tenant->database);
    auto recorded = repository.recordPolicyVersion(*m_tenant->scope, policy.typeKey, policy.graphId,
                                                   policy.displayName, QStringLiteral("windows10"), object, context.runId);
    if (!recorded)
        return ItemResult{ItemOutcome::Failed, recorded.error().message, {}};
    if (Status added = repository.addToSnapshot(*m_tenant->scope, m_snapshotId, recorded->versionId); !added)
        return ItemResult{ItemOutcome::Failed, added.error().message, {}};
    switch (recorded->outcome) {
    case VersionOutcome::Created: return ItemResult{ItemOutcome::Created, {}, {}};
    case VersionOutcome::Updated: return ItemResult{ItemOutcome::Updated, {}, {}};
    case VersionOutcome::Unchanged: return ItemResult{ItemOutcome::Unchanged, {}, {}};
    }
    return {};
}

Status FakeBackupJob::finish(const JobContext& context, const RunEnd& end, QSqlDatabase& db)
{
    Q_UNUSED(context) Q_UNUSED(db)
    // Inside the run's end transaction: the repository's write nests as a savepoint.
    const bool complete = end.failed == 0 && end.status == RunStatus::Succeeded;
    return SnapshotRepository(m_tenant->database).finishSnapshot(*m_tenant->scope, m_snapshotId, complete,
                                                                 m_incompleteTypes);
}

void registerFakeBackupKind(RunService& runs, std::shared_ptr<FakeTenant> tenant)
{
    runs.registerKind(JobKind{QStringLiteral("backup"), QStringLiteral("Backup"), false,
                              [tenant] { return std::make_unique<FakeBackupJob>(tenant); }});
}

} // namespace pv::test
