// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
// policyvault-cli tenant signin|signout against the graphsim executable: the device code line
// on stderr (read by the test, which then approves or declines the code as graphsim's user),
// one JSON document on stdout, the refresh token in the store's keychain, a backup with the
// person's token, and runs of a tenant nobody signed in to failing with "sign in first".
// Needs a Secret Service (scripts/dev.sh test-only provides one).
#include "core/common/AppPaths.h"
#include "core/secrets/KeychainSecretStore.h"
#include "core/store/Database.h"
#include "core/store/TenantRepository.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <QSslCertificate>
#include <QSslConfiguration>
#include <QStandardPaths>

#include <optional>

using namespace pv;

namespace {

bool isOneCompactDocument(const QByteArray& out)
{
    if (!out.endsWith('\n') || out.chopped(1).contains('\n'))
        return false;
    QJsonParseError error{};
    QJsonDocument::fromJson(out, &error);
    return error.error == QJsonParseError::NoError;
}

struct Outcome
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
    QJsonObject object() const { return QJsonDocument::fromJson(out).object(); }
};

/// `text` as one word for /bin/sh.
QString shellWord(const QString& text)
{
    QString quoted = text;
    quoted.replace(QLatin1Char('\''), QStringLiteral("'\\''"));
    return QLatin1Char('\'') + quoted + QLatin1Char('\'');
}

} // namespace

class TestCliSignIn : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void signInJsonThenBackupThenSignOut();
    void declinedSignIn();
    void appTenantsHaveNoSignIn();
    void browserSignInThenSignOutLeavesNothingInTheKeychain();
    void detachedStartOfATenantNobodySignedInToFailsAtOnce();
    void backupWaitOnATerminalSignsInFirst();
    void concurrentProcessesUnderStrictRotationKeepTheSignIn();

private:
    QString info(const char* key) const { return m_info.value(QLatin1String(key)).toString(); }
    QJsonObject simTenant() const { return m_info.value(QStringLiteral("tenants")).toArray().first().toObject(); }
    QString desktopClient() const;
    QStringList cliArguments(const QStringList& arguments) const;
    Outcome cli(const QStringList& arguments);
    /// Starts `tenant signin NAME --json`; the code line it printed on stderr.
    QJsonObject startSignIn(QProcess& process, const QString& name);
    Outcome finish(QProcess& process);
    QJsonObject decide(const QString& userCode, const QString& action);
    std::optional<Result<QByteArray>> storedRefreshToken(const QString& tenantName);
    /// The keychain's entry names for the store, as `secret-tool` (another process) lists them.
    QStringList keychainEntries();
    QString tenantUuid(const QString& tenantName);
    void addTenant(const QString& name, const QString& auth);
    /// GET over HTTPS with graphsim's CA, redirects not followed.
    QNetworkReply* get(const QUrl& url);

    QProcess m_graphsim;
    QJsonObject m_info;
    QTemporaryDir m_dir;
    QNetworkAccessManager m_network;
};

void TestCliSignIn::initTestCase()
{
    QVERIFY(m_dir.isValid());
    KeychainSecretStore::Options probeOptions;
    probeOptions.service = KeychainSecretStore::serviceForStore(QStringLiteral("tst-cli-signin-probe"));
    KeychainSecretStore probe(probeOptions);
    if (const Status usable = probe.probe(); !usable)
        QSKIP(qPrintable(QStringLiteral("no usable Secret Service: ") + usable.error().toString()));
    m_graphsim.setProcessChannelMode(QProcess::SeparateChannels);
    m_graphsim.start(qEnvironmentVariable("GRAPHSIM_BIN"),
                     {QStringLiteral("--tenant"), QStringLiteral("demo"), QStringLiteral("--port"), QStringLiteral("0"),
                      QStringLiteral("--device-code-interval-s"), QStringLiteral("1")});
    QVERIFY2(m_graphsim.waitForStarted(), qPrintable(m_graphsim.errorString()));
    QTRY_VERIFY_WITH_TIMEOUT(m_graphsim.canReadLine() || m_graphsim.state() != QProcess::Running, 60000);
    m_info = QJsonDocument::fromJson(m_graphsim.readLine()).object();
    QVERIFY2(!info("https").isEmpty(), m_graphsim.readAllStandardError().constData());
    QVERIFY(!desktopClient().isEmpty());
    for (const QString& name : {QStringLiteral("People"), QStringLiteral("Declined")})
        addTenant(name, QStringLiteral("device_code"));
}

