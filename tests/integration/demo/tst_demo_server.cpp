// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
// DemoServer and DemoTenant against the real graphsim executable: one server per data folder
// whoever asks (processes and threads at once), a stale endpoint replaced, a restart on the
// same port with the same CA and credentials (and another port when that one is taken), real
// sign-in over HTTPS with what it returns, and the tenant profile kept in line with it.
#include "core/demo/DemoServer.h"
#include "core/demo/DemoTenant.h"
#include "core/runs/ProcessInfo.h"
#include "core/runs/RunService.h"
#include "core/runs/TenantService.h"
#include "core/secrets/InMemorySecretStore.h"
#include "core/store/TenantRepository.h"
#include "tests/testutils/ResultText.h"
#include "tests/testutils/TestDatabase.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QSaveFile>
#include <QSignalSpy>
#include <QSslConfiguration>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QUrlQuery>

#ifdef Q_OS_UNIX
#include <csignal>
#endif

#include <memory>

using namespace pv;

class TestDemoServer : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void concurrentCallersStartOne();
    void staleEndpointIsReplaced();
    void restartKeepsPortCaAndCredentials();
    void takenPortMovesAndProfileFollows();
    void demoTenantIsIdempotent();
    void demoNameTakenIsAConflict();

private:
    QString dataDir() const { return m_dir->path(); }
    int tokenStatus(const DemoEndpoint& endpoint);
    void remember(qint64 pid) { m_pids.append(pid); }

    std::unique_ptr<QTemporaryDir> m_dir;
    QList<qint64> m_pids;
};

void TestDemoServer::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_pids.clear();
}

void TestDemoServer::cleanup()
{
    // Stop ours politely, then make sure: no detached graphsim outlives the test.
    if (auto running = DemoServer::running(dataDir()))
        remember(running->pid);
    (void)DemoServer::stop(dataDir());
    for (qint64 pid : std::as_const(m_pids)) {
#ifdef Q_OS_UNIX
        if (isProcessAlive(ProcessIdentity{pid, 0, {}}))
            ::kill(pid_t(pid), SIGKILL);
#endif
        QVERIFY(QTest::qWaitFor([pid] { return !isProcessAlive(ProcessIdentity{pid, 0, {}}); }, 15000));
    }
}

int TestDemoServer::tokenStatus(const DemoEndpoint& endpoint)
{
    QNetworkAccessManager nam;
    QUrl url = endpoint.httpsUrl;
    url.setPath(QLatin1Char('/') + endpoint.entraTenantId + QStringLiteral("/oauth2/v2.0/token"));
    QNetworkRequest request(url);
    QSslConfiguration ssl = QSslConfiguration::defaultConfiguration();
    ssl.addCaCertificates(QSslCertificate::fromPath(endpoint.caCertPath, QSsl::Pem));
    request.setSslConfiguration(ssl);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/x-www-form-urlencoded"));
    QUrlQuery form;
    form.addQueryItem(QStringLiteral("grant_type"), QStringLiteral("client_credentials"));
    form.addQueryItem(QStringLiteral("client_id"), endpoint.clientId);
    form.addQueryItem(QStringLiteral("client_secret"), QString::fromLatin1(QUrl::toPercentEncoding(QString::fromUtf8(endpoint.clientSecret))));
    form.addQueryItem(QStringLiteral("scope"), QStringLiteral("https://graph.microsoft.com/.default"));
    QNetworkReply* reply = nam.post(request, form.query(QUrl::FullyEncoded).toLatin1());
    QSignalSpy finished(reply, &QNetworkReply::finished);
    if (!reply->isFinished())
        finished.wait(20000);
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (status != 200)
        qWarning("token request: %d %s %s", status, qPrintable(reply->errorString()), reply->readAll().constData());
    delete reply;
    return status;
}

void TestDemoServer::concurrentCallersStartOne()
{
    // Three processes and two threads of this one, all at once.
    QList<std::shared_ptr<QProcess>> helpers;
    for (int i = 0; i < 3; ++i) {
        auto helper = std::make_shared<QProcess>();
        helper->start(qEnvironmentVariable("PV_DEMO_HELPER"), {dataDir()});
        helpers.append(helper);
    }
    Result<DemoEndpoint> fromThreads[2] = {fail(ErrorCode::Internal, {}), fail(ErrorCode::Internal, {})};
    std::unique_ptr<QThread> threads[2];
    for (int i = 0; i < 2; ++i) {
        threads[i].reset(QThread::create([this, &fromThreads, i] { fromThreads[i] = DemoServer::ensureRunning(dataDir()); }));
        threads[i]->start();
    }
    QList<qint64> pids;
    int started = 0;
    for (const auto& helper : helpers) {
        QVERIFY(helper->waitForFinished(60000));
        const QByteArray out = helper->readAllStandardOutput();
        QCOMPARE(helper->exitCode(), 0);
        const QJsonObject result = QJsonDocument::fromJson(out).object();
        pids.append(result.value(QStringLiteral("pid")).toInteger());
        started += result.value(QStringLiteral("startedNow")).toBool() ? 1 : 0;
    }
    for (int i = 0; i < 2; ++i) {
        QVERIFY(threads[i]->wait(60000));
        QVERIFY2(fromThreads[i].ok(), test::errorText(fromThreads[i]).constData());
        pids.append(fromThreads[i]->pid);
        started += fromThreads[i]->startedNow ? 1 : 0;
    }
    for (qint64 pid : std::as_const(pids))
        remember(pid);
    QCOMPARE(started, 1);
    QVERIFY(pids.first() > 0);
    QCOMPARE(pids.count(pids.first()), pids.size());
    auto running = DemoServer::running(dataDir());
    QVERIFY(running.ok());
    QCOMPARE(running->pid, pids.first());
}

