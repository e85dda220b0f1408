// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "core/store/BlobStore.h"
#include "core/store/CaptureTypes.h"
#include "core/store/Database.h"
#include "core/store/SnapshotRepository.h"
#include "core/store/TenantRepository.h"
#include "tests/testutils/ResultText.h"
#include "tests/testutils/TestDatabase.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

#include <array>
#include <functional>
#include <optional>

using namespace pv;
using namespace Qt::StringLiterals;

namespace {

QJsonArray values(const char* sample)
{
    QFile file(QStringLiteral(PV_TEST_DATA_DIR "/graph/") + QLatin1String(sample));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", sample);
    return QJsonDocument::fromJson(file.readAll()).object().value(QLatin1String("value")).toArray();
}

// Hydrated policies from the real samples: list entry + settings + assignments.
QJsonObject firewallPolicy()
{
    QJsonObject p = values("sc-policies-page1.json").at(1).toObject();
    p.insert(QStringLiteral("settings"), values("sc-settings-firewall-rules.json"));
    p.insert(QStringLiteral("assignments"), values("sc-assignments-list.json"));
    return p;
}
QJsonObject ordinaryPolicy()
{
    QJsonObject p = values("sc-policies-page1.json").at(0).toObject();
    p.insert(QStringLiteral("settings"), values("sc-settings-ordinary.json"));
    return p;
}
QJsonObject baselinePolicy()
{
    QJsonObject p = values("sc-policies-page1.json").at(2).toObject();
    p.insert(QStringLiteral("settings"), values("sc-settings-baseline.json"));
    return p;
}
QString graphId(const QJsonObject& p)
{
    return p.value(QLatin1String("id")).toString();
}
QString name(const QJsonObject& p)
{
    return p.value(QLatin1String("name")).toString();
}

QVariant scalar(const std::shared_ptr<Database>& database, const QString& sql)
{
    QSqlQuery q(database->connection());
    if (!q.exec(sql) || !q.next()) {
        qWarning() << sql << q.lastError().text();
        return {};
    }
    return q.value(0);
}
qint64 blobBytes(const std::shared_ptr<Database>& database)
{
    return scalar(database, QStringLiteral("SELECT COALESCE(SUM(LENGTH(data)), 0) FROM blobs")).toLongLong();
}
qint64 count(const std::shared_ptr<Database>& database, const char* table)
{
    return scalar(database, QStringLiteral("SELECT COUNT(*) FROM %1").arg(QLatin1String(table))).toLongLong();
}

using Outcome = std::optional<ErrorCode>;
template<typename T>
Outcome outcomeOf(const Result<T>& r)
{
    return r.ok() ? Outcome() : Outcome(r.error().code);
}

struct Ids
{
    qint64 policy = 0;
    qint64 version = 0;
    qint64 snapshot = 0;
};
using Call = std::function<Outcome(const SnapshotRepository&, const TenantScope&, const Ids&)>;

constexpr qint64 UnknownId = 987654321;

} // namespace

Q_DECLARE_METATYPE(Call)

class TestSnapshotRepository final : public QObject
{
    Q_OBJECT

private slots:
    void init()
    {
        m_db = test::makeTestDatabase(QStringLiteral("Contoso"));
        QVERIFY(m_db.isValid());
        m_tenantB = test::addTestTenant(m_db.database, QStringLiteral("Fabrikam"));
        QVERIFY(m_tenantB > 0);
        m_a = test::enterTenant(m_db.database, m_db.tenantId);
        m_b = test::enterTenant(m_db.database, m_tenantB);
        QVERIFY(m_a && m_b);
        m_repo.emplace(m_db.database);
    }

