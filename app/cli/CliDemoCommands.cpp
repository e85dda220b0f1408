// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
// policyvault-cli demo [change [--count N]]: the demo tenant, served by graphsim.
#include "app/cli/CliApp.h"

#include "core/demo/DemoTenant.h"
#include "core/runs/TenantService.h"
#include "core/secrets/KeychainSecretStore.h"
#include "core/store/TenantRepository.h"

#include <QJsonArray>
#include <QJsonObject>

namespace pv::cli {

ExitCode CliApp::demoCommand(const QStringList& words)
{
    const QString sub = words.value(0);
    if (sub.isEmpty()) {
        if (const ExitCode opened = openStore(); opened != ExitCode::Success)
            return opened;
        m_out->progress(QStringLiteral("Starting the demo tenant's simulator…"));
        auto setup = DemoTenant::ensure(m_dataDir, *m_tenantService, *m_tenants, *m_secrets);
        if (!setup)
            return m_out->error(setup.error());
        const TenantRecord& tenant = setup->tenant;
        if (m_out->isJson()) {
            m_out->json(QJsonObject{{QStringLiteral("tenant"), tenant.name},
                                    {QStringLiteral("id"), tenant.id},
                                    {QStringLiteral("tenantId"), tenant.entraTenantId},
                                    {QStringLiteral("clientId"), tenant.clientId},
                                    {QStringLiteral("graphUrl"), tenant.graphUrl},
                                    {QStringLiteral("caCert"), tenant.caCertificatePath},
                                    {QStringLiteral("simulated"), tenant.simulated},
                                    {QStringLiteral("created"), setup->created},
                                    {QStringLiteral("profileUpdated"), setup->profileUpdated},
                                    {QStringLiteral("secretStored"), setup->secretStored},
                                    {QStringLiteral("graphsimStarted"), setup->endpoint.startedNow},
                                    {QStringLiteral("graphsimPid"), setup->endpoint.pid}});
            return ExitCode::Success;
        }
        m_out->line(setup->created ? QStringLiteral("Added the demo tenant \"%1\".").arg(tenant.name)
                                   : QStringLiteral("The demo tenant \"%1\" is ready.").arg(tenant.name));
        if (setup->profileUpdated)
            m_out->line(QStringLiteral("Its profile now points at %1.").arg(tenant.graphUrl));
        m_out->line(setup->endpoint.startedNow
                        ? QStringLiteral("Started graphsim (pid %1) at %2; it stops after some idle minutes and "
                                         "starts again when needed.")
                              .arg(setup->endpoint.pid).arg(tenant.graphUrl)
                        : QStringLiteral("graphsim (pid %1) is running at %2.").arg(setup->endpoint.pid).arg(tenant.graphUrl));
        m_out->line(QStringLiteral("Its state lives in %1.").arg(DemoServer::demoDir(m_dataDir)));
        m_out->line(QStringLiteral("Try: policyvault-cli backup --tenant %1 --wait, then policyvault-cli demo change.")
                        .arg(tenant.name));
        return ExitCode::Success;
    }
    if (sub == QLatin1String("change")) {
        if (words.size() != 1)
            return m_out->usageError(QStringLiteral("demo change takes no arguments besides --count N"));
        int count = 1;
        if (isSet("count")) {
            bool ok = false;
            count = option("count").toInt(&ok);
            if (!ok || count <= 0 || count > 1000)
                return m_out->usageError(QStringLiteral("--count needs a number from 1 to 1000"));
        }
        // Only for the log file (a log line must not land on a script's stderr).
        if (const ExitCode opened = openStore(); opened != ExitCode::Success)
            return opened;
        auto changes = DemoTenant::change(m_dataDir, count);
        if (!changes)
            return m_out->error(changes.error());
        if (m_out->isJson()) {
            QJsonArray array;
            for (const DemoTenant::Change& change : changes.value())
                array.append(QJsonObject{{QStringLiteral("policyId"), change.policyId},
                                         {QStringLiteral("kind"), change.kind},
                                         {QStringLiteral("detail"), change.detail}});
            m_out->json(QJsonObject{{QStringLiteral("requested"), count}, {QStringLiteral("changes"), array}});
        } else {
            m_out->line(QStringLiteral("Changed the demo tenant %1 time(s):").arg(changes->size()));
            for (const DemoTenant::Change& change : changes.value())
                m_out->line(QStringLiteral("  %1  %2: %3").arg(change.policyId, change.kind, change.detail));
        }
        // Fewer than asked only when the tenant ran out of things to change.
        return changes->size() == count ? ExitCode::Success : ExitCode::Partial;
    }
    return m_out->usageError(QStringLiteral("unknown demo subcommand '%1'").arg(sub));
}

} // namespace pv::cli
