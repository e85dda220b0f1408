// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

#include "core/common/Result.h"
#include "core/graph/Cloud.h"

#include <QString>

#include <memory>

class QNetworkAccessManager;

namespace pv {
class SecretStore;
}

namespace pv::graph {

class ClientCredentialsTokenProvider;

/// What a run needs to sign in as the tenant's app, from its tenant profile.
struct AppSignInParams
{
    GraphEndpoints endpoints;     ///< resolveEndpoints(cloud, graph URL, authority URL)
    QString entraTenantId;        ///< GUID or domain
    QString clientId;
    QString authMethod;           ///< "client_secret" or "certificate" (TenantRecord::authMethod)
    QString tenantUuid;           ///< keys the tenant's secrets
    QString certificatePath;      ///< PEM or PFX, for "certificate"; its password is in the keychain
    QString caCertificatePath;    ///< extra CA for the authority, if any
};

/// A token provider for the tenant's app: the client secret from POLICYVAULT_CLIENT_SECRET or
/// the keychain, or the certificate file opened with the keychain's password. Auth when the
/// secret is missing or the certificate cannot be opened, InvalidArgument for a tenant id that
/// cannot be put in a URL, Unsupported for the delegated methods (device code, interactive),
/// which are not app sign-in.
Result<std::shared_ptr<ClientCredentialsTokenProvider>> makeAppTokenProvider(const AppSignInParams& params,
                                                                             SecretStore& secrets,
                                                                             QNetworkAccessManager* network);

} // namespace pv::graph
