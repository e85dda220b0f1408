// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "core/runs/RunService.h"
#include "tests/ui/UiTestSupport.h"
#include "ui/BannerNotifier.h"
#include "ui/MainWindow.h"
#include "ui/ModelRoles.h"
#include "ui/NotificationBellButton.h"
#include "ui/NotificationCentre.h"
#include "ui/NotificationsModel.h"
#include "ui/RunDetailPage.h"

#include <QAbstractItemModelTester>
#include <QFontMetrics>
#include <QLabel>
#include <QPushButton>
#include <QStackedWidget>
#include <QTableView>
#include <QTest>
#include <QTimer>

using namespace pv;
using namespace pv::ui;
using namespace Qt::StringLiterals;

class TestNotificationCentre final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void emptyCentre();
    void bellCountsAndViewRunOpensIt();
    void markReadAndMarkAllRead();

private:
    static int rowOfRun(const NotificationsModel* model, qint64 runId);
};

void TestNotificationCentre::initTestCase()
{
    pv::test::initUiTestStyle();
}

int TestNotificationCentre::rowOfRun(const NotificationsModel* model, qint64 runId)
{
    for (int row = 0; row < model->rowCount(); ++row) {
        if (model->record(row)->runId == runId)
            return row;
    }
    return -1;
}

void TestNotificationCentre::emptyCentre()
{
    pv::test::UiFixture fx;
    QVERIFY(fx.isValid());
    BannerNotifier notifier;
    MainWindow window({*fx.runs, *fx.gate, *fx.tenants, notifier});
    window.show();
    QVERIFY(pv::test::waitForWindowLoaded(window));
    auto* bell = window.findChild<NotificationBellButton*>(u"notificationBell"_s);
    QVERIFY(bell);
    QCOMPARE(bell->unreadCount(), 0);
    QCOMPARE(bell->badgeText(), QString());

    QTest::mouseClick(bell, Qt::LeftButton);
    auto* centre = window.findChild<NotificationCentre*>(u"notificationCentre"_s);
    QVERIFY(centre && centre->isVisible());
    auto* empty = centre->findChild<QLabel*>(u"notificationsEmptyState"_s);
    QVERIFY(empty->isVisible());
    QVERIFY(empty->text().contains(u"No notifications"_s));
    QVERIFY(!centre->findChild<QPushButton*>(u"viewRunButton"_s)->isEnabled());
    QVERIFY(!centre->findChild<QPushButton*>(u"markAllReadButton"_s)->isEnabled());
    QVERIFY(pv::test::saveScreenshots(centre, u"notificationcentre_empty"_s));
    centre->hide();
}

void TestNotificationCentre::bellCountsAndViewRunOpensIt()
{
    pv::test::UiFixture fx;
    QVERIFY(fx.isValid());
    BannerNotifier notifier;
    MainWindow window({*fx.runs, *fx.gate, *fx.tenants, notifier});
    window.show();
    QVERIFY(pv::test::waitForWindowLoaded(window));
    auto* bell = window.findChild<NotificationBellButton*>(u"notificationBell"_s);
    auto* centre = window.findChild<NotificationCentre*>(u"notificationCentre"_s);
    QAbstractItemModelTester tester(centre->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);

    const qint64 first = fx.startTestRun({{u"items"_s, 3}}, u"one"_s);
    QTRY_COMPARE_WITH_TIMEOUT(bell->unreadCount(), 1, 10000);
    const qint64 second = fx.startTestRun({{u"items"_s, 4}, {u"failEvery"_s, 2}}, u"two"_s);
    const qint64 third = fx.startTestRun({{u"items"_s, 2}, {u"skipEvery"_s, 1}}, u"three"_s);
    QTRY_COMPARE_WITH_TIMEOUT(centre->model()->rowCount(), 3, 10000);
    QTRY_COMPARE_WITH_TIMEOUT(bell->unreadCount(), 3, 10000);
    QCOMPARE(bell->badgeText(), u"3"_s);
    QCOMPARE(fx.runs->unreadNotificationCount(*fx.scope).value(), 3);

    QTest::mouseClick(bell, Qt::LeftButton);
    QVERIFY(centre->isVisible());
    const NotificationsModel* model = centre->model();
    QCOMPARE(model->rowCount(), 3);
    for (int row = 0; row < 3; ++row) {
        QVERIFY(model->index(row, 0).data(UnreadRole).toBool());
        QVERIFY(model->index(row, 0).data(Qt::FontRole).value<QFont>().bold());
    }
    QVERIFY(!model->index(0, int(NotificationsModel::Column::Title)).data().toString().isEmpty());
    QVERIFY(!model->index(0, int(NotificationsModel::Column::Time)).data().toString().isEmpty());
    // Every time is readable in full in its (bold, unread) cell, not elided.
    auto* table = centre->findChild<QTableView*>(u"notificationsTable"_s);
    const int timeColumn = int(NotificationsModel::Column::Time);
    for (int row = 0; row < 3; ++row) {
        const QModelIndex time = model->index(row, timeColumn);
        const QFontMetrics metrics(time.data(Qt::FontRole).value<QFont>());
        QVERIFY2(metrics.horizontalAdvance(time.data().toString()) + 8 <= table->columnWidth(timeColumn),
                 qPrintable(time.data().toString()));
    }
    QVERIFY(pv::test::saveScreenshots(centre, u"notificationcentre_unread"_s));

    // Select the notification of the second run and view it.
    auto* view = centre->findChild<QTableView*>(u"notificationsTable"_s);
    const int row = rowOfRun(model, second);
    QVERIFY(row >= 0);
    view->selectRow(row);
    QTest::mouseClick(centre->findChild<QPushButton*>(u"viewRunButton"_s), Qt::LeftButton);

    QVERIFY(!centre->isVisible());
    auto* stack = window.findChild<QStackedWidget*>(u"pageStack"_s);
    QCOMPARE(stack->currentWidget(), window.runDetailPage());
    QCOMPARE(window.runDetailPage()->runId(), second);
    QTRY_COMPARE(window.runDetailPage()->findChild<QLabel*>(u"runStatusLabel"_s)->text(), u"Partially succeeded"_s);
    // Viewing marks it read: the window shows it at once, the store once the background
    // write has landed.
    QCOMPARE(bell->unreadCount(), 2);
    QTRY_VERIFY_WITH_TIMEOUT(!centre->isWriting(), 10000);
    QCOMPARE(fx.runs->unreadNotificationCount(*fx.scope).value(), 2);
    QCOMPARE(bell->unreadCount(), 2);
    QVERIFY(!model->index(row, 0).data(UnreadRole).toBool());
    QVERIFY(!model->index(row, 0).data(Qt::FontRole).value<QFont>().bold());
    Q_UNUSED(first);
    Q_UNUSED(third);
}

