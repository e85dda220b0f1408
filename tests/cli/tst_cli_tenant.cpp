// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
// policyvault-cli tenant add|edit|test against the real graphsim executable over HTTPS: files
// and usage errors, the secret only from stdin or POLICYVAULT_CLIENT_SECRET (stored in the
// keychain, never an argument, never in the data folder), `tenant test --json` exit codes.
// The keychain cases need a Secret Service (scripts/dev.sh test-only provides one).
#include "core/common/AppPaths.h"
#include "core/secrets/KeychainSecretStore.h"
#include "core/secrets/SecretStore.h"
#include "core/store/Database.h"
#include "core/store/TenantRepository.h"

#include <QDirIterator>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace pv;

class TestCliTenant : public QObject
{
    Q_OBJECT

private:
    struct Outcome
    {
        int exitCode = -1;
        QByteArray out;
        QByteArray err;
        QJsonObject json() const { return QJsonDocument::fromJson(out).object(); }
    };

    /// Runs the CLI on this test's data folder; `input` is its whole standard input.
    Outcome cli(const QStringList& arguments, const QByteArray& input = {}, const QByteArray& envSecret = {})
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove(QStringLiteral("POLICYVAULT_CLIENT_SECRET"));
        if (!envSecret.isNull())
            env.insert(QStringLiteral("POLICYVAULT_CLIENT_SECRET"), QString::fromUtf8(envSecret));
        QProcess process;
        process.setProcessEnvironment(env);
        process.start(qEnvironmentVariable("PV_CLI_BIN"),
                      QStringList{QStringLiteral("--data-dir"), m_dir->path()} + arguments);
        process.write(input);
        process.closeWriteChannel();
        if (!process.waitForFinished(90000))
            qFatal("policyvault-cli did not finish");
        return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1, process.readAllStandardOutput(),
                process.readAllStandardError()};
    }

    QString info(const char* key) const { return m_info.value(QLatin1String(key)).toString(); }
    QJsonObject simTenant() const { return m_info.value(QStringLiteral("tenants")).toArray().at(0).toObject(); }
    QByteArray secret() const { return simTenant().value(QStringLiteral("clientSecret")).toString().toUtf8(); }

    /// `tenant add NAME` for graphsim's first app with its URLs and CA.
    QStringList addArguments(const QString& name) const
    {
        return {QStringLiteral("tenant"), QStringLiteral("add"), name,
                QStringLiteral("--tenant-id"), simTenant().value(QStringLiteral("tenantId")).toString(),
                QStringLiteral("--client-id"), simTenant().value(QStringLiteral("clientId")).toString(),
                QStringLiteral("--graph-url"), info("https"), QStringLiteral("--authority-url"), info("https"),
                QStringLiteral("--ca-cert"), info("caCert")};
    }

    /// The store's keychain, as the CLI opened it; nullopt without a Secret Service.
    std::optional<Result<QByteArray>> storedSecret(const QString& tenantName, QStringView kind);
    bool keychainUsable(QString* why);

    QProcess m_graphsim;
    QJsonObject m_info;
    std::unique_ptr<QTemporaryDir> m_dir;
    QTemporaryDir m_files;

private slots:
    void initTestCase();
    void cleanupTestCase();
    void init();
    void secretIsNeverAnArgument();
    void filesAndUsageErrors_data();
    void filesAndUsageErrors();
    void testJsonExitCodes();
    void certificateTenant();
    void editRoundTrip();
    void secretFromStdinIsStoredInTheKeychain();
};

void TestCliTenant::initTestCase()
{
    QVERIFY(m_files.isValid());
    m_graphsim.setProcessChannelMode(QProcess::SeparateChannels);
    m_graphsim.start(qEnvironmentVariable("GRAPHSIM_BIN"), {QStringLiteral("--tenant"), QStringLiteral("demo"),
                                                             QStringLiteral("--port"), QStringLiteral("0")});
    QVERIFY2(m_graphsim.waitForStarted(), qPrintable(m_graphsim.errorString()));
    // Its first stdout line: URLs, CA, credentials.
    QTRY_VERIFY_WITH_TIMEOUT(m_graphsim.canReadLine() || m_graphsim.state() != QProcess::Running, 60000);
    m_info = QJsonDocument::fromJson(m_graphsim.readLine()).object();
    QVERIFY2(!info("https").isEmpty(), m_graphsim.readAllStandardError().constData());
}

