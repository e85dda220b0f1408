// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

#include "core/common/Result.h"

#include <QString>

class QSqlDatabase;
class QSqlError;
class QSqlQuery;

namespace pv::db {

/// A Database error whose message names what was being done and SQLite's own text.
Failure failure(const QSqlError& error, const QString& context);

/// SQLITE_BUSY / SQLITE_LOCKED: another connection holds the lock; worth retrying.
bool isBusy(const QSqlError& error);

/// SQLITE_CONSTRAINT: a UNIQUE, CHECK or FOREIGN KEY rule refused the statement.
bool isConstraintViolation(const QSqlError& error);

/// Qt binds a null QString as SQL NULL; NOT NULL text columns get '' instead.
QString nonNull(const QString& text);

/// Executes an already prepared (and bound) query.
Status exec(QSqlQuery& query, const QString& context);

/// Executes one statement without parameters (DDL, PRAGMA, transaction control).
Status execStatement(QSqlDatabase& db, const QString& sql);

} // namespace pv::db
