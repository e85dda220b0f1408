// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "core/runs/AccessGate.h"
#include "core/runs/RunService.h"
#include "core/store/Database.h"
#include "tests/testutils/ResultText.h"
#include "tests/testutils/RunSignalRecorder.h"
#include "tests/testutils/TestDatabase.h"
#include "tests/testutils/TestJob.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

#include <functional>
#include <memory>
#include <optional>

using namespace pv;

namespace {

/// What a call did: ok, or the error code.
using Outcome = std::optional<ErrorCode>;

template<typename T>
Outcome outcomeOf(const Result<T>& result)
{
    return result.ok() ? Outcome() : Outcome(result.error().code);
}

/// One public method, called with a scope and an id (a run or a notification id, whichever it
/// takes; list-style methods ignore the id and must simply not see the other tenant's data).
using Call = std::function<Outcome(RunService&, const TenantScope&, qint64 runId, qint64 notificationId)>;

constexpr qint64 UnknownId = 987654321;

} // namespace

Q_DECLARE_METATYPE(Call)

class tst_Isolation : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void byId_data();
    void byId();
    void listsSeeOnlyOwnTenant();
    void accessGate();
    void readOnlyTenantRefusesWriteKinds();

private:
    test::TestDatabase m_db;
    std::unique_ptr<RunService> m_service;
    std::optional<TenantScope> m_a;
    std::optional<TenantScope> m_b;
    qint64 m_runA = 0;           // A's ended (partially succeeded) run
    qint64 m_activeRunA = 0;     // A's running run
    qint64 m_notificationA = 0;
};

void tst_Isolation::initTestCase()
{
    m_db = test::makeTestDatabase(QStringLiteral("Contoso"));
    QVERIFY(m_db.isValid());
    const qint64 tenantB = test::addTestTenant(m_db.database, QStringLiteral("Fabrikam"));
    QVERIFY(tenantB > 0);
    m_service = std::make_unique<RunService>(m_db.database);
    test::registerTestJobKinds(*m_service);
    m_a = test::enterTenant(m_db.database, m_db.tenantId);
    m_b = test::enterTenant(m_db.database, tenantB);
    QVERIFY(m_a && m_b);

    test::RunSignalRecorder recorder(*m_service);
    auto ended = m_service->start(*m_a, RunRequest{QLatin1String(test::TestKind), QStringLiteral("ended"),
                                                   QJsonObject{{QStringLiteral("items"), 4},
                                                               {QStringLiteral("failEvery"), 2}},
                                                   QStringLiteral("test")});
    QVERIFY2(ended, test::errorText(ended).constData());
    QVERIFY(recorder.waitFinished(ended->runId));
    m_runA = ended->runId;
    auto active = m_service->start(*m_a, RunRequest{QLatin1String(test::TestKind), QStringLiteral("active"),
                                                    QJsonObject{{QStringLiteral("items"), 1},
                                                                {QStringLiteral("itemDelayMs"), 600000}},
                                                    QStringLiteral("test")});
    QVERIFY(active);
    m_activeRunA = active->runId;
    QTRY_COMPARE(m_service->run(*m_a, m_activeRunA)->status, RunStatus::Running);
    auto notes = m_service->notifications(*m_a);
    QVERIFY(notes && notes->size() == 1);
    m_notificationA = notes->first().id;
}

void tst_Isolation::cleanupTestCase()
{
    if (m_service && m_a && m_activeRunA > 0)
        QVERIFY(m_service->cancel(*m_a, m_activeRunA));
    m_service.reset();   // waits for the worker
}

void tst_Isolation::byId_data()
{
    QTest::addColumn<Call>("call");
    QTest::addColumn<bool>("onActiveRun");   // cancel needs a run that could be cancelled

    QTest::addRow("run") << Call([](RunService& s, const TenantScope& t, qint64 r, qint64) {
        return outcomeOf(s.run(t, r));
    }) << false;
    QTest::addRow("items") << Call([](RunService& s, const TenantScope& t, qint64 r, qint64) {
        return outcomeOf(s.items(t, r));
    }) << false;
    QTest::addRow("resume") << Call([](RunService& s, const TenantScope& t, qint64 r, qint64) {
        return outcomeOf(s.resume(t, r));
    }) << false;
    QTest::addRow("cancel") << Call([](RunService& s, const TenantScope& t, qint64 r, qint64) {
        return outcomeOf(s.cancel(t, r));
    }) << true;
    QTest::addRow("notification") << Call([](RunService& s, const TenantScope& t, qint64, qint64 n) {
        return outcomeOf(s.notification(t, n));
    }) << false;
    QTest::addRow("markNotificationRead") << Call([](RunService& s, const TenantScope& t, qint64, qint64 n) {
        return outcomeOf(s.markNotificationRead(t, n));
    }) << false;
}

