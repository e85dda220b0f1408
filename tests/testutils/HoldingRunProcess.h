// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

#include <QProcess>
#include <QString>

namespace pv::test {

/// Another process that executes one long run of a tenant: pv_run_helper "hold". It keeps the
/// run running (one ten-minute item that honours cancellation) until stop() closes its stdin —
/// the other program of the cross-process tests (a CLI backup beside the window, say).
class HoldingRunProcess final
{
public:
    HoldingRunProcess();
    ~HoldingRunProcess();
    HoldingRunProcess(const HoldingRunProcess&) = delete;
    HoldingRunProcess& operator=(const HoldingRunProcess&) = delete;

    /// Starts the helper on the database file and waits until it printed its run's id.
    bool start(const QString& databasePath, qint64 tenantId);
    qint64 runId() const { return m_runId; }
    qint64 processId() const { return m_process.processId(); }
    bool isRunning() const { return m_process.state() == QProcess::Running; }
    /// Closes its stdin (it shuts its run service down, cancelling what still runs) and
    /// waits; true when it exited normally with code 0.
    bool stop();

private:
    QProcess m_process;
    qint64 m_runId = 0;
};

} // namespace pv::test
