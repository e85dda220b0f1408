// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "core/graph/ReadOnlyGraphClient.h"

#include "core/graph/GraphTransport.h"
#include "core/graph/RequestGovernor.h"
#include "core/graph/TokenProvider.h"

namespace pv::graph {

ReadOnlyGraphClient::ReadOnlyGraphClient(GraphClientOptions options, QNetworkAccessManager* network,
                                         std::shared_ptr<TokenProvider> tokens,
                                         std::shared_ptr<RequestGovernor> governor, QObject* parent)
    : QObject(parent)
    , m_transport(std::make_unique<GraphTransport>(std::move(options), GraphTransport::Mode::ReadOnly, network,
                                                   std::move(tokens), std::move(governor)))
{
}

ReadOnlyGraphClient::~ReadOnlyGraphClient() = default;

void ReadOnlyGraphClient::get(const QString& path, ResponseCallback done)
{
    GraphCall call;
    call.url = m_transport->urlFor(path);
    m_transport->send(std::move(call), std::move(done));
}

void ReadOnlyGraphClient::getAllPages(const QString& path, PagesCallback done)
{
    Pager::collect(*m_transport, m_transport->urlFor(path), std::move(done));
}

void ReadOnlyGraphClient::batchGet(const QStringList& paths, BatchCallback done)
{
    BatchRunner::run(*m_transport, paths, std::move(done));
}

void ReadOnlyGraphClient::completeExpanded(const QJsonObject& entity, const QString& property,
                                           std::function<void(Result<QJsonObject>)> done)
{
    Pager::completeExpanded(*m_transport, entity, property, std::move(done));
}

RequestGovernor& ReadOnlyGraphClient::governor() const
{
    return m_transport->governor();
}

} // namespace pv::graph