void TestDemoServer::staleEndpointIsReplaced()
{
    // An endpoint file left by a graphsim that died: its pid gone, nothing on its port.
    QProcess dead;
    dead.start(qEnvironmentVariable("POLICYVAULT_GRAPHSIM"), {QStringLiteral("--help")});
    QVERIFY(dead.waitForStarted());
    const qint64 deadPid = dead.processId();
    QVERIFY(dead.waitForFinished());
    QTcpServer probe;
    QVERIFY(probe.listen(QHostAddress::LocalHost));
    const quint16 closedPort = probe.serverPort();
    probe.close();
    QVERIFY(QDir().mkpath(DemoServer::demoDir(dataDir())));
    QSaveFile stale(DemoServer::endpointFilePath(dataDir()));
    QVERIFY(stale.open(QIODevice::WriteOnly));
    const QJsonObject tenant{{QStringLiteral("tenantId"), QStringLiteral("t")},
                             {QStringLiteral("clientId"), QStringLiteral("c")},
                             {QStringLiteral("clientSecret"), QStringLiteral("s")}};
    QJsonObject info;
    info.insert(QStringLiteral("https"), QStringLiteral("https://127.0.0.1:%1").arg(closedPort));
    info.insert(QStringLiteral("http"), QStringLiteral("http://127.0.0.1:%1").arg(closedPort));
    info.insert(QStringLiteral("caCert"), QString(DemoServer::demoDir(dataDir()) + QStringLiteral("/tls/ca-cert.pem")));
    info.insert(QStringLiteral("pid"), deadPid);
    info.insert(QStringLiteral("tenants"), QJsonArray{tenant});
    stale.write(QJsonDocument(info).toJson());
    QVERIFY(stale.commit());
    QCOMPARE(DemoServer::running(dataDir()).error().code, ErrorCode::NotFound);

    auto endpoint = DemoServer::ensureRunning(dataDir());
    QVERIFY2(endpoint.ok(), test::errorText(endpoint).constData());
    remember(endpoint->pid);
    QVERIFY(endpoint->startedNow);
    QVERIFY(endpoint->pid != deadPid);
    QVERIFY(endpoint->clientId != QLatin1String("c"));
    QCOMPARE(DemoServer::running(dataDir())->pid, endpoint->pid);
    QCOMPARE(tokenStatus(endpoint.value()), 200);
}

void TestDemoServer::restartKeepsPortCaAndCredentials()
{
    auto first = DemoServer::ensureRunning(dataDir());
    QVERIFY2(first.ok(), test::errorText(first).constData());
    remember(first->pid);
    QVERIFY(first->startedNow);
    QCOMPARE(tokenStatus(first.value()), 200);
    QFile caFile(first->caCertPath);
    QVERIFY(caFile.open(QIODevice::ReadOnly));
    const QByteArray ca = caFile.readAll();
    caFile.close();

    // A second call uses the running one.
    auto again = DemoServer::ensureRunning(dataDir());
    QVERIFY(again.ok());
    QVERIFY(!again->startedNow);
    QCOMPARE(again->pid, first->pid);

    QVERIFY2(DemoServer::stop(dataDir()).ok(), "stop");
    QCOMPARE(DemoServer::running(dataDir()).error().code, ErrorCode::NotFound);

    auto second = DemoServer::ensureRunning(dataDir());
    QVERIFY2(second.ok(), test::errorText(second).constData());
    remember(second->pid);
    QVERIFY(second->startedNow);
    QVERIFY(second->pid != first->pid);
    QCOMPARE(second->httpsUrl, first->httpsUrl);      // the stored profile URL stays valid
    QCOMPARE(second->caCertPath, first->caCertPath);  // and so does its CA file…
    QVERIFY(caFile.open(QIODevice::ReadOnly));
    QCOMPARE(caFile.readAll(), ca);                   // …with the same CA in it
    QCOMPARE(second->entraTenantId, first->entraTenantId);
    QCOMPARE(second->clientId, first->clientId);
    QCOMPARE(second->clientSecret, first->clientSecret);
    QCOMPARE(tokenStatus(second.value()), 200);
}

