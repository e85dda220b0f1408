// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "RawHttpDriver.h"

#include <QHostAddress>
#include <QTcpSocket>

qsizetype completeResponseLength(const QByteArray& buffer)
{
    const qsizetype headEnd = buffer.indexOf("\r\n\r\n");
    if (headEnd < 0)
        return 0;
    const QByteArray head = buffer.left(headEnd).toLower();
    const qsizetype lengthAt = head.indexOf("\r\ncontent-length:");
    if (lengthAt < 0)
        return -1;
    const qsizetype valueAt = lengthAt + qsizetype(sizeof("\r\ncontent-length:") - 1);
    const qsizetype lineEnd = head.indexOf("\r\n", valueAt);
    const qsizetype total = headEnd + 4 + head.mid(valueAt, lineEnd < 0 ? -1 : lineEnd - valueAt).trimmed().toLongLong();
    return buffer.size() >= total ? total : 0;
}

RawHttpDriver::RawHttpDriver(quint16 port, QByteArray request, int connections, int seconds,
                             std::function<void(double, int)> done)
    : m_port(port)
    , m_request(std::move(request))
    , m_connections(connections)
    , m_durationMs(seconds * 1000)
    , m_done(std::move(done))
{
}

RawHttpDriver::~RawHttpDriver()
{
    qDeleteAll(m_open);
}

void RawHttpDriver::start()
{
    m_timer.start();
    for (int i = 0; i < m_connections; ++i) {
        auto* connection = new Connection;
        connection->socket = new QTcpSocket(this);
        m_open.append(connection);
        ++m_active;
        connect(connection->socket, &QTcpSocket::connected, this, [this, connection] { send(*connection); });
        connect(connection->socket, &QTcpSocket::readyRead, this, [this, connection] { onReadyRead(*connection); });
        connect(connection->socket, &QTcpSocket::errorOccurred, this, [this, connection] {
            if (connection->socket->state() != QAbstractSocket::ConnectedState && m_active > 0) {
                ++m_failed;
                --m_active;
                finishIfIdle();
            }
        });
        connection->socket->connectToHost(QHostAddress::LocalHost, m_port);
    }
}

void RawHttpDriver::send(Connection& connection)
{
    connection.socket->write(m_request);
}

void RawHttpDriver::onReadyRead(Connection& connection)
{
    connection.buffer += connection.socket->readAll();
    for (;;) {
        const qsizetype total = completeResponseLength(connection.buffer);
        if (total == 0)
            return;
        if (total < 0) {
            ++m_failed;
            connection.socket->abort();
            --m_active;
            finishIfIdle();
            return;
        }
        if (connection.buffer.startsWith("HTTP/1.1 200"))
            ++m_ok;
        else
            ++m_failed;
        connection.buffer.remove(0, total);
        if (m_timer.elapsed() < m_durationMs) {
            send(connection);
        } else {
            connection.socket->disconnectFromHost();
            --m_active;
            finishIfIdle();
            return;
        }
    }
}

void RawHttpDriver::finishIfIdle()
{
    if (m_active == 0 && !m_reported) {
        m_reported = true;
        m_done(m_ok * 1000.0 / static_cast<double>(m_timer.elapsed()), m_failed);
    }
}
