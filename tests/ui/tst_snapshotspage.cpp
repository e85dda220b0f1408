// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "core/runs/RunService.h"
#include "core/store/SnapshotRepository.h"
#include "tests/testutils/TestDatabase.h"
#include "tests/ui/UiTestSupport.h"
#include "ui/MessageWidget.h"
#include "ui/ModelRoles.h"
#include "ui/SnapshotDetailPanel.h"
#include "ui/SnapshotPoliciesModel.h"
#include "ui/SnapshotsModel.h"
#include "ui/SnapshotsPage.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QLabel>
#include <QLineEdit>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QTableWidget>
#include <QTest>
#include <QToolButton>

using namespace pv;
using namespace pv::ui;
using namespace Qt::StringLiterals;

namespace {

const QString SC = u"settingsCatalog"_s;
const QString ES = u"endpointSecurity"_s;
const QString TAGS = u"scopeTags"_s;
const QStringList AllTypes{u"settingsCatalog"_s, u"endpointSecurity"_s, u"securityBaseline"_s,
                           u"assignmentFilters"_s, u"scopeTags"_s};

// Names as long as real tenants have them: the list and the detail must stay readable.
const QString LongNameC = u"Windows 11 — Corporate baseline — BitLocker, Defender ASR rules, Credential Guard and "
                          "LAPS for the Finance and Legal departments (do not edit, owned by SecOps)"_s;
const QString LongNameD = u"macOS — FileVault escrow and Gatekeeper settings for contractors in the Europe, Middle "
                          "East and Africa region, staged rollout ring 2 of 4"_s;

/// A tenant's history, written through the store as a capture would:
///  #1 complete: settings catalog A, B, C; endpoint security E1; scope tag T1
///  #2 complete: A (same), B (edited), D (new), C gone; E1 (same); T1 (same), T2 (new)
///  #3 incomplete (endpoint security): A (edited), B, D; E1 not seen; T1, T2
struct History
{
    qint64 s1 = 0, s2 = 0, s3 = 0;
    qint64 policyB = 0, policyC = 0, policyD = 0;
};

History writeHistory(const SnapshotRepository& repo, const TenantScope& scope)
{
    History h;
    const auto record = [&](const QString& type, const QString& id, const QString& name, int revision) {
        const QJsonObject object{{u"id"_s, id}, {u"name"_s, name}, {u"description"_s, u"revision %1"_s.arg(revision)}};
        auto v = repo.recordPolicyVersion(scope, type, id, name, u"windows10"_s, object, 0);
        if (!v)
            qFatal("recordPolicyVersion: %s", qPrintable(v.error().toString()));
        return *v;
    };
    const auto snapshot = [&](const QList<RecordedVersion>& versions, const QStringList& incomplete) {
        auto id = repo.beginSnapshot(scope, 0, AllTypes);
        if (!id)
            qFatal("beginSnapshot failed");
        for (const RecordedVersion& v : versions) {
            if (!repo.addToSnapshot(scope, *id, v.versionId))
                qFatal("addToSnapshot failed");
        }
        if (!repo.finishSnapshot(scope, *id, incomplete.isEmpty(), incomplete))
            qFatal("finishSnapshot failed");
        return *id;
    };
    const RecordedVersion a1 = record(SC, u"a"_s, u"Defender Antivirus"_s, 1);
    const RecordedVersion b1 = record(SC, u"b"_s, u"Edge security"_s, 1);
    const RecordedVersion c1 = record(SC, u"c"_s, LongNameC, 1);
    const RecordedVersion e1 = record(ES, u"e1"_s, u"Firewall rules"_s, 1);
    const RecordedVersion t1 = record(TAGS, u"t1"_s, u"Finance"_s, 1);
    h.s1 = snapshot({a1, b1, c1, e1, t1}, {});
    const RecordedVersion b2 = record(SC, u"b"_s, u"Edge security"_s, 2);
    const RecordedVersion d1 = record(SC, u"d"_s, LongNameD, 1);
    const RecordedVersion t2 = record(TAGS, u"t2"_s, u"Legal"_s, 1);
    h.s2 = snapshot({a1, b2, d1, e1, t1, t2}, {});
    const RecordedVersion a2 = record(SC, u"a"_s, u"Defender Antivirus"_s, 2);
    h.s3 = snapshot({a2, b2, d1, t1, t2}, {ES});
    h.policyB = b2.policyId;
    h.policyC = c1.policyId;
    h.policyD = d1.policyId;
    return h;
}

QStringList typeRow(const QTableWidget* table, int row)
{
    QStringList out;
    for (int column = 0; column < table->columnCount(); ++column)
        out.append(table->item(row, column) ? table->item(row, column)->text() : QString());
    return out;
}

} // namespace

