// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "core/restore/LiveRead.h"

#include "core/capture/ObjectReader.h"
#include "core/graph/ReadOnlyGraphClient.h"
#include "core/restore/LiveReader.h"
#include "core/restore/WriteBody.h"

namespace pv::restore {

void readLive(graph::ReadOnlyGraphClient& client, const QString& typeKey, const QString& graphId,
              std::function<void(Result<QJsonObject>)> done)
{
    // The preview's read, so a fingerprint taken here equals the one the plan stored.
    restore::readLive(client, {LiveTarget{typeKey, graphId}},
                      [done = std::move(done)](int, Result<QJsonObject> object) { done(std::move(object)); });
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
