// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

#include "core/common/Result.h"
#include "core/runs/RunTypes.h"

#include <QList>
#include <QString>
#include <QStringList>

/// The run requests of the restore kinds: the one place that says what their target and
/// parameters are, so the CLI, the GUI and the jobs agree (and equal requests dedupe).
namespace pv::restore {

/// Kind of a restore preview: reads the tenant live (read-only client only) and stores a plan.
inline constexpr char PreviewKind[] = "restore_preview";
/// Kind of a live restore: executes one stored plan (writes to the tenant).
inline constexpr char RestoreKind[] = "restore";

/// What a preview plans from.
struct PreviewSelection
{
    qint64 snapshotId = 0;          ///< the snapshot restored from (> 0 unless policyVersionId is set)
    QList<qint64> policyIds;        ///< PolicyVault ids chosen from the snapshot; empty = every object in it
    qint64 policyVersionId = 0;     ///< "restore this version": one policy version instead of a snapshot
    bool assignments = false;       ///< also restore assignments (through /assign)
    /// Names the secret values the user supplied (SuppliedSecrets, in the SecretStore); empty when
    /// none. Not a secret itself: a random id, so a re-plan with new values is a new plan.
    QString secretsKey;
};

/// The request of a preview. Target: `snapshot:<id>` or `version:<id>`, then `;sel:` and the
/// first 16 hex digits of the SHA-256 of the canonical selection (sorted policy ids,
/// assignments, secretsKey); parameters {"snapshotId", "policyVersionId", "policyIds": [sorted],
/// "assignments", "secretsKey"}. InvalidArgument when neither a snapshot nor a version is named.
Result<RunRequest> previewRequest(const PreviewSelection& selection, const QString& initiator);
/// What a preview run's parameters ask for (as previewRequest wrote them).
Result<PreviewSelection> previewSelection(const QJsonObject& parameters);

/// The request of the live restore of the plan stored by preview run `planRunId`. Target:
/// `plan:<planRunId>`; parameters {"planRunId"}. At most one execution per plan: the
/// dedupe target stops a concurrent second start, the plan's executed_by_run_id a later one.
Result<RunRequest> restoreRequest(qint64 planRunId, const QString& initiator);
/// The plan run id of a live restore run's parameters.
Result<qint64> restorePlanRunId(const QJsonObject& parameters);

} // namespace pv::restore
