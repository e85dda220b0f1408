// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
// Captured policies: policies list, policy show.
#include "app/cli/CliApp.h"
#include "app/cli/CliFormat.h"
#include "app/cli/CliLookup.h"

#include "core/runs/AccessGate.h"
#include "core/store/CaptureTypes.h"
#include "core/store/PolicyCatalog.h"
#include "core/store/SnapshotRepository.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace pv::cli {
namespace {

/// The display name of a group, filter, … as the newest snapshot that stored it says (the
/// snapshots that saw the policy, newest first); empty when none knows it.
QString referenceName(const SnapshotRepository& repository, const TenantScope& scope, const QList<qint64>& snapshots,
                      const QString& kind, const QString& key)
{
    if (key.isEmpty())
        return {};
    for (const qint64 snapshotId : snapshots) {
        auto reference = repository.reference(scope, snapshotId, kind, key);
        if (reference)
            return reference->value(QStringLiteral("displayName")).toString();
    }
    return {};
}

QJsonValue textOrNull(const QString& text)
{
    return text.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(text);
}

/// A policy's assignments as Graph returned them, with the group and filter names stored with
/// the snapshot (null when the snapshot does not know them, e.g. a group deleted since).
QJsonArray assignmentsJson(const QJsonObject& content, const SnapshotRepository& repository,
                           const TenantScope& scope, const QList<qint64>& snapshots)
{
    QJsonArray out;
    for (const QJsonValue& value : content.value(QStringLiteral("assignments")).toArray()) {
        const QJsonObject target = value.toObject().value(QStringLiteral("target")).toObject();
        QString kind = target.value(QStringLiteral("@odata.type")).toString();
        kind.remove(QStringLiteral("#microsoft.graph."));
        kind.remove(QStringLiteral("AssignmentTarget"));
        const QString groupId = target.value(QStringLiteral("groupId")).toString();
        const QString filterId = target.value(QStringLiteral("deviceAndAppManagementAssignmentFilterId")).toString();
        QString filterType = target.value(QStringLiteral("deviceAndAppManagementAssignmentFilterType")).toString();
        if (filterId.isEmpty() || filterType == QLatin1String("none"))
            filterType.clear();
        out.append(QJsonObject{
            {QStringLiteral("target"), kind},
            {QStringLiteral("groupId"), textOrNull(groupId)},
            {QStringLiteral("groupName"), textOrNull(referenceName(repository, scope, snapshots, QStringLiteral("group"), groupId))},
            {QStringLiteral("filterId"), textOrNull(filterType.isEmpty() ? QString() : filterId)},
            {QStringLiteral("filterName"),
             textOrNull(filterType.isEmpty() ? QString()
                                             : referenceName(repository, scope, snapshots, QStringLiteral("filter"), filterId))},
            {QStringLiteral("filterType"), textOrNull(filterType)}});
    }
    return out;
}

QString assignmentText(const QJsonObject& assignment)
{
    const QString target = assignment.value(QStringLiteral("target")).toString();
    QString text = target;
    if (!assignment.value(QStringLiteral("groupId")).isNull()) {
        const QString name = assignment.value(QStringLiteral("groupName")).toString();
        text += QStringLiteral(" %1 (%2)").arg(name.isEmpty() ? QStringLiteral("<unknown group>") : QStringLiteral("\"%1\"").arg(name),
                                               assignment.value(QStringLiteral("groupId")).toString());
    }
    if (!assignment.value(QStringLiteral("filterType")).isNull()) {
        const QString name = assignment.value(QStringLiteral("filterName")).toString();
        text += QStringLiteral(", filter %1 %2").arg(assignment.value(QStringLiteral("filterType")).toString(),
                                                     name.isEmpty() ? assignment.value(QStringLiteral("filterId")).toString()
                                                                    : QStringLiteral("\"%1\"").arg(name));
    }
    return text;
}

} // namespace

