// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
// PolicyCatalog: the one-statement policy listing (versions, latest version, Graph's modified
// time), the snapshots that saw a policy, and tenant isolation.
#include "core/store/PolicyCatalog.h"
#include "core/store/SnapshotRepository.h"
#include "tests/testutils/TestDatabase.h"

#include <QTest>

using namespace pv;

class TestPolicyCatalog : public QObject
{
    Q_OBJECT

private slots:
    void listsWithVersionsAndModifiedTime()
    {
        const test::TestDatabase db = test::makeTestDatabase();
        QVERIFY(db.isValid());
        const auto scope = test::enterTenant(db.database, db.tenantId);
        QVERIFY(scope);
        const SnapshotRepository repository(db.database);
        const QString catalog = QStringLiteral("settingsCatalog");
        auto v1 = repository.recordPolicyVersion(*scope, catalog, QStringLiteral("g1"), QStringLiteral("Bravo"), QStringLiteral("windows10"),
                                                 {{QStringLiteral("id"), QStringLiteral("g1")}, {QStringLiteral("v"), 1}}, 0,
                                                 QStringLiteral("2026-10-01T10:00:00Z"));
        auto v2 = repository.recordPolicyVersion(*scope, catalog, QStringLiteral("g1"), QStringLiteral("Bravo"), QStringLiteral("windows10"),
                                                 {{QStringLiteral("id"), QStringLiteral("g1")}, {QStringLiteral("v"), 2}}, 0,
                                                 QStringLiteral("2026-10-02T11:30:00.1234567Z"));
        auto tag = repository.recordPolicyVersion(*scope, QStringLiteral("scopeTags"), QStringLiteral("0"), QStringLiteral("Alpha"),
                                                  QString(), {{QStringLiteral("id"), QStringLiteral("0")}}, 0);
        auto gone = repository.recordPolicyVersion(*scope, catalog, QStringLiteral("g2"), QStringLiteral("Charlie"), QString(),
                                                   {{QStringLiteral("id"), QStringLiteral("g2")}}, 0);
        QVERIFY(v1 && v2 && tag && gone);
        QCOMPARE(v2->outcome, VersionOutcome::Updated);

        // A snapshot of the settings catalog that saw only g1: g2 is deleted.
        auto s1 = repository.beginSnapshot(*scope, 0, {catalog});
        QVERIFY(s1);
        QVERIFY(repository.addToSnapshot(*scope, *s1, v1->versionId));
        QVERIFY(repository.finishSnapshot(*scope, *s1, true, {}));
        auto s2 = repository.beginSnapshot(*scope, 0, {catalog});
        QVERIFY(s2);
        QVERIFY(repository.addToSnapshot(*scope, *s2, v2->versionId));
        QVERIFY(repository.finishSnapshot(*scope, *s2, true, {}));
        QCOMPARE(repository.markDeletedNotIn(*scope, *s2).value(), qint64(1));

        const PolicyCatalog policies(db.database);
        auto all = policies.list(*scope, QString(), false);
        QVERIFY(all);
        QCOMPARE(all->size(), 2);
        // Ordered by type key ("scopeTags" < "settingsCatalog"), then name.
        QCOMPARE(all->at(0).policy.displayName, QStringLiteral("Alpha"));
        QCOMPARE(all->at(1).policy.displayName, QStringLiteral("Bravo"));
        const PolicySummary& bravo = all->at(1);
        QCOMPARE(bravo.policy.id, v1->policyId);
        QCOMPARE(bravo.policy.graphId, QStringLiteral("g1"));
        QCOMPARE(bravo.versionCount, 2);
        QCOMPARE(bravo.latestVersionId, v2->versionId);
        QCOMPARE(bravo.graphModifiedAt, QDateTime(QDate(2026, 10, 2), QTime(11, 30, 0, 123), Qt::UTC));
        QVERIFY(!all->at(0).graphModifiedAt.isValid());

        QCOMPARE(policies.list(*scope, catalog, false)->size(), 1);
        auto withDeleted = policies.list(*scope, catalog, true);
        QCOMPARE(withDeleted->size(), 2);
        QVERIFY(withDeleted->at(1).policy.deletedAt.isValid());
        QCOMPARE(policies.list(*scope, QStringLiteral("endpointSecurity"), true)->size(), 0);

        auto summary = policies.summary(*scope, v1->policyId);
        QVERIFY(summary);
        QCOMPARE(summary->versionCount, 2);
        QCOMPARE(policies.snapshotsWith(*scope, v1->policyId).value(), (QList<qint64>{*s2, *s1}));
        QCOMPARE(policies.snapshotsWith(*scope, tag->policyId).value(), QList<qint64>{});
    }

    void anotherTenantIsDenied()
    {
        const test::TestDatabase db = test::makeTestDatabase();
        QVERIFY(db.isValid());
        const qint64 otherId = test::addTestTenant(db.database, QStringLiteral("Fabrikam"));
        const auto scope = test::enterTenant(db.database, db.tenantId);
        const auto other = test::enterTenant(db.database, otherId);
        QVERIFY(scope && other);
        auto recorded = SnapshotRepository(db.database)
                            .recordPolicyVersion(*scope, QStringLiteral("settingsCatalog"), QStringLiteral("g1"), QStringLiteral("P"),
                                                 QString(), {{QStringLiteral("id"), QStringLiteral("g1")}}, 0);
        QVERIFY(recorded);
        const PolicyCatalog policies(db.database);
        QCOMPARE(policies.summary(*other, recorded->policyId).error().code, ErrorCode::AccessDenied);
        QCOMPARE(policies.snapshotsWith(*other, recorded->policyId).error().code, ErrorCode::AccessDenied);
        QCOMPARE(policies.summary(*scope, 999999).error().code, ErrorCode::NotFound);
        QCOMPARE(policies.list(*other, QString(), true)->size(), 0);
    }
};

QTEST_GUILESS_MAIN(TestPolicyCatalog)
#include "tst_policycatalog.moc"
