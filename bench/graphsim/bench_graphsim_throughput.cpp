// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
// bench_graphsim_throughput [--seconds N] [--graphsim PATH]
// Spawns graphsim (a separate process), then drives small GETs with one
// QNetworkAccessManager (6 keep-alive connections per host) over HTTP and then HTTPS, and
// prints: graphsim_gets_per_s_http=… graphsim_gets_per_s_https=…, then the same HTTP GETs from
// a thin buffered-socket client (graphsim_gets_per_s_http_thin_client=…), because Qt 6.4's
// QNAM reads plain-HTTP headers a byte per system call and so measures itself over HTTP.
// Last, a control: the same QNAM client over HTTP against a canned server in another process
// that does no work and answers with a captured graphsim response
// (qnam_ceiling_gets_per_s_http=…) — the most this client reaches over HTTP on this machine —
// and with the same body under a minimal header block, which shows the cost is per header byte.
#include "CannedHttpServer.h"
#include "RawHttpDriver.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QHostAddress>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QSslConfiguration>
#include <QTcpSocket>
#include <QTemporaryFile>
#include <QTimer>

#include <cstdio>
#include <functional>

namespace {

/// CPU time (user + system, ms) graphsim has used so far; -1 where /proc is not available.
qint64 processCpuMs(qint64 pid)
{
#ifdef Q_OS_LINUX
    QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!stat.open(QIODevice::ReadOnly))
        return -1;
    const QByteArray line = stat.readAll();
    const QList<QByteArray> fields = line.mid(line.lastIndexOf(')') + 2).split(' ');
    // Fields 14 and 15 of /proc/pid/stat (utime, stime), counted after the ")".
    const qint64 ticks = fields.value(11).toLongLong() + fields.value(12).toLongLong();
    return ticks * 1000 / 100; // USER_HZ is 100 on Linux
#else
    Q_UNUSED(pid)
    return -1;
#endif
}

/// One complete raw HTTP response (status line, headers, Content-Length body) to `request`,
/// read with a blocking socket; empty on failure.
QByteArray captureResponse(quint16 port, const QByteArray& request)
{
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, port);
    if (!socket.waitForConnected(5000))
        return {};
    socket.write(request);
    QByteArray bytes;
    while (socket.waitForReadyRead(5000)) {
        bytes += socket.readAll();
        const qsizetype length = completeResponseLength(bytes);
        if (length < 0)
            return {};
        if (length > 0)
            return bytes.left(length);
    }
    return {};
}

/// Keeps `inFlight` GETs outstanding until `seconds` have passed, then reports the rate.
class Driver : public QObject
{
public:
    Driver(QNetworkAccessManager& nam, QNetworkRequest request, int inFlight, int seconds, std::function<void(double, int)> done)
        : m_nam(nam)
        , m_request(std::move(request))
        , m_inFlight(inFlight)
        , m_durationMs(seconds * 1000)
        , m_done(std::move(done))
    {
    }

    void start()
    {
        m_timer.start();
        for (int i = 0; i < m_inFlight; ++i)
            issue();
    }

private:
    void issue()
    {
        QNetworkReply* reply = m_nam.get(m_request);
        ++m_outstanding;
        QObject::connect(reply, &QNetworkReply::finished, this, [this, reply] {
            --m_outstanding;
            if (reply->error() == QNetworkReply::NoError
                && reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() == 200)
                ++m_ok;
            else
                ++m_failed;
            reply->readAll();
            reply->deleteLater();
            if (m_timer.elapsed() < m_durationMs) {
                issue();
            } else if (m_outstanding == 0) {
                m_done(m_ok * 1000.0 / static_cast<double>(m_timer.elapsed()), m_failed);
            }
        });
    }

    QNetworkAccessManager& m_nam;
    QNetworkRequest m_request;
    int m_inFlight;
    qint64 m_durationMs;
    std::function<void(double, int)> m_done;
    QElapsedTimer m_timer;
    int m_outstanding = 0;
    qint64 m_ok = 0;
    int m_failed = 0;
};

