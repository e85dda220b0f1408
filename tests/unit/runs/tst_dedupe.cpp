// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "core/runs/ProcessInfo.h"
#include "core/runs/RunService.h"
#include "core/store/AuditLog.h"
#include "core/store/Database.h"
#include "tests/testutils/ResultText.h"
#include "tests/testutils/RunSignalRecorder.h"
#include "tests/testutils/TestDatabase.h"
#include "tests/testutils/TestJob.h"

#include <QDateTime>
#include <QDeadlineTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

#include <memory>

using namespace pv;
using namespace std::chrono_literals;

namespace {

RunRequest holdRequest(const QString& target)
{
    return RunRequest{QLatin1String(test::TestKind), target,
                      QJsonObject{{QStringLiteral("items"), 1}, {QStringLiteral("itemDelayMs"), 600000}},
                      QStringLiteral("test")};
}

qint64 countRows(const std::shared_ptr<Database>& db, const QString& sql)
{
    QSqlQuery q(db->connection());
    if (!q.exec(sql) || !q.next())
        return -1;
    return q.value(0).toLongLong();
}

// Reads lines until `count` arrived or the deadline passed (the helper prints them in one go).
QList<QByteArray> readLines(QProcess& process, int count, QDeadlineTimer deadline)
{
    QList<QByteArray> lines;
    while (lines.size() < count && !deadline.hasExpired()) {
        while (process.canReadLine() && lines.size() < count)
            lines.append(process.readLine().trimmed());
        if (lines.size() < count && !process.waitForReadyRead(int(qMax<qint64>(1, deadline.remainingTime()))))
            break;
    }
    return lines;
}

} // namespace

class tst_Dedupe : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void fiftyCallersInTwoProcessesGetOneRun();
    void rawInsertOfSecondActiveRowViolatesIndex();
    void differentTargetGivesAnotherRun();
    void endedRunIsNotReused();
    void deadOwnersRunIsInterruptedOnStart();
};

void tst_Dedupe::initTestCase()
{
    QVERIFY2(QFile::exists(test::runHelperPath()), qPrintable(test::runHelperPath()));
}

void tst_Dedupe::fiftyCallersInTwoProcessesGetOneRun()
{
    auto db = test::makeTestDatabase();
    QVERIFY(db.isValid());
    constexpr int Threads = 25;
    // Both processes wait for the same wall-clock instant, so all 50 calls collide.
    const qint64 at = QDateTime::currentMSecsSinceEpoch() + 1500;
    const QStringList args{QStringLiteral("start"), QStringLiteral("--db"), db.path, QStringLiteral("--tenant"),
                           QString::number(db.tenantId), QStringLiteral("--threads"), QString::number(Threads),
                           QStringLiteral("--kind"), QStringLiteral("test"), QStringLiteral("--target"),
                           QStringLiteral("same"), QStringLiteral("--at"), QString::number(at)};
    std::unique_ptr<QProcess> processes[2];
    for (auto& process : processes) {
        process = std::make_unique<QProcess>();
        process->setProcessChannelMode(QProcess::ForwardedErrorChannel);
        process->start(test::runHelperPath(), args);
        QVERIFY(process->waitForStarted());
    }

    QList<QJsonObject> answers;
    for (auto& process : processes) {
        const QList<QByteArray> lines = readLines(*process, Threads, QDeadlineTimer(30000));
        QCOMPARE(lines.size(), Threads);
        for (const QByteArray& line : lines)
            answers.append(QJsonDocument::fromJson(line).object());
    }

    QCOMPARE(answers.size(), 2 * Threads);
    const qint64 runId = answers.first().value(QStringLiteral("runId")).toInteger();
    int reused = 0;
    for (const QJsonObject& answer : std::as_const(answers)) {
        QCOMPARE(answer.value(QStringLiteral("error")).toString(), QString());   // no SQLITE_BUSY, nothing
        QCOMPARE(answer.value(QStringLiteral("runId")).toInteger(), runId);
        if (answer.value(QStringLiteral("reused")).toBool())
            ++reused;
    }
    QVERIFY(runId > 0);
    QCOMPARE(reused, 2 * Threads - 1);
    QCOMPARE(countRows(db.database, QStringLiteral("SELECT COUNT(*) FROM runs")), 1);

    // Closing stdin ends the helpers; the owner cancels its run on the way out.
    for (auto& process : processes) {
        process->closeWriteChannel();
        QVERIFY(process->waitForFinished(20000));
        QCOMPARE(process->exitCode(), 0);
    }
    QCOMPARE(countRows(db.database, QStringLiteral("SELECT COUNT(*) FROM runs WHERE status = 'cancelled'")), 1);
    QCOMPARE(countRows(db.database, QStringLiteral("SELECT COUNT(*) FROM notifications")), 1);
    // 50 racing starts audit one start, and the hash chain written from two processes at once
    // still verifies.
    QCOMPARE(countRows(db.database, QStringLiteral("SELECT COUNT(*) FROM audit_log WHERE action = 'run.start'")), 1);
    const auto verified = AuditLog(db.database).verify();
    QVERIFY(verified && verified->ok);
}

