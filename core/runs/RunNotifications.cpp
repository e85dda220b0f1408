// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "core/runs/RunNotifications.h"

#include "core/runs/NotificationRepository.h"
#include "core/runs/RunRepository.h"
#include "core/store/DbError.h"

#include <QCoreApplication>
#include <QSqlQuery>
#include <QStringList>
#include <QVariant>

#include <iterator>
#include <utility>

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
    return tr("%1 — %2").arg(kindDisplayName, tenantName);
}

QString countsText(const OutcomeCounts& counts)
{
    // A backup's "163 succeeded" says less than "6 changed, 157 unchanged": each outcome is
    // named, in the order a reader scans them (what changed first, problems last).
    static const std::pair<ItemOutcome, const char*> Words[] = {
        {ItemOutcome::Succeeded, QT_TRANSLATE_NOOP("pv::RunNotifications", "%1 succeeded")},
        {ItemOutcome::Created, QT_TRANSLATE_NOOP("pv::RunNotifications", "%1 new")},
        {ItemOutcome::Updated, QT_TRANSLATE_NOOP("pv::RunNotifications", "%1 changed")},
        {ItemOutcome::Deleted, QT_TRANSLATE_NOOP("pv::RunNotifications", "%1 deleted")},
        {ItemOutcome::Unchanged, QT_TRANSLATE_NOOP("pv::RunNotifications", "%1 unchanged")},
        {ItemOutcome::WouldCreate, QT_TRANSLATE_NOOP("pv::RunNotifications", "%1 would be created")},
        {ItemOutcome::WouldUpdate, QT_TRANSLATE_NOOP("pv::RunNotifications", "%1 would change")},
        {ItemOutcome::WouldDelete, QT_TRANSLATE_NOOP("pv::RunNotifications", "%1 would be deleted")},
        {ItemOutcome::Conflict, QT_TRANSLATE_NOOP("pv::RunNotifications", "%1 in conflict")},
        {ItemOutcome::CannotRestore, QT_TRANSLATE_NOOP("pv::RunNotifications", "%1 cannot be restored")},
        {ItemOutcome::Uncertain, QT_TRANSLATE_NOOP("pv::RunNotifications", "%1 uncertain")},
        {ItemOutcome::Failed, QT_TRANSLATE_NOOP("pv::RunNotifications", "%1 failed")},
        {ItemOutcome::Skipped, QT_TRANSLATE_NOOP("pv::RunNotifications", "%1 skipped")},
    };
    static_assert(std::size(Words) == ItemOutcomeCount, "every outcome has its words");
    QStringList parts;
    for (const auto& [outcome, words] : Words) {
        if (counts.of(outcome) > 0)
            parts << QCoreApplication::translate("pv::RunNotifications", words).arg(counts.of(outcome));
    }
    return parts.join(tr(", "));
}

QString body(RunStatus status, const OutcomeCounts& counts, const QString& errorSummary)
{
    const QString items = countsText(counts);
    // "Failed: x." followed by "; 2 succeeded" reads badly; the summary's own full stop goes.
    QString summary = errorSummary.trimmed();
    if (summary.endsWith(QLatin1Char('.')))
        summary.chop(1);
    QString lead;
    switch (status) {
    case RunStatus::Succeeded:
    case RunStatus::PartiallySucceeded:
    case RunStatus::Queued:
    case RunStatus::Running:
        return items.isEmpty() ? tr("No items") : items;
    case RunStatus::Failed:
        lead = summary.isEmpty() ? tr("Failed") : tr("Failed: %1").arg(summary);
        break;
    case RunStatus::Cancelled:
        lead = tr("Cancelled");
        break;
    case RunStatus::Interrupted:
        lead = tr("Interrupted — the program running it stopped");
        break;
    }
    return items.isEmpty() ? lead : tr("%1; %2").arg(lead, items);
}

Result<qint64> writeEnd(QSqlDatabase db, const TenantScope& scope, qint64 runId, const QString& kindDisplayName,
                        RunStatus status, const QString& errorSummary)
{
    auto name = tenantName(db, scope);
    if (!name)
        return name.failure();
    auto run = RunRepository(db).get(scope, runId);
    if (!run)
        return run.failure();
    const QString kind = QLatin1String(status == RunStatus::Interrupted ? KindInterrupted : KindFinished);
    return NotificationRepository(db).insert(scope, runId, kind, title(kindDisplayName, *name),
                                             body(status, run->counts, errorSummary));
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
