// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "core/jobs/JobKinds.h"

#include "core/capture/CaptureKinds.h"
#include "core/graph/AppSignIn.h"
#include "core/graph/ClientCredentialsTokenProvider.h"
#include "core/graph/Cloud.h"
#include "core/graph/DelegatedTokenProvider.h"
#include "core/graph/GraphWriteClient.h"
#include "core/graph/ReadOnlyGraphClient.h"
#include "core/restore/RestoreKinds.h"
#include "core/restore/RestorePreviewJob.h"
#include "core/runs/RunService.h"
#include "core/store/Database.h"
#include "core/store/TenantRepository.h"

#include <QFileInfo>

namespace pv::JobKinds {

namespace {

Result<std::shared_ptr<graph::TokenProvider>> makeAppTokens(const TenantRecord& tenant, const graph::GraphEndpoints& endpoints,
                                                            SecretStore& secrets, QNetworkAccessManager* network)
{
    graph::AppSignInParams params;
    params.endpoints = endpoints;
    params.entraTenantId = tenant.entraTenantId;
    params.clientId = tenant.clientId;
    params.authMethod = tenant.authMethod;
    params.tenantUuid = tenant.uuid;
    params.certificatePath = tenant.certificatePath;
    params.caCertificatePath = tenant.caCertificatePath;
    auto tokens = graph::makeAppTokenProvider(params, secrets, network);
    if (!tokens)
        return tokens.failure();
    return std::shared_ptr<graph::TokenProvider>(std::move(tokens).value());
}

/// What both client types are built from: options, tokens and the tenant's governor.
struct ClientParts
{
    graph::GraphClientOptions options;
    std::shared_ptr<graph::TokenProvider> tokens;
    std::shared_ptr<graph::RequestGovernor> governor;
};

Result<ClientParts> makeClientParts(const std::shared_ptr<Database>& database, SecretStore* secrets,
                                    graph::GovernorRegistry& governors, const ServiceOptions& options, qint64 tenantId,
                                    QNetworkAccessManager* network)
{
    const TenantRepository tenants(database);
    auto tenant = tenants.byId(tenantId);
    if (!tenant)
        return tenant.failure();
    if (tenant->simulated && options.prepareSimulatedTenant) {
        if (Status s = options.prepareSimulatedTenant(*tenant); !s)
            return s.failure();
        tenant = tenants.byId(tenantId);   // the demo helper may have pointed it at a new graphsim
        if (!tenant)
            return tenant.failure();
    }
    auto cloud = graph::parseCloud(tenant->cloud);
    if (!cloud)
        return cloud.failure();
    auto endpoints = graph::resolveEndpoints(*cloud, tenant->graphUrl, tenant->authorityUrl);
    if (!endpoints)
        return endpoints.failure();
    if (!secrets)
        return fail(ErrorCode::Internal, QStringLiteral("no secret store was given to the run service"));
    std::shared_ptr<graph::TokenProvider> tokens;
    if (tenant->authMethod == QLatin1String("device_code") || tenant->authMethod == QLatin1String("interactive")) {
        // A person's sign-in: a run never prompts (a detached worker has nobody to ask), so
        // without a stored refresh token it fails at once, saying how to sign in.
        graph::DelegatedSignInParams params;
        params.endpoints = *endpoints;
        params.entraTenantId = tenant->entraTenantId;
        params.clientId = tenant->clientId;
        params.tenantUuid = tenant->uuid;
        params.tenantName = tenant->name;
        params.caCertificatePath = tenant->caCertificatePath;
        // Every process using this data folder (GUI, CLI, workers) takes the same refresh lock.
        params.lockDirectory = QFileInfo(database->path()).absolutePath();
        if (auto refresh = graph::loadRefreshToken(*secrets, tenant->uuid, tenant->name); !refresh)
            return refresh.failure();
        tokens = std::make_shared<graph::DelegatedTokenProvider>(params, secrets, network);
    } else {
        auto app = makeAppTokens(*tenant, *endpoints, *secrets, network);
        if (!app)
            return app.failure();
        tokens = std::move(app).value();
    }
    graph::GraphClientOptions clientOptions;
    clientOptions.endpoints = *endpoints;
    clientOptions.caCertificatePath = tenant->caCertificatePath;
    if (options.retry)
        clientOptions.retry = *options.retry;
    if (options.transferTimeout)
        clientOptions.transferTimeout = *options.transferTimeout;
    return ClientParts{clientOptions, std::move(tokens), governors.forTenant(tenant->uuid)};
}

Result<std::unique_ptr<graph::ReadOnlyGraphClient>> makeClient(const std::shared_ptr<Database>& database,
                                                               SecretStore* secrets, graph::GovernorRegistry& governors,
                                                               const ServiceOptions& options, qint64 tenantId,
                                                               QNetworkAccessManager* network)
{
    auto parts = makeClientParts(database, secrets, governors, options, tenantId, network);
    if (!parts)
        return parts.failure();
    return std::make_unique<graph::ReadOnlyGraphClient>(parts->options, network, parts->tokens, parts->governor);
}

Result<std::unique_ptr<graph::GraphWriteClient>> makeWriteClient(const std::shared_ptr<Database>& database,
                                                                 SecretStore* secrets, graph::GovernorRegistry& governors,
                                                                 const ServiceOptions& options, qint64 tenantId,
                                                                 QNetworkAccessManager* network)
{
    auto parts = makeClientParts(database, secrets, governors, options, tenantId, network);
    if (!parts)
        return parts.failure();
    return std::make_unique<graph::GraphWriteClient>(parts->options, network, parts->tokens, parts->governor);
}

} // namespace

std::shared_ptr<JobServices> makeServices(std::shared_ptr<Database> database, SecretStore* secrets, ServiceOptions options)
{
    auto services = std::make_shared<JobServices>();
    auto governors = std::make_shared<graph::GovernorRegistry>(options.governor);
    services->database = database;
    services->secrets = secrets;
    services->prepareSimulatedTenant = options.prepareSimulatedTenant;
    services->graphClient = [database, secrets, governors, options](qint64 tenantId, QNetworkAccessManager* network) {
        return makeClient(database, secrets, *governors, options, tenantId, network);
    };
    services->graphWriteClient = [database, secrets, governors, options](qint64 tenantId, QNetworkAccessManager* network) {
        return makeWriteClient(database, secrets, *governors, options, tenantId, network);
    };
    services->governor = [database, governors](qint64 tenantId) -> std::shared_ptr<graph::RequestGovernor> {
        auto tenant = TenantRepository(database).byId(tenantId);
        return tenant ? governors->forTenant(tenant->uuid) : nullptr;
    };
    return services;
}

QList<JobKind> all(const JobServices& services)
{
    QList<JobKind> kinds = capture::kinds(services) + restore::kinds(services);
    kinds.append(restore::previewKind());
    return kinds;
}

void registerAll(RunService& runs, const JobServices& services)
{
    for (JobKind& kind : all(services))
        runs.registerKind(std::move(kind));
}

} // namespace pv::JobKinds
