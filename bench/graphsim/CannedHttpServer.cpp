// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "CannedHttpServer.h"

#include <QCoreApplication>
#include <QFile>
#include <QHostAddress>
#include <QTcpSocket>

#include <cstdio>
#include <memory>

CannedHttpServer::CannedHttpServer(QByteArray response, QObject* parent)
    : QTcpServer(parent)
    , m_response(std::move(response))
{
}

void CannedHttpServer::incomingConnection(qintptr descriptor)
{
    auto* socket = new QTcpSocket(this);
    socket->setSocketDescriptor(descriptor);
    auto pending = std::make_shared<QByteArray>();
    connect(socket, &QTcpSocket::readyRead, socket, [this, socket, pending] {
        *pending += socket->readAll();
        qsizetype end = 0;
        while ((end = pending->indexOf("\r\n\r\n")) >= 0) {
            pending->remove(0, end + 4);
            socket->write(m_response);
        }
    });
    connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
}

int runCannedHttpServer(const QString& responseFile)
{
    QFile file(responseFile);
    if (!file.open(QIODevice::ReadOnly)) {
        std::fprintf(stderr, "cannot read %s\n", qPrintable(responseFile));
        return 1;
    }
    CannedHttpServer server(file.readAll());
    if (!server.listen(QHostAddress::LocalHost, 0)) {
        std::fprintf(stderr, "cannot listen: %s\n", qPrintable(server.errorString()));
        return 1;
    }
    std::printf("%u\n", static_cast<unsigned>(server.serverPort()));
    std::fflush(stdout);
    return QCoreApplication::exec();
}
