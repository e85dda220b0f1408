// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "core/runs/RunService.h"
#include "tests/ui/UiTestSupport.h"
#include "ui/ModelRoles.h"
#include "ui/RunsFilterProxyModel.h"
#include "ui/RunsModel.h"
#include "ui/RunsPage.h"

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QLabel>
#include <QSignalSpy>
#include <QStackedWidget>
#include <QTableView>
#include <QTest>

#include <algorithm>

using namespace pv;
using namespace Qt::StringLiterals;
using namespace pv::ui;

class TestRunsPage final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void emptyStates();
    void rowsStatusesAndFilters_data();
    void rowsStatusesAndFilters();
    void liveProgressIsIncremental();
    void enterOpensRun();

private:
    static QString statusAt(const RunsModel* model, qint64 runId);
};

void TestRunsPage::initTestCase()
{
    pv::test::initUiTestStyle();
}

QString TestRunsPage::statusAt(const RunsModel* model, qint64 runId)
{
    const int row = model->rowOf(runId);
    if (row < 0)
        return {};
    return model->index(row, int(RunsModel::Column::Status)).data().toString();
}

void TestRunsPage::emptyStates()
{
    pv::test::UiFixture fx;
    QVERIFY(fx.isValid());
    RunsPage page(*fx.runs);
    QAbstractItemModelTester tester(page.model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    page.resize(900, 400);
    page.show();

    auto* empty = page.findChild<QLabel*>(QStringLiteral("runsEmptyState"));
    auto* count = page.findChild<QLabel*>(QStringLiteral("runCountLabel"));
    QVERIFY(empty && count);
    // No tenant: the page says how to add one.
    QVERIFY(empty->isVisible());
    QVERIFY(empty->text().contains(QStringLiteral("policyvault-cli tenant add")));

    page.setScope(fx.scope);
    // The list is read off the GUI thread; until it arrives the page says so.
    QVERIFY(page.model()->isLoading());
    QVERIFY(empty->text().contains(QStringLiteral("Loading runs")));
    QTRY_VERIFY(!page.model()->isLoading());
    QCOMPARE(page.model()->rowCount(), 0);
    QVERIFY(empty->isVisible());
    QVERIFY(empty->text().contains(QStringLiteral("No runs yet")));
    QCOMPARE(count->text(), QStringLiteral("0 runs"));
    QVERIFY(pv::test::saveScreenshots(&page, QStringLiteral("runspage_empty")));
}

void TestRunsPage::rowsStatusesAndFilters_data()
{
    QTest::addColumn<int>("filterIndex");
    QTest::addColumn<int>("expectedRows");
    QTest::addColumn<QString>("expectedCount");
    // Index into the combo: All, Active, Succeeded, Partially succeeded, Failed, Cancelled, Interrupted
    QTest::addRow("all") << 0 << 5 << QStringLiteral("5 runs");
    QTest::addRow("active") << 1 << 0 << QStringLiteral("0 of 5 runs");
    QTest::addRow("succeeded") << 2 << 2 << QStringLiteral("2 of 5 runs");
    QTest::addRow("partially succeeded") << 3 << 2 << QStringLiteral("2 of 5 runs");
    QTest::addRow("failed") << 4 << 1 << QStringLiteral("1 of 5 runs");
    QTest::addRow("cancelled") << 5 << 0 << QStringLiteral("0 of 5 runs");
}

void TestRunsPage::rowsStatusesAndFilters()
{
    QFETCH(int, filterIndex);
    QFETCH(int, expectedRows);
    QFETCH(QString, expectedCount);

    pv::test::UiFixture fx;
    QVERIFY(fx.isValid());
    RunsPage page(*fx.runs);
    QAbstractItemModelTester tester(page.model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester proxyTester(page.proxy(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    page.resize(1000, 420);
    page.show();
    page.setScope(fx.scope);
    QTRY_VERIFY(!page.model()->isLoading());
    QSignalSpy resets(page.model(), &QAbstractItemModel::modelReset);

    const QList<qint64> ids = {
        fx.startTestRun({{u"items"_s, 4}}, QStringLiteral("a")),
        fx.startTestRun({{u"items"_s, 6}, {u"failEvery"_s, 3}}, QStringLiteral("b")),
        fx.startTestRun({{u"items"_s, 2}}, QStringLiteral("c")),
        fx.startTestRun({{u"planError"_s, true}, {u"message"_s, u"Graph said no (request-id 1234-abcd)"_s}}, QStringLiteral("d")),
        fx.startTestRun({{u"items"_s, 5}, {u"failEvery"_s, 2}, {u"skipEvery"_s, 5}}, QStringLiteral("e")),
    };
    for (const qint64 id : ids)
        QVERIFY(id > 0);

    QTRY_COMPARE_WITH_TIMEOUT(page.model()->rowCount(), 5, 10000);
    QTRY_COMPARE_WITH_TIMEOUT(statusAt(page.model(), ids[0]), QStringLiteral("Succeeded"), 10000);
    QTRY_COMPARE_WITH_TIMEOUT(statusAt(page.model(), ids[1]), QStringLiteral("Partially succeeded"), 10000);
    QTRY_COMPARE_WITH_TIMEOUT(statusAt(page.model(), ids[2]), QStringLiteral("Succeeded"), 10000);
    QTRY_COMPARE_WITH_TIMEOUT(statusAt(page.model(), ids[3]), QStringLiteral("Failed"), 10000);
    QTRY_COMPARE_WITH_TIMEOUT(statusAt(page.model(), ids[4]), QStringLiteral("Partially succeeded"), 10000);
    // Rows arrived one by one; the model was never reset for an event.
    QCOMPARE(resets.count(), 0);

    const RunsModel* model = page.model();
    const int row = model->rowOf(ids[1]);
    QCOMPARE(model->index(row, int(RunsModel::Column::Progress)).data(ProgressDoneRole).toLongLong(), 6);
    QCOMPARE(model->index(row, int(RunsModel::Column::Progress)).data(ProgressTotalRole).toLongLong(), 6);
    QCOMPARE(model->index(row, int(RunsModel::Column::Progress)).data().toString(), QStringLiteral("6 / 6"));
    QCOMPARE(model->index(row, int(RunsModel::Column::Kind)).data().toString(), QStringLiteral("Test job"));
    QVERIFY(!model->index(row, int(RunsModel::Column::Status)).data(Qt::DecorationRole).value<QIcon>().isNull());
    QCOMPARE(model->index(row, int(RunsModel::Column::Status)).data(UnderlyingDataRole).toInt(),
             int(RunStatus::PartiallySucceeded));

    auto* combo = page.findChild<QComboBox*>(QStringLiteral("statusFilterCombo"));
    auto* count = page.findChild<QLabel*>(QStringLiteral("runCountLabel"));
    auto* view = page.findChild<QTableView*>(QStringLiteral("runsTable"));
    auto* empty = page.findChild<QLabel*>(QStringLiteral("runsEmptyState"));
    QVERIFY(combo && count && view && empty);
    QCOMPARE(combo->count(), 7);
    if (filterIndex == 0)
        QVERIFY(pv::test::saveScreenshots(&page, QStringLiteral("runspage_list")));

    combo->setCurrentIndex(filterIndex);
    QCOMPARE(page.proxy()->rowCount(), expectedRows);
    QCOMPARE(view->model()->rowCount(), expectedRows);
    QCOMPARE(count->text(), expectedCount);
    QCOMPARE(empty->isVisible(), expectedRows == 0);
    QCOMPARE(view->isVisible(), expectedRows > 0);
    if (expectedRows == 0)
        QVERIFY(empty->text().contains(QStringLiteral("No runs match")));
    if (filterIndex == 4)
        QVERIFY(pv::test::saveScreenshots(&page, QStringLiteral("runspage_filtered")));
}

void TestRunsPage::liveProgressIsIncremental()
{
    pv::test::UiFixture fx;
    QVERIFY(fx.isValid());
    RunsPage page(*fx.runs);
    QAbstractItemModelTester tester(page.model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    page.setScope(fx.scope);
    QTRY_VERIFY(!page.model()->isLoading());
    QSignalSpy resets(page.model(), &QAbstractItemModel::modelReset);
    QSignalSpy inserts(page.model(), &QAbstractItemModel::rowsInserted);
    QSignalSpy changes(page.model(), &QAbstractItemModel::dataChanged);
    QSignalSpy runEvents(fx.runs.get(), &RunService::runChanged);
    QSignalSpy runEnds(fx.runs.get(), &RunService::runFinished);

    // 1,000 × 15 ms: still running while the test looks, cancelled afterwards.
    const qint64 id = fx.startTestRun({{u"items"_s, 1000}, {u"itemDelayMs"_s, 15}}, QStringLiteral("slow"));
    QVERIFY(id > 0);
    QTRY_COMPARE_WITH_TIMEOUT(statusAt(page.model(), id), QStringLiteral("Running"), 5000);
    const auto done = [&] {
        const int row = page.model()->rowOf(id);
        return page.model()->index(row, int(RunsModel::Column::Progress)).data(ProgressDoneRole).toLongLong();
    };
    // Seen part-way, twice: progress moves while the run is still running.
    QTRY_VERIFY_WITH_TIMEOUT(done() > 0, 5000);
    const qint64 seen = done();
    QTRY_VERIFY_WITH_TIMEOUT(done() > seen, 5000);
    QCOMPARE(fx.run(id).status, RunStatus::Running);
    QVERIFY(fx.runs->cancel(*fx.scope, id));
    QTRY_COMPARE_WITH_TIMEOUT(statusAt(page.model(), id), QStringLiteral("Cancelled"), 10000);
    QCOMPARE(done(), fx.run(id).progressDone);
    QCOMPARE(resets.count(), 0);
    QCOMPARE(inserts.count(), 1);

    // Row updates follow the service's (coalesced) events — at most one per event — and never
    // touch another row. The once-a-second duration tick changes only the Duration cells.
    const auto eventsFor = [id](const QSignalSpy& spy) {
        return std::count_if(spy.cbegin(), spy.cend(), [id](const QList<QVariant>& args) {
            return args.at(1).toLongLong() == id;
        });
    };
    int rowUpdates = 0;
    for (const QList<QVariant>& args : std::as_const(changes)) {
        const auto topLeft = args.at(0).value<QModelIndex>();
        const auto bottomRight = args.at(1).value<QModelIndex>();
        QCOMPARE(topLeft.row(), page.model()->rowOf(id));
        QCOMPARE(bottomRight.row(), topLeft.row());
        if (topLeft.column() == 0)
            ++rowUpdates;
        else
            QCOMPARE(topLeft.column(), int(RunsModel::Column::Duration));
    }
    QVERIFY2(rowUpdates >= 2 && rowUpdates <= eventsFor(runEvents) + eventsFor(runEnds),
             qPrintable(u"%1 row updates for %2 + %3 events"_s.arg(rowUpdates).arg(eventsFor(runEvents)).arg(eventsFor(runEnds))));
}

void TestRunsPage::enterOpensRun()
{
    pv::test::UiFixture fx;
    QVERIFY(fx.isValid());
    RunsPage page(*fx.runs);
    page.resize(900, 300);
    page.show();
    page.setScope(fx.scope);
    const qint64 first = fx.startTestRun({{u"items"_s, 1}}, QStringLiteral("first"));
    const qint64 second = fx.startTestRun({{u"items"_s, 1}}, QStringLiteral("second"));
    QTRY_COMPARE_WITH_TIMEOUT(statusAt(page.model(), first), QStringLiteral("Succeeded"), 5000);
    QTRY_COMPARE_WITH_TIMEOUT(statusAt(page.model(), second), QStringLiteral("Succeeded"), 5000);

    QSignalSpy open(&page, &RunsPage::openRunRequested);
    auto* view = page.findChild<QTableView*>(QStringLiteral("runsTable"));
    QVERIFY(view);
    const QModelIndex target = page.proxy()->mapFromSource(page.model()->index(page.model()->rowOf(second), 0));
    view->setFocus();
    view->setCurrentIndex(target);
    QTest::keyClick(view, Qt::Key_Return);
    QCOMPARE(open.count(), 1);
    QCOMPARE(open.at(0).at(0).toLongLong(), second);

    const QModelIndex other = page.proxy()->mapFromSource(page.model()->index(page.model()->rowOf(first), 1));
    const QRect rect = view->visualRect(other);
    // A press first, as a real double click starts with one (QAbstractItemView checks it).
    QTest::mousePress(view->viewport(), Qt::LeftButton, {}, rect.center());
    QTest::mouseRelease(view->viewport(), Qt::LeftButton, {}, rect.center());
    QTest::mouseDClick(view->viewport(), Qt::LeftButton, {}, rect.center());
    QCOMPARE(open.count(), 2);
    QCOMPARE(open.at(1).at(0).toLongLong(), first);
}

QTEST_MAIN(TestRunsPage)
#include "tst_runspage.moc"
