// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "core/store/Database.h"

#include "core/store/DbError.h"
#include "core/store/Migrations.h"

#include <QDir>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QMutex>
#include <QRandomGenerator>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QThread>
#include <QThreadStorage>

#include <algorithm>
#include <atomic>
#include <unordered_map>

Q_LOGGING_CATEGORY(lcPvDb, "pv.db")

namespace pv {

namespace {

const QString SqliteDriver = QStringLiteral("QSQLITE");

std::atomic<quint64> g_nextInstanceId{1};
std::atomic<quint64> g_nextThreadSerial{1};

// Connection names that are still open, shared by a Database and the per-thread guards so
// that whichever goes first (the thread or the Database) closes the connection exactly once.
struct Registry
{
    QMutex mutex;
    QSet<QString> names;
};

// Owned by the thread that opened the connection. QThreadStorage deletes it when that thread
// finishes (before QThread::wait() returns), which removes the connection of a finished
// worker instead of leaking it in Qt's global connection list.
struct ConnectionGuard
{
    QString name;
    std::weak_ptr<Registry> registry;
    int depth = 0; // writeTransaction nesting on this connection

    ConnectionGuard(QString connectionName, std::weak_ptr<Registry> owner)
        : name(std::move(connectionName)), registry(std::move(owner))
    {
    }
    ConnectionGuard(const ConnectionGuard&) = delete;
    ConnectionGuard& operator=(const ConnectionGuard&) = delete;

    ~ConnectionGuard()
    {
        const std::shared_ptr<Registry> owner = registry.lock();
        if (!owner)
            return; // the Database already closed it
        QMutexLocker lock(&owner->mutex);
        if (owner->names.remove(name))
            QSqlDatabase::removeDatabase(name);
    }
};

struct ThreadConnections
{
    quint64 serial = g_nextThreadSerial.fetch_add(1);
    std::unordered_map<quint64, std::unique_ptr<ConnectionGuard>> byInstance;
};

// Deliberately never destroyed: ~QThreadStorage would otherwise race with threads that
// are still shutting down at process exit.
QThreadStorage<ThreadConnections*>& threadStorage()
{
    static auto* storage = new QThreadStorage<ThreadConnections*>();
    return *storage;
}

ThreadConnections& threadConnections()
{
    QThreadStorage<ThreadConnections*>& storage = threadStorage();
    if (!storage.hasLocalData())
        storage.setLocalData(new ThreadConnections);
    return *storage.localData();
}

Result<int> readUserVersion(QSqlDatabase& db)
{
    QSqlQuery query(db);
    if (!query.exec(QStringLiteral("PRAGMA user_version")) || !query.next())
        return db::failure(query.lastError(), QStringLiteral("reading the schema version"));
    return query.value(0).toInt();
}

// With foreign keys off, nothing stopped a rebuild from leaving dangling references; the
// step commits only when every reference still resolves.
Status checkForeignKeys(QSqlDatabase& db)
{
    QSqlQuery query(db);
    if (!query.exec(QStringLiteral("PRAGMA foreign_key_check")))
        return db::failure(query.lastError(), QStringLiteral("checking foreign keys"));
    QStringList problems;
    while (query.next() && problems.size() < 5) {
        problems.append(QStringLiteral("%1 row %2 refers to a missing %3 row")
                            .arg(query.value(0).toString(), query.value(1).toString(), query.value(2).toString()));
    }
    if (problems.isEmpty())
        return {};
    return fail(ErrorCode::Database, QStringLiteral("Foreign key check failed: %1").arg(problems.join(QStringLiteral("; "))));
}

void backoff(int& delayMs)
{
    QThread::msleep(static_cast<unsigned long>(delayMs + QRandomGenerator::global()->bounded(delayMs + 1)));
    delayMs = std::min(delayMs * 2, 50);
}

} // namespace

struct Database::Private
{
    Options options;
    quint64 instanceId = g_nextInstanceId.fetch_add(1);
    std::shared_ptr<Registry> registry = std::make_shared<Registry>();
    QList<MigrationStep> steps;
    QString storeUuid;

    ConnectionGuard* guard() const
    {
        ThreadConnections& connections = threadConnections();
        auto it = connections.byInstance.find(instanceId);
        return it == connections.byInstance.end() ? nullptr : it->second.get();
    }
};

Database::Database(std::unique_ptr<Private> p) : d(std::move(p)) {}

Database::~Database()
{
    // This thread's connection: drop its guard, which removes the connection.
    if (threadStorage().hasLocalData())
        threadStorage().localData()->byInstance.erase(d->instanceId);
    // Connections of threads that are still alive (they should not use this Database any more).
    QMutexLocker lock(&d->registry->mutex);
    for (const QString& name : std::as_const(d->registry->names))
        QSqlDatabase::removeDatabase(name);
    d->registry->names.clear();
}

int Database::latestSchemaVersion()
{
    return Migrations::builtin().constLast().version;
}

QString Database::defaultPath()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation) + QStringLiteral("/policyvault.db");
}