void TestCliTenant::cleanupTestCase()
{
    m_graphsim.terminate();
    QVERIFY(m_graphsim.waitForFinished(10000));
}

void TestCliTenant::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

bool TestCliTenant::keychainUsable(QString* why)
{
    KeychainSecretStore::Options options;
    options.service = KeychainSecretStore::serviceForStore(QStringLiteral("tst-cli-tenant-probe"));
    KeychainSecretStore store(options);
    const Status probe = store.probe();
    if (!probe)
        *why = QStringLiteral("no usable Secret Service: ") + probe.error().toString();
    return probe.ok();
}

std::optional<Result<QByteArray>> TestCliTenant::storedSecret(const QString& tenantName, QStringView kind)
{
    auto database = Database::open(Database::Options{AppPaths::databasePath(m_dir->path())});
    if (!database)
        return std::nullopt;
    const auto tenant = TenantRepository(*database).byName(tenantName);
    if (!tenant)
        return std::nullopt;
    KeychainSecretStore::Options options;
    options.service = KeychainSecretStore::serviceForStore((*database)->storeUuid());
    KeychainSecretStore store(options);
    return store.read(SecretStore::key(tenant->uuid, kind));
}

void TestCliTenant::secretIsNeverAnArgument()
{
    for (const QString& option : {QStringLiteral("--client-secret"), QStringLiteral("--secret"), QStringLiteral("--password")}) {
        QStringList arguments = addArguments(QStringLiteral("sim"));
        arguments << option << QString::fromUtf8(secret());
        const Outcome outcome = cli(arguments);
        QCOMPARE(outcome.exitCode, 3);
        QVERIFY2(outcome.err.contains("Unknown option"), outcome.err.constData());
        QVERIFY(!outcome.err.contains(secret()));
    }
    // --secret-stdin takes no value either: the secret after it is an extra positional argument.
    const Outcome list = cli({QStringLiteral("--json"), QStringLiteral("tenant"), QStringLiteral("list")});
    QCOMPARE(list.exitCode, 0);
    QCOMPARE(QJsonDocument::fromJson(list.out).array().size(), 0);
}

void TestCliTenant::filesAndUsageErrors_data()
{
    QTest::addColumn<QStringList>("extra");
    QTest::addColumn<QString>("message");
    const QString missing = QStringLiteral("/no/such/dir/file.pem");
    QTest::addRow("certificate auth without a file") << QStringList{QStringLiteral("--auth"), QStringLiteral("certificate")}
                                                     << QStringLiteral("--auth certificate needs --certificate FILE");
    QTest::addRow("missing certificate file")
        << QStringList{QStringLiteral("--auth"), QStringLiteral("certificate"), QStringLiteral("--certificate"), missing}
        << QStringLiteral("--certificate: no such file: ") + missing;
    QTest::addRow("certificate with client_secret")
        << QStringList{QStringLiteral("--certificate"), QStringLiteral(PV_TEST_DATA_DIR "/graph/error-404-not-found.json")}
        << QStringLiteral("--certificate applies only to --auth certificate");
    QTest::addRow("missing CA file") << QStringList{QStringLiteral("--ca-cert"), missing}
                                     << QStringLiteral("--ca-cert: no such file: ") + missing;
    QTest::addRow("CA file without a certificate")
        << QStringList{QStringLiteral("--ca-cert"), QStringLiteral(PV_TEST_DATA_DIR "/graph/error-404-not-found.json")}
        << QStringLiteral("holds no PEM certificate");
    QTest::addRow("unknown cloud") << QStringList{QStringLiteral("--cloud"), QStringLiteral("mars")}
                                   << QStringLiteral("Unknown cloud");
}

