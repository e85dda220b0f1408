// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

#include "core/common/Result.h"
#include "core/runs/RunTypes.h"

#include <QString>
#include <QStringList>

/// The run requests of the capture kinds: the one place that says what their target and
/// parameters are, so the CLI, the GUI and the jobs agree (and equal requests dedupe).
namespace pv::capture {

/// Kind of a tenant backup. Target: the sorted captured type keys joined with ",";
/// parameters {"types": [sorted keys], "full": bool}.
inline constexpr char BackupKind[] = "backup";
/// Kind of "capture snapshot" of one policy. Target: the policy's PolicyVault id (decimal);
/// parameters {}. Records a new version of that policy when it changed; no tenant snapshot.
inline constexpr char CapturePolicyKind[] = "policy.capture_snapshot";

/// The type keys a backup captures when none are named (CaptureTypes::captured()).
QStringList allTypeKeys();

/// `types` checked against the captured type keys (case-sensitive, duplicates dropped) and
/// sorted; empty means all. InvalidArgument naming the unknown keys and the valid ones.
Result<QStringList> normalizeTypes(const QStringList& types);

/// A `--types` value: keys separated by commas (spaces around them ignored).
Result<QStringList> parseTypeList(const QString& commaSeparated);

/// The request of a backup of `types` (empty: all); `full` re-reads every policy's settings
/// instead of skipping those whose lastModifiedDateTime did not change.
Result<RunRequest> backupRequest(const QStringList& types, bool full, const QString& initiator);

/// The request of "capture snapshot" of the policy with PolicyVault id `policyId` (> 0).
Result<RunRequest> capturePolicyRequest(qint64 policyId, const QString& initiator);

/// What a backup run's parameters ask for (as backupRequest wrote them).
struct BackupParameters
{
    QStringList types;
    bool full = false;
};
Result<BackupParameters> backupParameters(const QJsonObject& parameters);

} // namespace pv::capture
