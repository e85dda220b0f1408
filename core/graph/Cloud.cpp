// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "core/graph/Cloud.h"

#include <QHostAddress>

namespace pv::graph {

namespace {

constexpr Cloud AllClouds[] = {Cloud::Global, Cloud::UsGov, Cloud::UsGovDoD, Cloud::China};

/// Trailing slashes removed, so paths can be appended with one '/'.
QUrl withoutTrailingSlash(QUrl url)
{
    QString path = url.path();
    while (path.endsWith(QLatin1Char('/')))
        path.chop(1);
    url.setPath(path);
    return url;
}

Result<QUrl> checkOverride(const QString& text, const char* what)
{
    const QUrl url(text, QUrl::StrictMode);
    const QString name = QString::fromLatin1(what);
    if (!url.isValid() || url.isRelative() || url.host().isEmpty())
        return fail(ErrorCode::InvalidArgument, QStringLiteral("%1 '%2' is not an absolute URL").arg(name, text));
    if (url.hasQuery() || url.hasFragment() || !url.userInfo().isEmpty())
        return fail(ErrorCode::InvalidArgument,
                    QStringLiteral("%1 '%2' must not have a query, fragment or user info").arg(name, text));
    const QString scheme = url.scheme().toLower();
    if (scheme == QLatin1String("http")) {
        if (!isLoopbackHost(url.host()))
            return fail(ErrorCode::InvalidArgument,
                        QStringLiteral("%1 '%2': plain http is accepted only for loopback hosts").arg(name, text));
    } else if (scheme != QLatin1String("https")) {
        return fail(ErrorCode::InvalidArgument, QStringLiteral("%1 '%2' must be an https URL").arg(name, text));
    }
    return withoutTrailingSlash(url);
}

} // namespace

QString cloudName(Cloud cloud)
{
    switch (cloud) {
    case Cloud::Global: return QStringLiteral("global");
    case Cloud::UsGov: return QStringLiteral("usgov");
    case Cloud::UsGovDoD: return QStringLiteral("usgovdod");
    case Cloud::China: return QStringLiteral("china");
    }
    return QStringLiteral("global");
}

QStringList cloudNames()
{
    QStringList names;
    for (Cloud cloud : AllClouds)
        names.append(cloudName(cloud));
    return names;
}

Result<Cloud> parseCloud(const QString& name)
{
    for (Cloud cloud : AllClouds) {
        if (name.compare(cloudName(cloud), Qt::CaseInsensitive) == 0)
            return cloud;
    }
    return fail(ErrorCode::InvalidArgument,
                QStringLiteral("unknown cloud '%1' (one of: %2)").arg(name, cloudNames().join(QStringLiteral(", "))));
}

GraphEndpoints cloudEndpoints(Cloud cloud)
{
    // GRAPH_NOTES §5.5 [D, concepts/deployments.md].
    QString graph;
    QString authority;
    switch (cloud) {
    case Cloud::Global:
        graph = QStringLiteral("https://graph.microsoft.com");
        authority = QStringLiteral("https://login.microsoftonline.com");
        break;
    case Cloud::UsGov:
        graph = QStringLiteral("https://graph.microsoft.us");
        authority = QStringLiteral("https://login.microsoftonline.us");
        break;
    case Cloud::UsGovDoD:
        graph = QStringLiteral("https://dod-graph.microsoft.us");
        authority = QStringLiteral("https://login.microsoftonline.us");
        break;
    case Cloud::China:
        graph = QStringLiteral("https://microsoftgraph.chinacloudapi.cn");
        authority = QStringLiteral("https://login.chinacloudapi.cn");
        break;
    }
    return GraphEndpoints{QUrl(graph), QUrl(authority), graph + QStringLiteral("/.default")};
}

Result<GraphEndpoints> resolveEndpoints(Cloud cloud, const QString& graphUrl, const QString& authorityUrl)
{
    GraphEndpoints endpoints = cloudEndpoints(cloud);
    if (!graphUrl.isEmpty()) {
        Result<QUrl> url = checkOverride(graphUrl, "Graph URL");
        if (!url)
            return url.failure();
        endpoints.graphRoot = *url;
    }
    if (!authorityUrl.isEmpty()) {
        Result<QUrl> url = checkOverride(authorityUrl, "authority URL");
        if (!url)
            return url.failure();
        endpoints.authority = *url;
    }
    return endpoints;
}

QUrl GraphEndpoints::tokenUrl(const QString& entraTenantId) const
{
    // A GUID or a domain: nothing that could change the path or add a query.
    if (entraTenantId.isEmpty())
        return {};
    for (QChar c : entraTenantId) {
        if (!(c.isLetterOrNumber() && c.unicode() < 128) && c != QLatin1Char('-') && c != QLatin1Char('.'))
            return {};
    }
    QUrl url = authority;
    url.setPath(url.path() + QLatin1Char('/') + entraTenantId + QStringLiteral("/oauth2/v2.0/token"));
    return url;
}

bool isLoopbackHost(const QString& host)
{
    if (host.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0)
        return true;
    const QHostAddress address(host);
    return !address.isNull() && address.isLoopback();
}

} // namespace pv::graph
