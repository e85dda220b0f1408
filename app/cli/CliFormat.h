// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

#include "core/runs/RunTypes.h"

#include <QDateTime>
#include <QJsonObject>
#include <QString>

/// Formatting shared by the command handlers: JSON values and human text.
namespace pv {
struct PolicySummary;
}

namespace pv::cli::format {

/// "2026-01-02 03:04:05" in local time, or "-".
QString localTime(const QDateTime& time);
/// ISO 8601 UTC with milliseconds, or an empty string.
QString isoOrEmpty(const QDateTime& time);
/// A database id, or JSON null for none (0).
QJsonValue idOrNull(qint64 id);
/// ISO 8601 UTC with milliseconds, or JSON null.
QJsonValue isoOrNull(const QDateTime& time);
/// Every outcome name with its count, zeros included: scripts read a fixed set of keys.
QJsonObject countsJson(const OutcomeCounts& counts);
/// "3 created, 1 failed" — the outcomes that happened, for people; "no items" when none.
QString countsText(const OutcomeCounts& counts);
/// The exit code a finished run maps to: 0 succeeded, 2 partially succeeded, 1 otherwise.
int exitCodeForStatus(RunStatus status);
/// A policy as `policies list --json` prints it (id, graphId, name, type, platform,
/// lastModified, versions, deleted); defined with the policy commands.
QJsonObject policySummaryJson(const PolicySummary& summary);

} // namespace pv::cli::format
