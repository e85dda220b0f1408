// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "app/cli/CliFormat.h"

#include <QStringList>

namespace pv::cli::format {

QString localTime(const QDateTime& time)
{
    return time.isValid() ? time.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")) : QStringLiteral("-");
}

QString isoOrEmpty(const QDateTime& time)
{
    return time.isValid() ? time.toUTC().toString(Qt::ISODateWithMs) : QString();
}

QJsonValue idOrNull(qint64 id)
{
    return id > 0 ? QJsonValue(id) : QJsonValue(QJsonValue::Null);
}

QJsonValue isoOrNull(const QDateTime& time)
{
    return time.isValid() ? QJsonValue(isoOrEmpty(time)) : QJsonValue(QJsonValue::Null);
}

QJsonObject countsJson(const OutcomeCounts& counts)
{
    QJsonObject object;
    for (const ItemOutcome outcome : allItemOutcomes())
        object.insert(itemOutcomeName(outcome), counts.of(outcome));
    return object;
}

QString countsText(const OutcomeCounts& counts)
{
    QStringList parts;
    for (const ItemOutcome outcome : allItemOutcomes()) {
        if (counts.of(outcome) > 0)
            parts.append(QStringLiteral("%1 %2").arg(counts.of(outcome)).arg(itemOutcomeName(outcome)));
    }
    return parts.isEmpty() ? QStringLiteral("no items") : parts.join(QStringLiteral(", "));
}

int exitCodeForStatus(RunStatus status)
{
    switch (status) {
    case RunStatus::Succeeded: return 0;
    case RunStatus::PartiallySucceeded: return 2;
    case RunStatus::Queued:
    case RunStatus::Running:
    case RunStatus::Failed:
    case RunStatus::Cancelled:
    case RunStatus::Interrupted: return 1;
    }
    return 1;
}

} // namespace pv::cli::format
