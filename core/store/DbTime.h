// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

#include <QDateTime>
#include <QString>

namespace pv {

/// Timestamps are stored as ISO-8601 UTC text with milliseconds ("2026-01-02T03:04:05.678Z"):
/// they sort as text, read well in the sqlite3 shell and are portable to PostgreSQL.
QString toDbTime(const QDateTime& time);

/// Parses a stored timestamp; an empty or malformed value gives an invalid QDateTime.
QDateTime fromDbTime(const QString& text);

/// The current time, formatted for the database.
QString nowDbTime();

} // namespace pv