class TestSnapshotsPage final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { pv::test::initUiTestStyle(); }
    void listsNewestFirstWithCountsFromTheStore();
    void changesSincePreviousAreExact();
    void incompleteSnapshotNamesItsTypes();
    void emptyStateForATenantWithoutSnapshots();
    void anotherProcessesSnapshotAppearsOnReload();
};

void TestSnapshotsPage::listsNewestFirstWithCountsFromTheStore()
{
    pv::test::UiFixture fx;
    QVERIFY(fx.isValid());
    const SnapshotRepository repo(fx.db.database);
    const History h = writeHistory(repo, *fx.scope);

    SnapshotsPage page(*fx.runs, repo);
    QAbstractItemModelTester tester(page.model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    page.resize(1100, 760);
    page.show();
    page.setScope(fx.scope);
    QTRY_VERIFY(!page.isLoading());
    QCOMPARE(page.model()->rowCount(), 3);

    // Newest first, each row as the store has it.
    auto stored = repo.listSnapshots(*fx.scope);
    QVERIFY(stored.ok());
    using C = SnapshotsModel::Column;
    const QAbstractItemModel* model = page.model();
    QCOMPARE(model->index(0, 0).data(IdRole).toLongLong(), h.s3);
    QCOMPARE(model->index(1, 0).data(IdRole).toLongLong(), h.s2);
    QCOMPARE(model->index(2, 0).data(IdRole).toLongLong(), h.s1);
    for (int row = 0; row < 3; ++row) {
        const SnapshotRecord& record = stored->at(row);
        QCOMPARE(model->index(row, 0).data(IdRole).toLongLong(), record.id);
        QCOMPARE(model->index(row, int(C::Items)).data().toLongLong(), record.itemCount);
        auto detail = repo.snapshot(*fx.scope, record.id);
        QVERIFY(detail.ok());
        QCOMPARE(model->index(row, int(C::ByType)).data().toString(), SnapshotsModel::byTypeText(detail->itemsByType));
    }
    QCOMPARE(model->index(2, int(C::Status)).data().toString(), u"Complete"_s);
    QCOMPARE(model->index(1, int(C::Status)).data().toString(), u"Complete"_s);
    QCOMPARE(model->index(0, int(C::Status)).data().toString(), u"Incomplete: Endpoint security"_s);
    QCOMPARE(model->index(1, int(C::ByType)).data().toString(), u"Settings catalog 3 · Endpoint security 1 · Scope tags 2"_s);
    QCOMPARE(model->index(0, int(C::ByType)).data().toString(), u"Settings catalog 3 · Scope tags 2"_s);
    QCOMPARE(page.findChild<QLabel*>(u"snapshotCountLabel"_s)->text(), u"3 snapshots"_s);
    // The newest is selected and shown.
    QCOMPARE(page.selectedSnapshotId(), h.s3);
    QTRY_COMPARE(page.detail()->snapshotId(), h.s3);
}

void TestSnapshotsPage::changesSincePreviousAreExact()
{
    pv::test::UiFixture fx;
    QVERIFY(fx.isValid());
    const SnapshotRepository repo(fx.db.database);
    const History h = writeHistory(repo, *fx.scope);

    SnapshotsPage page(*fx.runs, repo);
    page.resize(1100, 760);
    page.show();
    page.setScope(fx.scope);
    QTRY_VERIFY(!page.isLoading());
    using C = SnapshotsModel::Column;
    const QAbstractItemModel* model = page.model();
    QCOMPARE(model->index(2, int(C::Changes)).data().toString(), u"First snapshot"_s);
    QCOMPARE(model->index(1, int(C::Changes)).data().toString(), u"2 new · 1 changed · 1 deleted · 3 unchanged"_s);
    // #3: A edited; E1 missing from an incomplete type is not a deletion.
    QCOMPARE(model->index(0, int(C::Changes)).data().toString(), u"1 changed · 4 unchanged"_s);

    page.selectSnapshot(h.s2);
    QTRY_COMPARE(page.detail()->snapshotId(), h.s2);
    QTRY_VERIFY(!page.isLoading());
    auto* types = page.findChild<QTableWidget*>(u"snapshotTypesTable"_s);
    QVERIFY(types->isVisible());
    QCOMPARE(types->rowCount(), 5);
    // Type, policies, new, changed, unchanged, deleted.
    QCOMPARE(typeRow(types, 0), (QStringList{u"Settings catalog"_s, u"3"_s, u"1"_s, u"1"_s, u"1"_s, u"1"_s}));
    QCOMPARE(typeRow(types, 1), (QStringList{u"Endpoint security"_s, u"1"_s, u"0"_s, u"0"_s, u"1"_s, u"0"_s}));
    QCOMPARE(typeRow(types, 2), (QStringList{u"Security baselines"_s, u"0"_s, u"0"_s, u"0"_s, u"0"_s, u"0"_s}));
    QCOMPARE(typeRow(types, 4), (QStringList{u"Scope tags"_s, u"2"_s, u"1"_s, u"0"_s, u"1"_s, u"0"_s}));

    // The policies with type, version and change; the deleted one listed last.
    SnapshotPoliciesModel* policies = page.detail()->policiesModel();
    QAbstractItemModelTester tester(policies, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(policies->rowCount(), 7);
    using P = SnapshotPoliciesModel::Column;
    const auto rowOf = [&](qint64 policyId) {
        for (int row = 0; row < policies->rowCount(); ++row) {
            if (policies->index(row, 0).data(IdRole).toLongLong() == policyId)
                return row;
        }
        return -1;
    };
    const int b = rowOf(h.policyB), c = rowOf(h.policyC), d = rowOf(h.policyD);
    QVERIFY(b >= 0 && c >= 0 && d >= 0);
    QCOMPARE(policies->index(b, int(P::Change)).data().toString(), u"Changed"_s);
    QCOMPARE(policies->index(b, int(P::Version)).data().toString(), u"v2"_s);
    QCOMPARE(policies->index(b, int(P::Type)).data().toString(), u"Settings catalog"_s);
    QCOMPARE(policies->index(d, int(P::Change)).data().toString(), u"New"_s);
    QCOMPARE(policies->index(d, int(P::Version)).data().toString(), u"v1"_s);
    QCOMPARE(policies->index(d, int(P::Name)).data().toString(), LongNameD);
    QCOMPARE(c, 6);
    QCOMPARE(policies->index(c, int(P::Change)).data().toString(), u"Deleted"_s);
    QCOMPARE(page.findChild<QLabel*>(u"snapshotPolicyCount"_s)->text(),
             u"6 policies · 1 deleted since the previous snapshot"_s);
    QVERIFY(!page.findChild<MessageWidget*>(u"snapshotBanner"_s)->isVisible());
    QVERIFY(pv::test::saveScreenshots(&page, u"snapshots_changes"_s));

    // Search: case-insensitive, once typing pauses.
    auto* search = page.findChild<QLineEdit*>(u"snapshotPolicySearch"_s);
    QTest::keyClicks(search, u"FILEVAULT"_s);
    QCOMPARE(page.detail()->policiesProxy()->rowCount(), 7);
    QTRY_COMPARE(page.detail()->policiesProxy()->rowCount(), 1);
    QCOMPARE(page.detail()->policiesProxy()->index(0, int(P::Name)).data().toString(), LongNameD);
    QCOMPARE(page.findChild<QLabel*>(u"snapshotPolicyCount"_s)->text(), u"1 of 7 rows"_s);
}

void TestSnapshotsPage::incompleteSnapshotNamesItsTypes()
{
    pv::test::UiFixture fx;
    QVERIFY(fx.isValid());
    const SnapshotRepository repo(fx.db.database);
    const History h = writeHistory(repo, *fx.scope);

    SnapshotsPage page(*fx.runs, repo);
    page.resize(1100, 760);
    page.show();
    page.setScope(fx.scope);
    QTRY_COMPARE(page.detail()->snapshotId(), h.s3);
    auto* banner = page.findChild<MessageWidget*>(u"snapshotBanner"_s);
    QVERIFY(banner->isVisible());
    QCOMPARE(banner->type(), MessageWidget::Type::Warning);
    QVERIFY2(banner->text().contains(u"Endpoint security"_s), qPrintable(banner->text()));
    auto* types = page.findChild<QTableWidget*>(u"snapshotTypesTable"_s);
    // Endpoint security: nothing seen, and its absences are not counted as deletions.
    QCOMPARE(typeRow(types, 1), (QStringList{u"Endpoint security (incomplete)"_s, u"0"_s, u"0"_s, u"0"_s, u"0"_s, u"?"_s}));
    QCOMPARE(typeRow(types, 0), (QStringList{u"Settings catalog"_s, u"3"_s, u"0"_s, u"1"_s, u"2"_s, u"0"_s}));
    QVERIFY(page.findChild<QLabel*>(u"snapshotNotCapturedLabel"_s)->isVisible());
    QVERIFY(pv::test::saveScreenshots(&page, u"snapshots_incomplete"_s));
}

void TestSnapshotsPage::emptyStateForATenantWithoutSnapshots()
{
    pv::test::UiFixture fx;
    QVERIFY(fx.isValid());
    const SnapshotRepository repo(fx.db.database);
    writeHistory(repo, *fx.scope);   // the other tenant's history must not show
    const qint64 other = pv::test::addTestTenant(fx.db.database, u"Fabrikam"_s);
    const auto otherScope = pv::test::enterTenant(fx.db.database, other);
    QVERIFY(otherScope);

    QAction backUpNow(u"Back up now"_s);
    SnapshotsPage page(*fx.runs, repo, &backUpNow);
    page.resize(1100, 760);
    page.show();
    auto* empty = page.findChild<QLabel*>(u"snapshotsEmptyState"_s);
    auto* button = page.findChild<QToolButton*>(u"snapshotsBackUpNowButton"_s);
    QVERIFY(!button->isVisible());   // nothing to back up without a tenant
    QVERIFY(empty->isVisible());
    QVERIFY2(empty->text().contains(u"No tenant selected"_s), qPrintable(empty->text()));
    page.setScope(otherScope);
    QTRY_VERIFY(!page.isLoading());
    QCOMPARE(page.model()->rowCount(), 0);
    QVERIFY(empty->isVisible());
    QVERIFY2(empty->text().contains(u"No snapshots yet"_s), qPrintable(empty->text()));
    QVERIFY(button->isVisible());
    QCOMPARE(button->text(), u"Back up now"_s);
    QCOMPARE(page.findChild<QLabel*>(u"snapshotCountLabel"_s)->text(), u"0 snapshots"_s);
    QVERIFY(pv::test::saveScreenshots(&page, u"snapshots_empty"_s));
}

void TestSnapshotsPage::anotherProcessesSnapshotAppearsOnReload()
{
    pv::test::UiFixture fx;
    QVERIFY(fx.isValid());
    const SnapshotRepository repo(fx.db.database);
    const History h = writeHistory(repo, *fx.scope);
    SnapshotsPage page(*fx.runs, repo);
    page.resize(1100, 760);
    page.show();
    page.setScope(fx.scope);
    QTRY_VERIFY(!page.isLoading());
    page.selectSnapshot(h.s1);
    QTRY_COMPARE(page.detail()->snapshotId(), h.s1);

    // A fourth snapshot, written as the CLI would; the store watcher then calls reload().
    auto id = repo.beginSnapshot(*fx.scope, 0, {TAGS});
    QVERIFY(id.ok());
    page.reload();
    QTRY_VERIFY(!page.isLoading());
    QCOMPARE(page.model()->rowCount(), 4);
    QCOMPARE(page.model()->index(0, 0).data(IdRole).toLongLong(), *id);
    QCOMPARE(page.model()->index(0, int(SnapshotsModel::Column::Status)).data().toString(), u"In progress"_s);
    QCOMPARE(page.selectedSnapshotId(), h.s1);   // the selection survived the reload

    // Watching it while it is captured: the detail follows until it is finished.
    page.selectSnapshot(*id);
    QTRY_COMPARE(page.detail()->snapshotId(), *id);
    QTRY_VERIFY(!page.isLoading());
    QCOMPARE(page.detail()->policiesModel()->rowCount(), 0);
    qint64 t1Version = 0;
    const auto itemsOfS3 = repo.snapshotItems(*fx.scope, h.s3);
    QVERIFY(itemsOfS3.ok());
    for (const auto& [policy, version] : *itemsOfS3) {
        if (policy.graphId == u"t1")
            t1Version = version.id;
    }
    QVERIFY(t1Version > 0);
    QVERIFY(repo.addToSnapshot(*fx.scope, *id, t1Version).ok());
    QVERIFY(repo.finishSnapshot(*fx.scope, *id, true, {}).ok());
    page.reload();
    QTRY_COMPARE(page.model()->index(0, int(SnapshotsModel::Column::Status)).data().toString(), u"Complete"_s);
    // Scope tag T2 is gone from a complete read, T1 is still there.
    QCOMPARE(page.model()->index(0, int(SnapshotsModel::Column::Changes)).data().toString(),
             u"1 deleted · 1 unchanged"_s);
    QTRY_COMPARE(page.detail()->policiesModel()->rowCount(), 2);   // T1, and T2 listed as deleted
    QCOMPARE(page.selectedSnapshotId(), *id);
}

QTEST_MAIN(TestSnapshotsPage)
#include "tst_snapshotspage.moc"
