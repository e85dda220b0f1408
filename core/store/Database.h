// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

#include "core/common/Result.h"

#include <QList>
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
    /// One numbered schema step. It runs in its own `BEGIN IMMEDIATE` transaction together
    /// with `PRAGMA user_version = version`; a failure rolls the whole step back.
    ///
    /// A step that rebuilds a table (SQLite cannot change a column's constraints or a
    /// foreign key in place: create the new table, copy, drop the old one, rename) sets
    /// `rebuildsTables`. Foreign keys are then switched off around its transaction — inside a
    /// transaction `PRAGMA foreign_keys` has no effect, and with them on, dropping the old
    /// table would cascade-delete every row that refers to it — and `PRAGMA
    /// foreign_key_check` must come back empty before the step commits.
    struct MigrationStep
    {
        int version = 0;
        QString name;
        std::function<Status(QSqlDatabase&)> apply{};
        bool rebuildsTables = false;
    };

    struct Options
    {
        QString path;                                   ///< the .db file; its folder is created
        std::chrono::milliseconds busyTimeout{10000};   ///< SQLite busy_timeout per connection
        /// Tests only: steps appended after the built-in migrations (versions must follow
        /// latestSchemaVersion()). Production code leaves this empty.
        QList<MigrationStep> extraMigrationsForTest{};
        /// Tests only: stop migrating at this schema version (0: migrate to the latest), so a
        /// test can fill an older schema with history and then migrate it.
        int stopAtVersionForTest = 0;
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

    /// This store's own identity (a uuid kept in the database): it names the store's keychain
    /// namespace, so two data folders never share secrets. Empty only below schema 3 (tests).
    QString storeUuid() const;

    /// This thread's connection, opened on first use with the pragmas applied.
    QSqlDatabase connection() const;

    /// Runs `work` inside `BEGIN IMMEDIATE … COMMIT` on this thread's connection; rolls back
    /// when `work` fails. Use it for every write: a deferred BEGIN can fail with a busy
    /// snapshot under WAL. A nested call (from inside `work`) runs in a SAVEPOINT of the
    /// outer transaction.
    Status writeTransaction(const std::function<Status(QSqlDatabase&)>& work) const;

    /// Default location: QStandardPaths::AppLocalDataLocation/policyvault.db (not the
    /// roaming folder: WAL breaks on redirected network folders).
    static QString defaultPath();

    /// The name this thread's connection has (or will have) — for tests and diagnostics.
    QString connectionName() const;

private:
    struct Private;
    explicit Database(std::unique_ptr<Private> d);
    QSqlDatabase openConnection(QString* error) const;
    Status applyMigration(const MigrationStep& step) const;
    std::unique_ptr<Private> d;
};

} // namespace pv
