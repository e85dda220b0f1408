// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
// Tenant identity and removal (issue: foundation hardening, items 1 and 3): ids are never
// reused, uuids key secrets and audit rows, and removing a tenant refuses while any of its runs
// is active in any process, or cancels them first — then removes its secrets and its rows.
#include "core/runs/AccessGate.h"
#include "core/runs/RunService.h"
#include "core/runs/TenantService.h"
#include "core/secrets/InMemorySecretStore.h"
#include "core/store/AuditLog.h"
#include "core/store/Database.h"
#include "tests/testutils/HoldingRunProcess.h"
#include "tests/testutils/ResultText.h"
#include "tests/testutils/RunSignalRecorder.h"
#include "tests/testutils/TestDatabase.h"
#include "tests/testutils/TestJob.h"

#include <QSqlQuery>
#include <QTest>

using namespace pv;
using namespace Qt::StringLiterals;

namespace {

TenantRecord tenantNamed(const QString& name)
{
    TenantRecord t;
    t.name = name;
    t.entraTenantId = u"11111111-2222-3333-4444-555555555555"_s;
    t.clientId = u"aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee"_s;
    return t;
}

// A secret store whose removals fail, as a locked keychain would.
class FailingSecretStore final : public SecretStore
{
public:
    bool failing = true;
    Status write(const QString& key, const QByteArray& value) override { return m_store.write(key, value); }
    Result<QByteArray> read(const QString& key) override { return m_store.read(key); }
    Status remove(const QString& key) override { return m_store.remove(key); }
    Result<QStringList> keys(const QString& tenant) override { return m_store.keys(tenant); }
    Status removeAllForTenant(const QString& tenant) override
    {
        if (failing)
            return fail(ErrorCode::Keychain, u"the keychain is locked"_s);
        return m_store.removeAllForTenant(tenant);
    }

private:
    InMemorySecretStore m_store;
};

} // namespace

class tst_TenantService : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void idsAreNeverReused();
    void secretsAndAuditFollowTheUuid();
    void removeRefusesWhileARunIsActive();
    void removeCancelsRunsOfAnotherProcessWhenAsked();
    void removeDeletesSecretsRowsAndIsAudited();
    void keychainFailureIsFinishedLater();
    void addStoresTheSecretOfItsMethod();
    void addWithARefusedSecretAddsNothing();
    void updateReplacesTheSecretAndDropsTheOldMethods();

private:
    test::TestDatabase m_db;
    std::unique_ptr<RunService> m_runs;
    InMemorySecretStore m_secrets;
    std::unique_ptr<TenantService> m_service;
};

void tst_TenantService::init()
{
    m_db = test::makeTestDatabase();
    QVERIFY(m_db.isValid());
    m_runs = std::make_unique<RunService>(m_db.database);
    test::registerTestJobKinds(*m_runs);
    m_service = std::make_unique<TenantService>(m_db.database, *m_runs, m_secrets);
}

void tst_TenantService::cleanup()
{
    m_service.reset();
    m_runs.reset();
    m_db = {};
}

// Deleting the newest tenant used to hand its id (and with it its keychain entries and audit
// rows) to the next tenant added.
void tst_TenantService::idsAreNeverReused()
{
    auto a = m_service->add(tenantNamed(u"A"_s));
    auto b = m_service->add(tenantNamed(u"B"_s));
    QVERIFY(a && b);
    QVERIFY(!a->uuid.isEmpty() && a->uuid != b->uuid);
    QVERIFY(m_service->remove(b->id));
    auto c = m_service->add(tenantNamed(u"C"_s));
    QVERIFY(c);
    QVERIFY2(c->id > b->id, qPrintable(u"%1 after %2"_s.arg(c->id).arg(b->id)));
    QVERIFY(c->uuid != b->uuid);
    // A tenant re-added under the old name is a new tenant.
    auto b2 = m_service->add(tenantNamed(u"B"_s));
    QVERIFY(b2 && b2->id > c->id && b2->uuid != b->uuid);
}

