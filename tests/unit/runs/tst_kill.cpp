// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "core/runs/RunService.h"
#include "core/store/Database.h"
#include "tests/testutils/HoldingRunProcess.h"
#include "tests/testutils/ResultText.h"
#include "tests/testutils/RunSignalRecorder.h"
#include "tests/testutils/TestDatabase.h"
#include "tests/testutils/TestJob.h"

#include <QDeadlineTimer>
#include <QHash>
#include <QProcess>
#include <QRandomGenerator>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

#include <functional>
#include <memory>

using namespace pv;
using namespace std::chrono_literals;

namespace {

// These tests decide when recovery happens (recoverInterrupted, or a start that meets the
// dead owner's run); the supervisor's periodic pass would race with their checks.
RunService::Options explicitRecovery()
{
    RunService::Options options;
    options.recoveryInterval = std::chrono::milliseconds(0);
    return options;
}

constexpr int Items = 20;
constexpr quint32 Seed = 20261127;

// Reads stdout lines until one satisfies `last` (returned lines include it) or time runs out.
QList<QByteArray> readUntil(QProcess& process, const std::function<bool(const QByteArray&)>& last,
                            QDeadlineTimer deadline)
{
    QList<QByteArray> lines;
    while (!deadline.hasExpired()) {
        while (process.canReadLine()) {
            lines.append(process.readLine().trimmed());
            if (last(lines.last()))
                return lines;
        }
        if (!process.waitForReadyRead(int(qMax<qint64>(1, deadline.remainingTime()))))
            break;
    }
    return lines;
}

qint64 runIdFrom(const QList<QByteArray>& lines)
{
    for (const QByteArray& line : lines) {
        if (line.startsWith("run "))
            return line.mid(4).toLongLong();
    }
    return 0;
}

QString integrityCheck(const std::shared_ptr<Database>& db)
{
    QSqlQuery q(db->connection());
    if (!q.exec(QStringLiteral("PRAGMA integrity_check")) || !q.next())
        return QStringLiteral("(no answer: %1)").arg(q.lastError().text());
    return q.value(0).toString();
}

QStringList helperArgs(const test::TestDatabase& db, const QStringList& more)
{
    return QStringList{QStringLiteral("--db"), db.path, QStringLiteral("--tenant"), QString::number(db.tenantId)} + more;
}

} // namespace

class tst_Kill : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void killAfterItem_data();
    void killAfterItem();
    void killAtAnyMoment_data();
    void killAtAnyMoment();
    void liveOwnerIsLeftAlone();
    void cancelReachesAnotherProcess();

private:
    test::TestDatabase m_db;
};

void tst_Kill::initTestCase()
{
    QVERIFY2(QFile::exists(test::runHelperPath()), qPrintable(test::runHelperPath()));
    // One database for all kills: every iteration also proves earlier ones left it sound.
    m_db = test::makeTestDatabase();
    QVERIFY(m_db.isValid());
}

void tst_Kill::killAfterItem_data()
{
    QTest::addColumn<int>("k");
    QTest::addColumn<bool>("recoverAtStartUp");   // else: a start() meets the dead run
    QRandomGenerator random(Seed);
    for (int i = 0; i < 10; ++i) {
        const int k = int(random.bounded(2, Items));   // 1 < k < n
        QTest::addRow("kill %d after item %d", i, k) << k << (i % 2 == 0);
    }
}