QJsonObject format::policySummaryJson(const PolicySummary& summary)
{
    const PolicyRecord& p = summary.policy;
    return {{QStringLiteral("id"), p.id},
            {QStringLiteral("graphId"), p.graphId},
            {QStringLiteral("name"), p.displayName},
            {QStringLiteral("type"), p.typeKey},
            {QStringLiteral("platform"), p.platform},
            {QStringLiteral("lastModified"), format::isoOrNull(summary.graphModifiedAt)},
            {QStringLiteral("versions"), summary.versionCount},
            {QStringLiteral("deleted"), p.deletedAt.isValid()}};
}

ExitCode CliApp::policiesCommand(const QStringList& words)
{
    if (words.value(0) != QLatin1String("list"))
        return m_out->usageError(words.isEmpty() ? QStringLiteral("policies needs a subcommand: list")
                                                 : QStringLiteral("unknown policies subcommand '%1'").arg(words.first()));
    if (words.size() != 1)
        return m_out->usageError(QStringLiteral("policies list takes no arguments"));
    if (!isSet("tenant"))
        return m_out->usageError(QStringLiteral("policies list needs --tenant NAME"));
    const QString type = option("type").trimmed();
    if (isSet("type") && !CaptureTypes::captured().contains(type))
        return m_out->usageError(QStringLiteral("unknown --type '%1' (known: %2)").arg(type, CaptureTypes::captured().join(QStringLiteral(", "))));
    if (const ExitCode opened = openStore(); opened != ExitCode::Success)
        return opened;
    auto scope = m_gate->enterByName(option("tenant"));
    if (!scope)
        return m_out->error(scope.error());
    auto policies = PolicyCatalog(m_database).list(scope.value(), type, isSet("include-deleted"));
    if (!policies)
        return m_out->error(policies.error());
    if (m_out->isJson()) {
        QJsonArray array;
        for (const PolicySummary& summary : policies.value())
            array.append(format::policySummaryJson(summary));
        m_out->json(array);
    } else if (policies->isEmpty()) {
        m_out->line(QStringLiteral("No policies captured yet. Back up with: policyvault-cli backup --tenant %1").arg(option("tenant")));
    } else {
        QList<QStringList> rows;
        for (const PolicySummary& s : policies.value())
            rows.append({QString::number(s.policy.id), s.policy.graphId,
                         s.policy.displayName + (s.policy.deletedAt.isValid() ? QStringLiteral(" (deleted)") : QString()),
                         s.policy.typeKey, s.policy.platform.isEmpty() ? QStringLiteral("-") : s.policy.platform,
                         format::localTime(s.graphModifiedAt), QString::number(s.versionCount)});
        m_out->table({QStringLiteral("ID"), QStringLiteral("GRAPH ID"), QStringLiteral("NAME"), QStringLiteral("TYPE"),
                      QStringLiteral("PLATFORM"), QStringLiteral("LAST MODIFIED"), QStringLiteral("VERSIONS")}, rows);
    }
    return ExitCode::Success;
}

