// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "app/cli/CliApp.h"
#include "core/common/AppPaths.h"

#include <QCoreApplication>

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    pv::AppPaths::initApplicationIdentity();
    pv::cli::CliApp cli;
    return cli.run(QCoreApplication::arguments());
}
