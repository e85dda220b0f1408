// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

#include <QByteArray>
#include <QTcpServer>

/// A control for the throughput bench: a loopback HTTP/1.1 keep-alive server that does no
/// work at all. It answers every request (a head ending in an empty line; bench requests
/// carry no body) with the same bytes — a response captured from graphsim, headers
/// included — so a client driven against it measures the client's own ceiling.
class CannedHttpServer final : public QTcpServer
{
public:
    explicit CannedHttpServer(QByteArray response, QObject* parent = nullptr);

protected:
    void incomingConnection(qintptr descriptor) override;

private:
    QByteArray m_response;
};

/// Runs the server in this process until it is terminated; prints the port on stdout first.
int runCannedHttpServer(const QString& responseFile);
