// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

#include "core/runs/RunTypes.h"

#include <QHash>
#include <QList>
#include <QObject>

#include <chrono>
#include <optional>

namespace pv {
class RunService;
}

namespace pv::test {

/// Records a RunService's signals per run, so tests can wait for one run's end and count
/// its events. Create it before starting the runs it should see.
class RunSignalRecorder final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RunSignalRecorder)

public:
    explicit RunSignalRecorder(RunService& service, QObject* parent = nullptr);

    /// Runs the event loop until runFinished arrived for the run (true) or the timeout passed.
    bool waitFinished(qint64 runId, std::chrono::milliseconds timeout = std::chrono::seconds(20));

    int changedCount(qint64 runId) const { return m_changed.value(runId); }
    int finishedCount(qint64 runId) const { return m_finished.value(runId).size(); }
    std::optional<RunStatus> finishedStatus(qint64 runId) const;
    /// Runs the event loop until a runsRecovered batch named the run (true) or the timeout passed.
    bool waitRecovered(qint64 runId, std::chrono::milliseconds timeout = std::chrono::seconds(20));
    /// Every runsRecovered batch, in order.
    QList<QList<RecoveredRun>> recoveredBatches() const { return m_recovered; }
    QList<qint64> notificationIds() const { return m_notifications; }
    QList<int> activeCounts() const { return m_activeCounts; }

private:
    QHash<qint64, int> m_changed;
    QHash<qint64, QList<RunStatus>> m_finished;
    QList<qint64> m_notifications;
    QList<QList<RecoveredRun>> m_recovered;
    QList<int> m_activeCounts;
};

} // namespace pv::test
