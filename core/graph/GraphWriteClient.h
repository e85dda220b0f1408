// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

#include "core/graph/BatchRunner.h"
#include "core/graph/GraphTypes.h"
#include "core/graph/Pager.h"

#include <QObject>

#include <memory>

class QNetworkAccessManager;

namespace pv::graph {

class GraphTransport;
class RequestGovernor;
class TokenProvider;

/// The Graph client that can write: POST, PUT and PATCH besides the reads. Only the live
/// restore (kind `restore`, JobServices::graphWriteClient) gets one; capture and preview get
/// ReadOnlyGraphClient and no way to reach this type.
///
/// Writes count against the tenant's write budget in the shared governor (Intune: 100 per
/// 20 s per app per tenant, GRAPH_NOTES §4.4; shared with every other client of the tenant)
/// and are never retried once they may have reached Graph: a timeout, a dropped connection, a
/// truncated body or a 5xx comes back as the error it is, and the caller's journal decides
/// (reconciliation). The one retry is a 429: Graph says it did not process the request, so it
/// is sent again after Retry-After with the same client-request-id.
///
/// The caller makes the client-request-id (newClientRequestId()) and records it before
/// sending; the transport sends exactly that id. Asynchronous like ReadOnlyGraphClient: every
/// call returns at once and calls back exactly once, later, on this object's thread.
class GraphWriteClient final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(GraphWriteClient)

public:
    GraphWriteClient(GraphClientOptions options, QNetworkAccessManager* network,
                     std::shared_ptr<TokenProvider> tokens, std::shared_ptr<RequestGovernor> governor,
                     QObject* parent = nullptr);
    ~GraphWriteClient() override;

    /// A fresh client-request-id (a GUID) for a write the caller is about to journal.
    static QString newClientRequestId();

    /// The absolute URL `path` (relative to the version root) is sent to: what a journal records.
    QUrl urlFor(const QString& path) const;

    /// POST (create, `/assign`), PUT (replace) and PATCH (metadata) of `body` (compact JSON)
    /// to `path`, with `clientRequestId` as the request's `client-request-id`.
    void post(const QString& path, const QByteArray& body, const QString& clientRequestId, ResponseCallback done);
    void put(const QString& path, const QByteArray& body, const QString& clientRequestId, ResponseCallback done);
    void patch(const QString& path, const QByteArray& body, const QString& clientRequestId, ResponseCallback done);

    /// Reads, as ReadOnlyGraphClient has them (retried).
    void get(const QString& path, ResponseCallback done);
    void getAllPages(const QString& path, PagesCallback done);
    void batchGet(const QStringList& paths, BatchCallback done);

    RequestGovernor& governor() const;

private:
    void write(const QByteArray& method, const QString& path, const QByteArray& body, const QString& clientRequestId,
               ResponseCallback done);

    std::unique_ptr<GraphTransport> m_transport;
};

} // namespace pv::graph
