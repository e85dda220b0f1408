// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "core/store/SnapshotRepository.h"

#include "core/common/CanonicalJson.h"
#include "core/store/BlobStore.h"
#include "core/store/CaptureTypes.h"
#include "core/store/Database.h"
#include "core/store/DbError.h"
#include "core/store/DbTime.h"
#include "core/store/OwnerCheck.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlQuery>
#include <QVariant>

namespace pv {

namespace {

const QString SnapshotOwner = QStringLiteral("SELECT tenant_id FROM snapshots WHERE id = ?");
const QString PolicyOwner = QStringLiteral("SELECT tenant_id FROM policies WHERE id = ?");
const QString RunOwner = QStringLiteral("SELECT tenant_id FROM runs WHERE id = ?");
const QString VersionOwner = QStringLiteral(
    "SELECT p.tenant_id FROM policy_versions v JOIN policies p ON p.id = v.policy_id WHERE v.id = ?");

QString what(const char* kind, qint64 id)
{
    return QStringLiteral("%1 %2").arg(QLatin1String(kind)).arg(id);
}

QVariant nullableId(qint64 id)
{
    return id > 0 ? QVariant(id) : QVariant(QMetaType::fromType<qint64>());
}

QString jsonList(const QStringList& list)
{
    return QString::fromUtf8(QJsonDocument(QJsonArray::fromStringList(list)).toJson(QJsonDocument::Compact));
}

QStringList fromJsonList(const QString& text)
{
    QStringList out;
    const QJsonArray array = QJsonDocument::fromJson(text.toUtf8()).array();
    for (const QJsonValue& v : array)
        out.append(v.toString());
    return out;
}

const QString PolicyColumns = QStringLiteral(
    "p.id, p.tenant_id, p.graph_id, p.type_key, p.display_name, p.platform, p.first_seen, p.last_seen, p.deleted_at");
PolicyRecord readPolicy(const QSqlQuery& q, int c = 0)
{
    PolicyRecord p;
    p.id = q.value(c).toLongLong();
    p.tenantId = q.value(c + 1).toLongLong();
    p.graphId = q.value(c + 2).toString();
    p.typeKey = q.value(c + 3).toString();
    p.displayName = q.value(c + 4).toString();
    p.platform = q.value(c + 5).toString();
    p.firstSeen = fromDbTime(q.value(c + 6).toString());
    p.lastSeen = fromDbTime(q.value(c + 7).toString());
    p.deletedAt = fromDbTime(q.value(c + 8).toString());
    return p;
}

const QString VersionColumns = QStringLiteral("v.id, v.policy_id, v.captured_at, v.content_hash, v.blob_hash, v.run_id");
PolicyVersionRecord readVersion(const QSqlQuery& q, int c = 0)
{
    PolicyVersionRecord v;
    v.id = q.value(c).toLongLong();
    v.policyId = q.value(c + 1).toLongLong();
    v.capturedAt = fromDbTime(q.value(c + 2).toString());
    v.contentHash = q.value(c + 3).toString();
    v.blobHash = q.value(c + 4).toString();
    v.runId = q.value(c + 5).toLongLong();
    return v;
}

const QString SnapshotColumns = QStringLiteral(
    "s.id, s.tenant_id, s.run_id, s.created_at, s.finished_at, s.complete, s.captured_types, s.incomplete_types,"
    " s.not_captured_types, (SELECT COUNT(*) FROM snapshot_items i WHERE i.snapshot_id = s.id), s.origin");
SnapshotRecord readSnapshot(const QSqlQuery& q)
{
    SnapshotRecord s;
    s.id = q.value(0).toLongLong();
    s.tenantId = q.value(1).toLongLong();
    s.runId = q.value(2).toLongLong();
    s.createdAt = fromDbTime(q.value(3).toString());
    s.finishedAt = fromDbTime(q.value(4).toString());
    s.complete = q.value(5).toInt() != 0;
    s.capturedTypes = fromJsonList(q.value(6).toString());
    s.incompleteTypes = fromJsonList(q.value(7).toString());
    s.notCapturedTypes = fromJsonList(q.value(8).toString());
    s.itemCount = q.value(9).toLongLong();
    s.origin = q.value(10).toString();
    return s;
}

Result<QJsonObject> parseObject(const Result<QByteArray>& bytes, const QString& what)
{
    if (!bytes)
        return bytes.failure();
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(*bytes, &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject())
        return fail(ErrorCode::Parse, QStringLiteral("%1 is not a JSON object: %2").arg(what, error.errorString()));
    return doc.object();
}

// Runs a prepared statement bound with `values`.
Status run(QSqlDatabase& db, const QString& sql, const QVariantList& values, const QString& context)
{
    QSqlQuery q(db);
    q.prepare(sql);
    for (const QVariant& v : values)
        q.addBindValue(v);
    return db::exec(q, context);
}

} // namespace

QString versionOutcomeName(VersionOutcome outcome)
{
    switch (outcome) {
    case VersionOutcome::Created: return QStringLiteral("created");
    case VersionOutcome::Updated: return QStringLiteral("updated");
    case VersionOutcome::Unchanged: return QStringLiteral("unchanged");
    }
    return QStringLiteral("unchanged");
}

SnapshotRepository::SnapshotRepository(std::shared_ptr<Database> database) : m_database(std::move(database)) {}

Result<RecordedVersion> SnapshotRepository::recordPolicyVersion(const TenantScope& scope, const QString& typeKey,
                                                                const QString& graphId, const QString& displayName,
                                                                const QString& platform, const QJsonObject& object,
                                                                qint64 runId, const QString& graphModifiedAt) const
{
    if (typeKey.isEmpty() || graphId.isEmpty())
        return fail(ErrorCode::InvalidArgument, QStringLiteral("a policy needs a type key and a Graph id"));
    const CanonicalJson content = canonical(object, CanonicalProfile::forTypeKey(typeKey));
    RecordedVersion recorded;
    recorded.contentHash = content.contentHash;
    const QVariant modifiedAt = graphModifiedAt.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(graphModifiedAt);
    const Status written = m_database->writeTransaction([&](QSqlDatabase& db) -> Status {
        const QString now = nowDbTime();
        QSqlQuery find(db);
        find.prepare(QStringLiteral("SELECT p.id, (SELECT v.id FROM policy_versions v WHERE v.policy_id = p.id"
                                    " ORDER BY v.id DESC LIMIT 1) FROM policies p"
                                    " WHERE p.tenant_id = ? AND p.type_key = ? AND p.graph_id = ?"));
        find.addBindValue(scope.tenantId());
        find.addBindValue(typeKey);
        find.addBindValue(graphId);
        if (Status s = db::exec(find, QStringLiteral("looking up policy %1").arg(graphId)); !s)
            return s;
        qint64 latestVersion = 0;
        if (find.next()) {
            recorded.policyId = find.value(0).toLongLong();
            latestVersion = find.value(1).toLongLong();
            find.finish();
            if (Status s = run(db, QStringLiteral("UPDATE policies SET display_name = ?, platform = ?, last_seen = ?,"
                                                  " deleted_at = NULL, graph_modified_at = COALESCE(?, graph_modified_at)"
                                                  " WHERE id = ?"),
                               {db::nonNull(displayName), db::nonNull(platform), now, modifiedAt, recorded.policyId},
                               QStringLiteral("updating policy %1").arg(recorded.policyId));
                !s)
                return s;
            recorded.outcome = VersionOutcome::Updated;
        } else {
            find.finish();
            QSqlQuery insert(db);
            insert.prepare(QStringLiteral("INSERT INTO policies(tenant_id, graph_id, type_key, display_name, platform,"
                                          " first_seen, last_seen, graph_modified_at) VALUES(?, ?, ?, ?, ?, ?, ?, ?)"));
            for (const QVariant& v : QVariantList{scope.tenantId(), graphId, typeKey, db::nonNull(displayName),
                                                  db::nonNull(platform), now, now, modifiedAt})
                insert.addBindValue(v);
            if (Status s = db::exec(insert, QStringLiteral("adding policy %1").arg(graphId)); !s)
                return s;
            recorded.policyId = insert.lastInsertId().toLongLong();
            recorded.outcome = VersionOutcome::Created;
        }

        if (latestVersion > 0) {
            QSqlQuery latest(db);
            latest.prepare(QStringLiteral("SELECT content_hash, blob_hash FROM policy_versions WHERE id = ?"));
            latest.addBindValue(latestVersion);
            if (Status s = db::exec(latest, QStringLiteral("reading version %1").arg(latestVersion)); !s)
                return s;
            if (latest.next() && latest.value(0).toString() == content.contentHash) {
                // Same configuration: the version that holds it stays the latest. Its stored
                // bytes are kept too, even when they differ (a new secret value token).
                recorded.outcome = VersionOutcome::Unchanged;
                recorded.versionId = latestVersion;
                recorded.blobHash = latest.value(1).toString();
                return {};
            }
        }

        auto blob = BlobStore(db).put(content.canonicalBytes);
        if (!blob)
            return blob.failure();
        recorded.blobHash = blob->hash;
        recorded.addedBlobBytes = blob->addedBytes;
        QSqlQuery version(db);
        version.prepare(QStringLiteral("INSERT INTO policy_versions(policy_id, captured_at, content_hash, blob_hash,"
                                       " run_id) VALUES(?, ?, ?, ?, ?)"));
        for (const QVariant& v : QVariantList{recorded.policyId, now, content.contentHash, blob->hash, nullableId(runId)})
            version.addBindValue(v);
        if (Status s = db::exec(version, QStringLiteral("adding a version of policy %1").arg(recorded.policyId)); !s)
            return s;
        recorded.versionId = version.lastInsertId().toLongLong();
        return {};
    });
    if (!written)
        return written.failure();
    return recorded;
}

Result<qint64> SnapshotRepository::beginSnapshot(const TenantScope& scope, qint64 runId,
                                                 const QStringList& capturedTypes, const QString& origin) const
{
    qint64 id = 0;
    const Status written = m_database->writeTransaction([&](QSqlDatabase& db) -> Status {
        QSqlQuery q(db);
        q.prepare(QStringLiteral("INSERT INTO snapshots(tenant_id, run_id, created_at, complete, captured_types,"
                                 " not_captured_types, origin) VALUES(?, ?, ?, 0, ?, ?, ?)"));
        for (const QVariant& v : QVariantList{scope.tenantId(), nullableId(runId), nowDbTime(), jsonList(capturedTypes),
                                              jsonList(CaptureTypes::knownNotCaptured()),
                                              origin.isEmpty() ? QStringLiteral("backup") : origin})
            q.addBindValue(v);
        if (Status s = db::exec(q, QStringLiteral("starting a snapshot")); !s)
            return s;
        id = q.lastInsertId().toLongLong();
        return {};
    });
    if (!written)
        return written.failure();
    return id;
}

Status SnapshotRepository::addToSnapshot(const TenantScope& scope, qint64 snapshotId, qint64 versionId) const
{
    return m_database->writeTransaction([&](QSqlDatabase& db) -> Status {
        if (Status s = db::checkOwner(db, scope, SnapshotOwner, snapshotId, what("snapshot", snapshotId)); !s)
            return s;
        if (Status s = db::checkOwner(db, scope, VersionOwner, versionId, what("policy version", versionId)); !s)
            return s;
        return run(db, QStringLiteral("INSERT OR IGNORE INTO snapshot_items(snapshot_id, policy_version_id) VALUES(?, ?)"),
                   {snapshotId, versionId}, QStringLiteral("adding version %1 to snapshot %2").arg(versionId).arg(snapshotId));
    });
}

Status SnapshotRepository::addReference(const TenantScope& scope, qint64 snapshotId, const QString& kind,
                                        const QString& key, const QJsonObject& content) const
{
    const QByteArray bytes = canonical(content, CanonicalProfile::reference()).canonicalBytes;
    return m_database->writeTransaction([&](QSqlDatabase& db) -> Status {
        if (Status s = db::checkOwner(db, scope, SnapshotOwner, snapshotId, what("snapshot", snapshotId)); !s)
            return s;
        const BlobStore blobs(db);
        QSqlQuery existing(db);
        existing.prepare(QStringLiteral("SELECT blob_hash FROM snapshot_references"
                                        " WHERE snapshot_id = ? AND kind = ? AND key = ?"));
        for (const QVariant& v : QVariantList{snapshotId, kind, key})
            existing.addBindValue(v);
        if (Status s = db::exec(existing, QStringLiteral("looking up reference %1 %2").arg(kind, key)); !s)
            return s;
        const bool replacing = existing.next();
        const QString oldHash = replacing ? existing.value(0).toString() : QString();
        existing.finish();
        if (replacing && oldHash == sha256Hex(bytes))
            return {};
        auto blob = blobs.put(bytes);
        if (!blob)
            return blob.failure();
        if (replacing) {
            if (Status s = run(db, QStringLiteral("UPDATE snapshot_references SET blob_hash = ?"
                                                  " WHERE snapshot_id = ? AND kind = ? AND key = ?"),
                               {blob->hash, snapshotId, kind, key}, QStringLiteral("replacing reference %1").arg(key));
                !s)
                return s;
            return blobs.release(oldHash);
        }
        return run(db, QStringLiteral("INSERT INTO snapshot_references(snapshot_id, kind, key, blob_hash) VALUES(?, ?, ?, ?)"),
                   {snapshotId, kind, key, blob->hash}, QStringLiteral("adding reference %1 %2").arg(kind, key));
    });
}

Status SnapshotRepository::finishSnapshot(const TenantScope& scope, qint64 snapshotId, bool complete,
                                          const QStringList& incompleteTypes) const
{
    return m_database->writeTransaction([&](QSqlDatabase& db) -> Status {
        if (Status s = db::checkOwner(db, scope, SnapshotOwner, snapshotId, what("snapshot", snapshotId)); !s)
            return s;
        // A capture that says "complete" while naming an incomplete type is not complete: the
        // flag is what restores and deletion marking trust.
        const bool isComplete = complete && incompleteTypes.isEmpty();
        return run(db, QStringLiteral("UPDATE snapshots SET complete = ?, incomplete_types = ?, finished_at = ? WHERE id = ?"),
                   {isComplete ? 1 : 0, jsonList(incompleteTypes), nowDbTime(), snapshotId},
                   QStringLiteral("finishing snapshot %1").arg(snapshotId));
    });
}

Result<qint64> SnapshotRepository::markDeletedNotIn(const TenantScope& scope, qint64 snapshotId) const
{
    qint64 marked = 0;
    const Status written = m_database->writeTransaction([&](QSqlDatabase& db) -> Status {
        if (Status s = db::checkOwner(db, scope, SnapshotOwner, snapshotId, what("snapshot", snapshotId)); !s)
            return s;
        QSqlQuery snap(db);
        snap.prepare(QStringLiteral("SELECT finished_at, captured_types, incomplete_types FROM snapshots WHERE id = ?"));
        snap.addBindValue(snapshotId);
        if (Status s = db::exec(snap, QStringLiteral("reading snapshot %1").arg(snapshotId)); !s)
            return s;
        if (!snap.next() || snap.value(0).isNull())
            return fail(ErrorCode::Conflict, QStringLiteral("snapshot %1 is not finished").arg(snapshotId));
        const QStringList captured = fromJsonList(snap.value(1).toString());
        const QStringList incomplete = fromJsonList(snap.value(2).toString());
        snap.finish();
        const QString now = nowDbTime();
        for (const QString& type : captured) {
            // Only a type read to its last page proves absence; a short list proves nothing.
            if (incomplete.contains(type))
                continue;
            QSqlQuery q(db);
            q.prepare(QStringLiteral(
                "UPDATE policies SET deleted_at = ? WHERE tenant_id = ? AND type_key = ? AND deleted_at IS NULL"
                " AND id NOT IN (SELECT v.policy_id FROM snapshot_items i JOIN policy_versions v"
                " ON v.id = i.policy_version_id WHERE i.snapshot_id = ?)"));
            for (const QVariant& v : QVariantList{now, scope.tenantId(), type, snapshotId})
                q.addBindValue(v);
            if (Status s = db::exec(q, QStringLiteral("marking deleted %1 policies").arg(type)); !s)
                return s;
            marked += q.numRowsAffected();
        }
        return {};
    });
    if (!written)
        return written.failure();
    return marked;
}

Result<QList<SnapshotRecord>> SnapshotRepository::listSnapshots(const TenantScope& scope) const
{
    QSqlQuery q(m_database->connection());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT ") + SnapshotColumns + QStringLiteral(" FROM snapshots s WHERE s.tenant_id = ?"
                                                                            " ORDER BY s.id DESC"));
    q.addBindValue(scope.tenantId());
    if (Status s = db::exec(q, QStringLiteral("listing snapshots")); !s)
        return s.failure();
    QList<SnapshotRecord> out;
    while (q.next())
        out.append(readSnapshot(q));
    return out;
}

