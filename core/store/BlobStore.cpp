// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "core/store/BlobStore.h"

#include "core/common/CanonicalJson.h"
#include "core/store/DbError.h"

#include <QSqlQuery>
#include <QVariant>

namespace pv {

BlobStore::BlobStore(QSqlDatabase db) : m_db(std::move(db)) {}

Result<BlobStore::Stored> BlobStore::put(const QByteArray& data) const
{
    Stored stored{sha256Hex(data), 0};
    // Most puts of a re-capture find the blob: count the reference first and compress only
    // when the blob is new.
    QSqlQuery ref(m_db);
    ref.prepare(QStringLiteral("UPDATE blobs SET ref_count = ref_count + 1 WHERE hash = ?"));
    ref.addBindValue(stored.hash);
    if (Status s = db::exec(ref, QStringLiteral("referencing blob %1").arg(stored.hash)); !s)
        return s.failure();
    if (ref.numRowsAffected() > 0)
        return stored;

    const QByteArray compressed = qCompress(data);
    QSqlQuery insert(m_db);
    insert.prepare(QStringLiteral("INSERT INTO blobs(hash, data, size, ref_count) VALUES(?, ?, ?, 1)"));
    insert.addBindValue(stored.hash);
    insert.addBindValue(compressed);
    insert.addBindValue(static_cast<qint64>(data.size()));
    if (Status s = db::exec(insert, QStringLiteral("storing blob %1").arg(stored.hash)); !s)
        return s.failure();
    stored.addedBytes = compressed.size();
    return stored;
}

Result<QByteArray> BlobStore::get(const QString& hash) const
{
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT data, size FROM blobs WHERE hash = ?"));
    q.addBindValue(hash);
    if (Status s = db::exec(q, QStringLiteral("reading blob %1").arg(hash)); !s)
        return s.failure();
    if (!q.next())
        return fail(ErrorCode::NotFound, QStringLiteral("blob %1 does not exist").arg(hash));
    const QByteArray compressed = q.value(0).toByteArray();
    const qint64 size = q.value(1).toLongLong();
    // qUncompress returns an empty array for damaged input; the hash check catches the rest
    // (a flipped bit that still inflates, a row whose data was swapped).
    const QByteArray data = qUncompress(compressed);
    if ((data.isEmpty() && size != 0) || data.size() != size || sha256Hex(data) != hash)
        return fail(ErrorCode::Database, QStringLiteral("blob %1 is corrupt: its content does not match its hash").arg(hash));
    return data;
}

Status BlobStore::release(const QString& hash) const
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("UPDATE blobs SET ref_count = ref_count - 1 WHERE hash = ? AND ref_count > 0"));
    q.addBindValue(hash);
    if (Status s = db::exec(q, QStringLiteral("releasing blob %1").arg(hash)); !s)
        return s;
    if (q.numRowsAffected() == 0)
        return fail(ErrorCode::NotFound, QStringLiteral("blob %1 does not exist or has no reference").arg(hash));
    QSqlQuery del(m_db);
    del.prepare(QStringLiteral("DELETE FROM blobs WHERE hash = ? AND ref_count = 0"));
    del.addBindValue(hash);
    return db::exec(del, QStringLiteral("freeing blob %1").arg(hash));
}

Result<qint64> BlobStore::refCount(const QString& hash) const
{
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT ref_count FROM blobs WHERE hash = ?"));
    q.addBindValue(hash);
    if (Status s = db::exec(q, QStringLiteral("reading blob %1").arg(hash)); !s)
        return s.failure();
    if (!q.next())
        return fail(ErrorCode::NotFound, QStringLiteral("blob %1 does not exist").arg(hash));
    return q.value(0).toLongLong();
}

Status BlobStore::sweepUnreferenced() const
{
    QSqlQuery q(m_db);
    // Matches the partial index blobs_unreferenced, so this reads only the blobs it deletes.
    q.prepare(QStringLiteral("DELETE FROM blobs WHERE ref_count = 0"));
    return db::exec(q, QStringLiteral("freeing unreferenced blobs"));
}

} // namespace pv
