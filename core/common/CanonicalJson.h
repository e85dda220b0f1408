// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace pv {

/// What of one Graph object's JSON is configuration and what is bookkeeping, for one kind of
/// object. The rules that apply to every object (OData annotations, secret value tokens, key
/// order) are not listed here: canonical() always applies them.
struct CanonicalProfile
{
    /// Top-level keys that change without the configuration changing: left out of the hash.
    QStringList volatileKeys;
    /// Top-level arrays that are sets: sorted (by their elements' hashed form).
    QStringList setArrays;
    /// Top-level arrays of objects whose elements carry volatile keys of their own:
    /// array name → keys left out of each element's hash (e.g. assignments → id, sourceId).
    QList<QPair<QString, QStringList>> elementVolatileKeys;

    /// configurationPolicies: settings catalog, endpoint security and security baselines.
    static CanonicalProfile configurationPolicy();
    /// deviceManagement/assignmentFilters.
    static CanonicalProfile assignmentFilter();
    /// deviceManagement/roleScopeTags.
    static CanonicalProfile scopeTag();
    /// Reference data stored with a snapshot (setting definitions, categories, templates,
    /// group names): nothing volatile beyond the general rules.
    static CanonicalProfile reference();
    /// The profile of a product type key (settingsCatalog, endpointSecurity, securityBaseline,
    /// assignmentFilters, scopeTags); reference() for anything else.
    static CanonicalProfile forTypeKey(const QString& typeKey);
};

/// One object in canonical form.
struct CanonicalJson
{
    /// What is stored: every field Graph returned (secret value tokens included, as Graph
    /// returned them), compact, keys in a stable order, sets sorted, lists in order.
    QByteArray canonicalBytes;
    /// What is hashed: canonicalBytes without the fields that change while the configuration
    /// does not (ids, timestamps, counters, OData annotations, secret value tokens).
    QByteArray hashBytes;
    /// SHA-256 of hashBytes, lower-case hex: equal for equal configurations.
    QString contentHash;
};

/// Canonical form of `object` under `profile`. Deterministic: equal input gives equal bytes
/// whatever the key order of the input.
CanonicalJson canonical(const QJsonObject& object, const CanonicalProfile& profile);

/// Compact JSON with keys sorted by UTF-16 code units (as RFC 8785 orders them), integers
/// without a fraction, strings escaped minimally. No other transformation.
QByteArray canonicalSerialize(const QJsonValue& value);

/// SHA-256 of `data`, lower-case hex.
QString sha256Hex(const QByteArray& data);

} // namespace pv
