// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
// backup and capture: build the run request, then start it like every start command.
#include "app/cli/CliApp.h"
#include "app/cli/CliLookup.h"

#include "core/runs/AccessGate.h"
#include "core/runs/RunService.h"
#include "core/store/CaptureTypes.h"

#include <QJsonArray>

namespace pv::cli {
namespace {

// The run requests of the capture kinds (the contract with core/capture): a backup's target
// is its sorted type keys joined with ",", so equal backups share one run whatever order the
// user typed; a capture's target is the policy's database id.
RunRequest backupRequest(QStringList types, bool full)
{
    types.sort();
    RunRequest request;
    request.kind = QStringLiteral("backup");
    request.target = types.join(QLatin1Char(','));
    request.parameters = QJsonObject{{QStringLiteral("types"), QJsonArray::fromStringList(types)},
                                     {QStringLiteral("full"), full}};
    request.initiator = QStringLiteral("cli");
    return request;
}

RunRequest captureRequest(qint64 policyId)
{
    RunRequest request;
    request.kind = QStringLiteral("policy.capture_snapshot");
    request.target = QString::number(policyId);
    request.initiator = QStringLiteral("cli");
    return request;
}

} // namespace

ExitCode CliApp::backupCommand(const QStringList& words)
{
    if (!words.isEmpty())
        return m_out->usageError(QStringLiteral("backup takes no arguments (did you mean --types %1?)").arg(words.join(QLatin1Char(','))));
    if (!isSet("tenant"))
        return m_out->usageError(QStringLiteral("backup needs --tenant NAME"));
    QStringList types = CaptureTypes::captured();
    if (isSet("types")) {
        types.clear();
        for (const QString& part : option("types").split(QLatin1Char(','))) {
            const QString key = part.trimmed();
            if (key.isEmpty())
                continue;
            if (!CaptureTypes::captured().contains(key))
                return m_out->usageError(QStringLiteral("unknown type '%1' in --types (known: %2)")
                                             .arg(key, CaptureTypes::captured().join(QStringLiteral(", "))));
            if (!types.contains(key))
                types.append(key);
        }
        if (types.isEmpty())
            return m_out->usageError(QStringLiteral("--types names no type"));
    }
    if (const ExitCode opened = openStore(); opened != ExitCode::Success)
        return opened;
    auto scope = m_gate->enterByName(option("tenant"));
    if (!scope)
        return m_out->error(scope.error());
    return startRun(scope.value(), backupRequest(types, isSet("full")));
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
    return startRun(scope.value(), captureRequest(policy->id));
}

} // namespace pv::cli
