// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

#include "core/common/Result.h"
#include "core/common/TenantScope.h"

#include <QSqlDatabase>
#include <QString>

namespace pv::db {

/// The owner check of every tenant-scoped row: `ownerSql` selects the owning tenant_id of
/// the row whose id is bound as its one parameter. NotFound when no row comes back,
/// AccessDenied when it belongs to another tenant (`what` names the row: "snapshot 12").
Status checkOwner(QSqlDatabase db, const TenantScope& scope, const QString& ownerSql, qint64 id, const QString& what);

} // namespace pv::db
