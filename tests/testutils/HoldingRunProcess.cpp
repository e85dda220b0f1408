// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "tests/testutils/HoldingRunProcess.h"

#include "tests/testutils/TestDatabase.h"

#include <QDeadlineTimer>
#include <QStringList>

namespace pv::test {

HoldingRunProcess::HoldingRunProcess()
{
    m_process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
}

HoldingRunProcess::~HoldingRunProcess()
{
    if (m_process.state() != QProcess::NotRunning) {
        m_process.kill();
        m_process.waitForFinished(10000);
    }
}

bool HoldingRunProcess::start(const QString& databasePath, qint64 tenantId)
{
    m_process.start(runHelperPath(), {QStringLiteral("hold"), QStringLiteral("--db"), databasePath,
                                      QStringLiteral("--tenant"), QString::number(tenantId)});
    if (!m_process.waitForStarted(20000))
        return false;
    // The helper prints "run <id>" once the run is in the store; wait for that line, not a time.
    const QDeadlineTimer deadline(30000);
    while (!deadline.hasExpired()) {
        while (m_process.canReadLine()) {
            const QByteArray line = m_process.readLine().trimmed();
            if (line.startsWith("run ")) {
                m_runId = line.mid(4).toLongLong();
                return m_runId > 0;
            }
        }
        if (!m_process.waitForReadyRead(int(qMax<qint64>(1, deadline.remainingTime()))))
            return false;
    }
    return false;
}

bool HoldingRunProcess::stop()
{
    m_process.closeWriteChannel();
    return m_process.waitForFinished(20000) && m_process.exitStatus() == QProcess::NormalExit
        && m_process.exitCode() == 0;
}

} // namespace pv::test
