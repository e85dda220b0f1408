// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
// The window follows the store while it is open: runs, notifications and tenants written by
// another process (here: another Database with its own RunService, and pv_run_helper as a
// real second process) appear without a restart — and the window reads all of it off the GUI
// thread.
#include "core/runs/AccessGate.h"
#include "core/runs/RunService.h"
#include "core/store/Database.h"
#include "core/store/StoreWatcher.h"
#include "core/store/TenantRepository.h"
#include "tests/testutils/TestJob.h"
#include "tests/ui/UiTestSupport.h"
#include "ui/BannerNotifier.h"
#include "ui/MainWindow.h"
#include "ui/NotificationBellButton.h"
#include "ui/NotificationCentre.h"
#include "ui/NotificationsModel.h"
#include "ui/RunDetailPage.h"
#include "ui/RunItemsModel.h"
#include "ui/RunsModel.h"
#include "ui/RunsPage.h"

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QProcess>
#include <QPushButton>
#include <QRegularExpression>
#include <QSqlDatabase>
#include <QTest>
#include <QThread>

#include <memory>

using namespace pv;
using namespace pv::ui;
using namespace Qt::StringLiterals;

namespace {

/// The window's own process: a second Database on the same file, as the GUI beside a CLI has.
struct WindowSide
{
    std::shared_ptr<Database> database;
    std::unique_ptr<RunService> runs;
    std::unique_ptr<AccessGate> gate;
    std::unique_ptr<TenantRepository> tenants;
    std::unique_ptr<StoreWatcher> watcher;

    explicit WindowSide(const QString& path, std::chrono::milliseconds recoveryInterval = std::chrono::seconds(2))
    {
        // Opened (and its connection closed again) on a throw-away thread: afterwards any
        // connection of this Database on the GUI thread was opened by the window.
        std::unique_ptr<QThread> opener(QThread::create([&] {
            if (auto opened = Database::open(Database::Options{path}))
                database = opened.value();
        }));
        opener->start();
        opener->wait();
        if (!database)
            return;
        RunService::Options runOptions;
        runOptions.recoveryInterval = recoveryInterval;
        runs = std::make_unique<RunService>(database, runOptions);
        pv::test::registerTestJobKinds(*runs);
        gate = std::make_unique<AccessGate>(database);
        tenants = std::make_unique<TenantRepository>(database);
        StoreWatcher::Options options;
        options.interval = std::chrono::milliseconds(50);
        watcher = std::make_unique<StoreWatcher>(database, options);
    }

    /// The prefix of this Database's connection names ("pv-db-<instance>-thread-"), learnt on
    /// a throw-away thread so that the GUI thread opens none.
    QString connectionPrefix() const
    {
        QString name;
        std::unique_ptr<QThread> thread(QThread::create([&] { name = database->connectionName(); }));
        thread->start();
        thread->wait();
        const auto match = QRegularExpression(u"^(pv-db-\\d+-thread-)"_s).match(name);
        return match.hasMatch() ? match.captured(1) : QString();
    }
};

/// True when the GUI thread holds a connection of `prefix`'s Database — i.e. it ran SQL.
bool guiThreadHasConnection(const QString& prefix)
{
    const QString gui = prefix + QString::number(reinterpret_cast<quintptr>(QThread::currentThreadId())) + u'-';
    const QStringList names = QSqlDatabase::connectionNames();
    return std::any_of(names.cbegin(), names.cend(), [&gui](const QString& name) { return name.startsWith(gui); });
}

} // namespace

class TestLiveStore final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void otherProcessesChangesAppearLive();
    void killedRunOfAnotherProcessIsRecoveredWhileOpen();
    void crashRecoveryGivesOneMessage();

private:
    /// Starts pv_run_helper holding a run of `target` until it is killed; returns the run id.
    static qint64 startHolder(QProcess& helper, const pv::test::UiFixture& fx, const QString& target);
};

qint64 TestLiveStore::startHolder(QProcess& helper, const pv::test::UiFixture& fx, const QString& target)
{
    helper.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    helper.start(pv::test::runHelperPath(), {u"start"_s, u"--db"_s, fx.db.path, u"--tenant"_s,
                                              QString::number(fx.db.tenantId), u"--target"_s, target});
    if (!helper.waitForStarted(10000))
        return 0;
    // One JSON line per caller: {"runId":…, "reused":…, "error":…}
    if (!QTest::qWaitFor([&helper] { return helper.canReadLine() || helper.state() == QProcess::NotRunning; }, 20000))
        return 0;
    const QByteArray line = helper.readLine();
    const QRegularExpressionMatch match = QRegularExpression(u"\"runId\":(\\d+)"_s).match(QString::fromUtf8(line));
    return match.hasMatch() ? match.captured(1).toLongLong() : 0;
}

