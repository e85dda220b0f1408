// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "core/secrets/ChunkedSecretStore.h"

#include <QMutexLocker>

namespace pv {
namespace {

using namespace Qt::StringLiterals;

constexpr char HeaderMagic[] = "pvchunks:1:";

struct ChunkHeader
{
    int count = 0;
    qsizetype total = 0;
};

/// Parses `pvchunks:1:<N>:<total>`; count 0 when `bytes` is a plain value.
ChunkHeader parseHeader(const QByteArray& bytes)
{
    if (!bytes.startsWith(HeaderMagic))
        return {};
    const QList<QByteArray> parts = bytes.mid(qsizetype(sizeof(HeaderMagic) - 1)).split(':');
    if (parts.size() != 2)
        return {};
    bool okCount = false;
    bool okTotal = false;
    const int count = parts.at(0).toInt(&okCount);
    const qsizetype total = parts.at(1).toLongLong(&okTotal);
    if (!okCount || !okTotal || count <= 0 || total < 0)
        return {};
    return {count, total};
}

Status invalidKey(const QString& key)
{
    return fail(ErrorCode::InvalidArgument, u"not a secret key: \"%1\""_s.arg(key));
}

} // namespace

ChunkedSecretStore::ChunkedSecretStore(int chunkSize) : m_chunkSize(qMax(chunkSize, 64))
{}

QString ChunkedSecretStore::indexKey(const QString& tenant)
{
    return u"policyvault:"_s + tenant + u":.index"_s;
}

QString ChunkedSecretStore::chunkKey(const QString& key, int i)
{
    return key + u".chunk"_s + QString::number(i);
}

Status ChunkedSecretStore::write(const QString& key, const QByteArray& value)
{
    if (!isValidKey(key))
        return invalidKey(key);
    QMutexLocker lock(&m_mutex);
    // Index first: a crash after it leaves an index entry without a secret (harmless), never
    // a secret that removeAllForTenant cannot find.
    const QString tenant = tenantOf(key);
    auto index = readIndex(tenant);
    if (!index)
        return index.failure();
    if (!index->contains(key)) {
        QStringList keys = *index;
        keys << key;
        if (Status s = writeIndex(tenant, keys); !s)
            return s;
    }
    return writeValue(key, value);
}

Result<QByteArray> ChunkedSecretStore::read(const QString& key)
{
    if (!isValidKey(key))
        return invalidKey(key).failure();
    QMutexLocker lock(&m_mutex);
    return readValue(key);
}

Status ChunkedSecretStore::remove(const QString& key)
{
    if (!isValidKey(key))
        return invalidKey(key);
    QMutexLocker lock(&m_mutex);
    if (Status s = removeValue(key); !s)
        return s;
    const QString tenant = tenantOf(key);
    auto index = readIndex(tenant);
    if (!index)
        return index.failure();
    if (!index->contains(key))
        return {};
    QStringList keys = *index;
    keys.removeAll(key);
    return writeIndex(tenant, keys);
}

Status ChunkedSecretStore::removeAllForTenant(const QString& tenant)
{
    if (key(tenant, SecretKind::ClientSecret).isEmpty())
        return fail(ErrorCode::InvalidArgument, u"not a tenant key: \"%1\""_s.arg(tenant));
    QMutexLocker lock(&m_mutex);
    auto index = readIndex(tenant);
    if (!index)
        return index.failure();
    QStringList keys = *index;
    // Also the well-known kinds, in case an entry was written by a build without the index.
    for (const QStringView kind : {SecretKind::ClientSecret, SecretKind::Certificate, SecretKind::CertificatePassword,
                                   SecretKind::RefreshToken, SecretKind::AccessToken}) {
        const QString k = key(tenant, kind);
        if (!keys.contains(k))
            keys << k;
    }
    for (const QString& k : std::as_const(keys)) {
        if (Status s = removeValue(k); !s)
            return s;
    }
    return removeValue(indexKey(tenant));
}

Result<QStringList> ChunkedSecretStore::keys(const QString& tenant)
{
    if (key(tenant, SecretKind::ClientSecret).isEmpty())
        return fail(ErrorCode::InvalidArgument, u"not a tenant key: \"%1\""_s.arg(tenant));
    QMutexLocker lock(&m_mutex);
    auto index = readIndex(tenant);
    if (index)
        index->sort();
    return index;
}

Status ChunkedSecretStore::writeValue(const QString& key, const QByteArray& value)
{
    const auto oldCount = storedChunkCount(key);
    if (!oldCount)
        return oldCount.failure();
    const int oldChunks = *oldCount;
    int newChunks = 0;
    // A small value that happens to look like a header is chunked too, so it reads back as itself.
    if (value.size() <= m_chunkSize && !value.startsWith(HeaderMagic)) {
        if (Status s = rawWrite(key, value); !s)
            return s;
    } else {
        newChunks = int((value.size() + m_chunkSize - 1) / m_chunkSize);
        newChunks = qMax(newChunks, 1);
        for (int i = 0; i < newChunks; ++i) {
            if (Status s = rawWrite(chunkKey(key, i), value.mid(qsizetype(i) * m_chunkSize, m_chunkSize)); !s)
                return s;
        }
        // The header last: until it is written, a reader still sees the previous value's header.
        const QByteArray header = HeaderMagic + QByteArray::number(newChunks) + ':' + QByteArray::number(value.size());
        if (Status s = rawWrite(key, header); !s)
            return s;
    }
    for (int i = newChunks; i < oldChunks; ++i) {
        if (Status s = rawRemove(chunkKey(key, i)); !s)
            return s;
    }
    return {};
}

Result<QByteArray> ChunkedSecretStore::readValue(const QString& key)
{
    auto stored = rawRead(key);
    if (!stored)
        return stored;
    const ChunkHeader header = parseHeader(*stored);
    if (header.count == 0)
        return stored;
    QByteArray value;
    value.reserve(header.total);
    for (int i = 0; i < header.count; ++i) {
        auto chunk = rawRead(chunkKey(key, i));
        if (!chunk) {
            if (chunk.error().code == ErrorCode::NotFound)
                return fail(ErrorCode::Keychain,
                            u"secret %1 is incomplete: chunk %2 of %3 is missing"_s.arg(key).arg(i).arg(header.count));
            return chunk;
        }
        value += *chunk;
    }
    if (value.size() != header.total)
        return fail(ErrorCode::Keychain,
                    u"secret %1 is incomplete: %2 of %3 bytes"_s.arg(key).arg(value.size()).arg(header.total));
    return value;
}

Status ChunkedSecretStore::removeValue(const QString& key)
{
    // Chunks before the header: if this stops half-way, the header is still there and a
    // second remove finds the rest.
    const auto chunks = storedChunkCount(key);
    if (!chunks)
        return chunks.failure();
    for (int i = 0; i < *chunks; ++i) {
        if (Status s = rawRemove(chunkKey(key, i)); !s)
            return s;
    }
    return rawRemove(key);
}

Result<QStringList> ChunkedSecretStore::readIndex(const QString& tenant)
{
    auto bytes = readValue(indexKey(tenant));
    if (!bytes) {
        if (bytes.error().code == ErrorCode::NotFound)
            return QStringList{};
        return bytes.failure();
    }
    QStringList keys;
    for (const QByteArray& line : bytes->split('\n')) {
        if (!line.isEmpty())
            keys << QString::fromUtf8(line);
    }
    return keys;
}

Status ChunkedSecretStore::writeIndex(const QString& tenant, const QStringList& keys)
{
    if (keys.isEmpty())
        return removeValue(indexKey(tenant));
    return writeValue(indexKey(tenant), keys.join(u'\n').toUtf8());
}

Result<int> ChunkedSecretStore::storedChunkCount(const QString& key)
{
    const auto stored = rawRead(key);
    if (!stored)
        return stored.error().code == ErrorCode::NotFound ? Result<int>(0) : Result<int>(stored.failure());
    return parseHeader(*stored).count;
}

} // namespace pv
