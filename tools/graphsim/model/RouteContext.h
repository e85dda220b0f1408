// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

// Internal to graphsim_model: what a route handler gets to work with.

#include "tools/graphsim/model/DefinitionCatalog.h"
#include "tools/graphsim/model/QueryOptions.h"
#include "tools/graphsim/model/SimTenant.h"
#include "tools/graphsim/model/SimTypes.h"
#include "tools/graphsim/model/SimWorld.h"

#include <QJsonObject>
#include <QList>
#include <QString>

#include <functional>

namespace graphsim {

/// One path segment; "configurationPolicies('x')" and "configurationPolicies/x" both end up
/// as {name: "configurationPolicies", key: "x"}.
struct PathSegment
{
    QString name;      ///< as sent
    QString key;
    bool hasKey = false;
};

QList<PathSegment> parsePath(const QString& path);

struct RouteContext
{
    const SimRequest& request;
    const Caller& caller;
    QueryOptions options;
    SimTenant& tenant;
    const DefinitionCatalog& catalog;
    const SkipTokenSigner& signer;
    SimClock& clock;
    const ModelQuirks& quirks;
    int policyPageSize = 25;
    int settingsPageSize = 100;
    QList<PathSegment> segments;

    /// "<origin>/beta/$metadata#" + rest
    QString metadata(const QString& rest) const;
    QString now() const;
    /// The request body as a JSON object, or an error response in *error.
    bool bodyObject(QJsonObject* body, SimResponse* error) const;
};

struct ListSpec
{
    QString contextPath;           ///< after "$metadata#"
    QJsonObject prototype;         ///< for $filter property checks
    QString entityType;            ///< for $filter errors
    int defaultPageSize = 1000;
    int maxPageSize = 1000;
    bool countInPage = false;      ///< configurationPolicies put @odata.count = page size
    QJsonObject annotations;       ///< extra top-level annotations (tips)
    std::function<QJsonObject(const QJsonObject&)> decorate;   ///< applied to page items
};

/// $filter, paging with signed skip tokens, $select: the common tail of every list route.
SimResponse listResponse(RouteContext& ctx, const QList<QJsonObject>& items, const ListSpec& spec);
SimResponse entityResponse(RouteContext& ctx, QJsonObject entity, const QString& contextPath);

} // namespace graphsim