void TestCliSignIn::addTenant(const QString& name, const QString& auth)
{
    const Outcome added = cli({QStringLiteral("tenant"), QStringLiteral("add"), name, QStringLiteral("--tenant-id"),
                               simTenant().value(QStringLiteral("tenantId")).toString(), QStringLiteral("--client-id"),
                               desktopClient(), QStringLiteral("--auth"), auth,
                               QStringLiteral("--graph-url"), info("https"), QStringLiteral("--authority-url"),
                               info("https"), QStringLiteral("--ca-cert"), info("caCert")});
    QVERIFY2(added.exitCode == 0, added.out.constData());
}

void TestCliSignIn::cleanupTestCase()
{
    if (m_graphsim.state() == QProcess::Running) {
        m_graphsim.terminate();
        QVERIFY(m_graphsim.waitForFinished(10000));
    }
}

QString TestCliSignIn::desktopClient() const
{
    for (const QJsonValue& app : simTenant().value(QStringLiteral("publicClients")).toArray()) {
        if (app.toObject().value(QStringLiteral("displayName")).toString() == QLatin1String("PolicyVault Desktop"))
            return app.toObject().value(QStringLiteral("clientId")).toString();
    }
    return {};
}

QStringList TestCliSignIn::cliArguments(const QStringList& arguments) const
{
    return QStringList{QStringLiteral("--data-dir"), m_dir.path(), QStringLiteral("--json")} + arguments;
}

Outcome TestCliSignIn::cli(const QStringList& arguments)
{
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("POLICYVAULT_CLIENT_SECRET"));   // a person's sign-in needs none
    process.setProcessEnvironment(env);
    process.start(qEnvironmentVariable("PV_CLI_BIN"), cliArguments(arguments));
    process.closeWriteChannel();
    return finish(process);
}

Outcome TestCliSignIn::finish(QProcess& process)
{
    if (!process.waitForFinished(120000))
        qFatal("policyvault-cli did not finish");
    return Outcome{process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
                   process.readAllStandardOutput(), process.readAllStandardError()};
}

QJsonObject TestCliSignIn::startSignIn(QProcess& process, const QString& name)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("POLICYVAULT_CLIENT_SECRET"));
    process.setProcessEnvironment(env);
    process.start(qEnvironmentVariable("PV_CLI_BIN"),
                  cliArguments({QStringLiteral("tenant"), QStringLiteral("signin"), name}));
    process.closeWriteChannel();
    process.setReadChannel(QProcess::StandardError);
    if (!QTest::qWaitFor([&] { return process.canReadLine() || process.state() == QProcess::NotRunning; }, 60000)
        || !process.canReadLine())
        return {};
    return QJsonDocument::fromJson(process.readLine()).object();
}

QJsonObject TestCliSignIn::decide(const QString& userCode, const QString& action)
{
    QNetworkRequest request(QUrl(info("http") + QStringLiteral("/_sim/devicecode")));
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    QNetworkReply* reply = m_network.post(
        request, QJsonDocument(QJsonObject{{QStringLiteral("userCode"), userCode}, {QStringLiteral("action"), action}})
                     .toJson(QJsonDocument::Compact));
    QSignalSpy done(reply, &QNetworkReply::finished);
    if (!done.wait(30000))
        return {};
    reply->deleteLater();
    return QJsonDocument::fromJson(reply->readAll()).object();
}

std::optional<Result<QByteArray>> TestCliSignIn::storedRefreshToken(const QString& tenantName)
{
    auto database = Database::open(Database::Options{AppPaths::databasePath(m_dir.path())});
    if (!database)
        return std::nullopt;
    const auto tenant = TenantRepository(*database).byName(tenantName);
    if (!tenant)
        return std::nullopt;
    KeychainSecretStore::Options options;
    options.service = KeychainSecretStore::serviceForStore((*database)->storeUuid());
    KeychainSecretStore store(options);
    return store.read(SecretStore::key(tenant->uuid, SecretKind::RefreshToken));
}