Result<SnapshotDetail> SnapshotRepository::snapshot(const TenantScope& scope, qint64 snapshotId) const
{
    QSqlDatabase db = m_database->connection();
    if (Status s = db::checkOwner(db, scope, SnapshotOwner, snapshotId, what("snapshot", snapshotId)); !s)
        return s.failure();
    SnapshotDetail detail;
    QSqlQuery q(db);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT ") + SnapshotColumns + QStringLiteral(" FROM snapshots s WHERE s.id = ?"));
    q.addBindValue(snapshotId);
    if (Status s = db::exec(q, QStringLiteral("reading snapshot %1").arg(snapshotId)); !s)
        return s.failure();
    if (!q.next())
        return fail(ErrorCode::NotFound, QStringLiteral("snapshot %1 does not exist").arg(snapshotId));
    detail.snapshot = readSnapshot(q);
    q.finish();

    QSqlQuery types(db);
    types.setForwardOnly(true);
    types.prepare(QStringLiteral("SELECT p.type_key, COUNT(*) FROM snapshot_items i"
                                 " JOIN policy_versions v ON v.id = i.policy_version_id"
                                 " JOIN policies p ON p.id = v.policy_id WHERE i.snapshot_id = ? GROUP BY p.type_key"));
    types.addBindValue(snapshotId);
    if (Status s = db::exec(types, QStringLiteral("counting snapshot %1").arg(snapshotId)); !s)
        return s.failure();
    while (types.next())
        detail.itemsByType.insert(types.value(0).toString(), types.value(1).toLongLong());

    QSqlQuery refs(db);
    refs.setForwardOnly(true);
    refs.prepare(QStringLiteral("SELECT kind, COUNT(*) FROM snapshot_references WHERE snapshot_id = ? GROUP BY kind"));
    refs.addBindValue(snapshotId);
    if (Status s = db::exec(refs, QStringLiteral("counting references of snapshot %1").arg(snapshotId)); !s)
        return s.failure();
    while (refs.next())
        detail.referencesByKind.insert(refs.value(0).toString(), refs.value(1).toLongLong());
    return detail;
}

