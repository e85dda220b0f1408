// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
// Closing and quitting while runs are active: never cancel silently. The questions go through
// the MessageBox seam, which the tests answer.
#include "core/runs/RunService.h"
#include "tests/ui/UiTestSupport.h"
#include "ui/BannerNotifier.h"
#include "ui/ExitController.h"
#include "ui/MainMenu.h"
#include "ui/MainWindow.h"
#include "ui/MessageBox.h"
#include "ui/RunMessages.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>
#include <QTimer>

using namespace pv;
using namespace pv::ui;
using namespace Qt::StringLiterals;

class TestExit final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void closeWithoutRunsCloses();
    void quitWithoutRunsQuitsAtOnce();
    void closeWithActiveRunsAsks_data();
    void closeWithActiveRunsAsks();
    void alwaysKeepRunningSkipsTheQuestion();
    void withoutTrayTheQuestionOffersNoTray();
    void quitWithActiveRunsAsks_data();
    void quitWithActiveRunsAsks();
    void trayQuitAsksToo();
    void interruptedRunsGiveOneMessage();
    void sessionEndDoesNotHoldUpLogOff();

private:
    /// Starts a run that lasts until it is cancelled (the fixture's teardown cancels it).
    static qint64 startLongRun(pv::test::UiFixture& fx);
};

void TestExit::initTestCase()
{
    pv::test::initUiTestStyle();
}

void TestExit::init()
{
    MessageBox::reset();
    ExitController::setKeepRunningInTray(false);
}

qint64 TestExit::startLongRun(pv::test::UiFixture& fx)
{
    return fx.startTestRun({{u"items"_s, 1}, {u"itemDelayMs"_s, 600000}}, u"long"_s);
}

void TestExit::closeWithoutRunsCloses()
{
    pv::test::UiFixture fx;
    QVERIFY(fx.isValid());
    pv::test::RecordingTrayNotifier notifier;
    MainWindow window({*fx.runs, *fx.gate, *fx.tenants, notifier});
    window.show();
    QVERIFY(window.close());
    QVERIFY(!window.isVisible());
    QVERIFY(!MessageBox::lastQuestion());
}

void TestExit::quitWithoutRunsQuitsAtOnce()
{
    pv::test::UiFixture fx;
    QVERIFY(fx.isValid());
    BannerNotifier notifier;
    MainWindow window({*fx.runs, *fx.gate, *fx.tenants, notifier});
    window.show();
    QSignalSpy quit(&window, &MainWindow::quitRequested);
    QAction* action = window.findChild<QAction*>(u"actionQuit"_s);
    QVERIFY(action);
    QCOMPARE(action->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_Q));
    action->trigger();
    QCOMPARE(quit.count(), 1);
    QVERIFY(!MessageBox::lastQuestion());
}

void TestExit::closeWithActiveRunsAsks_data()
{
    QTest::addColumn<int>("choice");
    QTest::addColumn<bool>("checkBox");
    QTest::addColumn<bool>("visibleAfter");
    QTest::addColumn<bool>("quits");
    QTest::addColumn<bool>("keepsSetting");
    QTest::addRow("keep running in the tray") << int(ExitController::KeepRunningInTray) << false << false << false << false;
    QTest::addRow("always keep running") << int(ExitController::KeepRunningInTray) << true << false << false << true;
    QTest::addRow("cancel runs and quit") << int(ExitController::CancelRunsAndQuit) << false << true << true << false;
    QTest::addRow("don't close") << int(ExitController::DontClose) << false << true << false << false;
}

void TestExit::closeWithActiveRunsAsks()
{
    QFETCH(int, choice);
    QFETCH(bool, checkBox);
    QFETCH(bool, visibleAfter);
    QFETCH(bool, quits);
    QFETCH(bool, keepsSetting);

    pv::test::UiFixture fx;
    QVERIFY(fx.isValid());
    pv::test::RecordingTrayNotifier notifier;
    MainWindow window({*fx.runs, *fx.gate, *fx.tenants, notifier});
    window.show();
    QSignalSpy quit(&window, &MainWindow::quitRequested);
    const qint64 run = startLongRun(fx);
    QTRY_COMPARE(fx.runs->activeRunCount(), 1);

    MessageBox::setNextAnswer({choice, checkBox});
    QVERIFY(!window.close());   // the close event is refused while the question is open
    QVERIFY(window.isVisible());
    const auto question = MessageBox::lastQuestion();
    QVERIFY(question);
    QCOMPARE(question->text, u"1 run still running. What should happen to it?"_s);
    QCOMPARE(question->choices.size(), 3);
    QCOMPARE(question->escapeChoice, int(ExitController::DontClose));
    QVERIFY(!question->checkBoxText.isEmpty());

    QTRY_COMPARE(window.isVisible(), visibleAfter);
    QTRY_COMPARE(quit.count(), quits ? 1 : 0);
    QCOMPARE(ExitController::keepRunningInTray(), keepsSetting);
    QCOMPARE(window.findChild<QAction*>(u"actionKeepRunningInTray"_s)->isChecked(), keepsSetting);
    // Never cancelled by the window itself: Cancel happens when the app quits (RunService shutdown).
    QVERIFY(isActive(fx.run(run).status));
    if (quits) {
        // Qt 6's quit() closes the windows first: that close goes through without a second question.
        MessageBox::reset();
        QVERIFY(window.close());
        QVERIFY(!MessageBox::lastQuestion());
    }
    if (choice == ExitController::DontClose) {
        std::unique_ptr<QMessageBox> box(MessageBox::build(&window, *question));
        box->setWindowModality(Qt::NonModal);
        box->show();
        QVERIFY(pv::test::saveScreenshots(box.get(), u"exit_question_tray"_s));
    }
    if (choice == ExitController::KeepRunningInTray) {
        QCOMPARE(notifier.messages.size(), 1);
        QCOMPARE(notifier.messages.constFirst().title, u"PolicyVault keeps running"_s);
        QVERIFY(notifier.messages.constFirst().body.startsWith(u"1 run still running."_s));
    }
    QVERIFY(fx.runs->cancel(*fx.scope, run));
}