void tst_Kill::killAfterItem()
{
    QFETCH(int, k);
    QFETCH(bool, recoverAtStartUp);
    const QString target = QStringLiteral("kill-%1").arg(QString::fromUtf8(QTest::currentDataTag()));

    // The helper prints "item i" only after item i's row is committed and parks after item
    // k, so the SIGKILL lands exactly between two items of a running run.
    QProcess helper;
    helper.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    helper.start(test::runHelperPath(),
                 helperArgs(m_db, {QStringLiteral("run"), QStringLiteral("--items"), QString::number(Items),
                                   QStringLiteral("--item-delay"), QStringLiteral("2"), QStringLiteral("--target"),
                                   target, QStringLiteral("--stop-after"), QString::number(k)}));
    QVERIFY(helper.waitForStarted());
    const QByteArray lastLine = "item " + QByteArray::number(k);
    const QList<QByteArray> lines =
        readUntil(helper, [&](const QByteArray& line) { return line == lastLine; }, QDeadlineTimer(20000));
    QVERIFY2(!lines.isEmpty() && lines.last() == lastLine, lines.join(' ').constData());
    helper.kill();   // SIGKILL on Unix
    QVERIFY(helper.waitForFinished(10000));
    QCOMPARE(helper.exitStatus(), QProcess::CrashExit);
    const qint64 runId = runIdFrom(lines);
    QVERIFY(runId > 0);
    QCOMPARE(lines.size(), k + 1);   // "run <id>" and items 1..k, in order

    QCOMPARE(integrityCheck(m_db.database), QStringLiteral("ok"));

    RunService service(m_db.database, explicitRecovery());
    test::registerTestJobKinds(service);
    test::RunSignalRecorder recorder(service);
    auto scope = test::enterTenant(m_db.database, m_db.tenantId);
    QVERIFY(scope);
    QCOMPARE(service.run(*scope, runId)->status, RunStatus::Running);   // nobody noticed yet

    if (recoverAtStartUp) {
        QCOMPARE(service.recoverInterrupted(), 1);
    } else {
        // Starting the same request meets the dead owner's run and interrupts it first.
        auto fresh = service.start(*scope, RunRequest{QLatin1String(test::TestKind), target,
                                                      QJsonObject{{QStringLiteral("items"), 0}}, QStringLiteral("test")});
        QVERIFY2(fresh, test::errorText(fresh).constData());
        QVERIFY(!fresh->reused);
        QVERIFY(recorder.waitFinished(fresh->runId));
    }
    auto run = service.run(*scope, runId);
    QCOMPARE(run->status, RunStatus::Interrupted);
    QVERIFY(run->finishedAt.isValid());
    QCOMPARE(run->progressDone, k);
    QVERIFY(recorder.waitRecovered(runId));   // one recovery batch, not a run end
    QCOMPARE(recorder.finishedCount(runId), 0);

    auto parentItems = service.items(*scope, runId);
    QVERIFY(parentItems);
    QCOMPARE(parentItems->size(), k);
    bool interruptionNoted = false;
    for (const NotificationRecord& note : *service.notifications(*scope))
        interruptionNoted = interruptionNoted || (note.runId == runId && note.kind == QStringLiteral("run_interrupted"));
    QVERIFY(interruptionNoted);

    qint64 childId = 0;
    if (recoverAtStartUp) {
        auto child = service.resume(*scope, runId);
        QVERIFY2(child, test::errorText(child).constData());
        QVERIFY(!child->reused);
        QVERIFY(recorder.waitFinished(child->runId));
        QCOMPARE(recorder.finishedStatus(child->runId), RunStatus::Succeeded);
        childId = child->runId;
    } else {
        // Resume in yet another process, as the CLI would.
        QProcess resumer;
        resumer.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        resumer.start(test::runHelperPath(),
                      helperArgs(m_db, {QStringLiteral("run"), QStringLiteral("--resume"), QString::number(runId)}));
        QVERIFY(resumer.waitForStarted());
        const QList<QByteArray> out =
            readUntil(resumer, [](const QByteArray& line) { return line.startsWith("done "); }, QDeadlineTimer(20000));
        QVERIFY(resumer.waitForFinished(10000));
        QCOMPARE(resumer.exitCode(), 0);
        QCOMPARE(out.value(out.size() - 1), QByteArray("done succeeded"));
        QCOMPARE(out.size(), Items - k + 2);   // "run <id>", the executed items, "done …"
        childId = runIdFrom(out);
    }
    auto childRun = service.run(*scope, childId);
    QVERIFY(childRun);
    QCOMPARE(childRun->parentRunId, runId);
    auto childItems = service.items(*scope, childId);
    QCOMPARE(childItems->size(), Items - k);

    // Every item exactly once across parent and child.
    QHash<QString, int> covered;
    for (const RunItemRecord& item : *parentItems + *childItems)
        ++covered[item.itemKey];
    QCOMPARE(covered.size(), Items);
    for (auto it = covered.cbegin(); it != covered.cend(); ++it)
        QVERIFY2(it.value() == 1, qPrintable(it.key()));
    QCOMPARE(integrityCheck(m_db.database), QStringLiteral("ok"));
}

