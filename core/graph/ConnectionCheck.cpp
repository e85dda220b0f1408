// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "core/graph/ConnectionCheck.h"

#include "core/graph/GraphError.h"

#include <QRegularExpression>

#include <algorithm>

namespace pv::graph {

bool ConnectionTestResult::ok() const
{
    return !checks.isEmpty() && std::all_of(checks.cbegin(), checks.cend(), [](const ConnectionCheck& c) { return c.ok; });
}

namespace ConnectionChecks {

namespace {

QString cloudTitle(const QString& cloud)
{
    if (cloud == QLatin1String("usgov"))
        return QStringLiteral("US Government (GCC High)");
    if (cloud == QLatin1String("usgovdod"))
        return QStringLiteral("US Government (DoD)");
    if (cloud == QLatin1String("china"))
        return QStringLiteral("China (21Vianet)");
    return QStringLiteral("Global");
}

/// Entra's numeric code from "AADSTS7000215: …" (the code is what to branch on, not the text).
int aadstsCode(const QString& message)
{
    static const QRegularExpression code(QStringLiteral("AADSTS(\\d+)"));
    const QRegularExpressionMatch match = code.match(message);
    return match.hasMatch() ? match.captured(1).toInt() : 0;
}

bool isTlsProblem(const QString& message)
{
    return message.contains(QLatin1String("SSL"), Qt::CaseInsensitive)
        || message.contains(QLatin1String("TLS"), Qt::CaseInsensitive)
        || message.contains(QLatin1String("certificate"), Qt::CaseInsensitive);
}

QString explainNetwork(const Error& error, const QString& where)
{
    if (isTlsProblem(error.message))
        return QStringLiteral("Could not connect securely to %1: %2. If your network inspects TLS, set your "
                              "organisation's CA file in the tenant profile.")
            .arg(where, error.message);
    return QStringLiteral("Could not reach %1: %2. Check the network, a proxy, and the cloud or URLs in the tenant profile.")
        .arg(where, error.message);
}

} // namespace

const QStringList& keys()
{
    static const QStringList all{QStringLiteral("signIn"), QStringLiteral("configurationPolicies"),
                                 QStringLiteral("assignmentFilters"), QStringLiteral("roleScopeTags"),
                                 QStringLiteral("groups")};
    return all;
}

QString label(const QString& key)
{
    if (key == QLatin1String("signIn"))
        return QStringLiteral("Sign-in");
    if (key == QLatin1String("configurationPolicies"))
        return QStringLiteral("Settings catalog, endpoint security and baselines");
    if (key == QLatin1String("assignmentFilters"))
        return QStringLiteral("Assignment filters");
    if (key == QLatin1String("roleScopeTags"))
        return QStringLiteral("Scope tags");
    if (key == QLatin1String("groups"))
        return QStringLiteral("Group names of assignments");
    return key;
}

QString path(const QString& key)
{
    if (key == QLatin1String("configurationPolicies"))
        return QStringLiteral("/deviceManagement/configurationPolicies?$select=id,name");
    if (key == QLatin1String("assignmentFilters"))
        return QStringLiteral("/deviceManagement/assignmentFilters");
    if (key == QLatin1String("roleScopeTags"))
        return QStringLiteral("/deviceManagement/roleScopeTags");
    if (key == QLatin1String("groups"))
        return QStringLiteral("/groups?$select=id,displayName&$top=1");
    return {};
}

QString permission(const QString& key)
{
    if (key == QLatin1String("configurationPolicies") || key == QLatin1String("assignmentFilters"))
        return QStringLiteral("DeviceManagementConfiguration.Read.All");
    if (key == QLatin1String("roleScopeTags"))
        return QStringLiteral("DeviceManagementRBAC.Read.All");
    if (key == QLatin1String("groups"))
        return QStringLiteral("Group.Read.All");
    return {};
}

QString scopeNamedIn(const QString& message)
{
    static const QRegularExpression scopes(QStringLiteral("following scopes:\\s*([A-Za-z0-9_.]+)"));
    const QRegularExpressionMatch match = scopes.match(message);
    return match.hasMatch() ? match.captured(1) : QString();
}

QString explainSignIn(const Error& error, const QString& scope, const QString& cloud, const QString& entraTenantId,
                      const QString& clientId)
{
    switch (aadstsCode(error.message)) {
    case 7000215:
        return QStringLiteral("The client secret is wrong: Entra refused it (AADSTS7000215). Copy the secret's Value "
                              "(not its Secret ID) from the app registration's Certificates & secrets.");
    case 7000222:
        return QStringLiteral("The client secret has expired (AADSTS7000222). Create a new one in the app "
                              "registration and store it in the tenant profile.");
    case 700027:
        if (error.message.contains(QLatin1String("expired"), Qt::CaseInsensitive))
            return QStringLiteral("The certificate registered on the app has expired (AADSTS700027). Upload a new "
                                  "certificate to the app registration and point the tenant profile at it.");
        return QStringLiteral("Entra does not know this certificate (AADSTS700027): upload its public part (.cer) to "
                              "the app registration's Certificates & secrets, or choose the certificate that is "
                              "registered there.");
    case 700024:
        return QStringLiteral("Entra refused the certificate assertion's time (AADSTS700024): check this computer's "
                              "clock and time zone.");
    case 70011:
    case 1002012:
        return QStringLiteral("Wrong cloud: Entra refused a token for %1 (AADSTS70011). The tenant is not in the %2 "
                              "cloud; choose its cloud in the tenant profile.")
            .arg(scope, cloudTitle(cloud));
    case 90002:
    case 900023:
        return QStringLiteral("Unknown tenant: Entra has no tenant \"%1\" in the %2 cloud (AADSTS90002). Check the "
                              "tenant ID and the cloud.")
            .arg(entraTenantId, cloudTitle(cloud));
    case 700016:
        return QStringLiteral("Unknown app: there is no app with client ID %1 in this tenant (AADSTS700016). Check the "
                              "client ID, and that an administrator consented to the app in this tenant.")
            .arg(clientId);
    case 0:
        break;
    default:
        return QStringLiteral("Sign-in failed: %1").arg(error.message);
    }
    switch (error.code) {
    case ErrorCode::Network:
        return explainNetwork(error, QStringLiteral("the sign-in service"));
    case ErrorCode::Auth:
    case ErrorCode::InvalidArgument:
    case ErrorCode::Io:
    case ErrorCode::Keychain:
    case ErrorCode::Unsupported:
        return error.message;
    case ErrorCode::NotFound:
    case ErrorCode::AccessDenied:
    case ErrorCode::Conflict:
    case ErrorCode::Database:
    case ErrorCode::SchemaTooNew:
    case ErrorCode::Parse:
    case ErrorCode::Http:
    case ErrorCode::Cancelled:
    case ErrorCode::Internal:
        break;
    }
    return QStringLiteral("Sign-in failed: %1").arg(error.message);
}

QString explainRead(const QString& key, const Error& error, const QString& person, bool delegated)
{
    if (error.httpStatus == 403 && delegated) {
        // A person's sign-in: the app's delegated permission or the user's Intune role.
        const QString who = person.isEmpty() ? QStringLiteral("The signed-in user") : person;
        const QString message = error.message.section(QStringLiteral(" — "), 0, 0);
        if (message.contains(QLatin1String("User is not authorized"), Qt::CaseInsensitive)
            || message.contains(QLatin1String("Intune role"), Qt::CaseInsensitive)) {
            const QString plain = forbiddenInPlainWords(message, permission(key));
            return QStringLiteral("%1 %2").arg(who, plain.section(QStringLiteral("the signed-in user "), 1));
        }
        QString missing = scopeNamedIn(message);
        if (missing.isEmpty())
            missing = permission(key);
        return QStringLiteral("The app lacks the delegated permission %1 — add it as a delegated permission "
                              "(Microsoft Graph) and grant admin consent; %2 also needs an Intune or directory role "
                              "that allows it.")
            .arg(missing, who == QLatin1String("The signed-in user") ? QStringLiteral("the user") : who);
    }
    if (error.httpStatus == 403) {
        QString missing = scopeNamedIn(error.message);
        if (missing.isEmpty())
            missing = permission(key);
        return QStringLiteral("The app lacks %1 — add it as an application permission (Microsoft Graph) and grant "
                              "admin consent.")
            .arg(missing);
    }
    if (error.httpStatus == 401)
        return QStringLiteral("Graph refused the app's token (HTTP 401): %1. Check that the Graph URL belongs to the "
                              "tenant's cloud.")
            .arg(error.message);
    if (error.code == ErrorCode::Network)
        return explainNetwork(error, QStringLiteral("Microsoft Graph"));
    if (error.code == ErrorCode::Cancelled)
        return QStringLiteral("Not finished: the test was cancelled or took too long.");
    return QStringLiteral("Reading %1 failed: %2").arg(label(key).toLower(), error.displayText());
}

} // namespace ConnectionChecks
} // namespace pv::graph