void TestLiveStore::initTestCase()
{
    pv::test::initUiTestStyle();
}

void TestLiveStore::otherProcessesChangesAppearLive()
{
    pv::test::UiFixture cli;   // "another process": its own Database, RunService and writes
    QVERIFY(cli.isValid());
    WindowSide side(cli.db.path);
    QVERIFY(side.database);
    const QString prefix = side.connectionPrefix();
    QVERIFY(!prefix.isEmpty());

    BannerNotifier notifier;
    MainWindow window({*side.runs, *side.gate, *side.tenants, notifier, side.watcher.get()});
    QAbstractItemModelTester runsTester(window.runsPage()->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester notesTester(window.notificationCentre()->model(),
                                         QAbstractItemModelTester::FailureReportingMode::QtTest);
    window.resize(1100, 640);
    window.show();
    side.watcher->start();
    QVERIFY(pv::test::waitForWindowLoaded(window));
    QCOMPARE(window.runsPage()->model()->rowCount(), 0);
    auto* bell = window.notificationBell();
    QCOMPARE(bell->unreadCount(), 0);

    // A run of the other RunService: no signal reaches this window, only the store changes.
    const qint64 first = cli.startTestRun({{u"items"_s, 5}, {u"failEvery"_s, 5}}, u"cli-1"_s);
    QVERIFY(first > 0);
    const RunsModel* runs = window.runsPage()->model();
    QTRY_VERIFY_WITH_TIMEOUT(runs->rowOf(first) >= 0, 10000);
    QTRY_COMPARE_WITH_TIMEOUT(runs->index(runs->rowOf(first), int(RunsModel::Column::Status)).data().toString(),
                              u"Partially succeeded"_s, 10000);
    QTRY_COMPARE_WITH_TIMEOUT(bell->unreadCount(), 1, 10000);

    // A real second process.
    QProcess helper;
    helper.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    helper.start(pv::test::runHelperPath(), {u"run"_s, u"--db"_s, cli.db.path, u"--tenant"_s,
                                              QString::number(cli.db.tenantId), u"--items"_s, u"3"_s,
                                              u"--target"_s, u"helper"_s});
    QVERIFY(helper.waitForStarted(10000));
    QVERIFY(helper.waitForFinished(60000));
    QCOMPARE(helper.exitCode(), 0);
    qint64 second = 0;
    // "run <id>" may come after the first "item <n>" lines: the worker starts at once.
    for (const QByteArray& line : helper.readAllStandardOutput().split('\n')) {
        if (line.startsWith("run "))
            second = line.mid(4).trimmed().toLongLong();
    }
    QVERIFY(second > first);
    QTRY_VERIFY_WITH_TIMEOUT(runs->rowOf(second) >= 0, 10000);
    QTRY_COMPARE_WITH_TIMEOUT(runs->index(runs->rowOf(second), int(RunsModel::Column::Status)).data().toString(),
                              u"Succeeded"_s, 10000);
    QTRY_COMPARE_WITH_TIMEOUT(bell->unreadCount(), 2, 10000);
    QTRY_COMPARE_WITH_TIMEOUT(window.notificationCentre()->model()->rowCount(), 2, 10000);
    QCOMPARE(window.notificationCentre()->model()->record(0)->runId, second);   // newest on top

    // Marked read elsewhere: the bell follows.
    QVERIFY(cli.runs->markAllNotificationsRead(*cli.scope));
    QTRY_COMPARE_WITH_TIMEOUT(bell->unreadCount(), 0, 10000);

    // A tenant added elsewhere appears in the list; the selection stays.
    auto* combo = window.findChild<QComboBox*>(u"tenantCombo"_s);
    QCOMPARE(combo->count(), 1);
    const qint64 added = pv::test::addTestTenant(cli.db.database, u"Fabrikam"_s);
    QVERIFY(added > 0);
    QTRY_COMPARE_WITH_TIMEOUT(combo->count(), 2, 10000);
    QCOMPARE(window.currentTenantId(), cli.db.tenantId);
    QVERIFY(pv::test::saveScreenshots(&window, u"livestore_foreign_runs"_s));

    // The detail page and the notification centre read and write off the GUI thread as well.
    window.openRun(cli.db.tenantId, first);
    QTRY_COMPARE_WITH_TIMEOUT(window.runDetailPage()->itemsModel()->rowCount(), 5, 10000);
    const qint64 third = cli.startTestRun({{u"items"_s, 1}}, u"cli-3"_s);
    QTRY_COMPARE_WITH_TIMEOUT(bell->unreadCount(), 1, 10000);
    QTest::mouseClick(bell, Qt::LeftButton);
    QTest::mouseClick(window.notificationCentre()->findChild<QPushButton*>(u"markAllReadButton"_s), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!window.notificationCentre()->isWriting(), 10000);
    QCOMPARE(cli.runs->unreadNotificationCount(*cli.scope).value(), 0);
    window.notificationCentre()->hide();
    window.openRun(cli.db.tenantId, third);
    QTRY_COMPARE_WITH_TIMEOUT(window.runDetailPage()->itemsModel()->rowCount(), 1, 10000);

    // None of this ran SQL on the GUI thread.
    QVERIFY(pv::test::waitForWindowLoaded(window));
    QTRY_VERIFY(!window.runDetailPage()->isLoading());
    QVERIFY2(!guiThreadHasConnection(prefix), qPrintable(QSqlDatabase::connectionNames().join(u", "_s)));
}

void TestLiveStore::killedRunOfAnotherProcessIsRecoveredWhileOpen()
{
    // The "CLI" side does not recover on its own: the window's process must.
    pv::test::UiFixture cli(std::chrono::milliseconds(0));
    QVERIFY(cli.isValid());
    WindowSide side(cli.db.path, std::chrono::milliseconds(100));
    QVERIFY(side.database);
    pv::test::RecordingTrayNotifier notifier;
    MainWindow window({*side.runs, *side.gate, *side.tenants, notifier, side.watcher.get()});
    window.show();
    side.watcher->start();
    QVERIFY(pv::test::waitForWindowLoaded(window));

    QProcess helper;
    const qint64 run = startHolder(helper, cli, u"held"_s);
    QVERIFY(run > 0);
    const RunsModel* runs = window.runsPage()->model();
    QTRY_VERIFY_WITH_TIMEOUT(runs->rowOf(run) >= 0, 10000);
    QTRY_COMPARE_WITH_TIMEOUT(runs->index(runs->rowOf(run), int(RunsModel::Column::Status)).data().toString(),
                              u"Running"_s, 10000);
    // Alive, it is left alone however often the window's process looks.
    QCOMPARE(notifier.messages.size(), 0);

    helper.kill();
    QVERIFY(helper.waitForFinished(10000));
    // No restart: the window's RunService finds the dead owner and the list follows.
    QTRY_COMPARE_WITH_TIMEOUT(runs->index(runs->rowOf(run), int(RunsModel::Column::Status)).data().toString(),
                              u"Interrupted"_s, 15000);
    QTRY_COMPARE_WITH_TIMEOUT(notifier.messages.size(), 1, 10000);
    QCOMPARE(notifier.messages.constFirst().runId, run);
    QCOMPARE(notifier.messages.constFirst().title, u"Test job — Contoso"_s);
    QTRY_COMPARE_WITH_TIMEOUT(window.notificationBell()->unreadCount(), 1, 10000);
}

void TestLiveStore::crashRecoveryGivesOneMessage()
{
    pv::test::UiFixture cli(std::chrono::milliseconds(0));
    QVERIFY(cli.isValid());
    // Two runs whose process dies before the window starts.
    QProcess first;
    QProcess second;
    const qint64 a = startHolder(first, cli, u"a"_s);
    const qint64 b = startHolder(second, cli, u"b"_s);
    QVERIFY(a > 0 && b > 0 && a != b);
    QTRY_VERIFY_WITH_TIMEOUT(cli.run(a).status == RunStatus::Running && cli.run(b).status == RunStatus::Running, 10000);
    first.kill();
    second.kill();
    QVERIFY(first.waitForFinished(10000) && second.waitForFinished(10000));

    // Start-up as main() does it: recover, then build the window; the batch arrives queued.
    WindowSide side(cli.db.path, std::chrono::milliseconds(0));
    QVERIFY(side.database);
    QCOMPARE(side.runs->recoverInterrupted(), 2);
    pv::test::RecordingTrayNotifier notifier;
    MainWindow window({*side.runs, *side.gate, *side.tenants, notifier, side.watcher.get()});
    window.show();
    QVERIFY(pv::test::waitForWindowLoaded(window));
    QTRY_COMPARE(notifier.messages.size(), 1);
    QCOMPARE(notifier.messages.constFirst().title, u"2 runs were interrupted"_s);
    QCOMPARE(notifier.messages.constFirst().runId, 0);
    // Each run still has its own notification.
    QTRY_COMPARE(window.notificationCentre()->model()->rowCount(), 2);
    QCOMPARE(window.notificationBell()->unreadCount(), 2);
    QCoreApplication::processEvents();
    QCOMPARE(notifier.messages.size(), 1);
}

QTEST_MAIN(TestLiveStore)
#include "tst_livestore.moc"
