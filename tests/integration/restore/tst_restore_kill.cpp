// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
// A live restore killed with SIGKILL at seeded points (another process, real graphsim over
// HTTPS, real SQLite): once right after a write was journaled and before it was sent, once
// after Graph applied a write and before its answer was journaled; each time recovered and
// resumed. In the end every planned write reached Graph exactly once, every policy holds its
// snapshot content, the journal has no write left open, and the audit chain verifies.
#include "BackupHelperProcess.h"
#include "RestoreTestEnv.h"

#include "core/common/CanonicalJson.h"
#include "core/restore/WriteJournal.h"
#include "core/store/AuditLog.h"
#include "core/store/Database.h"

#include <QRandomGenerator>
#include <QStandardPaths>
#include <QTest>

using namespace pv;
using namespace pv::restore;

namespace {

/// Starts the helper, waits until it parks at `parkAt` (its "write" line), kills it, recovers
/// the run. Returns the run id (0 on failure).
qint64 runAndKill(RestoreTestEnv& t, const QStringList& how, const QString& parkAt, const QString& secret)
{
    CaptureTestEnv& env = t.env();
    BackupHelperProcess victim;
    QStringList arguments{QStringLiteral("restore"), QStringLiteral("--db"), env.database()->path(),
                          QStringLiteral("--tenant"), QString::number(env.tenantId()), QStringLiteral("--park-at"), parkAt};
    arguments += how;
    if (!victim.start(arguments, secret))
        return 0;
    const QString runLine = victim.waitForLine(QStringLiteral("run "));
    if (runLine.isEmpty()) {
        qWarning("%s", qPrintable(victim.lines().join(u'\n')));
        return 0;
    }
    const qint64 runId = runLine.mid(4).toLongLong();
    const QString n = parkAt.section(u':', 0, 0);
    const QString phase = parkAt.section(u':', 1, 1);
    const QString step = parkAt.section(u':', 2, 2);
    const bool parked = step.isEmpty()
        ? !victim.waitForLine(QStringLiteral("write %1 %2 ").arg(n, phase)).isEmpty()
        : QTest::qWaitFor([&] {
              victim.waitForLine(QStringLiteral("write "), 200);
              for (const QString& l : victim.lines()) {
                  if (l.startsWith(QStringLiteral("write ")) && l.section(u' ', 2, 2) == phase && l.section(u' ', 4, 4) == step
                      && l.section(u' ', 5, 5) == n)
                      return true;
              }
              return false;
          }, 120000);
    if (!parked) {
        qWarning("never parked: %s", qPrintable(victim.lines().join(u'\n')));
        return 0;
    }
    victim.process().kill();   // SIGKILL: no clean-up runs
    if (!QTest::qWaitFor([&] { return victim.process().state() == QProcess::NotRunning; }, 20000))
        return 0;
    if (!QTest::qWaitFor([&] {
            env.runs().recoverInterrupted();
            auto r = env.runs().run(env.scope(), runId);
            return r && r->status == RunStatus::Interrupted;
        }, 30000))
        return 0;
    return runId;
}

} // namespace