void TestNotificationCentre::markReadAndMarkAllRead()
{
    pv::test::UiFixture fx;
    QVERIFY(fx.isValid());
    BannerNotifier notifier;
    MainWindow window({*fx.runs, *fx.gate, *fx.tenants, notifier});
    window.show();
    QVERIFY(pv::test::waitForWindowLoaded(window));
    auto* bell = window.findChild<NotificationBellButton*>(u"notificationBell"_s);
    auto* centre = window.findChild<NotificationCentre*>(u"notificationCentre"_s);

    const qint64 a = fx.startTestRun({{u"items"_s, 1}}, u"a"_s);
    const qint64 b = fx.startTestRun({{u"items"_s, 1}}, u"b"_s);
    // The bell counts in the store; the list follows the (queued) notificationAdded events.
    QTRY_COMPARE_WITH_TIMEOUT(centre->model()->rowCount(), 2, 10000);
    QTRY_COMPARE_WITH_TIMEOUT(bell->unreadCount(), 2, 10000);

    QTest::mouseClick(bell, Qt::LeftButton);
    auto* view = centre->findChild<QTableView*>(u"notificationsTable"_s);
    auto* markRead = centre->findChild<QPushButton*>(u"markReadButton"_s);
    auto* markAll = centre->findChild<QPushButton*>(u"markAllReadButton"_s);
    view->selectRow(rowOfRun(centre->model(), a));
    QVERIFY(markRead->isEnabled());
    QTest::mouseClick(markRead, Qt::LeftButton);
    QCOMPARE(bell->unreadCount(), 1);
    QVERIFY(!markRead->isEnabled());   // the selected one is read now
    QTRY_VERIFY_WITH_TIMEOUT(!centre->isWriting(), 10000);   // written off the GUI thread
    QCOMPARE(fx.runs->unreadNotificationCount(*fx.scope).value(), 1);
    QCOMPARE(bell->unreadCount(), 1);
    QVERIFY(centre->model()->index(rowOfRun(centre->model(), b), 0).data(UnreadRole).toBool());

    // A new notification arrives while the centre is open: it appears on top, unread.
    const qint64 c = fx.startTestRun({{u"items"_s, 1}}, u"c"_s);
    QTRY_COMPARE_WITH_TIMEOUT(centre->model()->rowCount(), 3, 10000);
    QTRY_COMPARE_WITH_TIMEOUT(bell->unreadCount(), 2, 10000);
    QCOMPARE(centre->model()->record(0)->runId, c);

    QVERIFY(markAll->isEnabled());
    // Another process holds the store's write lock: the click must not wait for it.
    pv::test::ForeignWriteLock lock(fx.db.path);
    QVERIFY(lock.isHeld());
    QTest::mouseClick(markAll, Qt::LeftButton);
    // The click came back while the lock is still held, with the write still pending: written on
    // the GUI thread, it would have waited out the busy timeout and failed before returning.
    QCOMPARE(bell->unreadCount(), 0);
    QCOMPARE(bell->badgeText(), QString());
    QVERIFY(centre->isWriting());
    // The window stays live meanwhile: the event loop delivers a queued call while the write
    // still waits for the lock, and the store has not changed yet.
    bool eventLoopRan = false;
    QTimer::singleShot(0, this, [&eventLoopRan] { eventLoopRan = true; });
    QTRY_VERIFY(eventLoopRan);
    QVERIFY(centre->isWriting());
    QCOMPARE(fx.runs->unreadNotificationCount(*fx.scope).value(), 2);
    lock.release();
    QTRY_VERIFY_WITH_TIMEOUT(!centre->isWriting(), 10000);
    QCOMPARE(fx.runs->unreadNotificationCount(*fx.scope).value(), 0);
    QCOMPARE(bell->unreadCount(), 0);
    for (int row = 0; row < centre->model()->rowCount(); ++row)
        QVERIFY(!centre->model()->index(row, 0).data(UnreadRole).toBool());
    QVERIFY(!markAll->isEnabled());
    QVERIFY(pv::test::saveScreenshots(centre, u"notificationcentre_read"_s));
}

QTEST_MAIN(TestNotificationCentre)
#include "tst_notificationcentre.moc"
