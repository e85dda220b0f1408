// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "GraphTestEnv.h"

#include "core/graph/Cloud.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QUrlQuery>

using namespace std::chrono_literals;
using namespace pv::graph;

GraphTestEnv::GraphTestEnv(graphsim::SimOptions options)
    : m_server(std::make_unique<graphsim::SimServer>(options))
{
}

GraphTestEnv::~GraphTestEnv()
{
    m_sim.reset();
    m_server->stop();
}

bool GraphTestEnv::start(QString* error)
{
    if (!m_server->start(error))
        return false;
    m_sim = std::make_unique<GraphsimTestClient>(*m_server, true);
    return true;
}

GraphClientOptions GraphTestEnv::clientOptions() const
{
    GraphClientOptions options;
    const QString url = m_server->httpsUrl().toString();
    options.endpoints = *resolveEndpoints(Cloud::Global, url, url);
    options.caCertificatePath = m_server->caCertPath();
    options.retry.baseDelay = 200ms;
    options.retry.maxDelay = 2000ms;
    options.retry.maxAttempts = 8;
    return options;
}

ClientCredentials GraphTestEnv::credentials(int tenantIndex) const
{
    const GraphClientOptions options = clientOptions();
    const graphsim::SimTenantCredentials t = tenant(tenantIndex);
    ClientCredentials credentials;
    credentials.tokenUrl = options.endpoints.tokenUrl(t.tenantId);
    credentials.clientId = t.clientId;
    credentials.scope = options.endpoints.scope;
    credentials.clientSecret = t.clientSecret.toUtf8();
    credentials.caCertificatePath = m_server->caCertPath();
    return credentials;
}

std::shared_ptr<ClientCredentialsTokenProvider> GraphTestEnv::tokenProvider(int tenantIndex)
{
    return std::make_shared<ClientCredentialsTokenProvider>(credentials(tenantIndex), &m_network);
}

std::unique_ptr<ReadOnlyGraphClient> GraphTestEnv::client(std::shared_ptr<RequestGovernor> governor,
                                                          std::optional<GraphClientOptions> options)
{
    if (!governor)
        governor = std::make_shared<RequestGovernor>();
    return std::make_unique<ReadOnlyGraphClient>(options ? *options : clientOptions(), &m_network, tokenProvider(),
                                                 std::move(governor));
}

QStringList GraphTestEnv::policyIdsIndependently()
{
    const QByteArray token = m_sim->token();
    QStringList ids;
    QString next = m_server->httpsUrl().toString() + QStringLiteral("/beta/deviceManagement/configurationPolicies?$select=id");
    while (!next.isEmpty()) {
        const HttpResult page = m_sim->request("GET", QUrl::fromEncoded(next.toUtf8()), {},
                                               {{"Authorization", "Bearer " + token}});
        if (page.status != 200)
            return {};
        for (const QJsonValue& item : page.json().value(QStringLiteral("value")).toArray())
            ids.append(item.toObject().value(QStringLiteral("id")).toString());
        next = page.json().value(QStringLiteral("@odata.nextLink")).toString();
    }
    return ids;
}

QJsonObject noFaults()
{
    return QJsonObject{{QStringLiteral("503"), 0}, {QStringLiteral("504"), 0}, {QStringLiteral("drop"), 0},
                       {QStringLiteral("truncate"), 0}, {QStringLiteral("html"), 0}, {QStringLiteral("intuneJson"), 0},
                       {QStringLiteral("slow"), 0}, {QStringLiteral("families"), QJsonArray{}},
                       {QStringLiteral("maxConsecutive"), 3}};
}