Result<QList<QPair<PolicyRecord, PolicyVersionRecord>>> SnapshotRepository::snapshotItems(const TenantScope& scope,
                                                                                        qint64 snapshotId) const
{
    QSqlDatabase db = m_database->connection();
    if (Status s = db::checkOwner(db, scope, SnapshotOwner, snapshotId, what("snapshot", snapshotId)); !s)
        return s.failure();
    QSqlQuery q(db);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT ") + PolicyColumns + QStringLiteral(", ") + VersionColumns
              + QStringLiteral(" FROM snapshot_items i JOIN policy_versions v ON v.id = i.policy_version_id"
                               " JOIN policies p ON p.id = v.policy_id WHERE i.snapshot_id = ?"
                               " ORDER BY p.type_key, p.display_name, p.id"));
    q.addBindValue(snapshotId);
    if (Status s = db::exec(q, QStringLiteral("listing snapshot %1").arg(snapshotId)); !s)
        return s.failure();
    QList<QPair<PolicyRecord, PolicyVersionRecord>> out;
    while (q.next())
        out.append({readPolicy(q), readVersion(q, 9)});
    return out;
}

Result<QJsonObject> SnapshotRepository::reference(const TenantScope& scope, qint64 snapshotId, const QString& kind,
                                                  const QString& key) const
{
    QSqlDatabase db = m_database->connection();
    if (Status s = db::checkOwner(db, scope, SnapshotOwner, snapshotId, what("snapshot", snapshotId)); !s)
        return s.failure();
    QSqlQuery q(db);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT blob_hash FROM snapshot_references WHERE snapshot_id = ? AND kind = ? AND key = ?"));
    for (const QVariant& v : QVariantList{snapshotId, kind, key})
        q.addBindValue(v);
    if (Status s = db::exec(q, QStringLiteral("reading reference %1 %2").arg(kind, key)); !s)
        return s.failure();
    if (!q.next())
        return fail(ErrorCode::NotFound, QStringLiteral("snapshot %1 holds no %2 \"%3\"").arg(snapshotId).arg(kind, key));
    const QString hash = q.value(0).toString();
    q.finish();
    return parseObject(BlobStore(db).get(hash), QStringLiteral("reference %1 %2").arg(kind, key));
}

