// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "core/store/Database.h"
#include "core/store/DbTime.h"

#include <QRegularExpression>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <atomic>
#include <memory>
#include <vector>

using namespace pv;

namespace {

QVariant scalar(QSqlDatabase db, const QString& sql)
{
    QSqlQuery query(db);
    if (!query.exec(sql) || !query.next())
        return {};
    return query.value(0);
}

Status insertTenant(QSqlDatabase& db, const QString& name)
{
    QSqlQuery query(db);
    query.prepare(QStringLiteral("INSERT INTO tenants(uuid, name, entra_tenant_id, created_at) VALUES(?, ?, ?, ?)"));
    query.addBindValue(QUuid::createUuid().toString(QUuid::WithoutBraces));
    query.addBindValue(name);
    query.addBindValue(QStringLiteral("00000000-0000-0000-0000-000000000001"));
    query.addBindValue(nowDbTime());
    if (!query.exec())
        return fail(ErrorCode::Database, query.lastError().text());
    return {};
}

qint64 tenantCount(const Database& database)
{
    return scalar(database.connection(), QStringLiteral("SELECT COUNT(*) FROM tenants")).toLongLong();
}

} // namespace

class TestDatabase final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
    }

    void opensAndCreatesFolder()
    {
        const QString path = m_dir->filePath(QStringLiteral("a/b/c/store.db"));
        auto database = Database::open({path, std::chrono::milliseconds(5000), {}});
        QVERIFY2(database.ok(), qPrintable(database ? QString() : database.error().toString()));
        QVERIFY(QFileInfo::exists(path));
        QCOMPARE((*database)->path(), QFileInfo(path).absoluteFilePath());
    }

    void pragmasAreSet()
    {
        auto database = Database::open({m_dir->filePath(QStringLiteral("p.db")), std::chrono::milliseconds(4321), {}});
        QVERIFY(database.ok());
        QSqlDatabase db = (*database)->connection();
        QCOMPARE(scalar(db, QStringLiteral("PRAGMA journal_mode")).toString(), QStringLiteral("wal"));
        QCOMPARE(scalar(db, QStringLiteral("PRAGMA foreign_keys")).toInt(), 1);
        QCOMPARE(scalar(db, QStringLiteral("PRAGMA synchronous")).toInt(), 1); // NORMAL
        QCOMPARE(scalar(db, QStringLiteral("PRAGMA busy_timeout")).toInt(), 4321);
    }

    void foreignKeysEnforced()
    {
        auto database = Database::open({m_dir->filePath(QStringLiteral("fk.db")), std::chrono::milliseconds(5000), {}});
        QVERIFY(database.ok());
        const Status status = (*database)->writeTransaction([](QSqlDatabase& db) -> Status {
            QSqlQuery query(db);
            query.prepare(QStringLiteral("INSERT INTO runs(tenant_id, kind, status, dedupe_key, created_at)"
                                         " VALUES(?, 'backup', 'queued', 'k', ?)"));
            query.addBindValue(999);
            query.addBindValue(nowDbTime());
            if (!query.exec())
                return fail(ErrorCode::Database, query.lastError().text());
            return {};
        });
        QVERIFY(!status.ok());
    }

    void perThreadConnections()
    {
        auto opened = Database::open({m_dir->filePath(QStringLiteral("t.db")), std::chrono::milliseconds(5000), {}});
        QVERIFY(opened.ok());
        std::shared_ptr<Database> database = std::move(*opened);
        const QString mainName = database->connectionName();
        QCOMPARE(database->connectionName(), mainName); // stable within a thread

        QString workerName;
        bool workerForeignKeys = false;
        bool workerWrote = false;
        std::unique_ptr<QThread> thread(QThread::create([&] {
            workerName = database->connectionName();
            workerForeignKeys = scalar(database->connection(), QStringLiteral("PRAGMA foreign_keys")).toInt() == 1;
            workerWrote = database->writeTransaction([](QSqlDatabase& db) { return insertTenant(db, QStringLiteral("worker")); }).ok();
        }));
        thread->start();
        QVERIFY(thread->wait(30000));

        QVERIFY(!workerName.isEmpty());
        QVERIFY(workerName != mainName);
        QVERIFY(workerForeignKeys);
        QVERIFY(workerWrote);
        QCOMPARE(tenantCount(*database), 1);
        // The finished thread's connection is gone; the main thread's stays.
        QVERIFY(!QSqlDatabase::connectionNames().contains(workerName));
        QVERIFY(QSqlDatabase::connectionNames().contains(mainName));

        database.reset();
        QVERIFY(!QSqlDatabase::connectionNames().contains(mainName));
    }

    void twoDatabasesHaveDistinctConnections()
    {
        auto a = Database::open({m_dir->filePath(QStringLiteral("a.db")), std::chrono::milliseconds(5000), {}});
        auto b = Database::open({m_dir->filePath(QStringLiteral("b.db")), std::chrono::milliseconds(5000), {}});
        QVERIFY(a.ok() && b.ok());
        QVERIFY((*a)->connectionName() != (*b)->connectionName());
        QVERIFY((*a)->writeTransaction([](QSqlDatabase& db) { return insertTenant(db, QStringLiteral("only-a")); }).ok());
        QCOMPARE(tenantCount(**a), 1);
        QCOMPARE(tenantCount(**b), 0);
    }

    void writeTransactionCommits()
    {
        auto database = Database::open({m_dir->filePath(QStringLiteral("c.db")), std::chrono::milliseconds(5000), {}});
        QVERIFY(database.ok());
        const Status status = (*database)->writeTransaction([](QSqlDatabase& db) -> Status {
            if (Status s = insertTenant(db, QStringLiteral("one")); !s)
                return s;
            return insertTenant(db, QStringLiteral("two"));
        });
        QVERIFY(status.ok());
        QCOMPARE(tenantCount(**database), 2);
    }

    void writeTransactionRollsBack()
    {
        auto database = Database::open({m_dir->filePath(QStringLiteral("r.db")), std::chrono::milliseconds(5000), {}});
        QVERIFY(database.ok());
        const Status status = (*database)->writeTransaction([](QSqlDatabase& db) -> Status {
            if (Status s = insertTenant(db, QStringLiteral("kept?")); !s)
                return s;
            return fail(ErrorCode::Conflict, QStringLiteral("changed my mind"));
        });
        QVERIFY(!status.ok());
        QCOMPARE(status.error().code, ErrorCode::Conflict);
        QCOMPARE(tenantCount(**database), 0);

        // A failing statement inside the work rolls back the earlier ones too.
        const Status duplicate = (*database)->writeTransaction([](QSqlDatabase& db) -> Status {
            if (Status s = insertTenant(db, QStringLiteral("dup")); !s)
                return s;
            return insertTenant(db, QStringLiteral("DUP")); // NOCASE unique
        });
        QVERIFY(!duplicate.ok());
        QCOMPARE(tenantCount(**database), 0);

        // The connection is usable afterwards.
        QVERIFY((*database)->writeTransaction([](QSqlDatabase& db) { return insertTenant(db, QStringLiteral("after")); }).ok());
        QCOMPARE(tenantCount(**database), 1);
    }

    void nestedTransactionUsesSavepoint()
    {
        auto opened = Database::open({m_dir->filePath(QStringLiteral("n.db")), std::chrono::milliseconds(5000), {}});
        QVERIFY(opened.ok());
        const std::shared_ptr<Database> database = *opened;
        const Status status = database->writeTransaction([&](QSqlDatabase& db) -> Status {
            if (Status s = insertTenant(db, QStringLiteral("outer")); !s)
                return s;
            const Status inner = database->writeTransaction([](QSqlDatabase& idb) -> Status {
                if (Status s = insertTenant(idb, QStringLiteral("inner")); !s)
                    return s;
                return fail(ErrorCode::Conflict, QStringLiteral("inner fails"));
            });
            if (inner.ok())
                return fail(ErrorCode::Internal, QStringLiteral("inner should have failed"));
            return {};
        });
        QVERIFY(status.ok());
        QCOMPARE(tenantCount(*database), 1);
        QCOMPARE(scalar(database->connection(), QStringLiteral("SELECT name FROM tenants")).toString(), QStringLiteral("outer"));
    }

    void concurrentWritersAllSucceed()
    {
        auto opened = Database::open({m_dir->filePath(QStringLiteral("w.db")), std::chrono::milliseconds(10000), {}});
        QVERIFY(opened.ok());
        const std::shared_ptr<Database> database = *opened;
        constexpr int Threads = 8;
        constexpr int PerThread = 40;
        std::atomic<int> failures{0};
        std::vector<std::unique_ptr<QThread>> threads;
        for (int t = 0; t < Threads; ++t) {
            threads.emplace_back(QThread::create([database, t, &failures] {
                for (int i = 0; i < PerThread; ++i) {
                    const QString name = QStringLiteral("t%1-%2").arg(t).arg(i);
                    const Status s = database->writeTransaction([&name](QSqlDatabase& db) -> Status {
                        // read-then-write inside the transaction: the pattern that fails with a
                        // deferred BEGIN under WAL
                        QSqlQuery count(db);
                        if (!count.exec(QStringLiteral("SELECT COUNT(*) FROM tenants")) || !count.next())
                            return fail(ErrorCode::Database, count.lastError().text());
                        count.finish();
                        return insertTenant(db, name);
                    });
                    if (!s) {
                        qWarning() << s.error().toString();
                        ++failures;
                    }
                }
            }));
        }
        for (auto& thread : threads)
            thread->start();
        for (auto& thread : threads)
            QVERIFY(thread->wait(60000));
        QCOMPARE(failures.load(), 0);
        QCOMPARE(tenantCount(*database), Threads * PerThread);
    }

    void defaultPathIsLocalAppData()
    {
        const QString path = Database::defaultPath();
        QVERIFY(path.endsWith(QStringLiteral("/policyvault.db")));
        QVERIFY(path.startsWith(QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation)));
    }

    void dbTimeRoundTrip()
    {
        const QDateTime time(QDate(2026, 3, 4), QTime(5, 6, 7, 89), Qt::UTC);
        QCOMPARE(toDbTime(time), QStringLiteral("2026-03-04T05:06:07.089Z"));
        QCOMPARE(fromDbTime(toDbTime(time)), time);
        QVERIFY(!fromDbTime(QStringLiteral("garbage")).isValid());
        QVERIFY(!fromDbTime(QString()).isValid());
        QVERIFY(nowDbTime().endsWith(QLatin1Char('Z')));
    }

    void openFailsOnDirectory()
    {
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("cannot open")));
        auto database = Database::open({m_dir->path(), std::chrono::milliseconds(1000), {}});
        QVERIFY(!database.ok());
        QCOMPARE(database.error().code, ErrorCode::Database);
        QVERIFY2(database.error().message.contains(QStringLiteral("unable to open")), qPrintable(database.error().message));
    }

private:
    std::unique_ptr<QTemporaryDir> m_dir;
};

QTEST_GUILESS_MAIN(TestDatabase)
#include "tst_database.moc"
