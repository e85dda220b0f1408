// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

#include "core/store/Database.h"

#include <QList>

namespace pv::Migrations {

/// The built-in schema steps, ordered by version (1, 2, …). The last one's version is
/// Database::latestSchemaVersion(). Never edit a shipped step: add a new one.
const QList<Database::MigrationStep>& builtin();

} // namespace pv::Migrations
