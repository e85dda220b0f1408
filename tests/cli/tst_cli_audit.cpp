// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
// policyvault-cli audit verify: exit 0 and {"ok": true} on an intact chain; exit 1 naming the
// first bad row once a row was changed behind the log's back.
#include "CliTestFixture.h"

#include "core/store/AuditLog.h"

#include <QSqlQuery>

using namespace pv;
using pv::test::isOneCompactDocument;

class TestCliAudit : public QObject, protected pv::test::CliFixture
{
    Q_OBJECT

private slots:
    void init() { newDataFolder(); }
    void cleanup() { closeStore(); }

    void verifyIntactThenTampered()
    {
        openStore();
        QVERIFY(addTenant(QStringLiteral("alpha")) > 0);   // audited
        QVERIFY(AuditLog(m_database).append(std::nullopt, QStringLiteral("test"), QStringLiteral("restore.run.start")));
        QVERIFY(AuditLog(m_database).append(std::nullopt, QStringLiteral("test"), QStringLiteral("restore.run.end")));

        const Outcome ok = cli(withData({QStringLiteral("audit"), QStringLiteral("verify"), QStringLiteral("--json")}));
        QCOMPARE(ok.exitCode, 0);
        QVERIFY2(isOneCompactDocument(ok.out), ok.out.constData());
        QCOMPARE(ok.json().object().value(QStringLiteral("ok")).toBool(), true);
        QVERIFY(ok.json().object().value(QStringLiteral("rows")).toInt() >= 3);
        const Outcome human = cli(withData({QStringLiteral("audit"), QStringLiteral("verify")}));
        QCOMPARE(human.exitCode, 0);
        QVERIFY2(human.out.contains("verifies"), human.out.constData());

        // A row rewritten behind the log's back.
        QSqlQuery q(m_database->connection());
        QVERIFY(q.exec(QStringLiteral("SELECT MAX(id) FROM audit_log")) && q.next());
        const qint64 last = q.value(0).toLongLong();
        QVERIFY(q.exec(QStringLiteral("UPDATE audit_log SET details = 'nothing happened' WHERE id = %1").arg(last)));
        const Outcome broken = cli(withData({QStringLiteral("audit"), QStringLiteral("verify"), QStringLiteral("--json")}));
        QCOMPARE(broken.exitCode, 1);
        QVERIFY2(isOneCompactDocument(broken.out), broken.out.constData());
        QCOMPARE(broken.json().object().value(QStringLiteral("ok")).toBool(), false);
        QCOMPARE(broken.json().object().value(QStringLiteral("firstBadRowId")).toInteger(), last);
        QCOMPARE(cli(withData({QStringLiteral("audit"), QStringLiteral("verify")})).exitCode, 1);

        QCOMPARE(cli(withData({QStringLiteral("audit"), QStringLiteral("verify"), QStringLiteral("extra")})).exitCode, 3);
        QCOMPARE(cli(withData({QStringLiteral("audit")})).exitCode, 3);
    }
};

QTEST_GUILESS_MAIN(TestCliAudit)
#include "tst_cli_audit.moc"