void tst_Kill::killAtAnyMoment_data()
{
    QTest::addColumn<int>("k");
    QRandomGenerator random(Seed + 1);
    for (int i = 0; i < 5; ++i) {
        const int k = int(random.bounded(5, 150));
        QTest::addRow("unparked kill %d near item %d", i, k) << k;
    }
}

// No parking: the helper races on through items of ~0 ms, so the kill lands wherever it
// happens to be (printing, executing, inside a transaction). Whatever was committed must be
// whole: every item row with its progress, a prefix of the plan, and the resume completes
// the rest exactly once.
void tst_Kill::killAtAnyMoment()
{
    QFETCH(int, k);
    constexpr int Many = 200;
    const QString target = QStringLiteral("race-%1").arg(QString::fromUtf8(QTest::currentDataTag()));
    QProcess helper;
    helper.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    helper.start(test::runHelperPath(),
                 helperArgs(m_db, {QStringLiteral("run"), QStringLiteral("--items"), QString::number(Many),
                                   QStringLiteral("--target"), target}));
    QVERIFY(helper.waitForStarted());
    const QByteArray lastLine = "item " + QByteArray::number(k);
    const QList<QByteArray> lines =
        readUntil(helper, [&](const QByteArray& line) { return line == lastLine || line.startsWith("done "); },
                  QDeadlineTimer(20000));
    helper.kill();
    QVERIFY(helper.waitForFinished(10000));
    const qint64 runId = runIdFrom(lines);
    QVERIFY(runId > 0);
    QCOMPARE(integrityCheck(m_db.database), QStringLiteral("ok"));

    RunService service(m_db.database, explicitRecovery());
    test::registerTestJobKinds(service);
    test::RunSignalRecorder recorder(service);
    auto scope = test::enterTenant(m_db.database, m_db.tenantId);
    service.recoverInterrupted();
    auto run = service.run(*scope, runId);
    QVERIFY(run);
    const auto parentItems = *service.items(*scope, runId);
    QCOMPARE(run->progressDone, parentItems.size());   // item rows and progress commit together
    if (run->status == RunStatus::Succeeded) {
        QCOMPARE(parentItems.size(), Many);   // it finished before the kill landed
        return;
    }
    QCOMPARE(run->status, RunStatus::Interrupted);
    QVERIFY(parentItems.size() >= k);
    qInfo("killed after seeing item %d: %lld item rows were committed", k, static_cast<long long>(parentItems.size()));
    for (int i = 0; i < parentItems.size(); ++i)
        QCOMPARE(parentItems.at(i).itemKey, QStringLiteral("item-%1").arg(i + 1));   // a prefix, in order

    auto child = service.resume(*scope, runId);
    QVERIFY2(child, test::errorText(child).constData());
    QVERIFY(recorder.waitFinished(child->runId));
    const auto childItems = *service.items(*scope, child->runId);
    QCOMPARE(childItems.size(), Many - parentItems.size());
    QHash<QString, int> covered;
    for (const RunItemRecord& item : parentItems + childItems)
        ++covered[item.itemKey];
    QCOMPARE(covered.size(), Many);
    for (auto it = covered.cbegin(); it != covered.cend(); ++it)
        QVERIFY2(it.value() == 1, qPrintable(it.key()));
}