Result<QList<PolicyRecord>> SnapshotRepository::listPolicies(const TenantScope& scope, bool includeDeleted) const
{
    QSqlQuery q(m_database->connection());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT ") + PolicyColumns + QStringLiteral(" FROM policies p WHERE p.tenant_id = ?")
              + (includeDeleted ? QString() : QStringLiteral(" AND p.deleted_at IS NULL"))
              + QStringLiteral(" ORDER BY p.type_key, p.display_name, p.id"));
    q.addBindValue(scope.tenantId());
    if (Status s = db::exec(q, QStringLiteral("listing policies")); !s)
        return s.failure();
    QList<PolicyRecord> out;
    while (q.next())
        out.append(readPolicy(q));
    return out;
}

Result<PolicyRecord> SnapshotRepository::policy(const TenantScope& scope, qint64 policyId) const
{
    QSqlDatabase db = m_database->connection();
    if (Status s = db::checkOwner(db, scope, PolicyOwner, policyId, what("policy", policyId)); !s)
        return s.failure();
    QSqlQuery q(db);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT ") + PolicyColumns + QStringLiteral(" FROM policies p WHERE p.id = ?"));
    q.addBindValue(policyId);
    if (Status s = db::exec(q, QStringLiteral("reading policy %1").arg(policyId)); !s)
        return s.failure();
    if (!q.next())
        return fail(ErrorCode::NotFound, QStringLiteral("policy %1 does not exist").arg(policyId));
    return readPolicy(q);
}

