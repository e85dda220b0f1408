// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

#include "tools/graphsim/server/ServerTypes.h"

#include <QAbstractHttpServer>
#include <QPointer>

class QTcpSocket;

namespace graphsim {

class Dispatcher;

/// One listening endpoint (HTTP or HTTPS). Qt 6.4's QHttpServer can use a request after its
/// connection is gone and has no way to delay or cut a response, so this copies each
/// request into an HttpRequest, keeps the socket only as a QPointer, and writes status line,
/// headers (always with Content-Length) and body itself, with timers for latency and slow
/// bodies. Connections are kept alive unless the client asks otherwise.
class HttpListener final : public QAbstractHttpServer
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HttpListener)

public:
    HttpListener(Dispatcher& dispatcher, bool https, QObject* parent = nullptr);

    /// Writes reply to socket, applying reply.fault; closes afterwards when close is set.
    static void writeReply(const QPointer<QTcpSocket>& socket, const HttpReply& reply, bool close);

protected:
    bool handleRequest(const QHttpServerRequest& request, QTcpSocket* socket) override;
    void missingHandler(const QHttpServerRequest& request, QTcpSocket* socket) override;

private:
    Dispatcher& m_dispatcher;
    bool m_https;
};

} // namespace graphsim
