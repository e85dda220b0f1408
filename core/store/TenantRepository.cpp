// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "core/store/TenantRepository.h"

#include "core/store/TenantProfile.h"

#include "core/store/AuditLog.h"

#include "core/store/Database.h"
#include "core/store/DbError.h"
#include "core/store/DbTime.h"
#include "core/store/SnapshotRepository.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>
#include <QVariant>

namespace pv {

namespace {

const QString SelectColumns = QStringLiteral(
    "SELECT id, name, entra_tenant_id, cloud, client_id, auth_method, graph_url, authority_url, read_only,"
    " created_at, uuid, simulated, ca_cert_path, certificate_path FROM tenants");

TenantRecord recordFrom(const QSqlQuery& query)
{
    TenantRecord tenant;
    tenant.id = query.value(0).toLongLong();
    tenant.name = query.value(1).toString();
    tenant.entraTenantId = query.value(2).toString();
    tenant.cloud = query.value(3).toString();
    tenant.clientId = query.value(4).toString();
    tenant.authMethod = query.value(5).toString();
    tenant.graphUrl = query.value(6).toString();
    tenant.authorityUrl = query.value(7).toString();
    tenant.readOnly = query.value(8).toLongLong() != 0;
    tenant.createdAt = fromDbTime(query.value(9).toString());
    tenant.uuid = query.value(10).toString();
    tenant.simulated = query.value(11).toLongLong() != 0;
    tenant.caCertificatePath = query.value(12).toString();
    tenant.certificatePath = query.value(13).toString();
    return tenant;
}

QVariant nullIfEmpty(const QString& value)
{
    return value.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(value);
}

} // namespace

TenantRepository::TenantRepository(std::shared_ptr<Database> database) : m_database(std::move(database)) {}

Result<TenantRecord> TenantRepository::create(const TenantRecord& tenant) const
{
    TenantRecord record = tenant;
    record.name = record.name.trimmed();
    record.entraTenantId = record.entraTenantId.trimmed();
    if (Status valid = TenantProfile::validate(record); !valid)
        return valid.failure();
    if (record.cloud.isEmpty())
        record.cloud = QStringLiteral("global");
    if (record.authMethod.isEmpty())
        record.authMethod = QStringLiteral("client_secret");
    if (!record.createdAt.isValid())
        record.createdAt = QDateTime::currentDateTimeUtc();
    // Stored with millisecond precision; return exactly what a later read gives.
    record.createdAt = fromDbTime(toDbTime(record.createdAt));
    record.uuid = QUuid::createUuid().toString(QUuid::WithoutBraces);

    const Status status = m_database->writeTransaction([this, &record](QSqlDatabase& db) -> Status {
        // Checked first so the caller gets Conflict rather than a driver message; the UNIQUE
        // constraint still guards against a racing process.
        QSqlQuery existing(db);
        existing.prepare(QStringLiteral("SELECT id FROM tenants WHERE name = ?"));
        existing.addBindValue(record.name);
        if (Status s = db::exec(existing, QStringLiteral("looking up tenant %1").arg(record.name)); !s)
            return s;
        if (existing.next())
            return fail(ErrorCode::Conflict, QStringLiteral("A tenant named %1 already exists").arg(record.name));
        existing.finish();

        QSqlQuery insert(db);
        insert.prepare(QStringLiteral("INSERT INTO tenants(uuid, name, entra_tenant_id, cloud, client_id, auth_method,"
                                      " graph_url, authority_url, read_only, simulated, created_at, ca_cert_path,"
                                      " certificate_path)"
                                      " VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
        insert.addBindValue(record.uuid);
        insert.addBindValue(record.name);
        insert.addBindValue(record.entraTenantId);
        insert.addBindValue(record.cloud);
        insert.addBindValue(db::nonNull(record.clientId));
        insert.addBindValue(record.authMethod);
        insert.addBindValue(nullIfEmpty(record.graphUrl));
        insert.addBindValue(nullIfEmpty(record.authorityUrl));
        insert.addBindValue(record.readOnly ? 1 : 0);
        insert.addBindValue(record.simulated ? 1 : 0);
        insert.addBindValue(toDbTime(record.createdAt));
        insert.addBindValue(nullIfEmpty(record.caCertificatePath));
        insert.addBindValue(nullIfEmpty(record.certificatePath));
        if (!insert.exec()) {
            if (db::isConstraintViolation(insert.lastError()))
                return fail(ErrorCode::Conflict, QStringLiteral("A tenant named %1 already exists").arg(record.name));
            return db::failure(insert.lastError(), QStringLiteral("adding tenant %1").arg(record.name));
        }
        record.id = insert.lastInsertId().toLongLong();
        return AuditLog(m_database).append(record.id, AuditLog::localActor(), QStringLiteral("tenant.add"), record.name,
                                           QStringLiteral("Entra tenant %1, %2%3")
                                               .arg(record.entraTenantId, record.authMethod,
                                                    record.readOnly ? QStringLiteral(", read-only") : QString()));
    });
    if (!status)
        return status.failure();
    return record;
}

Result<QList<TenantRecord>> TenantRepository::list() const
{
    QSqlQuery query(m_database->connection());
    query.setForwardOnly(true);
    query.prepare(SelectColumns + QStringLiteral(" ORDER BY name, id"));
    if (Status s = db::exec(query, QStringLiteral("listing tenants")); !s)
        return s.failure();
    QList<TenantRecord> tenants;
    while (query.next())
        tenants.append(recordFrom(query));
    return tenants;
}

Result<TenantRecord> TenantRepository::byId(qint64 id) const
{
    QSqlQuery query(m_database->connection());
    query.setForwardOnly(true);
    query.prepare(SelectColumns + QStringLiteral(" WHERE id = ?"));
    query.addBindValue(id);
    if (Status s = db::exec(query, QStringLiteral("reading tenant %1").arg(id)); !s)
        return s.failure();
    if (!query.next())
        return fail(ErrorCode::NotFound, QStringLiteral("No tenant with id %1").arg(id));
    return recordFrom(query);
}

Result<TenantRecord> TenantRepository::byName(const QString& name) const
{
    QSqlQuery query(m_database->connection());
    query.setForwardOnly(true);
    query.prepare(SelectColumns + QStringLiteral(" WHERE name = ?"));
    query.addBindValue(name.trimmed());
    if (Status s = db::exec(query, QStringLiteral("reading tenant %1").arg(name)); !s)
        return s.failure();
    if (!query.next())
        return fail(ErrorCode::NotFound, QStringLiteral("No tenant named %1").arg(name));
    return recordFrom(query);
}

Status TenantRepository::remove(qint64 id) const
{
    return m_database->writeTransaction([this, id](QSqlDatabase& db) -> Status {
        QSqlQuery tenant(db);
        tenant.prepare(QStringLiteral("SELECT name, uuid FROM tenants WHERE id = ?"));
        tenant.addBindValue(id);
        if (Status s = db::exec(tenant, QStringLiteral("looking up tenant %1").arg(id)); !s)
            return s;
        if (!tenant.next())
            return fail(ErrorCode::NotFound, QStringLiteral("No tenant with id %1").arg(id));
        const QString removedName = tenant.value(0).toString();
        const QString uuid = tenant.value(1).toString();
        tenant.finish();

        // Checked inside the write transaction, so no run can start between the check and the
        // delete (starts insert in a write transaction too), whichever process starts it.
        QSqlQuery active(db);
        active.prepare(QStringLiteral("SELECT id FROM runs WHERE tenant_id = ? AND status IN ('queued','running')"
                                      " ORDER BY id"));
        active.addBindValue(id);
        if (Status s = db::exec(active, QStringLiteral("looking for active runs of tenant %1").arg(id)); !s)
            return s;
        QStringList activeIds;
        while (active.next())
            activeIds.append(active.value(0).toString());
        active.finish();
        if (!activeIds.isEmpty())
            return fail(ErrorCode::Conflict, QStringLiteral("Tenant %1 has active runs (%2); cancel them first")
                                                 .arg(removedName, activeIds.join(QStringLiteral(", "))));

        // Audited first: the row still exists, so the entry carries the tenant's uuid.
        if (Status s = AuditLog(m_database).append(id, AuditLog::localActor(), QStringLiteral("tenant.remove"),
                                                   removedName);
            !s)
            return s;
        // Restore plans and the write journal name policy versions and runs: they go first.
        const QStringList restoreRows{
            QStringLiteral("DELETE FROM write_journal WHERE tenant_id = ?"),
            QStringLiteral("DELETE FROM restore_plan_items WHERE run_id IN"
                           " (SELECT run_id FROM restore_plans WHERE tenant_id = ?)"),
            QStringLiteral("DELETE FROM restore_plans WHERE tenant_id = ?"),
        };
        for (const QString& sql : restoreRows) {
            QSqlQuery query(db);
            query.prepare(sql);
            query.addBindValue(id);
            if (Status s = db::exec(query, QStringLiteral("removing the restore plans of tenant %1").arg(id)); !s)
                return s;
        }
        // Captured content next: its rows name the tenant and its blobs, which other tenants
        // may share (content-addressed); only blobs nobody else names are freed.
        if (Status s = SnapshotRepository::removeTenantContent(db, id); !s)
            return s;
        const QStringList statements{
            QStringLiteral("DELETE FROM run_items WHERE run_id IN (SELECT id FROM runs WHERE tenant_id = ?)"),
            QStringLiteral("DELETE FROM notifications WHERE tenant_id = ?"),
            QStringLiteral("DELETE FROM runs WHERE tenant_id = ?"),
            QStringLiteral("DELETE FROM tenants WHERE id = ?"),
        };
        for (const QString& sql : statements) {
            QSqlQuery query(db);
            query.prepare(sql);
            query.addBindValue(id);
            if (Status s = db::exec(query, QStringLiteral("removing tenant %1").arg(id)); !s)
                return s;
        }
        QSqlQuery cleanup(db);
        cleanup.prepare(QStringLiteral("INSERT OR REPLACE INTO secret_cleanup(tenant_uuid, since) VALUES(?, ?)"));
        cleanup.addBindValue(uuid);
        cleanup.addBindValue(nowDbTime());
        return db::exec(cleanup, QStringLiteral("recording the secrets of tenant %1 for removal").arg(id));
    });
}

Result<QStringList> TenantRepository::pendingSecretCleanups() const
{
    QSqlQuery query(m_database->connection());
    query.setForwardOnly(true);
    query.prepare(QStringLiteral("SELECT tenant_uuid FROM secret_cleanup ORDER BY since, tenant_uuid"));
    if (Status s = db::exec(query, QStringLiteral("listing secrets to remove")); !s)
        return s.failure();
    QStringList uuids;
    while (query.next())
        uuids.append(query.value(0).toString());
    return uuids;
}

Status TenantRepository::secretCleanupDone(const QString& tenantUuid) const
{
    return m_database->writeTransaction([&tenantUuid](QSqlDatabase& db) -> Status {
        QSqlQuery query(db);
        query.prepare(QStringLiteral("DELETE FROM secret_cleanup WHERE tenant_uuid = ?"));
        query.addBindValue(tenantUuid);
        return db::exec(query, QStringLiteral("clearing the secret clean-up of %1").arg(tenantUuid));
    });
}

Status TenantRepository::setReadOnly(qint64 id, bool readOnly) const
{
    return m_database->writeTransaction([id, readOnly](QSqlDatabase& db) -> Status {
        QSqlQuery query(db);
        query.prepare(QStringLiteral("UPDATE tenants SET read_only = ? WHERE id = ?"));
        query.addBindValue(readOnly ? 1 : 0);
        query.addBindValue(id);
        if (Status s = db::exec(query, QStringLiteral("updating tenant %1").arg(id)); !s)
            return s;
        if (query.numRowsAffected() == 0)
            return fail(ErrorCode::NotFound, QStringLiteral("No tenant with id %1").arg(id));
        return {};
    });
}

namespace {

/// "cloud global → usgov, read-only off → on": what an edit changed, for the audit log.
QString describeChanges(const TenantRecord& before, const TenantRecord& after)
{
    QStringList changes;
    const auto compare = [&changes](const char* field, const QString& old, const QString& now) {
        if (old != now)
            changes.append(QStringLiteral("%1 %2 → %3")
                               .arg(QString::fromLatin1(field), old.isEmpty() ? QStringLiteral("(none)") : old,
                                    now.isEmpty() ? QStringLiteral("(none)") : now));
    };
    compare("name", before.name, after.name);
    compare("tenant id", before.entraTenantId, after.entraTenantId);
    compare("cloud", before.cloud, after.cloud);
    compare("client id", before.clientId, after.clientId);
    compare("auth", before.authMethod, after.authMethod);
    compare("graph url", before.graphUrl, after.graphUrl);
    compare("authority url", before.authorityUrl, after.authorityUrl);
    compare("ca file", before.caCertificatePath, after.caCertificatePath);
    compare("certificate", before.certificatePath, after.certificatePath);
    compare("read-only", before.readOnly ? QStringLiteral("on") : QStringLiteral("off"),
            after.readOnly ? QStringLiteral("on") : QStringLiteral("off"));
    return changes.isEmpty() ? QStringLiteral("no change") : changes.join(QStringLiteral(", "));
}

} // namespace

Result<TenantRecord> TenantRepository::update(const TenantRecord& tenant) const
{
    TenantRecord record = tenant;
    record.name = record.name.trimmed();
    record.entraTenantId = record.entraTenantId.trimmed();
    if (record.cloud.isEmpty())
        record.cloud = QStringLiteral("global");
    if (record.authMethod.isEmpty())
        record.authMethod = QStringLiteral("client_secret");
    if (Status valid = TenantProfile::validate(record); !valid)
        return valid.failure();

    const Status status = m_database->writeTransaction([this, &record](QSqlDatabase& db) -> Status {
        QSqlQuery current(db);
        current.prepare(SelectColumns + QStringLiteral(" WHERE id = ?"));
        current.addBindValue(record.id);
        if (Status s = db::exec(current, QStringLiteral("reading tenant %1").arg(record.id)); !s)
            return s;
        if (!current.next())
            return fail(ErrorCode::NotFound, QStringLiteral("No tenant with id %1").arg(record.id));
        const TenantRecord before = recordFrom(current);
        current.finish();
        record.uuid = before.uuid;
        record.simulated = before.simulated;
        record.createdAt = before.createdAt;

        QSqlQuery update(db);
        update.prepare(QStringLiteral("UPDATE tenants SET name = ?, entra_tenant_id = ?, cloud = ?, client_id = ?,"
                                      " auth_method = ?, graph_url = ?, authority_url = ?, ca_cert_path = ?,"
                                      " certificate_path = ?, read_only = ? WHERE id = ?"));
        update.addBindValue(record.name);
        update.addBindValue(record.entraTenantId);
        update.addBindValue(record.cloud);
        update.addBindValue(db::nonNull(record.clientId));
        update.addBindValue(record.authMethod);
        update.addBindValue(nullIfEmpty(record.graphUrl));
        update.addBindValue(nullIfEmpty(record.authorityUrl));
        update.addBindValue(nullIfEmpty(record.caCertificatePath));
        update.addBindValue(nullIfEmpty(record.certificatePath));
        update.addBindValue(record.readOnly ? 1 : 0);
        update.addBindValue(record.id);
        if (!update.exec()) {
            if (db::isConstraintViolation(update.lastError()))
                return fail(ErrorCode::Conflict, QStringLiteral("A tenant named %1 already exists").arg(record.name));
            return db::failure(update.lastError(), QStringLiteral("updating tenant %1").arg(record.id));
        }
        return AuditLog(m_database).append(record.id, AuditLog::localActor(), QStringLiteral("tenant.edit"),
                                           record.name, describeChanges(before, record));
    });
    if (!status)
        return status.failure();
    return record;
}

} // namespace pv
