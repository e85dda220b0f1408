// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

#include "core/common/Result.h"
#include "core/common/TenantScope.h"

#include <QDateTime>
#include <QList>
#include <QString>

#include <memory>
#include <optional>

class QSqlDatabase;

namespace pv {

class Database;

/// One audit_log row.
struct AuditEntry
{
    qint64 id = 0;
    std::optional<qint64> tenantId; ///< empty for application-wide actions
    QString tenantUuid;             ///< the tenant's uuid (format 2 rows; empty for format 1 rows)
    int format = 2;                 ///< 1: written before tenants had uuids; 2: hashes the tenant's uuid
    QDateTime at;                   ///< UTC
    QString actor;
    QString action;
    QString target;
    QString details;                ///< already redacted
    QString prevHash;
    QString hash;
};

/// The outcome of AuditLog::verify().
struct AuditVerification
{
    bool ok = false;
    qint64 rowCount = 0;     ///< rows found in audit_log
    qint64 firstBadRowId = 0; ///< first row that does not verify; for a truncated tail the id after the last row
    QString reason;          ///< empty when ok
};

/// Append-only, hash-chained log of what users and the application did. Every row's hash
/// covers the previous row's hash, so a changed, deleted or reordered row breaks the chain;
/// the stored head (hash + row count in audit_head) catches rows cut off at the end.
/// Appends from several threads or processes stay one valid chain: each append reads the
/// head, inserts and moves the head in one `BEGIN IMMEDIATE` transaction.
class AuditLog final
{
public:
    explicit AuditLog(std::shared_ptr<Database> database);

    /// Appends a row. `details` passes through Redactor::redact before it is stored. A row of a
    /// tenant records (and hashes) the tenant's uuid, read in the same transaction, so a
    /// removal is audited before its row goes.
    Status append(std::optional<qint64> tenantId, const QString& actor, const QString& action,
                  const QString& target = {}, const QString& details = {}) const;

    /// append() inside the caller's write transaction (`db` must be in one, begun with
    /// Database::writeTransaction): an audit row that commits or rolls back with the state it
    /// describes (a restore's write intent and outcome beside its journal row).
    static Status appendIn(QSqlDatabase& db, std::optional<qint64> tenantId, const QString& actor,
                           const QString& action, const QString& target = {}, const QString& details = {});

    /// Walks the whole chain and compares it with the head.
    Result<AuditVerification> verify() const;

    /// The newest `limit` rows (newest first; a negative limit: all), of one tenant or — without
    /// tenantId — of all tenants and application-wide rows. A tenant's rows are those with its
    /// uuid, plus rows without a uuid that name its id (format 1: written before uuids existed).
    Result<QList<AuditEntry>> entries(std::optional<qint64> tenantId, int limit) const;
    /// The audit rows a restore run wrote (action "restore.…", target "run <runId>" or
    /// "run <runId> …"), oldest first. AccessDenied when the run belongs to another tenant,
    /// NotFound when there is no such run.
    Result<QList<AuditEntry>> entriesOfRun(const TenantScope& scope, qint64 runId) const;
    /// The newest `limit` rows recorded with this tenant uuid — also after the tenant was removed.
    Result<QList<AuditEntry>> entriesOfTenantUuid(const QString& tenantUuid, int limit) const;

    /// Who is acting, as the audit log records it: the operating-system account running this
    /// process ("unknown" when the environment does not say).
    static QString localActor();

    /// The prev_hash of the first row: 64 zeros.
    static QString genesisHash();

    /// Format 1 (rows written before schema 3): SHA-256 (lower-case hex) over the
    /// length-prefixed fields of a row, in this order: prev_hash, id, tenant_id, at, actor,
    /// action, target, details. Each field is encoded as `<UTF-8 byte length>:<bytes>;` and a
    /// NULL tenant_id as `-;`, so no two different rows encode to the same bytes. `at` is the
    /// stored text (toDbTime).
    static QString computeHash(const QString& prevHash, qint64 id, std::optional<qint64> tenantId, const QString& at,
                               const QString& actor, const QString& action, const QString& target,
                               const QString& details);
    /// The hash of `row` in its own format (`row.at` as stored). Format 2 starts with
    /// `pv-audit-v2;` and adds the tenant uuid after the tenant id, so an entry cannot be
    /// moved to another tenant that later got the same id.
    static QString computeHash(const AuditEntry& row);

private:
    static QString hashRow(const AuditEntry& row, const QString& storedAt);

    std::shared_ptr<Database> m_database;
};

} // namespace pv
