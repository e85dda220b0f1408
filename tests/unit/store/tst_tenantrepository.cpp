// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "core/store/TenantRepository.h"

#include "core/store/AuditLog.h"

#include "core/store/Database.h"
#include "core/store/DbTime.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace pv;

namespace {

TenantRecord tenant(const QString& name)
{
    TenantRecord t;
    t.name = name;
    t.entraTenantId = QStringLiteral("%1.onmicrosoft.com").arg(name.toLower());
    t.clientId = QStringLiteral("11111111-2222-3333-4444-555555555555");
    return t;
}

} // namespace

class TestTenantRepository final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        Database::Options options;
        options.path = m_dir->filePath(QStringLiteral("tenants.db"));
        auto opened = Database::open(options);
        QVERIFY(opened.ok());
        m_database = std::move(*opened);
        m_repo = std::make_unique<TenantRepository>(m_database);
    }

    void cleanup()
    {
        m_repo.reset();
        m_database.reset();
    }

    void createAndReadBack()
    {
        TenantRecord input = tenant(QStringLiteral("Fabrikam"));
        input.id = 777; // ignored
        input.cloud = QStringLiteral("usgov");
        input.authMethod = QStringLiteral("certificate");
        input.graphUrl = QStringLiteral("http://127.0.0.1:8080");
        input.authorityUrl = QStringLiteral("http://127.0.0.1:8080/auth");
        input.readOnly = true;
        input.caCertificatePath = QStringLiteral("/etc/ssl/corp-ca.pem");
        input.certificatePath = QStringLiteral("/home/admin/pv-app.pfx");
        const QDateTime before = QDateTime::currentDateTimeUtc().addMSecs(-1);
        auto created = m_repo->create(input);
        QVERIFY2(created.ok(), qPrintable(created ? QString() : created.error().toString()));
        QVERIFY(created->id > 0);
        QVERIFY(created->id != 777);
        QVERIFY(created->createdAt >= before);

        auto read = m_repo->byId(created->id);
        QVERIFY(read.ok());
        QCOMPARE(read->name, QStringLiteral("Fabrikam"));
        QCOMPARE(read->entraTenantId, QStringLiteral("fabrikam.onmicrosoft.com"));
        QCOMPARE(read->cloud, QStringLiteral("usgov"));
        QCOMPARE(read->clientId, input.clientId);
        QCOMPARE(read->authMethod, QStringLiteral("certificate"));
        QCOMPARE(read->graphUrl, input.graphUrl);
        QCOMPARE(read->authorityUrl, input.authorityUrl);
        QVERIFY(read->readOnly);
        QCOMPARE(read->createdAt, created->createdAt);
        QCOMPARE(read->caCertificatePath, input.caCertificatePath);
        QCOMPARE(read->certificatePath, input.certificatePath);
    }

    void updateChangesTheProfileKeepsIdentityAndAudits()
    {
        auto created = m_repo->create(tenant(QStringLiteral("Contoso")));
        QVERIFY(created.ok());
        QVERIFY(m_repo->create(tenant(QStringLiteral("Fabrikam"))).ok());

        TenantRecord edited = *created;
        edited.name = QStringLiteral("Contoso EU");
        edited.cloud = QStringLiteral("usgov");
        edited.authMethod = QStringLiteral("certificate");
        edited.certificatePath = QStringLiteral("C:/certs/app.pfx");
        edited.caCertificatePath = QStringLiteral("C:/certs/corp.pem");
        edited.readOnly = true;
        edited.uuid = QStringLiteral("not-taken-from-the-caller");
        edited.simulated = true;
        auto updated = m_repo->update(edited);
        QVERIFY2(updated.ok(), qPrintable(updated ? QString() : updated.error().toString()));
        auto read = m_repo->byId(created->id);
        QVERIFY(read.ok());
        QCOMPARE(read->name, edited.name);
        QCOMPARE(read->cloud, edited.cloud);
        QCOMPARE(read->authMethod, edited.authMethod);
        QCOMPARE(read->certificatePath, edited.certificatePath);
        QCOMPARE(read->caCertificatePath, edited.caCertificatePath);
        QVERIFY(read->readOnly);
        QCOMPARE(read->uuid, created->uuid);    // identity is not editable
        QVERIFY(!read->simulated);
        QCOMPARE(read->createdAt, created->createdAt);

        auto audit = AuditLog(m_database).entries(created->id, 100);
        QVERIFY(audit.ok());
        QCOMPARE(audit->constFirst().action, QStringLiteral("tenant.edit"));
        QVERIFY2(audit->constFirst().details.contains(QStringLiteral("cloud global → usgov")),
                 qPrintable(audit->constFirst().details));
        QVERIFY(AuditLog(m_database).verify()->ok);

        // Clearing the CA file stores NULL again; a taken name or a bad profile is refused.
        edited = *read;
        edited.caCertificatePath.clear();
        QVERIFY(m_repo->update(edited).ok());
        QVERIFY(m_repo->byId(created->id)->caCertificatePath.isEmpty());
        edited.name = QStringLiteral("fabrikam");
        QCOMPARE(m_repo->update(edited).error().code, ErrorCode::Conflict);
        edited.name = QStringLiteral("Contoso EU");
        edited.graphUrl = QStringLiteral("http://graph.example.com");
        edited.authorityUrl = QStringLiteral("http://login.example.com");
        QCOMPARE(m_repo->update(edited).error().code, ErrorCode::InvalidArgument);
        edited = *read;
        edited.id = 9999;
        QCOMPARE(m_repo->update(edited).error().code, ErrorCode::NotFound);
    }

    void defaultsAndNulls()
    {
        TenantRecord input;
        input.name = QStringLiteral("  Contoso  ");
        input.entraTenantId = QStringLiteral("contoso.onmicrosoft.com");
        input.cloud.clear();
        input.authMethod.clear();
        auto created = m_repo->create(input);
        QVERIFY(created.ok());
        QCOMPARE(created->name, QStringLiteral("Contoso"));
        auto read = m_repo->byId(created->id);
        QVERIFY(read.ok());
        QCOMPARE(read->cloud, QStringLiteral("global"));
        QCOMPARE(read->authMethod, QStringLiteral("client_secret"));
        QVERIFY(read->clientId.isEmpty());
        QVERIFY(read->graphUrl.isEmpty());
        QVERIFY(!read->readOnly);
        // empty URLs are stored as NULL ("from the cloud"), not as ''
        QSqlQuery q(m_database->connection());
        QVERIFY(q.exec(QStringLiteral("SELECT graph_url IS NULL, authority_url IS NULL FROM tenants")) && q.next());
        QVERIFY(q.value(0).toBool());
        QVERIFY(q.value(1).toBool());
    }

    void duplicateNameIsConflict_data()
    {
        QTest::addColumn<QString>("second");
        QTest::addRow("same") << QStringLiteral("Contoso");
        QTest::addRow("other case") << QStringLiteral("CONTOSO");
        QTest::addRow("padded") << QStringLiteral(" contoso ");
    }

    void duplicateNameIsConflict()
    {
        QFETCH(QString, second);
        QVERIFY(m_repo->create(tenant(QStringLiteral("Contoso"))).ok());
        auto duplicate = m_repo->create(tenant(second));
        QVERIFY(!duplicate.ok());
        QCOMPARE(duplicate.error().code, ErrorCode::Conflict);
        QCOMPARE(m_repo->list()->size(), 1);
    }

    void invalidInput_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("entraTenantId");
        QTest::addRow("no name") << QString() << QStringLiteral("x");
        QTest::addRow("blank name") << QStringLiteral("   ") << QStringLiteral("x");
        QTest::addRow("no tenant id") << QStringLiteral("A") << QString();
    }

    void invalidInput()
    {
        QFETCH(QString, name);
        QFETCH(QString, entraTenantId);
        TenantRecord t;
        t.name = name;
        t.entraTenantId = entraTenantId;
        auto created = m_repo->create(t);
        QVERIFY(!created.ok());
        QCOMPARE(created.error().code, ErrorCode::InvalidArgument);
        QVERIFY(m_repo->list()->isEmpty());
    }

    void listIsOrderedByName()
    {
        for (const char* name : {"Zeta", "alpha", "Mike"})
            QVERIFY(m_repo->create(tenant(QLatin1String(name))).ok());
        auto all = m_repo->list();
        QVERIFY(all.ok());
        QCOMPARE(all->size(), 3);
        QCOMPARE(all->at(0).name, QStringLiteral("alpha"));
        QCOMPARE(all->at(1).name, QStringLiteral("Mike"));
        QCOMPARE(all->at(2).name, QStringLiteral("Zeta"));
    }

    void lookups()
    {
        auto created = m_repo->create(tenant(QStringLiteral("Contoso")));
        QVERIFY(created.ok());
        QCOMPARE(m_repo->byName(QStringLiteral("contoso"))->id, created->id);
        auto missingName = m_repo->byName(QStringLiteral("Nope"));
        QVERIFY(!missingName.ok());
        QCOMPARE(missingName.error().code, ErrorCode::NotFound);
        auto missingId = m_repo->byId(created->id + 1);
        QVERIFY(!missingId.ok());
        QCOMPARE(missingId.error().code, ErrorCode::NotFound);
    }

    void setReadOnly()
    {
        auto created = m_repo->create(tenant(QStringLiteral("Contoso")));
        QVERIFY(created.ok());
        QVERIFY(!created->readOnly);
        QVERIFY(m_repo->setReadOnly(created->id, true).ok());
        QVERIFY(m_repo->byId(created->id)->readOnly);
        QVERIFY(m_repo->setReadOnly(created->id, false).ok());
        QVERIFY(!m_repo->byId(created->id)->readOnly);
        const Status missing = m_repo->setReadOnly(created->id + 100, true);
        QVERIFY(!missing.ok());
        QCOMPARE(missing.error().code, ErrorCode::NotFound);
    }

    void removeCascades()
    {
        auto a = m_repo->create(tenant(QStringLiteral("A")));
        auto b = m_repo->create(tenant(QStringLiteral("B")));
        QVERIFY(a.ok() && b.ok());
        QVERIFY(m_database->writeTransaction([&](QSqlDatabase& db) -> Status {
            for (qint64 tenantId : {a->id, b->id}) {
                QSqlQuery run(db);
                run.prepare(QStringLiteral("INSERT INTO runs(tenant_id, kind, status, dedupe_key, created_at)"
                                           " VALUES(?, 'backup', 'succeeded', ?, ?)"));
                run.addBindValue(tenantId);
                run.addBindValue(QStringLiteral("%1|backup|").arg(tenantId));
                run.addBindValue(nowDbTime());
                if (!run.exec())
                    return fail(ErrorCode::Database, run.lastError().text());
                QSqlQuery note(db);
                note.prepare(QStringLiteral("INSERT INTO notifications(tenant_id, run_id, kind, title, created_at)"
                                            " VALUES(?, ?, 'run_finished', 't', ?)"));
                note.addBindValue(tenantId);
                note.addBindValue(run.lastInsertId());
                note.addBindValue(nowDbTime());
                if (!note.exec())
                    return fail(ErrorCode::Database, note.lastError().text());
            }
            return {};
        }).ok());

        QVERIFY(m_repo->remove(a->id).ok());
        QCOMPARE(m_repo->byId(a->id).error().code, ErrorCode::NotFound);
        QVERIFY(m_repo->byId(b->id).ok());
        QSqlQuery q(m_database->connection());
        QVERIFY(q.exec(QStringLiteral("SELECT (SELECT COUNT(*) FROM runs), (SELECT COUNT(*) FROM notifications)")) && q.next());
        QCOMPARE(q.value(0).toInt(), 1);
        QCOMPARE(q.value(1).toInt(), 1);

        const Status again = m_repo->remove(a->id);
        QVERIFY(!again.ok());
        QCOMPARE(again.error().code, ErrorCode::NotFound);
    }

    void addAndRemoveAreAudited()
    {
        auto added = m_repo->create(tenant(QStringLiteral("Fabrikam")));
        QVERIFY(added.ok());
        QVERIFY(m_repo->remove(added->id).ok());
        QVERIFY(!m_repo->remove(added->id).ok());   // a failed remove leaves no row

        AuditLog audit(m_database);
        // The rows follow the tenant's uuid, also after it is gone.
        QVERIFY(audit.entries(added->id, -1)->isEmpty());
        auto rows = audit.entriesOfTenantUuid(added->uuid, -1);
        QVERIFY(rows.ok());
        QCOMPARE(rows->size(), 2);
        QCOMPARE(rows->at(1).action, QStringLiteral("tenant.add"));
        QCOMPARE(rows->at(1).target, QStringLiteral("Fabrikam"));
        QCOMPARE(rows->at(1).actor, AuditLog::localActor());
        QCOMPARE(rows->at(0).action, QStringLiteral("tenant.remove"));
        QCOMPARE(rows->at(0).target, QStringLiteral("Fabrikam"));
        auto verified = audit.verify();
        QVERIFY(verified.ok() && verified->ok);
    }

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::shared_ptr<Database> m_database;
    std::unique_ptr<TenantRepository> m_repo;
};

QTEST_GUILESS_MAIN(TestTenantRepository)
#include "tst_tenantrepository.moc"
