// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "core/graph/LoopbackRedirectListener.h"

#include <QHostAddress>
#include <QTcpSocket>
#include <QUrl>

namespace pv::graph {

namespace {

// A request line and headers larger than this are not a browser's redirect.
constexpr qsizetype MaxRequestBytes = 16 * 1024;

QByteArray response(int status, const QByteArray& reason, const QByteArray& contentType, const QByteArray& body)
{
    return "HTTP/1.1 " + QByteArray::number(status) + ' ' + reason + "\r\nContent-Type: " + contentType
        + "\r\nContent-Length: " + QByteArray::number(body.size())
        + "\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n" + body;
}

void answerAndClose(QTcpSocket* socket, const QByteArray& bytes)
{
    socket->write(bytes);
    QObject::connect(socket, &QTcpSocket::bytesWritten, socket, [socket] {
        if (socket->bytesToWrite() == 0)
            socket->disconnectFromHost();
    });
    QObject::connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
}

} // namespace

QByteArray redirectPageResponse(const RedirectPage& page)
{
    const QString html = QStringLiteral("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>PolicyVault: %1</title></head>"
                                        "<body style=\"font-family:sans-serif;margin:3em\"><h1 style=\"color:%2\">%1</h1>"
                                        "<p>%3</p></body></html>")
                             .arg(page.title.toHtmlEscaped(), page.ok ? QStringLiteral("#1a7f37") : QStringLiteral("#b42318"),
                                  page.text.toHtmlEscaped());
    return response(page.ok ? 200 : 400, page.ok ? "OK" : "Bad Request", "text/html; charset=utf-8", html.toUtf8());
}

LoopbackRedirectListener::LoopbackRedirectListener(QString path, Handler handler, QObject* parent)
    : QObject(parent)
    , m_path(path.isEmpty() ? QStringLiteral("/") : std::move(path))
    , m_handler(std::move(handler))
{
    connect(&m_server, &QTcpServer::newConnection, this, &LoopbackRedirectListener::accept);
}

LoopbackRedirectListener::~LoopbackRedirectListener() = default;

Status LoopbackRedirectListener::listen()
{
    // 127.0.0.1 only: nothing off this machine can reach the listener.
    if (!m_server.listen(QHostAddress::LocalHost, 0))
        return fail(ErrorCode::Io, QStringLiteral("cannot listen on 127.0.0.1 for the sign-in's redirect: %1")
                                       .arg(m_server.errorString()));
    return {};
}

QUrl LoopbackRedirectListener::redirectUri() const
{
    QUrl url;
    url.setScheme(QStringLiteral("http"));
    url.setHost(QStringLiteral("localhost"));
    url.setPort(port());
    url.setPath(m_path);
    return url;
}

void LoopbackRedirectListener::close()
{
    m_server.close();
}

void LoopbackRedirectListener::accept()
{
    while (QTcpSocket* socket = m_server.nextPendingConnection()) {
        socket->setParent(this);
        if (m_answered) {
            socket->abort();
            socket->deleteLater();
            continue;
        }
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] { readRequest(socket); });
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
    }
}

void LoopbackRedirectListener::readRequest(QTcpSocket* socket)
{
    if (socket->property("pv_done").toBool())
        return;
    QByteArray head = socket->property("pv_head").toByteArray() + socket->readAll();
    if (head.size() > MaxRequestBytes) {
        socket->setProperty("pv_done", true);
        return answerAndClose(socket, response(431, "Request Header Fields Too Large", "text/plain", "too large"));
    }
    if (!head.contains("\r\n\r\n")) {
        socket->setProperty("pv_head", head);
        return;   // the rest of the headers is still on its way
    }
    socket->setProperty("pv_done", true);
    const QList<QByteArray> requestLine = head.left(head.indexOf("\r\n")).split(' ');
    const QUrl target = requestLine.size() == 3 ? QUrl(QString::fromLatin1(requestLine.at(1))) : QUrl();
    if (requestLine.value(0) != "GET" || m_answered || target.path() != m_path)
        return answerAndClose(socket, response(404, "Not Found", "text/plain", "not found"));
    m_answered = true;
    m_server.close();   // one-shot: the port is free again once the browser has its page
    const RedirectPage page = m_handler(QUrlQuery(target));
    answerAndClose(socket, redirectPageResponse(page));
}

} // namespace pv::graph