Result<PolicyRecord> SnapshotRepository::policyByIdOrGraphId(const TenantScope& scope, const QString& text) const
{
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty())
        return fail(ErrorCode::InvalidArgument, QStringLiteral("a policy id is empty"));
    bool isNumber = false;
    const qint64 id = trimmed.toLongLong(&isNumber);
    if (isNumber && id > 0) {
        auto byId = policy(scope, id);
        if (byId || byId.error().code != ErrorCode::NotFound)
            return byId;
        // Not a PolicyVault id: scope tags have decimal Graph ids ("0", "1", …).
    }
    QSqlQuery q(m_database->connection());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT ") + PolicyColumns
              + QStringLiteral(" FROM policies p WHERE p.tenant_id = ? AND p.graph_id = ?"
                               " ORDER BY p.deleted_at IS NULL DESC, p.id DESC LIMIT 1"));
    q.addBindValue(scope.tenantId());
    q.addBindValue(trimmed);
    if (Status s = db::exec(q, QStringLiteral("looking up policy %1").arg(trimmed)); !s)
        return s.failure();
    if (!q.next())
        return fail(ErrorCode::NotFound, QStringLiteral("no policy has the id \"%1\"").arg(trimmed));
    return readPolicy(q);
}

Result<PolicyRecord> SnapshotRepository::policyByGraphId(const TenantScope& scope, const QString& typeKey,
                                                         const QString& graphId) const
{
    QSqlQuery q(m_database->connection());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT ") + PolicyColumns
              + QStringLiteral(" FROM policies p WHERE p.tenant_id = ? AND p.type_key = ? AND p.graph_id = ?"));
    for (const QVariant& v : QVariantList{scope.tenantId(), typeKey, graphId})
        q.addBindValue(v);
    if (Status s = db::exec(q, QStringLiteral("looking up policy %1").arg(graphId)); !s)
        return s.failure();
    if (!q.next())
        return fail(ErrorCode::NotFound, QStringLiteral("%1 %2 was never captured").arg(typeKey, graphId));
    return readPolicy(q);
}

