// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

#include "core/common/Result.h"

#include <QByteArray>
#include <QSqlDatabase>
#include <QString>

namespace pv {

/// Content-addressed, compressed, reference-counted bytes in `blobs`. A blob's key is the
/// SHA-256 (hex) of its uncompressed bytes; equal content is stored once, whoever stores it.
/// Works on the caller's connection inside the caller's write transaction: a reference is
/// taken or dropped together with the row that names the blob.
class BlobStore final
{
public:
    struct Stored
    {
        QString hash;           ///< SHA-256 hex of the uncompressed bytes
        qint64 addedBytes = 0;  ///< compressed bytes written; 0 when the blob already existed
    };

    explicit BlobStore(QSqlDatabase db);

    /// Stores `data` (or finds it) and takes one reference to it.
    Result<Stored> put(const QByteArray& data) const;

    /// The uncompressed bytes. A blob that does not decompress, or whose bytes no longer hash
    /// to its key, is ErrorCode::Database ("corrupt"): never bad data. NotFound when absent.
    Result<QByteArray> get(const QString& hash) const;

    /// Drops one reference; the blob is deleted when none is left. NotFound when absent.
    Status release(const QString& hash) const;

    /// References held on the blob; NotFound when absent.
    Result<qint64> refCount(const QString& hash) const;

    /// Deletes every blob without references (after bulk decrements, e.g. a tenant removal).
    Status sweepUnreferenced() const;

private:
    QSqlDatabase m_db;
};

} // namespace pv