void TestCliSignIn::signInJsonThenBackupThenSignOut()
{
    const QStringList backup{QStringLiteral("backup"), QStringLiteral("--tenant"), QStringLiteral("People"),
                             QStringLiteral("--wait")};
    // Nobody signed in yet: the run fails at once and says what to do.
    const Outcome early = cli(backup);
    QCOMPARE(early.exitCode, 1);
    QVERIFY2(early.out.contains("sign in first: policyvault-cli tenant signin People"), early.out.constData());

    QProcess signIn;
    const QJsonObject code = startSignIn(signIn, QStringLiteral("People"));
    QCOMPARE(code.keys(), (QStringList{QStringLiteral("expiresIn"), QStringLiteral("userCode"), QStringLiteral("verificationUri")}));
    const QString userCode = code.value(QStringLiteral("userCode")).toString();
    QCOMPARE(userCode.size(), 9);
    QCOMPARE(code.value(QStringLiteral("verificationUri")).toString(), QStringLiteral("https://microsoft.com/devicelogin"));
    QCOMPARE(code.value(QStringLiteral("expiresIn")).toInt(), 900);
    QCOMPARE(decide(userCode, QStringLiteral("approve")).value(QStringLiteral("state")).toString(), QStringLiteral("approved"));
    const Outcome done = finish(signIn);
    QVERIFY2(done.exitCode == 0, done.out.constData());
    QVERIFY(isOneCompactDocument(done.out));
    const QString user = QStringLiteral("AdeleV@") + simTenant().value(QStringLiteral("domain")).toString();
    QCOMPARE(done.object(), (QJsonObject{{QStringLiteral("tenant"), QStringLiteral("People")},
                                         {QStringLiteral("signedIn"), true},
                                         {QStringLiteral("user"), user}}));
    QVERIFY2(done.err.isEmpty(), done.err.constData());   // the code line was the only stderr line
    const auto stored = storedRefreshToken(QStringLiteral("People"));
    QVERIFY(stored.has_value());
    QVERIFY(stored->ok() && !stored->value().isEmpty());
    QVERIFY(!done.out.contains(stored->value()));

    // A backup with the person's delegated token.
    const Outcome backedUp = cli(backup);
    QVERIFY2(backedUp.exitCode == 0, backedUp.out.constData());
    QCOMPARE(backedUp.object().value(QStringLiteral("status")).toString(), QStringLiteral("succeeded"));
    const auto rotated = storedRefreshToken(QStringLiteral("People"));
    QVERIFY(rotated.has_value() && rotated->ok());
    QVERIFY(rotated->value() != stored->value());   // graphsim returned a new refresh token: stored

    const Outcome signedOut = cli({QStringLiteral("tenant"), QStringLiteral("signout"), QStringLiteral("People")});
    QCOMPARE(signedOut.exitCode, 0);
    QCOMPARE(signedOut.object().value(QStringLiteral("wasSignedIn")).toBool(), true);
    QCOMPARE(signedOut.object().value(QStringLiteral("user")).toString(), user);
    const auto gone = storedRefreshToken(QStringLiteral("People"));
    QVERIFY(gone.has_value());
    QCOMPARE(gone->error().code, ErrorCode::NotFound);
    const Outcome late = cli(backup);
    QCOMPARE(late.exitCode, 1);
    QVERIFY2(late.out.contains("sign in first: policyvault-cli tenant signin People"), late.out.constData());
}

