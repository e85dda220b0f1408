// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

#include "core/common/TenantScope.h"

#include <QString>
#include <QTemporaryDir>

#include <memory>
#include <optional>

namespace pv {
class Database;
}

namespace pv::test {

/// A real SQLite database in its own temporary folder, with one tenant. The folder (and
/// the file) disappear with the last copy of the struct.
struct TestDatabase
{
    std::shared_ptr<QTemporaryDir> dir;
    std::shared_ptr<Database> database;     ///< null when creating it failed (see the warning)
    QString path;                           ///< the .db file
    qint64 tenantId = 0;                    ///< the tenant made with it

    bool isValid() const { return database != nullptr && tenantId > 0; }
};

/// Turns on QStandardPaths' test mode, then creates the folder, the database and a tenant.
TestDatabase makeTestDatabase(const QString& tenantName = QStringLiteral("Contoso"), bool readOnly = false);

/// Adds another tenant; returns its id, or 0 on failure (with a warning).
qint64 addTestTenant(const std::shared_ptr<Database>& database, const QString& name, bool readOnly = false);

/// The tenant's scope through the real AccessGate; nullopt when it does not exist.
std::optional<TenantScope> enterTenant(const std::shared_ptr<Database>& database, qint64 tenantId);

/// Path of the pv_run_helper executable (built next to the tests).
QString runHelperPath();

} // namespace pv::test
