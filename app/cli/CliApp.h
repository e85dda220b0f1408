// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

#include "app/cli/CliOutput.h"

#include <QCommandLineParser>
#include <QStringList>

#include <memory>

namespace pv {
struct TenantRecord;
class Database;
class RunService;
class AccessGate;
class TenantRepository;
class TenantService;
class KeychainSecretStore;
} // namespace pv

namespace pv::cli {

/// policyvault-cli: parses the command line, opens the store lazily, dispatches to the
/// command handlers and maps every outcome to an exit code (ARCHITECTURE §8).
class CliApp final
{
public:
    CliApp();
    ~CliApp();
    CliApp(const CliApp&) = delete;
    CliApp& operator=(const CliApp&) = delete;

    int run(const QStringList& arguments);

private:
    ExitCode dispatch(const QStringList& words);
    ExitCode tenantCommand(const QStringList& words);
    ExitCode tenantAdd(const QStringList& words);
    ExitCode tenantEdit(const QStringList& words);
    ExitCode tenantTest(const QStringList& words);
    /// Applies the tenant profile options given (--tenant-id … --read-only) to `tenant`; what
    /// is wrong with them (a usage error), or empty.
    QString applyProfileOptions(TenantRecord& tenant) const;
    ExitCode runsCommand(const QStringList& words);
    ExitCode demoCommand(const QStringList& words);   // CliDemoCommands.cpp
    ExitCode openStore();
    QString helpText() const;
    QString option(const char* name) const;
    bool isSet(const char* name) const;

    QCommandLineParser m_parser;
    std::unique_ptr<CliOutput> m_out;
    QString m_dataDir;
    std::shared_ptr<Database> m_database;
    // Before m_runs: the run service's workers use the secret store until it is destroyed.
    std::unique_ptr<KeychainSecretStore> m_secrets;
    std::unique_ptr<RunService> m_runs;
    std::unique_ptr<AccessGate> m_gate;
    std::unique_ptr<TenantRepository> m_tenants;
    std::unique_ptr<TenantService> m_tenantService;
};

} // namespace pv::cli
