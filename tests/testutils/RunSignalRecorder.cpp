// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "tests/testutils/RunSignalRecorder.h"

#include "core/runs/RunService.h"

#include <QTest>

namespace pv::test {

RunSignalRecorder::RunSignalRecorder(RunService& service, QObject* parent) : QObject(parent)
{
    connect(&service, &RunService::runChanged, this, [this](qint64, qint64 runId) { ++m_changed[runId]; });
    connect(&service, &RunService::runFinished, this,
            [this](qint64, qint64 runId, pv::RunStatus status) { m_finished[runId].append(status); });
    connect(&service, &RunService::notificationAdded, this,
            [this](qint64, qint64 notificationId) { m_notifications.append(notificationId); });
    connect(&service, &RunService::activeRunCountChanged, this, [this](int count) { m_activeCounts.append(count); });
    connect(&service, &RunService::runsRecovered, this,
            [this](const QList<pv::RecoveredRun>& runs) { m_recovered.append(runs); });
}

bool RunSignalRecorder::waitRecovered(qint64 runId, std::chrono::milliseconds timeout)
{
    return QTest::qWaitFor(
        [&] {
            for (const QList<RecoveredRun>& batch : std::as_const(m_recovered)) {
                for (const RecoveredRun& run : batch) {
                    if (run.runId == runId)
                        return true;
                }
            }
            return false;
        },
        int(timeout.count()));
}

bool RunSignalRecorder::waitFinished(qint64 runId, std::chrono::milliseconds timeout)
{
    return QTest::qWaitFor([&] { return m_finished.contains(runId); }, int(timeout.count()));
}

std::optional<RunStatus> RunSignalRecorder::finishedStatus(qint64 runId) const
{
    const auto it = m_finished.constFind(runId);
    if (it == m_finished.constEnd() || it->isEmpty())
        return std::nullopt;
    return it->last();
}

} // namespace pv::test