void TestExit::alwaysKeepRunningSkipsTheQuestion()
{
    pv::test::UiFixture fx;
    QVERIFY(fx.isValid());
    pv::test::RecordingTrayNotifier notifier;
    MainWindow window({*fx.runs, *fx.gate, *fx.tenants, notifier});
    window.show();
    auto* setting = window.findChild<QAction*>(u"actionKeepRunningInTray"_s);
    QVERIFY(setting->isEnabled());
    QVERIFY(!setting->isChecked());
    setting->trigger();   // Settings ▸ Keep running in the notification area
    QVERIFY(ExitController::keepRunningInTray());

    const qint64 run = startLongRun(fx);
    QTRY_COMPARE(fx.runs->activeRunCount(), 1);
    QVERIFY(!window.close());
    QVERIFY(!window.isVisible());
    QVERIFY(!MessageBox::lastQuestion());
    QCOMPARE(notifier.messages.size(), 1);
    QVERIFY(isActive(fx.run(run).status));

    // Without runs the window closes as usual, setting or not.
    QVERIFY(fx.runs->cancel(*fx.scope, run));
    QTRY_COMPARE(fx.runs->activeRunCount(), 0);
    window.show();
    QVERIFY(window.close());
}

void TestExit::withoutTrayTheQuestionOffersNoTray()
{
    pv::test::UiFixture fx;
    QVERIFY(fx.isValid());
    BannerNotifier notifier;   // no tray: the window cannot hide
    MainWindow window({*fx.runs, *fx.gate, *fx.tenants, notifier});
    window.resize(900, 500);
    window.show();
    QVERIFY(!window.findChild<QAction*>(u"actionKeepRunningInTray"_s)->isEnabled());
    const qint64 run = startLongRun(fx);
    QTRY_COMPARE(fx.runs->activeRunCount(), 1);
    ExitController::setKeepRunningInTray(true);   // a setting from a desktop that had a tray

    MessageBox::setNextAnswer({ExitController::DontClose, false});
    QVERIFY(!window.close());
    const auto question = MessageBox::lastQuestion();
    QVERIFY(question);
    QCOMPARE(question->choices.size(), 2);
    QCOMPARE(question->choices.at(0).id, int(ExitController::CancelRunsAndQuit));
    QCOMPARE(question->defaultChoice, int(ExitController::DontClose));
    QVERIFY(question->checkBoxText.isEmpty());
    QVERIFY(window.isVisible());

    // What the user would see.
    std::unique_ptr<QMessageBox> box(MessageBox::build(&window, *question));
    box->setWindowModality(Qt::NonModal);
    box->show();
    QVERIFY(pv::test::saveScreenshots(box.get(), u"exit_question_no_tray"_s));
    QVERIFY(fx.runs->cancel(*fx.scope, run));
}

void TestExit::quitWithActiveRunsAsks_data()
{
    QTest::addColumn<int>("choice");
    QTest::addColumn<int>("quits");
    QTest::addRow("cancel runs and quit") << int(ExitController::CancelRunsAndQuit) << 1;
    QTest::addRow("don't quit") << int(ExitController::DontClose) << 0;
}

