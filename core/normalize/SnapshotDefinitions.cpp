// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "core/normalize/SnapshotDefinitions.h"

#include "core/normalize/Normalizer.h"
#include "core/store/PolicyCatalog.h"
#include "core/store/SnapshotRepository.h"

namespace pv::normalize {

Result<DefinitionTable> loadSnapshotDefinitions(const SnapshotRepository& snapshots, const TenantScope& scope,
                                                qint64 snapshotId)
{
    auto definitions = snapshots.references(scope, snapshotId, QStringLiteral("definition"));
    if (!definitions)
        return definitions.failure();
    auto categories = snapshots.references(scope, snapshotId, QStringLiteral("category"));
    if (!categories)
        return categories.failure();
    DefinitionTable table;
    for (const QJsonObject& d : std::as_const(*definitions))
        table.addDefinition(d);
    for (const QJsonObject& c : std::as_const(*categories))
        table.addCategory(c);
    return table;
}

Result<qint64> renderingSnapshot(const SnapshotRepository& snapshots, const PolicyCatalog& catalog,
                                 const TenantScope& scope, qint64 versionId)
{
    auto holding = catalog.newestSnapshotWithVersion(scope, versionId);
    if (!holding)
        return holding.failure();
    if (holding.value() > 0)
        return holding.value();
    auto all = snapshots.listSnapshots(scope);   // newest first
    if (!all)
        return all.failure();
    return all->isEmpty() ? qint64(0) : all->first().id;
}

Result<QList<SettingRow>> versionRows(const SnapshotRepository& snapshots, const PolicyCatalog& catalog,
                                      const TenantScope& scope, qint64 versionId)
{
    auto content = snapshots.versionContent(scope, versionId);
    if (!content)
        return content.failure();
    auto snapshotId = renderingSnapshot(snapshots, catalog, scope, versionId);
    if (!snapshotId)
        return snapshotId.failure();
    DefinitionTable table;
    if (snapshotId.value() > 0) {
        auto loaded = loadSnapshotDefinitions(snapshots, scope, snapshotId.value());
        if (!loaded)
            return loaded.failure();
        table = std::move(loaded.value());
    }
    return Normalizer(table).policyRows(content.value());
}

Result<PolicyGeneral> versionGeneral(const SnapshotRepository& snapshots, const PolicyCatalog& catalog,
                                     const TenantScope& scope, qint64 versionId)
{
    auto content = snapshots.versionContent(scope, versionId);
    if (!content)
        return content.failure();
    auto snapshotId = renderingSnapshot(snapshots, catalog, scope, versionId);
    if (!snapshotId)
        return snapshotId.failure();
    QHash<QString, QJsonObject> templates;
    QHash<QString, QJsonObject> scopeTags;
    if (snapshotId.value() > 0) {
        auto t = snapshots.references(scope, snapshotId.value(), QStringLiteral("template"));
        if (!t)
            return t.failure();
        auto s = snapshots.references(scope, snapshotId.value(), QStringLiteral("scope_tag"));
        if (!s)
            return s.failure();
        templates = std::move(t.value());
        scopeTags = std::move(s.value());
    }
    return policyGeneral(content.value(), templates, scopeTags);
}

Result<QList<AssignmentRow>> versionAssignments(const SnapshotRepository& snapshots, const PolicyCatalog& catalog,
                                                const TenantScope& scope, qint64 versionId)
{
    auto content = snapshots.versionContent(scope, versionId);
    if (!content)
        return content.failure();
    auto snapshotId = renderingSnapshot(snapshots, catalog, scope, versionId);
    if (!snapshotId)
        return snapshotId.failure();
    QHash<QString, QJsonObject> groups;
    QHash<QString, QJsonObject> filters;
    if (snapshotId.value() > 0) {
        auto g = snapshots.references(scope, snapshotId.value(), QStringLiteral("group"));
        if (!g)
            return g.failure();
        auto f = snapshots.references(scope, snapshotId.value(), QStringLiteral("filter"));
        if (!f)
            return f.failure();
        groups = std::move(g.value());
        filters = std::move(f.value());
    }
    return policyAssignments(content.value(), groups, filters);
}

} // namespace pv::normalize
