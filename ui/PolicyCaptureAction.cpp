// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "ui/PolicyCaptureAction.h"

#include "core/capture/CaptureRequests.h"
#include "core/runs/RunService.h"
#include "ui/BackgroundWriter.h"

namespace pv::ui {

PolicyCaptureAction::PolicyCaptureAction(RunService& runService, QObject* parent)
    : QObject(parent)
    , m_runService(runService)
    , m_writer(new BackgroundWriter(this))
{
}

bool PolicyCaptureAction::isAvailable() const
{
    return m_runService.hasKind(QLatin1String(capture::CapturePolicyKind));
}

void PolicyCaptureAction::start(const TenantScope& scope, qint64 policyId)
{
    if (!isAvailable())
        return;
    m_writer->run<Result<RunRef>>(
        this,
        [&runs = m_runService, scope, policyId]() -> Result<RunRef> {
            auto request = capture::capturePolicyRequest(policyId, QStringLiteral("gui"));
            if (!request)
                return request.failure();
            return runs.start(scope, request.value());
        },
        [this, policyId](const Result<RunRef>& ref) {
            if (!ref) {
                emit startFailed(policyId, tr("Could not start the capture: %1").arg(ref.error().displayText()));
                return;
            }
            emit started(policyId, ref->runId, ref->reused);
        });
}

} // namespace pv::ui