class TestRestoreKill final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void killedRestoreResumesWritingEachOnce()
    {
        graphsim::SimOptions options;
        options.tenantProfiles = {QStringLiteral("demo")};
        options.latencyMs = 10;
        RestoreTestEnv t(options);
        QString error;
        QVERIFY2(t.start(&error), qPrintable(error));
        CaptureTestEnv& env = t.env();
        const QString secret = env.graph().tenant(0).clientSecret;
        auto backup = env.backup({QStringLiteral("settingsCatalog")});
        QVERIFY(backup);
        const qint64 snapshotId = t.snapshotOf(backup->id);
        env.graph().sim().sim(QStringLiteral("mutate"),
                              QJsonObject{{QStringLiteral("seed"), 5}, {QStringLiteral("policies"), 4},
                                          {QStringLiteral("settings"), 4}, {QStringLiteral("renames"), 2},
                                          {QStringLiteral("deletes"), 2}, {QStringLiteral("assignments"), 2}});
        const qint64 planRunId = t.makePlan(snapshotId, true);
        QVERIFY(planRunId > 0);
        const QList<PlanItem> plan = t.planItems(planRunId);
        int writes = 0;
        for (const PlanItem& item : plan)
            writes += restore::writes(item.action) ? 2 : 0;   // create/update, then assign
        QVERIFY2(writes >= 8, qPrintable(QString::number(writes)));

        // Seeded kill points: the first run dies after Graph applied a write whose answer was
        // not journaled yet; the resume dies right after journaling a write it has not sent.
        const quint32 seed = qEnvironmentVariableIntValue("PV_RESTORE_KILL_SEED") + 1;
        QRandomGenerator random(seed);
        const int first = 1 + int(random.bounded(writes / 3));
        const int second = 1 + int(random.bounded(writes / 3));
        qInfo("seed %u: kill at write %d (answered), then at the resume's write %d (journaled) of %d", seed, first, second,
              writes);
        const qsizetype writesBefore = t.simWrites().size();
        const qint64 root = runAndKill(t, {QStringLiteral("--plan"), QString::number(planRunId)},
                                       QStringLiteral("%1:answered").arg(first), secret);
        QVERIFY(root > 0);
        const qint64 child = runAndKill(t, {QStringLiteral("--resume"), QString::number(root)},
                                        QStringLiteral("%1:journaled").arg(second), secret);
        QVERIFY(child > 0);
        auto last = env.runs().resume(env.scope(), child);
        QVERIFY2(last, qPrintable(last ? QString() : last.error().toString()));
        auto ended = env.waitForEnd(last->runId);
        QVERIFY(ended);
        QCOMPARE(runStatusName(ended->status), QStringLiteral("succeeded"));

        // Every planned write reached graphsim exactly once.
        QHash<QString, int> perTarget;
        for (qsizetype i = writesBefore; i < t.simWrites().size(); ++i) {
            const QJsonObject w = t.simWrites().at(i).toObject();
            ++perTarget[w.value(QStringLiteral("method")).toString() + QLatin1Char(' ') + w.value(QStringLiteral("path")).toString()];
        }
        auto journal = WriteJournal(env.database()).entriesOfPlan(t.scope(), planRunId);
        QVERIFY(journal);
        int applied = 0;
        QHash<QString, QString> createdIds;
        for (const JournalEntry& e : *journal) {
            QVERIFY2(e.state == WriteState::Applied || e.state == WriteState::NotApplied, qPrintable(writeStateName(e.state)));
            applied += e.state == WriteState::Applied ? 1 : 0;
            if (e.step == u"create" && e.state == WriteState::Applied)
                createdIds.insert(e.itemKey, e.createdId);
        }
        QCOMPARE(applied, writes);
        int creates = 0;
        for (auto it = perTarget.constBegin(); it != perTarget.constEnd(); ++it) {
            if (it.key().startsWith(QLatin1String("POST")) && !it.key().endsWith(QLatin1String("/assign"))) {
                creates = it.value();   // every create POSTs to the same collection path
                continue;
            }
            QVERIFY2(it.value() == 1, qPrintable(QStringLiteral("%1 × %2").arg(it.key()).arg(it.value())));
        }
        int plannedCreates = 0;
        for (const PlanItem& item : plan) {
            if (item.action != PlanAction::WouldCreate)
                continue;
            ++plannedCreates;
            const QString name = env.snapshots().versionContent(t.scope(), item.policyVersionId)->value(QStringLiteral("name")).toString();
            QCOMPARE(t.policiesNamed(name).size(), 1);
        }
        QCOMPARE(creates, plannedCreates);

        // Every policy holds its snapshot content (assignments included).
        for (const PlanItem& item : plan) {
            if (!restore::writes(item.action))
                continue;
            const QString liveId = item.action == PlanAction::WouldCreate ? createdIds.value(item.itemKey) : item.liveGraphId;
            auto live = t.readLive(item.typeKey, liveId);
            QVERIFY(live);
            auto versions = env.snapshots().policyVersions(t.scope(), item.policyId);
            QString snapshotHash;
            for (const PolicyVersionRecord& v : *versions) {
                if (v.id == item.policyVersionId)
                    snapshotHash = v.contentHash;
            }
            QCOMPARE(canonical(*live, CanonicalProfile::forTypeKey(item.typeKey)).contentHash, snapshotHash);
        }
        auto verified = AuditLog(env.database()).verify();
        QVERIFY(verified);
        QVERIFY2(verified->ok, qPrintable(verified->reason));
    }

    /// Killed right after a create was journaled as applied and before its `/assign`: the
    /// resume assigns the object the create made — no second create, one assign on that id.
    void resumeAssignsTheCreatedObject()
    {
        graphsim::SimOptions options;
        options.tenantProfiles = {QStringLiteral("demo")};
        RestoreTestEnv t(options);
        QString error;
        QVERIFY2(t.start(&error), qPrintable(error));
        CaptureTestEnv& env = t.env();
        auto backup = env.backup({QStringLiteral("settingsCatalog")});
        QVERIFY(backup);
        const qint64 snapshotId = t.snapshotOf(backup->id);
        auto content = env.snapshots().snapshotItems(t.scope(), snapshotId);
        QVERIFY(content);
        // An assigned policy, deleted in the tenant.
        std::optional<PolicyRecord> policy;
        for (const auto& [p, v] : *content) {
            if (!policy && !env.snapshots().versionContent(t.scope(), v.id)->value(QStringLiteral("assignments")).toArray().isEmpty())
                policy = p;
        }
        QVERIFY(policy);
        QCOMPARE(t.graph("DELETE", QStringLiteral("/beta/deviceManagement/configurationPolicies/%1").arg(policy->graphId)).status, 204);
        const qint64 planRunId = t.makePlan(snapshotId, true, {policy->id});
        QVERIFY(planRunId > 0);
        const qsizetype writesBefore = t.simWrites().size();
        const qint64 root = runAndKill(t, {QStringLiteral("--plan"), QString::number(planRunId)},
                                       QStringLiteral("1:completed:create"), env.graph().tenant(0).clientSecret);
        QVERIFY(root > 0);
        auto resumed = env.runs().resume(env.scope(), root);
        QVERIFY(resumed);
        auto ended = env.waitForEnd(resumed->runId);
        QVERIFY(ended);
        QCOMPARE(runStatusName(ended->status), QStringLiteral("succeeded"));
        QString createdId;
        auto latest = WriteJournal(env.database()).latestPerStep(t.scope(), planRunId);
        QVERIFY(latest);
        for (const JournalEntry& e : std::as_const(*latest)) {
            if (e.step == u"create")
                createdId = e.createdId;
        }
        QVERIFY(!createdId.isEmpty());
        QStringList writes;
        for (qsizetype i = writesBefore; i < t.simWrites().size(); ++i) {
            const QJsonObject w = t.simWrites().at(i).toObject();
            writes.append(w.value(QStringLiteral("method")).toString() + QLatin1Char(' ') + w.value(QStringLiteral("path")).toString());
        }
        QCOMPARE(writes, (QStringList{QStringLiteral("POST /beta/deviceManagement/configurationPolicies"),
                                      QStringLiteral("POST /beta/deviceManagement/configurationPolicies/%1/assign").arg(createdId)}));
        auto live = t.readLive(policy->typeKey, createdId);
        QVERIFY(live);
        QVERIFY(!live->value(QStringLiteral("assignments")).toArray().isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestRestoreKill)
#include "tst_restore_kill.moc"
