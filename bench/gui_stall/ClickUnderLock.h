// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

#include <memory>

class QApplication;

namespace pv {
class Database;
class TenantScope;
}

/// --click-under-lock: another connection holds the store's write lock (as a busy CLI does)
/// while "Mark all read" is clicked; prints how long the click took on the GUI thread, the
/// longest GUI-thread gap while the lock is held, and when the write landed after the release.
int clickUnderLockBench(QApplication& app, const std::shared_ptr<pv::Database>& database, const pv::TenantScope& scope);
