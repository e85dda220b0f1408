// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
// The run engine's guards (issue: foundation hardening, items 4, 5, 7 and 9): read-only checked
// against the tenant's row, runs orphaned in their own process recovered, one writing run per
// tenant, other work is never a silent reuse, and another machine's runs are never judged.
#include "core/runs/ProcessInfo.h"
#include "core/runs/RunService.h"
#include "core/store/Database.h"
#include "core/store/TenantRepository.h"
#include "tests/testutils/ResultText.h"
#include "tests/testutils/RunSignalRecorder.h"
#include "tests/testutils/TestDatabase.h"
#include "tests/testutils/TestJob.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

using namespace pv;
using namespace Qt::StringLiterals;

namespace {

RunRequest writeRequest(const QString& target, int items = 1, int delayMs = 0)
{
    return RunRequest{QLatin1String(test::TestWriteKind), target,
                      QJsonObject{{u"items"_s, items}, {u"itemDelayMs"_s, delayMs}}, u"test"_s};
}

RunRequest readRequest(const QString& target, int items = 1, int delayMs = 0)
{
    return RunRequest{QLatin1String(test::TestKind), target,
                      QJsonObject{{u"items"_s, items}, {u"itemDelayMs"_s, delayMs}}, u"test"_s};
}

// A run row as a process leaves it when writing its claim or its end failed.
qint64 insertActiveRow(const test::TestDatabase& db, const QString& status, const QString& target,
                       const ProcessIdentity& owner)
{
    QSqlQuery q(db.database->connection());
    q.prepare(u"INSERT INTO runs(tenant_id, kind, target, status, dedupe_key, parameters, created_at, started_at,"
              " owner_host, owner_pid, owner_started_at) VALUES(?, 'test', ?, ?, ?, ?,"
              " '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z', ?, ?, ?)"_s);
    q.addBindValue(db.tenantId);
    q.addBindValue(target);
    q.addBindValue(status);
    q.addBindValue(u"%1|test|%2"_s.arg(db.tenantId).arg(target));
    q.addBindValue(u"{\"items\":1,\"itemDelayMs\":0}"_s);
    q.addBindValue(owner.host);
    q.addBindValue(owner.pid);
    q.addBindValue(owner.startTime);
    if (!q.exec()) {
        qWarning() << q.lastError().text();
        return 0;
    }
    return q.lastInsertId().toLongLong();
}

RunService::Options noPeriodicRecovery()
{
    RunService::Options options;
    options.recoveryInterval = std::chrono::milliseconds(0);
    return options;
}

} // namespace

class tst_RunGuards : public QObject
{
    Q_OBJECT

private slots:
    void readOnlyIsCheckedAtStart();
    void readOnlyIsCheckedWhenAWritingRunBegins();
    void orphanOfThisProcessIsRecovered();
    void orphanIsRecoveredPeriodically();
    void oneWritingRunPerTenant();
    void otherParametersAreAConflict();
    void anotherHostsRunIsNeverJudged();
};

// The window keeps one scope for its whole session; the tenant made read-only meanwhile must
// still refuse a writing run.
void tst_RunGuards::readOnlyIsCheckedAtStart()
{
    auto db = test::makeTestDatabase();
    QVERIFY(db.isValid());
    RunService service(db.database, noPeriodicRecovery());
    test::registerTestJobKinds(service);
    auto scope = test::enterTenant(db.database, db.tenantId);
    QVERIFY(scope && !scope->isReadOnly());
    QVERIFY(TenantRepository(db.database).setReadOnly(db.tenantId, true));

    auto refused = service.start(*scope, writeRequest(u"w"_s));
    QVERIFY(!refused);
    QCOMPARE(refused.error().code, ErrorCode::AccessDenied);
    QVERIFY(service.runs(*scope)->isEmpty());
    // Reads stay allowed on a read-only tenant.
    QVERIFY(service.start(*scope, readRequest(u"r"_s)));
}