void TestCliSignIn::declinedSignIn()
{
    QProcess signIn;
    const QJsonObject code = startSignIn(signIn, QStringLiteral("Declined"));
    const QString userCode = code.value(QStringLiteral("userCode")).toString();
    QVERIFY(!userCode.isEmpty());
    QCOMPARE(decide(userCode, QStringLiteral("decline")).value(QStringLiteral("state")).toString(), QStringLiteral("declined"));
    const Outcome done = finish(signIn);
    QCOMPARE(done.exitCode, 1);
    QVERIFY(isOneCompactDocument(done.out));
    QVERIFY2(done.object().value(QStringLiteral("message")).toString().contains(QLatin1String("declined")),
             done.out.constData());
    const auto stored = storedRefreshToken(QStringLiteral("Declined"));
    QVERIFY(stored.has_value());
    QCOMPARE(stored->error().code, ErrorCode::NotFound);
}

void TestCliSignIn::appTenantsHaveNoSignIn()
{
    const Outcome added = cli({QStringLiteral("tenant"), QStringLiteral("add"), QStringLiteral("App"),
                               QStringLiteral("--tenant-id"), simTenant().value(QStringLiteral("tenantId")).toString(),
                               QStringLiteral("--client-id"), simTenant().value(QStringLiteral("clientId")).toString(),
                               QStringLiteral("--auth"), QStringLiteral("client_secret")});
    QVERIFY2(added.exitCode == 0, added.out.constData());
    const Outcome signIn = cli({QStringLiteral("tenant"), QStringLiteral("signin"), QStringLiteral("App")});
    QCOMPARE(signIn.exitCode, 3);
    QVERIFY(isOneCompactDocument(signIn.out));
    QVERIFY2(signIn.out.contains("signs in as an app"), signIn.out.constData());
}

QString TestCliSignIn::tenantUuid(const QString& tenantName)
{
    auto database = Database::open(Database::Options{AppPaths::databasePath(m_dir.path())});
    if (!database)
        return {};
    const auto tenant = TenantRepository(*database).byName(tenantName);
    return tenant ? tenant->uuid : QString();
}

QStringList TestCliSignIn::keychainEntries()
{
    auto database = Database::open(Database::Options{AppPaths::databasePath(m_dir.path())});
    if (!database)
        return {QStringLiteral("<no database>")};
    QProcess tool;
    tool.start(QStringLiteral("secret-tool"), {QStringLiteral("search"), QStringLiteral("--all"), QStringLiteral("server"),
                                               KeychainSecretStore::serviceForStore((*database)->storeUuid())});
    if (!tool.waitForFinished(20000))
        return {QStringLiteral("<secret-tool did not finish>")};
    QStringList users;
    // secret-tool prints attributes on stderr or stdout depending on its version.
    const QByteArray printed = tool.readAllStandardOutput() + tool.readAllStandardError();
    for (const QByteArray& line : printed.split('\n')) {
        if (line.startsWith("attribute.user = "))
            users << QString::fromUtf8(line.mid(17).trimmed());
    }
    return users;
}

QNetworkReply* TestCliSignIn::get(const QUrl& url)
{
    QNetworkRequest request(url);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    QSslConfiguration ssl = QSslConfiguration::defaultConfiguration();
    ssl.addCaCertificates(QSslCertificate::fromPath(info("caCert"), QSsl::Pem));
    request.setSslConfiguration(ssl);
    QNetworkReply* reply = m_network.get(request);
    QSignalSpy done(reply, &QNetworkReply::finished);
    if (!reply->isFinished())
        done.wait(30000);
    reply->deleteLater();
    return reply;
}

