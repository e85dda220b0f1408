// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

#include "core/common/TenantScope.h"
#include "core/restore/RestorePlan.h"
#include "core/runs/Job.h"

#include <QJsonObject>
#include <QList>
#include <QMutex>

#include <atomic>
#include <functional>
#include <memory>

namespace pv {
class Database;
class RunService;
}

namespace pv::test {

/// What the screen tests' restore kinds do. The real `restore_preview` and `restore` jobs are
/// written on other branches; until they land here, the tests register these under the real
/// kind names, so the flow starts real runs through the RunService and follows them:
///  - "restore_preview" plans `planFor(parameters)` (one run item per plan item, outcome =
///    previewOutcome(action)) and stores the plan with RestorePlanRepository::save in its
///    finish hook, in the run's end transaction, as the real one does;
///  - "restore" (writes to the tenant) reads the stored plan, "writes" each would_create /
///    would_update item (outcome created / updated) and appends the audit rows a live restore
///    appends: restore.start, restore.write.intent + restore.write.outcome per item, and
///    restore.end — `details` is a JSON object naming the run ({"runId": …}).
struct FakeRestoreWorld
{
    std::shared_ptr<Database> database;
    /// The plan a preview with these parameters stores.
    std::function<QList<restore::PlanItem>(const QJsonObject& parameters)> planFor;
    /// Non-empty: the preview's plan() fails with this message.
    QString failPreviewWith;
    /// How many preview items may finish; execute() waits for more (cancel ends the wait).
    /// Negative: no limit.
    std::atomic_int allowedItems{-1};
    std::atomic_int finishedItems{0};
    QMutex mutex;
    QList<QJsonObject> previewParameters;   ///< every preview's parameters, in start order
};

/// Registers "restore_preview" and "restore" over `world`.
void registerFakeRestoreKinds(RunService& runs, std::shared_ptr<FakeRestoreWorld> world);

/// A plan item with the fields the GUI shows.
restore::PlanItem planItem(const QString& typeKey, qint64 policyId, const QString& name, restore::PlanAction action,
                           const QString& reason = {}, const QJsonObject& diff = {});

} // namespace pv::test