    void reRecordingIsUnchanged()
    {
        const QJsonObject p = firewallPolicy();
        auto first = m_repo->recordPolicyVersion(*m_a, QStringLiteral("endpointSecurity"), graphId(p), name(p),
                                                 QStringLiteral("windows10"), p, 0);
        QVERIFY2(first.ok(), test::errorText(first).constData());
        QCOMPARE(first->outcome, VersionOutcome::Created);
        QVERIFY(first->addedBlobBytes > 0);
        QCOMPARE(first->addedBlobBytes, blobBytes(m_db.database));
        const qint64 bytesBefore = blobBytes(m_db.database);

        // Graph's bookkeeping moved, the configuration did not; the portal renamed nothing but
        // the caller passes a new display name, which is kept.
        QJsonObject again = p;
        again.insert(QStringLiteral("lastModifiedDateTime"), QStringLiteral("2026-12-03T09:00:00.0000000Z"));
        again.insert(QStringLiteral("settingCount"), 42);
        again.insert(QStringLiteral("assignments"), QJsonArray{p.value(QLatin1String("assignments")).toArray().at(2),
                                                               p.value(QLatin1String("assignments")).toArray().at(0),
                                                               p.value(QLatin1String("assignments")).toArray().at(1)});
        auto second = m_repo->recordPolicyVersion(*m_a, QStringLiteral("endpointSecurity"), graphId(p),
                                                  QStringLiteral("Renamed in PolicyVault's list"),
                                                  QStringLiteral("windows10"), again, 0);
        QVERIFY2(second.ok(), test::errorText(second).constData());
        QCOMPARE(second->outcome, VersionOutcome::Unchanged);
        QCOMPARE(second->policyId, first->policyId);
        QCOMPARE(second->versionId, first->versionId);
        QCOMPARE(second->addedBlobBytes, 0);
        QCOMPARE(blobBytes(m_db.database), bytesBefore);
        QCOMPARE(count(m_db.database, "policy_versions"), 1);
        QCOMPARE(*BlobStore(m_db.database->connection()).refCount(first->blobHash), 1);
        auto policy = m_repo->policy(*m_a, first->policyId);
        QVERIFY2(policy.ok(), test::errorText(policy).constData());
        QCOMPARE(policy->displayName, QStringLiteral("Renamed in PolicyVault's list"));
        QVERIFY(policy->lastSeen >= policy->firstSeen);
    }

    void changedContentIsANewVersion()
    {
        const QJsonObject p = ordinaryPolicy();
        auto first = m_repo->recordPolicyVersion(*m_a, QStringLiteral("settingsCatalog"), graphId(p), name(p),
                                                 QStringLiteral("windows10"), p, 0);
        QVERIFY2(first.ok(), test::errorText(first).constData());
        QJsonObject changed = p;
        changed.insert(QStringLiteral("description"), QStringLiteral("Pause updates is blocked for everyone"));
        auto second = m_repo->recordPolicyVersion(*m_a, QStringLiteral("settingsCatalog"), graphId(p), name(p),
                                                  QStringLiteral("windows10"), changed, 0);
        QVERIFY2(second.ok(), test::errorText(second).constData());
        QCOMPARE(second->outcome, VersionOutcome::Updated);
        QCOMPARE(second->policyId, first->policyId);
        QVERIFY(second->versionId > first->versionId);
        QVERIFY(second->contentHash != first->contentHash);
        QVERIFY(second->addedBlobBytes > 0);

        auto versions = m_repo->policyVersions(*m_a, first->policyId);
        QVERIFY2(versions.ok(), test::errorText(versions).constData());
        QCOMPARE(versions->size(), 2);
        QCOMPARE(versions->at(0).id, first->versionId);
        QCOMPARE(versions->at(1).contentHash, second->contentHash);
        auto oldContent = m_repo->versionContent(*m_a, first->versionId);
        auto newContent = m_repo->versionContent(*m_a, second->versionId);
        QVERIFY2(oldContent.ok() && newContent.ok(), QByteArray(test::errorText(oldContent) + test::errorText(newContent)).constData());
        QCOMPARE(oldContent->value(QLatin1String("description")), p.value(QLatin1String("description")));
        QCOMPARE(newContent->value(QLatin1String("description")).toString(),
                 QStringLiteral("Pause updates is blocked for everyone"));
        QCOMPARE(newContent->value(QLatin1String("settings")), p.value(QLatin1String("settings")));
    }