QString Database::path() const
{
    return d->options.path;
}

QString Database::storeUuid() const
{
    return d->storeUuid;
}

QString Database::connectionName() const
{
    return connection().connectionName();
}

QSqlDatabase Database::connection() const
{
    return openConnection(nullptr);
}

QSqlDatabase Database::openConnection(QString* error) const
{
    if (ConnectionGuard* existing = d->guard()) {
        QSqlDatabase db = QSqlDatabase::database(existing->name, false);
        if (db.isValid() && db.isOpen())
            return db;
        // Closed underneath us (e.g. the Database went away on another thread): reopen.
        threadConnections().byInstance.erase(d->instanceId);
    }

    ThreadConnections& connections = threadConnections();
    const QString name = QStringLiteral("pv-db-%1-thread-%2-%3")
                             .arg(d->instanceId)
                             .arg(reinterpret_cast<quintptr>(QThread::currentThreadId()))
                             .arg(connections.serial);
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(SqliteDriver, name);
        db.setDatabaseName(d->options.path);
        if (!db.open()) {
            qCWarning(lcPvDb) << "cannot open" << d->options.path << db.lastError().text();
            if (error)
                *error = db.lastError().text();
            db = QSqlDatabase();
            QSqlDatabase::removeDatabase(name);
            return {};
        }
        const auto busyMs = static_cast<qint64>(d->options.busyTimeout.count());
        const QStringList pragmas{
            QStringLiteral("PRAGMA busy_timeout = %1").arg(busyMs),
            QStringLiteral("PRAGMA foreign_keys = ON"),
            QStringLiteral("PRAGMA synchronous = NORMAL"),
        };
        for (const QString& pragma : pragmas) {
            QSqlQuery query(db);
            if (!query.exec(pragma))
                qCWarning(lcPvDb) << pragma << "failed:" << query.lastError().text();
        }
    }
    {
        QMutexLocker lock(&d->registry->mutex);
        d->registry->names.insert(name);
    }
    connections.byInstance[d->instanceId] = std::make_unique<ConnectionGuard>(name, d->registry);
    return QSqlDatabase::database(name, false);
}

Status Database::writeTransaction(const std::function<Status(QSqlDatabase&)>& work) const
{
    QString openError;
    QSqlDatabase db = openConnection(&openError);
    ConnectionGuard* guard = d->guard();
    if (!db.isOpen() || !guard)
        return fail(ErrorCode::Database, QStringLiteral("Cannot open the database %1: %2").arg(d->options.path, openError));

    if (guard->depth > 0) {
        // Nested: a savepoint inside the caller's transaction, so the outer one decides.
        const QString savepoint = QStringLiteral("pv_nested_%1").arg(guard->depth);
        if (Status s = db::execStatement(db, QStringLiteral("SAVEPOINT ") + savepoint); !s)
            return s;
        ++guard->depth;
        Status result;
        try {
            result = work(db);
        } catch (...) {
            --guard->depth;
            (void)db::execStatement(db, QStringLiteral("ROLLBACK TO ") + savepoint);
            (void)db::execStatement(db, QStringLiteral("RELEASE ") + savepoint);
            throw;
        }
        --guard->depth;
        if (!result)
            (void)db::execStatement(db, QStringLiteral("ROLLBACK TO ") + savepoint);
        if (Status s = db::execStatement(db, QStringLiteral("RELEASE ") + savepoint); !s && result)
            return s;
        return result;
    }

    // busy_timeout already waits inside SQLite; the loop covers the cases where SQLite
    // returns SQLITE_BUSY without calling the busy handler (e.g. WAL recovery by another
    // process), so that many concurrent starters never see a spurious failure.
    using Clock = std::chrono::steady_clock;
    const Clock::time_point deadline = Clock::now() + d->options.busyTimeout;
    int delayMs = 1;
    for (;;) {
        QSqlQuery begin(db);
        if (begin.exec(QStringLiteral("BEGIN IMMEDIATE")))
            break;
        const QSqlError error = begin.lastError();
        if (!db::isBusy(error) || Clock::now() >= deadline)
            return db::failure(error, QStringLiteral("BEGIN IMMEDIATE"));
        backoff(delayMs);
    }

    ++guard->depth;
    Status result;
    try {
        result = work(db);
    } catch (...) {
        --guard->depth;
        (void)db::execStatement(db, QStringLiteral("ROLLBACK"));
        throw;
    }
    --guard->depth;

    if (!result) {
        if (Status s = db::execStatement(db, QStringLiteral("ROLLBACK")); !s)
            qCWarning(lcPvDb) << "rollback failed:" << s.error().message;
        return result;
    }
    for (;;) {
        QSqlQuery commit(db);
        if (commit.exec(QStringLiteral("COMMIT")))
            return {};
        const QSqlError error = commit.lastError();
        if (!db::isBusy(error) || Clock::now() >= deadline) {
            (void)db::execStatement(db, QStringLiteral("ROLLBACK"));
            return db::failure(error, QStringLiteral("COMMIT"));
        }
        backoff(delayMs);
    }
}

