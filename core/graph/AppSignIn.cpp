// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "core/graph/AppSignIn.h"

#include "core/graph/ClientCertificate.h"
#include "core/graph/ClientCredentialsTokenProvider.h"

namespace pv::graph {

Result<std::shared_ptr<ClientCredentialsTokenProvider>> makeAppTokenProvider(const AppSignInParams& params,
                                                                             SecretStore& secrets,
                                                                             QNetworkAccessManager* network)
{
    ClientCredentials credentials;
    credentials.tokenUrl = params.endpoints.tokenUrl(params.entraTenantId);
    if (credentials.tokenUrl.isEmpty())
        return fail(ErrorCode::InvalidArgument,
                    QStringLiteral("'%1' is not a directory (tenant) id or domain").arg(params.entraTenantId));
    credentials.clientId = params.clientId;
    credentials.scope = params.endpoints.scope;
    credentials.caCertificatePath = params.caCertificatePath;
    if (params.authMethod == QLatin1String("client_secret")) {
        Result<QByteArray> secret = loadClientSecret(secrets, params.tenantUuid);
        if (!secret)
            return secret.failure();
        credentials.clientSecret = std::move(secret).value();
    } else if (params.authMethod == QLatin1String("certificate")) {
        if (params.certificatePath.isEmpty())
            return fail(ErrorCode::Auth, QStringLiteral("certificate sign-in needs the certificate file's path"));
        const Result<QByteArray> password = loadCertificatePassword(secrets, params.tenantUuid);
        if (!password)
            return password.failure();
        Result<ClientCertificate> certificate = ClientCertificate::load(params.certificatePath, *password);
        if (!certificate) {
            Error error = certificate.error();
            if (error.code == ErrorCode::Parse)
                error.code = ErrorCode::Auth;
            return fail(std::move(error));
        }
        const ClientCertificate cert = std::move(certificate).value();
        const QString clientId = credentials.clientId;
        const QUrl tokenUrl = credentials.tokenUrl;
        credentials.assertion = [cert, clientId, tokenUrl] { return cert.assertion(clientId, tokenUrl); };
    } else {
        return fail(ErrorCode::Unsupported,
                    QStringLiteral("'%1' is not an app sign-in method (client_secret, certificate)").arg(params.authMethod));
    }
    return std::make_shared<ClientCredentialsTokenProvider>(std::move(credentials), network);
}

} // namespace pv::graph
