// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

#include "core/common/Error.h"

#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringList>

namespace pv::graph {

/// One line of a connection test's report.
struct ConnectionCheck
{
    QString key;        ///< stable: "signIn", "configurationPolicies", "assignmentFilters", "roleScopeTags", "groups"
    QString label;      ///< for people: "Sign-in", "Scope tags", …
    bool ok = false;
    QString message;    ///< what was found, or the problem in words a person can act on
    QString requestId;  ///< Graph's request-id (or Entra's correlation id) of a failure, for support
};

struct ConnectionTestResult
{
    QList<ConnectionCheck> checks;
    /// True when every check passed.
    bool ok() const;
};

namespace ConnectionChecks {

/// The checks in the order they run: sign-in, then one page of each collection a backup reads.
const QStringList& keys();
QString label(const QString& key);
/// The Graph path read for a collection check (relative to the version root).
QString path(const QString& key);
/// The least application permission that check needs (GRAPH_NOTES §5.4).
QString permission(const QString& key);

/// A sign-in failure explained: Entra's AADSTS codes (GRAPH_NOTES §5.1–§5.5) and transport
/// errors turned into what to change. `scope` and `cloud` name what was asked for.
QString explainSignIn(const Error& error, const QString& scope, const QString& cloud, const QString& entraTenantId,
                      const QString& clientId);
/// A failed read of check `key` explained; a 403 names the missing permission, as Graph's
/// message lists it ("…must have one of the following scopes: A, B") or as §5.4 says.
QString explainRead(const QString& key, const Error& error, const QString& person = {}, bool delegated = false);
/// The first scope a Graph 403 message names ("…following scopes: A, B - Operation ID …"), else empty.
QString scopeNamedIn(const QString& message);

} // namespace ConnectionChecks
} // namespace pv::graph

Q_DECLARE_METATYPE(pv::graph::ConnectionCheck)
Q_DECLARE_METATYPE(pv::graph::ConnectionTestResult)