/// GETs per second from `nam` over plain HTTP against a canned server (this executable with
/// --canned-response, a separate process) that answers every request with `response`.
double qnamRateAgainstCanned(QNetworkAccessManager& nam, const std::function<QNetworkRequest(const QString&)>& makeRequest,
                             const QByteArray& response, int seconds)
{
    QTemporaryFile file;
    if (!file.open() || file.write(response) != response.size() || !file.flush())
        return 0;
    QProcess server;
    server.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    server.start(QCoreApplication::applicationFilePath(), {QStringLiteral("--canned-response"), file.fileName()});
    while (server.waitForStarted(10000) && !server.canReadLine() && server.state() == QProcess::Running)
        server.waitForReadyRead(10000);
    const int port = server.readLine().trimmed().toInt();
    double result = 0;
    if (port > 0) {
        Driver driver(nam, makeRequest(QStringLiteral("http://127.0.0.1:%1").arg(port)), 24, seconds,
                      [&](double rate, int failed) {
                          result = failed == 0 ? rate : 0;
                          QCoreApplication::quit();
                      });
        QTimer::singleShot(0, &driver, [&driver] { driver.start(); });
        QCoreApplication::exec();
    }
    server.terminate();
    server.waitForFinished(5000);
    return result;
}

} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addOption(QCommandLineOption(QStringLiteral("seconds"), QStringLiteral("Seconds per scheme (3)."),
                                       QStringLiteral("n"), QStringLiteral("3")));
    parser.addOption(QCommandLineOption(QStringLiteral("graphsim"), QStringLiteral("graphsim binary."),
                                        QStringLiteral("path"), QStringLiteral(PV_GRAPHSIM_BIN)));
    parser.addOption(QCommandLineOption(QStringLiteral("path"), QStringLiteral("Graph path to GET."),
                                        QStringLiteral("path"), QStringLiteral("/beta/deviceManagement/roleScopeTags")));
    parser.addOption(QCommandLineOption(QStringLiteral("canned-response"),
                                        QStringLiteral("Internal: serve this raw response as the control server."),
                                        QStringLiteral("file")));
    parser.process(app);
    if (parser.isSet(QStringLiteral("canned-response")))
        return runCannedHttpServer(parser.value(QStringLiteral("canned-response")));
    const int seconds = parser.value(QStringLiteral("seconds")).toInt();

    QProcess graphsim;
    graphsim.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    graphsim.start(parser.value(QStringLiteral("graphsim")),
                   {QStringLiteral("--tenant"), QStringLiteral("demo"), QStringLiteral("--port"), QStringLiteral("0"),
                    QStringLiteral("--app-requests"), QStringLiteral("100000000"), QStringLiteral("--tenant-requests"),
                    QStringLiteral("100000000"), QStringLiteral("--window-ms"), QStringLiteral("1000"),
                    QStringLiteral("--directory-units"), QStringLiteral("100000000"), QStringLiteral("--directory-window-ms"),
                    QStringLiteral("1000")});
    if (!graphsim.waitForStarted(10000)) {
        std::fprintf(stderr, "cannot start graphsim\n");
        return 1;
    }
    while (!graphsim.canReadLine() && graphsim.state() == QProcess::Running)
        graphsim.waitForReadyRead(30000);
    const QJsonObject info = QJsonDocument::fromJson(graphsim.readLine()).object();
    if (info.isEmpty()) {
        std::fprintf(stderr, "graphsim printed no startup line\n");
        return 1;
    }
    QFile caFile(info.value(QStringLiteral("caCert")).toString());
    caFile.open(QIODevice::ReadOnly);
    QSslConfiguration ssl = QSslConfiguration::defaultConfiguration();
    ssl.addCaCertificates(QSslCertificate::fromData(caFile.readAll(), QSsl::Pem));
    const QJsonObject tenant = info.value(QStringLiteral("tenants")).toArray().first().toObject();

    QNetworkAccessManager nam;
    // Token first (one request; not measured).
    QNetworkRequest tokenRequest(QUrl(info.value(QStringLiteral("http")).toString() + QLatin1Char('/')
                                      + tenant.value(QStringLiteral("tenantId")).toString()
                                      + QStringLiteral("/oauth2/v2.0/token")));
    tokenRequest.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/x-www-form-urlencoded"));
    const QByteArray form = "grant_type=client_credentials&scope=https%3A%2F%2Fgraph.microsoft.com%2F.default&client_id="
        + QUrl::toPercentEncoding(tenant.value(QStringLiteral("clientId")).toString()) + "&client_secret="
        + QUrl::toPercentEncoding(tenant.value(QStringLiteral("clientSecret")).toString());
    QNetworkReply* tokenReply = nam.post(tokenRequest, form);
    QObject::connect(tokenReply, &QNetworkReply::finished, &app, &QCoreApplication::quit);
    QCoreApplication::exec();
    const QByteArray token =
        QJsonDocument::fromJson(tokenReply->readAll()).object().value(QStringLiteral("access_token")).toString().toLatin1();
    tokenReply->deleteLater();
    if (token.isEmpty()) {
        std::fprintf(stderr, "no token\n");
        return 1;
    }

    const std::function<QNetworkRequest(const QString&)> makeRequest = [&](const QString& base) {
        QNetworkRequest request(QUrl(base + parser.value(QStringLiteral("path"))));
        request.setRawHeader("Authorization", "Bearer " + token);
        request.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
        request.setSslConfiguration(ssl);
        return request;
    };
    double httpRate = 0;
    double httpsRate = 0;
    int failures = 0;
    const qint64 pid = graphsim.processId();
    const qint64 self = QCoreApplication::applicationPid();
    const qint64 cpuStart = processCpuMs(pid);
    const qint64 clientStart = processCpuMs(self);
    qint64 cpuHttp = 0;
    qint64 clientHttp = 0;
    Driver http(nam, makeRequest(info.value(QStringLiteral("http")).toString()), 24, seconds, [&](double rate, int failed) {
        httpRate = rate;
        cpuHttp = processCpuMs(pid);
        clientHttp = processCpuMs(self);
        failures += failed;
        QCoreApplication::quit();
    });
    QTimer::singleShot(0, &http, [&http] { http.start(); });
    QCoreApplication::exec();
    Driver https(nam, makeRequest(info.value(QStringLiteral("https")).toString()), 24, seconds, [&](double rate, int failed) {
        httpsRate = rate;
        failures += failed;
        QCoreApplication::quit();
    });
    QTimer::singleShot(0, &https, [&https] { https.start(); });
    QCoreApplication::exec();
    const qint64 cpuHttps = processCpuMs(pid);
    const qint64 clientHttps = processCpuMs(self);

    // The same GETs over HTTP from the thin client: what graphsim sustains when the client is cheap.
    const QUrl httpBase(info.value(QStringLiteral("http")).toString());
    const QByteArray rawRequest = "GET " + parser.value(QStringLiteral("path")).toUtf8() + " HTTP/1.1\r\nHost: "
        + httpBase.authority().toLatin1() + "\r\nAuthorization: Bearer " + token + "\r\n\r\n";
    double thinRate = 0;
    RawHttpDriver thin(quint16(httpBase.port()), rawRequest, 6, seconds, [&](double rate, int failed) {
        thinRate = rate;
        failures += failed;
        QCoreApplication::quit();
    });
    QTimer::singleShot(0, &thin, [&thin] { thin.start(); });
    QCoreApplication::exec();
    const qint64 cpuThin = processCpuMs(pid);

    // The control: the same QNAM client against a server that does no work, answering with
    // graphsim's own response and then with the same body under a minimal header block.
    const QByteArray canned = captureResponse(quint16(httpBase.port()), rawRequest);
    // The README promises exit status 0 within 2 s of SIGTERM; a figure, so it is measured
    // here rather than asserted by a test on a machine of unknown load.
    QElapsedTimer shutdown;
    shutdown.start();
    graphsim.terminate();
    const bool exited = graphsim.waitForFinished(30000);
    const qint64 shutdownMs = shutdown.elapsed();
    if (!exited || graphsim.exitStatus() != QProcess::NormalExit || graphsim.exitCode() != 0) {
        std::fprintf(stderr, "graphsim did not exit cleanly on SIGTERM\n");
        ++failures;
    }
    const QByteArray body = canned.mid(canned.indexOf("\r\n\r\n") + 4);
    const QByteArray minimal = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
        + QByteArray::number(body.size()) + "\r\n\r\n" + body;
    const double ceilingRate = canned.startsWith("HTTP/1.1 200") ? qnamRateAgainstCanned(nam, makeRequest, canned, seconds) : 0;
    const double minimalRate = canned.startsWith("HTTP/1.1 200") ? qnamRateAgainstCanned(nam, makeRequest, minimal, seconds) : 0;
    if (ceilingRate <= 0 || minimalRate <= 0) {
        std::fprintf(stderr, "the canned control server did not run\n");
        ++failures;
    }
    std::printf("graphsim_gets_per_s_http=%.0f graphsim_gets_per_s_https=%.0f failures=%d\n", httpRate, httpsRate,
                failures);
    std::printf("graphsim_gets_per_s_http_thin_client=%.0f graphsim_server_cpu_us_per_get_http_thin_client=%.0f\n",
                thinRate, thinRate > 0 && cpuThin >= 0 ? (cpuThin - cpuHttps) * 1000.0 / (thinRate * seconds) : 0.0);
    std::printf("graphsim_sigterm_exit_ms=%lld\n", static_cast<long long>(shutdownMs));
    std::printf("qnam_ceiling_gets_per_s_http=%.0f header_bytes=%lld qnam_ceiling_gets_per_s_http_minimal_headers=%.0f "
                "header_bytes=%lld\n",
                ceilingRate, static_cast<long long>(canned.size() - body.size()), minimalRate,
                static_cast<long long>(minimal.size() - body.size()));
    // Server-side cost per GET: what graphsim itself could sustain, independent of the client.
    if (cpuStart >= 0 && httpRate > 0 && httpsRate > 0) {
        std::printf("graphsim_server_cpu_us_per_get_http=%.0f graphsim_server_cpu_us_per_get_https=%.0f\n",
                    (cpuHttp - cpuStart) * 1000.0 / (httpRate * seconds),
                    (cpuHttps - cpuHttp) * 1000.0 / (httpsRate * seconds));
        // The QNAM client's own cost per GET; on a loaded machine the rate above is bounded by
        // whichever side gets less CPU, these two say what each side needs.
        std::printf("client_cpu_us_per_get_http=%.0f client_cpu_us_per_get_https=%.0f\n",
                    (clientHttp - clientStart) * 1000.0 / (httpRate * seconds),
                    (clientHttps - clientHttp) * 1000.0 / (httpsRate * seconds));
    }
    return failures == 0 ? 0 : 1;
}
