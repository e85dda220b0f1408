// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

#include "core/common/Result.h"

#include <QJsonObject>
#include <QList>
#include <QString>

#include <functional>

namespace pv::graph {
class ReadOnlyGraphClient;
}

namespace pv::capture {

/// One object to read from Graph.
struct ReadTarget
{
    QString typeKey;      ///< settingsCatalog, endpointSecurity, securityBaseline, assignmentFilters, scopeTags
    QString graphId;
    /// What the type's list returned for it; empty when the object was not listed (capture of
    /// one policy): then the object itself is read.
    QJsonObject listed;
    /// configurationPolicies only: false reuses `stored` (the latest version's content) for
    /// the settings instead of reading them again — lastModifiedDateTime did not move.
    bool readSettings = true;
    QJsonObject stored;
};

/// The Graph operations one target costs: its object (with `$expand=settings` for a policy)
/// unless listed and not re-read, plus its assignments (policies and scope tags).
int operationsFor(const ReadTarget& target);

/// Reads `targets` through one or more `$batch` requests (sub-requests share the envelopes,
/// ≤ 20 each) and calls `done(index, object)` once per target, on the client's thread, as each
/// completes. The object is what Graph returned, `settings` completed from
/// `settings@odata.nextLink`, with `assignments` from `{id}/assignments` — always read on its
/// own: `$expand=assignments` on a single get can come back [] (GRAPH_NOTES §1.2). A failure
/// keeps Graph's status and request-id (404: the object was deleted after it was listed).
void readObjects(graph::ReadOnlyGraphClient& client, const QList<ReadTarget>& targets,
                 std::function<void(int index, Result<QJsonObject> object)> done);

/// `/deviceManagement/configurationPolicies`, `/deviceManagement/assignmentFilters` or
/// `/deviceManagement/roleScopeTags`: the collection that holds objects of `typeKey`.
QString collectionOf(const QString& typeKey);

/// A path segment with everything but unreserved characters percent-encoded.
QString segment(const QString& id);

} // namespace pv::capture
