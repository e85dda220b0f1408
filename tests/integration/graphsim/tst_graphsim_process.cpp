// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
// The graphsim executable: first stdout line, HTTPS trust only with the CA, SIGTERM → exit 0.
// How fast it exits is a figure for bench_graphsim_throughput (graphsim_sigterm_exit_ms), not
// a bound a test can hold on a loaded machine.
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QSignalSpy>
#include <QSslConfiguration>
#include <QTemporaryDir>
#include <QTest>

class TestGraphsimProcess : public QObject
{
    Q_OBJECT

private slots:
    void startupLineHttpsAndSigterm();
    void savedTenantsLoadBackIdentically();
};

namespace {

QNetworkReply::NetworkError fetch(QNetworkAccessManager& nam, const QUrl& url, const QByteArray& caPem, int* status)
{
    QNetworkRequest request(url);
    QSslConfiguration ssl = QSslConfiguration::defaultConfiguration();
    if (!caPem.isEmpty())
        ssl.addCaCertificates(QSslCertificate::fromData(caPem, QSsl::Pem));
    request.setSslConfiguration(ssl);
    QNetworkReply* reply = nam.get(request);
    QSignalSpy finished(reply, &QNetworkReply::finished);
    if (!reply->isFinished())
        finished.wait(15000);
    *status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QNetworkReply::NetworkError error = reply->error();
    reply->deleteLater();
    return error;
}

/// Starts graphsim with `arguments`, returns its startup object and stops it with SIGTERM.
QJsonObject runOnce(const QStringList& arguments)
{
    QProcess process;
    process.setProgram(QStringLiteral(PV_BINARY_DIR "/bin/graphsim"));
    process.setArguments(arguments + QStringList{QStringLiteral("--port"), QStringLiteral("0")});
    process.start();
    if (!process.waitForStarted(10000))
        return {};
    // Wait for the line (or an early exit); 30 s is only the give-up point.
    if (!QTest::qWaitFor([&process] { return process.canReadLine() || process.state() != QProcess::Running; }, 30000))
        return {};
    const QJsonObject info = QJsonDocument::fromJson(process.readLine()).object();
    process.terminate();
    process.waitForFinished(30000);
    return info;
}

} // namespace

void TestGraphsimProcess::savedTenantsLoadBackIdentically()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QJsonObject generated = runOnce({QStringLiteral("--tenant"), QStringLiteral("demo"), QStringLiteral("--seed"),
                                           QStringLiteral("5"), QStringLiteral("--save-tenants"), dir.path()});
    const QJsonObject tenant = generated.value(QStringLiteral("tenants")).toArray().first().toObject();
    QVERIFY(!tenant.isEmpty());
    const QString file = dir.filePath(tenant.value(QStringLiteral("name")).toString() + QStringLiteral(".json"));
    QVERIFY2(QFileInfo::exists(file), qPrintable(file));

    // Loaded on another run, the tenant keeps its identity and credentials.
    const QJsonObject loaded = runOnce({QStringLiteral("--tenant-file"), file});
    const QJsonObject again = loaded.value(QStringLiteral("tenants")).toArray().first().toObject();
    QCOMPARE(again.value(QStringLiteral("tenantId")), tenant.value(QStringLiteral("tenantId")));
    QCOMPARE(again.value(QStringLiteral("clientId")), tenant.value(QStringLiteral("clientId")));
    QCOMPARE(again.value(QStringLiteral("clientSecret")), tenant.value(QStringLiteral("clientSecret")));

    // A folder that cannot be made is a clear start-up error, not a silent run.
    QProcess refused;
    refused.start(QStringLiteral(PV_BINARY_DIR "/bin/graphsim"),
                  {QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--save-tenants"), file + QStringLiteral("/sub")});
    QVERIFY(refused.waitForFinished(30000));
    QVERIFY(refused.exitCode() != 0);
    QVERIFY(refused.readAllStandardError().contains("cannot create"));
}

void TestGraphsimProcess::startupLineHttpsAndSigterm()
{
    QProcess process;
    process.setProgram(QStringLiteral(PV_BINARY_DIR "/bin/graphsim"));
    process.setArguments({QStringLiteral("--tenant"), QStringLiteral("demo"), QStringLiteral("--port"),
                          QStringLiteral("0"), QStringLiteral("--seed"), QStringLiteral("3")});
    process.setProcessChannelMode(QProcess::SeparateChannels);
    process.start();
    QVERIFY2(process.waitForStarted(10000), qPrintable(process.errorString()));
    QTRY_VERIFY_WITH_TIMEOUT(process.canReadLine() || process.state() != QProcess::Running, 30000);
    const QByteArray line = process.readLine();
    QVERIFY2(line.endsWith('\n'), process.readAllStandardError().constData());

    QJsonParseError parseError{};
    const QJsonObject info = QJsonDocument::fromJson(line, &parseError).object();
    QCOMPARE(parseError.error, QJsonParseError::NoError);
    const QUrl http(info.value(QStringLiteral("http")).toString());
    const QUrl https(info.value(QStringLiteral("https")).toString());
    QCOMPARE(http.scheme(), QStringLiteral("http"));
    QCOMPARE(http.host(), QStringLiteral("127.0.0.1"));
    QVERIFY(http.port() > 0);
    QCOMPARE(https.scheme(), QStringLiteral("https"));
    QVERIFY(https.port() > 0 && https.port() != http.port());
    const QString caPath = info.value(QStringLiteral("caCert")).toString();
    QVERIFY(QFileInfo::exists(caPath));
    QVERIFY(QFileInfo::exists(info.value(QStringLiteral("clientCertificate")).toString()));
    const QJsonArray tenants = info.value(QStringLiteral("tenants")).toArray();
    QVERIFY(!tenants.isEmpty());
    for (const char* key : {"name", "tenantId", "clientId", "clientSecret"})
        QVERIFY2(!tenants.first().toObject().value(QLatin1String(key)).toString().isEmpty(), key);

    QFile caFile(caPath);
    QVERIFY(caFile.open(QIODevice::ReadOnly));
    const QByteArray caPem = caFile.readAll();
    QNetworkAccessManager nam;
    int status = 0;
    QCOMPARE(fetch(nam, QUrl(https.toString() + QStringLiteral("/_sim/clock")), caPem, &status),
             QNetworkReply::NoError);
    QCOMPARE(status, 200);
    // Without the CA the client must refuse the server certificate.
    QNetworkAccessManager strict;
    QCOMPARE(fetch(strict, QUrl(https.toString() + QStringLiteral("/_sim/clock")), {}, &status),
             QNetworkReply::SslHandshakeFailedError);
    QCOMPARE(fetch(nam, QUrl(http.toString() + QStringLiteral("/_sim/clock")), {}, &status), QNetworkReply::NoError);

    process.terminate(); // SIGTERM
    // The condition is a clean exit; 30 s is only how long a stuck process gets before the
    // test gives up on it.
    QVERIFY2(process.waitForFinished(30000), "graphsim did not exit on SIGTERM");
    QCOMPARE(process.exitStatus(), QProcess::NormalExit);
    QCOMPARE(process.exitCode(), 0);
}

QTEST_GUILESS_MAIN(TestGraphsimProcess)
#include "tst_graphsim_process.moc"
