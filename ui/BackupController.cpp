// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "ui/BackupController.h"

#include "core/runs/RunService.h"
#include "core/capture/CaptureRequests.h"
#include "ui/BackgroundWriter.h"

#include <QAction>

namespace pv::ui {

namespace {
const QString BackupKind = QLatin1String(capture::BackupKind);
} // namespace

BackupController::BackupController(RunService& runService, QAction* action, QObject* parent)
    : QObject(parent)
    , m_runService(runService)
    , m_action(action)
    , m_writer(new BackgroundWriter(this))
{
    connect(m_action, &QAction::triggered, this, &BackupController::start);
    updateAction();
}

BackupController::~BackupController() = default;

RunRequest BackupController::backupRequest()
{
    // The capture kinds' one definition of the request (target = the sorted type keys), so a
    // GUI and a CLI backup of the same types are equal runs: one runs, the other reuses it.
    // Every type, not a full re-read: the request cannot fail.
    Result<RunRequest> request = capture::backupRequest({}, false, QStringLiteral("gui"));
    Q_ASSERT(request.ok());
    return request.ok() ? request.value() : RunRequest{};
}

void BackupController::setScope(const std::optional<TenantScope>& scope)
{
    m_scope = scope;
    updateAction();
}

void BackupController::start()
{
    if (!m_scope || m_starting || !m_runService.hasKind(BackupKind))
        return;
    m_starting = true;
    updateAction();
    const TenantScope scope = *m_scope;
    m_writer->run<Result<RunRef>>(
        this, [&runs = m_runService, scope] { return runs.start(scope, backupRequest()); },
        [this, tenantId = scope.tenantId()](const Result<RunRef>& ref) {
            m_starting = false;
            updateAction();
            if (!ref) {
                emit startFailed(tr("Could not start the backup: %1").arg(ref.error().displayText()));
                return;
            }
            emit runStarted(tenantId, ref->runId, ref->reused);
        });
}

void BackupController::updateAction()
{
    const bool hasKind = m_runService.hasKind(BackupKind);
    m_action->setEnabled(m_scope.has_value() && hasKind && !m_starting);
    if (!m_scope)
        m_action->setToolTip(tr("Choose or add a tenant to back it up."));
    else if (!hasKind)
        m_action->setToolTip(tr("This version of PolicyVault cannot back up tenants."));
    else if (m_starting)
        m_action->setToolTip(tr("Starting the backup…"));
    else
        m_action->setToolTip(tr("Capture every policy of this tenant into a new snapshot, in the background."));
}

} // namespace pv::ui