Result<QString> SnapshotRepository::graphModifiedAt(const TenantScope& scope, qint64 policyId) const
{
    QSqlDatabase db = m_database->connection();
    if (Status s = db::checkOwner(db, scope, PolicyOwner, policyId, what("policy", policyId)); !s)
        return s.failure();
    QSqlQuery q(db);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT graph_modified_at FROM policies WHERE id = ?"));
    q.addBindValue(policyId);
    if (Status s = db::exec(q, QStringLiteral("reading policy %1").arg(policyId)); !s)
        return s.failure();
    return q.next() ? q.value(0).toString() : QString();
}

Result<PolicyVersionRecord> SnapshotRepository::latestVersion(const TenantScope& scope, qint64 policyId) const
{
    QSqlDatabase db = m_database->connection();
    if (Status s = db::checkOwner(db, scope, PolicyOwner, policyId, what("policy", policyId)); !s)
        return s.failure();
    QSqlQuery q(db);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT ") + VersionColumns
              + QStringLiteral(" FROM policy_versions v WHERE v.policy_id = ? ORDER BY v.id DESC LIMIT 1"));
    q.addBindValue(policyId);
    if (Status s = db::exec(q, QStringLiteral("reading the latest version of policy %1").arg(policyId)); !s)
        return s.failure();
    if (!q.next())
        return fail(ErrorCode::NotFound, QStringLiteral("policy %1 has no version").arg(policyId));
    return readVersion(q);
}

