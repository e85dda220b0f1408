// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
// The store adapter: a policy version captured with its definitions and categories renders from
// the snapshot alone (real SQLite file); another tenant's snapshot is AccessDenied.
#include "core/normalize/Normalizer.h"
#include "core/normalize/SnapshotDefinitions.h"
#include "core/store/PolicyCatalog.h"
#include "core/store/SnapshotRepository.h"
#include "tests/testutils/ResultText.h"
#include "tests/testutils/TestDatabase.h"
#include "tests/unit/normalize/NormalizeTestData.h"

#include <QTest>

using namespace pv;
using namespace pv::normalize;

class TestSnapshotDefinitions final : public QObject
{
    Q_OBJECT

private slots:
    void rendersFromTheSnapshot()
    {
        test::TestDatabase db = test::makeTestDatabase(QStringLiteral("Contoso"));
        QVERIFY(db.isValid());
        const qint64 other = test::addTestTenant(db.database, QStringLiteral("Fabrikam"));
        QVERIFY(other > 0);
        const auto scope = test::enterTenant(db.database, db.tenantId);
        const auto otherScope = test::enterTenant(db.database, other);
        QVERIFY(scope && otherScope);
        const SnapshotRepository repo(db.database);

        const QJsonArray settings = test::sampleSettings(QStringLiteral("sc-settings-firewall-rules.json"));
        auto snapshot = repo.beginSnapshot(*scope, 0, {QStringLiteral("endpointSecurity")});
        QVERIFY2(snapshot.ok(), test::errorText(snapshot).constData());
        int stored = 0;
        for (const QJsonValue& s : settings) {
            for (const QJsonValue& d : s.toObject().value(QLatin1String("settingDefinitions")).toArray()) {
                const QJsonObject definition = d.toObject();
                QVERIFY(repo.addReference(*scope, *snapshot, QStringLiteral("definition"),
                                          definition.value(QLatin1String("id")).toString(), definition).ok());
                ++stored;
            }
        }
        for (const QJsonValue& c : test::normalizeData(QStringLiteral("configuration-categories.json")).object().value(QLatin1String("value")).toArray())
            QVERIFY(repo.addReference(*scope, *snapshot, QStringLiteral("category"),
                                      c.toObject().value(QLatin1String("id")).toString(), c.toObject()).ok());
        QVERIFY(repo.finishSnapshot(*scope, *snapshot, true, {}).ok());

        auto table = loadSnapshotDefinitions(repo, *scope, *snapshot);
        QVERIFY2(table.ok(), test::errorText(table).constData());
        QCOMPARE(table->definitionCount(), qsizetype(stored));
        // Only what the snapshot holds: the settings' own expanded definitions are stripped.
        QJsonArray bare;
        for (const QJsonValue& s : settings)
            bare.append(QJsonObject{{QStringLiteral("settingInstance"), s.toObject().value(QLatin1String("settingInstance"))}});
        const QList<SettingRow> rows = Normalizer(*table).settingsRows(bare);
        QCOMPARE(rows.size(), 22);
        for (const SettingRow& r : rows) {
            QVERIFY2(!r.definitionMissing, qPrintable(r.rowKey));
            QCOMPARE(r.category, QStringLiteral("Firewall"));
        }
        QCOMPARE(rows.at(1).record->direction, QStringLiteral("In"));

        auto denied = loadSnapshotDefinitions(repo, *otherScope, *snapshot);
        QVERIFY(!denied.ok());
        QCOMPARE(denied.error().code, ErrorCode::AccessDenied);

        // Which snapshot renders a version: the newest holding it, else the tenant's newest.
        const PolicyCatalog catalog(db.database);
        const QJsonObject policy{{QStringLiteral("name"), QStringLiteral("Rules")}, {QStringLiteral("settings"), bare}};
        auto held = repo.recordPolicyVersion(*scope, QStringLiteral("endpointSecurity"), QStringLiteral("G1"), QStringLiteral("Rules"),
                                             QStringLiteral("windows10"), policy, 0);
        QVERIFY(held.ok());
        auto holding = repo.beginSnapshot(*scope, 0, {QStringLiteral("endpointSecurity")});
        QVERIFY(holding.ok());
        QVERIFY(repo.addToSnapshot(*scope, *holding, held->versionId).ok());
        for (const QJsonValue& s : settings) {
            for (const QJsonValue& d : s.toObject().value(QLatin1String("settingDefinitions")).toArray())
                QVERIFY(repo.addReference(*scope, *holding, QStringLiteral("definition"),
                                          d.toObject().value(QLatin1String("id")).toString(), d.toObject()).ok());
        }
        QVERIFY(repo.finishSnapshot(*scope, *holding, true, {}).ok());
        auto newest = repo.beginSnapshot(*scope, 0, {QStringLiteral("scopeTags")});   // newer, without the version
        QVERIFY(newest.ok());
        QVERIFY(repo.finishSnapshot(*scope, *newest, true, {}).ok());
        QCOMPARE(renderingSnapshot(repo, catalog, *scope, held->versionId).value(), *holding);
        auto lone = repo.recordPolicyVersion(*scope, QStringLiteral("endpointSecurity"), QStringLiteral("G2"), QStringLiteral("Lone"),
                                             QStringLiteral("windows10"), policy, 0);
        QVERIFY(lone.ok());
        QCOMPARE(renderingSnapshot(repo, catalog, *scope, lone->versionId).value(), *newest);
        // The holding snapshot has the definitions: named rows; versionRows reads the content.
        auto rendered = versionRows(repo, catalog, *scope, held->versionId);
        QVERIFY2(rendered.ok(), test::errorText(rendered).constData());
        QCOMPARE(rendered->size(), 22);
        QVERIFY(!rendered->first().definitionMissing);
        // The newest snapshot stored no definitions: the lone version renders with fallbacks.
        auto fallback = versionRows(repo, catalog, *scope, lone->versionId);
        QVERIFY(fallback.ok());
        QCOMPARE(fallback->size(), 22);
        QVERIFY(fallback->first().definitionMissing);
        auto foreign = renderingSnapshot(repo, catalog, *otherScope, held->versionId);
        QVERIFY(!foreign.ok());
        QCOMPARE(foreign.error().code, ErrorCode::AccessDenied);
        auto noSnapshot = repo.recordPolicyVersion(*otherScope, QStringLiteral("endpointSecurity"), QStringLiteral("G3"),
                                                   QStringLiteral("Other"), QStringLiteral("windows10"), policy, 0);
        QVERIFY(noSnapshot.ok());
        QCOMPARE(renderingSnapshot(repo, catalog, *otherScope, noSnapshot->versionId).value(), qint64(0));
    }
};

QTEST_GUILESS_MAIN(TestSnapshotDefinitions)
#include "tst_snapshotdefinitions.moc"