    void snapshotRecordsWhatItSaw()
    {
        // A policy seen before, absent from the next complete capture: deleted.
        const QJsonObject gone = baselinePolicy();
        QVERIFY(m_repo->recordPolicyVersion(*m_a, QStringLiteral("securityBaseline"), graphId(gone), name(gone),
                                            QStringLiteral("windows10"), gone, 0).ok());
        QJsonObject goneToo = ordinaryPolicy();
        goneToo.insert(QStringLiteral("id"), QStringLiteral("77777777-0000-4000-8000-000000000001"));
        QVERIFY(m_repo->recordPolicyVersion(*m_a, QStringLiteral("settingsCatalog"), graphId(goneToo), name(goneToo),
                                            QStringLiteral("windows10"), goneToo, 0).ok());

        const QStringList types{QStringLiteral("settingsCatalog"), QStringLiteral("endpointSecurity"),
                                QStringLiteral("securityBaseline")};
        auto snapshotId = m_repo->beginSnapshot(*m_a, 0, types);
        QVERIFY2(snapshotId.ok(), test::errorText(snapshotId).constData());
        for (const auto& [type, p] : {std::pair{QStringLiteral("settingsCatalog"), ordinaryPolicy()},
                                      std::pair{QStringLiteral("endpointSecurity"), firewallPolicy()}}) {
            auto v = m_repo->recordPolicyVersion(*m_a, type, graphId(p), name(p), QStringLiteral("windows10"), p, 0);
            QVERIFY2(v.ok(), test::errorText(v).constData());
            QVERIFY(m_repo->addToSnapshot(*m_a, *snapshotId, v->versionId).ok());
            QVERIFY(m_repo->addToSnapshot(*m_a, *snapshotId, v->versionId).ok());   // idempotent
        }
        const QJsonObject definition = values("sc-settings-ordinary.json").at(0).toObject()
                                           .value(QLatin1String("settingDefinitions")).toArray().at(0).toObject();
        const QString definitionId = definition.value(QLatin1String("id")).toString();
        QVERIFY(m_repo->addReference(*m_a, *snapshotId, QStringLiteral("definition"), definitionId, definition).ok());
        QVERIFY(m_repo->addReference(*m_a, *snapshotId, QStringLiteral("group"),
                                     QStringLiteral("4f1e2d3c-b5a6-4978-8a9b-c0d1e2f3a4b5"),
                                     QJsonObject{{QStringLiteral("displayName"), QStringLiteral("Finance laptops")}}).ok());
        // securityBaseline came back short: it proves nothing about absence.
        QVERIFY(m_repo->finishSnapshot(*m_a, *snapshotId, true, {QStringLiteral("securityBaseline")}).ok());

        auto detail = m_repo->snapshot(*m_a, *snapshotId);
        QVERIFY2(detail.ok(), test::errorText(detail).constData());
        QCOMPARE(detail->snapshot.complete, false);
        QCOMPARE(detail->snapshot.itemCount, 2);
        QCOMPARE(detail->snapshot.capturedTypes, types);
        QCOMPARE(detail->snapshot.incompleteTypes, QStringList{QStringLiteral("securityBaseline")});
        QCOMPARE(detail->snapshot.notCapturedTypes, CaptureTypes::knownNotCaptured());
        QVERIFY(detail->snapshot.notCapturedTypes.contains(QStringLiteral("deviceManagement/deviceConfigurations")));
        QVERIFY(detail->snapshot.finishedAt.isValid());
        QCOMPARE(detail->itemsByType.value(QStringLiteral("settingsCatalog")), 1);
        QCOMPARE(detail->itemsByType.value(QStringLiteral("endpointSecurity")), 1);
        QCOMPARE(detail->referencesByKind.value(QStringLiteral("definition")), 1);
        QCOMPARE(detail->referencesByKind.value(QStringLiteral("group")), 1);

        auto stored = m_repo->reference(*m_a, *snapshotId, QStringLiteral("definition"), definitionId);
        QVERIFY2(stored.ok(), test::errorText(stored).constData());
        QCOMPARE(*stored, definition);

        auto marked = m_repo->markDeletedNotIn(*m_a, *snapshotId);
        QVERIFY2(marked.ok(), test::errorText(marked).constData());
        QCOMPARE(*marked, 1);   // goneToo; the baseline's type was incomplete
        auto live = m_repo->listPolicies(*m_a, false);
        QVERIFY(live.ok());
        QCOMPARE(live->size(), 3);
        auto all = m_repo->listPolicies(*m_a, true);
        QCOMPARE(all->size(), 4);
        for (const PolicyRecord& p : *all)
            QCOMPARE(p.deletedAt.isValid(), p.graphId == graphId(goneToo));

        // Seen again: back from the dead.
        auto back = m_repo->recordPolicyVersion(*m_a, QStringLiteral("settingsCatalog"), graphId(goneToo),
                                                name(goneToo), QStringLiteral("windows10"), goneToo, 0);
        QCOMPARE(back->outcome, VersionOutcome::Unchanged);
        QVERIFY(!m_repo->policy(*m_a, back->policyId)->deletedAt.isValid());

        auto list = m_repo->listSnapshots(*m_a);
        QCOMPARE(list->size(), 1);
        auto items = m_repo->snapshotItems(*m_a, *snapshotId);
        QVERIFY2(items.ok(), test::errorText(items).constData());
        QCOMPARE(items->size(), 2);
    }