void tst_Dedupe::rawInsertOfSecondActiveRowViolatesIndex()
{
    auto db = test::makeTestDatabase();
    QVERIFY(db.isValid());
    RunService service(db.database);
    test::registerTestJobKinds(service);
    test::RunSignalRecorder recorder(service);
    auto scope = test::enterTenant(db.database, db.tenantId);
    auto ref = service.start(*scope, holdRequest(QStringLiteral("x")));
    QVERIFY2(ref, test::errorText(ref).constData());

    QSqlQuery key(db.database->connection());
    QVERIFY(key.prepare(QStringLiteral("SELECT dedupe_key FROM runs WHERE id = ?")));
    key.addBindValue(ref->runId);
    QVERIFY(key.exec() && key.next());
    const QString dedupeKey = key.value(0).toString();
    key.finish();   // an open read statement would pin a WAL snapshot and make writes fail busy

    const auto insert = [&](const QString& status) {
        QSqlQuery q(db.database->connection());
        q.prepare(QStringLiteral("INSERT INTO runs(tenant_id, kind, target, status, dedupe_key, created_at)"
                                 " VALUES(?, 'test', 'x', ?, ?, '2026-01-01T00:00:00.000Z')"));
        q.addBindValue(db.tenantId);
        q.addBindValue(status);
        q.addBindValue(dedupeKey);
        const bool ok = q.exec();
        if (!ok)
            qInfo("refused: %s", qPrintable(q.lastError().databaseText()));
        return ok;
    };
    QVERIFY(!insert(QStringLiteral("queued")));
    QVERIFY(!insert(QStringLiteral("running")));
    QVERIFY(insert(QStringLiteral("succeeded")));   // the index covers active rows only

    QVERIFY(service.cancel(*scope, ref->runId));
    QVERIFY(recorder.waitFinished(ref->runId));
    QVERIFY(insert(QStringLiteral("queued")));       // the key is free once the run ended
}

void tst_Dedupe::differentTargetGivesAnotherRun()
{
    auto db = test::makeTestDatabase();
    QVERIFY(db.isValid());
    const qint64 otherTenant = test::addTestTenant(db.database, QStringLiteral("Fabrikam"));
    RunService service(db.database);
    test::registerTestJobKinds(service);
    test::RunSignalRecorder recorder(service);
    auto scope = test::enterTenant(db.database, db.tenantId);
    auto other = test::enterTenant(db.database, otherTenant);

    auto a = service.start(*scope, holdRequest(QStringLiteral("a")));
    auto b = service.start(*scope, holdRequest(QStringLiteral("b")));
    auto a2 = service.start(*scope, holdRequest(QStringLiteral("a")));
    auto otherA = service.start(*other, holdRequest(QStringLiteral("a")));
    QVERIFY(a && b && a2 && otherA);
    QVERIFY(!a->reused);
    QVERIFY(!b->reused);
    QVERIFY(b->runId != a->runId);
    QVERIFY(a2->reused);
    QCOMPARE(a2->runId, a->runId);
    QVERIFY(!otherA->reused);   // same kind and target, another tenant: another run
    QVERIFY(otherA->runId != a->runId);

    for (auto [s, id] : {std::pair{*scope, a->runId}, std::pair{*scope, b->runId}, std::pair{*other, otherA->runId}}) {
        QVERIFY(service.cancel(s, id));
        QVERIFY(recorder.waitFinished(id));
    }
}

