// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

#include "core/common/Result.h"

#include <QByteArray>
#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>

/// The bodies a live restore sends, built from captured content, and the comparisons that tell
/// whether Graph holds what was meant (read-back, reconciliation).
namespace pv::restore {

/// Old Graph id → new Graph id of the scope tags and filters a restore recreated.
using IdMap = QHash<QString, QString>;

/// A body ready to send, and its SHA-256 (what the journal keeps).
struct WriteBody
{
    QByteArray json;
    QString sha256;
};

/// Where a policy's secret values come from.
struct SecretValues
{
    /// The live object (the re-read right before the write); empty for a create.
    QJsonObject live;
    /// Values the user supplied for this policy: setting definition id → value.
    QHash<QString, QString> supplied;
};

/// The POST/PUT body of a captured object (GRAPH_NOTES §1.5/§1.6): read-only fields stripped
/// (id, createdDateTime, lastModifiedDateTime, settingCount, isAssigned, supportsScopeTags,
/// assignments, settingDefinitions, setting ids, every `@odata.*` but `@odata.type`),
/// templateReference reduced to its templateId (exact case, as are every setting's template
/// references), roleScopeTagIds mapped through `ids`. Secrets: a snapshot token equal to the
/// live token of the same setting is resent as `encryptedValueToken`; else a supplied value
/// goes as `notEncrypted`; else InvalidArgument naming the settings (→ cannot_restore) —
/// never a value in any message.
Result<WriteBody> objectBody(const QString& typeKey, const QJsonObject& captured, const SecretValues& secrets,
                             const IdMap& ids);
/// The `/assign` body: `{"assignments": [{"target": …}]}` of the captured assignments, filter
/// ids mapped through `ids`.
WriteBody assignBody(const QJsonArray& capturedAssignments, const IdMap& ids);

/// The content hash (CanonicalJson, the type's profile: ids, timestamps, counters and secret
/// tokens left out) of `object` as a restore compares it: with or without its assignments,
/// filter and scope-tag ids mapped through `ids` (identity for the live side).
QString comparableHash(const QString& typeKey, QJsonObject object, bool withAssignments, const IdMap& ids = {});
/// The hash of an assignment set alone (targets only).
QString assignmentsHash(const QJsonArray& assignments, const IdMap& ids = {});
/// What differs between what was meant and what Graph holds, for a failed read-back: the
/// top-level fields, and the setting definitions whose instances differ. No values.
QString describeDifference(const QString& typeKey, const QJsonObject& intended, const QJsonObject& actual,
                           bool withAssignments, const IdMap& ids);

/// The display name property of a type (`name` for policies, `displayName` otherwise).
QString nameProperty(const QString& typeKey);
bool isPolicyType(const QString& typeKey);

} // namespace pv::restore