void TestCliTenant::filesAndUsageErrors()
{
    QFETCH(QStringList, extra);
    QFETCH(QString, message);
    QStringList arguments{QStringLiteral("--json"), QStringLiteral("tenant"), QStringLiteral("add"), QStringLiteral("bad"),
                          QStringLiteral("--tenant-id"), QStringLiteral("contoso.onmicrosoft.com"),
                          QStringLiteral("--client-id"), QStringLiteral("11111111-2222-3333-4444-555555555555")};
    const Outcome outcome = cli(arguments + extra, secret());
    QCOMPARE(outcome.exitCode, 3);
    QCOMPARE(outcome.json().value(QStringLiteral("error")).toString(), QStringLiteral("usage"));
    QVERIFY2(outcome.json().value(QStringLiteral("message")).toString().contains(message), outcome.out.constData());
    // Nothing was added.
    const Outcome list = cli({QStringLiteral("--json"), QStringLiteral("tenant"), QStringLiteral("list")});
    QCOMPARE(QJsonDocument::fromJson(list.out).array().size(), 0);
}

void TestCliTenant::testJsonExitCodes()
{
    // POLICYVAULT_CLIENT_SECRET stands in for the keychain (build agents have none).
    Outcome added = cli(QStringList{QStringLiteral("--json")} + addArguments(QStringLiteral("sim")), {}, secret());
    QCOMPARE(added.exitCode, 0);
    QCOMPARE(added.json().value(QStringLiteral("caCert")).toString(), info("caCert"));

    const QStringList test{QStringLiteral("--json"), QStringLiteral("tenant"), QStringLiteral("test"), QStringLiteral("sim")};
    Outcome outcome = cli(test, {}, secret());
    QCOMPARE(outcome.exitCode, 0);
    QJsonParseError parse{};
    const QJsonObject json = QJsonDocument::fromJson(outcome.out, &parse).object();
    QCOMPARE(parse.error, QJsonParseError::NoError);   // exactly one JSON document
    QCOMPARE(json.value(QStringLiteral("tenant")).toString(), QStringLiteral("sim"));
    QCOMPARE(json.value(QStringLiteral("ok")).toBool(), true);
    const QJsonArray checks = json.value(QStringLiteral("checks")).toArray();
    QCOMPARE(checks.size(), 5);
    QStringList names;
    for (const QJsonValue& check : checks) {
        names << check[QStringLiteral("check")].toString();
        QVERIFY2(check[QStringLiteral("ok")].toBool(), qPrintable(check[QStringLiteral("message")].toString()));
    }
    QCOMPARE(names, (QStringList{QStringLiteral("signIn"), QStringLiteral("configurationPolicies"),
                                 QStringLiteral("assignmentFilters"), QStringLiteral("roleScopeTags"),
                                 QStringLiteral("groups")}));

    outcome = cli(test, {}, "sim-secret-wrong");
    QCOMPARE(outcome.exitCode, 1);
    const QJsonObject failed = outcome.json();
    QCOMPARE(failed.value(QStringLiteral("ok")).toBool(), false);
    const QJsonObject signIn = failed.value(QStringLiteral("checks")).toArray().at(0).toObject();
    QCOMPARE(signIn.value(QStringLiteral("ok")).toBool(), false);
    QVERIFY2(signIn.value(QStringLiteral("message")).toString().startsWith(QStringLiteral("The client secret is wrong")),
             outcome.out.constData());

    // People's text: one line per check on stdout, exit code the same.
    outcome = cli({QStringLiteral("tenant"), QStringLiteral("test"), QStringLiteral("sim")}, {}, "sim-secret-wrong");
    QCOMPARE(outcome.exitCode, 1);
    QVERIFY2(outcome.out.contains("FAIL Sign-in: The client secret is wrong"), outcome.out.constData());
}

