// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
// The composition root of the GUI: it decides where the data lives, builds the services
// once and hands them to the main window by constructor. Nothing else creates services.
#include "core/common/AppPaths.h"
#include "core/demo/DemoTenant.h"
#include "core/logging/Logging.h"
#include "core/runs/AccessGate.h"
#include "core/jobs/JobKinds.h"
#include "core/runs/RunService.h"
#include "core/runs/TenantService.h"
#include "core/secrets/KeychainSecretStore.h"
#include "core/store/Database.h"
#include "core/store/SnapshotRepository.h"
#include "core/store/StoreWatcher.h"
#include "core/store/TenantRepository.h"
#include "pv/Version.h"
#include "ui/BannerNotifier.h"
#include "ui/MainWindow.h"
#include "ui/Theme.h"
#include "ui/Translations.h"
#include "ui/TrayNotifier.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QMessageBox>
#include <QSystemTrayIcon>
#include <QThread>

#include <memory>

namespace {

int fatal(const QString& message)
{
    // Start-up cannot continue without its store: the one place a modal box is right.
    QMessageBox::critical(nullptr, QCoreApplication::translate("main", "PolicyVault"), message);
    return 1;
}

} // namespace

int main(int argc, char* argv[])
{
    QApplication app(argc, argv);
    pv::AppPaths::initApplicationIdentity();
    QApplication::setApplicationVersion(QString::fromLatin1(pv::version::String));
    pv::ui::installTranslators(app);

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QCoreApplication::translate("main", "Back up, review and restore Microsoft Intune configuration."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption dataDirOption(
        QStringLiteral("data-dir"),
        QCoreApplication::translate("main", "Data folder (default: the app-data folder; environment: "
                                            "POLICYVAULT_DATA_DIR)."),
        QStringLiteral("DIR"));
    const QCommandLineOption schemeOption(
        QStringLiteral("color-scheme"),
        QCoreApplication::translate("main", "Colour scheme: system, light or dark."), QStringLiteral("SCHEME"),
        QStringLiteral("system"));
    parser.addOption(dataDirOption);
    parser.addOption(schemeOption);
    parser.process(app);

    const QString scheme = parser.value(schemeOption);
    pv::ui::applyColorScheme(app, scheme == QLatin1String("dark")    ? pv::ui::ColorScheme::Dark
                                  : scheme == QLatin1String("light") ? pv::ui::ColorScheme::Light
                                                                     : pv::ui::ColorScheme::System);

    const QString dataDir = pv::AppPaths::dataDir(parser.value(dataDirOption));
    if (!QDir().mkpath(dataDir))
        return fatal(QCoreApplication::translate("main", "Cannot create the data folder %1.").arg(dataDir));

    pv::logging::LogOptions logOptions;
    logOptions.appName = QStringLiteral("policyvault");
    logOptions.directory = dataDir;
    if (const pv::Status logging = pv::logging::init(logOptions); !logging)
        qWarning("Logging to a file is off: %s", qPrintable(logging.error().toString()));
    pv::log::info(pv::log::App, QStringLiteral("PolicyVault %1 starting, data folder %2")
                                    .arg(QString::fromLatin1(pv::version::String), dataDir));

    auto database = pv::Database::open(pv::Database::Options{pv::AppPaths::databasePath(dataDir)});
    if (!database)
        return fatal(QCoreApplication::translate("main", "Cannot open the PolicyVault database:\n%1")
                         .arg(database.error().toString()));

    // This data folder's own keychain namespace: another folder never sees these secrets.
    // Declared before the RunService, whose workers use it until the service is destroyed.
    pv::KeychainSecretStore::Options secretOptions;
    secretOptions.service = pv::KeychainSecretStore::serviceForStore(database.value()->storeUuid());
    pv::KeychainSecretStore secrets(secretOptions);
    // The same services and job kinds as the CLI and every worker: a run one started, any
    // other resumes.
    pv::RunService::Options runOptions;
    pv::JobKinds::ServiceOptions serviceOptions;
    // The demo tenant: its graphsim is started (or found) and the profile follows its port
    // before a run signs in.
    serviceOptions.prepareSimulatedTenant = pv::DemoTenant::prepareFor(dataDir, database.value());
    runOptions.jobServices = pv::JobKinds::makeServices(database.value(), &secrets, serviceOptions);
    pv::RunService runService(database.value(), runOptions);
    pv::JobKinds::registerAll(runService, *runOptions.jobServices);
    // Runs left behind by a process that died become interrupted (and resumable); runs of
    // a live process, such as a CLI backup running beside us, are left alone.
    runService.recoverInterrupted();
    const pv::AccessGate gate(database.value());
    const pv::TenantRepository tenants(database.value());
    const pv::TenantService tenantService(database.value(), runService, secrets);
    const pv::SnapshotRepository snapshots(database.value());
    // Keychain entries of tenants whose removal was cut short: the keychain may block (an
    // unlock prompt), so not on the GUI thread.
    std::unique_ptr<QThread> cleanup(QThread::create([&tenantService] {
        if (auto cleaned = tenantService.finishPendingCleanups(); !cleaned)
            qWarning("Secrets of removed tenants are still in the keychain: %s",
                     qPrintable(cleaned.error().toString()));
    }));
    cleanup->start();

    std::unique_ptr<pv::ui::Notifier> notifier;
    if (QSystemTrayIcon::isSystemTrayAvailable())
        notifier = std::make_unique<pv::ui::TrayNotifier>();
    else
        notifier = std::make_unique<pv::ui::BannerNotifier>();

    // Runs, notifications and tenants written by the CLI or a worker process show up live.
    pv::StoreWatcher storeWatcher(database.value());
    pv::ui::MainWindow::Services services{runService, gate, tenants, *notifier, &storeWatcher, &tenantService};
    services.snapshots = &snapshots;
    services.database = database.value();
    services.secrets = &secrets;
    // "Open demo tenant": graphsim (beside this executable, or the build tree's) serves a
    // simulated tenant from <data-dir>/demo; no Azure app registration needed.
    services.openDemoTenant = [dataDir, &tenantService, &tenants, &secrets]() -> pv::Result<pv::TenantRecord> {
        auto setup = pv::DemoTenant::ensure(dataDir, tenantService, tenants, secrets);
        if (!setup)
            return setup.failure();
        return setup->tenant;
    };
    pv::ui::MainWindow window(services);
    // Quit is confirmed by the window (it asks while runs are active); leaving exec() destroys
    // the RunService, which cancels what still runs and waits for its workers.
    QObject::connect(&window, &pv::ui::MainWindow::quitRequested, &app, &QApplication::quit);
    storeWatcher.start();
    window.show();
    const int exitCode = QApplication::exec();
    cleanup->wait();
    pv::logging::shutdown();
    return exitCode;
}
