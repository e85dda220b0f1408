// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "core/common/AppPaths.h"

#include "pv/Version.h"

#include <QCoreApplication>
#include <QDir>
#include <QStandardPaths>

namespace pv::AppPaths {

void initApplicationIdentity()
{
    // No organisation name: the folder is …/AppData/Local/PolicyVault on Windows and
    // ~/.local/share/PolicyVault on Linux, for the GUI and the CLI alike.
    QCoreApplication::setOrganizationName(QString());
    QCoreApplication::setApplicationName(QString::fromLatin1(version::ApplicationName));
    QCoreApplication::setApplicationVersion(QString::fromLatin1(version::String));
}

QString dataDir(const QString& override)
{
    if (!override.isEmpty())
        return QDir::cleanPath(QDir(override).absolutePath());
    const QString fromEnv = qEnvironmentVariable("POLICYVAULT_DATA_DIR");
    if (!fromEnv.isEmpty())
        return QDir::cleanPath(QDir(fromEnv).absolutePath());
    return QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation);
}

QString databasePath(const QString& dataDir)
{
    return QDir(dataDir).filePath(QStringLiteral("policyvault.db"));
}

} // namespace pv::AppPaths
