// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "app/cli/CliApp.h"

#include "core/common/AppPaths.h"
#include "core/demo/DemoTenant.h"
#include "core/logging/Logging.h"
#include "core/runs/AccessGate.h"
#include "core/jobs/JobKinds.h"
#include "core/runs/RunService.h"
#include "core/runs/TenantService.h"
#include "core/secrets/KeychainSecretStore.h"
#include "core/store/Database.h"
#include "core/store/TenantRepository.h"
#include "pv/Version.h"

#include <QCoreApplication>
#include <QDir>
#include <QHash>

#include <cstdio>

namespace pv::cli {

CliApp::CliApp()
{
    // Every option any command takes is declared here, so QCommandLineParser rejects
    // unknown ones for us; dispatch() then refuses those that do not apply to the command.
    m_parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    m_parser.addOptions({
        {{QStringLiteral("h"), QStringLiteral("help")}, QStringLiteral("Show this help.")},
        {QStringLiteral("version"), QStringLiteral("Show the version.")},
        {QStringLiteral("data-dir"), QStringLiteral("Data folder."), QStringLiteral("DIR")},
        {QStringLiteral("json"), QStringLiteral("Machine-readable output.")},
        {QStringLiteral("tenant"), QStringLiteral("Tenant name."), QStringLiteral("NAME")},
        {QStringLiteral("status"), QStringLiteral("Run status filter."), QStringLiteral("STATUS")},
        {QStringLiteral("kind"), QStringLiteral("Run kind filter."), QStringLiteral("KIND")},
        {QStringLiteral("limit"), QStringLiteral("Maximum rows."), QStringLiteral("N")},
        {QStringLiteral("tenant-id"), QStringLiteral("Entra tenant id."), QStringLiteral("ID")},
        {QStringLiteral("client-id"), QStringLiteral("App registration client id."), QStringLiteral("ID")},
        {QStringLiteral("auth"), QStringLiteral("Sign-in method."), QStringLiteral("METHOD")},
        {QStringLiteral("cloud"), QStringLiteral("National cloud."), QStringLiteral("CLOUD")},
        {QStringLiteral("graph-url"), QStringLiteral("Graph root URL."), QStringLiteral("URL")},
        {QStringLiteral("authority-url"), QStringLiteral("Entra authority URL."), QStringLiteral("URL")},
        {QStringLiteral("read-only"), QStringLiteral("Reviewer profile: no writes.")},
        {QStringLiteral("no-read-only"), QStringLiteral("Allow restores again.")},
        {QStringLiteral("ca-cert"), QStringLiteral("Extra CA certificates (PEM) to trust."), QStringLiteral("FILE")},
        {QStringLiteral("certificate"), QStringLiteral("Certificate file (PEM or PFX) to sign in with."), QStringLiteral("FILE")},
        {QStringLiteral("name"), QStringLiteral("New tenant name."), QStringLiteral("NEW")},
        {QStringLiteral("secret-stdin"), QStringLiteral("Read a new secret from standard input.")},
        {QStringLiteral("cancel-runs"), QStringLiteral("Cancel the tenant's active runs first.")},
        {QStringLiteral("types"), QStringLiteral("Type keys to back up, comma-separated."), QStringLiteral("KEYS")},
        {QStringLiteral("full"), QStringLiteral("Re-read everything.")},
        {QStringLiteral("wait"), QStringLiteral("Execute or follow the run to its end.")},
        {QStringLiteral("policy"), QStringLiteral("PolicyVault id or Graph id of a policy."), QStringLiteral("ID")},
        {QStringLiteral("type"), QStringLiteral("Type key filter."), QStringLiteral("KEY")},
        {QStringLiteral("include-deleted"), QStringLiteral("Also policies deleted in the tenant.")},
        {QStringLiteral("settings"), QStringLiteral("Show the policy's settings as rows.")},
        {QStringLiteral("from"), QStringLiteral("Version number to compare from."), QStringLiteral("N")},
        {QStringLiteral("to"), QStringLiteral("Version number to compare to."), QStringLiteral("M")},
        {QStringLiteral("count"), QStringLiteral("Number of demo changes."), QStringLiteral("N")},
        {QStringLiteral("browser"), QStringLiteral("Sign in in the system browser.")},
        {QStringLiteral("snapshot"), QStringLiteral("Snapshot to restore from."), QStringLiteral("ID")},
        {QStringLiteral("policy-version"), QStringLiteral("One policy version to restore."), QStringLiteral("VERSION_ID")},
        {QStringLiteral("assignments"), QStringLiteral("Also restore assignments.")},
        {QStringLiteral("secrets"), QStringLiteral("JSON file of secret values to supply."), QStringLiteral("FILE")},
        {QStringLiteral("preview"), QStringLiteral("Plan a restore (writes nothing).")},
        {QStringLiteral("execute"), QStringLiteral("Execute the plan of this preview run."), QStringLiteral("PLAN_RUN_ID")},
        {QStringLiteral("yes"), QStringLiteral("Confirm a restore that writes to the tenant.")},
    });
}

CliApp::~CliApp() = default;

QString CliApp::option(const char* name) const { return m_parser.value(QString::fromLatin1(name)); }
bool CliApp::isSet(const char* name) const { return m_parser.isSet(QString::fromLatin1(name)); }

int CliApp::run(const QStringList& arguments)
{
    // Decided before parsing so that a parse error is reported in JSON too; "-json" is
    // the same option (single-dash words parse as long options).
    const bool wantsJson = arguments.contains(QStringLiteral("--json")) || arguments.contains(QStringLiteral("-json"));
    m_out = std::make_unique<CliOutput>(wantsJson);
    if (!m_parser.parse(arguments))
        return int(m_out->usageError(m_parser.errorText()));
    if (isSet("version")) {
        m_out->line(QStringLiteral("policyvault-cli %1").arg(QString::fromLatin1(version::String)));
        return int(ExitCode::Success);
    }
    if (isSet("help")) {
        m_out->line(helpText());
        return int(ExitCode::Success);
    }
    const QStringList words = m_parser.positionalArguments();
    if (words.isEmpty())
        return int(m_out->usageError(QStringLiteral("no command given")));
    m_dataDir = AppPaths::dataDir(option("data-dir"));
    return int(dispatch(words));
}

ExitCode CliApp::dispatch(const QStringList& words)
{
    // Options that apply to each command besides the global ones; anything else is a usage
    // error rather than silently ignored ("runs show 3 --limit 5" would look as if it worked).
    static const QStringList Global = {QStringLiteral("h"), QStringLiteral("help"), QStringLiteral("version"),
                                       QStringLiteral("data-dir"), QStringLiteral("json")};
    static const QHash<QString, QStringList> Applicable = {
        {QStringLiteral("tenant add"),
         {QStringLiteral("tenant-id"), QStringLiteral("client-id"), QStringLiteral("auth"), QStringLiteral("cloud"),
          QStringLiteral("graph-url"), QStringLiteral("authority-url"), QStringLiteral("read-only"),
          QStringLiteral("ca-cert"), QStringLiteral("certificate")}},
        {QStringLiteral("tenant edit"),
         {QStringLiteral("tenant-id"), QStringLiteral("client-id"), QStringLiteral("auth"), QStringLiteral("cloud"),
          QStringLiteral("graph-url"), QStringLiteral("authority-url"), QStringLiteral("read-only"),
          QStringLiteral("no-read-only"), QStringLiteral("ca-cert"), QStringLiteral("certificate"), QStringLiteral("name"),
          QStringLiteral("secret-stdin")}},
        {QStringLiteral("tenant test"), {}},
        {QStringLiteral("tenant signin"), {QStringLiteral("browser")}},
        {QStringLiteral("tenant signout"), {}},
        {QStringLiteral("tenant list"), {}},
        {QStringLiteral("tenant remove"), {QStringLiteral("cancel-runs")}},
        {QStringLiteral("runs list"),
         {QStringLiteral("tenant"), QStringLiteral("status"), QStringLiteral("kind"), QStringLiteral("limit")}},
        {QStringLiteral("runs show"), {QStringLiteral("tenant")}},
        {QStringLiteral("runs cancel"), {QStringLiteral("tenant")}},
        {QStringLiteral("backup"),
         {QStringLiteral("tenant"), QStringLiteral("types"), QStringLiteral("full"), QStringLiteral("wait")}},
        {QStringLiteral("capture"), {QStringLiteral("tenant"), QStringLiteral("policy"), QStringLiteral("wait")}},
        {QStringLiteral("snapshots list"), {QStringLiteral("tenant")}},
        {QStringLiteral("snapshots show"), {QStringLiteral("tenant")}},
        {QStringLiteral("policies list"),
         {QStringLiteral("tenant"), QStringLiteral("type"), QStringLiteral("include-deleted")}},
        {QStringLiteral("policy show"), {QStringLiteral("tenant"), QStringLiteral("settings")}},
        {QStringLiteral("policy diff"), {QStringLiteral("tenant"), QStringLiteral("from"), QStringLiteral("to")}},
        {QStringLiteral("demo"), {}},
        {QStringLiteral("demo change"), {QStringLiteral("count")}},
        {QStringLiteral("audit verify"), {}},
        {QStringLiteral("restore"),
         {QStringLiteral("tenant"), QStringLiteral("snapshot"), QStringLiteral("policy"), QStringLiteral("policy-version"),
          QStringLiteral("assignments"), QStringLiteral("secrets"), QStringLiteral("preview"), QStringLiteral("execute"),
          QStringLiteral("yes"), QStringLiteral("wait")}},
    };
    const QString commandName = words.mid(0, 2).join(QLatin1Char(' '));
    if (const auto applicable = Applicable.constFind(commandName); applicable != Applicable.constEnd()) {
        for (const QString& name : m_parser.optionNames()) {
            if (!Global.contains(name) && !applicable->contains(name))
                return m_out->usageError(QStringLiteral("--%1 does not apply to '%2'").arg(name, commandName));
        }
    }
    const QString& command = words.first();
    if (command == QLatin1String("tenant"))
        return tenantCommand(words.mid(1));
    if (command == QLatin1String("runs"))
        return runsCommand(words.mid(1));
    if (command == QLatin1String("backup"))
        return backupCommand(words.mid(1));
    if (command == QLatin1String("capture"))
        return captureCommand(words.mid(1));
    if (command == QLatin1String("snapshots"))
        return snapshotsCommand(words.mid(1));
    if (command == QLatin1String("policies"))
        return policiesCommand(words.mid(1));
    if (command == QLatin1String("policy"))
        return policyCommand(words.mid(1));
    if (command == QLatin1String("worker"))   // hidden: the detached process a start hands its run to
        return workerCommand(words.mid(1));
    if (command == QLatin1String("demo"))
        return demoCommand(words.mid(1));
    if (command == QLatin1String("audit"))
        return auditCommand(words.mid(1));
    if (command == QLatin1String("restore"))
        return restoreCommand(words.mid(1));
    return m_out->usageError(QStringLiteral("unknown command '%1'").arg(command));
}

ExitCode CliApp::openStore()
{
    if (!QDir().mkpath(m_dataDir))
        return m_out->error(fail(ErrorCode::Io, QStringLiteral("cannot create the data folder %1").arg(m_dataDir)).error);
    logging::LogOptions logOptions;
    logOptions.appName = QStringLiteral("policyvault-cli");
    logOptions.directory = m_dataDir;
    logOptions.toStderr = false;   // stdout/stderr belong to the command's output
    if (const Status logged = logging::init(logOptions); !logged) {
        // The command still works without a log file; say so once on stderr.
        std::fprintf(stderr, "policyvault-cli: warning: no log file: %s\n", qUtf8Printable(logged.error().message));
    }

    Database::Options databaseOptions;
    databaseOptions.path = AppPaths::databasePath(m_dataDir);
    auto database = Database::open(databaseOptions);
    if (!database)
        return m_out->error(database.error());
    m_database = database.value();
    log::info(log::App, QStringLiteral("policyvault-cli %1 started (pid %2), data folder %3")
                            .arg(QString::fromLatin1(version::String))
                            .arg(QCoreApplication::applicationPid())
                            .arg(m_dataDir));
    // The store's own keychain namespace: another data folder never sees these secrets.
    KeychainSecretStore::Options secretOptions;
    secretOptions.service = KeychainSecretStore::serviceForStore(m_database->storeUuid());
    m_secrets = std::make_unique<KeychainSecretStore>(secretOptions);
    // The same services and job kinds as the GUI and every worker: a run one started, any
    // other resumes.
    RunService::Options runOptions;
    JobKinds::ServiceOptions serviceOptions;
    // The demo tenant: its graphsim is started (or found) and the profile follows its port
    // before a run signs in.
    serviceOptions.prepareSimulatedTenant = DemoTenant::prepareFor(m_dataDir, m_database);
    runOptions.jobServices = JobKinds::makeServices(m_database, m_secrets.get(), serviceOptions);
    m_runs = std::make_unique<RunService>(m_database, runOptions);
    JobKinds::registerAll(*m_runs, *runOptions.jobServices);
    if (m_extraKinds)
        m_extraKinds(*m_runs);
    // Runs left behind by a process that died are marked interrupted; runs of a live
    // process (a GUI running beside us) are left alone.
    m_runs->recoverInterrupted();
    m_gate = std::make_unique<AccessGate>(m_database);
    m_tenants = std::make_unique<TenantRepository>(m_database);
    m_tenantService = std::make_unique<TenantService>(m_database, *m_runs, *m_secrets);
    return ExitCode::Success;
}

QString CliApp::helpText() const
{
    return QStringLiteral(
        "Usage: policyvault-cli [--data-dir DIR] [--json] COMMAND ...\n"
        "\n"
        "Back up, review and restore Microsoft Intune configuration.\n"
        "\n"
        "Global options:\n"
        "  --data-dir DIR   data folder (default: the platform's app-data folder;\n"
        "                   environment: POLICYVAULT_DATA_DIR)\n"
        "  --json           machine-readable output\n"
        "  --help, --version\n"
        "\n"
        "Commands:\n"
        "  tenant add NAME --tenant-id ID --client-id ID\n"
        "                  [--auth client_secret|certificate|device_code|interactive]\n"
        "                  [--certificate FILE] [--cloud global|usgov|usgovdod|china]\n"
        "                  [--graph-url URL --authority-url URL] [--ca-cert FILE] [--read-only]\n"
        "                  the client secret (or the certificate's password) is read from\n"
        "                  POLICYVAULT_CLIENT_SECRET, else from stdin (prompted without echo\n"
        "                  on a terminal) and stored in the keychain\n"
        "  tenant edit NAME [the options of add] [--name NEW] [--no-read-only] [--secret-stdin]\n"
        "                  an empty --graph-url/--authority-url/--ca-cert clears it;\n"
        "                  --secret-stdin replaces the stored secret\n"
        "  tenant test NAME\n"
        "                  signs in and reads one page of each captured type; exit 0 when\n"
        "                  every check passed, 1 otherwise\n"
        "  tenant signin NAME [--browser]\n"
        "                  sign in as yourself (--auth device_code or interactive): prints\n"
        "                  the device code and URL on stderr (--json: one JSON line\n"
        "                  {userCode, verificationUri, expiresIn}) and waits; --browser\n"
        "                  signs in in the system browser instead, its address printed on\n"
        "                  stderr too (--json: {authorizeUrl, browserOpened}); the refresh\n"
        "                  token is kept in the keychain\n"
        "  tenant signout NAME\n"
        "                  forget the sign-in (deletes the refresh token)\n"
        "  tenant list\n"
        "  tenant remove NAME [--cancel-runs]\n"
        "                  refuses while a run of the tenant is active in any process;\n"
        "                  --cancel-runs cancels them and waits for them to stop\n"
        "  runs list --tenant NAME [--status STATUS] [--kind KIND] [--limit N]\n"
        "  runs show RUN_ID --tenant NAME\n"
        "  runs cancel RUN_ID --tenant NAME\n"
        "                  also a run that another process (the app, a scheduled task) executes\n"
        "  backup --tenant NAME [--types KEYS] [--full] [--wait]\n"
        "                  back up the tenant into a new snapshot; KEYS is a comma-separated\n"
        "                  list of settingsCatalog, endpointSecurity, securityBaseline,\n"
        "                  assignmentFilters, scopeTags (default: all); --full re-reads\n"
        "                  settings of policies that did not change\n"
        "  capture --tenant NAME --policy ID [--wait]\n"
        "                  record a new version of one policy (ID: PolicyVault id or Graph id)\n"
        "                  Without --wait a start returns at once: a background process owns\n"
        "                  the run (follow it with 'runs show'). With --wait the command runs it\n"
        "                  to its end, or follows an equal run another process executes, and\n"
        "                  exits with the run's outcome; Ctrl+C cancels a run it executes (twice:\n"
        "                  leave at once) and only stops following another's. Two equal starts\n"
        "                  share one run. A tenant that signs in as a person and has nobody\n"
        "                  signed in: with --wait on a terminal you sign in first, otherwise\n"
        "                  the start fails at once with \"sign in first\" (exit 1).\n"
        "  snapshots list --tenant NAME\n"
        "  snapshots show SNAPSHOT_ID --tenant NAME\n"
        "  policies list --tenant NAME [--type KEY] [--include-deleted]\n"
        "  policy show ID --tenant NAME [--settings]\n"
        "                  metadata, assignments with group names, canonical JSON;\n"
        "                  --settings: the settings as the Policies page shows them (category,\n"
        "                  setting, readable value; firewall rules as records)\n"
        "  policy diff ID --tenant NAME --from N --to M\n"
        "                  the setting-level difference between two of the policy's versions\n"
        "                  (numbers 1, 2, … as policy show lists them)\n"
        "  restore --tenant NAME --snapshot ID [--policy ID ...] [--assignments]\n"
        "          [--secrets FILE] --preview [--wait]\n"
        "  restore --tenant NAME --policy-version VERSION_ID [--assignments] --preview [--wait]\n"
        "                  plan a restore (reads the tenant, writes nothing): per object\n"
        "                  would_create, would_update (setting, old → new), unchanged, conflict\n"
        "                  or cannot_restore with the reason; exit 2 when any item is a conflict\n"
        "                  or cannot be restored. FILE: {policyId: {settingDefinitionId: value}},\n"
        "                  kept in the keychain only. 'runs show' of the preview run prints the plan\n"
        "  restore --tenant NAME --execute PLAN_RUN_ID --yes [--wait]\n"
        "                  execute a stored plan (writes to the tenant; --yes confirms)\n"
        "  demo            add the demo tenant \"demo\", served by graphsim on this computer\n"
        "                  (no Azure app registration needed); its state lives in DATA/demo\n"
        "  demo change [--count N]\n"
        "                  make N random edits in the demo tenant (renames, settings,\n"
        "                  assignments, deletions), to practise re-capture\n"
        "  audit verify    check the audit log's hash chain (exit 0 intact, 1 broken)\n"
        "\n"
        "Exit codes: 0 success, 1 failure, 2 partial success, 3 usage error, 4 access denied.\n"
        "A run that is cancelled or interrupted exits 1.\n"
        "Secrets are never taken from arguments: stdin or POLICYVAULT_CLIENT_SECRET only.");
}

} // namespace pv::cli