void TestDemoServer::takenPortMovesAndProfileFollows()
{
    const test::TestDatabase db = test::makeTestDatabase();
    QVERIFY(db.isValid());
    TenantRepository repository(db.database);
    TenantRecord demo;
    demo.name = QStringLiteral("demo");
    demo.entraTenantId = QStringLiteral("00000000-0000-0000-0000-000000000001");
    demo.clientId = QStringLiteral("00000000-0000-0000-0000-000000000002");
    demo.graphUrl = QStringLiteral("https://127.0.0.1:1");
    demo.authorityUrl = QStringLiteral("https://127.0.0.1:1");
    demo.simulated = true;
    auto created = repository.create(demo);
    QVERIFY(created.ok());
    const auto prepare = DemoTenant::prepareFor(dataDir(), db.database);

    // A real tenant passes untouched, and nothing is started for it.
    auto contoso = repository.byId(db.tenantId);
    QVERIFY(contoso.ok());
    QVERIFY(prepare(contoso.value()).ok());
    QCOMPARE(DemoServer::running(dataDir()).error().code, ErrorCode::NotFound);
    QCOMPARE(repository.byId(db.tenantId)->graphUrl, contoso->graphUrl);

    auto first = DemoServer::ensureRunning(dataDir());
    QVERIFY(first.ok());
    remember(first->pid);
    QVERIFY(DemoServer::stop(dataDir()).ok());
    // Someone else took the port meanwhile: graphsim moves, the profile follows.
    QTcpServer squatter;
    QVERIFY(squatter.listen(QHostAddress::LocalHost, quint16(first->httpsUrl.port())));

    QVERIFY(prepare(created.value()).ok());
    auto moved = DemoServer::running(dataDir());
    QVERIFY(moved.ok());
    remember(moved->pid);
    QVERIFY(moved->httpsUrl.port() != first->httpsUrl.port());
    auto updated = repository.byId(created->id);
    QVERIFY(updated.ok());
    QCOMPARE(updated->graphUrl, moved->httpsUrl.toString());
    QCOMPARE(updated->authorityUrl, moved->httpsUrl.toString());
    QCOMPARE(updated->caCertificatePath, moved->caCertPath);
    QCOMPARE(updated->entraTenantId, moved->entraTenantId);
    QCOMPARE(updated->clientId, moved->clientId);
    QVERIFY(updated->simulated);
    QCOMPARE(updated->uuid, created->uuid);
}

void TestDemoServer::demoTenantIsIdempotent()
{
    const test::TestDatabase db = test::makeTestDatabase();
    QVERIFY(db.isValid());
    RunService runs(db.database);
    InMemorySecretStore secrets;
    const TenantService service(db.database, runs, secrets);
    const TenantRepository repository(db.database);

    auto first = DemoTenant::ensure(dataDir(), service, repository, secrets);
    QVERIFY2(first.ok(), test::errorText(first).constData());
    remember(first->endpoint.pid);
    QVERIFY(first->created);
    QVERIFY(first->secretStored);
    QVERIFY(first->tenant.simulated);
    QCOMPARE(first->tenant.name, QStringLiteral("demo"));
    QCOMPARE(first->tenant.graphUrl, first->endpoint.httpsUrl.toString());
    QCOMPARE(secrets.read(SecretStore::key(first->tenant.uuid, SecretKind::ClientSecret)).value(),
             first->endpoint.clientSecret);

    auto second = DemoTenant::ensure(dataDir(), service, repository, secrets);
    QVERIFY(second.ok());
    QVERIFY(!second->created);
    QVERIFY(!second->profileUpdated);
    QVERIFY(!second->secretStored);
    QCOMPARE(second->tenant.id, first->tenant.id);
    QCOMPARE(repository.list()->size(), 2);   // Contoso and demo
}

void TestDemoServer::demoNameTakenIsAConflict()
{
    const test::TestDatabase db = test::makeTestDatabase(QStringLiteral("demo"));
    QVERIFY(db.isValid());
    RunService runs(db.database);
    InMemorySecretStore secrets;
    const TenantService service(db.database, runs, secrets);
    const TenantRepository repository(db.database);
    auto setup = DemoTenant::ensure(dataDir(), service, repository, secrets);
    QVERIFY(!setup.ok());
    QCOMPARE(setup.error().code, ErrorCode::Conflict);
    QCOMPARE(repository.list()->size(), 1);
    QVERIFY(!repository.byName(QStringLiteral("demo"))->simulated);
}

QTEST_GUILESS_MAIN(TestDemoServer)
#include "tst_demo_server.moc"