void TestCliSignIn::browserSignInThenSignOutLeavesNothingInTheKeychain()
{
    addTenant(QStringLiteral("Browser"), QStringLiteral("interactive"));
    QProcess signIn;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("POLICYVAULT_NO_BROWSER"), QStringLiteral("1"));   // the test is the browser
    signIn.setProcessEnvironment(env);
    signIn.start(qEnvironmentVariable("PV_CLI_BIN"),
                 cliArguments({QStringLiteral("tenant"), QStringLiteral("signin"), QStringLiteral("Browser"),
                               QStringLiteral("--browser")}));
    signIn.closeWriteChannel();
    signIn.setReadChannel(QProcess::StandardError);
    QVERIFY(QTest::qWaitFor([&] { return signIn.canReadLine() || signIn.state() == QProcess::NotRunning; }, 60000));
    const QJsonObject prompt = QJsonDocument::fromJson(signIn.readLine()).object();
    QCOMPARE(prompt.keys(), (QStringList{QStringLiteral("authorizeUrl"), QStringLiteral("browserOpened")}));
    QCOMPARE(prompt.value(QStringLiteral("browserOpened")).toBool(), false);
    const QUrl authorizeUrl(prompt.value(QStringLiteral("authorizeUrl")).toString());
    QVERIFY(authorizeUrl.toString().startsWith(info("https")));

    // The browser: graphsim's sign-in page redirects to the CLI's loopback listener.
    QNetworkReply* authorize = get(authorizeUrl);
    QCOMPARE(authorize->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 302);
    const QUrl location(QString::fromUtf8(authorize->rawHeader("Location")));
    QCOMPARE(location.host(), QStringLiteral("localhost"));
    QNetworkReply* page = get(location);
    QCOMPARE(page->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
    QVERIFY(page->readAll().contains("You can close this tab"));

    const Outcome done = finish(signIn);
    QVERIFY2(done.exitCode == 0, done.out.constData());
    QVERIFY(isOneCompactDocument(done.out));
    QCOMPARE(done.object().value(QStringLiteral("user")).toString(),
             QStringLiteral("AdeleV@") + simTenant().value(QStringLiteral("domain")).toString());
    const QString refreshKey = SecretStore::key(tenantUuid(QStringLiteral("Browser")), SecretKind::RefreshToken);
    QVERIFY2(keychainEntries().contains(refreshKey), qPrintable(keychainEntries().join(u',')));

    // A backup with the browser sign-in's token.
    const Outcome backedUp = cli({QStringLiteral("backup"), QStringLiteral("--tenant"), QStringLiteral("Browser"),
                                  QStringLiteral("--wait")});
    QVERIFY2(backedUp.exitCode == 0, backedUp.out.constData());
    QCOMPARE(backedUp.object().value(QStringLiteral("status")).toString(), QStringLiteral("succeeded"));

    const Outcome signedOut = cli({QStringLiteral("tenant"), QStringLiteral("signout"), QStringLiteral("Browser")});
    QCOMPARE(signedOut.exitCode, 0);
    // Read back by another process: the refresh token and the name are gone from the keychain.
    const QStringList left = keychainEntries();
    const QString prefix = SecretStore::key(tenantUuid(QStringLiteral("Browser")), QStringLiteral("x")).chopped(1);
    for (const QString& entry : left)
        QVERIFY2(!entry.startsWith(prefix), qPrintable(entry));
}

void TestCliSignIn::detachedStartOfATenantNobodySignedInToFailsAtOnce()
{
    addTenant(QStringLiteral("Detached"), QStringLiteral("device_code"));
    const Outcome started = cli({QStringLiteral("backup"), QStringLiteral("--tenant"), QStringLiteral("Detached")});
    QCOMPARE(started.exitCode, 1);
    QVERIFY(isOneCompactDocument(started.out));
    QVERIFY2(started.out.contains("sign in first: policyvault-cli tenant signin Detached"), started.out.constData());
    // No run was handed to a worker.
    const Outcome runs = cli({QStringLiteral("runs"), QStringLiteral("list"), QStringLiteral("--tenant"), QStringLiteral("Detached")});
    QCOMPARE(runs.exitCode, 0);
    QVERIFY2(!runs.out.contains("\"runId\"") && !runs.out.contains("\"id\""), runs.out.constData());
}

