// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "core/store/AuditLog.h"

#include "core/common/Redactor.h"
#include "core/store/Database.h"
#include "core/store/DbError.h"
#include "core/store/DbTime.h"

#include <QCryptographicHash>
#include <QSqlQuery>
#include <QVariant>

namespace pv {

namespace {

void addField(QByteArray& out, const QString& value)
{
    const QByteArray bytes = value.toUtf8();
    out += QByteArray::number(bytes.size());
    out += ':';
    out += bytes;
    out += ';';
}

QVariant tenantValue(std::optional<qint64> tenantId)
{
    return tenantId ? QVariant(*tenantId) : QVariant(QMetaType::fromType<qint64>());
}

std::optional<qint64> tenantFrom(const QVariant& value)
{
    if (value.isNull())
        return std::nullopt;
    return value.toLongLong();
}

// Columns: id, tenant_id, at, actor, action, target, details, prev_hash, hash, tenant_uuid, format.
AuditEntry entryFrom(const QSqlQuery& query)
{
    AuditEntry entry;
    entry.id = query.value(0).toLongLong();
    entry.tenantId = tenantFrom(query.value(1));
    entry.at = fromDbTime(query.value(2).toString());
    entry.actor = query.value(3).toString();
    entry.action = query.value(4).toString();
    entry.target = query.value(5).toString();
    entry.details = query.value(6).toString();
    entry.prevHash = query.value(7).toString();
    entry.hash = query.value(8).toString();
    entry.tenantUuid = query.value(9).toString();
    entry.format = query.value(10).toInt();
    return entry;
}

} // namespace

AuditLog::AuditLog(std::shared_ptr<Database> database) : m_database(std::move(database)) {}

QString AuditLog::genesisHash()
{
    return QString(64, QLatin1Char('0'));
}

QString AuditLog::computeHash(const QString& prevHash, qint64 id, std::optional<qint64> tenantId, const QString& at,
                              const QString& actor, const QString& action, const QString& target,
                              const QString& details)
{
    AuditEntry row;
    row.format = 1;
    row.prevHash = prevHash;
    row.id = id;
    row.tenantId = tenantId;
    row.at = {};
    row.actor = actor;
    row.action = action;
    row.target = target;
    row.details = details;
    return hashRow(row, at);
}

QString AuditLog::computeHash(const AuditEntry& row)
{
    return hashRow(row, toDbTime(row.at));
}

QString AuditLog::hashRow(const AuditEntry& row, const QString& storedAt)
{
    QByteArray data(row.format >= 2 ? "pv-audit-v2;" : "pv-audit-v1;");
    addField(data, row.prevHash);
    addField(data, QString::number(row.id));
    if (row.tenantId)
        addField(data, QString::number(*row.tenantId));
    else
        data += "-;";
    if (row.format >= 2)
        addField(data, row.tenantUuid);
    const QString& at = storedAt;
    const QString& actor = row.actor;
    const QString& action = row.action;
    const QString& target = row.target;
    const QString& details = row.details;
    addField(data, at);
    addField(data, actor);
    addField(data, action);
    addField(data, target);
    addField(data, details);
    return QString::fromLatin1(QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex());
}

Status AuditLog::append(std::optional<qint64> tenantId, const QString& actor, const QString& action,
                        const QString& target, const QString& details) const
{
    return m_database->writeTransaction([&](QSqlDatabase& db) -> Status {
        return appendIn(db, tenantId, actor, action, target, details);
    });
}

Status AuditLog::appendIn(QSqlDatabase& db, std::optional<qint64> tenantId, const QString& actor,
                          const QString& action, const QString& target, const QString& details)
{
    const QString safeDetails = db::nonNull(Redactor::redact(details));
    QSqlQuery head(db);
    head.prepare(QStringLiteral("SELECT hash, row_count FROM audit_head WHERE id = 1"));
    if (Status s = db::exec(head, QStringLiteral("reading the audit head")); !s)
        return s;
    if (!head.next())
        return fail(ErrorCode::Database, QStringLiteral("The audit head is missing"));
    const QString prevHash = head.value(0).toString();
    head.finish();

    QSqlQuery next(db);
    next.prepare(QStringLiteral("SELECT COALESCE(MAX(id), 0) + 1 FROM audit_log"));
    if (Status s = db::exec(next, QStringLiteral("reading the next audit id")); !s)
        return s;
    if (!next.next())
        return fail(ErrorCode::Database, QStringLiteral("Cannot read the next audit id"));
    const qint64 id = next.value(0).toLongLong();
    next.finish();

    AuditEntry row;
    row.format = 2;
    row.prevHash = prevHash;
    row.id = id;
    row.tenantId = tenantId;
    if (tenantId) {
        QSqlQuery tenant(db);
        tenant.prepare(QStringLiteral("SELECT uuid FROM tenants WHERE id = ?"));
        tenant.addBindValue(*tenantId);
        if (Status s = db::exec(tenant, QStringLiteral("reading the tenant of an audit entry")); !s)
            return s;
        // A tenant id without a row (a raw id from an older caller) is recorded without a uuid.
        if (tenant.next())
            row.tenantUuid = tenant.value(0).toString();
    }
    row.actor = actor;
    row.action = action;
    row.target = target;
    row.details = safeDetails;
    const QString at = nowDbTime();
    const QString hash = hashRow(row, at);

    QSqlQuery insert(db);
    insert.prepare(QStringLiteral("INSERT INTO audit_log(id, tenant_id, tenant_uuid, format, at, actor, action,"
                                  " target, details, prev_hash, hash) VALUES(?, ?, ?, 2, ?, ?, ?, ?, ?, ?, ?)"));
    insert.addBindValue(id);
    insert.addBindValue(tenantValue(tenantId));
    insert.addBindValue(row.tenantUuid.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(row.tenantUuid));
    insert.addBindValue(at);
    insert.addBindValue(db::nonNull(actor));
    insert.addBindValue(db::nonNull(action));
    insert.addBindValue(db::nonNull(target));
    insert.addBindValue(safeDetails);
    insert.addBindValue(prevHash);
    insert.addBindValue(hash);
    if (Status s = db::exec(insert, QStringLiteral("appending to the audit log")); !s)
        return s;

    QSqlQuery update(db);
    update.prepare(QStringLiteral("UPDATE audit_head SET hash = ?, row_count = row_count + 1 WHERE id = 1"));
    update.addBindValue(hash);
    return db::exec(update, QStringLiteral("moving the audit head"));
}

Result<AuditVerification> AuditLog::verify() const
{
    QSqlDatabase db = m_database->connection();
    // One read transaction, so a concurrent append cannot slip between the rows and the head.
    // Inside a caller's write transaction BEGIN fails and the caller's transaction serves.
    QSqlQuery begin(db);
    const bool ownTransaction = begin.exec(QStringLiteral("BEGIN"));
    begin.finish();
    auto finish = [&db, ownTransaction] {
        if (!ownTransaction)
            return;
        QSqlQuery end(db);
        if (!end.exec(QStringLiteral("COMMIT")))
            end.exec(QStringLiteral("ROLLBACK"));
    };

    AuditVerification result;
    QString expectedPrev = genesisHash();
    qint64 lastId = 0;
    {
        QSqlQuery rows(db);
        rows.setForwardOnly(true);
        rows.prepare(QStringLiteral("SELECT id, tenant_id, at, actor, action, target, details, prev_hash, hash,"
                                    " tenant_uuid, format FROM audit_log ORDER BY id"));
        if (Status s = db::exec(rows, QStringLiteral("reading the audit log")); !s) {
            finish();
            return s.failure();
        }
        while (rows.next()) {
            const qint64 id = rows.value(0).toLongLong();
            ++result.rowCount;
            const QString prevHash = rows.value(7).toString();
            const QString hash = rows.value(8).toString();
            if (result.firstBadRowId == 0) {
                if (prevHash != expectedPrev) {
                    result.firstBadRowId = id;
                    result.reason = QStringLiteral("Row %1 does not follow the previous row (a row was removed, inserted or moved)").arg(id);
                } else if (hashRow(entryFrom(rows), rows.value(2).toString()) != hash) {
                    result.firstBadRowId = id;
                    result.reason = QStringLiteral("Row %1 was changed after it was written").arg(id);
                }
            }
            expectedPrev = hash;
            lastId = id;
        }
    }

    QSqlQuery head(db);
    head.prepare(QStringLiteral("SELECT hash, row_count FROM audit_head WHERE id = 1"));
    if (Status s = db::exec(head, QStringLiteral("reading the audit head")); !s) {
        finish();
        return s.failure();
    }
    const bool hasHead = head.next();
    const QString headHash = hasHead ? head.value(0).toString() : QString();
    const qint64 headCount = hasHead ? head.value(1).toLongLong() : -1;
    head.finish();
    finish();

    if (result.firstBadRowId != 0)
        return result;
    if (!hasHead) {
        result.firstBadRowId = lastId + 1;
        result.reason = QStringLiteral("The audit head is missing");
        return result;
    }
    if (headCount != result.rowCount || headHash != expectedPrev) {
        result.firstBadRowId = lastId + 1;
        result.reason = headCount > result.rowCount
            ? QStringLiteral("The audit log ends early: the head records %1 rows, %2 are present").arg(headCount).arg(result.rowCount)
            : QStringLiteral("The audit head (%1 rows) does not match the last row (%2 rows present)").arg(headCount).arg(result.rowCount);
        return result;
    }
    result.ok = true;
    return result;
}

QString AuditLog::localActor()
{
    // USERNAME on Windows, USER elsewhere.
    for (const char* name : {"USERNAME", "USER"}) {
        const QString user = qEnvironmentVariable(name).trimmed();
        if (!user.isEmpty())
            return user;
    }
    return QStringLiteral("unknown");
}

Result<QList<AuditEntry>> AuditLog::entries(std::optional<qint64> tenantId, int limit) const
{
    QSqlDatabase db = m_database->connection();
    QSqlQuery query(db);
    query.setForwardOnly(true);
    const QString columns = QStringLiteral("SELECT id, tenant_id, at, actor, action, target, details, prev_hash, hash,"
                                           " tenant_uuid, format FROM audit_log");
    // Rows with a uuid belong to the tenant with that uuid, so the rows of a removed tenant
    // never show under a later one; rows without (format 1, written before uuids) only know
    // the id.
    const QString where = tenantId ? QStringLiteral(" WHERE tenant_uuid = (SELECT uuid FROM tenants WHERE id = ?)"
                                                    " OR (tenant_uuid IS NULL AND tenant_id = ?)")
                                   : QString();
    const QString limitClause = limit >= 0 ? QStringLiteral(" LIMIT ?") : QString();
    query.prepare(columns + where + QStringLiteral(" ORDER BY id DESC") + limitClause);
    if (tenantId) {
        query.addBindValue(*tenantId);
        query.addBindValue(*tenantId);
    }
    if (limit >= 0)
        query.addBindValue(limit);
    if (Status s = db::exec(query, QStringLiteral("reading the audit log")); !s)
        return s.failure();
    QList<AuditEntry> list;
    while (query.next())
        list.append(entryFrom(query));
    return list;
}

Result<QList<AuditEntry>> AuditLog::entriesOfTenantUuid(const QString& tenantUuid, int limit) const
{
    QSqlQuery query(m_database->connection());
    query.setForwardOnly(true);
    query.prepare(QStringLiteral("SELECT id, tenant_id, at, actor, action, target, details, prev_hash, hash,"
                                 " tenant_uuid, format FROM audit_log WHERE tenant_uuid = ? ORDER BY id DESC LIMIT ?"));
    query.addBindValue(tenantUuid);
    query.addBindValue(limit >= 0 ? limit : -1);
    if (Status s = db::exec(query, QStringLiteral("reading the audit log")); !s)
        return s.failure();
    QList<AuditEntry> list;
    while (query.next())
        list.append(entryFrom(query));
    return list;
}

Result<QList<AuditEntry>> AuditLog::entriesOfRun(const TenantScope& scope, qint64 runId) const
{
    QSqlDatabase db = m_database->connection();
    QSqlQuery owner(db);
    owner.prepare(QStringLiteral("SELECT tenant_id FROM runs WHERE id = ?"));
    owner.addBindValue(runId);
    if (Status s = db::exec(owner, QStringLiteral("looking up run %1").arg(runId)); !s)
        return s.failure();
    if (!owner.next())
        return fail(ErrorCode::NotFound, QStringLiteral("run %1 does not exist").arg(runId));
    if (owner.value(0).toLongLong() != scope.tenantId())
        return fail(ErrorCode::AccessDenied, QStringLiteral("run %1 belongs to another tenant").arg(runId));
    owner.finish();
    // "run 12" or "run 12 …": the id is a whole word, so run 1 never collects run 12's rows.
    const QString target = QStringLiteral("run %1").arg(runId);
    QSqlQuery query(db);
    query.setForwardOnly(true);
    query.prepare(QStringLiteral("SELECT id, tenant_id, at, actor, action, target, details, prev_hash, hash,"
                                 " tenant_uuid, format FROM audit_log"
                                 " WHERE tenant_uuid = (SELECT uuid FROM tenants WHERE id = ?)"
                                 " AND action LIKE 'restore.%' AND (target = ? OR substr(target, 1, ?) = ?)"
                                 " ORDER BY id"));
    query.addBindValue(scope.tenantId());
    query.addBindValue(target);
    query.addBindValue(int(target.size()) + 1);
    query.addBindValue(QString(target + QLatin1Char(' ')));
    if (Status s = db::exec(query, QStringLiteral("reading the audit rows of run %1").arg(runId)); !s)
        return s.failure();
    QList<AuditEntry> list;
    while (query.next())
        list.append(entryFrom(query));
    return list;
}

} // namespace pv
