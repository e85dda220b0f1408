// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

// A small synchronous HTTP client for graphsim's integration tests: real requests over
// loopback with QNetworkAccessManager (waiting with QSignalSpy), plus raw-socket reads for
// the wire-level faults QNAM would hide.

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPair>
#include <QUrl>

namespace graphsim {
class SimServer;
}

struct HttpResult
{
    int status = 0;
    QNetworkReply::NetworkError error = QNetworkReply::NoError;
    QByteArray body;
    QMap<QByteArray, QByteArray> headers;   ///< lower-cased names
    QJsonObject json() const;
};

struct RawResult
{
    QByteArray head;
    QByteArray body;
    qint64 contentLength = -1;
    bool closedByServer = false;
};

class GraphsimTestClient
{
public:
    explicit GraphsimTestClient(const graphsim::SimServer& server, bool https = false);

    QUrl base() const { return m_base; }
    HttpResult request(const QByteArray& method, const QUrl& url, const QByteArray& body = {},
                       const QList<QPair<QByteArray, QByteArray>>& headers = {});
    /// Graph request with a bearer token; path relative to the base, e.g. "/beta/deviceManagement/...".
    HttpResult graph(const QByteArray& method, const QString& path, const QByteArray& token,
                     const QByteArray& body = {}, const QList<QPair<QByteArray, QByteArray>>& headers = {});
    /// client_credentials with tenant N's first app secret; empty on failure.
    QByteArray token(int tenantIndex = 0);
    HttpResult tokenRequest(const QString& tenantSegment, const QByteArray& form,
                            const QList<QPair<QByteArray, QByteArray>>& headers = {});
    /// GET (body empty) or POST /_sim/<name>.
    QJsonObject sim(const QString& name, const QJsonObject& body = {});
    /// One request on a fresh raw socket (HTTP only), read until the server closes.
    RawResult raw(const QByteArray& method, const QString& path, const QByteArray& token);

private:
    const graphsim::SimServer& m_server;
    QUrl m_base;
    bool m_https;
    QNetworkAccessManager m_nam;
};
