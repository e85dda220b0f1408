// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

#include "tools/graphsim/model/SimTypes.h"

#include <QString>
#include <QStringList>

namespace graphsim::errors {

/// Intune wraps its messages in a JSON string ({"_version":3,"Message":…}); IntuneManagement
/// parses it whenever message starts with "{". activityId is left as a fixed GUID because the
/// server adds the real request ids in innerError.
QString intuneMessage(const QString& text, const QString& serviceUrl);

/// OData-level 400 (bad query option, malformed body, bad segment): plain message.
SimResponse badRequest(const QString& message);
/// Intune-level 400 (validation of a policy body): JSON-in-message.
SimResponse intuneBadRequest(const QString& text);
/// Intune-level 404 for an unknown entity id.
SimResponse notFound(const QString& what);
/// Intune's 403 naming the scopes the route needs.
SimResponse forbidden(const QStringList& scopes);
/// 403 for a delegated call whose token has the scope but whose user's Intune role does not.
SimResponse forbiddenUser(const QStringList& scopes);
/// "No method match route template" (Intune, 400).
SimResponse noRoute(const QByteArray& method, const QString& routeTemplate, const QString& path);
/// OData's answer for a path segment it does not know.
SimResponse segmentNotFound(const QString& segment);

} // namespace graphsim::errors
