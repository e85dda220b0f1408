// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "core/runs/ProcessInfo.h"
#include "tests/testutils/TestDatabase.h"

#include <QProcess>
#include <QTest>

using namespace pv;

class tst_ProcessInfo : public QObject
{
    Q_OBJECT

private slots:
    void currentProcessIsAlive();
    void reusedPidCountsAsDead();
    void otherProcessAliveThenDead();
    void invalidPidIsDead();
};

void tst_ProcessInfo::currentProcessIsAlive()
{
    const ProcessIdentity self = currentProcess();
    QCOMPARE(self.pid, QCoreApplication::applicationPid());
#if defined(Q_OS_LINUX) || defined(Q_OS_WIN) || defined(Q_OS_MACOS)
    QVERIFY(self.startTime != 0);
#endif
    QVERIFY(isProcessAlive(self));
    QCOMPARE(currentProcess(), self);   // stable
}

void tst_ProcessInfo::reusedPidCountsAsDead()
{
    const ProcessIdentity self = currentProcess();
    QVERIFY(!isProcessAlive(ProcessIdentity{self.pid, self.startTime + 1}));
    QVERIFY(!isProcessAlive(ProcessIdentity{self.pid, self.startTime - 1}));
}

void tst_ProcessInfo::otherProcessAliveThenDead()
{
    // The run helper with a hold command stays alive until its stdin closes.
    auto db = test::makeTestDatabase();
    QVERIFY(db.isValid());
    QProcess helper;
    helper.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    helper.start(test::runHelperPath(), {QStringLiteral("hold"), QStringLiteral("--db"), db.path,
                                         QStringLiteral("--tenant"), QString::number(db.tenantId)});
    QVERIFY(helper.waitForStarted());
    QVERIFY(helper.waitForReadyRead(20000));   // "run <id>": it is up and holding
    const ProcessIdentity other{helper.processId(), 0};
    QVERIFY(isProcessAlive(other));
    QVERIFY(other.pid != QCoreApplication::applicationPid());
    helper.kill();
    QVERIFY(helper.waitForFinished(10000));
    QVERIFY(!isProcessAlive(other));
}

void tst_ProcessInfo::invalidPidIsDead()
{
    QVERIFY(!isProcessAlive(ProcessIdentity{0, 0}));
    QVERIFY(!isProcessAlive(ProcessIdentity{-5, 0}));
}

QTEST_GUILESS_MAIN(tst_ProcessInfo)
#include "tst_processinfo.moc"
