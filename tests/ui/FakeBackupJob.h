// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

#include "core/common/TenantScope.h"
#include "core/runs/Job.h"

#include <QJsonObject>
#include <QList>
#include <QMutex>
#include <QString>

#include <atomic>
#include <memory>
#include <optional>

namespace pv {
class Database;
class RunService;
}

namespace pv::test {

/// A tenant as a screen test wants the backup to see it. Until the real capture kinds land in
/// this branch, the GUI tests register kind "backup" with FakeBackupJob, which writes what the
/// real one writes (policy versions, a snapshot of the run, item outcomes created / updated /
/// unchanged / failed) from this list instead of Graph.
struct FakeTenant
{
    struct Policy
    {
        QString typeKey;
        QString graphId;
        QString displayName;
        int revision = 1;           ///< a different revision is different content
        QString failWith;           ///< non-empty: the item fails with this message
    };

    std::shared_ptr<Database> database;
    std::optional<TenantScope> scope;
    QList<Policy> policies;
    /// How many items may finish; execute() waits for more (the test opens the gate step by
    /// step to watch outcomes arrive live). Negative: no limit.
    std::atomic_int allowedItems{-1};
    std::atomic_int finishedItems{0};
    std::atomic_int plans{0};       ///< how many runs planned (one per started run)
    QMutex mutex;                   ///< guards `policies`
};

class FakeBackupJob final : public Job
{
public:
    explicit FakeBackupJob(std::shared_ptr<FakeTenant> tenant);
    Result<QList<JobItem>> plan(const JobContext& context) override;
    ItemResult execute(const JobContext& context, const JobItem& item) override;
    Status finish(const JobContext& context, const RunEnd& end, QSqlDatabase& db) override;

private:
    std::shared_ptr<FakeTenant> m_tenant;
    qint64 m_snapshotId = 0;
    QStringList m_incompleteTypes;
};

/// Registers kind "backup" (display name "Backup") with FakeBackupJob over `tenant`.
void registerFakeBackupKind(RunService& runs, std::shared_ptr<FakeTenant> tenant);

} // namespace pv::test