void tst_TenantService::secretsAndAuditFollowTheUuid()
{
    auto b = m_service->add(tenantNamed(u"B"_s));
    QVERIFY(b);
    QVERIFY(m_secrets.write(SecretStore::key(b->uuid, SecretKind::ClientSecret), "old-secret"));
    QVERIFY(m_service->remove(b->id));
    auto c = m_service->add(tenantNamed(u"C"_s));
    QVERIFY(c);
    // The new tenant sees neither the old one's secrets nor its audit rows.
    QCOMPARE(m_secrets.read(SecretStore::key(c->uuid, SecretKind::ClientSecret)).error().code, ErrorCode::NotFound);
    QVERIFY(m_secrets.keys(b->uuid)->isEmpty());
    AuditLog audit(m_db.database);
    const auto rows = audit.entries(c->id, -1);
    QVERIFY(rows);
    QCOMPARE(rows->size(), 1);
    QCOMPARE(rows->first().action, u"tenant.add"_s);
    QCOMPARE(rows->first().tenantUuid, c->uuid);
    // The uuid is part of the row's hash: moving a row to another tenant breaks the chain.
    QVERIFY(audit.verify()->ok);
    QSqlQuery q(m_db.database->connection());
    QVERIFY(q.exec(u"UPDATE audit_log SET tenant_uuid = '%1' WHERE tenant_uuid = '%2'"_s.arg(c->uuid, b->uuid)));
    QVERIFY(!audit.verify()->ok);
}

void tst_TenantService::removeRefusesWhileARunIsActive()
{
    auto scope = test::enterTenant(m_db.database, m_db.tenantId);
    QVERIFY(scope);
    auto run = m_runs->start(*scope, RunRequest{QLatin1String(test::TestKind), u"long"_s,
                                                QJsonObject{{u"items"_s, 1}, {u"itemDelayMs"_s, 600000}}, u"test"_s});
    QVERIFY(run);
    const auto refused = m_service->remove(m_db.tenantId);
    QVERIFY(!refused);
    QCOMPARE(refused.error().code, ErrorCode::Conflict);
    QVERIFY2(refused.error().message.contains(QString::number(run->runId)), qPrintable(refused.error().message));
    QVERIFY(AccessGate(m_db.database).enter(m_db.tenantId));   // still there, run untouched
    QVERIFY(isActive(m_runs->run(*scope, run->runId)->status));

    // With confirmation: cancelled, waited for, then removed.
    TenantService::RemoveOptions options;
    options.cancelActiveRuns = true;
    QVERIFY2(m_service->remove(m_db.tenantId, options), "remove with cancel");
    QCOMPARE(AccessGate(m_db.database).enter(m_db.tenantId).error().code, ErrorCode::NotFound);
}

// A CLI (here the run helper process) executes the tenant's run; the window removes the tenant.
void tst_TenantService::removeCancelsRunsOfAnotherProcessWhenAsked()
{
    test::HoldingRunProcess holder;
    QVERIFY(holder.start(m_db.path, m_db.tenantId));
    const qint64 runId = holder.runId();
    auto scope = test::enterTenant(m_db.database, m_db.tenantId);
    QTRY_COMPARE_WITH_TIMEOUT(m_runs->run(*scope, runId)->status, RunStatus::Running, 10000);

    QCOMPARE(m_service->remove(m_db.tenantId).error().code, ErrorCode::Conflict);
    QVERIFY(isActive(m_runs->run(*scope, runId)->status));   // the live run was not cascaded away

    TenantService::RemoveOptions options;
    options.cancelActiveRuns = true;
    const auto removed = m_service->remove(m_db.tenantId, options);
    QVERIFY2(removed, test::errorText(removed).constData());
    QVERIFY(!removed->secretsPending);
    QCOMPARE(AccessGate(m_db.database).enter(m_db.tenantId).error().code, ErrorCode::NotFound);
    QVERIFY(holder.isRunning());   // it stopped its run; nobody killed it
    QVERIFY(holder.stop());
}

