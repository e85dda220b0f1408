// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "core/restore/RestoreKinds.h"

#include "core/restore/RestoreRequests.h"

#include <QCoreApplication>

namespace pv::restore {

QList<JobKind> kinds(const JobServices& services, RestoreHooks hooks)
{
    Q_UNUSED(services)   // the job finds the services in its context
    JobKind restore;
    restore.kind = QLatin1String(RestoreKind);
    restore.displayName = QCoreApplication::translate("pv::restore", "Restore");
    restore.writesToTenant = true;
    restore.createAsync = [hooks] { return std::make_unique<RestoreJob>(hooks); };
    return {restore};
}

} // namespace pv::restore
