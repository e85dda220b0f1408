// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
// A policy's settings as the normalizer renders them: policy show --settings, policy diff.
#include "app/cli/CliApp.h"
#include "app/cli/CliFormat.h"
#include "app/cli/CliLookup.h"

#include "core/normalize/RowDiff.h"
#include "core/normalize/SnapshotDefinitions.h"
#include "core/runs/AccessGate.h"
#include "core/store/PolicyCatalog.h"
#include "core/store/SnapshotRepository.h"

#include <QJsonArray>

#include <optional>

namespace pv::cli {
namespace {

using normalize::RowChange;
using normalize::SettingRow;

/// "Setting" indented two spaces per level, as the Settings tab indents children.
QString indentedName(const SettingRow& row)
{
    return QString(row.depth * 2, QLatin1Char(' ')) + row.setting;
}

/// A firewall rule's badges after its summary: "[Domain, Private] [LAN]".
QString valueText(const SettingRow& row)
{
    QString text = row.value;
    if (row.record) {
        if (!row.record->profiles.isEmpty())
            text += QStringLiteral(" [%1]").arg(row.record->profiles.join(QStringLiteral(", ")));
        if (!row.record->interfaces.isEmpty())
            text += QStringLiteral(" [%1]").arg(row.record->interfaces.join(QStringLiteral(", ")));
    }
    return text;
}

QString changeName(RowChange::Kind kind)
{
    switch (kind) {
    case RowChange::Kind::Added: return QStringLiteral("added");
    case RowChange::Kind::Removed: return QStringLiteral("removed");
    case RowChange::Kind::Changed: break;
    }
    return QStringLiteral("changed");
}

QJsonValue rowValueOrNull(const SettingRow& row, bool present)
{
    return present ? QJsonValue(row.value) : QJsonValue(QJsonValue::Null);
}

QJsonObject changeJson(const RowChange& change)
{
    const SettingRow& row = change.row();
    QJsonObject json{{QStringLiteral("change"), changeName(change.kind)},
                     {QStringLiteral("rowKey"), change.rowKey},
                     {QStringLiteral("parentRowKey"), row.parentRowKey},
                     {QStringLiteral("category"), row.category},
                     {QStringLiteral("setting"), row.setting},
                     {QStringLiteral("depth"), row.depth},
                     {QStringLiteral("definitionId"), row.definitionId},
                     {QStringLiteral("oldValue"), rowValueOrNull(change.oldRow, change.kind != RowChange::Kind::Added)},
                     {QStringLiteral("newValue"), rowValueOrNull(change.newRow, change.kind != RowChange::Kind::Removed)}};
    if (change.oldRow.record && change.kind != RowChange::Kind::Added)
        json.insert(QStringLiteral("oldRecord"), change.oldRow.record->toJson());
    if (change.newRow.record && change.kind != RowChange::Kind::Removed)
        json.insert(QStringLiteral("newRecord"), change.newRow.record->toJson());
    return json;
}

/// A version number ("1", "2", … as policy show lists them) from an option; 0 when malformed.
int versionNumber(const QString& text)
{
    bool ok = false;
    const int number = text.trimmed().toInt(&ok);
    return ok && number > 0 ? number : 0;
}

} // namespace

ExitCode CliApp::printPolicySettings(const TenantScope& scope, const PolicySummary& summary)
{
    const SnapshotRepository repository(m_database);
    const PolicyCatalog catalog(m_database);
    QList<SettingRow> rows;
    qint64 snapshotId = 0;
    std::optional<normalize::PolicyGeneral> general;
    if (summary.latestVersionId > 0) {
        auto read = normalize::versionGeneral(repository, catalog, scope, summary.latestVersionId);
        if (!read)
            return m_out->error(read.error());
        general = read.value();
        auto rendered = normalize::versionRows(repository, catalog, scope, summary.latestVersionId);
        if (!rendered)
            return m_out->error(rendered.error());
        rows = rendered.value();
        auto snapshot = normalize::renderingSnapshot(repository, catalog, scope, summary.latestVersionId);
        if (!snapshot)
            return m_out->error(snapshot.error());
        snapshotId = snapshot.value();
    }
    if (m_out->isJson()) {
        QJsonObject policy = format::policySummaryJson(summary);
        policy.insert(QStringLiteral("versionId"), format::idOrNull(summary.latestVersionId));
        policy.insert(QStringLiteral("definitionsSnapshotId"), format::idOrNull(snapshotId));
        policy.insert(QStringLiteral("general"), general ? QJsonValue(general->toJson()) : QJsonValue(QJsonValue::Null));
        QJsonArray array;
        for (const SettingRow& row : std::as_const(rows))
            array.append(row.toJson());
        m_out->json(QJsonObject{{QStringLiteral("policy"), policy}, {QStringLiteral("rows"), array}});
        return ExitCode::Success;
    }
    m_out->line(QStringLiteral("Policy %1: %2 (%3 settings rows)").arg(summary.policy.id).arg(summary.policy.displayName).arg(rows.size()));
    if (general) {
        const auto listOrDash = [](const QStringList& list) { return list.isEmpty() ? QStringLiteral("-") : list.join(QStringLiteral(", ")); };
        m_out->line(QStringLiteral("Platforms:      %1").arg(listOrDash(general->platforms)));
        m_out->line(QStringLiteral("Technologies:   %1").arg(listOrDash(general->technologies)));
        m_out->line(QStringLiteral("Template:       %1").arg(general->templateId.isEmpty() ? QStringLiteral("-") : general->templateSummary()));
        m_out->line(QStringLiteral("Scope tags:     %1").arg(listOrDash(general->scopeTags)));
        m_out->line(QStringLiteral("Created:        %1").arg(format::localTime(general->created)));
        m_out->line(QStringLiteral("Modified:       %1").arg(format::localTime(general->modified)));
    }
    if (rows.isEmpty())
        return ExitCode::Success;
    QList<QStringList> table;
    for (const SettingRow& row : std::as_const(rows))
        table.append({row.category.isEmpty() ? QStringLiteral("-") : row.category, indentedName(row), valueText(row)});
    m_out->table({QStringLiteral("CATEGORY"), QStringLiteral("SETTING"), QStringLiteral("VALUE")}, table);
    return ExitCode::Success;
}

ExitCode CliApp::policyDiffCommand(const QStringList& words)
{
    if (words.size() != 1 || words.first().trimmed().isEmpty())
        return m_out->usageError(QStringLiteral("policy diff takes one ID (PolicyVault id or Graph id)"));
    if (!isSet("tenant"))
        return m_out->usageError(QStringLiteral("policy diff needs --tenant NAME"));
    const int from = versionNumber(option("from"));
    const int to = versionNumber(option("to"));
    if (!isSet("from") || !isSet("to") || from == 0 || to == 0)
        return m_out->usageError(QStringLiteral("policy diff needs --from N --to M (version numbers 1, 2, … as policy show lists them)"));
    if (const ExitCode opened = openStore(); opened != ExitCode::Success)
        return opened;
    auto scope = m_gate->enterByName(option("tenant"));
    if (!scope)
        return m_out->error(scope.error());
    auto policy = lookup::policy(m_database, scope.value(), words.first());
    if (!policy)
        return m_out->error(policy.error());
    const SnapshotRepository repository(m_database);
    const PolicyCatalog catalog(m_database);
    auto summary = catalog.summary(scope.value(), policy->id);
    if (!summary)
        return m_out->error(summary.error());
    auto versions = repository.policyVersions(scope.value(), policy->id);   // oldest first: number = index + 1
    if (!versions)
        return m_out->error(versions.error());
    if (from > versions->size() || to > versions->size())
        return m_out->error(fail(ErrorCode::NotFound, QStringLiteral("policy %1 has %2 version(s); --from and --to take 1 … %2")
                                                          .arg(policy->id).arg(versions->size())).error);
    const PolicyVersionRecord& oldVersion = versions->at(from - 1);
    const PolicyVersionRecord& newVersion = versions->at(to - 1);
    auto oldRows = normalize::versionRows(repository, catalog, scope.value(), oldVersion.id);
    if (!oldRows)
        return m_out->error(oldRows.error());
    auto newRows = normalize::versionRows(repository, catalog, scope.value(), newVersion.id);
    if (!newRows)
        return m_out->error(newRows.error());
    const QList<RowChange> changes = normalize::diffRows(oldRows.value(), newRows.value());

    if (m_out->isJson()) {
        auto versionJson = [](int number, const PolicyVersionRecord& v) {
            return QJsonObject{{QStringLiteral("version"), number},
                               {QStringLiteral("versionId"), v.id},
                               {QStringLiteral("capturedAt"), format::isoOrNull(v.capturedAt)},
                               {QStringLiteral("contentHash"), v.contentHash}};
        };
        QJsonArray array;
        for (const RowChange& change : changes)
            array.append(changeJson(change));
        m_out->json(QJsonObject{{QStringLiteral("policy"), format::policySummaryJson(summary.value())},
                                {QStringLiteral("from"), versionJson(from, oldVersion)},
                                {QStringLiteral("to"), versionJson(to, newVersion)},
                                {QStringLiteral("changes"), array}});
        return ExitCode::Success;
    }
    m_out->line(QStringLiteral("Policy %1: %2, version %3 (%4) → version %5 (%6): %7 change(s)")
                    .arg(policy->id)
                    .arg(policy->displayName)
                    .arg(from)
                    .arg(format::localTime(oldVersion.capturedAt))
                    .arg(to)
                    .arg(format::localTime(newVersion.capturedAt))
                    .arg(changes.size()));
    for (const RowChange& change : changes) {
        const SettingRow& row = change.row();
        const QString where = row.category.isEmpty() ? row.setting : QStringLiteral("%1 > %2").arg(row.category, row.setting);
        switch (change.kind) {
        case RowChange::Kind::Added:
            m_out->line(QStringLiteral("+ %1: %2").arg(where, valueText(change.newRow)));
            break;
        case RowChange::Kind::Removed:
            m_out->line(QStringLiteral("- %1: %2").arg(where, valueText(change.oldRow)));
            break;
        case RowChange::Kind::Changed:
            m_out->line(QStringLiteral("~ %1: %2 → %3").arg(where, valueText(change.oldRow), valueText(change.newRow)));
            break;
        }
    }
    return ExitCode::Success;
}

} // namespace pv::cli
