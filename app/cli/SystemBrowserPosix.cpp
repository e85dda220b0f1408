// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "app/cli/SystemBrowser.h"

#include <QProcess>
#include <QUrl>

namespace pv::cli::SystemBrowser {

bool open(const QUrl& url)
{
    if (qEnvironmentVariableIsSet("POLICYVAULT_NO_BROWSER") || !url.isValid())
        return false;
#ifdef Q_OS_MACOS
    const QString launcher = QStringLiteral("open");
#else
    const QString launcher = QStringLiteral("xdg-open");   // freedesktop: the user's default browser
#endif
    // The URL is one argument, never parsed by a shell.
    return QProcess::startDetached(launcher, {url.toString(QUrl::FullyEncoded)});
}

} // namespace pv::cli::SystemBrowser
