// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "GraphsimTestClient.h"

#include "tools/graphsim/server/SimServer.h"

#include <QJsonDocument>
#include <QNetworkRequest>
#include <QSignalSpy>
#include <QSslConfiguration>
#include <QTcpSocket>
#include <QTest>

QJsonObject HttpResult::json() const
{
    return QJsonDocument::fromJson(body).object();
}

GraphsimTestClient::GraphsimTestClient(const graphsim::SimServer& server, bool https)
    : m_server(server)
    , m_base(https ? server.httpsUrl() : server.httpUrl())
    , m_https(https)
{
}

HttpResult GraphsimTestClient::request(const QByteArray& method, const QUrl& url, const QByteArray& body,
                                       const QList<QPair<QByteArray, QByteArray>>& headers)
{
    QNetworkRequest request(url);
    // Tests look at graphsim's redirects (the authorize endpoint) themselves.
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    if (url.scheme() == QLatin1String("https")) {
        QSslConfiguration ssl = QSslConfiguration::defaultConfiguration();
        ssl.addCaCertificates(QSslCertificate::fromData(m_server.caCertPem(), QSsl::Pem));
        request.setSslConfiguration(ssl);
    }
    for (const auto& [name, value] : headers)
        request.setRawHeader(name, value);
    QNetworkReply* reply = m_nam.sendCustomRequest(request, method, body);
    QSignalSpy finished(reply, &QNetworkReply::finished);
    if (!reply->isFinished())
        finished.wait(30000);
    HttpResult result;
    result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    result.error = reply->error();
    result.body = reply->readAll();
    for (const auto& [name, value] : reply->rawHeaderPairs())
        result.headers.insert(name.toLower(), value);
    reply->deleteLater();
    return result;
}

HttpResult GraphsimTestClient::graph(const QByteArray& method, const QString& path, const QByteArray& token,
                                     const QByteArray& body, const QList<QPair<QByteArray, QByteArray>>& headers)
{
    QList<QPair<QByteArray, QByteArray>> all = headers;
    if (!token.isEmpty())
        all.append(qMakePair(QByteArrayLiteral("Authorization"), QByteArray("Bearer " + token)));
    if (!body.isEmpty())
        all.append(qMakePair(QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json")));
    return request(method, QUrl(m_base.toString() + path), body, all);
}

HttpResult GraphsimTestClient::tokenRequest(const QString& tenantSegment, const QByteArray& form,
                                            const QList<QPair<QByteArray, QByteArray>>& headers)
{
    QList<QPair<QByteArray, QByteArray>> all = headers;
    all.append(qMakePair(QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/x-www-form-urlencoded")));
    return request("POST", QUrl(m_base.toString() + QLatin1Char('/') + tenantSegment + QStringLiteral("/oauth2/v2.0/token")),
                   form, all);
}

QByteArray GraphsimTestClient::token(int tenantIndex)
{
    const graphsim::SimTenantCredentials tenant = m_server.tenants().value(tenantIndex);
    const QByteArray form = "grant_type=client_credentials&client_id=" + QUrl::toPercentEncoding(tenant.clientId)
        + "&client_secret=" + QUrl::toPercentEncoding(tenant.clientSecret)
        + "&scope=" + QUrl::toPercentEncoding(QStringLiteral("https://graph.microsoft.com/.default"));
    const HttpResult result = tokenRequest(tenant.tenantId, form);
    return result.json().value(QStringLiteral("access_token")).toString().toLatin1();
}

QJsonObject GraphsimTestClient::sim(const QString& name, const QJsonObject& body)
{
    const QUrl url(m_base.toString() + QStringLiteral("/_sim/") + name);
    const HttpResult result = body.isEmpty()
        ? request("GET", url)
        : request("POST", url, QJsonDocument(body).toJson(QJsonDocument::Compact),
                  {{"Content-Type", "application/json"}});
    return result.json();
}

RawResult GraphsimTestClient::raw(const QByteArray& method, const QString& path, const QByteArray& token)
{
    RawResult result;
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, m_server.httpUrl().port());
    if (!socket.waitForConnected(5000))
        return result;
    socket.write(method + ' ' + path.toUtf8() + " HTTP/1.1\r\nHost: " + m_server.httpUrl().authority().toLatin1()
                 + "\r\nAuthorization: Bearer " + token + "\r\n\r\n");
    QByteArray data;
    QSignalSpy disconnected(&socket, &QTcpSocket::disconnected);
    QSignalSpy readyRead(&socket, &QTcpSocket::readyRead);
    // Read until the server closes, or until a complete keep-alive response is in.
    const bool complete = QTest::qWaitFor(
        [&] {
            data += socket.readAll();
            const qsizetype end = data.indexOf("\r\n\r\n");
            if (end >= 0 && result.contentLength < 0) {
                result.head = data.left(end);
                for (const QByteArray& line : result.head.split('\n')) {
                    if (line.toLower().startsWith("content-length:"))
                        result.contentLength = line.mid(15).trimmed().toLongLong();
                }
            }
            if (end >= 0 && data.size() - end - 4 >= result.contentLength)
                return true;
            return socket.state() == QAbstractSocket::UnconnectedState || !disconnected.isEmpty();
        },
        10000);
    Q_UNUSED(complete)
    data += socket.readAll();
    const qsizetype end = data.indexOf("\r\n\r\n");
    if (end >= 0)
        result.body = data.mid(end + 4);
    result.closedByServer = !disconnected.isEmpty() || socket.state() == QAbstractSocket::UnconnectedState;
    return result;
}