void tst_RunGuards::readOnlyIsCheckedWhenAWritingRunBegins()
{
    auto db = test::makeTestDatabase();
    QVERIFY(db.isValid());
    RunService::Options options = noPeriodicRecovery();
    options.maxConcurrentRuns = 1;
    RunService service(db.database, options);
    test::registerTestJobKinds(service);
    test::RunSignalRecorder recorder(service);
    auto scope = test::enterTenant(db.database, db.tenantId);

    // The only worker is busy, so the writing run waits in the queue…
    auto blocker = service.start(*scope, readRequest(u"block"_s, 1, 600000));
    QVERIFY(blocker);
    auto write = service.start(*scope, writeRequest(u"w"_s));
    QVERIFY(write);
    QCOMPARE(service.run(*scope, write->runId)->status, RunStatus::Queued);
    // …while the tenant becomes read-only.
    QVERIFY(TenantRepository(db.database).setReadOnly(db.tenantId, true));
    QVERIFY(service.cancel(*scope, blocker->runId));

    QVERIFY(recorder.waitFinished(write->runId));
    const auto run = service.run(*scope, write->runId);
    QCOMPARE(run->status, RunStatus::Failed);
    QVERIFY2(run->errorSummary.contains(u"read-only"_s), qPrintable(run->errorSummary));
    QVERIFY(service.items(*scope, write->runId)->isEmpty());   // not one item was attempted
}

// A run of this process that its queue no longer holds (its claim or end write failed) used
// to count as "live": every later equal start reused it, until the app restarted.
void tst_RunGuards::orphanOfThisProcessIsRecovered()
{
    auto db = test::makeTestDatabase();
    QVERIFY(db.isValid());
    RunService service(db.database, noPeriodicRecovery());
    test::registerTestJobKinds(service);
    test::RunSignalRecorder recorder(service);
    auto scope = test::enterTenant(db.database, db.tenantId);
    const qint64 queued = insertActiveRow(db, u"queued"_s, u"orphan-q"_s, currentProcess());
    const qint64 running = insertActiveRow(db, u"running"_s, u"orphan-r"_s, currentProcess());
    QVERIFY(queued > 0 && running > 0);

    // An equal start meets the orphan: it ends it and starts afresh instead of reusing it.
    auto fresh = service.start(*scope, readRequest(u"orphan-r"_s));
    QVERIFY2(fresh, test::errorText(fresh).constData());
    QVERIFY(!fresh->reused);
    QCOMPARE(service.run(*scope, running)->status, RunStatus::Interrupted);
    QVERIFY(recorder.waitRecovered(running));

    // Start-up style recovery finds the other one; a live run of ours is left alone.
    auto live = service.start(*scope, readRequest(u"live"_s, 1, 600000));
    QVERIFY(live);
    QCOMPARE(service.recoverInterrupted(), 1);
    QCOMPARE(service.run(*scope, queued)->status, RunStatus::Interrupted);
    QVERIFY(isActive(service.run(*scope, live->runId)->status));
    QVERIFY(recorder.waitRecovered(queued));
    // Each has its notification row.
    int interruptedNotes = 0;
    for (const NotificationRecord& note : *service.notifications(*scope))
        interruptedNotes += note.kind == u"run_interrupted"_s ? 1 : 0;
    QCOMPARE(interruptedNotes, 2);
}

void tst_RunGuards::orphanIsRecoveredPeriodically()
{
    auto db = test::makeTestDatabase();
    QVERIFY(db.isValid());
    RunService::Options options;
    options.cancelPollInterval = std::chrono::milliseconds(50);
    options.recoveryInterval = std::chrono::milliseconds(100);
    RunService service(db.database, options);
    test::registerTestJobKinds(service);
    test::RunSignalRecorder recorder(service);
    auto scope = test::enterTenant(db.database, db.tenantId);
    const qint64 orphan = insertActiveRow(db, u"running"_s, u"orphan"_s, currentProcess());
    ProcessIdentity dead = currentProcess();
    dead.startTime += 1;   // this pid, another start time: a process that is gone
    const qint64 ghost = insertActiveRow(db, u"running"_s, u"ghost"_s, dead);
    QVERIFY(orphan > 0 && ghost > 0);

    // Nobody calls anything: the supervisor finds both, and reports them in one batch.
    QVERIFY(recorder.waitRecovered(orphan));
    QVERIFY(recorder.waitRecovered(ghost));
    QCOMPARE(recorder.recoveredBatches().size(), 1);
    QCOMPARE(recorder.recoveredBatches().first().size(), 2);
    QCOMPARE(service.run(*scope, orphan)->status, RunStatus::Interrupted);
    QCOMPARE(service.run(*scope, ghost)->status, RunStatus::Interrupted);
}

