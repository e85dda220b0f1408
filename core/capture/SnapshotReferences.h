// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

#include "core/common/Result.h"

#include <QJsonArray>

#include <functional>

namespace pv::capture {

class GraphSession;

/// What storing a snapshot's references did.
struct ReferenceSummary
{
    int stored = 0;          ///< references written with the snapshot
    int fetched = 0;         ///< of which read from Graph now (the rest came from the previous snapshot)
    QStringList missing;     ///< "definition x: why" — could not be read; the snapshot renders without them
};

/// Stores with snapshot `snapshotId` everything its versions refer to, so it renders offline:
/// the setting definitions of every setting (children included), their categories, the
/// templates, the display names of assigned groups, and the listed assignment filters and
/// scope tags. Definitions, categories and templates already stored with the tenant's previous
/// snapshot are taken from there (the catalog changes rarely; a re-capture costs no Graph
/// operation for them) unless `full`; group names are always read again (groups are renamed).
/// Calls `done` on the session's thread.
void storeSnapshotReferences(GraphSession& session, qint64 snapshotId, const QJsonArray& filters,
                             const QJsonArray& scopeTags, bool full, std::function<void(Result<ReferenceSummary>)> done);

} // namespace pv::capture