    void isolation_data()
    {
        QTest::addColumn<Call>("call");
        QTest::addRow("policy") << Call([](const SnapshotRepository& r, const TenantScope& s, const Ids& i) {
            return outcomeOf(r.policy(s, i.policy));
        });
        QTest::addRow("policyVersions") << Call([](const SnapshotRepository& r, const TenantScope& s, const Ids& i) {
            return outcomeOf(r.policyVersions(s, i.policy));
        });
        QTest::addRow("versionContent") << Call([](const SnapshotRepository& r, const TenantScope& s, const Ids& i) {
            return outcomeOf(r.versionContent(s, i.version));
        });
        QTest::addRow("snapshot") << Call([](const SnapshotRepository& r, const TenantScope& s, const Ids& i) {
            return outcomeOf(r.snapshot(s, i.snapshot));
        });
        QTest::addRow("snapshotItems") << Call([](const SnapshotRepository& r, const TenantScope& s, const Ids& i) {
            return outcomeOf(r.snapshotItems(s, i.snapshot));
        });
        QTest::addRow("reference") << Call([](const SnapshotRepository& r, const TenantScope& s, const Ids& i) {
            return outcomeOf(r.reference(s, i.snapshot, QStringLiteral("group"), QStringLiteral("g")));
        });
        QTest::addRow("addToSnapshot") << Call([](const SnapshotRepository& r, const TenantScope& s, const Ids& i) {
            return outcomeOf(r.addToSnapshot(s, i.snapshot, i.version));
        });
        QTest::addRow("addReference") << Call([](const SnapshotRepository& r, const TenantScope& s, const Ids& i) {
            return outcomeOf(r.addReference(s, i.snapshot, QStringLiteral("group"), QStringLiteral("g2"), {}));
        });
        QTest::addRow("finishSnapshot") << Call([](const SnapshotRepository& r, const TenantScope& s, const Ids& i) {
            return outcomeOf(r.finishSnapshot(s, i.snapshot, true, {}));
        });
        QTest::addRow("markDeletedNotIn") << Call([](const SnapshotRepository& r, const TenantScope& s, const Ids& i) {
            return outcomeOf(r.markDeletedNotIn(s, i.snapshot));
        });
        QTest::addRow("changesSincePrevious") << Call([](const SnapshotRepository& r, const TenantScope& s, const Ids& i) {
            return outcomeOf(r.changesSincePrevious(s, i.snapshot));
        });
        QTest::addRow("versionNumbersInSnapshot") << Call([](const SnapshotRepository& r, const TenantScope& s, const Ids& i) {
            return outcomeOf(r.versionNumbersInSnapshot(s, i.snapshot));
        });
    }