void tst_Isolation::byId()
{
    QFETCH(Call, call);
    QFETCH(bool, onActiveRun);
    const qint64 runId = onActiveRun ? m_activeRunA : m_runA;

    // Tenant B reaching for tenant A's run or notification: AccessDenied, not NotFound.
    QCOMPARE(call(*m_service, *m_b, runId, m_notificationA), Outcome(ErrorCode::AccessDenied));
    // An id that exists nowhere: NotFound, for either tenant.
    QCOMPARE(call(*m_service, *m_b, UnknownId, UnknownId), Outcome(ErrorCode::NotFound));
    QCOMPARE(call(*m_service, *m_a, UnknownId, UnknownId), Outcome(ErrorCode::NotFound));

    // Nothing of A's changed: the run is as it was, the notification still unread, no child.
    QCOMPARE(m_service->run(*m_a, m_activeRunA)->status, RunStatus::Running);
    QCOMPARE(m_service->run(*m_a, m_runA)->status, RunStatus::PartiallySucceeded);
    QVERIFY(!m_service->notification(*m_a, m_notificationA)->readAt.isValid());
    QCOMPARE(m_service->runs(*m_a)->size(), 2);
    QCOMPARE(m_service->runs(*m_b)->size(), 0);
}

void tst_Isolation::listsSeeOnlyOwnTenant()
{
    QCOMPARE(m_service->runs(*m_b)->size(), 0);
    QCOMPARE(m_service->runs(*m_a)->size(), 2);
    QCOMPARE(m_service->notifications(*m_b)->size(), 0);
    QCOMPARE(m_service->notifications(*m_b, true)->size(), 0);
    QCOMPARE(*m_service->unreadNotificationCount(*m_b), 0);
    QVERIFY(m_service->markAllNotificationsRead(*m_b));
    QCOMPARE(*m_service->unreadNotificationCount(*m_a), 1);   // B's "mark all" left A's alone

    // B starting the same kind and target as A's active run gets its own run.
    auto own = m_service->start(*m_b, RunRequest{QLatin1String(test::TestKind), QStringLiteral("active"),
                                                 QJsonObject{{QStringLiteral("items"), 0}}, QStringLiteral("test")});
    QVERIFY(own);
    QVERIFY(!own->reused);
    QVERIFY(own->runId != m_activeRunA);
    QCOMPARE(m_service->run(*m_b, own->runId)->tenantId, m_b->tenantId());
}

void tst_Isolation::accessGate()
{
    AccessGate gate(m_db.database);
    auto byId = gate.enter(m_db.tenantId);
    QVERIFY(byId);
    QCOMPARE(byId->tenantId(), m_db.tenantId);
    QVERIFY(!byId->isReadOnly());
    auto byName = gate.enterByName(QStringLiteral("fabrikam"));   // case-insensitive
    QVERIFY(byName);
    QCOMPARE(byName->tenantId(), m_b->tenantId());
    auto unknown = gate.enter(UnknownId);
    QVERIFY(!unknown);
    QCOMPARE(unknown.error().code, ErrorCode::NotFound);
    auto unknownName = gate.enterByName(QStringLiteral("Northwind"));
    QVERIFY(!unknownName);
    QCOMPARE(unknownName.error().code, ErrorCode::NotFound);
}

void tst_Isolation::readOnlyTenantRefusesWriteKinds()
{
    const qint64 reviewer = test::addTestTenant(m_db.database, QStringLiteral("Reviewer"), true);
    QVERIFY(reviewer > 0);
    auto scope = test::enterTenant(m_db.database, reviewer);
    QVERIFY(scope && scope->isReadOnly());
    auto write = m_service->start(*scope, RunRequest{QLatin1String(test::TestWriteKind), {}, {}, QStringLiteral("test")});
    QVERIFY(!write);
    QCOMPARE(write.error().code, ErrorCode::AccessDenied);
    QCOMPARE(m_service->runs(*scope)->size(), 0);

    // A write-kind run left from before the tenant became read-only cannot be resumed.
    QSqlQuery q(m_db.database->connection());
    q.prepare(QStringLiteral("INSERT INTO runs(tenant_id, kind, target, status, dedupe_key, created_at)"
                             " VALUES(?, 'test_write', '', 'failed', 'x', '2026-01-01T00:00:00.000Z')"));
    q.addBindValue(reviewer);
    QVERIFY2(q.exec(), qPrintable(q.lastError().text()));
    auto resume = m_service->resume(*scope, q.lastInsertId().toLongLong());
    QVERIFY(!resume);
    QCOMPARE(resume.error().code, ErrorCode::AccessDenied);

    // Read kinds still run there.
    test::RunSignalRecorder recorder(*m_service);
    auto read = m_service->start(*scope, RunRequest{QLatin1String(test::TestKind), {}, {}, QStringLiteral("test")});
    QVERIFY2(read, test::errorText(read).constData());
    QVERIFY(recorder.waitFinished(read->runId));
}

QTEST_GUILESS_MAIN(tst_Isolation)
#include "tst_isolation.moc"
