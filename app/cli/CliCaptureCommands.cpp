// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
// backup and capture: build the run request, then start it like every start command.
#include "app/cli/CliApp.h"
#include "app/cli/CliLookup.h"

#include "core/runs/AccessGate.h"
#include "core/runs/RunService.h"
#include "core/capture/CaptureRequests.h"

namespace pv::cli {

ExitCode CliApp::backupCommand(const QStringList& words)
{
    if (!words.isEmpty())
        return m_out->usageError(QStringLiteral("backup takes no arguments (did you mean --types %1?)").arg(words.join(QLatin1Char(','))));
    if (!isSet("tenant"))
        return m_out->usageError(QStringLiteral("backup needs --tenant NAME"));
    QStringList types;   // empty: every captured type
    if (isSet("types")) {
        auto parsed = capture::parseTypeList(option("types"));
        if (!parsed)
            return m_out->usageError(parsed.error().message);
        types = parsed.value();
    }
    // The one builder of backup requests: equal backups from the GUI and the CLI dedupe.
    auto request = capture::backupRequest(types, isSet("full"), QStringLiteral("cli"));
    if (!request)
        return m_out->usageError(request.error().message);
    if (const ExitCode opened = openStore(); opened != ExitCode::Success)
        return opened;
    auto scope = m_gate->enterByName(option("tenant"));
    if (!scope)
        return m_out->error(scope.error());
    return startRun(scope.value(), request.value());
}

ExitCode CliApp::captureCommand(const QStringList& words)
{
    if (!words.isEmpty())
        return m_out->usageError(QStringLiteral("capture takes no arguments; name the policy with --policy ID"));
    if (!isSet("tenant") || !isSet("policy") || option("policy").trimmed().isEmpty())
        return m_out->usageError(QStringLiteral("capture needs --tenant NAME and --policy ID"));
    if (const ExitCode opened = openStore(); opened != ExitCode::Success)
        return opened;
    auto scope = m_gate->enterByName(option("tenant"));
    if (!scope)
        return m_out->error(scope.error());
    // Resolved here, scoped: another tenant's policy is access denied before anything starts.
    auto policy = lookup::policy(m_database, scope.value(), option("policy"));
    if (!policy)
        return m_out->error(policy.error());
    auto request = capture::capturePolicyRequest(policy->id, QStringLiteral("cli"));
    if (!request)
        return m_out->error(request.error());
    return startRun(scope.value(), request.value());
}

} // namespace pv::cli