Result<SnapshotRecord> SnapshotRepository::snapshotOfRun(const TenantScope& scope, qint64 runId) const
{
    QSqlDatabase db = m_database->connection();
    if (Status s = db::checkOwner(db, scope, RunOwner, runId, what("run", runId)); !s)
        return s.failure();
    // Up the chain to the root: the first snapshot any run of the chain opened is the chain's
    // (the root's, unless the root never got to open one).
    QSqlQuery q(db);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("WITH RECURSIVE chain(id, parent) AS ("
                             " SELECT id, parent_run_id FROM runs WHERE id = ? AND tenant_id = ?"
                             " UNION ALL SELECT r.id, r.parent_run_id FROM runs r JOIN chain c ON r.id = c.parent"
                             " WHERE r.tenant_id = ?)"
                             " SELECT ") + SnapshotColumns
              + QStringLiteral(" FROM snapshots s WHERE s.tenant_id = ? AND s.run_id IN (SELECT id FROM chain)"
                               " ORDER BY s.id LIMIT 1"));
    for (const QVariant& v : QVariantList{runId, scope.tenantId(), scope.tenantId(), scope.tenantId()})
        q.addBindValue(v);
    if (Status s = db::exec(q, QStringLiteral("finding the snapshot of run %1").arg(runId)); !s)
        return s.failure();
    if (!q.next())
        return fail(ErrorCode::NotFound, QStringLiteral("run %1 has no snapshot").arg(runId));
    return readSnapshot(q);
}

Result<SnapshotRecord> SnapshotRepository::previousCompleteSnapshot(const TenantScope& scope, const QString& typeKey,
                                                                    qint64 beforeSnapshotId) const
{
    auto all = listSnapshots(scope);
    if (!all)
        return all.failure();
    for (const SnapshotRecord& s : *all) {
        if (beforeSnapshotId > 0 && s.id >= beforeSnapshotId)
            continue;
        // A pre_restore snapshot holds only what a restore overwrote: never a baseline.
        if (s.origin == u"backup" && s.finishedAt.isValid() && s.capturedTypes.contains(typeKey)
            && !s.incompleteTypes.contains(typeKey))
            return s;
    }
    return fail(ErrorCode::NotFound, QStringLiteral("no earlier snapshot captured %1 completely").arg(typeKey));
}

Result<QHash<QString, QJsonObject>> SnapshotRepository::references(const TenantScope& scope, qint64 snapshotId,
                                                                   const QString& kind) const
{
    QSqlDatabase db = m_database->connection();
    if (Status s = db::checkOwner(db, scope, SnapshotOwner, snapshotId, what("snapshot", snapshotId)); !s)
        return s.failure();
    QSqlQuery q(db);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT key, blob_hash FROM snapshot_references WHERE snapshot_id = ? AND kind = ?"));
    q.addBindValue(snapshotId);
    q.addBindValue(kind);
    if (Status s = db::exec(q, QStringLiteral("reading %1 references of snapshot %2").arg(kind).arg(snapshotId)); !s)
        return s.failure();
    QList<QPair<QString, QString>> rows;
    while (q.next())
        rows.append({q.value(0).toString(), q.value(1).toString()});
    q.finish();
    QHash<QString, QJsonObject> out;
    const BlobStore blobs(db);
    for (const auto& [key, hash] : std::as_const(rows)) {
        auto content = parseObject(blobs.get(hash), QStringLiteral("reference %1 %2").arg(kind, key));
        if (!content)
            return content.failure();
        out.insert(key, *content);
    }
    return out;
}

