// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "core/store/Database.h"
#include "core/store/StoreWatcher.h"
#include "core/store/TenantRepository.h"

#include <QDeadlineTimer>
#include <QProcess>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <memory>

using namespace pv;

namespace {

std::shared_ptr<Database> openDatabase(const QString& path)
{
    auto database = Database::open(Database::Options{path});
    return database ? *database : nullptr;
}

bool insertTenant(const std::shared_ptr<Database>& database, const QString& name)
{
    TenantRecord tenant;
    tenant.name = name;
    tenant.entraTenantId = QStringLiteral("contoso.onmicrosoft.com");
    tenant.clientId = QStringLiteral("00000000-0000-0000-0000-000000000001");
    return TenantRepository(database).create(tenant).ok();
}

StoreWatcher::Options fastPolling()
{
    StoreWatcher::Options options;
    options.interval = std::chrono::milliseconds(20);
    return options;
}

} // namespace

class TestStoreWatcher final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void init();
    void commitOfAnotherConnectionIsReported();
    void quietStoreReportsNothing();
    void manyCommitsFoldIntoFewSignals();
    void commitOfAnotherProcessIsReported();
    void nothingAfterStop();

private:
    /// Waits until the watcher has polled `polls` more times than now, running the event loop.
    static bool waitForPolls(const StoreWatcher& watcher, quint64 polls);
    /// The same without running the event loop, as a receiver busy with something else:
    /// whatever the watcher queues meanwhile stays queued.
    static bool waitForPollsBlocked(const StoreWatcher& watcher, quint64 polls);

    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_path;
};

void TestStoreWatcher::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_path = m_dir->filePath(QStringLiteral("store.db"));
}

bool TestStoreWatcher::waitForPolls(const StoreWatcher& watcher, quint64 polls)
{
    const quint64 target = watcher.pollCount() + polls;
    return QTest::qWaitFor([&] { return watcher.pollCount() >= target; }, 10000);
}

bool TestStoreWatcher::waitForPollsBlocked(const StoreWatcher& watcher, quint64 polls)
{
    const quint64 target = watcher.pollCount() + polls;
    QDeadlineTimer deadline(std::chrono::seconds(10));
    while (watcher.pollCount() < target) {
        if (deadline.hasExpired())
            return false;
        QThread::yieldCurrentThread();
    }
    return true;
}

void TestStoreWatcher::commitOfAnotherConnectionIsReported()
{
    const auto watched = openDatabase(m_path);
    const auto other = openDatabase(m_path);   // its own connections, as another process has
    QVERIFY(watched && other);
    StoreWatcher watcher(watched, fastPolling());
    QSignalSpy changed(&watcher, &StoreWatcher::changed);
    watcher.start();
    QVERIFY(watcher.isRunning());
    QVERIFY(waitForPolls(watcher, 1));   // the baseline is taken

    QVERIFY(insertTenant(other, QStringLiteral("Contoso")));
    QVERIFY(changed.wait(10000));
    QCOMPARE(changed.count(), 1);

    // A commit on this thread through the watched Database itself is another connection too
    // (the watcher polls on its own): this process's worker threads are seen the same way.
    QVERIFY(insertTenant(watched, QStringLiteral("Fabrikam")));
    QVERIFY(changed.wait(10000));
    QCOMPARE(changed.count(), 2);
}

void TestStoreWatcher::quietStoreReportsNothing()
{
    const auto watched = openDatabase(m_path);
    const auto other = openDatabase(m_path);
    QVERIFY(watched && other);
    StoreWatcher watcher(watched, fastPolling());
    QSignalSpy changed(&watcher, &StoreWatcher::changed);
    watcher.start();
    // Reads by another connection are not changes.
    QSqlQuery read(other->connection());
    QVERIFY(read.exec(QStringLiteral("SELECT COUNT(*) FROM tenants")) && read.next());
    QVERIFY(waitForPolls(watcher, 5));
    QCoreApplication::processEvents();   // deliver anything that was queued
    QCOMPARE(changed.count(), 0);

    // A transaction that is rolled back commits nothing either.
    QVERIFY(!other->writeTransaction([](QSqlDatabase&) -> Status { return fail(ErrorCode::Internal, QStringLiteral("no")); }));
    QVERIFY(waitForPolls(watcher, 3));
    QCoreApplication::processEvents();
    QCOMPARE(changed.count(), 0);
}

