// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

#include "core/common/Result.h"
#include "core/demo/DemoServer.h"
#include "core/store/TenantRepository.h"

#include <QList>
#include <QString>

#include <functional>
#include <memory>

namespace pv {

class Database;
class SecretStore;
class TenantService;

/// The demo tenant: a tenant profile marked `simulated` whose Graph is the data folder's
/// graphsim (DemoServer). `policyvault-cli demo` and the GUI's "Open demo tenant" call
/// ensure(); the Graph client factory calls prepareFor()'s function before a run signs in.
class DemoTenant final
{
public:
    static QString defaultName() { return QStringLiteral("demo"); }

    struct Setup
    {
        TenantRecord tenant;
        DemoEndpoint endpoint;
        bool created = false;          ///< the tenant profile was added now
        bool profileUpdated = false;   ///< its URL, CA or ids were brought up to date
        bool secretStored = false;     ///< the client secret was written to the keychain now
    };

    /// Starts graphsim when needed, then creates the simulated tenant "demo" (or refreshes the
    /// existing simulated tenant) with graphsim's URL, CA and app, and stores the app's
    /// client secret in `secrets`. Idempotent. Conflict when a tenant named "demo" exists that
    /// is not simulated. Blocks: not on the GUI thread.
    static Result<Setup> ensure(const QString& dataDir, const TenantService& tenants, const TenantRepository& repository,
                                SecretStore& secrets, const DemoServer::Options& options = {});

    /// Brings `tenant`'s URLs, CA and ids in line with `endpoint` (TenantRepository::update,
    /// audited) when they differ; returns the tenant as stored.
    static Result<TenantRecord> syncProfile(const TenantRecord& tenant, const DemoEndpoint& endpoint,
                                            const TenantRepository& repository);

    /// For JobServices::prepareSimulatedTenant: for a simulated tenant, makes sure graphsim
    /// runs for `dataDir` and the tenant's profile points at it (the port may have changed
    /// since the last run). Re-read the tenant after it succeeded. Non-simulated tenants pass
    /// untouched. Thread-safe and blocking.
    static std::function<Status(const TenantRecord&)> prepareFor(const QString& dataDir,
                                                                 std::shared_ptr<Database> database);

    struct Change
    {
        QString policyId;
        QString kind;     ///< renamed, setting, assignments, deleted
        QString detail;
    };
    /// `count` random edits of the demo tenant through graphsim's /_sim/mutate — renames,
    /// changed settings, changed assignments, deletions — which graphsim saves to its state
    /// file. Fewer than `count` only when the tenant ran out of things to change.
    static Result<QList<Change>> change(const QString& dataDir, int count, const DemoServer::Options& options = {});
};

} // namespace pv
