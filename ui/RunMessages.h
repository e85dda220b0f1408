// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

#include "core/runs/RunTypes.h"

#include <QHash>
#include <QList>
#include <QObject>

namespace pv {
class AccessGate;
class RunService;
class TenantRepository;
}

namespace pv::ui {

class Notifier;
class RunReader;

/// Tells the user that runs ended, through the notifier (tray or banner): one message for each
/// run this process finished, and one for each batch of runs found interrupted (after a crash,
/// or when another process died) however many there are — each of those runs still has its own
/// notification in the centre. What a message says is read off the GUI thread.
class RunMessages final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RunMessages)

public:
    struct InterruptedRun
    {
        qint64 tenantId = 0;
        qint64 runId = 0;
    };

    RunMessages(RunService& runService, const AccessGate& gate, const TenantRepository& tenants, Notifier& notifier,
                QObject* parent = nullptr);
    ~RunMessages() override;

    void showRunEnded(qint64 tenantId, qint64 runId, RunStatus status);
    void showInterruptedRuns(const QList<InterruptedRun>& runs);

signals:
    /// The user clicked the message about this run.
    void openRunRequested(qint64 tenantId, qint64 runId);

private:
    const RunService& m_runService;
    const AccessGate& m_gate;
    const TenantRepository& m_tenants;
    Notifier& m_notifier;
    RunReader* m_reader = nullptr;
    QHash<qint64, qint64> m_tenantOfRun;
};

} // namespace pv::ui
