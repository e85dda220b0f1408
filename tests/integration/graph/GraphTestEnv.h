// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

// Shared set-up of the Graph client integration tests: an in-process graphsim over HTTPS with
// its per-run CA, and a ReadOnlyGraphClient signed in as the tenant's first app through
// graphsim's token endpoint. Waiting is on conditions (QTest::qWaitFor), never on time.

#include "core/graph/ClientCredentialsTokenProvider.h"
#include "core/graph/ReadOnlyGraphClient.h"
#include "core/graph/RequestGovernor.h"

#include "GraphsimTestClient.h"
#include "tools/graphsim/server/SimServer.h"

#include <QNetworkAccessManager>
#include <QTest>

#include <memory>
#include <optional>

/// Starts `start(callback)` and waits until the callback ran (or the timeout passed: nullopt).
template<typename T, typename Start>
std::optional<T> await(Start start, int timeoutMs = 120000)
{
    auto out = std::make_shared<std::optional<T>>();
    start([out](T value) { out->emplace(std::move(value)); });
    const bool arrived = QTest::qWaitFor([&] { return out->has_value(); }, timeoutMs);
    Q_UNUSED(arrived) // the caller checks has_value()
    return std::move(*out);
}

class GraphTestEnv
{
public:
    explicit GraphTestEnv(graphsim::SimOptions options);
    ~GraphTestEnv();

    bool start(QString* error);
    graphsim::SimServer& server() { return *m_server; }
    GraphsimTestClient& sim() { return *m_sim; }
    graphsim::SimTenantCredentials tenant(int index = 0) const { return m_server->tenants().value(index); }

    /// Client options for the simulated tenant: global cloud, graph and authority URLs on
    /// graphsim's HTTPS listener, its CA, quick retries.
    pv::graph::GraphClientOptions clientOptions() const;
    pv::graph::ClientCredentials credentials(int tenantIndex = 0) const;
    std::shared_ptr<pv::graph::ClientCredentialsTokenProvider> tokenProvider(int tenantIndex = 0);
    /// A fresh client with its own token provider and `governor` (a new default one if null).
    std::unique_ptr<pv::graph::ReadOnlyGraphClient> client(std::shared_ptr<pv::graph::RequestGovernor> governor = {},
                                                           std::optional<pv::graph::GraphClientOptions> options = {});
    QNetworkAccessManager& network() { return m_network; }

    /// /_sim helpers.
    QJsonObject stats() { return m_sim->sim(QStringLiteral("stats")); }
    void config(const QJsonObject& config) { m_sim->sim(QStringLiteral("config"), config); }
    void reset() { m_sim->sim(QStringLiteral("reset"), QJsonObject{{QStringLiteral("all"), true}}); }
    int writes() { return static_cast<int>(m_sim->sim(QStringLiteral("writes")).value(QStringLiteral("value")).toArray().size()); }
    /// Every configurationPolicies id, walked page by page by the test's own simple client.
    QStringList policyIdsIndependently();

private:
    std::unique_ptr<graphsim::SimServer> m_server;
    std::unique_ptr<GraphsimTestClient> m_sim;
    QNetworkAccessManager m_network;
};

/// Faults off, cap 3 (graphsim's default), as a /_sim/config "faults" object.
QJsonObject noFaults();