void tst_Dedupe::endedRunIsNotReused()
{
    auto db = test::makeTestDatabase();
    QVERIFY(db.isValid());
    RunService service(db.database);
    test::registerTestJobKinds(service);
    test::RunSignalRecorder recorder(service);
    auto scope = test::enterTenant(db.database, db.tenantId);
    const RunRequest request{QLatin1String(test::TestKind), QStringLiteral("quick"),
                             QJsonObject{{QStringLiteral("items"), 2}}, QStringLiteral("test")};
    auto first = service.start(*scope, request);
    QVERIFY(first);
    QVERIFY(recorder.waitFinished(first->runId));
    auto second = service.start(*scope, request);
    QVERIFY(second);
    QVERIFY(!second->reused);
    QVERIFY(second->runId != first->runId);
    QVERIFY(recorder.waitFinished(second->runId));
}

void tst_Dedupe::deadOwnersRunIsInterruptedOnStart()
{
    auto db = test::makeTestDatabase();
    QVERIFY(db.isValid());
    RunService service(db.database);
    test::registerTestJobKinds(service);
    test::RunSignalRecorder recorder(service);
    auto scope = test::enterTenant(db.database, db.tenantId);

    // A "running" row whose owner is this pid with another start time: a reused pid, so the
    // owner is dead.
    const ProcessIdentity self = currentProcess();
    QVERIFY(self.startTime != 0);
    QSqlQuery q(db.database->connection());
    q.prepare(QStringLiteral("INSERT INTO runs(tenant_id, kind, target, status, dedupe_key, created_at, started_at,"
                             " owner_pid, owner_started_at) VALUES(?, 'test', 'ghost', 'running', ?,"
                             " '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z', ?, ?)"));
    q.addBindValue(db.tenantId);
    q.addBindValue(QStringLiteral("%1|test|ghost").arg(db.tenantId));
    q.addBindValue(self.pid);
    q.addBindValue(self.startTime + 1);
    QVERIFY2(q.exec(), qPrintable(q.lastError().text()));
    const qint64 ghost = q.lastInsertId().toLongLong();
    QVERIFY(!isProcessAlive(ProcessIdentity{self.pid, self.startTime + 1, self.host}));
    QVERIFY(isProcessAlive(self));

    auto ref = service.start(*scope, RunRequest{QLatin1String(test::TestKind), QStringLiteral("ghost"),
                                                QJsonObject{{QStringLiteral("items"), 1}}, QStringLiteral("test")});
    QVERIFY2(ref, test::errorText(ref).constData());
    QVERIFY(!ref->reused);
    QVERIFY(ref->runId != ghost);
    QCOMPARE(service.run(*scope, ghost)->status, RunStatus::Interrupted);
    QVERIFY(recorder.waitRecovered(ghost));
    QCOMPARE(recorder.finishedCount(ghost), 0);   // recovered runs come as one batch, not as run ends
    auto notes = service.notifications(*scope);
    QVERIFY(notes && notes->size() >= 1);
    QCOMPARE(notes->last().runId, ghost);
    QCOMPARE(notes->last().kind, QStringLiteral("run_interrupted"));
    QVERIFY(recorder.waitFinished(ref->runId));
}

QTEST_GUILESS_MAIN(tst_Dedupe)
#include "tst_dedupe.moc"
