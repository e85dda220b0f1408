// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

#include "core/common/Result.h"
#include "core/common/TenantScope.h"

#include <QString>

#include <memory>

namespace pv {

class Database;

/// The only maker of TenantScope: it checks that the tenant exists (NotFound otherwise)
/// and records whether it is a read-only reviewer profile.
class AccessGate final
{
public:
    explicit AccessGate(std::shared_ptr<Database> database);

    Result<TenantScope> enter(qint64 tenantId) const;
    Result<TenantScope> enterByName(const QString& tenantName) const;

private:
    std::shared_ptr<Database> m_database;
};

} // namespace pv
