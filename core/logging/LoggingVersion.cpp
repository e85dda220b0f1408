// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "core/logging/LoggingVersion.h"

#include <spdlog/fmt/fmt.h>
#include <spdlog/version.h>

namespace pv::logging {

QString spdlogVersion()
{
    return QStringLiteral("%1.%2.%3").arg(SPDLOG_VER_MAJOR).arg(SPDLOG_VER_MINOR).arg(SPDLOG_VER_PATCH);
}

QString fmtVersion()
{
    // FMT_VERSION is major * 10000 + minor * 100 + patch.
    return QStringLiteral("%1.%2.%3").arg(FMT_VERSION / 10000).arg(FMT_VERSION / 100 % 100).arg(FMT_VERSION % 100);
}

} // namespace pv::logging