void TestCliSignIn::backupWaitOnATerminalSignsInFirst()
{
    // A terminal for stdin: util-linux `script` runs the command on a pseudo-terminal.
    if (QStandardPaths::findExecutable(QStringLiteral("script")).isEmpty())
        QSKIP("no 'script' to give the CLI a terminal");
    addTenant(QStringLiteral("Terminal"), QStringLiteral("device_code"));
    QStringList arguments = cliArguments({QStringLiteral("backup"), QStringLiteral("--tenant"), QStringLiteral("Terminal"),
                                          QStringLiteral("--wait")});
    QString command = shellWord(qEnvironmentVariable("PV_CLI_BIN"));
    for (const QString& argument : arguments)
        command += u' ' + shellWord(argument);
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("POLICYVAULT_CLIENT_SECRET"));
    process.setProcessEnvironment(env);
    process.start(QStringLiteral("script"), {QStringLiteral("-qefc"), command, QStringLiteral("/dev/null")});
    QVERIFY(process.waitForStarted());
    QByteArray output;
    QJsonObject prompt;
    QVERIFY(QTest::qWaitFor([&] {
        output += process.readAllStandardOutput();
        for (const QByteArray& line : output.split('\n')) {
            if (line.trimmed().startsWith("{\"expiresIn\""))
                prompt = QJsonDocument::fromJson(line.trimmed()).object();
        }
        return !prompt.isEmpty() || process.state() == QProcess::NotRunning;
    }, 60000));
    QVERIFY2(!prompt.isEmpty(), output.constData());
    QCOMPARE(decide(prompt.value(QStringLiteral("userCode")).toString(), QStringLiteral("approve"))
                 .value(QStringLiteral("state")).toString(), QStringLiteral("approved"));
    QVERIFY(process.waitForFinished(120000));
    output += process.readAllStandardOutput();
    QCOMPARE(process.exitCode(), 0);
    QVERIFY2(output.contains("\"status\":\"succeeded\""), output.constData());
    const auto stored = storedRefreshToken(QStringLiteral("Terminal"));
    QVERIFY(stored.has_value() && stored->ok());
    QVERIFY(!output.contains(stored->value()));
}

void TestCliSignIn::concurrentProcessesUnderStrictRotationKeepTheSignIn()
{
    addTenant(QStringLiteral("Rotating"), QStringLiteral("device_code"));
    QProcess signIn;
    const QJsonObject code = startSignIn(signIn, QStringLiteral("Rotating"));
    QCOMPARE(decide(code.value(QStringLiteral("userCode")).toString(), QStringLiteral("approve"))
                 .value(QStringLiteral("state")).toString(), QStringLiteral("approved"));
    QCOMPARE(finish(signIn).exitCode, 0);

    // A redeemed refresh token now dies at once. Three processes refresh the same sign-in at the
    // same moment (tenant test redeems it like a run does); none may lose the newest token.
    QNetworkRequest request(QUrl(info("http") + QStringLiteral("/_sim/config")));
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    QNetworkReply* configured = m_network.post(request, QByteArrayLiteral("{\"strictRefreshRotation\":true}"));
    QSignalSpy configuredDone(configured, &QNetworkReply::finished);
    QVERIFY(configured->isFinished() || configuredDone.wait(30000));
    QCOMPARE(configured->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
    configured->deleteLater();

    const QStringList test{QStringLiteral("tenant"), QStringLiteral("test"), QStringLiteral("Rotating")};
    std::vector<std::unique_ptr<QProcess>> processes;
    for (int i = 0; i < 3; ++i) {
        auto process = std::make_unique<QProcess>();
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove(QStringLiteral("POLICYVAULT_CLIENT_SECRET"));
        process->setProcessEnvironment(env);
        process->start(qEnvironmentVariable("PV_CLI_BIN"), cliArguments(test));
        process->closeWriteChannel();
        processes.push_back(std::move(process));
    }
    for (auto& process : processes) {
        const Outcome done = finish(*process);
        QVERIFY2(done.exitCode == 0, done.out.constData());
    }
    const Outcome after = cli(test);
    QVERIFY2(after.exitCode == 0, after.out.constData());
    const Outcome reset = cli({QStringLiteral("tenant"), QStringLiteral("signout"), QStringLiteral("Rotating")});
    QCOMPARE(reset.exitCode, 0);
    QNetworkReply* relaxed = m_network.post(request, QByteArrayLiteral("{\"strictRefreshRotation\":false}"));
    QSignalSpy relaxedDone(relaxed, &QNetworkReply::finished);
    QVERIFY(relaxed->isFinished() || relaxedDone.wait(30000));
    relaxed->deleteLater();
}

QTEST_GUILESS_MAIN(TestCliSignIn)
#include "tst_cli_signin.moc"
