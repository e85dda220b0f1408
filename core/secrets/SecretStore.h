// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

#include "core/common/Result.h"

#include <QByteArray>
#include <QString>
#include <QStringList>
#include <QStringView>

namespace pv {

/// Well-known secret kinds (the last part of a secret key).
namespace SecretKind {
inline constexpr QStringView ClientSecret = u"client-secret";
inline constexpr QStringView Certificate = u"certificate"; ///< PFX bytes
inline constexpr QStringView CertificatePassword = u"certificate-password";
inline constexpr QStringView RefreshToken = u"refresh-token";
inline constexpr QStringView AccessToken = u"access-token";
} // namespace SecretKind

/// Where secrets live: the operating system's keychain in the app, memory in unit tests.
/// Secrets never go anywhere else (not the database, not logs, not exports).
///
/// Keys are scoped per tenant: `policyvault:<tenant>:<kind>` (build them with `key()`), where
/// <tenant> is the tenant's uuid (TenantRecord::uuid), never its display name (names can be
/// reused after a removal and compare case-insensitively) nor its database id. The store
/// keeps an index of the keys written per tenant so `removeAllForTenant()` can remove them all,
/// because keychains cannot be listed portably.
///
/// All calls are synchronous and thread-safe. They can block (a keychain may talk to another
/// process or show an unlock prompt), so call them from a worker thread, not the GUI thread.
class SecretStore
{
public:
    virtual ~SecretStore();

    /// Stores `value` under `key`, replacing any previous value. InvalidArgument for a malformed
    /// key, Keychain when the keychain refuses.
    virtual Status write(const QString& key, const QByteArray& value) = 0;
    /// The value stored under `key`; NotFound when there is none.
    virtual Result<QByteArray> read(const QString& key) = 0;
    /// Removes `key` and everything stored for it. Removing a missing key succeeds.
    virtual Status remove(const QString& key) = 0;
    /// Removes every secret written for `tenant` (every key in its index, every chunk, the index).
    virtual Status removeAllForTenant(const QString& tenant) = 0;
    /// Keys written for `tenant` that have not been removed, sorted.
    virtual Result<QStringList> keys(const QString& tenant) = 0;

    /// `policyvault:<tenant>:<kind>`; empty when tenant or kind is not allowed (empty, contains ':'
    /// or white space, or a kind starting with '.' or containing ".chunk", which the store uses
    /// for its own entries).
    static QString key(QStringView tenant, QStringView kind);
    /// True for keys `key()` can build.
    static bool isValidKey(QStringView key);
    /// The tenant part of a valid key, else empty.
    static QString tenantOf(QStringView key);

protected:
    SecretStore() = default;
    SecretStore(const SecretStore&) = delete;
    SecretStore& operator=(const SecretStore&) = delete;
};

} // namespace pv
