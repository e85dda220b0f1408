// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
// pv_demo_helper DATA_DIR: another process calling DemoServer::ensureRunning, for
// tst_demo_server. Prints {"pid", "startedNow", "https"} or {"error"}; exit 0 or 1.
#include "core/demo/DemoServer.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>

#include <cstdio>

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList arguments = QCoreApplication::arguments();
    if (arguments.size() != 2)
        return 3;
    const auto endpoint = pv::DemoServer::ensureRunning(arguments.at(1));
    const QJsonObject out = endpoint ? QJsonObject{{QStringLiteral("pid"), endpoint->pid},
                                                   {QStringLiteral("startedNow"), endpoint->startedNow},
                                                   {QStringLiteral("https"), endpoint->httpsUrl.toString()}}
                                     : QJsonObject{{QStringLiteral("error"), endpoint.error().toString()}};
    std::puts(QJsonDocument(out).toJson(QJsonDocument::Compact).constData());
    return endpoint ? 0 : 1;
}
