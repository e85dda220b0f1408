// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "core/runs/RunService.h"
#include "tests/ui/UiTestSupport.h"
#include "ui/MessageWidget.h"
#include "ui/ModelRoles.h"
#include "ui/RunDetailPage.h"
#include "ui/RunItemsFilterProxyModel.h"
#include "ui/RunItemsModel.h"
#include "ui/RunItemsPanel.h"

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>
#include <QTimer>

using namespace pv;
using namespace pv::ui;
using namespace Qt::StringLiterals;

class TestRunDetail final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void partialRunShowsItemsAndFilters();
    void outcomeFilter_data();
    void outcomeFilter();
    void searchIsDebouncedAndCaseInsensitive();
    void cancelWhileRunning();
    void resumeOpensChildRun();
    void failedRunShowsErrorBanner();
    void unknownKindCannotBeResumed();
    void liveItemsAreAppended();
    void bigBatchIsAppendedInChunks();

private:
    template<typename T>
    static T* child(QWidget& parent, const char* name)
    {
        return parent.findChild<T*>(QLatin1String(name));
    }
};

void TestRunDetail::initTestCase()
{
    pv::test::initUiTestStyle();
}

void TestRunDetail::partialRunShowsItemsAndFilters()
{
    pv::test::UiFixture fx;
    QVERIFY(fx.isValid());
    const qint64 id = fx.startTestRun({{u"items"_s, 12}, {u"failEvery"_s, 5}, {u"skipEvery"_s, 4}}, u"partial"_s);
    QTRY_COMPARE_WITH_TIMEOUT(fx.run(id).status, RunStatus::PartiallySucceeded, 10000);

    RunDetailPage page(*fx.runs);
    QAbstractItemModelTester tester(page.itemsModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester proxyTester(page.itemsProxy(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    page.resize(1100, 700);
    page.show();
    page.setRun(*fx.scope, id);
    // Read off the GUI thread: the header says so until the record arrives.
    QCOMPARE(child<QLabel>(page, "runTitleLabel")->text(), u"Run %1"_s.arg(id));
    QCOMPARE(child<QLabel>(page, "runStatusLabel")->text(), u"Loading…"_s);
    QTRY_COMPARE(child<QLabel>(page, "runStatusLabel")->text(), u"Partially succeeded"_s);
    QCOMPARE(child<QLabel>(page, "runTitleLabel")->text(), u"Test job — run %1"_s.arg(id));
    auto* progress = child<QProgressBar>(page, "runProgressBar");
    QCOMPARE(progress->maximum(), 12);
    QCOMPARE(progress->value(), 12);
    QCOMPARE(progress->text(), u"12 of 12 items"_s);
    QCOMPARE(child<QLabel>(page, "parameter_items")->text(), u"12"_s);
    QCOMPARE(child<QLabel>(page, "parameter_failEvery")->text(), u"5"_s);

    // 12 items: 5 and 10 fail, 4, 8 and 12 are skipped, the rest succeed. Items are read
    // off the GUI thread and arrive a moment later.
    QTRY_COMPARE(page.itemsModel()->rowCount(), 12);
    const QAbstractItemModel* model = page.itemsModel();
    using C = RunItemsModel::Column;
    QCOMPARE(model->index(4, int(C::Ordinal)).data().toString(), u"5"_s);
    QCOMPARE(model->index(4, int(C::Item)).data().toString(), u"Test item 5"_s);
    QCOMPARE(model->index(4, int(C::Outcome)).data().toString(), u"Failed"_s);
    QCOMPARE(model->index(4, int(C::Outcome)).data(UnderlyingDataRole).toInt(), int(ItemOutcome::Failed));
    QVERIFY(!model->index(4, int(C::Outcome)).data(Qt::DecorationRole).value<QIcon>().isNull());
    QCOMPARE(model->index(4, int(C::Message)).data().toString(), u"test failure of item 5"_s);
    QCOMPARE(model->index(4, int(C::RequestId)).data().toString(), u"test-request-5"_s);
    QCOMPARE(model->index(3, int(C::Outcome)).data().toString(), u"Skipped"_s);
    QCOMPARE(model->index(0, int(C::Outcome)).data().toString(), u"Succeeded"_s);
    QCOMPARE(child<QLabel>(page, "itemCountLabel")->text(), u"12 items"_s);

    auto* banner = child<MessageWidget>(page, "runErrorBanner");
    QVERIFY(banner->isVisible());
    QCOMPARE(banner->type(), MessageWidget::Type::Warning);
    QVERIFY2(banner->text().contains(u"2 of 12 items failed"_s), qPrintable(banner->text()));
    QVERIFY2(banner->text().contains(u"test-request-5"_s), qPrintable(banner->text()));

    QVERIFY(!child<QPushButton>(page, "cancelRunButton")->isEnabled());
    QVERIFY(child<QPushButton>(page, "resumeRunButton")->isEnabled());
    QVERIFY(pv::test::saveScreenshots(&page, u"rundetail_partial"_s));
}

void TestRunDetail::outcomeFilter_data()
{
    QTest::addColumn<QString>("outcome");
    QTest::addColumn<int>("expectedRows");
    QTest::addColumn<QString>("expectedCount");
    QTest::addRow("all") << u"All outcomes"_s << 12 << u"12 items"_s;
    QTest::addRow("failed") << u"Failed"_s << 2 << u"2 of 12 items"_s;
    QTest::addRow("skipped") << u"Skipped"_s << 3 << u"3 of 12 items"_s;
    QTest::addRow("succeeded") << u"Succeeded"_s << 7 << u"7 of 12 items"_s;
    QTest::addRow("created") << u"Created"_s << 0 << u"0 of 12 items"_s;
}

void TestRunDetail::outcomeFilter()
{
    QFETCH(QString, outcome);
    QFETCH(int, expectedRows);
    QFETCH(QString, expectedCount);

    pv::test::UiFixture fx;
    QVERIFY(fx.isValid());
    const qint64 id = fx.startTestRun({{u"items"_s, 12}, {u"failEvery"_s, 5}, {u"skipEvery"_s, 4}}, u"partial"_s);
    QTRY_COMPARE_WITH_TIMEOUT(fx.run(id).status, RunStatus::PartiallySucceeded, 10000);
    RunDetailPage page(*fx.runs);
    QAbstractItemModelTester proxyTester(page.itemsProxy(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    page.resize(1000, 600);
    page.show();
    page.setRun(*fx.scope, id);
    QTRY_COMPARE(page.itemsModel()->rowCount(), 12);

    auto* combo = child<QComboBox>(page, "outcomeFilterCombo");
    const int index = combo->findText(outcome);
    QVERIFY(index >= 0);
    combo->setCurrentIndex(index);
    QCOMPARE(page.itemsProxy()->rowCount(), expectedRows);
    QCOMPARE(child<QLabel>(page, "itemCountLabel")->text(), expectedCount);
    QCOMPARE(child<QLabel>(page, "itemsEmptyState")->isVisible(), expectedRows == 0);
    for (int row = 0; index > 0 && row < page.itemsProxy()->rowCount(); ++row)
        QCOMPARE(page.itemsProxy()->index(row, int(RunItemsModel::Column::Outcome)).data().toString(), outcome);
}

void TestRunDetail::searchIsDebouncedAndCaseInsensitive()
{
    pv::test::UiFixture fx;
    QVERIFY(fx.isValid());
    const qint64 id = fx.startTestRun({{u"items"_s, 12}, {u"failEvery"_s, 5}}, u"search"_s);
    QTRY_COMPARE_WITH_TIMEOUT(fx.run(id).status, RunStatus::PartiallySucceeded, 10000);
    RunDetailPage page(*fx.runs);
    page.resize(1000, 600);
    page.show();
    page.setRun(*fx.scope, id);
    QTRY_COMPARE(page.itemsProxy()->rowCount(), 12);

    auto* search = child<QLineEdit>(page, "itemSearchEdit");
    QTest::keyClicks(search, u"TEST ITEM 1"_s);
    // Typing does not filter yet: the timer waits for a pause.
    QCOMPARE(page.itemsProxy()->rowCount(), 12);
    // "Test item 1", "Test item 10", "11", "12".
    QTRY_COMPARE(page.itemsProxy()->rowCount(), 4);
    QCOMPARE(child<QLabel>(page, "itemCountLabel")->text(), u"4 of 12 items"_s);

    search->clear();
    QTest::keyClicks(search, u"REQUEST-10"_s);   // request ids are searched too
    QTRY_COMPARE(page.itemsProxy()->rowCount(), 1);
    QCOMPARE(page.itemsProxy()->index(0, int(RunItemsModel::Column::Item)).data().toString(), u"Test item 10"_s);

    search->clear();
    QTest::keyClicks(search, u"failure of"_s);   // and messages
    QTRY_COMPARE(page.itemsProxy()->rowCount(), 2);
}

void TestRunDetail::cancelWhileRunning()
{
    pv::test::UiFixture fx;
    QVERIFY(fx.isValid());
    // 1,000 × 10 ms: it is still running when Cancel is clicked, however busy the machine is.
    const qint64 id = fx.startTestRun({{u"items"_s, 1000}, {u"itemDelayMs"_s, 10}}, u"long"_s);
    RunDetailPage page(*fx.runs);
    page.resize(1000, 650);
    page.show();
    page.setRun(*fx.scope, id);

    auto* cancel = child<QPushButton>(page, "cancelRunButton");
    auto* resume = child<QPushButton>(page, "resumeRunButton");
    auto* progress = child<QProgressBar>(page, "runProgressBar");
    QTRY_COMPARE_WITH_TIMEOUT(child<QLabel>(page, "runStatusLabel")->text(), u"Running"_s, 5000);
    QTRY_VERIFY_WITH_TIMEOUT(progress->value() > 0 && page.itemsModel()->rowCount() > 0, 5000);
    QCOMPARE(progress->maximum(), 1000);
    QVERIFY(cancel->isEnabled());
    QVERIFY(!resume->isEnabled());
    QVERIFY(pv::test::saveScreenshots(&page, u"rundetail_running"_s));

    QTest::mouseClick(cancel, Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(child<QLabel>(page, "runStatusLabel")->text(), u"Cancelled"_s, 5000);
    QCOMPARE(fx.run(id).status, RunStatus::Cancelled);
    QVERIFY(!cancel->isEnabled());
    QVERIFY(resume->isEnabled());
    QVERIFY(progress->value() < 1000);
    QTRY_COMPARE(page.itemsModel()->rowCount(), int(fx.run(id).progressDone));
    auto* banner = child<MessageWidget>(page, "runErrorBanner");
    QVERIFY(banner->isVisible());
    QVERIFY(banner->text().contains(u"cancelled"_s));
}

void TestRunDetail::resumeOpensChildRun()
{
    pv::test::UiFixture fx;
    QVERIFY(fx.isValid());
    const qint64 id = fx.startTestRun({{u"items"_s, 9}, {u"failEvery"_s, 4}}, u"resume"_s);
    QTRY_COMPARE_WITH_TIMEOUT(fx.run(id).status, RunStatus::PartiallySucceeded, 10000);
    RunDetailPage page(*fx.runs);
    page.resize(1000, 600);
    page.show();
    page.setRun(*fx.scope, id);
    QTRY_VERIFY(child<QPushButton>(page, "resumeRunButton")->isEnabled());

    QSignalSpy open(&page, &RunDetailPage::openRunRequested);
    // Another process holds the store's write lock: Resume waits for it off the GUI thread.
    pv::test::ForeignWriteLock lock(fx.db.path);
    QVERIFY(lock.isHeld());
    QTest::mouseClick(child<QPushButton>(page, "resumeRunButton"), Qt::LeftButton);
    // The click came back while the lock is held: on the GUI thread the resume would have
    // waited out the busy timeout and failed before returning.
    QVERIFY(!child<QPushButton>(page, "resumeRunButton")->isEnabled());   // no second request meanwhile
    QVERIFY(page.isWriting());
    // The page stays live: the event loop delivers a queued call while the resume still waits
    // for the lock, and no child run exists yet.
    bool eventLoopRan = false;
    QTimer::singleShot(0, this, [&eventLoopRan] { eventLoopRan = true; });
    QTRY_VERIFY(eventLoopRan);
    QVERIFY(page.isWriting());
    QCOMPARE(open.count(), 0);
    QCOMPARE(fx.runs->runs(*fx.scope).value().size(), 1);
    lock.release();
    QTRY_COMPARE_WITH_TIMEOUT(open.count(), 1, 10000);
    const qint64 childId = open.at(0).at(0).toLongLong();
    QVERIFY(childId > id);
    QCOMPARE(fx.run(childId).parentRunId, id);

    // The child redoes only the two failed items (4 and 8), which fail again.
    page.setRun(*fx.scope, childId);
    QTRY_COMPARE_WITH_TIMEOUT(child<QLabel>(page, "runStatusLabel")->text(), u"Failed"_s, 10000);
    QTRY_COMPARE(page.itemsModel()->rowCount(), 2);
    QCOMPARE(page.itemsModel()->index(0, int(RunItemsModel::Column::Ordinal)).data().toString(), u"4"_s);
    QVERIFY(child<QLabel>(page, "runParentLabel")->text().contains(u"Run %1"_s.arg(id)));

    // Resuming the parent again leads to the same child.
    page.setRun(*fx.scope, id);
    QTRY_VERIFY(child<QPushButton>(page, "resumeRunButton")->isEnabled());
    QTest::mouseClick(child<QPushButton>(page, "resumeRunButton"), Qt::LeftButton);
    QTRY_COMPARE(open.count(), 2);
    QCOMPARE(open.at(1).at(0).toLongLong(), childId);
}

void TestRunDetail::failedRunShowsErrorBanner()
{
    pv::test::UiFixture fx;
    QVERIFY(fx.isValid());
    const qint64 id = fx.startTestRun(
        {{u"planError"_s, true}, {u"message"_s, u"Graph answered 403 Forbidden (request-id 7f3c-11aa)"_s}}, u"fail"_s);
    QTRY_COMPARE_WITH_TIMEOUT(fx.run(id).status, RunStatus::Failed, 10000);
    RunDetailPage page(*fx.runs);
    page.resize(1000, 560);
    page.show();
    page.setRun(*fx.scope, id);

    auto* banner = child<MessageWidget>(page, "runErrorBanner");
    QTRY_VERIFY(banner->isVisible());
    QCOMPARE(banner->type(), MessageWidget::Type::Error);
    QVERIFY2(banner->text().contains(u"7f3c-11aa"_s), qPrintable(banner->text()));
    QTRY_VERIFY(!page.isLoading());
    QCOMPARE(page.itemsModel()->rowCount(), 0);
    QVERIFY(child<QLabel>(page, "itemsEmptyState")->isVisible());
    QVERIFY(!child<QPushButton>(page, "cancelRunButton")->isEnabled());
    QVERIFY(child<QPushButton>(page, "resumeRunButton")->isEnabled());
    QVERIFY(pv::test::saveScreenshots(&page, u"rundetail_failed"_s));
}

void TestRunDetail::unknownKindCannotBeResumed()
{
    pv::test::UiFixture fx;
    QVERIFY(fx.isValid());
    const qint64 id = fx.startTestRun({{u"items"_s, 4}, {u"failEvery"_s, 2}}, u"unknown"_s);
    QTRY_COMPARE_WITH_TIMEOUT(fx.run(id).status, RunStatus::PartiallySucceeded, 10000);
    // A program that does not know the "test" kind (another version) shows the run …
    RunService stranger(fx.db.database);
    RunDetailPage page(stranger);
    page.show();
    page.setRun(*fx.scope, id);
    QTRY_COMPARE(child<QLabel>(page, "runStatusLabel")->text(), u"Partially succeeded"_s);
    // … but does not offer a Resume that would fail with "unknown run kind".
    auto* resume = child<QPushButton>(page, "resumeRunButton");
    QVERIFY(!resume->isEnabled());
    QVERIFY2(resume->toolTip().contains(u"cannot run \"test\" jobs"_s), qPrintable(resume->toolTip()));

    RunDetailPage knowing(*fx.runs);
    knowing.setRun(*fx.scope, id);
    QTRY_VERIFY(child<QPushButton>(knowing, "resumeRunButton")->isEnabled());
}

void TestRunDetail::liveItemsAreAppended()
{
    pv::test::UiFixture fx;
    QVERIFY(fx.isValid());
    // Long enough (1,000 × 20 ms) that it is still running when the first items are shown;
    // cancelled once that has been seen.
    const qint64 id = fx.startTestRun({{u"items"_s, 1000}, {u"itemDelayMs"_s, 20}}, u"live"_s);
    RunDetailPage page(*fx.runs);
    QAbstractItemModelTester tester(page.itemsModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    page.setRun(*fx.scope, id);
    QSignalSpy resets(page.itemsModel(), &QAbstractItemModel::modelReset);
    QSignalSpy inserts(page.itemsModel(), &QAbstractItemModel::rowsInserted);

    // Items appear while the run is still running, in more than one batch …
    QTRY_VERIFY_WITH_TIMEOUT(page.itemsModel()->rowCount() > 0, 15000);
    const int firstBatch = page.itemsModel()->rowCount();
    QTRY_VERIFY_WITH_TIMEOUT(page.itemsModel()->rowCount() > firstBatch, 15000);
    QCOMPARE(fx.run(id).status, RunStatus::Running);
    QVERIFY(inserts.count() >= 2);
    QVERIFY(fx.runs->cancel(*fx.scope, id));
    // … and the rest follow without a reload.
    QTRY_COMPARE_WITH_TIMEOUT(page.run()->status, RunStatus::Cancelled, 15000);
    const int done = int(fx.run(id).progressDone);
    QTRY_COMPARE(page.itemsModel()->rowCount(), done);
    QVERIFY(done < 1000);
    QCOMPARE(resets.count(), 0);
    for (int row = 0; row < done; ++row)
        QCOMPARE(page.itemsModel()->index(row, 0).data(UnderlyingDataRole).toInt(), row);
}

void TestRunDetail::bigBatchIsAppendedInChunks()
{
    RunItemsPanel panel;
    QAbstractItemModelTester tester(panel.model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy inserts(panel.model(), &QAbstractItemModel::rowsInserted);
    QList<RunItemRecord> items;
    for (int i = 0; i < 5000; ++i) {
        RunItemRecord item;
        item.ordinal = i;
        item.displayName = u"Item %1"_s.arg(i);
        item.outcome = i % 7 == 0 ? ItemOutcome::Failed : ItemOutcome::Succeeded;
        items.append(item);
    }
    panel.appendItems(items);
    // The first chunk lands at once, the rest over the next event-loop turns.
    QVERIFY(panel.model()->rowCount() > 0);
    QVERIFY(panel.model()->rowCount() < 5000);
    QCOMPARE(panel.lastOrdinal(), 4999);
    QTRY_COMPARE(panel.model()->rowCount(), 5000);
    QVERIFY(inserts.count() >= 10);
    // Handing over items it already has adds nothing.
    panel.appendItems(items.mid(4990));
    QCOMPARE(panel.model()->rowCount(), 5000);
    QVERIFY(!panel.hasPendingItems());
}

QTEST_MAIN(TestRunDetail)
#include "tst_rundetail.moc"
