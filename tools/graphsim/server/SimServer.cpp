// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "tools/graphsim/server/SimServer.h"

#include "tools/graphsim/model/SimTenant.h"
#include "tools/graphsim/model/SimWorld.h"
#include "tools/graphsim/server/Dispatcher.h"
#include "tools/graphsim/server/HttpListener.h"
#include "tools/graphsim/server/TlsMaterial.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslKey>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QThread>

#include <cstdio>

namespace graphsim {

/// Everything that lives on the server thread.
class SimServer::Core
{
public:
    explicit Core(const SimOptions& options)
        : options(options)
    {
    }

    bool start(const QString& stateDir, QString* error)
    {
        // An explicit state dir keeps its material across restarts (two days of validity
        // left at least), so a client's stored CA path and its cached tokens keep working.
        const bool reused = !options.stateDir.isEmpty() && TlsMaterial::readFrom(stateDir, &tls, 2 * 24 * 3600);
        if (!reused && (!TlsMaterial::generate(&tls, error) || !tls.writeTo(stateDir, error)))
            return false;
        world = std::make_unique<SimWorld>(clock);
        world->setPolicyPageSize(options.policyPageSize);
        world->setSettingsPageSize(options.settingsPageSize);
        ModelQuirks quirks;
        quirks.emptyExpandedAssignmentsOnSingleGet = options.quirkEmptyExpandAssignments;
        quirks.assignmentChangeBumpsLastModified = options.assignmentChangeBumpsLastModified;
        world->setQuirks(quirks);

        QStringList profiles = options.tenantProfiles;
        if (profiles.isEmpty() && options.tenantFiles.isEmpty())
            profiles.append(QStringLiteral("demo"));
        if (!options.stateFile.isEmpty())
            return startFromStateFile(profiles.constFirst(), error) && finishStart(error);
        for (const QString& profile : std::as_const(profiles)) {
            QString tenantError;
            if (world->addGeneratedTenant(profile, options.seed, &tenantError).isEmpty()) {
                *error = QStringLiteral("tenant %1: %2").arg(profile, tenantError);
                return false;
            }
        }
        for (const QString& file : std::as_const(options.tenantFiles)) {
            QString tenantError;
            if (world->addTenantFromFile(file, &tenantError).isEmpty()) {
                *error = QStringLiteral("tenant file %1: %2").arg(file, tenantError);
                return false;
            }
        }
        // Saved before the per-run client certificate is registered: a saved tenant is what
        // the generator (or the loaded file) made, reusable with --tenant-file on another run.
        if (!options.saveTenantsDir.isEmpty()) {
            if (!QDir().mkpath(options.saveTenantsDir)) {
                *error = QStringLiteral("cannot create %1").arg(options.saveTenantsDir);
                return false;
            }
            for (const TenantSummary& tenant : world->tenants()) {
                QString saveError;
                const QString path = QDir(options.saveTenantsDir).filePath(tenant.name + QStringLiteral(".json"));
                if (!world->saveTenant(tenant.tenantId, path, &saveError)) {
                    *error = QStringLiteral("saving tenant %1: %2").arg(tenant.name, saveError);
                    return false;
                }
            }
        }
        return finishStart(error);
    }

    /// Persistent mode: the state file's tenant, or a generated one saved there first.
    bool startFromStateFile(const QString& profile, QString* error)
    {
        QString tenantError;
        if (QFileInfo::exists(options.stateFile)) {
            stateTenantId = world->addTenantFromFile(options.stateFile, &tenantError);
        } else {
            stateTenantId = world->addGeneratedTenant(profile, options.seed, &tenantError);
            if (!stateTenantId.isEmpty() && !saveState(&tenantError))
                stateTenantId.clear();
        }
        if (stateTenantId.isEmpty()) {
            *error = QStringLiteral("state file %1: %2").arg(options.stateFile, tenantError);
            return false;
        }
        // Written back as loaded, so the next comparison sees only real changes.
        return saveState(error);
    }

    /// The state file's bytes: the tenant without the per-run client certificate (a run-time
    /// credential, registered again at every start).
    QByteArray stateBytes() const
    {
        QJsonObject tenant = QJsonDocument::fromJson(world->serializeTenant(stateTenantId)).object();
        QJsonArray apps = tenant.value(QStringLiteral("apps")).toArray();
        for (qsizetype i = 0; i < apps.size(); ++i) {
            QJsonObject app = apps.at(i).toObject();
            QJsonArray certificates;
            for (const QJsonValue& pem : app.value(QStringLiteral("certificatesPem")).toArray()) {
                if (pem.toString().toLatin1() != tls.clientCertPem)
                    certificates.append(pem);
            }
            app.insert(QStringLiteral("certificatesPem"), certificates);
            apps.replace(i, app);
        }
        tenant.insert(QStringLiteral("apps"), apps);
        return QJsonDocument(tenant).toJson(QJsonDocument::Compact);
    }