void tst_TenantService::removeDeletesSecretsRowsAndIsAudited()
{
    auto scope = test::enterTenant(m_db.database, m_db.tenantId);
    auto tenant = TenantRepository(m_db.database).byId(m_db.tenantId);
    QVERIFY(tenant);
    QVERIFY(m_secrets.write(SecretStore::key(tenant->uuid, SecretKind::ClientSecret), "s3cret"));
    QVERIFY(m_secrets.write(SecretStore::key(tenant->uuid, SecretKind::RefreshToken), "rt"));
    test::RunSignalRecorder recorder(*m_runs);
    auto run = m_runs->start(*scope, RunRequest{QLatin1String(test::TestKind), {}, QJsonObject{{u"items"_s, 3}}, u"test"_s});
    QVERIFY(run && recorder.waitFinished(run->runId));
    const qint64 other = test::addTestTenant(m_db.database, u"Other"_s);
    QVERIFY(other > 0);

    const auto removed = m_service->remove(m_db.tenantId);
    QVERIFY(removed && !removed->secretsPending);
    QVERIFY(m_secrets.keys(tenant->uuid)->isEmpty());
    QSqlQuery q(m_db.database->connection());
    for (const QString& sql : {u"SELECT COUNT(*) FROM runs WHERE tenant_id = %1"_s.arg(m_db.tenantId),
                               u"SELECT COUNT(*) FROM notifications WHERE tenant_id = %1"_s.arg(m_db.tenantId),
                               u"SELECT COUNT(*) FROM run_items WHERE run_id = %1"_s.arg(run->runId)}) {
        QVERIFY(q.exec(sql) && q.next());
        QVERIFY2(q.value(0).toInt() == 0, qPrintable(sql));
    }
    QVERIFY(TenantRepository(m_db.database).pendingSecretCleanups()->isEmpty());
    QVERIFY(AccessGate(m_db.database).enter(other));
    const auto rows = AuditLog(m_db.database).entries(std::nullopt, 1);
    QVERIFY(rows && rows->size() == 1);
    QCOMPARE(rows->first().action, u"tenant.remove"_s);
    QCOMPARE(rows->first().tenantUuid, tenant->uuid);
    QVERIFY(AuditLog(m_db.database).verify()->ok);
}

// The keychain refuses: the tenant is gone, its secrets are remembered and go later.
void tst_TenantService::keychainFailureIsFinishedLater()
{
    FailingSecretStore keychain;
    TenantService service(m_db.database, *m_runs, keychain);
    auto tenant = TenantRepository(m_db.database).byId(m_db.tenantId);
    QVERIFY(keychain.write(SecretStore::key(tenant->uuid, SecretKind::ClientSecret), "s3cret"));
    const auto removed = service.remove(m_db.tenantId);
    QVERIFY(removed);
    QVERIFY(removed->secretsPending);
    QVERIFY2(removed->keychainError.contains(u"locked"_s), qPrintable(removed->keychainError));
    QCOMPARE(AccessGate(m_db.database).enter(m_db.tenantId).error().code, ErrorCode::NotFound);
    QCOMPARE(*TenantRepository(m_db.database).pendingSecretCleanups(), QStringList{tenant->uuid});

    keychain.failing = false;
    QCOMPARE(*service.finishPendingCleanups(), 1);
    QVERIFY(keychain.keys(tenant->uuid)->isEmpty());
    QVERIFY(TenantRepository(m_db.database).pendingSecretCleanups()->isEmpty());
}

