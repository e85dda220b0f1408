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
    for (const QString& name : {QStringLiteral("People"), QStringLiteral("Declined")}) {
        const Outcome added = cli({QStringLiteral("tenant"), QStringLiteral("add"), name, QStringLiteral("--tenant-id"),
                                   simTenant().value(QStringLiteral("tenantId")).toString(), QStringLiteral("--client-id"),
                                   desktopClient(), QStringLiteral("--auth"), QStringLiteral("device_code"),
                                   QStringLiteral("--graph-url"), info("https"), QStringLiteral("--authority-url"),
                                   info("https"), QStringLiteral("--ca-cert"), info("caCert")});
        QVERIFY2(added.exitCode == 0, added.out.constData());
    }
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

QTEST_GUILESS_MAIN(TestCliSignIn)
#include "tst_cli_signin.moc"
