// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
// policyvault-cli tenant add|edit|list|remove|test. Secrets (a client secret, a certificate's
// password) come from POLICYVAULT_CLIENT_SECRET or standard input, never from arguments.
#include "app/cli/CliApp.h"
#include "app/cli/SecretInput.h"

#include "core/demo/DemoTenant.h"
#include "core/graph/ConnectionTest.h"
#include "core/runs/TenantService.h"
#include "core/secrets/KeychainSecretStore.h"
#include "core/store/TenantProfile.h"
#include "core/store/TenantRepository.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonObject>
#include <QSslCertificate>

#include <cstdio>

namespace pv::cli {
namespace {

QJsonObject tenantJson(const TenantRecord& tenant)
{
    return {{QStringLiteral("id"), tenant.id},
            {QStringLiteral("name"), tenant.name},
            {QStringLiteral("tenantId"), tenant.entraTenantId},
            {QStringLiteral("clientId"), tenant.clientId},
            {QStringLiteral("auth"), tenant.authMethod},
            {QStringLiteral("cloud"), tenant.cloud},
            {QStringLiteral("graphUrl"), tenant.graphUrl},
            {QStringLiteral("authorityUrl"), tenant.authorityUrl},
            {QStringLiteral("caCert"), tenant.caCertificatePath},
            {QStringLiteral("certificate"), tenant.certificatePath},
            {QStringLiteral("readOnly"), tenant.readOnly}};
}

void warn(const QString& text)
{
    std::fprintf(stderr, "policyvault-cli: %s\n", qUtf8Printable(text));
}

QString secretPrompt(const TenantRecord& tenant)
{
    return tenant.authMethod == QLatin1String("certificate")
        ? QStringLiteral("Password of the certificate file for %1 (empty for none; input hidden): ").arg(tenant.name)
        : QStringLiteral("Client secret for %1 (input hidden): ").arg(tenant.name);
}

} // namespace

QString CliApp::applyProfileOptions(TenantRecord& tenant) const
{
    if (isSet("tenant-id"))
        tenant.entraTenantId = option("tenant-id").trimmed();
    if (isSet("client-id"))
        tenant.clientId = option("client-id").trimmed();
    if (isSet("auth"))
        tenant.authMethod = option("auth");
    if (isSet("cloud"))
        tenant.cloud = option("cloud");
    if (isSet("graph-url"))
        tenant.graphUrl = option("graph-url").trimmed();
    if (isSet("authority-url"))
        tenant.authorityUrl = option("authority-url").trimmed();
    if (isSet("read-only") && isSet("no-read-only"))
        return QStringLiteral("--read-only and --no-read-only exclude each other");
    if (isSet("read-only"))
        tenant.readOnly = true;
    if (isSet("no-read-only"))
        tenant.readOnly = false;
    // Files are kept by absolute path: runs sign in from other working folders.
    if (isSet("ca-cert")) {
        const QString path = option("ca-cert");
        if (path.isEmpty()) {
            tenant.caCertificatePath.clear();
        } else if (!QFileInfo(path).isFile()) {
            return QStringLiteral("--ca-cert: no such file: %1").arg(path);
        } else if (QSslCertificate::fromPath(path, QSsl::Pem).isEmpty()) {
            return QStringLiteral("--ca-cert: %1 holds no PEM certificate").arg(path);
        } else {
            tenant.caCertificatePath = QFileInfo(path).absoluteFilePath();
        }
    }
    if (isSet("certificate")) {
        const QString path = option("certificate");
        if (!QFileInfo(path).isFile())
            return QStringLiteral("--certificate: no such file: %1").arg(path);
        tenant.certificatePath = QFileInfo(path).absoluteFilePath();
    }
    if (tenant.authMethod == QLatin1String("certificate")) {
        if (tenant.certificatePath.isEmpty())
            return QStringLiteral("--auth certificate needs --certificate FILE (PEM or PFX)");
    } else if (isSet("certificate")) {
        return QStringLiteral("--certificate applies only to --auth certificate");
    } else {
        tenant.certificatePath.clear();
    }
    if (const Status valid = TenantProfile::validate(tenant); !valid)
        return valid.error().message;
    return {};
}

ExitCode CliApp::tenantCommand(const QStringList& words)
{
    const QString sub = words.value(0);
    if (sub == QLatin1String("add"))
        return tenantAdd(words);
    if (sub == QLatin1String("edit"))
        return tenantEdit(words);
    if (sub == QLatin1String("test"))
        return tenantTest(words);
    if (sub == QLatin1String("signin"))
        return tenantSignIn(words);
    if (sub == QLatin1String("signout"))
        return tenantSignOut(words);
    if (sub == QLatin1String("list")) {
        if (words.size() != 1)
            return m_out->usageError(QStringLiteral("tenant list takes no arguments"));
        if (const ExitCode opened = openStore(); opened != ExitCode::Success)
            return opened;
        auto tenants = m_tenants->list();
        if (!tenants)
            return m_out->error(tenants.error());
        if (m_out->isJson()) {
            QJsonArray array;
            for (const TenantRecord& tenant : tenants.value())
                array.append(tenantJson(tenant));
            m_out->json(array);
        } else if (tenants->isEmpty()) {
            m_out->line(QStringLiteral("No tenants yet. Add one with: policyvault-cli tenant add NAME --tenant-id ID --client-id ID"));
        } else {
            QList<QStringList> rows;
            for (const TenantRecord& tenant : tenants.value())
                rows.append({tenant.name, tenant.entraTenantId, tenant.cloud, tenant.authMethod,
                             tenant.readOnly ? QStringLiteral("read-only") : QStringLiteral("read-write")});
            m_out->table({QStringLiteral("NAME"), QStringLiteral("TENANT ID"), QStringLiteral("CLOUD"),
                          QStringLiteral("AUTH"), QStringLiteral("ACCESS")}, rows);
        }
        return ExitCode::Success;
    }
    if (sub == QLatin1String("remove")) {
        if (words.size() != 2)
            return m_out->usageError(QStringLiteral("tenant remove takes one NAME"));
        if (const ExitCode opened = openStore(); opened != ExitCode::Success)
            return opened;
        auto tenant = m_tenants->byName(words.at(1));
        if (!tenant)
            return m_out->error(tenant.error());
        // Secrets of earlier removals that the keychain refused then go first.
        (void)m_tenantService->finishPendingCleanups();
        TenantService::RemoveOptions options;
        options.cancelActiveRuns = isSet("cancel-runs");
        if (options.cancelActiveRuns)
            m_out->progress(QStringLiteral("Cancelling the runs of %1 and waiting for them to stop…").arg(tenant->name));
        auto removed = m_tenantService->remove(tenant->id, options);
        if (!removed)
            return m_out->error(removed.error());
        if (removed->secretsPending) {
            // The tenant is gone; its keychain entries go at the next removal or start of the app.
            warn(QStringLiteral("warning: the keychain did not remove the tenant's secrets yet (%1); they are removed "
                                "the next time PolicyVault can reach it.")
                     .arg(removed->keychainError));
        }
        if (m_out->isJson())
            m_out->json(QJsonObject{{QStringLiteral("removed"), tenant->name},
                                    {QStringLiteral("secretsPending"), removed->secretsPending}});
        else
            m_out->line(QStringLiteral("Removed tenant %1.").arg(tenant->name));
        return ExitCode::Success;
    }
    return m_out->usageError(sub.isEmpty() ? QStringLiteral("tenant needs a subcommand: add, edit, list, remove, test")
                                           : QStringLiteral("unknown tenant subcommand '%1'").arg(sub));
}

ExitCode CliApp::tenantAdd(const QStringList& words)
{
    if (words.size() != 2)
        return m_out->usageError(QStringLiteral("tenant add takes one NAME"));
    TenantRecord tenant;
    tenant.name = words.at(1).trimmed();
    if (tenant.name.isEmpty() || option("tenant-id").trimmed().isEmpty() || option("client-id").trimmed().isEmpty())
        return m_out->usageError(QStringLiteral("tenant add needs NAME, --tenant-id and --client-id"));
    // The store's own rules and the files, checked before the store is opened: a usage error (exit 3).
    if (const QString wrong = applyProfileOptions(tenant); !wrong.isEmpty())
        return m_out->usageError(wrong);

    // The secret of the sign-in method: POLICYVAULT_CLIENT_SECRET (build agents), else standard
    // input — prompted without echo on a terminal, read to its end from a pipe.
    std::optional<QByteArray> secret;
    const bool fromEnvironment = qEnvironmentVariableIsSet("POLICYVAULT_CLIENT_SECRET");
    if (!TenantService::secretKind(tenant.authMethod).isEmpty()) {
        if (fromEnvironment) {
            secret = qgetenv("POLICYVAULT_CLIENT_SECRET");
        } else {
            Result<QByteArray> read = readSecret(secretPrompt(tenant));
            if (!read)
                return m_out->error(read.error());
            if (!read->isEmpty() || tenant.authMethod == QLatin1String("certificate"))
                secret = std::move(read).value();
        }
    }

    if (const ExitCode opened = openStore(); opened != ExitCode::Success)
        return opened;
    Result<TenantRecord> created = fromEnvironment ? m_tenantService->add(tenant)
                                                   : m_tenantService->add(tenant, secret);
    if (!created)
        return m_out->error(created.error());
    if (fromEnvironment && secret) {
        // Where the variable is set runs use it anyway; a machine without a keychain still gets the tenant.
        if (const Status stored = m_tenantService->storeSecret(*created, *secret); !stored)
            warn(QStringLiteral("warning: the secret from POLICYVAULT_CLIENT_SECRET was not stored in the keychain "
                                "(%1); runs sign in only while that variable is set.")
                     .arg(stored.error().message));
    } else if (!secret && tenant.authMethod == QLatin1String("client_secret")) {
        warn(QStringLiteral("no client secret was given; store one with: policyvault-cli tenant edit \"%1\" --secret-stdin")
                 .arg(created->name));
    }
    if (m_out->isJson())
        m_out->json(tenantJson(created.value()));
    else
        m_out->line(QStringLiteral("Added tenant %1 (%2).").arg(created->name, created->entraTenantId));
    return ExitCode::Success;
}

ExitCode CliApp::tenantEdit(const QStringList& words)
{
    if (words.size() != 2)
        return m_out->usageError(QStringLiteral("tenant edit takes one NAME"));
    if (isSet("name") && option("name").trimmed().isEmpty())
        return m_out->usageError(QStringLiteral("--name needs a new name"));
    if (const ExitCode opened = openStore(); opened != ExitCode::Success)
        return opened;
    Result<TenantRecord> current = m_tenants->byName(words.at(1));
    if (!current)
        return m_out->error(current.error());
    TenantRecord tenant = current.value();
    if (isSet("name"))
        tenant.name = option("name").trimmed();
    if (const QString wrong = applyProfileOptions(tenant); !wrong.isEmpty())
        return m_out->usageError(wrong);
    std::optional<QByteArray> secret;
    if (isSet("secret-stdin")) {
        if (TenantService::secretKind(tenant.authMethod).isEmpty())
            return m_out->usageError(QStringLiteral("--secret-stdin: the sign-in method %1 keeps no secret").arg(tenant.authMethod));
        Result<QByteArray> read = readSecret(secretPrompt(tenant));
        if (!read)
            return m_out->error(read.error());
        if (read->isEmpty() && tenant.authMethod == QLatin1String("client_secret"))
            return m_out->usageError(QStringLiteral("--secret-stdin: standard input held no client secret"));
        secret = std::move(read).value();
    }
    Result<TenantRecord> updated = m_tenantService->update(tenant, secret);
    if (!updated)
        return m_out->error(updated.error());
    if (m_out->isJson())
        m_out->json(tenantJson(updated.value()));
    else
        m_out->line(QStringLiteral("Updated tenant %1.").arg(updated->name));
    return ExitCode::Success;
}

ExitCode CliApp::tenantTest(const QStringList& words)
{
    if (words.size() != 2)
        return m_out->usageError(QStringLiteral("tenant test takes one NAME"));
    if (const ExitCode opened = openStore(); opened != ExitCode::Success)
        return opened;
    Result<TenantRecord> tenant = m_tenants->byName(words.at(1));
    if (!tenant)
        return m_out->error(tenant.error());
    if (tenant->simulated) {
        // The demo tenant's Graph is this data folder's graphsim: start it (or find it) first,
        // as a run would; its URL or CA may have moved since the last start.
        m_out->progress(QStringLiteral("Starting the demo tenant's simulator…"));
        if (const Status prepared = DemoTenant::prepareFor(m_dataDir, m_database)(*tenant); !prepared)
            return m_out->error(prepared.error());
        tenant = m_tenants->byId(tenant->id);
        if (!tenant)
            return m_out->error(tenant.error());
    }

    graph::ConnectionTestParams params;
    params.cloud = tenant->cloud;
    params.graphUrl = tenant->graphUrl;
    params.authorityUrl = tenant->authorityUrl;
    params.entraTenantId = tenant->entraTenantId;
    params.clientId = tenant->clientId;
    params.authMethod = tenant->authMethod;
    params.tenantUuid = tenant->uuid;
    params.tenantName = tenant->name;
    params.lockDirectory = m_dataDir;   // the same refresh lock as runs and other processes
    params.certificatePath = tenant->certificatePath;
    params.caCertificatePath = tenant->caCertificatePath;
    m_out->progress(QStringLiteral("Testing the connection to %1…").arg(tenant->name));
    const graph::ConnectionTestResult result = graph::runConnectionTest(params, *m_secrets);

    if (m_out->isJson()) {
        QJsonArray checks;
        for (const graph::ConnectionCheck& check : result.checks) {
            QJsonObject object{{QStringLiteral("check"), check.key},
                               {QStringLiteral("ok"), check.ok},
                               {QStringLiteral("message"), check.message}};
            if (!check.requestId.isEmpty())
                object.insert(QStringLiteral("requestId"), check.requestId);
            checks.append(object);
        }
        m_out->json(QJsonObject{{QStringLiteral("tenant"), tenant->name},
                                {QStringLiteral("ok"), result.ok()},
                                {QStringLiteral("checks"), checks}});
    } else {
        for (const graph::ConnectionCheck& check : result.checks)
            m_out->line(QStringLiteral("%1 %2: %3")
                            .arg(check.ok ? QStringLiteral("ok  ") : QStringLiteral("FAIL"), check.label, check.message));
        m_out->line(result.ok() ? QStringLiteral("%1: every check passed.").arg(tenant->name)
                                : QStringLiteral("%1: the connection test failed.").arg(tenant->name));
    }
    return result.ok() ? ExitCode::Success : ExitCode::Failure;
}

} // namespace pv::cli
