// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
// A backup killed with SIGKILL in the middle (another process, real graphsim over HTTPS, real
// SQLite), recovered and resumed, ends with exactly the content an uninterrupted backup of the
// same graphsim state gives: the same objects, the same content hashes, one version each, a
// complete snapshot of the chain's root run.
#include "BackupHelperProcess.h"
#include "CaptureTestEnv.h"

#include "core/store/Database.h"
#include "core/store/TenantRepository.h"

#include <QSqlQuery>
#include <QTest>

using namespace pv;

namespace {

/// "typeKey:graphId" → content hash of the version snapshot `snapshotId` holds.
QMap<QString, QString> hashesOf(SnapshotRepository& repo, const TenantScope& scope, qint64 snapshotId)
{
    QMap<QString, QString> out;
    auto items = repo.snapshotItems(scope, snapshotId);
    if (!items)
        return out;
    for (const auto& [policy, version] : std::as_const(*items))
        out.insert(policy.typeKey + QLatin1Char(':') + policy.graphId, version.contentHash);
    return out;
}

qint64 scalar(const Database& database, const QString& sql, qint64 bind)
{
    QSqlQuery query(database.connection());
    query.prepare(sql);
    query.addBindValue(bind);
    return query.exec() && query.next() ? query.value(0).toLongLong() : -1;
}

} // namespace

class TestBackupKill : public QObject
{
    Q_OBJECT

private slots:
    void killedBackupResumesToTheSameContent();
};

