// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "core/store/AuditLog.h"

#include "core/common/Redactor.h"
#include "core/store/Database.h"

#include <QProcess>
#include <QSqlError>
#include <QSqlQuery>
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

QString describe(const Status& status)
{
    return status.ok() ? QString() : status.error().toString();
}

} // namespace

class TestAuditLog final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        Database::Options options;
        options.path = m_dir->filePath(QStringLiteral("audit.db"));
        auto opened = Database::open(options);
        QVERIFY(opened.ok());
        m_database = std::move(*opened);
    }

    void cleanup() { m_database.reset(); }

    void emptyLogVerifies()
    {
        AuditLog audit(m_database);
        auto result = audit.verify();
        QVERIFY(result.ok());
        QVERIFY2(result->ok, qPrintable(result->reason));
        QCOMPARE(result->rowCount, 0);
    }

    void cleanChainVerifies()
    {
        AuditLog audit(m_database);
        appendFive(audit);
        auto result = audit.verify();
        QVERIFY(result.ok());
        QVERIFY2(result->ok, qPrintable(result->reason));
        QCOMPARE(result->rowCount, 5);
        QCOMPARE(result->firstBadRowId, 0);
        QVERIFY(result->reason.isEmpty());

        QSqlDatabase db = m_database->connection();
        QCOMPARE(scalar(db, QStringLiteral("SELECT row_count FROM audit_head")).toInt(), 5);
        QCOMPARE(scalar(db, QStringLiteral("SELECT hash FROM audit_head")).toString(),
                 scalar(db, QStringLiteral("SELECT hash FROM audit_log WHERE id = 5")).toString());
        QCOMPARE(scalar(db, QStringLiteral("SELECT prev_hash FROM audit_log WHERE id = 1")).toString(),
                 AuditLog::genesisHash());
    }

    void hashEncodingIsUnambiguous()
    {
        const QString g = AuditLog::genesisHash();
        QCOMPARE(g.size(), 64);
        const QString base = AuditLog::computeHash(g, 1, 7, QStringLiteral("t"), QStringLiteral("ab"), QStringLiteral("c"),
                                                   QString(), QString());
        QCOMPARE(base.size(), 64);
        // moving a character between adjacent fields changes the hash
        QVERIFY(base != AuditLog::computeHash(g, 1, 7, QStringLiteral("t"), QStringLiteral("a"), QStringLiteral("bc"),
                                              QString(), QString()));
        // NULL tenant differs from tenant 0 and from no tenant digits at all
        QVERIFY(AuditLog::computeHash(g, 1, std::nullopt, QStringLiteral("t"), QStringLiteral("a"), QString(), QString(), QString())
                != AuditLog::computeHash(g, 1, 0, QStringLiteral("t"), QStringLiteral("a"), QString(), QString(), QString()));
        // the id is covered
        QVERIFY(base != AuditLog::computeHash(g, 2, 7, QStringLiteral("t"), QStringLiteral("ab"), QStringLiteral("c"),
                                              QString(), QString()));
        // deterministic
        QCOMPARE(base, AuditLog::computeHash(g, 1, 7, QStringLiteral("t"), QStringLiteral("ab"), QStringLiteral("c"),
                                             QString(), QString()));
    }

    void detailsAreRedacted()
    {
        AuditLog audit(m_database);
        const QString details = QStringLiteral("marker-42 client_secret=SuperSecretCanary123&x=1");
        QVERIFY(audit.append(1, QStringLiteral("me"), QStringLiteral("tenant.secret_set"), QStringLiteral("Contoso"), details).ok());
        const QString stored = scalar(m_database->connection(), QStringLiteral("SELECT details FROM audit_log")).toString();
        QCOMPARE(stored, Redactor::redact(details));
        QVERIFY(stored.contains(QStringLiteral("marker-42")));
        QVERIFY(!stored.contains(QStringLiteral("SuperSecretCanary123")));
        auto result = audit.verify();
        QVERIFY(result.ok() && result->ok);
    }

    void entriesFilterAndLimit()
    {
        AuditLog audit(m_database);
        appendFive(audit); // tenants: null, 1, 2, 1, null
        auto all = audit.entries(std::nullopt, 100);
        QVERIFY(all.ok());
        QCOMPARE(all->size(), 5);
        QCOMPARE(all->first().id, 5); // newest first
        QCOMPARE(all->last().id, 1);
        QVERIFY(!all->last().tenantId.has_value());
        QCOMPARE(all->last().actor, QStringLiteral("alice"));
        QVERIFY(all->last().at.isValid());
        QCOMPARE(all->last().at.timeSpec(), Qt::UTC);

        auto tenant1 = audit.entries(1, 100);
        QVERIFY(tenant1.ok());
        QCOMPARE(tenant1->size(), 2);
        QCOMPARE(tenant1->at(0).id, 4);
        QCOMPARE(tenant1->at(1).id, 2);
        QCOMPARE(tenant1->at(1).details, QStringLiteral("details 2"));

        auto limited = audit.entries(std::nullopt, 2);
        QVERIFY(limited.ok());
        QCOMPARE(limited->size(), 2);
        QCOMPARE(limited->at(1).id, 4);

        auto none = audit.entries(99, 10);
        QVERIFY(none.ok());
        QVERIFY(none->isEmpty());
    }

    void tampering_data()
    {
        QTest::addColumn<QStringList>("statements");
        QTest::addColumn<qint64>("firstBadRowId");

        QTest::addRow("changed details") << QStringList{QStringLiteral("UPDATE audit_log SET details = 'nothing happened' WHERE id = 3")} << qint64(3);
        QTest::addRow("changed actor") << QStringList{QStringLiteral("UPDATE audit_log SET actor = 'mallory' WHERE id = 2")} << qint64(2);
        QTest::addRow("changed time") << QStringList{QStringLiteral("UPDATE audit_log SET at = '2020-01-01T00:00:00.000Z' WHERE id = 4")} << qint64(4);
        QTest::addRow("changed tenant") << QStringList{QStringLiteral("UPDATE audit_log SET tenant_id = 2 WHERE id = 2")} << qint64(2);
        QTest::addRow("tenant set to NULL") << QStringList{QStringLiteral("UPDATE audit_log SET tenant_id = NULL WHERE id = 3")} << qint64(3);
        QTest::addRow("changed hash") << QStringList{QStringLiteral("UPDATE audit_log SET hash = prev_hash WHERE id = 5")} << qint64(5);
        QTest::addRow("deleted first row") << QStringList{QStringLiteral("DELETE FROM audit_log WHERE id = 1")} << qint64(2);
        QTest::addRow("deleted middle row") << QStringList{QStringLiteral("DELETE FROM audit_log WHERE id = 3")} << qint64(4);
        QTest::addRow("reordered rows") << QStringList{
            QStringLiteral("CREATE TEMP TABLE swap AS SELECT * FROM audit_log WHERE id IN (2, 4)"),
            QStringLiteral("UPDATE audit_log SET (tenant_id, at, actor, action, target, details, prev_hash, hash) ="
                           " (SELECT tenant_id, at, actor, action, target, details, prev_hash, hash FROM swap"
                           " WHERE swap.id = 6 - audit_log.id) WHERE id IN (2, 4)"),
            QStringLiteral("DROP TABLE swap")} << qint64(2);
        QTest::addRow("renumbered row") << QStringList{QStringLiteral("UPDATE audit_log SET id = 9 WHERE id = 5")} << qint64(9);
        QTest::addRow("tail truncated by 1") << QStringList{QStringLiteral("DELETE FROM audit_log WHERE id = 5")} << qint64(5);
        QTest::addRow("tail truncated by 2") << QStringList{QStringLiteral("DELETE FROM audit_log WHERE id >= 4")} << qint64(4);
        QTest::addRow("all rows deleted") << QStringList{QStringLiteral("DELETE FROM audit_log")} << qint64(1);
        QTest::addRow("head hash edited") << QStringList{QStringLiteral("UPDATE audit_head SET hash = (SELECT hash FROM audit_log WHERE id = 4)")} << qint64(6);
        QTest::addRow("head count edited") << QStringList{QStringLiteral("UPDATE audit_head SET row_count = 4")} << qint64(6);
        QTest::addRow("head deleted") << QStringList{QStringLiteral("DELETE FROM audit_head")} << qint64(6);
        QTest::addRow("truncated and head rewound") << QStringList{
            QStringLiteral("DELETE FROM audit_log WHERE id = 5"),
            QStringLiteral("UPDATE audit_head SET row_count = 4")} << qint64(5);
    }

    void tampering()
    {
        QFETCH(QStringList, statements);
        QFETCH(qint64, firstBadRowId);
        AuditLog audit(m_database);
        appendFive(audit);
        QVERIFY(audit.verify()->ok);

        const Status tampered = m_database->writeTransaction([&statements](QSqlDatabase& db) -> Status {
            for (const QString& sql : std::as_const(statements)) {
                QSqlQuery query(db);
                if (!query.exec(sql))
                    return fail(ErrorCode::Database, sql + QStringLiteral(": ") + query.lastError().text());
            }
            return {};
        });
        QVERIFY2(tampered.ok(), qPrintable(describe(tampered)));

        auto result = audit.verify();
        QVERIFY(result.ok());
        QVERIFY2(!result->ok, "tampering went unnoticed");
        QCOMPARE(result->firstBadRowId, firstBadRowId);
        QVERIFY(!result->reason.isEmpty());
    }

    void forgedRowWithoutHeadIsDetected()
    {
        // Someone appends a correctly chained row with plain SQL but cannot move the head
        // without it being noticed: the head still names row 5.
        AuditLog audit(m_database);
        appendFive(audit);
        QSqlDatabase db = m_database->connection();
        const QString prev = scalar(db, QStringLiteral("SELECT hash FROM audit_log WHERE id = 5")).toString();
        const QString at = QStringLiteral("2026-02-01T00:00:00.000Z");
        const QString hash = AuditLog::computeHash(prev, 6, std::nullopt, at, QStringLiteral("mallory"),
                                                   QStringLiteral("forged"), QString(), QString());
        QVERIFY(m_database->writeTransaction([&](QSqlDatabase& wdb) -> Status {
            QSqlQuery q(wdb);
            q.prepare(QStringLiteral("INSERT INTO audit_log(id, tenant_id, at, actor, action, target, details, prev_hash, hash)"
                                     " VALUES(6, NULL, ?, 'mallory', 'forged', '', '', ?, ?)"));
            q.addBindValue(at);
            q.addBindValue(prev);
            q.addBindValue(hash);
            return q.exec() ? Status() : fail(ErrorCode::Database, q.lastError().text());
        }).ok());
        auto result = audit.verify();
        QVERIFY(result.ok());
        QVERIFY(!result->ok);
        QCOMPARE(result->firstBadRowId, 7);
        QCOMPARE(result->rowCount, 6);
    }

    void appendAfterTruncationStaysBroken()
    {
        AuditLog audit(m_database);
        appendFive(audit);
        QVERIFY(m_database->writeTransaction([](QSqlDatabase& db) -> Status {
            QSqlQuery q(db);
            return q.exec(QStringLiteral("DELETE FROM audit_log WHERE id = 5")) ? Status()
                                                                              : fail(ErrorCode::Database, q.lastError().text());
        }).ok());
        QVERIFY(audit.append(std::nullopt, QStringLiteral("bob"), QStringLiteral("later")).ok());
        auto result = audit.verify();
        QVERIFY(result.ok());
        QVERIFY(!result->ok);
        QCOMPARE(result->firstBadRowId, 5); // the new row 5 links to the deleted row's hash
    }

    void appendInsideOuterTransactionRollsBackWithIt()
    {
        AuditLog audit(m_database);
        const Status status = m_database->writeTransaction([&audit](QSqlDatabase&) -> Status {
            if (Status s = audit.append(1, QStringLiteral("me"), QStringLiteral("run.start")); !s)
                return s;
            return fail(ErrorCode::Cancelled, QStringLiteral("outer work failed"));
        });
        QVERIFY(!status.ok());
        QCOMPARE(scalar(m_database->connection(), QStringLiteral("SELECT COUNT(*) FROM audit_log")).toInt(), 0);
        QCOMPARE(scalar(m_database->connection(), QStringLiteral("SELECT row_count FROM audit_head")).toInt(), 0);
        QVERIFY(audit.verify()->ok);
    }

    void concurrentAppendsFromThreads()
    {
        AuditLog audit(m_database);
        constexpr int Threads = 4;
        constexpr int PerThread = 50;
        std::atomic<int> failures{0};
        std::vector<std::unique_ptr<QThread>> threads;
        for (int t = 0; t < Threads; ++t) {
            threads.emplace_back(QThread::create([&audit, &failures, t] {
                for (int i = 0; i < PerThread; ++i) {
                    if (!audit.append(t, QStringLiteral("thread-%1").arg(t), QStringLiteral("test.append")))
                        ++failures;
                }
            }));
        }
        for (auto& thread : threads)
            thread->start();
        for (auto& thread : threads)
            QVERIFY(thread->wait(60000));
        QCOMPARE(failures.load(), 0);
        auto result = audit.verify();
        QVERIFY(result.ok());
        QVERIFY2(result->ok, qPrintable(result->reason));
        QCOMPARE(result->rowCount, Threads * PerThread);
    }

    void concurrentAppendsFromTwoProcesses_data()
    {
        QTest::addColumn<int>("threads");
        QTest::addColumn<int>("paceUs");
        QTest::addColumn<bool>("freshFile");
        // one writer per process, paced like a real caller, so the two really interleave
        QTest::addRow("1 thread each") << 1 << 200 << false;
        // 25 threads in each of 2 processes start write transactions at once: none may fail
        // with SQLITE_BUSY
        QTest::addRow("25 threads each") << 25 << 0 << false;
        // both processes create and migrate a file that does not exist yet
        QTest::addRow("fresh file") << 4 << 0 << true;
    }

    void concurrentAppendsFromTwoProcesses()
    {
        QFETCH(int, threads);
        QFETCH(int, paceUs);
        QFETCH(bool, freshFile);
        constexpr int PerProcess = 200;
        const QString helper = QStringLiteral(PV_AUDIT_APPEND_HELPER);
        QVERIFY2(QFile::exists(helper), qPrintable(helper));
        const QString path = freshFile ? m_dir->filePath(QStringLiteral("fresh/audit.db")) : m_database->path();

        std::vector<std::unique_ptr<QProcess>> processes;
        for (const QString& actor : {QStringLiteral("process-a"), QStringLiteral("process-b")}) {
            auto process = std::make_unique<QProcess>();
            process->setProgram(helper);
            QStringList args{path, QStringLiteral("--count"), QString::number(PerProcess), QStringLiteral("--actor"), actor,
                             QStringLiteral("--threads"), QString::number(threads), QStringLiteral("--pace-us"),
                             QString::number(paceUs)};
            if (freshFile)
                args << QStringLiteral("--open-after-go");
            process->setArguments(args);
            process->start();
            QVERIFY2(process->waitForStarted(10000), qPrintable(process->errorString()));
            processes.push_back(std::move(process));
        }
        for (auto& process : processes) {
            QTRY_VERIFY_WITH_TIMEOUT(process->canReadLine() || process->state() == QProcess::NotRunning, 20000);
            QCOMPARE(process->readLine().trimmed(), QByteArray("ready"));
        }
        // Release both together. QProcess buffers writes: push both out now, not when each
        // one's wait gets to it.
        for (auto& process : processes) {
            process->write("go\n");
            QVERIFY(process->waitForBytesWritten(10000));
        }
        for (auto& process : processes) {
            QVERIFY(process->waitForFinished(60000));
            QVERIFY2(process->exitStatus() == QProcess::NormalExit && process->exitCode() == 0,
                     process->readAllStandardError().constData());
            QCOMPARE(process->readAllStandardOutput().trimmed(), QByteArray("appended 200"));
        }

        Database::Options options;
        options.path = path;
        auto opened = Database::open(options);
        QVERIFY(opened.ok());
        const std::shared_ptr<Database> database = *opened;
        AuditLog audit(database);
        auto result = audit.verify();
        QVERIFY(result.ok());
        QVERIFY2(result->ok, qPrintable(result->reason));
        QCOMPARE(result->rowCount, 2 * PerProcess);
        QSqlDatabase db = database->connection();
        QCOMPARE(scalar(db, QStringLiteral("PRAGMA user_version")).toInt(), Database::latestSchemaVersion());
        QCOMPARE(scalar(db, QStringLiteral("SELECT row_count FROM audit_head")).toInt(), 2 * PerProcess);
        QCOMPARE(scalar(db, QStringLiteral("SELECT COUNT(*) FROM audit_log WHERE actor = 'process-a'")).toInt(), PerProcess);
        QCOMPARE(scalar(db, QStringLiteral("SELECT COUNT(*) FROM audit_log WHERE actor = 'process-b'")).toInt(), PerProcess);
        QCOMPARE(scalar(db, QStringLiteral("SELECT COUNT(DISTINCT target || actor) FROM audit_log")).toInt(), 2 * PerProcess);

        // How often the writer changed along the chain: > 1 means the appends really
        // interleaved (reported, not asserted: scheduling decides it).
        QSqlQuery actors(db);
        QVERIFY(actors.exec(QStringLiteral("SELECT actor FROM audit_log ORDER BY id")));
        int switches = 0;
        QString last;
        while (actors.next()) {
            const QString actor = actors.value(0).toString();
            if (!last.isEmpty() && actor != last)
                ++switches;
            last = actor;
        }
        qInfo("writer switched %d times along the chain", switches);
    }

private:
    static void appendFive(const AuditLog& audit)
    {
        const std::optional<qint64> tenants[] = {std::nullopt, 1, 2, 1, std::nullopt};
        const char* actors[] = {"alice", "bob", "alice", "policyvault-cli", "bob"};
        for (int i = 0; i < 5; ++i) {
            const Status s = audit.append(tenants[i], QLatin1String(actors[i]), QStringLiteral("action.%1").arg(i + 1),
                                          QStringLiteral("target %1").arg(i + 1), QStringLiteral("details %1").arg(i + 1));
            QVERIFY2(s.ok(), qPrintable(describe(s)));
        }
    }

    std::unique_ptr<QTemporaryDir> m_dir;
    std::shared_ptr<Database> m_database;
};

QTEST_GUILESS_MAIN(TestAuditLog)
#include "tst_auditlog.moc"