void tst_RunGuards::oneWritingRunPerTenant()
{
    auto db = test::makeTestDatabase();
    QVERIFY(db.isValid());
    const qint64 otherTenant = test::addTestTenant(db.database, u"Fabrikam"_s);
    RunService service(db.database, noPeriodicRecovery());
    test::registerTestJobKinds(service);
    auto scope = test::enterTenant(db.database, db.tenantId);
    auto otherScope = test::enterTenant(db.database, otherTenant);

    auto first = service.start(*scope, writeRequest(u"policy-1"_s, 1, 600000));
    QVERIFY(first);
    QVERIFY(service.run(*scope, first->runId)->writesTenant);
    // A different write on the same tenant: refused, naming the active one.
    auto second = service.start(*scope, writeRequest(u"policy-2"_s));
    QVERIFY(!second);
    QCOMPARE(second.error().code, ErrorCode::Conflict);
    QVERIFY2(second.error().message.contains(u"run %1"_s.arg(first->runId)), qPrintable(second.error().message));
    // The same write again is the same work: reused.
    auto same = service.start(*scope, writeRequest(u"policy-1"_s, 1, 600000));
    QVERIFY(same && same->reused && same->runId == first->runId);
    // Reads run beside it, and another tenant may write.
    QVERIFY(service.start(*scope, readRequest(u"backup"_s)));
    QVERIFY(service.start(*otherScope, writeRequest(u"policy-1"_s)));
    // The database itself refuses a second active writer, whichever process inserts it.
    QSqlQuery raw(db.database->connection());
    QVERIFY(!raw.exec(u"INSERT INTO runs(tenant_id, kind, status, dedupe_key, created_at, writes_tenant)"
                      " VALUES(%1, 'test_write', 'queued', 'elsewhere', '2026-01-01T00:00:00.000Z', 1)"_s.arg(db.tenantId)));

    QVERIFY(service.cancel(*scope, first->runId));
    QTRY_VERIFY_WITH_TIMEOUT(!isActive(service.run(*scope, first->runId)->status), 20000);
    QVERIFY(service.start(*scope, writeRequest(u"policy-2"_s)));   // the slot is free again
}

void tst_RunGuards::otherParametersAreAConflict()
{
    auto db = test::makeTestDatabase();
    QVERIFY(db.isValid());
    RunService service(db.database, noPeriodicRecovery());
    test::registerTestJobKinds(service);
    auto scope = test::enterTenant(db.database, db.tenantId);
    auto first = service.start(*scope, readRequest(u"t"_s, 1, 600000));
    QVERIFY(first);
    auto other = service.start(*scope, readRequest(u"t"_s, 5, 600000));
    QVERIFY(!other);
    QCOMPARE(other.error().code, ErrorCode::Conflict);
    auto same = service.start(*scope, readRequest(u"t"_s, 1, 600000));
    QVERIFY(same && same->reused);
}

// A store shared later between machines: a run of another host is never judged by a local pid.
void tst_RunGuards::anotherHostsRunIsNeverJudged()
{
    auto db = test::makeTestDatabase();
    QVERIFY(db.isValid());
    RunService service(db.database, noPeriodicRecovery());
    test::registerTestJobKinds(service);
    auto scope = test::enterTenant(db.database, db.tenantId);
    ProcessIdentity elsewhere{999999, 1, u"another-machine"_s};
    const qint64 remote = insertActiveRow(db, u"running"_s, u"remote"_s, elsewhere);
    QVERIFY(remote > 0);
    QCOMPARE(service.recoverInterrupted(), 0);
    auto again = service.start(*scope, readRequest(u"remote"_s));
    QVERIFY(again && again->reused && again->runId == remote);
    QCOMPARE(service.run(*scope, remote)->status, RunStatus::Running);
    // And our own runs record our host.
    auto mine = service.start(*scope, readRequest(u"local"_s));
    QVERIFY(mine);
    QCOMPARE(service.run(*scope, mine->runId)->ownerHost, currentHostName());
    QVERIFY(!currentHostName().isEmpty());
}

QTEST_GUILESS_MAIN(tst_RunGuards)
#include "tst_runguards.moc"
