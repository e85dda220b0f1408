// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

// Internal to graphsim_model: the OData JSON metadata level a request asks for in its Accept
// header, and the full-metadata rewrite of a route's response (GRAPH_NOTES §0).

#include "tools/graphsim/model/RouteContext.h"

namespace graphsim {

enum class MetadataLevel
{
    Minimal,    ///< the default, also what "none" and unknown values get
    Full,
};

/// The odata.metadata (or OData 4.01 metadata) parameter of the Accept media range with the
/// highest q-value; Minimal when there is none.
MetadataLevel requestedMetadata(const SimRequest& request);

/// Turns a successful JSON response of the route at `segments` into odata.metadata=full: the
/// Content-Type says so, and every entity (list items, a single entity, expanded settings,
/// assignments, settingDefinitions, settingTemplates) carries @odata.type, @odata.id,
/// @odata.editLink and a navigationLink per navigation property. Errors and 204s are untouched.
void applyFullMetadata(const SimRequest& request, const QList<PathSegment>& segments, SimResponse* response);

} // namespace graphsim