void TestStoreWatcher::manyCommitsFoldIntoFewSignals()
{
    const auto watched = openDatabase(m_path);
    const auto other = openDatabase(m_path);
    QVERIFY(watched && other);
    StoreWatcher watcher(watched, fastPolling());
    QSignalSpy changed(&watcher, &StoreWatcher::changed);
    watcher.start();
    QVERIFY(waitForPolls(watcher, 1));

    // 200 commits while the receiver's event loop does not run: one changed() is queued, the
    // rest fold into it — a busy CLI run cannot flood the window.
    for (int i = 0; i < 200; ++i)
        QVERIFY(insertTenant(other, QStringLiteral("Tenant %1").arg(i)));
    QVERIFY(waitForPollsBlocked(watcher, 2));
    QCOMPARE(changed.count(), 0);
    QVERIFY(changed.wait(10000));
    QCoreApplication::processEvents();
    QCOMPARE(changed.count(), 1);

    // Delivered: the next commit is reported again.
    QVERIFY(insertTenant(other, QStringLiteral("One more")));
    QVERIFY(changed.wait(10000));
    QCOMPARE(changed.count(), 2);
}

void TestStoreWatcher::commitOfAnotherProcessIsReported()
{
    const auto watched = openDatabase(m_path);
    QVERIFY(watched);
    StoreWatcher watcher(watched, fastPolling());
    QSignalSpy changed(&watcher, &StoreWatcher::changed);
    watcher.start();

    QProcess helper;
    helper.setProgram(QStringLiteral(PV_AUDIT_APPEND_HELPER));
    helper.setArguments({m_path, QStringLiteral("--count"), QStringLiteral("1"), QStringLiteral("--actor"),
                         QStringLiteral("cli")});
    helper.start();
    QVERIFY2(helper.waitForStarted(10000), qPrintable(helper.errorString()));
    QTRY_VERIFY_WITH_TIMEOUT(helper.canReadLine() || helper.state() == QProcess::NotRunning, 20000);
    QCOMPARE(helper.readLine().trimmed(), QByteArray("ready"));
    // The other process has opened the store; opening commits nothing.
    QVERIFY(waitForPolls(watcher, 3));
    QCoreApplication::processEvents();
    QCOMPARE(changed.count(), 0);

    helper.write("go\n");
    QVERIFY(helper.waitForBytesWritten(10000));
    QVERIFY(helper.waitForFinished(60000));
    QCOMPARE(helper.exitCode(), 0);
    QVERIFY(changed.wait(10000));
    QCOMPARE(changed.count(), 1);
}

void TestStoreWatcher::nothingAfterStop()
{
    const auto watched = openDatabase(m_path);
    const auto other = openDatabase(m_path);
    QVERIFY(watched && other);
    StoreWatcher watcher(watched, fastPolling());
    QSignalSpy changed(&watcher, &StoreWatcher::changed);
    watcher.start();
    QVERIFY(waitForPolls(watcher, 1));
    QVERIFY(insertTenant(other, QStringLiteral("Contoso")));
    // Seen and queued, but the watcher stops before the event loop delivers it.
    QVERIFY(waitForPollsBlocked(watcher, 2));
    watcher.stop();
    QVERIFY(!watcher.isRunning());
    QCoreApplication::processEvents();
    QCOMPARE(changed.count(), 0);
    QVERIFY(insertTenant(other, QStringLiteral("Fabrikam")));
    QCoreApplication::processEvents();
    QCOMPARE(changed.count(), 0);

    // And it can start again (a fresh baseline).
    watcher.start();
    QVERIFY(waitForPolls(watcher, 1));
    QVERIFY(insertTenant(other, QStringLiteral("Northwind")));
    QVERIFY(changed.wait(10000));
}

QTEST_GUILESS_MAIN(TestStoreWatcher)
#include "tst_storewatcher.moc"
