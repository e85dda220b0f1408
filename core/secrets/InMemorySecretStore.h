// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

#include "core/secrets/ChunkedSecretStore.h"

#include <QMap>

namespace pv {

/// A SecretStore in memory, for unit tests. It chunks and indexes exactly like the keychain
/// store (same base class), so tests can count entries and chunks through `entries()`.
class InMemorySecretStore final : public ChunkedSecretStore
{
public:
    explicit InMemorySecretStore(int chunkSize = DefaultChunkSize);

    /// Every raw entry (keys, chunks, indexes) as the keychain would hold it.
    QMap<QString, QByteArray> entries() const;
    /// Makes the next `count` raw operations fail with ErrorCode::Keychain (failure injection).
    void failNextOperations(int count);

protected:
    Status rawWrite(const QString& entry, const QByteArray& bytes) override;
    Result<QByteArray> rawRead(const QString& entry) override;
    Status rawRemove(const QString& entry) override;

private:
    Status injectedFailure();

    mutable QMutex m_entriesMutex; // entries() may be called while another thread writes
    QMap<QString, QByteArray> m_entries;
    int m_failures = 0;
};

} // namespace pv
