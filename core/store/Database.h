// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

#include "core/common/Result.h"

#include <QSqlDatabase>
#include <QString>

#include <chrono>
#include <functional>
#include <memory>

namespace pv {

/// Owns the SQLite file: one named connection per thread (opened lazily in the thread that
/// asks for it), WAL, foreign keys, busy timeout, and the numbered migrations kept in
/// `PRAGMA user_version`. Thread-safe; share it through std::shared_ptr.
class Database final
{
public:
    struct Options
    {
        QString path;                                   ///< the .db file; its folder is created
        std::chrono::milliseconds busyTimeout{10000};   ///< SQLite busy_timeout per connection
    };

    /// The schema version this build writes. Older files are migrated on open; newer ones
    /// are refused with ErrorCode::SchemaTooNew.
    static int latestSchemaVersion();

    /// Opens (creating if needed) and migrates the database.
    static Result<std::shared_ptr<Database>> open(const Options& options);

    ~Database();
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;

    QString path() const;

    /// This thread's connection, opened on first use with the pragmas applied.
    QSqlDatabase connection() const;

    /// Runs `work` inside `BEGIN IMMEDIATE … COMMIT` on this thread's connection; rolls back
    /// when `work` fails. Use it for every write: a deferred BEGIN can fail with a busy
    /// snapshot under WAL.
    Status writeTransaction(const std::function<Status(QSqlDatabase&)>& work) const;

    /// Default location: QStandardPaths::AppLocalDataLocation/policyvault.db (not the
    /// roaming folder: WAL breaks on redirected network folders).
    static QString defaultPath();

private:
    struct Private;
    explicit Database(std::unique_ptr<Private> d);
    std::unique_ptr<Private> d;
};

} // namespace pv
