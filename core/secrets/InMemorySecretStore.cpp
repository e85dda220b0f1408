// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "core/secrets/InMemorySecretStore.h"

#include <QMutexLocker>

namespace pv {

using namespace Qt::StringLiterals;

InMemorySecretStore::InMemorySecretStore(int chunkSize) : ChunkedSecretStore(chunkSize)
{}

QMap<QString, QByteArray> InMemorySecretStore::entries() const
{
    QMutexLocker lock(&m_entriesMutex);
    return m_entries;
}

void InMemorySecretStore::failNextOperations(int count)
{
    QMutexLocker lock(&m_entriesMutex);
    m_failures = count;
}

Status InMemorySecretStore::injectedFailure()
{
    if (m_failures <= 0)
        return {};
    --m_failures;
    return fail(ErrorCode::Keychain, u"injected keychain failure"_s);
}

Status InMemorySecretStore::rawWrite(const QString& entry, const QByteArray& bytes)
{
    QMutexLocker lock(&m_entriesMutex);
    if (Status s = injectedFailure(); !s)
        return s;
    m_entries.insert(entry, bytes);
    return {};
}

Result<QByteArray> InMemorySecretStore::rawRead(const QString& entry)
{
    QMutexLocker lock(&m_entriesMutex);
    if (Status s = injectedFailure(); !s)
        return s.failure();
    const auto it = m_entries.constFind(entry);
    if (it == m_entries.constEnd())
        return fail(ErrorCode::NotFound, u"no secret %1"_s.arg(entry));
    return *it;
}

Status InMemorySecretStore::rawRemove(const QString& entry)
{
    QMutexLocker lock(&m_entriesMutex);
    if (Status s = injectedFailure(); !s)
        return s;
    m_entries.remove(entry);
    return {};
}

} // namespace pv
