// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

#include "core/common/TenantScope.h"

#include <QObject>

namespace pv {
class RunService;
}

namespace pv::ui {

class BackgroundWriter;

/// "Capture snapshot" of one policy: starts the `policy.capture_snapshot` run through
/// RunService::start on a background thread (a start writes to the store and may wait for
/// another process's write lock) and returns at once. The engine dedupes equal requests, so a
/// second click while the first run is queued or running reports that same run (reused).
class PolicyCaptureAction final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PolicyCaptureAction)

public:
    explicit PolicyCaptureAction(RunService& runService, QObject* parent = nullptr);

    /// False when this build registered no capture kind (the button is hidden then).
    bool isAvailable() const;
    void start(const TenantScope& scope, qint64 policyId);

signals:
    void started(qint64 policyId, qint64 runId, bool reused);
    void startFailed(qint64 policyId, const QString& message);

private:
    RunService& m_runService;
    BackgroundWriter* m_writer = nullptr;
};

} // namespace pv::ui