ExitCode CliApp::policyCommand(const QStringList& words)
{
    if (words.value(0) == QLatin1String("diff"))
        return policyDiffCommand(words.mid(1));
    if (words.value(0) != QLatin1String("show"))
        return m_out->usageError(words.isEmpty() ? QStringLiteral("policy needs a subcommand: show, diff")
                                                 : QStringLiteral("unknown policy subcommand '%1'").arg(words.first()));
    if (words.size() != 2 || words.at(1).trimmed().isEmpty())
        return m_out->usageError(QStringLiteral("policy show takes one ID (PolicyVault id or Graph id)"));
    if (!isSet("tenant"))
        return m_out->usageError(QStringLiteral("policy show needs --tenant NAME"));
    if (const ExitCode opened = openStore(); opened != ExitCode::Success)
        return opened;
    auto scope = m_gate->enterByName(option("tenant"));
    if (!scope)
        return m_out->error(scope.error());
    auto policy = lookup::policy(m_database, scope.value(), words.at(1));
    if (!policy)
        return m_out->error(policy.error());
    const PolicyCatalog catalog(m_database);
    const SnapshotRepository repository(m_database);
    auto summary = catalog.summary(scope.value(), policy->id);
    if (!summary)
        return m_out->error(summary.error());
    if (isSet("settings"))
        return printPolicySettings(scope.value(), summary.value());
    auto versions = repository.policyVersions(scope.value(), policy->id);
    if (!versions)
        return m_out->error(versions.error());
    auto snapshots = catalog.snapshotsWith(scope.value(), policy->id);
    if (!snapshots)
        return m_out->error(snapshots.error());
    QJsonObject content;
    if (summary->latestVersionId > 0) {
        auto stored = repository.versionContent(scope.value(), summary->latestVersionId);
        if (!stored)
            return m_out->error(stored.error());
        content = stored.value();
    }
    const QJsonArray assignments = assignmentsJson(content, repository, scope.value(), snapshots.value());

    if (m_out->isJson()) {
        QJsonObject object = format::policySummaryJson(summary.value());
        QJsonArray versionArray;
        for (const PolicyVersionRecord& v : versions.value())
            versionArray.append(QJsonObject{{QStringLiteral("id"), v.id},
                                            {QStringLiteral("capturedAt"), format::isoOrNull(v.capturedAt)},
                                            {QStringLiteral("contentHash"), v.contentHash},
                                            {QStringLiteral("runId"), format::idOrNull(v.runId)}});
        object.insert(QStringLiteral("history"), versionArray);   // "versions" stays the count, as in policies list
        object.insert(QStringLiteral("firstSeen"), format::isoOrNull(policy->firstSeen));
        object.insert(QStringLiteral("lastSeen"), format::isoOrNull(policy->lastSeen));
        object.insert(QStringLiteral("deletedAt"), format::isoOrNull(policy->deletedAt));
        object.insert(QStringLiteral("versionId"), format::idOrNull(summary->latestVersionId));
        object.insert(QStringLiteral("snapshotId"), format::idOrNull(snapshots->value(0)));   // the newest that saw it
        object.insert(QStringLiteral("assignments"), assignments);
        object.insert(QStringLiteral("content"), content);
        m_out->json(object);
        return ExitCode::Success;
    }
    const PolicyRecord& p = policy.value();
    m_out->line(QStringLiteral("Policy %1: %2%3").arg(p.id).arg(p.displayName,
                                                             p.deletedAt.isValid() ? QStringLiteral(" (deleted in the tenant)") : QString()));
    m_out->line(QStringLiteral("Graph id:       %1").arg(p.graphId));
    m_out->line(QStringLiteral("Type:           %1").arg(p.typeKey));
    m_out->line(QStringLiteral("Platform:       %1").arg(p.platform.isEmpty() ? QStringLiteral("-") : p.platform));
    m_out->line(QStringLiteral("Last modified:  %1").arg(format::localTime(summary->graphModifiedAt)));
    m_out->line(QStringLiteral("Seen:           %1 … %2").arg(format::localTime(p.firstSeen), format::localTime(p.lastSeen)));
    m_out->line(QStringLiteral("Versions:       %1").arg(summary->versionCount));
    m_out->line(assignments.isEmpty() ? QStringLiteral("Assignments:    none") : QStringLiteral("Assignments:"));
    for (const QJsonValue& assignment : assignments)
        m_out->line(QStringLiteral("  ") + assignmentText(assignment.toObject()));
    m_out->line(QStringLiteral("Canonical JSON (version %1):").arg(summary->latestVersionId));
    m_out->line(QString::fromUtf8(QJsonDocument(content).toJson(QJsonDocument::Indented)).trimmed());
    return ExitCode::Success;
}

} // namespace pv::cli
