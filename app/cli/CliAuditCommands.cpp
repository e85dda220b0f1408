// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
// The audit log: audit verify.
#include "app/cli/CliApp.h"

#include "core/store/AuditLog.h"

#include <QJsonObject>

namespace pv::cli {

ExitCode CliApp::auditCommand(const QStringList& words)
{
    const QString sub = words.value(0);
    if (sub != QLatin1String("verify"))
        return m_out->usageError(sub.isEmpty() ? QStringLiteral("audit needs a subcommand: verify")
                                               : QStringLiteral("unknown audit subcommand '%1'").arg(sub));
    if (words.size() != 1)
        return m_out->usageError(QStringLiteral("audit verify takes no arguments"));
    if (const ExitCode opened = openStore(); opened != ExitCode::Success)
        return opened;
    // The whole chain, every tenant's rows and the application's: one hash chain.
    auto verification = AuditLog(m_database).verify();
    if (!verification)
        return m_out->error(verification.error());
    if (m_out->isJson()) {
        QJsonObject out{{QStringLiteral("ok"), verification->ok}, {QStringLiteral("rows"), verification->rowCount}};
        if (!verification->ok) {
            out.insert(QStringLiteral("firstBadRowId"), verification->firstBadRowId);
            out.insert(QStringLiteral("reason"), verification->reason);
        }
        m_out->json(out);
    } else if (verification->ok) {
        m_out->line(QStringLiteral("The audit log verifies: %1 rows, one unbroken chain.").arg(verification->rowCount));
    } else {
        m_out->line(QStringLiteral("The audit log does NOT verify: row %1: %2 (%3 rows)")
                        .arg(verification->firstBadRowId)
                        .arg(verification->reason)
                        .arg(verification->rowCount));
    }
    return verification->ok ? ExitCode::Success : ExitCode::Failure;
}

} // namespace pv::cli
