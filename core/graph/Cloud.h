// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

#include "core/common/Result.h"

#include <QString>
#include <QStringList>
#include <QUrl>

namespace pv::graph {

/// The Microsoft clouds a tenant can live in (GRAPH_NOTES §5.5). Tokens of one cloud are not
/// accepted by another, so the cloud fixes the token scope even when URLs are overridden.
enum class Cloud { Global, UsGov, UsGovDoD, China };

/// "global", "usgov" (GCC High), "usgovdod" (DoD), "china": the names the store and the CLI use.
QString cloudName(Cloud cloud);
/// InvalidArgument for an unknown name (case-insensitive).
Result<Cloud> parseCloud(const QString& name);
/// Every name parseCloud() accepts.
QStringList cloudNames();

/// Where a tenant's requests go, and the scope its tokens are asked for.
struct GraphEndpoints
{
    QUrl graphRoot;   ///< e.g. https://graph.microsoft.com (no version segment)
    QUrl authority;   ///< e.g. https://login.microsoftonline.com (no tenant segment)
    QString scope;    ///< always "<the cloud's graph root>/.default"

    /// `<authority>/<tenant>/oauth2/v2.0/token`; empty for a tenant id that is not a GUID or domain.
    QUrl tokenUrl(const QString& entraTenantId) const;
};

/// The cloud's own endpoints.
GraphEndpoints cloudEndpoints(Cloud cloud);

/// Endpoints for a tenant: the cloud's, with `graphUrl` / `authorityUrl` (when not empty)
/// replacing where requests go. The scope stays the cloud's. An override must be an absolute
/// https URL, or http on a loopback host (127.0.0.0/8, ::1, localhost); no query or fragment.
/// InvalidArgument otherwise, naming the offending URL.
Result<GraphEndpoints> resolveEndpoints(Cloud cloud, const QString& graphUrl = {}, const QString& authorityUrl = {});

/// True for hosts that never leave the machine: 127.0.0.0/8, ::1 and "localhost".
bool isLoopbackHost(const QString& host);

} // namespace pv::graph