    void isolation()
    {
        QFETCH(Call, call);
        const QJsonObject p = ordinaryPolicy();
        auto v = m_repo->recordPolicyVersion(*m_a, QStringLiteral("settingsCatalog"), graphId(p), name(p),
                                             QStringLiteral("windows10"), p, 0);
        QVERIFY2(v.ok(), test::errorText(v).constData());
        auto snapshotId = m_repo->beginSnapshot(*m_a, 0, {QStringLiteral("settingsCatalog")});
        QVERIFY(snapshotId.ok());
        QVERIFY(m_repo->addReference(*m_a, *snapshotId, QStringLiteral("group"), QStringLiteral("g"),
                                     QJsonObject{{QStringLiteral("displayName"), QStringLiteral("All staff")}}).ok());
        const Ids ids{v->policyId, v->versionId, *snapshotId};
        const qint64 versionsBefore = count(m_db.database, "policy_versions");
        const qint64 itemsBefore = count(m_db.database, "snapshot_items");
        const qint64 refsBefore = count(m_db.database, "snapshot_references");

        QCOMPARE(call(*m_repo, *m_b, ids), Outcome(ErrorCode::AccessDenied));
        QCOMPARE(call(*m_repo, *m_b, Ids{UnknownId, UnknownId, UnknownId}), Outcome(ErrorCode::NotFound));
        QCOMPARE(call(*m_repo, *m_a, Ids{UnknownId, UnknownId, UnknownId}), Outcome(ErrorCode::NotFound));
        // The owner gets past the check (markDeletedNotIn then refuses an unfinished snapshot).
        const Outcome owner = call(*m_repo, *m_a, ids);
        QVERIFY(owner != Outcome(ErrorCode::AccessDenied) && owner != Outcome(ErrorCode::NotFound));
        // Nothing of B's attempts reached A's rows (A's own call may add one item or reference).
        QVERIFY(count(m_db.database, "policy_versions") == versionsBefore);
        QVERIFY(count(m_db.database, "snapshot_items") <= itemsBefore + 1);
        QVERIFY(count(m_db.database, "snapshot_references") <= refsBefore + 1);
        QCOMPARE(m_repo->listSnapshots(*m_b)->size(), 0);
        QCOMPARE(m_repo->listPolicies(*m_b, true)->size(), 0);
    }

    void addToSnapshotRefusesAnotherTenantsVersion()
    {
        const QJsonObject p = ordinaryPolicy();
        auto versionA = m_repo->recordPolicyVersion(*m_a, QStringLiteral("settingsCatalog"), graphId(p), name(p),
                                                    QStringLiteral("windows10"), p, 0);
        auto snapshotB = m_repo->beginSnapshot(*m_b, 0, {QStringLiteral("settingsCatalog")});
        QVERIFY(versionA.ok() && snapshotB.ok());
        QCOMPARE(outcomeOf(m_repo->addToSnapshot(*m_b, *snapshotB, versionA->versionId)), Outcome(ErrorCode::AccessDenied));
        QCOMPARE(count(m_db.database, "snapshot_items"), 0);
    }

