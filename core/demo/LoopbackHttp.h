// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

#include "core/common/Result.h"

#include <QByteArray>

#include <chrono>

namespace pv::demo {

struct LoopbackReply
{
    int status = 0;
    QByteArray body;
};

/// One plain-HTTP/1.1 request to 127.0.0.1:`port` — graphsim's /_sim endpoints — with
/// QTcpSocket's blocking calls, so it works on any thread without an event loop (the demo
/// server is prepared on run worker threads and inside the CLI's synchronous commands).
/// Network when nothing answers in time or the reply is not HTTP.
Result<LoopbackReply> loopbackRequest(quint16 port, const QByteArray& method, const QByteArray& path,
                                      const QByteArray& jsonBody, std::chrono::milliseconds timeout);

} // namespace pv::demo