void TestCliTenant::certificateTenant()
{
    // graphsim's per-run client certificate, registered on the first app, as one PEM file.
    QFile both(m_files.filePath(QStringLiteral("client.pem")));
    QVERIFY(both.open(QIODevice::WriteOnly));
    for (const char* key : {"clientCertificate", "clientKey"}) {
        QFile part(info(key));
        QVERIFY(part.open(QIODevice::ReadOnly));
        both.write(part.readAll());
    }
    both.close();
    QStringList arguments = addArguments(QStringLiteral("cert"));
    arguments << QStringLiteral("--auth") << QStringLiteral("certificate") << QStringLiteral("--certificate") << both.fileName();
    // The PEM key has no password: empty stdin, nothing stored in the keychain.
    const Outcome added = cli(QStringList{QStringLiteral("--json")} + arguments, {});
    QCOMPARE(added.exitCode, 0);
    QCOMPARE(added.json().value(QStringLiteral("certificate")).toString(), both.fileName());
    QCOMPARE(added.json().value(QStringLiteral("auth")).toString(), QStringLiteral("certificate"));

    // Sign-in asks the keychain for the certificate's password (there is none here).
    QString why;
    if (!keychainUsable(&why)) {
        if (qEnvironmentVariable("PV_REQUIRE_KEYCHAIN") == QLatin1String("1"))
            QFAIL(qPrintable(why));
        QSKIP(qPrintable(why));
    }
    const Outcome test = cli({QStringLiteral("--json"), QStringLiteral("tenant"), QStringLiteral("test"), QStringLiteral("cert")});
    QVERIFY2(test.json().value(QStringLiteral("ok")).toBool(), test.out.constData());
    QCOMPARE(test.exitCode, 0);
    QVERIFY(test.json().value(QStringLiteral("checks")).toArray().at(0)[QStringLiteral("message")].toString()
                .contains(QStringLiteral("certificate")));
}

void TestCliTenant::editRoundTrip()
{
    QCOMPARE(cli(addArguments(QStringLiteral("sim")), {}, secret()).exitCode, 0);
    const QStringList test{QStringLiteral("--json"), QStringLiteral("tenant"), QStringLiteral("test")};

    // The wrong cloud: the token scope becomes graph.microsoft.us, which graphsim's Entra refuses.
    Outcome edited = cli({QStringLiteral("--json"), QStringLiteral("tenant"), QStringLiteral("edit"), QStringLiteral("sim"),
                          QStringLiteral("--name"), QStringLiteral("sim2"), QStringLiteral("--cloud"), QStringLiteral("usgov"),
                          QStringLiteral("--read-only")});
    QCOMPARE(edited.exitCode, 0);
    QCOMPARE(edited.json().value(QStringLiteral("name")).toString(), QStringLiteral("sim2"));
    QCOMPARE(edited.json().value(QStringLiteral("cloud")).toString(), QStringLiteral("usgov"));
    QCOMPARE(edited.json().value(QStringLiteral("readOnly")).toBool(), true);
    QCOMPARE(edited.json().value(QStringLiteral("caCert")).toString(), info("caCert"));   // kept
    Outcome outcome = cli(test + QStringList{QStringLiteral("sim2")}, {}, secret());
    QCOMPARE(outcome.exitCode, 1);
    QVERIFY2(outcome.json().value(QStringLiteral("checks")).toArray().at(0)[QStringLiteral("message")].toString()
                 .startsWith(QStringLiteral("Wrong cloud")),
             outcome.out.constData());

    edited = cli({QStringLiteral("--json"), QStringLiteral("tenant"), QStringLiteral("edit"), QStringLiteral("sim2"),
                  QStringLiteral("--cloud"), QStringLiteral("global"), QStringLiteral("--no-read-only")});
    QCOMPARE(edited.exitCode, 0);
    QCOMPARE(edited.json().value(QStringLiteral("readOnly")).toBool(), false);
    QCOMPARE(cli(test + QStringList{QStringLiteral("sim2")}, {}, secret()).exitCode, 0);

    // Refusals change nothing.
    QCOMPARE(cli({QStringLiteral("tenant"), QStringLiteral("edit"), QStringLiteral("sim2"), QStringLiteral("--auth"),
                  QStringLiteral("certificate")}).exitCode, 3);
    QCOMPARE(cli({QStringLiteral("tenant"), QStringLiteral("edit"), QStringLiteral("sim2"), QStringLiteral("--read-only"),
                  QStringLiteral("--no-read-only")}).exitCode, 3);
    QCOMPARE(cli({QStringLiteral("tenant"), QStringLiteral("edit"), QStringLiteral("sim2"), QStringLiteral("--graph-url"),
                  QString()}).exitCode, 3);   // the URLs go together
    QCOMPARE(cli({QStringLiteral("tenant"), QStringLiteral("edit"), QStringLiteral("nobody"), QStringLiteral("--cloud"),
                  QStringLiteral("global")}).exitCode, 1);
    const Outcome list = cli({QStringLiteral("--json"), QStringLiteral("tenant"), QStringLiteral("list")});
    const QJsonObject tenant = QJsonDocument::fromJson(list.out).array().at(0).toObject();
    QCOMPARE(tenant.value(QStringLiteral("auth")).toString(), QStringLiteral("client_secret"));
    QCOMPARE(tenant.value(QStringLiteral("graphUrl")).toString(), info("https"));

    // Empty URLs and CA clear them: the tenant goes back to the cloud's own endpoints.
    edited = cli({QStringLiteral("--json"), QStringLiteral("tenant"), QStringLiteral("edit"), QStringLiteral("sim2"),
                  QStringLiteral("--graph-url"), QString(), QStringLiteral("--authority-url"), QString(),
                  QStringLiteral("--ca-cert"), QString()});
    QCOMPARE(edited.exitCode, 0);
    QCOMPARE(edited.json().value(QStringLiteral("graphUrl")).toString(), QString());
    QCOMPARE(edited.json().value(QStringLiteral("caCert")).toString(), QString());
}

