// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
// The command handlers of policyvault-cli: runs list|show|cancel (tenant commands: CliTenantCommands.cpp).
#include "app/cli/CliApp.h"
#include "app/cli/CliFormat.h"

#include "core/restore/RestoreRequests.h"
#include "core/runs/AccessGate.h"
#include "core/runs/RunService.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QUrl>

namespace pv::cli {
namespace {


QString formatTime(const QDateTime& time)
{
    return time.isValid() ? time.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")) : QStringLiteral("-");
}

QString isoOrNull(const QDateTime& time)
{
    return time.isValid() ? time.toUTC().toString(Qt::ISODateWithMs) : QString();
}

QJsonObject runJson(const RunRecord& run)
{
    return {{QStringLiteral("id"), run.id},
            {QStringLiteral("kind"), run.kind},
            {QStringLiteral("target"), run.target},
            {QStringLiteral("status"), runStatusName(run.status)},
            {QStringLiteral("progressDone"), run.progressDone},
            {QStringLiteral("progressTotal"), run.progressTotal},
            {QStringLiteral("createdAt"), isoOrNull(run.createdAt)},
            {QStringLiteral("startedAt"), isoOrNull(run.startedAt)},
            {QStringLiteral("finishedAt"), isoOrNull(run.finishedAt)},
            {QStringLiteral("initiator"), run.initiator},
            {QStringLiteral("error"), run.errorSummary},
            {QStringLiteral("parentRunId"), run.parentRunId},
            {QStringLiteral("parameters"), run.parameters},
            {QStringLiteral("succeeded"), run.succeededCount},
            {QStringLiteral("failed"), run.failedCount},
            {QStringLiteral("skipped"), run.skippedCount},
            {QStringLiteral("counts"), format::countsJson(run.counts)}};
}

QJsonObject itemJson(const RunItemRecord& item)
{
    return {{QStringLiteral("ordinal"), item.ordinal},
            {QStringLiteral("key"), item.itemKey},
            {QStringLiteral("name"), item.displayName},
            {QStringLiteral("outcome"), itemOutcomeName(item.outcome)},
            {QStringLiteral("message"), item.message},
            {QStringLiteral("requestId"), item.requestId},
            {QStringLiteral("durationMs"), item.durationMs}};
}

} // namespace

ExitCode CliApp::runsCommand(const QStringList& words)
{
    const QString sub = words.value(0);
    if (sub != QLatin1String("list") && sub != QLatin1String("show") && sub != QLatin1String("cancel"))
        return m_out->usageError(sub.isEmpty() ? QStringLiteral("runs needs a subcommand: list, show, cancel")
                                               : QStringLiteral("unknown runs subcommand '%1'").arg(sub));
    if (!isSet("tenant"))
        return m_out->usageError(QStringLiteral("runs %1 needs --tenant NAME").arg(sub));

    RunFilter filter;
    if (isSet("status")) {
        const auto status = runStatusFromName(option("status"));
        if (!status)
            return m_out->usageError(QStringLiteral("unknown --status '%1'").arg(option("status")));
        filter.status = status;
    }
    filter.kind = option("kind");
    if (isSet("limit")) {
        bool ok = false;
        filter.limit = option("limit").toInt(&ok);
        if (!ok || filter.limit <= 0)
            return m_out->usageError(QStringLiteral("--limit needs a positive number"));
    }
    qint64 runId = 0;
    if (sub == QLatin1String("show") || sub == QLatin1String("cancel")) {
        bool ok = false;
        runId = words.value(1).toLongLong(&ok);
        if (words.size() != 2 || !ok || runId <= 0)
            return m_out->usageError(QStringLiteral("runs %1 takes one RUN_ID").arg(sub));
    } else if (words.size() != 1) {
        return m_out->usageError(QStringLiteral("runs list takes no arguments"));
    }

    if (const ExitCode opened = openStore(); opened != ExitCode::Success)
        return opened;
    auto scope = m_gate->enterByName(option("tenant"));
    if (!scope)
        return m_out->error(scope.error());

    if (sub == QLatin1String("cancel")) {
        if (const Status cancelled = m_runs->cancel(scope.value(), runId); !cancelled)
            return m_out->error(cancelled.error());
        // Queued runs end at once; a running one ends between items, in whichever process runs it.
        auto run = m_runs->run(scope.value(), runId);
        if (!run)
            return m_out->error(run.error());
        if (m_out->isJson())
            m_out->json(QJsonObject{{QStringLiteral("runId"), runId},
                                    {QStringLiteral("status"), runStatusName(run->status)},
                                    {QStringLiteral("cancelRequested"), true}});
        else if (isActive(run->status))
            m_out->line(QStringLiteral("Cancel requested: run %1 stops after its current item.").arg(runId));
        else
            m_out->line(QStringLiteral("Run %1 is %2.").arg(runId).arg(runStatusName(run->status)));
        return ExitCode::Success;
    }

    if (sub == QLatin1String("list")) {
        auto runs = m_runs->runs(scope.value(), filter);
        if (!runs)
            return m_out->error(runs.error());
        if (m_out->isJson()) {
            QJsonArray array;
            for (const RunRecord& run : runs.value())
                array.append(runJson(run));
            m_out->json(array);
        } else if (runs->isEmpty()) {
            m_out->line(QStringLiteral("No runs."));
        } else {
            QList<QStringList> rows;
            for (const RunRecord& run : runs.value())
                rows.append({QString::number(run.id), run.kind, runStatusName(run.status),
                             QStringLiteral("%1/%2").arg(run.progressDone).arg(run.progressTotal),
                             formatTime(run.createdAt)});
            m_out->table({QStringLiteral("ID"), QStringLiteral("KIND"), QStringLiteral("STATUS"),
                          QStringLiteral("PROGRESS"), QStringLiteral("CREATED")}, rows);
        }
        return ExitCode::Success;
    }

    auto run = m_runs->run(scope.value(), runId);
    if (!run)
        return m_out->error(run.error());
    if (run->kind == QLatin1String(restore::PreviewKind)) {
        // A preview's detail is its plan; the command itself succeeded whatever the run did.
        (void)printPreviewPlan(scope.value(), run.value());
        return ExitCode::Success;
    }
    auto items = m_runs->items(scope.value(), runId);
    if (!items)
        return m_out->error(items.error());
    if (m_out->isJson()) {
        QJsonObject object = runJson(run.value());
        QJsonArray array;
        for (const RunItemRecord& item : items.value())
            array.append(itemJson(item));
        object.insert(QStringLiteral("items"), array);
        m_out->json(object);
    } else {
        m_out->line(QStringLiteral("Run %1: %2 %3").arg(run->id).arg(run->kind, runStatusName(run->status)));
        m_out->line(QStringLiteral("Progress: %1/%2   Created: %3   Finished: %4")
                        .arg(run->progressDone).arg(run->progressTotal)
                        .arg(formatTime(run->createdAt), formatTime(run->finishedAt)));
        m_out->line(QStringLiteral("Items: %1").arg(format::countsText(run->counts)));
        if (!run->errorSummary.isEmpty())
            m_out->line(QStringLiteral("Error: %1").arg(run->errorSummary));
        QList<QStringList> rows;
        for (const RunItemRecord& item : items.value())
            rows.append({QString::number(item.ordinal), item.displayName.isEmpty() ? item.itemKey : item.displayName,
                         itemOutcomeName(item.outcome), item.message});
        if (!rows.isEmpty())
            m_out->table({QStringLiteral("#"), QStringLiteral("ITEM"), QStringLiteral("OUTCOME"), QStringLiteral("MESSAGE")},
                         rows);
    }
    return ExitCode::Success;
}

} // namespace pv::cli
