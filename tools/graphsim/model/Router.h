// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

// Internal to graphsim_model: maps (method, path) onto a handler, its route family and the
// application permissions it needs.

#include "tools/graphsim/model/RouteContext.h"

#include <functional>

namespace graphsim {

struct Route
{
    using ScopeResolver = std::function<QStringList(const SimTenant&, const DefinitionCatalog&, const SimRequest&)>;

    QString family = QStringLiteral("unknown");
    QStringList scopes;            ///< any one of them grants access
    bool directoryStyle403 = false;
    /// Scopes granted besides `scopes` that depend on the target (endpoint-security policies);
    /// resolved against the caller's tenant, so it is only known after matching.
    ScopeResolver alternativeScopes;
    std::function<SimResponse(RouteContext&)> handler;
};

/// Normalises "coll/key" into key segments. Returns false with *error when nothing matches.
bool matchRoute(const SimRequest& request, QList<PathSegment>* segments, Route* route, SimResponse* error);

/// The 403 for a caller that lacks every one of route.scopes and alternatives; none when it
/// has one. The 403 text names all of them.
bool checkScopes(const Route& route, const Caller& caller, const QStringList& alternatives, SimResponse* error);

} // namespace graphsim
