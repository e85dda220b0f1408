// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

#include <QByteArray>
#include <QElapsedTimer>
#include <QList>
#include <QObject>

#include <functional>

class QTcpSocket;

/// Length of the first complete HTTP/1.1 response (head + Content-Length body) at the start
/// of `buffer`: 0 while more bytes are needed, -1 when the head has no Content-Length.
qsizetype completeResponseLength(const QByteArray& buffer);

/// A deliberately thin HTTP/1.1 keep-alive client: `connections` buffered sockets, one GET in
/// flight on each, responses framed by Content-Length. It exists to measure what graphsim
/// sustains over plain HTTP when the client costs little — Qt 6.4's QNetworkAccessManager
/// opens plain sockets unbuffered and reads status line and headers one byte per read()
/// call, so over HTTP it measures itself rather than the server.
class RawHttpDriver final : public QObject
{
public:
    RawHttpDriver(quint16 port, QByteArray request, int connections, int seconds,
                  std::function<void(double rate, int failed)> done);
    ~RawHttpDriver() override;

    void start();

private:
    struct Connection
    {
        QTcpSocket* socket = nullptr;
        QByteArray buffer;
    };

    void onReadyRead(Connection& connection);
    void send(Connection& connection);
    void finishIfIdle();

    quint16 m_port;
    QByteArray m_request;
    int m_connections;
    qint64 m_durationMs;
    std::function<void(double, int)> m_done;
    QList<Connection*> m_open;
    QElapsedTimer m_timer;
    qint64 m_ok = 0;
    int m_failed = 0;
    int m_active = 0;
    bool m_reported = false;
};