void tst_TenantService::addStoresTheSecretOfItsMethod()
{
    auto secret = m_service->add(tenantNamed(u"S"_s), QByteArray("client-s3cret"));
    QVERIFY(secret);
    QCOMPARE(m_secrets.read(SecretStore::key(secret->uuid, SecretKind::ClientSecret)).value(), QByteArray("client-s3cret"));
    TenantRecord certificate = tenantNamed(u"C"_s);
    certificate.authMethod = u"certificate"_s;
    certificate.certificatePath = u"/certs/app.pfx"_s;
    auto added = m_service->add(certificate, QByteArray("pfx-pass"));
    QVERIFY(added);
    QCOMPARE(m_secrets.read(SecretStore::key(added->uuid, SecretKind::CertificatePassword)).value(), QByteArray("pfx-pass"));
    QCOMPARE(*m_secrets.keys(added->uuid), QStringList{SecretStore::key(added->uuid, SecretKind::CertificatePassword)});
    // An empty client secret is refused before anything is written.
    QCOMPARE(m_service->add(tenantNamed(u"E"_s), QByteArray()).error().code, ErrorCode::InvalidArgument);
    QCOMPARE(TenantRepository(m_db.database).byName(u"E"_s).error().code, ErrorCode::NotFound);
}

// The keychain refuses the secret: the tenant it was for is not left behind without it.
void tst_TenantService::addWithARefusedSecretAddsNothing()
{
    InMemorySecretStore keychain;
    TenantService service(m_db.database, *m_runs, keychain);
    keychain.failNextOperations(1);
    const auto added = service.add(tenantNamed(u"K"_s), QByteArray("s3cret"));
    QVERIFY(!added);
    QCOMPARE(added.error().code, ErrorCode::Keychain);
    QVERIFY2(added.error().message.startsWith(u"The tenant was not added"_s), qPrintable(added.error().message));
    QCOMPARE(TenantRepository(m_db.database).byName(u"K"_s).error().code, ErrorCode::NotFound);
    // Nothing of it stays in the keychain, and the name is free again.
    const auto again = service.add(tenantNamed(u"K"_s), QByteArray("s3cret"));
    QVERIFY(again);
    const QStringList keys = keychain.entries().keys();
    QVERIFY(!keys.isEmpty());
    for (const QString& key : keys)
        QVERIFY2(key.contains(again->uuid), qPrintable(key));
}

void tst_TenantService::updateReplacesTheSecretAndDropsTheOldMethods()
{
    auto tenant = m_service->add(tenantNamed(u"U"_s), QByteArray("first"));
    QVERIFY(tenant);
    const QString secretKey = SecretStore::key(tenant->uuid, SecretKind::ClientSecret);
    // No secret given: the stored one stays.
    TenantRecord edited = *tenant;
    edited.cloud = u"usgov"_s;
    QVERIFY(m_service->update(edited));
    QCOMPARE(m_secrets.read(secretKey).value(), QByteArray("first"));
    QVERIFY(m_service->update(edited, QByteArray("second")));
    QCOMPARE(m_secrets.read(secretKey).value(), QByteArray("second"));
    // Certificate sign-in now: the client secret goes, the password is stored.
    edited.authMethod = u"certificate"_s;
    edited.certificatePath = u"/certs/app.pem"_s;
    const auto updated = m_service->update(edited, QByteArray("pem-pass"));
    QVERIFY(updated);
    QCOMPARE(updated->authMethod, u"certificate"_s);
    QCOMPARE(m_secrets.read(secretKey).error().code, ErrorCode::NotFound);
    QCOMPARE(m_secrets.read(SecretStore::key(tenant->uuid, SecretKind::CertificatePassword)).value(), QByteArray("pem-pass"));
    // The edit is audited like the store's other changes.
    const auto rows = AuditLog(m_db.database).entries(tenant->id, -1);
    QVERIFY(rows);
    QVERIFY(std::any_of(rows->cbegin(), rows->cend(), [](const auto& row) { return row.action == u"tenant.edit"_s; }));
}

QTEST_GUILESS_MAIN(tst_TenantService)
#include "tst_tenantservice.moc"
