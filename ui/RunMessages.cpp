// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "ui/RunMessages.h"

#include "core/runs/AccessGate.h"
#include "core/runs/RunNotifications.h"
#include "core/runs/RunService.h"
#include "core/store/TenantRepository.h"
#include "ui/Notifier.h"
#include "ui/RunReader.h"
#include "ui/UiFormat.h"

#include <optional>

namespace pv::ui {

RunMessages::RunMessages(RunService& runService, const AccessGate& gate, const TenantRepository& tenants,
                         Notifier& notifier, QObject* parent)
    : QObject(parent)
    , m_runService(runService)
    , m_gate(gate)
    , m_tenants(tenants)
    , m_notifier(notifier)
    , m_reader(new RunReader(runService, this))
{
    connect(&runService, &RunService::runFinished, this, &RunMessages::showRunEnded);
    connect(&runService, &RunService::runsRecovered, this, [this](const QList<RecoveredRun>& recovered) {
        QList<InterruptedRun> runs;
        for (const RecoveredRun& run : recovered)
            runs.append({run.tenantId, run.runId});
        showInterruptedRuns(runs);
    });
    connect(&notifier, &Notifier::activated, this,
            [this](qint64 runId) { emit openRunRequested(m_tenantOfRun.value(runId, 0), runId); });
}

RunMessages::~RunMessages() = default;

void RunMessages::showRunEnded(qint64 tenantId, qint64 runId, RunStatus status)
{
    struct Ended
    {
        std::optional<RunRecord> run;
        QString tenantName;
    };
    const RunService* service = &m_runService;
    const AccessGate* gate = &m_gate;
    const TenantRepository* tenants = &m_tenants;
    // No key: every end gets its own message.
    m_reader->submit<Ended>(
        QString(), this,
        [service, gate, tenants, tenantId, runId] {
            Ended ended;
            if (auto scope = gate->enter(tenantId)) {
                if (auto run = service->run(scope.value(), runId))
                    ended.run = std::move(run).value();
            }
            if (auto tenant = tenants->byId(tenantId))
                ended.tenantName = tenant->name;
            return ended;
        },
        [this, tenantId, runId, status](const Ended& ended) {
            if (!ended.run)
                return;   // gone with its tenant meanwhile
            const RunRecord& run = *ended.run;
            const QString tenant = ended.tenantName.isEmpty() ? tr("Tenant %1").arg(tenantId) : ended.tenantName;
            const QString title = tr("%1 — %2").arg(kindText(m_runService.kindDisplayName(run.kind)), tenant);
            // The same words as the notification centre keeps for this run.
            const QString body = RunNotifications::body(
                status, run.counts, run.errorSummary);
            m_tenantOfRun.insert(runId, tenantId);
            m_notifier.showRunFinished(title, body, runId);
        });
}

void RunMessages::showInterruptedRuns(const QList<InterruptedRun>& runs)
{
    if (runs.isEmpty())
        return;
    if (runs.size() == 1) {
        // One run: the usual message, which opens it.
        showRunEnded(runs.constFirst().tenantId, runs.constFirst().runId, RunStatus::Interrupted);
        return;
    }
    m_notifier.showNotice(tr("%n run(s) were interrupted", nullptr, int(runs.size())),
                          tr("The program running them stopped. Finished items are kept; resume the runs from "
                             "the Runs page (status \"Interrupted\")."));
}

} // namespace pv::ui