void tst_Kill::liveOwnerIsLeftAlone()
{
    auto db = test::makeTestDatabase();
    QVERIFY(db.isValid());
    test::HoldingRunProcess holder;
    QVERIFY(holder.start(db.path, db.tenantId));
    const qint64 runId = holder.runId();

    RunService service(db.database, explicitRecovery());
    test::registerTestJobKinds(service);
    test::RunSignalRecorder recorder(service);
    auto scope = test::enterTenant(db.database, db.tenantId);
    QVERIFY(scope);
    QTRY_COMPARE_WITH_TIMEOUT(service.run(*scope, runId)->status, RunStatus::Running, 10000);
    QCOMPARE(service.run(*scope, runId)->ownerPid, holder.processId());

    // A second process (this one) starting up must not touch the live owner's run…
    QCOMPARE(service.recoverInterrupted(), 0);
    QCOMPARE(service.run(*scope, runId)->status, RunStatus::Running);
    // …an equal start reuses it instead of interrupting it…
    const QJsonObject holdParameters{{QStringLiteral("items"), 1}, {QStringLiteral("itemDelayMs"), 600000}};
    auto again = service.start(*scope, RunRequest{QLatin1String(test::TestKind), QStringLiteral("hold"),
                                                  holdParameters, QStringLiteral("test")});
    QVERIFY2(again, test::errorText(again).constData());
    QVERIFY(again->reused);
    QCOMPARE(again->runId, runId);
    // …and the same kind and target with other parameters is other work: Conflict, not reuse.
    auto other = service.start(*scope, RunRequest{QLatin1String(test::TestKind), QStringLiteral("hold"),
                                                  QJsonObject{{QStringLiteral("items"), 2}}, QStringLiteral("test")});
    QVERIFY(!other);
    QCOMPARE(other.error().code, ErrorCode::Conflict);
    QVERIFY2(other.error().message.contains(QString::number(runId)), qPrintable(other.error().message));
    QCOMPARE(service.notifications(*scope)->size(), 0);

    QVERIFY(holder.stop());   // the helper shuts its service down, cancelling its run
    QCOMPARE(service.run(*scope, runId)->status, RunStatus::Cancelled);
}

// Cancel across processes: this process asks, the process that executes the run stops it
// between items (its supervisor reads the request from the run's row) while it keeps running.
void tst_Kill::cancelReachesAnotherProcess()
{
    auto db = test::makeTestDatabase();
    QVERIFY(db.isValid());
    test::HoldingRunProcess holder;
    QVERIFY(holder.start(db.path, db.tenantId));
    const qint64 runId = holder.runId();

    RunService service(db.database, explicitRecovery());
    test::registerTestJobKinds(service);
    auto scope = test::enterTenant(db.database, db.tenantId);
    QVERIFY(scope);
    QTRY_COMPARE_WITH_TIMEOUT(service.run(*scope, runId)->status, RunStatus::Running, 10000);

    QVERIFY(service.cancel(*scope, runId));
    QVERIFY(service.run(*scope, runId)->cancelRequestedAt.isValid());
    // The owner ends it as cancelled, with its notification; it is still alive afterwards.
    QTRY_COMPARE_WITH_TIMEOUT(service.run(*scope, runId)->status, RunStatus::Cancelled, 20000);
    QVERIFY(holder.isRunning());
    const auto notes = service.notifications(*scope);
    QVERIFY(notes);
    QCOMPARE(notes->size(), 1);
    QCOMPARE(notes->first().runId, runId);
    QCOMPARE(service.run(*scope, runId)->ownerPid, holder.processId());

    QVERIFY(holder.stop());   // the helper shuts its service down, cancelling its run
    QCOMPARE(service.run(*scope, runId)->status, RunStatus::Cancelled);
}

QTEST_GUILESS_MAIN(tst_Kill)
#include "tst_kill.moc"
