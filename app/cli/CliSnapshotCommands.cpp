// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
// Captured content: snapshots list|show.
#include "app/cli/CliApp.h"
#include "app/cli/CliFormat.h"

#include "core/runs/AccessGate.h"
#include "core/store/SnapshotRepository.h"

#include <QJsonArray>

namespace pv::cli {
namespace {

QJsonObject snapshotJson(const SnapshotRecord& snapshot)
{
    return {{QStringLiteral("id"), snapshot.id},
            {QStringLiteral("runId"), format::idOrNull(snapshot.runId)},
            {QStringLiteral("createdAt"), format::isoOrNull(snapshot.createdAt)},
            {QStringLiteral("finishedAt"), format::isoOrNull(snapshot.finishedAt)},
            {QStringLiteral("complete"), snapshot.complete},
            {QStringLiteral("capturedTypes"), QJsonArray::fromStringList(snapshot.capturedTypes)},
            {QStringLiteral("incompleteTypes"), QJsonArray::fromStringList(snapshot.incompleteTypes)},
            {QStringLiteral("notCapturedTypes"), QJsonArray::fromStringList(snapshot.notCapturedTypes)},
            {QStringLiteral("itemCount"), snapshot.itemCount}};
}

QString completeness(const SnapshotRecord& snapshot)
{
    if (!snapshot.finishedAt.isValid())
        return QStringLiteral("in progress");
    if (snapshot.complete)
        return QStringLiteral("complete");
    return snapshot.incompleteTypes.isEmpty()
               ? QStringLiteral("incomplete")
               : QStringLiteral("incomplete (%1)").arg(snapshot.incompleteTypes.join(QStringLiteral(", ")));
}

} // namespace

ExitCode CliApp::snapshotsCommand(const QStringList& words)
{
    const QString sub = words.value(0);
    if (sub != QLatin1String("list") && sub != QLatin1String("show"))
        return m_out->usageError(sub.isEmpty() ? QStringLiteral("snapshots needs a subcommand: list, show")
                                               : QStringLiteral("unknown snapshots subcommand '%1'").arg(sub));
    qint64 snapshotId = 0;
    if (sub == QLatin1String("show")) {
        bool ok = false;
        snapshotId = words.value(1).toLongLong(&ok);
        if (words.size() != 2 || !ok || snapshotId <= 0)
            return m_out->usageError(QStringLiteral("snapshots show takes one SNAPSHOT_ID"));
    } else if (words.size() != 1) {
        return m_out->usageError(QStringLiteral("snapshots list takes no arguments"));
    }
    if (!isSet("tenant"))
        return m_out->usageError(QStringLiteral("snapshots %1 needs --tenant NAME").arg(sub));
    if (const ExitCode opened = openStore(); opened != ExitCode::Success)
        return opened;
    auto scope = m_gate->enterByName(option("tenant"));
    if (!scope)
        return m_out->error(scope.error());
    const SnapshotRepository repository(m_database);

    if (sub == QLatin1String("list")) {
        auto snapshots = repository.listSnapshots(scope.value());
        if (!snapshots)
            return m_out->error(snapshots.error());
        if (m_out->isJson()) {
            QJsonArray array;
            for (const SnapshotRecord& snapshot : snapshots.value())
                array.append(snapshotJson(snapshot));
            m_out->json(array);
        } else if (snapshots->isEmpty()) {
            m_out->line(QStringLiteral("No snapshots yet. Take one with: policyvault-cli backup --tenant %1").arg(option("tenant")));
        } else {
            QList<QStringList> rows;
            for (const SnapshotRecord& s : snapshots.value())
                rows.append({QString::number(s.id), format::localTime(s.createdAt), completeness(s),
                             QString::number(s.itemCount), s.runId > 0 ? QString::number(s.runId) : QStringLiteral("-")});
            m_out->table({QStringLiteral("ID"), QStringLiteral("TAKEN"), QStringLiteral("STATE"), QStringLiteral("ITEMS"),
                          QStringLiteral("RUN")}, rows);
        }
        return ExitCode::Success;
    }

    auto detail = repository.snapshot(scope.value(), snapshotId);
    if (!detail)
        return m_out->error(detail.error());
    auto items = repository.snapshotItems(scope.value(), snapshotId);
    if (!items)
        return m_out->error(items.error());
    if (m_out->isJson()) {
        QJsonObject object = snapshotJson(detail->snapshot);
        QJsonObject byType;
        for (auto it = detail->itemsByType.constBegin(); it != detail->itemsByType.constEnd(); ++it)
            byType.insert(it.key(), it.value());
        QJsonObject byKind;
        for (auto it = detail->referencesByKind.constBegin(); it != detail->referencesByKind.constEnd(); ++it)
            byKind.insert(it.key(), it.value());
        QJsonArray array;
        for (const auto& [policy, version] : items.value())
            array.append(QJsonObject{{QStringLiteral("policyId"), policy.id},
                                     {QStringLiteral("graphId"), policy.graphId},
                                     {QStringLiteral("name"), policy.displayName},
                                     {QStringLiteral("type"), policy.typeKey},
                                     {QStringLiteral("platform"), policy.platform},
                                     {QStringLiteral("versionId"), version.id},
                                     {QStringLiteral("contentHash"), version.contentHash},
                                     {QStringLiteral("capturedAt"), format::isoOrNull(version.capturedAt)}});
        object.insert(QStringLiteral("countsByType"), byType);
        object.insert(QStringLiteral("referencesByKind"), byKind);
        object.insert(QStringLiteral("items"), array);
        m_out->json(object);
        return ExitCode::Success;
    }
    const SnapshotRecord& s = detail->snapshot;
    m_out->line(QStringLiteral("Snapshot %1 of %2, taken %3: %4").arg(s.id).arg(option("tenant"), format::localTime(s.createdAt),
                                                                          completeness(s)));
    m_out->line(QStringLiteral("Captured types: %1").arg(s.capturedTypes.join(QStringLiteral(", "))));
    if (!s.notCapturedTypes.isEmpty())
        m_out->line(QStringLiteral("Not captured by this version of PolicyVault: %1").arg(s.notCapturedTypes.join(QStringLiteral(", "))));
    QStringList counts;
    for (auto it = detail->itemsByType.constBegin(); it != detail->itemsByType.constEnd(); ++it)
        counts.append(QStringLiteral("%1 %2").arg(it.value()).arg(it.key()));
    m_out->line(QStringLiteral("Items: %1%2").arg(s.itemCount).arg(counts.isEmpty() ? QString()
                                                                                    : QStringLiteral(" (%1)").arg(counts.join(QStringLiteral(", ")))));
    QList<QStringList> rows;
    for (const auto& [policy, version] : items.value())
        rows.append({QString::number(policy.id), policy.typeKey, policy.displayName, version.contentHash.left(12)});
    if (!rows.isEmpty())
        m_out->table({QStringLiteral("ID"), QStringLiteral("TYPE"), QStringLiteral("NAME"), QStringLiteral("CONTENT")}, rows);
    return ExitCode::Success;
}

} // namespace pv::cli