Result<QList<PolicyVersionRecord>> SnapshotRepository::policyVersions(const TenantScope& scope, qint64 policyId) const
{
    QSqlDatabase db = m_database->connection();
    if (Status s = db::checkOwner(db, scope, PolicyOwner, policyId, what("policy", policyId)); !s)
        return s.failure();
    QSqlQuery q(db);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT ") + VersionColumns
              + QStringLiteral(" FROM policy_versions v WHERE v.policy_id = ? ORDER BY v.id"));
    q.addBindValue(policyId);
    if (Status s = db::exec(q, QStringLiteral("listing versions of policy %1").arg(policyId)); !s)
        return s.failure();
    QList<PolicyVersionRecord> out;
    while (q.next())
        out.append(readVersion(q));
    return out;
}

Result<QJsonObject> SnapshotRepository::versionContent(const TenantScope& scope, qint64 versionId) const
{
    QSqlDatabase db = m_database->connection();
    if (Status s = db::checkOwner(db, scope, VersionOwner, versionId, what("policy version", versionId)); !s)
        return s.failure();
    QSqlQuery q(db);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT blob_hash FROM policy_versions WHERE id = ?"));
    q.addBindValue(versionId);
    if (Status s = db::exec(q, QStringLiteral("reading version %1").arg(versionId)); !s)
        return s.failure();
    if (!q.next())
        return fail(ErrorCode::NotFound, QStringLiteral("policy version %1 does not exist").arg(versionId));
    const QString hash = q.value(0).toString();
    q.finish();
    return parseObject(BlobStore(db).get(hash), what("policy version", versionId));
}

Status SnapshotRepository::removeTenantContent(QSqlDatabase& db, qint64 tenantId)
{
    // Every row that names a blob holds one reference: drop the tenant's references in one
    // statement per table, then free what nobody else names. Shared blobs (another tenant
    // with the same content) keep their remaining count.
    const QString context = QStringLiteral("removing the captured content of tenant %1").arg(tenantId);
    const QStringList statements{
        QStringLiteral("UPDATE blobs SET ref_count = ref_count - (SELECT COUNT(*) FROM policy_versions v"
                       " JOIN policies p ON p.id = v.policy_id WHERE p.tenant_id = ? AND v.blob_hash = blobs.hash)"
                       " WHERE hash IN (SELECT v.blob_hash FROM policy_versions v JOIN policies p ON p.id = v.policy_id"
                       " WHERE p.tenant_id = ?)"),
        QStringLiteral("UPDATE blobs SET ref_count = ref_count - (SELECT COUNT(*) FROM snapshot_references r"
                       " JOIN snapshots s ON s.id = r.snapshot_id WHERE s.tenant_id = ? AND r.blob_hash = blobs.hash)"
                       " WHERE hash IN (SELECT r.blob_hash FROM snapshot_references r JOIN snapshots s"
                       " ON s.id = r.snapshot_id WHERE s.tenant_id = ?)"),
    };
    for (const QString& sql : statements) {
        if (Status s = run(db, sql, {tenantId, tenantId}, context); !s)
            return s;
    }
    const QStringList deletes{
        QStringLiteral("DELETE FROM snapshot_references WHERE snapshot_id IN (SELECT id FROM snapshots WHERE tenant_id = ?)"),
        QStringLiteral("DELETE FROM snapshot_items WHERE snapshot_id IN (SELECT id FROM snapshots WHERE tenant_id = ?)"),
        QStringLiteral("DELETE FROM snapshots WHERE tenant_id = ?"),
        QStringLiteral("DELETE FROM policy_versions WHERE policy_id IN (SELECT id FROM policies WHERE tenant_id = ?)"),
        QStringLiteral("DELETE FROM policies WHERE tenant_id = ?"),
    };
    for (const QString& sql : deletes) {
        if (Status s = run(db, sql, {tenantId}, context); !s)
            return s;
    }
    return BlobStore(db).sweepUnreferenced();
}

} // namespace pv
