// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
// restore --preview (plans a restore: the restore_preview kind) and restore --execute PLAN --yes
// (starts the live restore of a stored plan), and the plan document that `restore --preview
// --wait` and `runs show` of a preview print.
#include "app/cli/CliApp.h"
#include "app/cli/CliFormat.h"
#include "app/cli/CliLookup.h"

#include "core/restore/RestorePlanRepository.h"
#include "core/restore/RestoreRequests.h"
#include "core/restore/SuppliedSecrets.h"
#include "core/runs/AccessGate.h"
#include "core/runs/RunService.h"
#include "core/secrets/KeychainSecretStore.h"
#include "core/store/Database.h"
#include "core/store/PolicyCatalog.h"
#include "core/store/SnapshotRepository.h"
#include "core/store/TenantRepository.h"

#include <QFile>
#include <QJsonArray>

#include <algorithm>

namespace pv::cli {

namespace {

QString text(const QJsonValue& value)
{
    if (value.isNull() || value.isUndefined())
        return QStringLiteral("(not set)");
    return value.toString().isEmpty() ? QStringLiteral("(empty)") : value.toString();
}

Result<qint64> positiveId(const QString& text, const QString& what)
{
    bool ok = false;
    const qint64 id = text.trimmed().toLongLong(&ok);
    if (!ok || id <= 0)
        return fail(ErrorCode::InvalidArgument, QStringLiteral("%1 must be a positive number, not \"%2\"").arg(what, text));
    return id;
}

} // namespace

ExitCode CliApp::restoreCommand(const QStringList& words)
{
    if (!words.isEmpty())
        return m_out->usageError(QStringLiteral("restore takes no arguments (name the snapshot with --snapshot ID)"));
    if (!isSet("tenant"))
        return m_out->usageError(QStringLiteral("restore needs --tenant NAME"));
    if (isSet("preview") == isSet("execute"))
        return m_out->usageError(QStringLiteral("restore needs exactly one of --preview and --execute PLAN_RUN_ID"));
    return isSet("execute") ? restoreExecute() : restorePreview();
}

ExitCode CliApp::restoreExecute()
{
    for (const char* name : {"snapshot", "policy", "policy-version", "assignments", "secrets"}) {
        if (isSet(name))
            return m_out->usageError(QStringLiteral("--%1 belongs to --preview; --execute runs a stored plan as it is")
                                         .arg(QString::fromLatin1(name)));
    }
    auto planRunId = positiveId(option("execute"), QStringLiteral("--execute"));
    if (!planRunId)
        return m_out->usageError(planRunId.error().message);
    if (!isSet("yes"))
        return m_out->usageError(QStringLiteral("restore --execute writes to the tenant; add --yes to confirm "
                                                "(review the plan first: policyvault-cli runs show %1 --tenant %2)")
                                     .arg(*planRunId).arg(option("tenant")));
    auto request = restore::restoreRequest(*planRunId, QStringLiteral("cli"));
    if (!request)
        return m_out->usageError(request.error().message);
    if (const ExitCode opened = openStore(); opened != ExitCode::Success)
        return opened;
    auto scope = m_gate->enterByName(option("tenant"));
    if (!scope)
        return m_out->error(scope.error());
    // Another tenant's plan is access denied before anything starts.
    auto plan = restore::RestorePlanRepository(m_database->connection()).plan(scope.value(), *planRunId);
    if (!plan)
        return m_out->error(plan.error());
    // A plan executes once. While its run (or a resume of it) is active, the start below
    // follows that run; once it has ended, a new run would only fail in the job — refuse here,
    // with the way forward, and leave no failed run behind.
    if (plan->executedByRunId > 0) {
        RunFilter filter;
        filter.kind = QLatin1String(restore::RestoreKind);
        auto runs = m_runs->runs(scope.value(), filter);
        if (!runs)
            return m_out->error(runs.error());
        const bool following = std::any_of(runs->cbegin(), runs->cend(), [&](const RunRecord& run) {
            return run.target == request->target && isActive(run.status);
        });
        if (!following)
            return m_out->error(fail(ErrorCode::Conflict,
                                     QStringLiteral("restore plan %1 was already executed by run %2; a plan runs once: preview "
                                                    "again for a new plan (an interrupted run is resumed, not executed again)")
                                         .arg(*planRunId)
                                         .arg(plan->executedByRunId)).error);
    }
    return startRun(scope.value(), request.value());
}

ExitCode CliApp::restorePreview()
{
    if (isSet("yes"))
        return m_out->usageError(QStringLiteral("--yes belongs to --execute; a preview writes nothing"));
    if (isSet("snapshot") == isSet("policy-version"))
        return m_out->usageError(QStringLiteral("restore --preview needs --snapshot ID or --policy-version VERSION_ID"));
    if (isSet("policy-version") && isSet("policy"))
        return m_out->usageError(QStringLiteral("--policy chooses policies of a snapshot; --policy-version names one already"));
    restore::PreviewSelection selection;
    selection.assignments = isSet("assignments");
    if (isSet("snapshot")) {
        auto id = positiveId(option("snapshot"), QStringLiteral("--snapshot"));
        if (!id)
            return m_out->usageError(id.error().message);
        selection.snapshotId = *id;
    } else {
        auto id = positiveId(option("policy-version"), QStringLiteral("--policy-version"));
        if (!id)
            return m_out->usageError(id.error().message);
        selection.policyVersionId = *id;
    }
    // The secrets file is checked before anything else happens: a bad one is a usage error
    // that quotes no value.
    restore::SuppliedSecrets::Values supplied;
    if (isSet("secrets")) {
        QFile file(option("secrets"));
        if (!file.open(QIODevice::ReadOnly))
            return m_out->usageError(QStringLiteral("cannot read the secrets file %1: %2").arg(option("secrets"), file.errorString()));
        auto parsed = restore::SuppliedSecrets::parse(file.readAll());
        if (!parsed)
            return m_out->usageError(QStringLiteral("the secrets file %1: %2").arg(option("secrets"), parsed.error().message));
        supplied = *parsed;
    }
    if (const ExitCode opened = openStore(); opened != ExitCode::Success)
        return opened;
    auto scope = m_gate->enterByName(option("tenant"));
    if (!scope)
        return m_out->error(scope.error());
    // Resolved here, scoped: another tenant's snapshot, version or policy is access denied
    // before anything starts.
    if (selection.snapshotId > 0) {
        if (auto snapshot = SnapshotRepository(m_database).snapshot(scope.value(), selection.snapshotId); !snapshot)
            return m_out->error(snapshot.error());
    } else if (auto version = PolicyCatalog(m_database).newestSnapshotWithVersion(scope.value(), selection.policyVersionId); !version) {
        return m_out->error(version.error());
    }
    for (const QString& name : m_parser.values(QStringLiteral("policy"))) {
        auto policy = lookup::policy(m_database, scope.value(), name);
        if (!policy)
            return m_out->error(policy.error());
        selection.policyIds.append(policy->id);
    }
    if (isSet("secrets")) {
        auto tenant = m_tenants->byId(scope->tenantId());
        if (!tenant)
            return m_out->error(tenant.error());
        auto key = restore::SuppliedSecrets::store(*m_secrets, tenant->uuid, supplied);
        if (!key)
            return m_out->error(key.error());
        selection.secretsKey = *key;
    }
    auto request = restore::previewRequest(selection, QStringLiteral("cli"));
    if (!request)
        return m_out->usageError(request.error().message);
    return startRun(scope.value(), request.value());
}

ExitCode CliApp::printPreviewPlan(const TenantScope& scope, const RunRecord& run)
{
    const ExitCode exit = ExitCode(format::exitCodeForStatus(run.status));
    QList<restore::PlanItem> items;
    auto stored = restore::RestorePlanRepository(m_database->connection()).items(scope, run.id);
    if (stored)
        items = stored.value();
    else if (stored.error().code != ErrorCode::NotFound)   // NotFound: no plan (yet, or not stored)
        return m_out->error(stored.error());
    if (m_out->isJson()) {
        QJsonArray array;
        for (const restore::PlanItem& item : std::as_const(items)) {
            QJsonObject object{{QStringLiteral("policyId"), item.policyId},
                               {QStringLiteral("graphId"), item.graphId},
                               {QStringLiteral("name"), item.name},
                               {QStringLiteral("type"), item.typeKey},
                               {QStringLiteral("outcome"), restore::planActionName(item.action)},
                               {QStringLiteral("diff"), item.diff.value(QStringLiteral("settings")).toArray()},
                               {QStringLiteral("metadataDiff"), item.diff.value(QStringLiteral("metadata")).toArray()}};
            if (!item.reason.isEmpty())
                object.insert(QStringLiteral("reason"), item.reason);
            if (!item.liveGraphId.isEmpty() && item.liveGraphId != item.graphId)
                object.insert(QStringLiteral("liveGraphId"), item.liveGraphId);
            const QJsonObject assignments = item.diff.value(QStringLiteral("assignments")).toObject();
            QJsonArray assignmentDiff;
            for (const QJsonValue& a : assignments.value(QStringLiteral("removed")).toArray())
                assignmentDiff.append(QJsonObject{{QStringLiteral("change"), QStringLiteral("remove")}, {QStringLiteral("assignment"), a}});
            for (const QJsonValue& a : assignments.value(QStringLiteral("added")).toArray())
                assignmentDiff.append(QJsonObject{{QStringLiteral("change"), QStringLiteral("add")}, {QStringLiteral("assignment"), a}});
            object.insert(QStringLiteral("assignmentDiff"), assignmentDiff);
            if (assignments.contains(QStringLiteral("summary")))
                object.insert(QStringLiteral("assignmentSummary"), assignments.value(QStringLiteral("summary")));
            if (item.diff.contains(QStringLiteral("secretsNeeded")))
                object.insert(QStringLiteral("secretsNeeded"), item.diff.value(QStringLiteral("secretsNeeded")));
            array.append(object);
        }
        QJsonObject document{{QStringLiteral("planRunId"), run.id},
                             {QStringLiteral("status"), runStatusName(run.status)},
                             {QStringLiteral("counts"), format::countsJson(run.counts)},
                             {QStringLiteral("items"), array}};
        if (!run.errorSummary.isEmpty())
            document.insert(QStringLiteral("errorSummary"), run.errorSummary);
        m_out->json(document);
        return exit;
    }
    m_out->line(QStringLiteral("Restore preview %1 (%2): %3.").arg(run.id).arg(runStatusName(run.status), format::countsText(run.counts)));
    if (!run.errorSummary.isEmpty())
        m_out->line(QStringLiteral("Error: %1").arg(run.errorSummary));
    for (const restore::PlanItem& item : std::as_const(items)) {
        m_out->line(QStringLiteral("%1  %2 (%3, id %4)").arg(restore::planActionName(item.action), -14)
                        .arg(item.name, item.typeKey).arg(item.policyId));
        if (item.action != restore::PlanAction::Unchanged && !item.reason.isEmpty())
            m_out->line(QStringLiteral("    %1").arg(item.reason));
        for (const QJsonValue& row : item.diff.value(QStringLiteral("settings")).toArray())
            m_out->line(QStringLiteral("    %1: %2 → %3").arg(row[QStringLiteral("setting")].toString(), text(row[QStringLiteral("old")]),
                                                          text(row[QStringLiteral("new")])));
        for (const QJsonValue& row : item.diff.value(QStringLiteral("metadata")).toArray())
            m_out->line(QStringLiteral("    %1: %2 → %3").arg(row[QStringLiteral("field")].toString(), text(row[QStringLiteral("old")]),
                                                          text(row[QStringLiteral("new")])));
        const QJsonObject assignments = item.diff.value(QStringLiteral("assignments")).toObject();
        if (!assignments.isEmpty()) {
            m_out->line(QStringLiteral("    %1").arg(assignments.value(QStringLiteral("summary")).toString()));
            for (const QJsonValue& a : assignments.value(QStringLiteral("removed")).toArray())
                m_out->line(QStringLiteral("      - %1").arg(a.toString()));
            for (const QJsonValue& a : assignments.value(QStringLiteral("added")).toArray())
                m_out->line(QStringLiteral("      + %1").arg(a.toString()));
        }
    }
    if (run.status == RunStatus::Succeeded || run.status == RunStatus::PartiallySucceeded)
        m_out->line(QStringLiteral("Execute it with: policyvault-cli restore --tenant %1 --execute %2 --yes")
                        .arg(option("tenant")).arg(run.id));
    return exit;
}

} // namespace pv::cli
