// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
// policyvault-cli tenant signin|signout: sign-in for people (device code on the terminal, or
// --browser: the interactive flow in the system browser, its URL printed too).
// The code and URL go to stderr — with --json as one compact JSON line — so stdout keeps its
// single result document; the refresh token goes only to the keychain.
#include "app/cli/CliApp.h"
#include "app/cli/ConsoleSignals.h"
#include "app/cli/SystemBrowser.h"

#include "core/demo/DemoTenant.h"
#include "core/graph/Cloud.h"
#include "core/graph/DeviceCodeSignIn.h"
#include "core/graph/InteractiveSignIn.h"
#include "core/secrets/KeychainSecretStore.h"
#include "core/store/TenantRepository.h"

#include <QEventLoop>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QTimer>

#include <cstdio>
#include <functional>
#include <memory>

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
    const Result<QString> result = signInPerson(*tenant, isSet("browser"));
    if (!result)
        return m_out->error(result.error());
    if (m_out->isJson())
        m_out->json(QJsonObject{{QStringLiteral("tenant"), tenant->name},
                                {QStringLiteral("signedIn"), true},
                                {QStringLiteral("user"), *result}});
    else
        m_out->line(QStringLiteral("Signed in to %1 as %2.").arg(tenant->name, result->isEmpty() ? QStringLiteral("(no name)") : *result));
    return ExitCode::Success;
}

Result<QString> CliApp::signInPerson(TenantRecord tenant, bool browser)
{
    if (tenant.simulated) {
        // The demo tenant's Entra is this data folder's graphsim: start it (or find it) first.
        if (const Status prepared = DemoTenant::prepareFor(m_dataDir, m_database)(tenant); !prepared)
            return prepared.failure();
        Result<TenantRecord> reread = m_tenants->byId(tenant.id);
        if (!reread)
            return reread.failure();
        tenant = *reread;
    }
    auto cloud = graph::parseCloud(tenant.cloud);
    if (!cloud)
        return cloud.failure();
    auto endpoints = graph::resolveEndpoints(*cloud, tenant.graphUrl, tenant.authorityUrl);
    if (!endpoints)
        return endpoints.failure();

    graph::DelegatedSignInParams params;
    params.endpoints = *endpoints;
    params.entraTenantId = tenant.entraTenantId;
    params.clientId = tenant.clientId;
    params.tenantUuid = tenant.uuid;
    params.tenantName = tenant.name;
    params.caCertificatePath = tenant.caCertificatePath;
    params.lockDirectory = m_dataDir;

    ConsoleSignals::installInterruptHandler();
    QNetworkAccessManager network;
    const bool json = m_out->isJson();
    std::unique_ptr<QObject> flow;
    std::function<void()> start;
    std::function<void()> cancel;
    std::function<bool()> finished;
    std::function<Result<QString>()> result;
    if (browser) {
        auto signIn = std::make_unique<graph::InteractiveSignIn>(params, m_secrets.get(), &network, &SystemBrowser::open);
        QObject::connect(signIn.get(), &graph::InteractiveSignIn::authorizeUrlReady, signIn.get(),
                         [json](const QUrl& url, bool opened) {
            if (json) {
                writeStderrLine(QString::fromUtf8(QJsonDocument(QJsonObject{{QStringLiteral("authorizeUrl"), url.toString(QUrl::FullyEncoded)},
                                                                            {QStringLiteral("browserOpened"), opened}})
                                                      .toJson(QJsonDocument::Compact)));
            } else {
                writeStderrLine(opened ? QStringLiteral("Your browser was opened to sign in. If it did not open, go to:")
                                       : QStringLiteral("Open this address in a browser on this computer to sign in:"));
                writeStderrLine(url.toString(QUrl::FullyEncoded));
                writeStderrLine(QStringLiteral("Waiting for the sign-in… (Ctrl+C cancels)"));
            }
        });
        graph::InteractiveSignIn* raw = signIn.get();
        start = [raw] { raw->start(); };
        cancel = [raw] { raw->cancel(); };
        finished = [raw] { return raw->isFinished(); };
        result = [raw] { return raw->result(); };
        flow = std::move(signIn);
    } else {
        auto signIn = std::make_unique<graph::DeviceCodeSignIn>(params, m_secrets.get(), &network);
        QObject::connect(signIn.get(), &graph::DeviceCodeSignIn::codeReady, signIn.get(),
                         [json](const graph::DeviceCodePrompt& prompt) {
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
        graph::DeviceCodeSignIn* raw = signIn.get();
        start = [raw] { raw->start(); };
        cancel = [raw] { raw->cancel(); };
        finished = [raw] { return raw->isFinished(); };
        result = [raw] { return raw->result(); };
        flow = std::move(signIn);
    }
    // Both flows end with finished(); the loop polls instead of connecting to two signal types.
    QEventLoop loop;
    QTimer tick;
    QObject::connect(&tick, &QTimer::timeout, &loop, [&] {
        // Ctrl+C cancels the sign-in cooperatively (the handler only counts; a second one exits).
        if (ConsoleSignals::interruptCount() > 0)
            cancel();
        if (finished())
            loop.quit();
    });
    tick.start(50);
    start();
    loop.exec();
    tick.stop();
    return result();
}

bool CliApp::needsSignIn(const TenantRecord& tenant)
{
    if (!isDelegated(tenant))
        return false;
    const Result<QByteArray> token = graph::loadRefreshToken(*m_secrets, tenant.uuid, tenant.name);
    return !token && token.error().code == ErrorCode::Auth;
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