    /// Saves the state file when the tenant changed since the last save; atomic (QSaveFile),
    /// so a crash or a kill mid-write leaves the previous state, never half of one.
    bool saveState(QString* error)
    {
        const QByteArray bytes = stateBytes();
        if (bytes == savedState)
            return true;
        QSaveFile file(options.stateFile);
        if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit()) {
            *error = QStringLiteral("cannot write %1: %2").arg(options.stateFile, file.errorString());
            return false;
        }
        savedState = bytes;
        return true;
    }

    bool finishStart(QString* error)
    {
        for (const TenantSummary& tenant : world->tenants()) {
            if (!tenant.apps.isEmpty())
                world->addAppCertificate(tenant.tenantId, tenant.apps.constFirst().clientId, tls.clientCertPem);
        }

        dispatcher = std::make_unique<Dispatcher>(options, *world, clock, tls);
        http = std::make_unique<HttpListener>(*dispatcher, false);
        httpPort = http->listen(QHostAddress::LocalHost, options.port);
        if (httpPort == 0) {
            *error = QStringLiteral("cannot listen on 127.0.0.1:%1").arg(options.port);
            return false;
        }
        dispatcher->setObserver([this](const HttpRequest& request) {
            lastActivityMs->store(QDateTime::currentMSecsSinceEpoch());
            // Anything but a read may have changed the tenant: Graph writes (plain or in a
            // $batch), /_sim/mutate, /_sim/reset. saveState writes only when the bytes differ.
            if (!options.stateFile.isEmpty() && request.method != "GET" && request.method != "HEAD") {
                QString saveError;
                if (!saveState(&saveError))
                    std::fprintf(stderr, "graphsim: %s\n", qPrintable(saveError));
            }
        });
        https = std::make_unique<HttpListener>(*dispatcher, true);
        QSslConfiguration ssl = QSslConfiguration::defaultConfiguration();
        ssl.setLocalCertificate(QSslCertificate(tls.serverCertPem, QSsl::Pem));
        ssl.setPrivateKey(QSslKey(tls.serverKeyPem, QSsl::Ec, QSsl::Pem));
        ssl.setPeerVerifyMode(QSslSocket::VerifyNone);
        https->sslSetup(ssl);
        httpsPort = https->listen(QHostAddress::LocalHost, options.httpsPort);
        if (httpsPort == 0) {
            *error = QStringLiteral("cannot listen on 127.0.0.1:%1 (https)").arg(options.httpsPort);
            return false;
        }
        return true;
    }

    SimOptions options;
    SimClock clock;
    TlsMaterial tls;
    std::unique_ptr<SimWorld> world;
    std::unique_ptr<Dispatcher> dispatcher;
    std::unique_ptr<HttpListener> http;
    std::unique_ptr<HttpListener> https;
    quint16 httpPort = 0;
    quint16 httpsPort = 0;
    QList<TenantSummary> tenantSummaries;
    QString stateTenantId;
    QByteArray savedState;
    std::atomic<qint64>* lastActivityMs = nullptr;
};

SimServer::SimServer(const SimOptions& options, QObject* parent)
    : QObject(parent)
    , m_options(options)
{
}

SimServer::~SimServer()
{
    stop();
}

