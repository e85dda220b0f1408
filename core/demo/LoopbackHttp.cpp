// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "core/demo/LoopbackHttp.h"

#include <QDeadlineTimer>
#include <QHostAddress>
#include <QTcpSocket>

namespace pv::demo {

Result<LoopbackReply> loopbackRequest(quint16 port, const QByteArray& method, const QByteArray& path,
                                      const QByteArray& jsonBody, std::chrono::milliseconds timeout)
{
    const QDeadlineTimer deadline(timeout);
    auto networkError = [port](const QString& what) {
        return fail(ErrorCode::Network, QStringLiteral("graphsim on 127.0.0.1:%1: %2").arg(port).arg(what));
    };
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, port);
    if (!socket.waitForConnected(int(deadline.remainingTime())))
        return networkError(socket.errorString());
    QByteArray request = method + ' ' + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + QByteArray::number(port)
        + "\r\nConnection: close\r\nContent-Length: " + QByteArray::number(jsonBody.size()) + "\r\n";
    if (!jsonBody.isEmpty())
        request += "Content-Type: application/json\r\n";
    request += "\r\n" + jsonBody;
    socket.write(request);
    if (!socket.waitForBytesWritten(int(deadline.remainingTime())))
        return networkError(socket.errorString());

    // Headers, then exactly Content-Length bytes (graphsim always sends it).
    QByteArray data;
    qsizetype headerEnd = -1;
    qint64 contentLength = -1;
    while (true) {
        if (headerEnd < 0) {
            headerEnd = data.indexOf("\r\n\r\n");
            if (headerEnd >= 0) {
                for (const QByteArray& line : data.left(headerEnd).split('\n')) {
                    if (line.trimmed().toLower().startsWith("content-length:"))
                        contentLength = line.mid(line.indexOf(':') + 1).trimmed().toLongLong();
                }
            }
        }
        if (headerEnd >= 0 && contentLength >= 0 && data.size() - headerEnd - 4 >= contentLength)
            break;
        if (deadline.hasExpired())
            return networkError(QStringLiteral("no complete reply in time"));
        if (!socket.waitForReadyRead(int(deadline.remainingTime()))) {
            if (socket.state() != QAbstractSocket::ConnectedState && socket.bytesAvailable() == 0)
                return networkError(QStringLiteral("connection closed before the reply was complete"));
        }
        data += socket.readAll();
    }
    const QList<QByteArray> statusLine = data.left(data.indexOf("\r\n")).split(' ');
    LoopbackReply reply;
    reply.status = statusLine.value(1).toInt();
    if (!statusLine.value(0).startsWith("HTTP/1.") || reply.status <= 0)
        return networkError(QStringLiteral("not an HTTP reply"));
    reply.body = data.mid(headerEnd + 4, contentLength);
    return reply;
}

} // namespace pv::demo
