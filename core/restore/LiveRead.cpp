// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "core/restore/LiveRead.h"

#include "core/capture/ObjectReader.h"
#include "core/graph/ReadOnlyGraphClient.h"
#include "core/restore/WriteBody.h"

namespace pv::restore {

void readLive(graph::ReadOnlyGraphClient& client, const QString& typeKey, const QString& graphId,
              std::function<void(Result<QJsonObject>)> done)
{
    capture::ReadTarget target;
    target.typeKey = typeKey;
    target.graphId = graphId;
    capture::readObjects(client, {target}, [typeKey, done = std::move(done)](int, Result<QJsonObject> object) {
        // The capture adds a scope tag's auto-assignments; the preview fingerprints the tag as
        // GET returns it.
        if (object && typeKey == u"scopeTags")
            object->remove(QStringLiteral("assignments"));
        done(std::move(object));
    });
}

void readObjectOnly(graph::ReadOnlyGraphClient& client, const QString& typeKey, const QString& graphId,
                    std::function<void(Result<QJsonObject>)> done)
{
    if (!isPolicyType(typeKey))
        return readLive(client, typeKey, graphId, std::move(done));
    graph::ReadOnlyGraphClient* c = &client;
    client.get(capture::collectionOf(typeKey) + QLatin1Char('/') + capture::segment(graphId) + QStringLiteral("?$expand=settings"),
               [c, done = std::move(done)](Result<graph::GraphResponse> response) {
                   if (!response)
                       return done(response.failure());
                   c->completeExpanded(response->body, QStringLiteral("settings"), done);
               });
}

} // namespace pv::restore
