// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "tools/graphsim/server/HttpListener.h"

#include "tools/graphsim/server/Dispatcher.h"

#include <QHttpServerRequest>
#include <QTcpSocket>
#include <QTimer>

#include <memory>

namespace graphsim {

namespace {

QByteArray methodName(QHttpServerRequest::Method method)
{
    switch (method) {
    case QHttpServerRequest::Method::Get:
        return "GET";
    case QHttpServerRequest::Method::Put:
        return "PUT";
    case QHttpServerRequest::Method::Delete:
        return "DELETE";
    case QHttpServerRequest::Method::Post:
        return "POST";
    case QHttpServerRequest::Method::Head:
        return "HEAD";
    case QHttpServerRequest::Method::Options:
        return "OPTIONS";
    case QHttpServerRequest::Method::Patch:
        return "PATCH";
    case QHttpServerRequest::Method::Connect:
        return "CONNECT";
    case QHttpServerRequest::Method::Trace:
        return "TRACE";
    case QHttpServerRequest::Method::Unknown:
    case QHttpServerRequest::Method::AnyKnown:
        break;
    }
    return "UNKNOWN";
}

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 200: return "OK";
    case 201: return "Created";
    case 202: return "Accepted";
    case 204: return "No Content";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 409: return "Conflict";
    case 412: return "Precondition Failed";
    case 424: return "Failed Dependency";
    case 429: return "Too Many Requests";
    case 500: return "Internal Server Error";
    case 502: return "Bad Gateway";
    case 503: return "Service Unavailable";
    case 504: return "Gateway Timeout";
    default: return "Status";
    }
}

struct Dribble
{
    QPointer<QTcpSocket> socket;
    QByteArray body;
    qsizetype offset = 0;
    qsizetype chunk = 1;
    int intervalMs = 100;
    bool close = false;
};

void dribbleNext(const std::shared_ptr<Dribble>& state)
{
    if (!state->socket)
        return;
    const QByteArray piece = state->body.mid(state->offset, state->chunk);
    state->socket->write(piece);
    state->offset += piece.size();
    if (state->offset >= state->body.size()) {
        if (state->close)
            state->socket->disconnectFromHost();
        return;
    }
    QTimer::singleShot(state->intervalMs, state->socket.data(), [state] { dribbleNext(state); });
}

} // namespace

HttpListener::HttpListener(Dispatcher& dispatcher, bool https, QObject* parent)
    : QAbstractHttpServer(parent)
    , m_dispatcher(dispatcher)
    , m_https(https)
{
}

