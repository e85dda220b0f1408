// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

// Value types passed between graphsim's transport and its dispatcher. The transport copies
// every request out of Qt's QHttpServerRequest into HttpRequest so nothing outlives a socket.

#include <QByteArray>
#include <QList>
#include <QMap>
#include <QPair>
#include <QString>
#include <QUrl>
#include <QUrlQuery>

namespace graphsim {

struct HttpRequest
{
    QByteArray method;                      ///< upper case
    QString path;                           ///< percent-decoded path, e.g. "/beta/deviceManagement/..."
    QUrlQuery query;
    QMap<QByteArray, QByteArray> headers;   ///< names lower-cased
    QByteArray body;
    QUrl origin;                            ///< scheme://host:port as the client addressed us
    bool https = false;
};

/// What the transport does to a finished response (fault injection on the wire).
enum class TransportFault {
    None,
    Drop,             ///< full Content-Length, part of the body, then abort
    TruncateShort,    ///< body shorter than Content-Length, then close
    TruncateMatching, ///< Content-Length matches the truncated body; connection kept
    Slow,             ///< body dribbled out with timers
    DropInHead        ///< part of the status line, then abort: the response has no status
};

struct HttpReply
{
    int status = 200;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray contentType;
    QByteArray body;
    TransportFault fault = TransportFault::None;
    double faultPoint = 0.5; ///< where in the body a drop/truncation cuts (0..1)
    int delayMs = 0;         ///< latency before the first byte
    int slowMs = 0;          ///< how long a slow body takes in total

    void setHeader(const QByteArray& name, const QByteArray& value)
    {
        for (auto& header : headers) {
            if (header.first.compare(name, Qt::CaseInsensitive) == 0) {
                header.second = value;
                return;
            }
        }
        headers.append({name, value});
    }
    QByteArray header(const QByteArray& name) const
    {
        for (const auto& header : headers) {
            if (header.first.compare(name, Qt::CaseInsensitive) == 0)
                return header.second;
        }
        return {};
    }
};

} // namespace graphsim
