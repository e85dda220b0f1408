// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "core/capture/CaptureKinds.h"

#include "core/capture/CaptureRequests.h"
#include "core/capture/CapturePolicyJob.h"

#include <QCoreApplication>

namespace pv::capture {

QList<JobKind> kinds(const JobServices& services, CaptureHooks hooks)
{
    Q_UNUSED(services)   // the jobs find the services in their context
    JobKind backup;
    backup.kind = QLatin1String(BackupKind);
    backup.displayName = QCoreApplication::translate("pv::capture", "Backup");
    backup.writesToTenant = false;
    backup.createAsync = [hooks] { return std::make_unique<BackupJob>(hooks); };
    JobKind capture;
    capture.kind = QLatin1String(CapturePolicyKind);
    capture.displayName = QCoreApplication::translate("pv::capture", "Capture snapshot");
    capture.writesToTenant = false;
    capture.createAsync = [] { return std::make_unique<CapturePolicyJob>(); };
    return {backup, capture};
}

} // namespace pv::capture
