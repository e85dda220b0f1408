// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

#include <QString>

namespace pv::AppPaths {

/// Sets the application identity both executables share, so they find the same data
/// folder: call once, right after constructing the Q*Application.
void initApplicationIdentity();

/// The data folder: `override` if given, else $POLICYVAULT_DATA_DIR, else
/// QStandardPaths::AppLocalDataLocation (local, not roaming: SQLite's WAL breaks on
/// redirected network folders). Not created here.
QString dataDir(const QString& override = {});

/// The database file inside a data folder.
QString databasePath(const QString& dataDir);

} // namespace pv::AppPaths
