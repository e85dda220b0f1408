// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "core/graph/Pager.h"

#include "core/graph/GraphTransport.h"

#include <QSet>
#include <QTimer>

namespace pv::graph::Pager {

namespace {

const QString NextLink = QStringLiteral("@odata.nextLink");

struct State
{
    GraphTransport* transport = nullptr;
    QString property;                 ///< empty: the response's own `value`
    QJsonArray items;
    int pages = 0;
    QStringList requestIds;
    QSet<QString> seenLinks;          ///< a server that loops must not make us loop
    std::function<void(Result<PagedItems>)> done;
};

void fetch(const std::shared_ptr<State>& state, const QUrl& url)
{
    GraphCall call;
    call.url = url;
    state->transport->send(call, [state](Result<GraphResponse> response) {
        if (!response) {
            Error error = response.error();
            error.message = QStringLiteral("page %1 of the collection: %2").arg(state->pages + 1).arg(error.message);
            return state->done(fail(std::move(error)));
        }
        const QJsonValue value = response->body.value(QStringLiteral("value"));
        if (!value.isArray()) {
            return state->done(fail(ErrorCode::Parse,
                                    QStringLiteral("page %1 of the collection has no 'value' array").arg(state->pages + 1),
                                    response->status, response->requestId));
        }
        for (const QJsonValue& item : value.toArray())
            state->items.append(item);
        ++state->pages;
        state->requestIds.append(response->requestId);
        const QString link = response->body.value(NextLink).toString();
        if (link.isEmpty())
            return state->done(PagedItems{state->items, state->pages, state->requestIds});
        if (state->seenLinks.contains(link))
            return state->done(fail(ErrorCode::Parse, QStringLiteral("the collection's nextLink repeats itself"),
                                    response->status, response->requestId));
        state->seenLinks.insert(link);
        const Result<QUrl> next = verbatimUrl(link);
        if (!next)
            return state->done(next.failure());
        fetch(state, *next);
    });
}

} // namespace

Result<QUrl> verbatimUrl(const QString& link)
{
    const QByteArray encoded = link.toUtf8();
    const QUrl url = QUrl::fromEncoded(encoded, QUrl::StrictMode);
    if (!url.isValid() || url.isRelative() || url.toEncoded() != encoded)
        return fail(ErrorCode::Parse, QStringLiteral("nextLink is not an absolute URL that can be sent verbatim"));
    return url;
}

void collect(GraphTransport& transport, const QUrl& first, PagesCallback done)
{
    auto state = std::make_shared<State>();
    state->transport = &transport;
    state->done = std::move(done);
    fetch(state, first);
}

void completeExpanded(GraphTransport& transport, QJsonObject entity, const QString& property,
                      std::function<void(Result<QJsonObject>)> done)
{
    const QString linkKey = property + NextLink;
    const QString link = entity.value(linkKey).toString();
    if (link.isEmpty()) {
        entity.remove(linkKey);
        QTimer::singleShot(0, &transport, [entity, done = std::move(done)] { done(entity); });
        return;
    }
    const Result<QUrl> next = verbatimUrl(link);
    if (!next)
        return done(next.failure());
    auto shared = std::make_shared<QJsonObject>(std::move(entity));
    collect(transport, *next, [shared, property, linkKey, done = std::move(done)](Result<PagedItems> rest) {
        if (!rest)
            return done(rest.failure());
        QJsonArray all = shared->value(property).toArray();
        for (const QJsonValue& item : std::as_const(rest->items))
            all.append(item);
        shared->insert(property, all);
        shared->remove(linkKey);
        done(std::move(*shared));
    });
}

} // namespace pv::graph::Pager