void TestExit::quitWithActiveRunsAsks()
{
    QFETCH(int, choice);
    QFETCH(int, quits);
    pv::test::UiFixture fx;
    QVERIFY(fx.isValid());
    pv::test::RecordingTrayNotifier notifier;
    MainWindow window({*fx.runs, *fx.gate, *fx.tenants, notifier});
    window.show();
    QSignalSpy quit(&window, &MainWindow::quitRequested);
    const qint64 run = startLongRun(fx);
    QTRY_COMPARE(fx.runs->activeRunCount(), 1);

    MessageBox::setNextAnswer({choice, false});
    window.findChild<QAction*>(u"actionQuit"_s)->trigger();
    QCOMPARE(quit.count(), 0);   // not before the answer
    const auto question = MessageBox::lastQuestion();
    QVERIFY(question);
    QCOMPARE(question->text, u"Quit PolicyVault and cancel 1 running run?"_s);
    QTRY_COMPARE(quit.count(), quits);
    QVERIFY(window.isVisible());
    QVERIFY(isActive(fx.run(run).status));
    if (quits) {
        // As main() connects it: Qt 6's quit() first closes the windows (a window that refuses
        // cancels the quit), so the window must let this close pass without asking again.
        MessageBox::reset();
        QTimer::singleShot(0, qApp, [] { QCoreApplication::quit(); });
        // Only reached when the quit was refused: then exec() would never return.
        QTimer::singleShot(10000, qApp, [] { QCoreApplication::exit(1); });
        QCOMPARE(QApplication::exec(), 0);
        QVERIFY(!window.isVisible());
        QVERIFY(!MessageBox::lastQuestion());
    }

    if (quits == 0) {
        std::unique_ptr<QMessageBox> box(MessageBox::build(&window, *question));
        box->setWindowModality(Qt::NonModal);
        box->show();
        QVERIFY(pv::test::saveScreenshots(box.get(), u"exit_quit_question"_s));
    }
    QVERIFY(fx.runs->cancel(*fx.scope, run));
}

void TestExit::trayQuitAsksToo()
{
    pv::test::UiFixture fx;
    QVERIFY(fx.isValid());
    pv::test::RecordingTrayNotifier notifier;
    MainWindow window({*fx.runs, *fx.gate, *fx.tenants, notifier});
    QSignalSpy quit(&window, &MainWindow::quitRequested);
    const qint64 run = startLongRun(fx);
    QTRY_COMPARE(fx.runs->activeRunCount(), 1);
    // The window is hidden in the tray; Quit from the tray's menu brings it up to ask.
    MessageBox::setNextAnswer({ExitController::CancelRunsAndQuit, false});
    emit notifier.quitRequested();
    QVERIFY(window.isVisible());
    QVERIFY(MessageBox::lastQuestion());
    QTRY_COMPARE(quit.count(), 1);
    QVERIFY(fx.runs->cancel(*fx.scope, run));
}

void TestExit::interruptedRunsGiveOneMessage()
{
    pv::test::UiFixture fx;
    QVERIFY(fx.isValid());
    QList<RunMessages::InterruptedRun> interrupted;
    QSignalSpy ended(fx.runs.get(), &RunService::runFinished);
    for (const QString& target : {u"a"_s, u"b"_s, u"c"_s})
        interrupted.append({fx.db.tenantId, fx.startTestRun({{u"items"_s, 1}}, target)});
    // Their own end messages are delivered before the window exists.
    QTRY_COMPARE(ended.count(), 3);
    pv::test::RecordingTrayNotifier notifier;
    MainWindow window({*fx.runs, *fx.gate, *fx.tenants, notifier});
    window.show();
    window.runMessages()->showInterruptedRuns(interrupted);
    QCOMPARE(notifier.messages.size(), 1);
    QCOMPARE(notifier.messages.constFirst().title, u"3 runs were interrupted"_s);
    QCOMPARE(notifier.messages.constFirst().runId, 0);

    // One run: the usual message about it, which opens it when clicked.
    window.runMessages()->showInterruptedRuns({interrupted.constFirst()});
    QTRY_COMPARE(notifier.messages.size(), 2);
    QCOMPARE(notifier.messages.at(1).runId, interrupted.constFirst().runId);
    QCOMPARE(notifier.messages.at(1).title, u"Test job — Contoso"_s);
}

void TestExit::sessionEndDoesNotHoldUpLogOff()
{
    pv::test::UiFixture fx;
    QVERIFY(fx.isValid());
    pv::test::RecordingTrayNotifier notifier;
    MainWindow window({*fx.runs, *fx.gate, *fx.tenants, notifier});
    window.show();
    const qint64 run = startLongRun(fx);
    QTRY_COMPARE(fx.runs->activeRunCount(), 1);
    ExitController::setKeepRunningInTray(true);
    // What the session manager does at log-off (QSessionManager cannot be built in a test:
    // drive the controller the signal is connected to).
    window.findChild<ExitController*>()->sessionEnding();
    QVERIFY(window.close());
    QVERIFY(!MessageBox::lastQuestion());
    QVERIFY(notifier.messages.isEmpty());
    QVERIFY(fx.runs->cancel(*fx.scope, run));
}

QTEST_MAIN(TestExit)
#include "tst_exit.moc"
