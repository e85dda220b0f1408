// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

#include "core/runs/RunTypes.h"

#include <QDateTime>
#include <QJsonObject>
#include <QString>

#include <optional>

/// A restore preview's stored plan (restore_plans, restore_plan_items; schema 6): what the
/// preview decided per item, the readable diffs, and the live fingerprint each decision was
/// computed from. The live restore executes exactly this.
namespace pv::restore {

/// What the preview decided for one item. The names are the item outcomes of the preview run.
enum class PlanAction { WouldCreate, WouldUpdate, Unchanged, Conflict, CannotRestore };

QString planActionName(PlanAction action);      ///< "would_create", …, "cannot_restore"
std::optional<PlanAction> planActionFromName(const QString& name);
/// The preview run's item outcome for `action`.
ItemOutcome previewOutcome(PlanAction action);
/// True for the actions a live restore writes for (would_create, would_update).
bool writes(PlanAction action);

/// Restore order: what others refer to goes first (scope tags, then assignment filters, then
/// policies); within a tier by PolicyVault id.
enum class Tier { ScopeTags = 1, AssignmentFilters = 2, Policies = 3 };
/// The tier of a captured type key (scopeTags, assignmentFilters; every configurationPolicies
/// key is a policy).
Tier tierOf(const QString& typeKey);

/// An item's key in both the preview and the live restore run: `<typeKey>:<PolicyVault id>`.
QString planItemKey(const QString& typeKey, qint64 policyId);

/// One item of a plan.
struct PlanItem
{
    int ordinal = 0;                ///< the preview run's item ordinal (tier order)
    QString itemKey;                ///< planItemKey()
    Tier tier = Tier::Policies;
    QString typeKey;
    qint64 policyId = 0;            ///< PolicyVault id (policies.id)
    qint64 policyVersionId = 0;     ///< the captured content to restore
    QString graphId;                ///< the object's Graph id in the snapshot
    QString liveGraphId;            ///< the live object it was matched to; empty for would_create
    QString name;                   ///< the snapshot's display name
    PlanAction action = PlanAction::Unchanged;
    QString reason;                 ///< why (conflict, cannot_restore), or a short summary; redacted
    /// Readable differences, from the normalizer's rows joined on rowKey:
    /// {"settings": [{"rowKey", "setting", "old", "new"}], "metadata": [{"field", "old", "new"}],
    ///  "assignments": {"summary", "added": [...], "removed": [...]}, "secretsNeeded": [definitionId]}.
    /// Never secret values.
    QJsonObject diff;
    /// liveFingerprint() of the live object the decision was computed from; empty when none.
    QString liveFingerprint;
    /// What RestorePlanRepository::save stores for `diff`: storedDiffText(diff) (compact, through
    /// the Redactor). Empty: save() computes it. The preview fills it as each item is decided,
    /// while its reads wait for the budget, so the run-end transaction does not redact 500 diffs.
    QString storedDiff;
};

/// A stored plan's header.
struct RestorePlan
{
    qint64 runId = 0;               ///< the restore_preview run that stored it
    qint64 tenantId = 0;
    qint64 snapshotId = 0;          ///< 0 for a plan of one policy version
    QJsonObject options;            ///< the preview's selection (previewRequest's parameters)
    QDateTime createdAt;
    qint64 executedByRunId = 0;     ///< the first run of the live restore chain that executes it, or 0
};

} // namespace pv::restore
