// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "core/runs/RunService.h"
#include "tests/testutils/TestJob.h"
#include "tests/ui/UiTestSupport.h"
#include "ui/BannerNotifier.h"
#include "ui/MainWindow.h"
#include "ui/MessageWidget.h"
#include "ui/RunDetailPage.h"
#include "ui/TrayNotifier.h"

#include <QComboBox>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QStackedWidget>
#include <QTest>

using namespace pv;
using namespace pv::ui;
using namespace Qt::StringLiterals;

class TestNotifier final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void bannerShowsTitleAndCounts();
    void bannerClickOpensLastNotifiedRun();
    void trayNotifierTitleBodyAndClick();
    void runOfAnotherTenantSwitchesTenant();

private:
    static QWidget* currentPage(MainWindow& window)
    {
        return window.findChild<QStackedWidget*>(u"pageStack"_s)->currentWidget();
    }
};

void TestNotifier::initTestCase()
{
    pv::test::initUiTestStyle();
}

void TestNotifier::bannerShowsTitleAndCounts()
{
    pv::test::UiFixture fx;
    QVERIFY(fx.isValid());
    BannerNotifier notifier;
    MainWindow window({*fx.runs, *fx.gate, *fx.tenants, notifier});
    window.resize(1100, 640);
    window.show();
    auto* banner = window.findChild<MessageWidget*>(u"runFinishedBanner"_s);
    QVERIFY(banner);
    QVERIFY(!banner->isVisible());

    // 15 items: 13 fails, 7 and 14 are skipped.
    const qint64 id = fx.startTestRun({{u"items"_s, 15}, {u"failEvery"_s, 13}, {u"skipEvery"_s, 7}}, u"counts"_s);
    QTRY_VERIFY_WITH_TIMEOUT(banner->isVisible(), 10000);
    QCOMPARE(notifier.lastRunId(), id);
    QCOMPARE(banner->text(), u"Test job — Contoso\n12 succeeded, 1 failed, 2 skipped"_s);
    QVERIFY(pv::test::saveScreenshots(&window, u"mainwindow_banner"_s));
}

void TestNotifier::bannerClickOpensLastNotifiedRun()
{
    pv::test::UiFixture fx;
    QVERIFY(fx.isValid());
    BannerNotifier notifier;
    MainWindow window({*fx.runs, *fx.gate, *fx.tenants, notifier});
    window.show();
    QSignalSpy activated(&notifier, &Notifier::activated);

    const qint64 first = fx.startTestRun({{u"items"_s, 2}}, u"first"_s);
    QTRY_COMPARE_WITH_TIMEOUT(notifier.lastRunId(), first, 10000);
    const qint64 second = fx.startTestRun({{u"items"_s, 3}, {u"skipEvery"_s, 1}}, u"second"_s);
    QTRY_COMPARE_WITH_TIMEOUT(notifier.lastRunId(), second, 10000);
    auto* banner = window.findChild<MessageWidget*>(u"runFinishedBanner"_s);
    QCOMPARE(banner->text(), u"Test job — Contoso\n3 skipped"_s);

    QTest::mouseClick(banner->findChild<QPushButton*>(u"messageActionButton"_s), Qt::LeftButton);
    QCOMPARE(activated.count(), 1);
    QCOMPARE(activated.at(0).at(0).toLongLong(), second);
    QCOMPARE(currentPage(window), window.runDetailPage());
    QCOMPARE(window.runDetailPage()->runId(), second);
    QVERIFY(!banner->isVisible());
}

void TestNotifier::trayNotifierTitleBodyAndClick()
{
    pv::test::UiFixture fx;
    QVERIFY(fx.isValid());
    TrayNotifier notifier;
    // Offscreen there is no tray: the notifier still records and routes what it would show.
    QCOMPARE(notifier.trayIcon()->isVisible(), QSystemTrayIcon::isSystemTrayAvailable());
    MainWindow window({*fx.runs, *fx.gate, *fx.tenants, notifier});
    window.show();
    QCOMPARE(window.findChild<MessageWidget*>(u"runFinishedBanner"_s), nullptr);

    const qint64 failed = fx.startTestRun({{u"planError"_s, true}, {u"message"_s, u"no licence"_s}}, u"f"_s);
    QTRY_COMPARE_WITH_TIMEOUT(notifier.lastRunId(), failed, 10000);
    QCOMPARE(notifier.lastTitle(), u"Test job — Contoso"_s);
    QCOMPARE(notifier.lastBody(), u"Failed: no licence"_s);

    const qint64 partial = fx.startTestRun({{u"items"_s, 4}, {u"failEvery"_s, 2}}, u"p"_s);
    QTRY_COMPARE_WITH_TIMEOUT(notifier.lastRunId(), partial, 10000);
    QCOMPARE(notifier.lastBody(), u"2 succeeded, 2 failed"_s);

    QSignalSpy activated(&notifier, &Notifier::activated);
    notifier.onMessageClicked();   // what QSystemTrayIcon::messageClicked triggers
    QCOMPARE(activated.count(), 1);
    QCOMPARE(currentPage(window), window.runDetailPage());
    QCOMPARE(window.runDetailPage()->runId(), partial);
}

void TestNotifier::runOfAnotherTenantSwitchesTenant()
{
    pv::test::UiFixture fx;
    QVERIFY(fx.isValid());
    const QString longName = u"Fabrikam Research & Development (Europe, Middle East and Africa) — Production"_s;
    const qint64 otherTenant = pv::test::addTestTenant(fx.db.database, longName);
    QVERIFY(otherTenant > 0);
    const auto otherScope = pv::test::enterTenant(fx.db.database, otherTenant);
    QVERIFY(otherScope);

    BannerNotifier notifier;
    MainWindow window({*fx.runs, *fx.gate, *fx.tenants, notifier});
    window.resize(1100, 640);
    window.show();
    QVERIFY(pv::test::waitForWindowLoaded(window));
    QVERIFY(window.selectTenant(fx.db.tenantId));
    QCOMPARE(window.currentTenantId(), fx.db.tenantId);

    RunRequest request;
    request.kind = QLatin1String(pv::test::TestKind);
    request.target = u"other"_s;
    request.parameters = {{u"items"_s, 2}};
    auto ref = fx.runs->start(*otherScope, request);
    QVERIFY(ref);
    QTRY_COMPARE_WITH_TIMEOUT(notifier.lastRunId(), ref->runId, 10000);
    auto* banner = window.findChild<MessageWidget*>(u"runFinishedBanner"_s);
    QCOMPARE(banner->text(), u"Test job — %1\n2 succeeded"_s.arg(longName));
    QVERIFY(pv::test::saveScreenshots(&window, u"mainwindow_banner_long_tenant"_s));

    QTest::mouseClick(banner->findChild<QPushButton*>(u"messageActionButton"_s), Qt::LeftButton);
    QCOMPARE(window.currentTenantId(), otherTenant);
    QCOMPARE(window.findChild<QComboBox*>(u"tenantCombo"_s)->currentData().toLongLong(), otherTenant);
    QCOMPARE(window.runDetailPage()->runId(), ref->runId);
    QTRY_COMPARE(window.runDetailPage()->findChild<QLabel*>(u"runStatusLabel"_s)->text(), u"Succeeded"_s);
}

QTEST_MAIN(TestNotifier)
#include "tst_notifier.moc"
