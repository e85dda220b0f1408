// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

#include "core/secrets/SecretStore.h"

#include <QMutex>

namespace pv {

/// The part of a SecretStore that does not depend on where the bytes go: chunking and the
/// per-tenant index. Subclasses supply three primitives on single entries.
///
/// Layout of the entries (Nextcloud's KeychainChunk, ownCloud's key index):
/// - a value of at most `chunkSize` bytes is stored as is under its key;
/// - a bigger one is split into `<key>.chunk0` … `<key>.chunk<N-1>` of at most `chunkSize`
///   bytes, and the key itself holds the header `pvchunks:1:<N>:<total bytes>`;
/// - `policyvault:<tenant>:.index` lists the tenant's keys, one per line (chunked like any value).
class ChunkedSecretStore : public SecretStore
{
public:
    /// Windows' Credential Manager rejects blobs over 2,560 bytes.
    static constexpr int DefaultChunkSize = 2048;

    Status write(const QString& key, const QByteArray& value) final;
    Result<QByteArray> read(const QString& key) final;
    Status remove(const QString& key) final;
    Status removeAllForTenant(const QString& tenant) final;
    Result<QStringList> keys(const QString& tenant) final;

    int chunkSize() const { return m_chunkSize; }
    /// Entry name of the index of `tenant`.
    static QString indexKey(const QString& tenant);
    /// Entry name of chunk `i` of `key`.
    static QString chunkKey(const QString& key, int i);

protected:
    explicit ChunkedSecretStore(int chunkSize);

    // One entry each. rawRead reports a missing entry as NotFound; rawRemove of a missing
    // entry succeeds. Called with the store's mutex held, one at a time.
    virtual Status rawWrite(const QString& entry, const QByteArray& bytes) = 0;
    virtual Result<QByteArray> rawRead(const QString& entry) = 0;
    virtual Status rawRemove(const QString& entry) = 0;

private:
    Status writeValue(const QString& key, const QByteArray& value);
    Result<QByteArray> readValue(const QString& key);
    Status removeValue(const QString& key);
    Result<QStringList> readIndex(const QString& tenant);
    Status writeIndex(const QString& tenant, const QStringList& keys);
    /// Number of chunks the entry `key` currently points at (0 for a plain value or none).
    Result<int> storedChunkCount(const QString& key);

    const int m_chunkSize;
    // Serialises whole operations: the index is read-modify-write and chunks belong together.
    QMutex m_mutex;
};

} // namespace pv