Status Database::applyMigration(const MigrationStep& step) const
{
    QSqlDatabase db = connection();
    // Outside any transaction, or SQLite ignores it. This connection is the only one this
    // process has open while it migrates; other processes keep their own setting.
    if (step.rebuildsTables) {
        if (Status s = db::execStatement(db, QStringLiteral("PRAGMA foreign_keys = OFF")); !s)
            return s;
    }
    Status migrated = writeTransaction([&step](QSqlDatabase& conn) -> Status {
        // Another process may have migrated while we waited for the write lock.
        Result<int> current = readUserVersion(conn);
        if (!current)
            return current.failure();
        if (*current >= step.version)
            return {};
        if (Status s = step.apply(conn); !s)
            return s;
        if (step.rebuildsTables) {
            if (Status s = checkForeignKeys(conn); !s)
                return s;
        }
        return db::execStatement(conn, QStringLiteral("PRAGMA user_version = %1").arg(step.version));
    });
    if (step.rebuildsTables) {
        if (Status s = db::execStatement(db, QStringLiteral("PRAGMA foreign_keys = ON")); !s && migrated)
            return s;
    }
    return migrated;
}

Result<std::shared_ptr<Database>> Database::open(const Options& options)
{
    if (options.path.isEmpty())
        return fail(ErrorCode::InvalidArgument, QStringLiteral("No database path given"));
    const QFileInfo info(options.path);
    if (!QDir().mkpath(info.absolutePath()))
        return fail(ErrorCode::Io, QStringLiteral("Cannot create the folder %1").arg(info.absolutePath()));

    auto p = std::make_unique<Private>();
    p->options = options;
    p->options.path = info.absoluteFilePath();
    p->steps = Migrations::builtin() + options.extraMigrationsForTest;
    for (qsizetype i = 0; i < p->steps.size(); ++i) {
        if (p->steps.at(i).version != i + 1 || !p->steps.at(i).apply)
            return fail(ErrorCode::InvalidArgument,
                        QStringLiteral("Migration steps must be numbered 1, 2, … without gaps (step %1 is %2)")
                            .arg(i + 1)
                            .arg(p->steps.at(i).version));
    }
    const int latest = p->steps.constLast().version;
    std::shared_ptr<Database> database(new Database(std::move(p)));

    QString openError;
    QSqlDatabase db = database->openConnection(&openError);
    if (!db.isOpen())
        return fail(ErrorCode::Database, QStringLiteral("Cannot open the database %1: %2").arg(options.path, openError));

    // Before anything that writes (WAL switch, migrations): a newer file stays untouched.
    Result<int> version = readUserVersion(db);
    if (!version)
        return version.failure();
    if (*version > latest) {
        return fail(ErrorCode::SchemaTooNew,
                    QStringLiteral("The database %1 was written by a newer PolicyVault (schema %2, this build knows %3)")
                        .arg(options.path)
                        .arg(*version)
                        .arg(latest));
    }

    // journal_mode is stored in the file, so one switch covers every later connection.
    using Clock = std::chrono::steady_clock;
    const Clock::time_point deadline = Clock::now() + options.busyTimeout;
    int delayMs = 1;
    for (;;) {
        QSqlQuery query(db);
        if (query.exec(QStringLiteral("PRAGMA journal_mode = WAL")) && query.next()) {
            const QString mode = query.value(0).toString().toLower();
            if (mode == QLatin1String("wal"))
                break;
            return fail(ErrorCode::Database,
                        QStringLiteral("The database %1 cannot use WAL (journal mode %2)").arg(options.path, mode));
        }
        const QSqlError error = query.lastError();
        if (!db::isBusy(error) || Clock::now() >= deadline)
            return db::failure(error, QStringLiteral("PRAGMA journal_mode = WAL"));
        backoff(delayMs);
    }

    for (const MigrationStep& step : std::as_const(database->d->steps)) {
        if (step.version <= *version)
            continue;
        if (options.stopAtVersionForTest > 0 && step.version > options.stopAtVersionForTest)
            break;
        if (Status migrated = database->applyMigration(step); !migrated) {
            return fail(ErrorCode::Database,
                        QStringLiteral("Migration of %1 to schema %2 (%3) failed and was rolled back: %4")
                            .arg(options.path)
                            .arg(step.version)
                            .arg(step.name, migrated.error().message));
        }
    }
    if (!options.stopAtVersionForTest || options.stopAtVersionForTest >= 3) {
        QSqlQuery uuid(db);
        if (!uuid.exec(QStringLiteral("SELECT value FROM store_meta WHERE key = 'store_uuid'")) || !uuid.next())
            return fail(ErrorCode::Database, QStringLiteral("The database %1 has no store identity").arg(options.path));
        database->d->storeUuid = uuid.value(0).toString();
    }
    return database;
}

} // namespace pv
