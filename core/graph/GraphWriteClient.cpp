// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "core/graph/GraphWriteClient.h"

#include "core/graph/GraphTransport.h"
#include "core/graph/RequestGovernor.h"
#include "core/graph/TokenProvider.h"

#include <QUuid>

namespace pv::graph {

GraphWriteClient::GraphWriteClient(GraphClientOptions options, QNetworkAccessManager* network,
                                   std::shared_ptr<TokenProvider> tokens, std::shared_ptr<RequestGovernor> governor,
                                   QObject* parent)
    : QObject(parent)
    , m_transport(std::make_unique<GraphTransport>(std::move(options), GraphTransport::Mode::ReadWrite, network,
                                                   std::move(tokens), std::move(governor)))
{
}

GraphWriteClient::~GraphWriteClient() = default;

QString GraphWriteClient::newClientRequestId()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

QUrl GraphWriteClient::urlFor(const QString& path) const
{
    return m_transport->urlFor(path);
}

void GraphWriteClient::write(const QByteArray& method, const QString& path, const QByteArray& body,
                             const QString& clientRequestId, ResponseCallback done)
{
    GraphCall call;
    call.method = method;
    call.url = m_transport->urlFor(path);
    call.body = body;
    call.writes = 1;
    call.retry = false;
    m_transport->send(std::move(call), clientRequestId, std::move(done));
}

void GraphWriteClient::post(const QString& path, const QByteArray& body, const QString& clientRequestId, ResponseCallback done)
{
    write(QByteArrayLiteral("POST"), path, body, clientRequestId, std::move(done));
}

void GraphWriteClient::put(const QString& path, const QByteArray& body, const QString& clientRequestId, ResponseCallback done)
{
    write(QByteArrayLiteral("PUT"), path, body, clientRequestId, std::move(done));
}

void GraphWriteClient::patch(const QString& path, const QByteArray& body, const QString& clientRequestId, ResponseCallback done)
{
    write(QByteArrayLiteral("PATCH"), path, body, clientRequestId, std::move(done));
}

void GraphWriteClient::get(const QString& path, ResponseCallback done)
{
    GraphCall call;
    call.url = m_transport->urlFor(path);
    m_transport->send(std::move(call), std::move(done));
}

void GraphWriteClient::getAllPages(const QString& path, PagesCallback done)
{
    Pager::collect(*m_transport, m_transport->urlFor(path), std::move(done));
}

void GraphWriteClient::batchGet(const QStringList& paths, BatchCallback done)
{
    BatchRunner::run(*m_transport, paths, std::move(done));
}

RequestGovernor& GraphWriteClient::governor() const
{
    return m_transport->governor();
}

} // namespace pv::graph