void HttpListener::writeReply(const QPointer<QTcpSocket>& socket, const HttpReply& reply, bool close)
{
    if (!socket || socket->state() != QAbstractSocket::ConnectedState)
        return;
    const bool cuttable = reply.body.size() >= 2;
    // DropInHead needs no body: it cuts the status line.
    const TransportFault fault = cuttable || reply.fault == TransportFault::Slow || reply.fault == TransportFault::DropInHead
        ? reply.fault
        : TransportFault::None;
    const qsizetype cut = std::clamp<qsizetype>(static_cast<qsizetype>(reply.body.size() * reply.faultPoint), 1,
                                                std::max<qsizetype>(1, reply.body.size() - 1));
    const qsizetype contentLength = fault == TransportFault::TruncateMatching ? cut : reply.body.size();
    const bool closeAfter = close || fault == TransportFault::Drop || fault == TransportFault::TruncateShort
        || fault == TransportFault::DropInHead;

    QByteArray head;
    head.reserve(512);
    head += "HTTP/1.1 " + QByteArray::number(reply.status) + ' ' + reasonPhrase(reply.status) + "\r\n";
    if (!reply.contentType.isEmpty())
        head += "Content-Type: " + reply.contentType + "\r\n";
    for (const auto& [name, value] : reply.headers)
        head += name + ": " + value + "\r\n";
    head += "Content-Length: " + QByteArray::number(contentLength) + "\r\n";
    // HTTP/1.1 keeps connections alive by default; only a close is announced.
    head += closeAfter ? "Connection: close\r\n\r\n" : "\r\n";

    switch (fault) {
    case TransportFault::None:
        socket->write(head + reply.body);
        if (closeAfter)
            socket->disconnectFromHost();
        break;
    case TransportFault::TruncateMatching:
        socket->write(head + reply.body.left(cut));
        if (closeAfter)
            socket->disconnectFromHost();
        break;
    case TransportFault::TruncateShort:
        // Fewer bytes than Content-Length promised, then an orderly close.
        socket->write(head + reply.body.left(cut));
        socket->disconnectFromHost();
        break;
    case TransportFault::DropInHead: {
        // A few bytes of the status line: the response has no status at all. Qt 6.4's QNAM
        // takes this for a stale keep-alive connection and sends the request again on its
        // own (POST included); graphsim uses it only for responses without a body to cut.
        socket->write(head.left(9));   // "HTTP/1.1 "
        socket->flush();
        const QPointer<QTcpSocket> guard = socket;
        QTimer::singleShot(50, socket.data(), [guard] {
            if (guard)
                guard->abort();
        });
        break;
    }
    case TransportFault::Drop: {
        // Part of the body, then the connection is torn down (RST) once those bytes left.
        socket->write(head + reply.body.left(cut));
        socket->flush();
        const QPointer<QTcpSocket> guard = socket;
        QTimer::singleShot(50, socket.data(), [guard] {
            if (guard)
                guard->abort();
        });
        break;
    }
    case TransportFault::Slow: {
        socket->write(head);
        auto state = std::make_shared<Dribble>();
        state->socket = socket;
        state->body = reply.body;
        constexpr int Steps = 10;
        state->chunk = std::max<qsizetype>(1, (reply.body.size() + Steps - 1) / Steps);
        state->intervalMs = std::max(1, reply.slowMs / Steps);
        state->close = closeAfter;
        if (reply.body.isEmpty()) {
            if (closeAfter)
                socket->disconnectFromHost();
            break;
        }
        QTimer::singleShot(state->intervalMs, socket.data(), [state] { dribbleNext(state); });
        break;
    }
    }
}

bool HttpListener::handleRequest(const QHttpServerRequest& request, QTcpSocket* socket)
{
    HttpRequest copy;
    copy.method = methodName(request.method());
    const QUrl url = request.url();
    copy.path = url.path(QUrl::FullyDecoded);
    copy.query = QUrlQuery(url.query(QUrl::FullyEncoded));
    for (const auto& [name, value] : request.headers())
        copy.headers.insert(name.toLower(), value);
    copy.body = request.body();
    copy.https = m_https;
    QByteArray host = copy.headers.value("host");
    if (host.isEmpty())
        host = "127.0.0.1:" + QByteArray::number(socket->localPort());
    copy.origin = QUrl(QString::fromLatin1((m_https ? "https://" : "http://") + host));

    const bool close = copy.headers.value("connection").compare("close", Qt::CaseInsensitive) == 0;
    // Responses go out in one write; Nagle would only hold them back behind delayed ACKs.
    // Once per connection: every syscall counts on the hot path.
    if (!socket->property("graphsimNoDelay").toBool()) {
        socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
        socket->setProperty("graphsimNoDelay", true);
    }
    const HttpReply reply = m_dispatcher.dispatch(copy);
    const QPointer<QTcpSocket> guard(socket);
    if (reply.delayMs > 0) {
        QTimer::singleShot(reply.delayMs, socket, [guard, reply, close] { writeReply(guard, reply, close); });
    } else {
        writeReply(guard, reply, close);
    }
    return true;
}

void HttpListener::missingHandler(const QHttpServerRequest& request, QTcpSocket* socket)
{
    Q_UNUSED(request)
    HttpReply reply;
    reply.status = 500;
    writeReply(QPointer<QTcpSocket>(socket), reply, true);
}

} // namespace graphsim