void TestBackupKill::killedBackupResumesToTheSameContent()
{
    graphsim::SimOptions options;
    options.tenantProfiles = {QStringLiteral("small")};
    options.latencyMs = 20;
    CaptureTestEnv env(options);
    QString error;
    QVERIFY2(env.start(&error), qPrintable(error));
    const QString secret = env.graph().tenant(0).clientSecret;
    const int total = int(env.policiesIndependently().size()
                          + env.listIndependently(QStringLiteral("/deviceManagement/assignmentFilters")).size()
                          + env.listIndependently(QStringLiteral("/deviceManagement/roleScopeTags")).size());
    QVERIFY(total > 100);

    // The backup in another process, parked right after its 40th committed item; killed there.
    constexpr int KillAfter = 40;
    BackupHelperProcess victim;
    QVERIFY(victim.start({QStringLiteral("backup"), QStringLiteral("--db"), env.database()->path(),
                          QStringLiteral("--tenant"), QString::number(env.tenantId()), QStringLiteral("--stop-after"),
                          QString::number(KillAfter)}, secret));
    const QString runLine = victim.waitForLine(QStringLiteral("run "));
    QVERIFY2(!runLine.isEmpty(), qPrintable(victim.lines().join(u'\n')));
    const qint64 runId = runLine.mid(4).toLongLong();
    QVERIFY(runId > 0);
    QVERIFY2(!victim.waitForLine(QStringLiteral("item %1 ").arg(KillAfter)).isEmpty(), qPrintable(victim.lines().join(u'\n')));
    victim.process().kill();   // SIGKILL (TerminateProcess on Windows): no clean-up runs
    QVERIFY(QTest::qWaitFor([&] { return victim.process().state() == QProcess::NotRunning; }, 20000));
    QCOMPARE(victim.process().exitStatus(), QProcess::CrashExit);

    // Mid-backup: some items committed, not all; the run still says running (its owner died).
    const QString committedSql = QStringLiteral("SELECT COUNT(*) FROM run_items WHERE run_id = ?");
    const qint64 committed = scalar(*env.database(), committedSql, runId);
    QVERIFY2(committed >= KillAfter && committed < total, qPrintable(QString::number(committed)));
    auto killed = env.runs().run(env.scope(), runId);
    QVERIFY(killed);
    QCOMPARE(runStatusName(killed->status), QStringLiteral("running"));

    // Recovery (this process's run service finds the dead owner), then the resume.
    QTRY_VERIFY_WITH_TIMEOUT((env.runs().recoverInterrupted(), env.runs().run(env.scope(), runId)->status == RunStatus::Interrupted),
                             30000);
    auto child = env.runs().resume(env.scope(), runId);
    QVERIFY2(child, qPrintable(child ? QString() : child.error().toString()));
    auto resumed = env.waitForEnd(child->runId);
    QVERIFY(resumed);
    QCOMPARE(runStatusName(resumed->status), QStringLiteral("succeeded"));
    // The child redid only what the killed run had not committed.
    QCOMPARE(resumed->counts.total() + committed, qint64(total));

    // The root run's snapshot is complete and holds every object, one version each.
    auto snapshot = env.snapshots().snapshotOfRun(env.scope(), runId);
    QVERIFY2(snapshot, qPrintable(snapshot ? QString() : snapshot.error().toString()));
    QVERIFY(snapshot->complete);
    QVERIFY(snapshot->incompleteTypes.isEmpty());
    QCOMPARE(snapshot->itemCount, qint64(total));
    QCOMPARE(scalar(*env.database(), QStringLiteral("SELECT COUNT(*) FROM policy_versions v JOIN policies p ON p.id = v.policy_id"
                                                     " WHERE p.tenant_id = ?"), env.tenantId()),
             qint64(total));
    const QMap<QString, QString> afterResume = hashesOf(env.snapshots(), env.scope(), snapshot->id);
    QCOMPARE(afterResume.size(), total);

    // An uninterrupted backup of the same graphsim state, by the same helper, into another store.
    test::TestDatabase clean = test::makeTestDatabase(QStringLiteral("Placeholder"));
    QVERIFY(clean.isValid());
    TenantRecord profile;
    profile.name = QStringLiteral("Clean");
    profile.entraTenantId = env.graph().tenant(0).tenantId;
    profile.clientId = env.graph().tenant(0).clientId;
    profile.graphUrl = env.graph().server().httpsUrl().toString();
    profile.authorityUrl = profile.graphUrl;
    profile.caCertificatePath = env.graph().server().caCertPath();
    auto cleanTenant = TenantRepository(clean.database).create(profile);
    QVERIFY(cleanTenant);
    BackupHelperProcess uninterrupted;
    QVERIFY(uninterrupted.start({QStringLiteral("backup"), QStringLiteral("--db"), clean.path, QStringLiteral("--tenant"),
                                 QString::number(cleanTenant->id)}, secret));
    const QString cleanRunLine = uninterrupted.waitForLine(QStringLiteral("run "));
    QVERIFY(!cleanRunLine.isEmpty());
    QCOMPARE(uninterrupted.waitForLine(QStringLiteral("done ")), QStringLiteral("done succeeded"));
    // It exits on its own; graphsim answers on this thread, so wait with the loop turning.
    QVERIFY(QTest::qWaitFor([&] { return uninterrupted.process().state() == QProcess::NotRunning; }, 60000));
    QCOMPARE(uninterrupted.process().exitCode(), 0);
    auto cleanScope = test::enterTenant(clean.database, cleanTenant->id);
    QVERIFY(cleanScope);
    SnapshotRepository cleanSnapshots(clean.database);
    auto cleanSnapshot = cleanSnapshots.snapshotOfRun(*cleanScope, cleanRunLine.mid(4).toLongLong());
    QVERIFY(cleanSnapshot);
    QVERIFY(cleanSnapshot->complete);
    const QMap<QString, QString> uninterruptedHashes = hashesOf(cleanSnapshots, *cleanScope, cleanSnapshot->id);
    QCOMPARE(uninterruptedHashes.size(), total);
    QCOMPARE(afterResume, uninterruptedHashes);

    QCOMPARE(env.graph().writes(), 0);
}

QTEST_GUILESS_MAIN(TestBackupKill)
#include "tst_backup_kill.moc"
