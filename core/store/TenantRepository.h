// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

#include "core/common/Result.h"

#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

#include <memory>

namespace pv {

class Database;

/// One row of `tenants`: a Microsoft Entra tenant the user works with. No secrets here —
/// client secrets and certificates live in the SecretStore.
struct TenantRecord
{
    qint64 id = 0;              ///< assigned by create(); never reused after a removal
    QString uuid;               ///< assigned by create(); keys the tenant's secrets and audit rows
    QString name;               ///< display name, unique case-insensitively
    QString entraTenantId;      ///< directory (tenant) id or domain
    QString cloud = QStringLiteral("global");
    QString clientId;
    QString authMethod = QStringLiteral("client_secret");
    QString graphUrl;           ///< explicit Graph base URL; empty: from the cloud
    QString authorityUrl;       ///< explicit authority URL; empty: from the cloud
    QString caCertificatePath;  ///< extra CA certificates (PEM) trusted besides the system store; empty: none
    QString certificatePath;    ///< certificate sign-in: the PFX or PEM file (its password is in the keychain)
    bool readOnly = false;      ///< reviewer profile: no restore
    bool simulated = false;     ///< the demo tenant, served by graphsim
    QDateTime createdAt;        ///< UTC; create() sets it when invalid
};

/// The user's list of tenants. Not tenant-scoped: it is what the access gate checks against.
class TenantRepository final
{
public:
    explicit TenantRepository(std::shared_ptr<Database> database);

    /// Inserts `tenant` (its id is ignored) and returns it with id and createdAt set.
    /// InvalidArgument when TenantProfile::validate refuses it; Conflict when the name is taken.
    Result<TenantRecord> create(const TenantRecord& tenant) const;

    /// All tenants, ordered by name.
    Result<QList<TenantRecord>> list() const;

    Result<TenantRecord> byId(qint64 id) const;                ///< NotFound when absent
    Result<TenantRecord> byName(const QString& name) const;    ///< case-insensitive; NotFound when absent

    /// Deletes the tenant's row with its runs, items, notifications and captured content (blobs
    /// only when no other tenant shares them), in one transaction that
    /// first checks that no run of the tenant is queued or running (Conflict otherwise, naming
    /// them) and audits the removal. The tenant's uuid is recorded for secret clean-up
    /// (pendingSecretCleanups) until the caller has removed its secrets. NotFound when absent.
    /// Use TenantService::remove, which also cancels runs and removes secrets.
    Status remove(qint64 id) const;

    /// Uuids of removed tenants whose secrets may still be in the keychain.
    Result<QStringList> pendingSecretCleanups() const;
    /// The secrets of a removed tenant are gone.
    Status secretCleanupDone(const QString& tenantUuid) const;

    /// NotFound when absent.
    Status setReadOnly(qint64 id, bool readOnly) const;

    /// Replaces the editable profile of tenant `tenant.id` (name, Entra tenant id, cloud, client
    /// id, auth method, URLs, CA file, certificate path, read-only) and audits what changed. Its
    /// uuid, simulated flag and creation time stay. InvalidArgument when TenantProfile::validate
    /// refuses it; Conflict when the new name is taken; NotFound when absent.
    Result<TenantRecord> update(const TenantRecord& tenant) const;

private:
    std::shared_ptr<Database> m_database;
};

} // namespace pv
