// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
// graphsim_dump PROFILE SEED [--save PATH]: generates one tenant and prints the SHA-256 of
// its canonical serialisation (tests compare it across processes), or saves the JSON.

#include "tools/graphsim/model/SimWorld.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QTextStream>

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    QTextStream out(stdout);
    QTextStream err(stderr);
    if (args.size() < 3) {
        err << "usage: graphsim_dump PROFILE SEED [--save PATH] [--time]\n";
        return 2;
    }
    graphsim::SimClock clock;
    graphsim::SimWorld world(clock);
    QString error;
    QElapsedTimer timer;
    timer.start();
    const QString id = world.addGeneratedTenant(args.at(1), args.at(2).toULongLong(), &error);
    const qint64 generateMs = timer.elapsed();
    if (id.isEmpty()) {
        err << "graphsim_dump: " << error << '\n';
        return 1;
    }
    timer.restart();
    const QByteArray bytes = world.serializeTenant(id);
    const qint64 serializeMs = timer.elapsed();
    const qsizetype save = args.indexOf(QStringLiteral("--save"));
    if (save > 0 && save + 1 < args.size() && !world.saveTenant(id, args.at(save + 1), &error)) {
        err << "graphsim_dump: " << error << '\n';
        return 1;
    }
    out << QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex() << '\n';
    if (args.contains(QStringLiteral("--time")))
        err << "generate " << generateMs << " ms, serialize " << serializeMs << " ms, " << bytes.size() << " bytes\n";
    return 0;
}
