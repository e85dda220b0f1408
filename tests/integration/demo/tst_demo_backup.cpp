// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
// The demo tenant end to end, as the GUI and the CLI wire it: DemoTenant::ensure adds it,
// its graphsim exits and another process takes its port, then a backup run — through
// JobKinds::makeServices with prepareSimulatedTenant = DemoTenant::prepareFor — restarts
// graphsim, follows it to the new port, signs in with the stored secret and captures; after
// `demo change` a re-capture records exactly the changed policies as new versions.
#include "core/capture/BackupJob.h"
#include "core/capture/CaptureRequests.h"
#include "core/demo/DemoServer.h"
#include "core/demo/DemoTenant.h"
#include "core/jobs/JobKinds.h"
#include "core/runs/ProcessInfo.h"
#include "core/runs/RunService.h"
#include "core/runs/TenantService.h"
#include "core/secrets/InMemorySecretStore.h"
#include "core/store/SnapshotRepository.h"
#include "core/store/TenantRepository.h"
#include "tests/testutils/ResultText.h"
#include "tests/testutils/TestDatabase.h"

#include <QSet>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#ifdef Q_OS_UNIX
#include <csignal>
#endif

using namespace pv;

class TestDemoBackup : public QObject
{
    Q_OBJECT

private slots:
    void cleanup();
    void backupAndRecaptureTheDemoTenant();

private:
    std::optional<RunRecord> backupToEnd(RunService& runs, const TenantScope& scope);

    QTemporaryDir m_dir;
    QList<qint64> m_pids;
};

void TestDemoBackup::cleanup()
{
    if (auto running = DemoServer::running(m_dir.path()))
        m_pids.append(running->pid);
    (void)DemoServer::stop(m_dir.path());
    for (qint64 pid : std::as_const(m_pids)) {
#ifdef Q_OS_UNIX
        if (isProcessAlive(ProcessIdentity{pid, 0, {}}))
            ::kill(pid_t(pid), SIGKILL);
#endif
        QVERIFY(QTest::qWaitFor([pid] { return !isProcessAlive(ProcessIdentity{pid, 0, {}}); }, 15000));
    }
}

std::optional<RunRecord> TestDemoBackup::backupToEnd(RunService& runs, const TenantScope& scope)
{
    auto request = capture::backupRequest({}, false, QStringLiteral("test"));
    if (!request)
        return std::nullopt;
    auto ref = runs.start(scope, *request);
    if (!ref) {
        qWarning("start: %s", qPrintable(ref.error().toString()));
        return std::nullopt;
    }
    std::optional<RunRecord> record;
    if (!QTest::qWaitFor([&] {
            auto r = runs.run(scope, ref->runId);
            if (r && !isActive(r->status))
                record = *r;
            return record.has_value();
        }, 180000))
        qWarning("run %lld did not end in time", static_cast<long long>(ref->runId));
    return record;
}

void TestDemoBackup::backupAndRecaptureTheDemoTenant()
{
    QVERIFY(m_dir.isValid());
    const test::TestDatabase db = test::makeTestDatabase();
    QVERIFY(db.isValid());
    InMemorySecretStore secrets;
    JobKinds::ServiceOptions serviceOptions;
    serviceOptions.prepareSimulatedTenant = DemoTenant::prepareFor(m_dir.path(), db.database);
    RunService::Options runOptions;
    runOptions.jobServices = JobKinds::makeServices(db.database, &secrets, serviceOptions);
    RunService runs(db.database, runOptions);
    JobKinds::registerAll(runs, *runOptions.jobServices);
    const TenantService tenants(db.database, runs, secrets);
    const TenantRepository repository(db.database);

    auto setup = DemoTenant::ensure(m_dir.path(), tenants, repository, secrets);
    QVERIFY2(setup.ok(), test::errorText(setup).constData());
    m_pids.append(setup->endpoint.pid);
    const QUrl firstUrl = setup->endpoint.httpsUrl;

    // graphsim went idle and exited; meanwhile something else took its port.
    QVERIFY(DemoServer::stop(m_dir.path()).ok());
    QTcpServer squatter;
    QVERIFY(squatter.listen(QHostAddress::LocalHost, quint16(firstUrl.port())));

    const std::optional<TenantScope> scope = test::enterTenant(db.database, setup->tenant.id);
    QVERIFY(scope);
    const std::optional<RunRecord> first = backupToEnd(runs, *scope);
    QVERIFY(first);
    QCOMPARE(runStatusName(first->status), runStatusName(RunStatus::Succeeded));
    auto snapshot = SnapshotRepository(db.database).snapshotOfRun(*scope, first->id);
    QVERIFY2(snapshot.ok(), test::errorText(snapshot).constData());
    auto running = DemoServer::running(m_dir.path());
    QVERIFY(running.ok());
    m_pids.append(running->pid);
    QVERIFY(running->httpsUrl != firstUrl);
    QCOMPARE(repository.byId(setup->tenant.id)->graphUrl, running->httpsUrl.toString());

    // Practise: random edits, then a re-capture records exactly those policies anew.
    auto changes = DemoTenant::change(m_dir.path(), 4);
    QVERIFY2(changes.ok(), test::errorText(changes).constData());
    QCOMPARE(changes->size(), 4);
    QSet<QString> changed;
    QSet<QString> deleted;
    for (const DemoTenant::Change& change : changes.value())
        (change.kind == QLatin1String("deleted") ? deleted : changed).insert(change.policyId);
    changed.subtract(deleted);

    const std::optional<RunRecord> second = backupToEnd(runs, *scope);
    QVERIFY(second);
    QCOMPARE(runStatusName(second->status), runStatusName(RunStatus::Succeeded));
    auto items = runs.items(*scope, second->id);
    QVERIFY(items.ok());
    QSet<QString> updated;
    for (const RunItemRecord& item : items.value()) {
        QVERIFY2(item.outcome != ItemOutcome::Failed, qPrintable(item.itemKey + QLatin1Char(' ') + item.message));
        if (item.outcome == ItemOutcome::Updated)
            updated.insert(item.itemKey.section(QLatin1Char(':'), 1));
        QVERIFY2(!deleted.contains(item.itemKey.section(QLatin1Char(':'), 1)), qPrintable(item.itemKey));
    }
    QCOMPARE(updated, changed);
}

QTEST_GUILESS_MAIN(TestDemoBackup)
#include "tst_demo_backup.moc"
