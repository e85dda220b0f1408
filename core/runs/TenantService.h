// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

#include "core/common/Result.h"
#include "core/runs/RunTypes.h"
#include "core/store/TenantRepository.h"

#include <QByteArray>
#include <QList>
#include <QStringView>

#include <chrono>
#include <memory>
#include <optional>

namespace pv {

class Database;
class RunService;
class SecretStore;

/// Tenants with everything that belongs to them: their row, runs, notifications, secrets and
/// (later) captured data. The GUI and the CLI add and remove tenants only through it.
///
/// remove() blocks (keychain calls, waiting for cancelled runs): call it off the GUI thread.
class TenantService final
{
public:
    struct RemoveOptions
    {
        /// Cancel the tenant's queued and running runs (in any process) and wait for them to
        /// end, instead of refusing.
        bool cancelActiveRuns = false;
        std::chrono::milliseconds cancelTimeout{std::chrono::seconds(30)};
    };

    TenantService(std::shared_ptr<Database> database, RunService& runs, SecretStore& secrets);

    /// Adds a tenant (audited). InvalidArgument for a missing name or tenant id, Conflict for a
    /// name that is taken.
    Result<TenantRecord> add(const TenantRecord& tenant) const;
    /// The same, and stores `secret` — the client secret ("client_secret") or the certificate
    /// file's password ("certificate") — in the SecretStore under the new tenant's uuid. When
    /// the keychain refuses it the tenant is removed again (Keychain error): nothing half-added.
    Result<TenantRecord> add(const TenantRecord& tenant, const std::optional<QByteArray>& secret) const;

    /// Replaces the tenant's profile (TenantRepository::update, audited) and, when `secret` is
    /// set, its stored secret. A changed sign-in method drops the other method's secret. When
    /// the keychain refuses the secret the profile stays saved and a Keychain error says so.
    Result<TenantRecord> update(const TenantRecord& tenant, const std::optional<QByteArray>& secret = std::nullopt) const;

    /// Where a sign-in method keeps its secret: SecretKind::ClientSecret or
    /// SecretKind::CertificatePassword; empty for the delegated methods.
    static QStringView secretKind(const QString& authMethod);

    /// The store the tenants' secrets live in (the connection test reads them). Blocking calls.
    SecretStore& secretStore() const { return m_secrets; }

    /// Removes the tenant, its runs and notifications, its secrets (and its captured data once
    /// there is any); audited. While any run of the tenant is queued or running in any process
    /// it refuses with Conflict naming them — unless `cancelActiveRuns`, which cancels them
    /// (a run of another process through its cancel request) and waits until they ended
    /// (Conflict when they did not end within `cancelTimeout`). NotFound for an unknown id.
    ///
    /// The row goes first, in one transaction that re-checks for active runs, and the tenant's
    /// uuid is kept in a clean-up list until its keychain entries are gone; if the keychain
    /// fails (locked, unreachable) or the process dies in between, the removal still stands,
    /// `secretsPending` says so, and finishPendingCleanups() completes the job later.
    struct Removed
    {
        bool secretsPending = false;   ///< the keychain refused; secrets go at the next clean-up
        QString keychainError;         ///< why, when secretsPending
    };
    Result<Removed> remove(qint64 tenantId, const RemoveOptions& options) const;
    Result<Removed> remove(qint64 tenantId) const { return remove(tenantId, RemoveOptions{}); }

    /// Queued and running runs of the tenant, in any process.
    Result<QList<RunRecord>> activeRuns(qint64 tenantId) const;

    /// Removes the keychain entries of tenants whose removal did not get that far. Returns how
    /// many tenants' secrets were removed now. Called at start-up by the composition roots.
    Result<int> finishPendingCleanups() const;

    /// Stores `secret` for the tenant's sign-in method (an empty certificate password removes
    /// the stored one). InvalidArgument for an empty client secret or a delegated method.
    Status storeSecret(const TenantRecord& tenant, const QByteArray& secret) const;

private:
    std::shared_ptr<Database> m_database;
    RunService& m_runs;
    SecretStore& m_secrets;
    TenantRepository m_repository;
};

} // namespace pv
