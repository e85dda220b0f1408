// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "core/normalize/SnapshotDefinitions.h"

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

} // namespace pv::normalize
