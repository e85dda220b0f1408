// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QSet>
#include <QString>

namespace pv::normalize {
class Normalizer;
}

/// The readable differences a restore preview shows between a live object (old) and the
/// captured content it would restore (new). Pure functions over Graph JSON: no network, no
/// database. Secret values never appear: secret rows read "(secret)" (the normalizer's text).
namespace pv::restore::diff {

/// Names the diffs use instead of ids: scope tags, filters and groups (id → displayName).
struct Names
{
    QHash<QString, QString> scopeTags;
    QHash<QString, QString> filters;
    QHash<QString, QString> groups;
};

/// Setting-level differences from the normalizer's rows joined on rowKey:
/// [{"rowKey", "setting", "old", "new"}]; "old" is null for a setting the restore adds, "new"
/// null for one it removes.
QJsonArray settings(const normalize::Normalizer& normalizer, const QJsonObject& live, const QJsonObject& captured);

/// Top-level properties that differ (name, description, roleScopeTagIds, platforms,
/// technologies, templateReference, a filter's rule, …): [{"field", "old", "new"}], readable.
/// Bookkeeping (ids, times, counters, settings, assignments, OData annotations) is left out.
QJsonArray metadata(const QString& typeKey, const QJsonObject& live, const QJsonObject& captured, const Names& names);

/// What `/assign` with the captured set does to the live set: {"summary", "added": [text],
/// "removed": [text]}; an empty object when the sets are equal (targets compared, ids ignored).
QJsonObject assignments(const QJsonObject& live, const QJsonObject& captured, const Names& names);

/// Secret setting value tokens of a policy: setting definition id → token (lower-case).
QHash<QString, QString> secretTokens(const QJsonObject& policy);

/// The canonical content hash the preview compares (CanonicalJson's contentHash under the
/// type's profile); `withAssignments` false leaves the assignments out.
QString contentHash(const QString& typeKey, const QJsonObject& object, bool withAssignments);

/// Ids an object refers to: scope tags (roleScopeTagIds), and from its assignments filters
/// and groups.
struct References
{
    QSet<QString> scopeTags;
    QSet<QString> filters;
    QSet<QString> groups;
};
References referencesOf(const QJsonObject& object, bool withAssignments);

} // namespace pv::restore::diff
