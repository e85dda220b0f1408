// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

#include <QString>

// The versions of the libraries behind logging, for the About box and support reports.
// spdlog stays a private dependency: this file does not include it.

namespace pv::logging {

/// The spdlog version this build was compiled against, "1.10.0".
QString spdlogVersion();
/// The {fmt} version spdlog formats with (bundled or external), "9.1.0".
QString fmtVersion();

} // namespace pv::logging
