// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

#include "app/cli/CliOutput.h"
#include "core/common/Result.h"

#include <QCommandLineParser>
#include <QStringList>

#include <functional>
#include <memory>

namespace pv {
struct TenantRecord;
class Database;
class RunService;
class AccessGate;
class TenantRepository;
class TenantService;
class KeychainSecretStore;
class TenantScope;
struct RunRecord;
struct RunRequest;
struct PolicySummary;
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

    /// Registers extra job kinds after the shipped ones, in this process and (because a worker
    /// runs this same executable) in its detached workers. For the CLI tests' own executable.
    using KindRegistrar = std::function<void(RunService&)>;
    void setExtraKinds(KindRegistrar registrar) { m_extraKinds = std::move(registrar); }

private:
    ExitCode dispatch(const QStringList& words);
    ExitCode tenantCommand(const QStringList& words);
    ExitCode tenantAdd(const QStringList& words);
    ExitCode tenantEdit(const QStringList& words);
    ExitCode tenantTest(const QStringList& words);
    // Sign-in for people (CliSignInCommands.cpp).
    ExitCode tenantSignIn(const QStringList& words);
    ExitCode tenantSignOut(const QStringList& words);
    /// The tenant named `name` if it signs in as a person; InvalidArgument for an app sign-in.
    Result<TenantRecord> delegatedTenant(const QString& name);
    /// Signs a person in to `tenant` on this terminal: device code, or the browser flow; the
    /// prompt goes to stderr. The person's name.
    Result<QString> signInPerson(TenantRecord tenant, bool browser);
    /// The tenant signs in as a person and nobody is signed in (no refresh token stored).
    bool needsSignIn(const TenantRecord& tenant);
    /// Applies the tenant profile options given (--tenant-id … --read-only) to `tenant`; what
    /// is wrong with them (a usage error), or empty.
    QString applyProfileOptions(TenantRecord& tenant) const;
    ExitCode runsCommand(const QStringList& words);
    ExitCode demoCommand(const QStringList& words);   // CliDemoCommands.cpp
    ExitCode auditCommand(const QStringList& words);  // CliAuditCommands.cpp
    ExitCode openStore();
    // Capture and content commands (CliCaptureCommands.cpp, CliSnapshotCommands.cpp,
    // CliRunStart.cpp, CliWorker.cpp).
    ExitCode backupCommand(const QStringList& words);
    ExitCode captureCommand(const QStringList& words);
    ExitCode snapshotsCommand(const QStringList& words);
    ExitCode policiesCommand(const QStringList& words);
    ExitCode policyCommand(const QStringList& words);
    // policy show --settings, policy diff (CliPolicySettings.cpp): the normalizer's rows.
    ExitCode printPolicySettings(const TenantScope& scope, const PolicySummary& summary);
    ExitCode policyDiffCommand(const QStringList& words);
    ExitCode workerCommand(const QStringList& words);
    // restore --preview / --execute (CliRestoreCommands.cpp).
    ExitCode restoreCommand(const QStringList& words);
    ExitCode restorePreview();
    ExitCode restoreExecute();
    /// The plan document of a restore_preview run (--json) or the readable plan; exits with the
    /// run's outcome.
    ExitCode printPreviewPlan(const TenantScope& scope, const RunRecord& run);
    /// Starts `request` the way every start command does: handed to a detached worker (returns
    /// once the worker owns the run) or, with --wait, executed or followed here to its end.
    ExitCode startRun(const TenantScope& scope, const RunRequest& request);
    /// A tenant nobody signed in to: signs in first with --wait on a terminal, else "sign in first".
    ExitCode ensureSignedIn(const TenantScope& scope);
    ExitCode startDetached(const TenantScope& scope, const RunRequest& request);
    ExitCode startAndWait(const TenantScope& scope, const RunRequest& request);
    ExitCode printStarted(qint64 runId, bool reused, const QString& status, const QString& kind);
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
    KindRegistrar m_extraKinds;
};

} // namespace pv::cli