    void blobsAreSharedAndFreedByReferenceCount()
    {
        // Two tenants holding the same object (a tenant cloned from a template, a test tenant
        // restored from production) share its blob.
        const QJsonObject p = firewallPolicy();
        auto a = m_repo->recordPolicyVersion(*m_a, QStringLiteral("endpointSecurity"), graphId(p), name(p),
                                             QStringLiteral("windows10"), p, 0);
        auto b = m_repo->recordPolicyVersion(*m_b, QStringLiteral("endpointSecurity"), graphId(p), name(p),
                                             QStringLiteral("windows10"), p, 0);
        QVERIFY2(a.ok() && b.ok(), QByteArray(test::errorText(a) + test::errorText(b)).constData());
        QCOMPARE(b->blobHash, a->blobHash);
        QCOMPARE(b->addedBlobBytes, 0);
        QCOMPARE(count(m_db.database, "blobs"), 1);
        const QJsonObject group{{QStringLiteral("displayName"), QStringLiteral("Finance laptops")}};
        for (const TenantScope& scope : {*m_a, *m_b}) {
            auto snapshotId = m_repo->beginSnapshot(scope, 0, {QStringLiteral("endpointSecurity")});
            QVERIFY(snapshotId.ok());
            QVERIFY(m_repo->addReference(scope, *snapshotId, QStringLiteral("group"), QStringLiteral("g1"), group).ok());
        }
        // A blob of A's only: freed with A.
        QJsonObject onlyA = ordinaryPolicy();
        auto own = m_repo->recordPolicyVersion(*m_a, QStringLiteral("settingsCatalog"), graphId(onlyA), name(onlyA),
                                               QStringLiteral("windows10"), onlyA, 0);
        QVERIFY(own.ok());
        QCOMPARE(count(m_db.database, "blobs"), 3);
        const BlobStore blobs(m_db.database->connection());
        QCOMPARE(*blobs.refCount(a->blobHash), 2);

        TenantRepository tenants(m_db.database);
        const Status removedA = tenants.remove(m_db.tenantId);
        QVERIFY2(removedA.ok(), removedA.ok() ? "" : qPrintable(removedA.error().toString()));
        QCOMPARE(count(m_db.database, "blobs"), 2);
        QCOMPARE(*blobs.refCount(a->blobHash), 1);
        QCOMPARE(outcomeOf(blobs.refCount(own->blobHash)), Outcome(ErrorCode::NotFound));
        QCOMPARE(count(m_db.database, "policies"), 1);
        QCOMPARE(count(m_db.database, "snapshots"), 1);
        auto stillThere = m_repo->versionContent(*m_b, b->versionId);
        QVERIFY2(stillThere.ok(), test::errorText(stillThere).constData());
        QCOMPARE(stillThere->value(QLatin1String("settings")), p.value(QLatin1String("settings")));

        const Status removedB = tenants.remove(m_tenantB);
        QVERIFY2(removedB.ok(), removedB.ok() ? "" : qPrintable(removedB.error().toString()));
        for (const char* table : {"blobs", "policies", "policy_versions", "snapshots", "snapshot_items",
                                  "snapshot_references"})
            QVERIFY2(count(m_db.database, table) == 0, table);
    }

    void corruptBlobIsDetected_data()
    {
        QTest::addColumn<QByteArray>("data");
        QTest::addRow("not zlib") << QByteArray("\x00\x00\x10\x00garbage", 11);
        QTest::addRow("other content") << qCompress(QByteArray("{\"name\":\"someone else's policy\"}"));
        QTest::addRow("truncated") << QByteArray();
    }

