// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "core/runs/RunNotifications.h"

#include "core/runs/NotificationRepository.h"
#include "core/runs/RunRepository.h"
#include "core/store/DbError.h"

#include <QCoreApplication>
#include <QSqlQuery>
#include <QVariant>

namespace pv::RunNotifications {

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("pv::RunNotifications", text);
}

Result<QString> tenantName(QSqlDatabase db, const TenantScope& scope)
{
    QSqlQuery q(db);
    q.prepare(QStringLiteral("SELECT name FROM tenants WHERE id = ?"));
    q.addBindValue(scope.tenantId());
    if (Status s = db::exec(q, QStringLiteral("read tenant name")); !s)
        return s.failure();
    return q.next() ? q.value(0).toString() : QString();
}

} // namespace

QString title(const QString& kindDisplayName, const QString& tenantName)
{
    return tr("%1 – %2").arg(kindDisplayName, tenantName);
}

QString body(RunStatus status, const RunItemRepository::Counts& counts, const QString& errorSummary)
{
    const QString countsText = tr("%1 succeeded, %2 failed, %3 skipped")
                                   .arg(counts.succeeded)
                                   .arg(counts.failed)
                                   .arg(counts.skipped);
    switch (status) {
    case RunStatus::Succeeded:
    case RunStatus::PartiallySucceeded:
    case RunStatus::Queued:
    case RunStatus::Running:
        return countsText;
    case RunStatus::Failed:
        return errorSummary.isEmpty() ? tr("%1; failed").arg(countsText)
                                      : tr("%1; failed: %2").arg(countsText, errorSummary);
    case RunStatus::Cancelled:
        return tr("%1; cancelled").arg(countsText);
    case RunStatus::Interrupted:
        return tr("%1; interrupted (the process running it stopped)").arg(countsText);
    }
    return countsText;
}

Result<qint64> writeEnd(QSqlDatabase db, const TenantScope& scope, qint64 runId, const QString& kindDisplayName,
                        RunStatus status, const QString& errorSummary)
{
    auto name = tenantName(db, scope);
    if (!name)
        return name.failure();
    auto counts = RunItemRepository(db).counts(scope, runId);
    if (!counts)
        return counts.failure();
    const QString kind = QLatin1String(status == RunStatus::Interrupted ? KindInterrupted : KindFinished);
    return NotificationRepository(db).insert(scope, runId, kind, title(kindDisplayName, *name),
                                             body(status, *counts, errorSummary));
}

Result<std::optional<qint64>> interrupt(QSqlDatabase db, const TenantScope& scope, qint64 runId,
                                        const QString& kindDisplayName)
{
    auto ended = RunRepository(db).finish(scope, runId, RunStatus::Interrupted,
                                          tr("The process that ran it stopped before it finished."));
    if (!ended)
        return ended.failure();
    if (!*ended)
        return std::optional<qint64>();
    auto id = writeEnd(db, scope, runId, kindDisplayName, RunStatus::Interrupted, {});
    if (!id)
        return id.failure();
    return std::optional<qint64>(*id);
}

} // namespace pv::RunNotifications
