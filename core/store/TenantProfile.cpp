// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "core/store/TenantProfile.h"

#include "core/store/TenantRepository.h"

#include <QRegularExpression>
#include <QUrl>

namespace pv::TenantProfile {

const QStringList& knownClouds()
{
    static const QStringList clouds{QStringLiteral("global"), QStringLiteral("usgov"), QStringLiteral("usgovdod"),
                                    QStringLiteral("china")};
    return clouds;
}

const QStringList& knownAuthMethods()
{
    static const QStringList methods{QStringLiteral("client_secret"), QStringLiteral("certificate"),
                                     QStringLiteral("device_code"), QStringLiteral("interactive")};
    return methods;
}

bool isHttpsOrLoopback(const QUrl& url)
{
    if (!url.isValid() || url.host().isEmpty())
        return false;
    if (url.scheme() == QLatin1String("https"))
        return true;
    if (url.scheme() != QLatin1String("http"))
        return false;
    // An IPv4 literal in 127/8, not a name that merely starts with "127.".
    static const QRegularExpression loopbackV4(QStringLiteral("^127(\\.\\d{1,3}){3}$"));
    const QString host = url.host();
    return host == QLatin1String("localhost") || host == QLatin1String("::1") || loopbackV4.match(host).hasMatch();
}

Status validate(const TenantRecord& tenant)
{
    if (tenant.name.trimmed().isEmpty())
        return fail(ErrorCode::InvalidArgument, QStringLiteral("A tenant needs a name"));
    if (tenant.entraTenantId.trimmed().isEmpty())
        return fail(ErrorCode::InvalidArgument, QStringLiteral("Tenant %1 needs an Entra tenant id").arg(tenant.name));
    if (!tenant.cloud.isEmpty() && !knownClouds().contains(tenant.cloud))
        return fail(ErrorCode::InvalidArgument, QStringLiteral("Unknown cloud \"%1\" (one of: %2)")
                                                    .arg(tenant.cloud, knownClouds().join(QStringLiteral(", "))));
    if (!tenant.authMethod.isEmpty() && !knownAuthMethods().contains(tenant.authMethod))
        return fail(ErrorCode::InvalidArgument, QStringLiteral("Unknown sign-in method \"%1\" (one of: %2)")
                                                    .arg(tenant.authMethod, knownAuthMethods().join(QStringLiteral(", "))));
    if (tenant.graphUrl.isEmpty() != tenant.authorityUrl.isEmpty())
        return fail(ErrorCode::InvalidArgument, QStringLiteral("The Graph URL and the authority URL go together"));
    for (const QString& url : {tenant.graphUrl, tenant.authorityUrl}) {
        if (!url.isEmpty() && !isHttpsOrLoopback(QUrl(url)))
            return fail(ErrorCode::InvalidArgument,
                        QStringLiteral("%1 must be an https URL (plain http only to this computer)").arg(url));
    }
    return {};
}

} // namespace pv::TenantProfile