    void corruptBlobIsDetected()
    {
        QFETCH(QByteArray, data);
        const QJsonObject p = ordinaryPolicy();
        auto v = m_repo->recordPolicyVersion(*m_a, QStringLiteral("settingsCatalog"), graphId(p), name(p),
                                             QStringLiteral("windows10"), p, 0);
        QVERIFY(v.ok());
        QVERIFY(m_repo->versionContent(*m_a, v->versionId).ok());
        {
            QSqlQuery q(m_db.database->connection());
            q.prepare(QStringLiteral("UPDATE blobs SET data = ? WHERE hash = ?"));
            q.addBindValue(data.isEmpty() ? qCompress(QByteArray("{")).left(6) : data);
            q.addBindValue(v->blobHash);
            QVERIFY2(q.exec(), qPrintable(q.lastError().text()));
            QCOMPARE(q.numRowsAffected(), 1);
        }
        auto read = m_repo->versionContent(*m_a, v->versionId);
        QCOMPARE(outcomeOf(read), Outcome(ErrorCode::Database));
        QVERIFY(read.error().message.contains(QLatin1String("corrupt")));
    }

    // A prepared history whose changes are known by construction:
    //  #1 settingsCatalog A B C, scopeTags T1                         (complete)
    //  #2 settingsCatalog A (same) B (edited) D (new), C gone;
    //     scopeTags T1 (same) T2 (new)                                (complete)
    //  #3 scopeTags only, T2 (same), T1 not seen                      (incomplete: scopeTags)
    //  #4 settingsCatalog A (edited) B D, scopeTags T1 T2             (complete)
    //  #5 settingsCatalog A, never finished: no one's baseline
    void changesSincePreviousAreExact()
    {
        const QString sc = QStringLiteral("settingsCatalog");
        const QString tags = QStringLiteral("scopeTags");
        const auto record = [&](const QString& type, const QString& id, int revision) -> qint64 {
            const QJsonObject object{{QStringLiteral("id"), id}, {QStringLiteral("name"), id},
                                     {QStringLiteral("description"), QStringLiteral("revision %1").arg(revision)}};
            auto v = m_repo->recordPolicyVersion(*m_a, type, id, QStringLiteral("Policy %1").arg(id), QString(), object, 0);
            if (!v)
                qWarning("%s", test::errorText(v).constData());
            return v ? v->versionId : 0;
        };
        const auto snapshot = [&](const QStringList& types, const QList<qint64>& versions, bool finish,
                                  const QStringList& incomplete = {}) -> qint64 {
            auto id = m_repo->beginSnapshot(*m_a, 0, types);
            if (!id)
                return 0;
            for (const qint64 v : versions) {
                if (!m_repo->addToSnapshot(*m_a, *id, v))
                    return 0;
            }
            if (finish && !m_repo->finishSnapshot(*m_a, *id, incomplete.isEmpty(), incomplete))
                return 0;
            return *id;
        };
        const qint64 a1 = record(sc, u"a"_s, 1), b1 = record(sc, u"b"_s, 1), c1 = record(sc, u"c"_s, 1);
        const qint64 t1 = record(tags, u"t1"_s, 1);
        const qint64 s1 = snapshot({sc, tags}, {a1, b1, c1, t1}, true);
        const qint64 a1again = record(sc, u"a"_s, 1), b2 = record(sc, u"b"_s, 2), d1 = record(sc, u"d"_s, 1);
        const qint64 t2 = record(tags, u"t2"_s, 1);
        QCOMPARE(a1again, a1);   // unchanged content: the same version
        const qint64 s2 = snapshot({sc, tags}, {a1, b2, d1, t1, t2}, true);
        const qint64 s3 = snapshot({tags}, {t2}, true, {tags});
        const qint64 a2 = record(sc, u"a"_s, 2);
        const qint64 s4 = snapshot({sc, tags}, {a2, b2, d1, t1, t2}, true);
        const qint64 s5 = snapshot({sc}, {a1}, false);
        QVERIFY(s1 && s2 && s3 && s4 && s5);

        using Counts = std::array<qint64, 5>;   // previous, created, updated, unchanged, deleted
        const auto counts = [](const TypeChanges& t) {
            return Counts{t.previousSnapshotId, t.created, t.updated, t.unchanged, t.deleted};
        };

        auto first = m_repo->changesSincePrevious(*m_a, s1);
        QVERIFY2(first.ok(), test::errorText(first).constData());
        QVERIFY(first->isFirst());
        QCOMPARE(counts(first->byType.value(sc)), (Counts{0, 3, 0, 0, 0}));
        QCOMPARE(counts(first->byType.value(tags)), (Counts{0, 1, 0, 0, 0}));

        auto second = m_repo->changesSincePrevious(*m_a, s2);
        QVERIFY2(second.ok(), test::errorText(second).constData());
        QVERIFY(!second->isFirst());
        QCOMPARE(counts(second->byType.value(sc)), (Counts{s1, 1, 1, 1, 1}));
        QCOMPARE(counts(second->byType.value(tags)), (Counts{s1, 1, 0, 1, 0}));
        QCOMPARE(counts(second->total()), (Counts{s1, 2, 1, 2, 1}));
        QCOMPARE(second->deleted.size(), 1);
        QCOMPARE(second->deleted.first().displayName, u"Policy c"_s);
        QCOMPARE(second->deleted.first().versionId, c1);
        const auto policyOf = [&](qint64 versionId) {
            auto versions = m_repo->snapshotItems(*m_a, s4);
            for (const auto& [policy, version] : *versions) {
                if (version.id == versionId)
                    return policy.id;
            }
            return qint64(0);
        };
        QCOMPARE(second->changeOfPolicy.value(policyOf(b2)), PolicyChange::Updated);
        QCOMPARE(second->changeOfPolicy.value(policyOf(d1)), PolicyChange::Created);
        QCOMPARE(second->changeOfPolicy.value(policyOf(t1)), PolicyChange::Unchanged);

        // Incomplete: T1 was not seen, but a short list proves no deletion.
        auto third = m_repo->changesSincePrevious(*m_a, s3);
        QVERIFY2(third.ok(), test::errorText(third).constData());
        QCOMPARE(third->byType.keys(), QStringList{tags});
        QCOMPARE(counts(third->byType.value(tags)), (Counts{s2, 0, 0, 1, 0}));
        QVERIFY(!third->byType.value(tags).deletionsCounted);
        QVERIFY(!third->total().deletionsCounted);

        // Each type against the newest earlier snapshot that captured it: #2 for settings
        // catalog (#3 did not capture it), #3 for scope tags.
        auto fourth = m_repo->changesSincePrevious(*m_a, s4);
        QVERIFY2(fourth.ok(), test::errorText(fourth).constData());
        QCOMPARE(counts(fourth->byType.value(sc)), (Counts{s2, 0, 1, 2, 0}));
        QCOMPARE(counts(fourth->byType.value(tags)), (Counts{s3, 1, 0, 1, 0}));

        // An unfinished snapshot is no baseline, and its own absences prove nothing yet.
        auto fifth = m_repo->changesSincePrevious(*m_a, s5);
        QVERIFY2(fifth.ok(), test::errorText(fifth).constData());
        QCOMPARE(counts(fifth->byType.value(sc)), (Counts{s4, 0, 1, 0, 0}));
        QVERIFY(!fifth->byType.value(sc).deletionsCounted);

        auto numbers = m_repo->versionNumbersInSnapshot(*m_a, s4);
        QVERIFY2(numbers.ok(), test::errorText(numbers).constData());
        QCOMPARE(numbers->size(), 5);
        QCOMPARE(numbers->value(a2), 2);
        QCOMPARE(numbers->value(b2), 2);
        QCOMPARE(numbers->value(d1), 1);
        QCOMPARE(numbers->value(t1), 1);
    }

private:
    test::TestDatabase m_db;
    qint64 m_tenantB = 0;
    std::optional<TenantScope> m_a;
    std::optional<TenantScope> m_b;
    std::optional<SnapshotRepository> m_repo;
};

QTEST_GUILESS_MAIN(TestSnapshotRepository)
#include "tst_snapshotrepository.moc"