bool SimServer::start(QString* error)
{
    if (m_running)
        return true;
    QString localError;
    QString* err = error ? error : &localError;
    if (m_options.stateDir.isEmpty()) {
        m_tempDir = std::make_unique<QTemporaryDir>();
        if (!m_tempDir->isValid()) {
            *err = QStringLiteral("cannot create a temporary directory");
            return false;
        }
        m_stateDir = m_tempDir->path();
    } else {
        m_stateDir = m_options.stateDir;
    }

    m_thread = new QThread;
    m_thread->setObjectName(QStringLiteral("graphsim"));
    m_anchor = new QObject;
    m_anchor->moveToThread(m_thread);
    m_thread->start();

    bool ok = false;
    QMetaObject::invokeMethod(
        m_anchor,
        [this, &ok, err] {
            m_core = new Core(m_options);
            m_core->lastActivityMs = &m_lastActivityMs;
            ok = m_core->start(m_stateDir, err);
            if (ok)
                m_core->tenantSummaries = m_core->world->tenants();
        },
        Qt::BlockingQueuedConnection);
    if (!ok) {
        stop();
        return false;
    }

    m_httpUrl = QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_core->httpPort));
    m_httpsUrl = QUrl(QStringLiteral("https://127.0.0.1:%1").arg(m_core->httpsPort));
    m_caCertPath = m_core->tls.caCertPath;
    m_caCertPem = m_core->tls.caCertPem;
    m_clientCertPath = m_core->tls.clientCertPath;
    m_clientKeyPath = m_core->tls.clientKeyPath;
    m_clientCertPem = m_core->tls.clientCertPem;
    m_clientKeyPem = m_core->tls.clientKeyPem;

    QJsonArray tenants;
    m_tenants.clear();
    for (const TenantSummary& summary : std::as_const(m_core->tenantSummaries)) {
        SimTenantCredentials credentials;
        credentials.name = summary.name;
        credentials.tenantId = summary.tenantId;
        credentials.domain = summary.domain;
        QJsonArray apps;
        for (const SimApp& app : summary.apps) {
            apps.append(QJsonObject{{QStringLiteral("displayName"), app.displayName},
                                    {QStringLiteral("clientId"), app.clientId},
                                    {QStringLiteral("clientSecret"), app.clientSecrets.value(0)},
                                    {QStringLiteral("roles"), QJsonArray::fromStringList(app.roles)}});
        }
        if (!summary.apps.isEmpty()) {
            credentials.clientId = summary.apps.constFirst().clientId;
            credentials.clientSecret = summary.apps.constFirst().clientSecrets.value(0);
            credentials.roles = summary.apps.constFirst().roles;
        }
        m_tenants.append(credentials);
        tenants.append(QJsonObject{{QStringLiteral("name"), credentials.name},
                                   {QStringLiteral("tenantId"), credentials.tenantId},
                                   {QStringLiteral("domain"), credentials.domain},
                                   {QStringLiteral("clientId"), credentials.clientId},
                                   {QStringLiteral("clientSecret"), credentials.clientSecret},
                                   {QStringLiteral("apps"), apps},
                                   {QStringLiteral("publicClients"), publicClientsJson(summary.publicClients)},
                                   {QStringLiteral("users"), usersJson(summary.users)}});
    }
    const QSslCertificate clientCert(m_clientCertPem, QSsl::Pem);
    m_startupInfo = QJsonObject{
        {QStringLiteral("http"), m_httpUrl.toString()},
        {QStringLiteral("https"), m_httpsUrl.toString()},
        {QStringLiteral("caCert"), m_caCertPath},
        {QStringLiteral("clientCertificate"), m_clientCertPath},
        {QStringLiteral("clientKey"), m_clientKeyPath},
        {QStringLiteral("clientCertificateThumbprint"),
         QString::fromLatin1(clientCert.digest(QCryptographicHash::Sha1).toHex().toUpper())},
        {QStringLiteral("clientCertificateThumbprintSha256"),
         QString::fromLatin1(clientCert.digest(QCryptographicHash::Sha256).toHex().toUpper())},
        {QStringLiteral("stateDir"), m_stateDir},
        {QStringLiteral("stateFile"), m_options.stateFile},
        {QStringLiteral("seed"), QString::number(m_options.seed)},
        {QStringLiteral("pid"), QCoreApplication::applicationPid()},
        {QStringLiteral("tenants"), tenants},
    };
    m_lastActivityMs.store(QDateTime::currentMSecsSinceEpoch());
    m_running = true;
    return true;
}

qint64 SimServer::idleMs() const
{
    return QDateTime::currentMSecsSinceEpoch() - m_lastActivityMs.load();
}

void SimServer::stop()
{
    if (m_thread) {
        if (m_core) {
            QMetaObject::invokeMethod(
                m_anchor,
                [this] {
                    delete m_core;
                    m_core = nullptr;
                },
                Qt::BlockingQueuedConnection);
        }
        m_thread->quit();
        m_thread->wait();
        // The thread has finished, so its objects can go from here.
        delete m_anchor;
        m_anchor = nullptr;
        delete m_thread;
        m_thread = nullptr;
    }
    m_running = false;
}

} // namespace graphsim
