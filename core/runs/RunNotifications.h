// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

#include "core/common/Result.h"
#include "core/common/TenantScope.h"
#include "core/runs/RunItemRepository.h"
#include "core/runs/RunTypes.h"

#include <QSqlDatabase>
#include <QString>

#include <optional>

namespace pv::RunNotifications {

inline constexpr char KindFinished[] = "run_finished";
inline constexpr char KindInterrupted[] = "run_interrupted";

/// "Backup — Contoso": the run's kind and tenant.
QString title(const QString& kindDisplayName, const QString& tenantName);
/// "3 new, 6 changed, 154 unchanged, 1 failed": every outcome in words a user reads (zero
/// counts left out; empty when no item ran).
QString countsText(const OutcomeCounts& counts);
/// What a notification (stored and on the tray) says about a run that ended: the counts,
/// led by how it ended when that is not plain success — "Failed: no licence; 2 succeeded".
QString body(RunStatus status, const OutcomeCounts& counts, const QString& errorSummary);

/// Writes the notification of a run that has just ended (inside the caller's transaction).
Result<qint64> writeEnd(QSqlDatabase db, const TenantScope& scope, qint64 runId, const QString& kindDisplayName,
                        RunStatus status, const QString& errorSummary);

/// Marks an active run interrupted (its finished items stay) and writes its notification,
/// inside the caller's transaction. Returns the notification id, or nothing when the run
/// had already ended.
Result<std::optional<qint64>> interrupt(QSqlDatabase db, const TenantScope& scope, qint64 runId,
                                        const QString& kindDisplayName);

} // namespace pv::RunNotifications
