// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "tests/testutils/TestDatabase.h"

#include "core/runs/AccessGate.h"
#include "core/store/Database.h"
#include "core/store/TenantRepository.h"

#include <QStandardPaths>

namespace pv::test {

TestDatabase makeTestDatabase(const QString& tenantName, bool readOnly)
{
    QStandardPaths::setTestModeEnabled(true);
    TestDatabase result;
    result.dir = std::make_shared<QTemporaryDir>();
    if (!result.dir->isValid()) {
        qWarning("makeTestDatabase: no temporary directory");
        return result;
    }
    result.path = result.dir->filePath(QStringLiteral("policyvault.db"));
    Database::Options options;
    options.path = result.path;
    auto db = Database::open(options);
    if (!db) {
        qWarning("makeTestDatabase: %s", qUtf8Printable(db.error().toString()));
        return result;
    }
    result.database = *db;
    result.tenantId = addTestTenant(result.database, tenantName, readOnly);
    return result;
}

qint64 addTestTenant(const std::shared_ptr<Database>& database, const QString& name, bool readOnly)
{
    TenantRecord tenant;
    tenant.name = name;
    tenant.entraTenantId = name.toLower() + QStringLiteral(".onmicrosoft.com");
    tenant.clientId = QStringLiteral("00000000-0000-0000-0000-000000000001");
    tenant.readOnly = readOnly;
    auto created = TenantRepository(database).create(tenant);
    if (!created) {
        qWarning("addTestTenant: %s", qUtf8Printable(created.error().toString()));
        return 0;
    }
    return created->id;
}

std::optional<TenantScope> enterTenant(const std::shared_ptr<Database>& database, qint64 tenantId)
{
    auto scope = AccessGate(database).enter(tenantId);
    if (!scope)
        return std::nullopt;
    return *scope;
}

QString runHelperPath()
{
    return QStringLiteral(PV_RUN_HELPER_PATH);
}

} // namespace pv::test