void TestCliTenant::secretFromStdinIsStoredInTheKeychain()
{
    QString why;
    if (!keychainUsable(&why)) {
        if (qEnvironmentVariable("PV_REQUIRE_KEYCHAIN") == QLatin1String("1"))
            QFAIL(qPrintable(why));
        QSKIP(qPrintable(why));
    }
    const Outcome added = cli(addArguments(QStringLiteral("sim")), secret() + '\n');
    QCOMPARE(added.exitCode, 0);
    const auto stored = storedSecret(QStringLiteral("sim"), SecretKind::ClientSecret);
    QVERIFY(stored.has_value());
    QVERIFY2(stored->ok(), stored->ok() ? "" : qPrintable(stored->error().toString()));
    QCOMPARE(stored->value(), secret());   // the line break is not part of it

    // No POLICYVAULT_CLIENT_SECRET: `tenant test` signs in with the keychain's secret.
    const QStringList test{QStringLiteral("--json"), QStringLiteral("tenant"), QStringLiteral("test"), QStringLiteral("sim")};
    QCOMPARE(cli(test).exitCode, 0);

    // A wrong secret through `edit --secret-stdin` replaces it; the test then names it.
    QCOMPARE(cli({QStringLiteral("tenant"), QStringLiteral("edit"), QStringLiteral("sim"), QStringLiteral("--secret-stdin")},
                 "sim-secret-wrong").exitCode, 0);
    const auto replaced = storedSecret(QStringLiteral("sim"), SecretKind::ClientSecret);
    QVERIFY(replaced.has_value());
    QVERIFY2(replaced->ok(), replaced->ok() ? "" : qPrintable(replaced->error().toString()));
    QCOMPARE(replaced->value(), QByteArray("sim-secret-wrong"));
    Outcome outcome = cli(test);
    QCOMPARE(outcome.exitCode, 1);
    QVERIFY(outcome.out.contains("The client secret is wrong"));
    QCOMPARE(cli({QStringLiteral("tenant"), QStringLiteral("edit"), QStringLiteral("sim"), QStringLiteral("--secret-stdin")},
                 secret()).exitCode, 0);
    QCOMPARE(cli(test).exitCode, 0);

    // The secret is in no file of the data folder (database, logs).
    QDirIterator files(m_dir->path(), QDir::Files, QDirIterator::Subdirectories);
    while (files.hasNext()) {
        QFile file(files.next());
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY2(!file.readAll().contains(secret()), qPrintable(file.fileName()));
    }
    QVERIFY(cli({QStringLiteral("tenant"), QStringLiteral("remove"), QStringLiteral("sim")}).exitCode == 0);
}

QTEST_GUILESS_MAIN(TestCliTenant)
#include "tst_cli_tenant.moc"
