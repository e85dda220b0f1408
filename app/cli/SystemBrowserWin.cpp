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
    // The http(s) protocol handler, as ShellExecute would use it; not "cmd /c start", whose
    // parsing splits the URL at every '&' of its query.
    return QProcess::startDetached(QStringLiteral("rundll32.exe"),
                                   {QStringLiteral("url.dll,FileProtocolHandler"), url.toString(QUrl::FullyEncoded)});
}

} // namespace pv::cli::SystemBrowser
