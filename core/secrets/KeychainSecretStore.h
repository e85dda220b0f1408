// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

#include "core/secrets/ChunkedSecretStore.h"

#include <QString>

#include <chrono>

namespace pv {

/// SecretStore over the operating system's keychain through QtKeychain (Secret Service on
/// Linux, Credential Manager on Windows, Keychain on macOS). QtKeychain is a private
/// dependency: this header does not include it.
///
/// Never uses QtKeychain's insecure fallback (a plaintext file). Every QtKeychain job of the
/// process runs on one dedicated thread with its own event loop; callers block on the result
/// without running an event loop themselves, so call from a worker thread.
///
/// Entries are stored under the QtKeychain service `Options::service` with the entry name as
/// key; on Linux' Secret Service that is the item attributes `server=<service>`, `user=<entry>`
/// (and `type`), e.g. `secret-tool search server PolicyVault/<store uuid> user
/// policyvault:<tenant uuid>:client-secret`.
///
/// The service names one store (serviceForStore): two data folders — a second profile, a
/// consultant's review folder, a test — never see each other's secrets. There is no default.
class KeychainSecretStore final : public ChunkedSecretStore
{
public:
    struct Options
    {
        QString service;    ///< required: serviceForStore(database.storeUuid()) in the app
        /// Values above this many bytes are split; tests set it small.
        int chunkSize = DefaultChunkSize;
        /// How long one keychain operation may take (an unlock prompt counts) before the call
        /// fails with ErrorCode::Keychain.
        std::chrono::milliseconds timeout = std::chrono::seconds(60);
    };

    explicit KeychainSecretStore(Options options);
    ~KeychainSecretStore() override;

    const Options& options() const { return m_options; }

    /// The keychain namespace of the store with this uuid: "PolicyVault/<uuid>".
    static QString serviceForStore(const QString& storeUuid);

    /// Writes, reads back and removes a probe entry. Fails with ErrorCode::Keychain when no
    /// usable keychain is reachable (no Secret Service, locked and no prompt possible, …).
    Status probe();

protected:
    Status rawWrite(const QString& entry, const QByteArray& bytes) override;
    Result<QByteArray> rawRead(const QString& entry) override;
    Status rawRemove(const QString& entry) override;

private:
    const Options m_options;
};

} // namespace pv
