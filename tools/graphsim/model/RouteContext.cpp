// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "tools/graphsim/model/RouteContext.h"

#include "tools/graphsim/model/GraphErrors.h"
#include "tools/graphsim/model/ODataFilter.h"
#include "tools/graphsim/model/SimRandom.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QUrl>

namespace graphsim {

QList<PathSegment> parsePath(const QString& path)
{
    QList<PathSegment> segments;
    for (const QString& raw : path.split(u'/', Qt::SkipEmptyParts)) {
        PathSegment segment;
        const qsizetype open = raw.indexOf(u'(');
        if (open > 0 && raw.endsWith(u')')) {
            segment.name = raw.left(open);
            QString key = raw.mid(open + 1, raw.size() - open - 2).trimmed();
            if (key.size() >= 2 && key.startsWith(u'\'') && key.endsWith(u'\''))
                key = key.mid(1, key.size() - 2).replace(QStringLiteral("''"), QStringLiteral("'"));
            segment.key = key;
            segment.hasKey = true;
        } else {
            segment.name = raw;
        }
        segments << segment;
    }
    return segments;
}

QString RouteContext::metadata(const QString& rest) const
{
    const QString origin = request.origin.toString(QUrl::RemovePath | QUrl::RemoveQuery | QUrl::StripTrailingSlash);
    const QString version = request.apiVersion.isEmpty() ? QStringLiteral("beta") : request.apiVersion;
    return origin + u'/' + version + QStringLiteral("/$metadata#") + rest;
}

QString RouteContext::now() const
{
    return graphTimestamp(clock.now());
}

bool RouteContext::bodyObject(QJsonObject* body, SimResponse* error) const
{
    if (request.body.trimmed().isEmpty()) {
        *error = errors::badRequest(QStringLiteral("Empty Payload. JSON content expected."));
        return false;
    }
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(request.body, &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject()) {
        *error = errors::badRequest(QStringLiteral("Invalid JSON. %1 at offset %2.")
                                        .arg(parseError.errorString()).arg(parseError.offset));
        return false;
    }
    *body = doc.object();
    return true;
}

SimResponse listResponse(RouteContext& ctx, const QList<QJsonObject>& items, const ListSpec& spec)
{
    if (!ctx.options.error.isEmpty())
        return errors::badRequest(ctx.options.error);
    ODataFilter filter;
    QString filterError;
    if (!filter.parse(ctx.options.filter, spec.prototype, spec.entityType, &filterError))
        return errors::badRequest(filterError);

    const QString fingerprint = queryFingerprint(ctx.request, ctx.options);
    qsizetype start = 0;
    if (ctx.options.hasSkipToken) {
        start = ctx.signer.verify(ctx.options.skipToken, fingerprint);
        if (start < 0)
            return errors::badRequest(QStringLiteral("The $skiptoken value '%1' is not valid for this request.")
                                          .arg(ctx.options.skipToken.left(64)));
    }
    int pageSize = ctx.options.top >= 0 ? qMin(ctx.options.top, spec.maxPageSize) : spec.defaultPageSize;
    if (pageSize <= 0 && ctx.options.top != 0)
        pageSize = 1;

    QList<const QJsonObject*> matching;
    matching.reserve(items.size());
    for (const QJsonObject& item : items) {
        if (filter.matches(item))
            matching << &item;
    }
    QJsonArray page;
    const qsizetype end = qMin<qsizetype>(matching.size(), start + pageSize);
    for (qsizetype i = start; i < end; ++i) {
        QJsonObject item = *matching.at(i);
        if (spec.decorate)
            item = spec.decorate(item);
        page.append(ctx.options.applySelect(item));
    }
    QJsonObject body{{QStringLiteral("@odata.context"), ctx.metadata(spec.contextPath)}};
    if (spec.countInPage)
        body.insert(QStringLiteral("@odata.count"), page.size());
    // $top alone is a limit, not a page size, on most Graph APIs; Intune however pages on,
    // and clients follow nextLink either way.
    if (end < matching.size() && pageSize > 0)
        body.insert(QStringLiteral("@odata.nextLink"),
                    buildNextLink(ctx.request, ctx.options, ctx.signer.issue(end, fingerprint)));
    if (ctx.options.select.isEmpty()) {
        for (auto it = spec.annotations.begin(); it != spec.annotations.end(); ++it)
            body.insert(it.key(), it.value());
    }
    body.insert(QStringLiteral("value"), page);
    return SimResponse::json(200, body);
}

SimResponse entityResponse(RouteContext& ctx, QJsonObject entity, const QString& contextPath)
{
    if (!ctx.options.error.isEmpty())
        return errors::badRequest(ctx.options.error);
    entity = ctx.options.applySelect(entity);
    entity.insert(QStringLiteral("@odata.context"), ctx.metadata(contextPath));
    return SimResponse::json(200, entity);
}

} // namespace graphsim
