// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

#include "core/common/Result.h"

#include <QDateTime>
#include <QList>
#include <QString>

#include <memory>

namespace pv {

class Database;

/// One row of `tenants`: a Microsoft Entra tenant the user works with. No secrets here —
/// client secrets and certificates live in the SecretStore.
struct TenantRecord
{
    qint64 id = 0;              ///< assigned by create()
    QString name;               ///< display name, unique case-insensitively
    QString entraTenantId;      ///< directory (tenant) id or domain
    QString cloud = QStringLiteral("global");
    QString clientId;
    QString authMethod = QStringLiteral("client_secret");
    QString graphUrl;           ///< explicit Graph base URL; empty: from the cloud
    QString authorityUrl;       ///< explicit authority URL; empty: from the cloud
    bool readOnly = false;      ///< reviewer profile: no restore
    QDateTime createdAt;        ///< UTC; create() sets it when invalid
};

/// The user's list of tenants. Not tenant-scoped: it is what the access gate checks against.
class TenantRepository final
{
public:
    explicit TenantRepository(std::shared_ptr<Database> database);

    /// Inserts `tenant` (its id is ignored) and returns it with id and createdAt set.
    /// InvalidArgument for an empty name or tenant id; Conflict when the name is taken.
    Result<TenantRecord> create(const TenantRecord& tenant) const;

    /// All tenants, ordered by name.
    Result<QList<TenantRecord>> list() const;

    Result<TenantRecord> byId(qint64 id) const;                ///< NotFound when absent
    Result<TenantRecord> byName(const QString& name) const;    ///< case-insensitive; NotFound when absent

    /// Deletes the tenant and, through the foreign keys, its runs, items and notifications.
    /// NotFound when absent.
    Status remove(qint64 id) const;

    /// NotFound when absent.
    Status setReadOnly(qint64 id, bool readOnly) const;

private:
    std::shared_ptr<Database> m_database;
};

} // namespace pv
