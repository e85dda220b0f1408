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
    QString family = QStringLiteral("unknown");
    QStringList scopes;            ///< any one of them grants access
    bool directoryStyle403 = false;
    std::function<SimResponse(RouteContext&)> handler;
};

/// Normalises "coll/key" into key segments. Returns false with *error when nothing matches.
bool matchRoute(const SimRequest& request, QList<PathSegment>* segments, Route* route, SimResponse* error);

/// The 403 for a caller that lacks every one of route.scopes; none when it has one.
bool checkScopes(const Route& route, const Caller& caller, SimResponse* error);

} // namespace graphsim
