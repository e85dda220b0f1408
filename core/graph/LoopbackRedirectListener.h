// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

// The one-shot HTTP listener of the interactive sign-in (GRAPH_NOTES §5.3): Entra redirects the
// browser to http://localhost:{port}/?code=…&state=…, and this answers it with a short page.

#include "core/common/Result.h"

#include <QObject>
#include <QPointer>
#include <QTcpServer>
#include <QUrlQuery>

#include <functional>

class QTcpSocket;

namespace pv::graph {

/// The page the browser is shown once the redirect arrived.
struct RedirectPage
{
    bool ok = true;
    QString title;
    QString text;
};
/// A complete HTTP/1.1 answer carrying `page` as a small HTML document.
QByteArray redirectPageResponse(const RedirectPage& page);

/// Listens on 127.0.0.1 (only) on a random port. A GET of `path` is handed to the handler, whose
/// page is answered, and then nothing more is accepted; any other request (a favicon, a stray
/// path) gets 404 and listening goes on. Lives on the thread that created it.
class LoopbackRedirectListener final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LoopbackRedirectListener)

public:
    /// Decides the page for the redirect's query; called once.
    using Handler = std::function<RedirectPage(const QUrlQuery& query)>;

    explicit LoopbackRedirectListener(QString path, Handler handler, QObject* parent = nullptr);
    ~LoopbackRedirectListener() override;

    /// Binds 127.0.0.1:0. Io error when no port could be had.
    Status listen();
    quint16 port() const { return m_server.serverPort(); }
    /// `http://localhost:{port}{path}`: Entra matches a loopback redirect whatever its port.
    QUrl redirectUri() const;
    bool answered() const { return m_answered; }
    void close();

private:
    void accept();
    void readRequest(QTcpSocket* socket);

    const QString m_path;
    Handler m_handler;
    QTcpServer m_server;
    bool m_answered = false;
};

} // namespace pv::graph
