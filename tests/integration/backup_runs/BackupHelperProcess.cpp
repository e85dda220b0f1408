// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "BackupHelperProcess.h"

#include "tests/testutils/TestDatabase.h"

#include <QDeadlineTimer>
#include <QProcessEnvironment>
#include <QTest>

BackupHelperProcess::BackupHelperProcess()
{
    m_process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
}

BackupHelperProcess::~BackupHelperProcess()
{
    if (m_process.state() != QProcess::NotRunning) {
        m_process.kill();
        m_process.waitForFinished(10000);
    }
}

bool BackupHelperProcess::start(const QStringList& arguments, const QString& clientSecret)
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("POLICYVAULT_CLIENT_SECRET"), clientSecret);
    m_process.setProcessEnvironment(environment);
    m_process.start(pv::test::runHelperPath(), arguments);
    return m_process.waitForStarted(20000);
}

QString BackupHelperProcess::waitForLine(const QString& prefix, int timeoutMs)
{
    const QDeadlineTimer deadline(timeoutMs);
    for (;;) {
        while (m_process.canReadLine())
            m_lines.append(QString::fromUtf8(m_process.readLine()).trimmed());
        while (m_consumed < m_lines.size()) {
            const QString& line = m_lines.at(m_consumed++);
            if (line.startsWith(prefix))
                return line;
        }
        if (deadline.hasExpired() || m_process.state() == QProcess::NotRunning)
            return {};
        // The test process serves graphsim on its own event loop: keep it turning while waiting.
        (void)QTest::qWaitFor([this] { return m_process.canReadLine() || m_process.state() == QProcess::NotRunning; },
                        int(qMax<qint64>(1, deadline.remainingTime())));
    }
}
