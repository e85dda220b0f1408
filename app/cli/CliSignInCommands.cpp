// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
// policyvault-cli tenant signin|signout: sign-in for people (device code on the terminal).
// The code and URL go to stderr — with --json as one compact JSON line — so stdout keeps its
// single result document; the refresh token goes only to the keychain.
#include "app/cli/CliApp.h"
#include "app/cli/ConsoleSignals.h"

#include "core/demo/DemoTenant.h"
#include "core/graph/Cloud.h"
#include "core/graph/DeviceCodeSignIn.h"
#include "core/secrets/KeychainSecretStore.h"
#include "core/store/TenantRepository.h"

#include <QEventLoop>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QTimer>

#include <cstdio>

namespace pv::cli {
namespace {

bool isDelegated(const TenantRecord& tenant)
{
    return tenant.authMethod == QLatin1String("device_code") || tenant.authMethod == QLatin1String("interactive");
}

void writeStderrLine(const QString& text)
{
    std::fprintf(stderr, "%s\n", qUtf8Printable(text));
    std::fflush(stderr);
}

} // namespace

Result<TenantRecord> CliApp::delegatedTenant(const QString& name)
{
    Result<TenantRecord> tenant = m_tenants->byName(name);
    if (!tenant)
        return tenant;
    if (!isDelegated(*tenant))
        return fail(ErrorCode::InvalidArgument,
                    QStringLiteral("%1 signs in as an app (%2): nobody signs in to it; tenant signin is for the "
                                   "device_code and interactive methods")
                        .arg(tenant->name, tenant->authMethod));
    return tenant;
}

ExitCode CliApp::tenantSignIn(const QStringList& words)
{
    if (words.size() != 2)
        return m_out->usageError(QStringLiteral("tenant signin takes one NAME"));
    if (const ExitCode opened = openStore(); opened != ExitCode::Success)
        return opened;
    Result<TenantRecord> tenant = delegatedTenant(words.at(1));
    if (!tenant)
        return tenant.error().code == ErrorCode::InvalidArgument ? m_out->usageError(tenant.error().message)
                                                                 : m_out->error(tenant.error());
    if (tenant->simulated) {
        // The demo tenant's Entra is this data folder's graphsim: start it (or find it) first.
        if (const Status prepared = DemoTenant::prepareFor(m_dataDir, m_database)(*tenant); !prepared)
            return m_out->error(prepared.error());
        tenant = m_tenants->byId(tenant->id);
        if (!tenant)
            return m_out->error(tenant.error());
    }
    auto cloud = graph::parseCloud(tenant->cloud);
    if (!cloud)
        return m_out->error(cloud.error());
    auto endpoints = graph::resolveEndpoints(*cloud, tenant->graphUrl, tenant->authorityUrl);
    if (!endpoints)
        return m_out->error(endpoints.error());

    graph::DelegatedSignInParams params;
    params.endpoints = *endpoints;
    params.entraTenantId = tenant->entraTenantId;
    params.clientId = tenant->clientId;
    params.tenantUuid = tenant->uuid;
    params.tenantName = tenant->name;
    params.caCertificatePath = tenant->caCertificatePath;

    ConsoleSignals::installInterruptHandler();
    QNetworkAccessManager network;
    graph::DeviceCodeSignIn signIn(params, m_secrets.get(), &network);
    const bool json = m_out->isJson();
    QObject::connect(&signIn, &graph::DeviceCodeSignIn::codeReady, &signIn, [json](const graph::DeviceCodePrompt& prompt) {
        if (json) {
            const QJsonObject line{{QStringLiteral("userCode"), prompt.userCode},
                                   {QStringLiteral("verificationUri"), prompt.verificationUri.toString()},
                                   {QStringLiteral("expiresIn"), prompt.expiresInS}};
            writeStderrLine(QString::fromUtf8(QJsonDocument(line).toJson(QJsonDocument::Compact)));
        } else {
            writeStderrLine(prompt.message);
            writeStderrLine(QStringLiteral("Waiting for the sign-in… (Ctrl+C cancels)"));
        }
    });
    QEventLoop loop;
    QObject::connect(&signIn, &graph::DeviceCodeSignIn::finished, &loop, &QEventLoop::quit);
    // Ctrl+C cancels the sign-in cooperatively (the handler only counts; a second one exits).
    QTimer interrupts;
    QObject::connect(&interrupts, &QTimer::timeout, &signIn, [&signIn] {
        if (ConsoleSignals::interruptCount() > 0)
            signIn.cancel();
    });
    interrupts.start(100);
    signIn.start();
    if (!signIn.isFinished())
        loop.exec();
    interrupts.stop();

    const Result<QString> result = signIn.result();
    if (!result)
        return m_out->error(result.error());
    if (json)
        m_out->json(QJsonObject{{QStringLiteral("tenant"), tenant->name},
                                {QStringLiteral("signedIn"), true},
                                {QStringLiteral("user"), *result}});
    else
        m_out->line(QStringLiteral("Signed in to %1 as %2.").arg(tenant->name, result->isEmpty() ? QStringLiteral("(no name)") : *result));
    return ExitCode::Success;
}

ExitCode CliApp::tenantSignOut(const QStringList& words)
{
    if (words.size() != 2)
        return m_out->usageError(QStringLiteral("tenant signout takes one NAME"));
    if (const ExitCode opened = openStore(); opened != ExitCode::Success)
        return opened;
    Result<TenantRecord> tenant = delegatedTenant(words.at(1));
    if (!tenant)
        return tenant.error().code == ErrorCode::InvalidArgument ? m_out->usageError(tenant.error().message)
                                                                 : m_out->error(tenant.error());
    const Result<QString> user = graph::signedInUser(*m_secrets, tenant->uuid);
    if (!user)
        return m_out->error(user.error());
    const Result<QByteArray> token = m_secrets->read(SecretStore::key(tenant->uuid, SecretKind::RefreshToken));
    const bool wasSignedIn = token.ok();
    if (const Status removed = graph::signOut(*m_secrets, tenant->uuid); !removed)
        return m_out->error(removed.error());
    if (m_out->isJson())
        m_out->json(QJsonObject{{QStringLiteral("tenant"), tenant->name},
                                {QStringLiteral("signedOut"), true},
                                {QStringLiteral("wasSignedIn"), wasSignedIn},
                                {QStringLiteral("user"), *user}});
    else
        m_out->line(wasSignedIn ? QStringLiteral("Signed out of %1%2.")
                                      .arg(tenant->name, user->isEmpty() ? QString() : QStringLiteral(" (was %1)").arg(*user))
                                : QStringLiteral("Nobody was signed in to %1.").arg(tenant->name));
    return ExitCode::Success;
}

} // namespace pv::cli
