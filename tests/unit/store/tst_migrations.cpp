// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "core/store/AuditLog.h"
#include "core/store/Database.h"
#include "core/store/DbTime.h"
#include "core/store/TenantRepository.h"

#include <QCryptographicHash>
#include <QFile>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

#include <memory>

using namespace pv;

namespace {

const QString FixtureV1 = QStringLiteral(PV_TEST_DATA_DIR "/db-v1.sqlite");

QVariant scalar(QSqlDatabase db, const QString& sql)
{
    QSqlQuery query(db);
    if (!query.exec(sql)) {
        qWarning() << sql << query.lastError().text();
        return {};
    }
    if (!query.next())
        return {};
    return query.value(0);
}

// A plain connection that bypasses Database: what the file holds, not what the code thinks.
class RawConnection final
{
public:
    explicit RawConnection(const QString& path)
        : m_name(QStringLiteral("raw-%1").arg(++s_counter))
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_name);
        db.setDatabaseName(path);
        db.open();
    }
    ~RawConnection()
    {
        QSqlDatabase::database(m_name, false).close();
        QSqlDatabase::removeDatabase(m_name);
    }
    RawConnection(const RawConnection&) = delete;
    RawConnection& operator=(const RawConnection&) = delete;

    QSqlDatabase db() const { return QSqlDatabase::database(m_name, false); }
    QVariant scalar(const QString& sql) const { return ::scalar(db(), sql); }

private:
    static inline int s_counter = 0;
    QString m_name;
};

QByteArray fileHash(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QCryptographicHash::hash(file.readAll(), QCryptographicHash::Sha256);
}

Database::Options options(const QString& path)
{
    Database::Options o;
    o.path = path;
    o.busyTimeout = std::chrono::milliseconds(5000);
    return o;
}

} // namespace

class TestMigrations final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY2(QFile::exists(FixtureV1), qPrintable(FixtureV1));
        QCOMPARE(Database::latestSchemaVersion(), 7);
    }

    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
    }

    void freshDatabaseIsLatest()
    {
        const QString path = m_dir->filePath(QStringLiteral("fresh.db"));
        auto database = Database::open(options(path));
        QVERIFY2(database.ok(), qPrintable(database ? QString() : database.error().toString()));
        {
        QSqlDatabase db = (*database)->connection();
        QCOMPARE(scalar(db, QStringLiteral("PRAGMA user_version")).toInt(), Database::latestSchemaVersion());
        const QStringList tables = db.tables();
        for (const char* table : {"tenants", "runs", "run_items", "notifications", "audit_log", "audit_head",
                                  "store_meta", "secret_cleanup", "blobs", "policies", "policy_versions", "snapshots",
                                  "snapshot_items", "snapshot_references"})
            QVERIFY2(tables.contains(QLatin1String(table)), table);
        for (const char* index : {"runs_active_dedupe", "runs_by_tenant", "runs_one_resume", "run_items_by_outcome",
                                  "notifications_unread", "runs_one_writer", "blobs_unreferenced",
                                  "policy_versions_by_policy", "policy_versions_by_blob", "snapshots_by_tenant",
                                  "snapshot_items_by_version", "snapshot_references_by_blob"}) {
            QSqlQuery query(db);
            query.prepare(QStringLiteral("SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' AND name = ?"));
            query.addBindValue(QLatin1String(index));
            QVERIFY(query.exec() && query.next());
            QVERIFY2(query.value(0).toInt() == 1, index);
        }
        QCOMPARE(scalar(db, QStringLiteral("SELECT row_count FROM audit_head")).toInt(), 0);
        QCOMPARE(scalar(db, QStringLiteral("SELECT hash FROM audit_head")).toString(), AuditLog::genesisHash());
        }

        // Opening again is a no-op.
        database = Database::open(options(path));
        QVERIFY(database.ok());
        QCOMPARE(scalar((*database)->connection(), QStringLiteral("PRAGMA user_version")).toInt(),
                 Database::latestSchemaVersion());
    }

    void v1FixtureUpgradesWithoutLoss()
    {
        const QString path = m_dir->filePath(QStringLiteral("upgraded.db"));
        QVERIFY(QFile::copy(FixtureV1, path));
        QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner);
        {
            RawConnection raw(path);
            QCOMPARE(raw.scalar(QStringLiteral("PRAGMA user_version")).toInt(), 1);
            QVERIFY(!raw.db().tables().contains(QStringLiteral("audit_head")));
        }

        auto opened = Database::open(options(path));
        QVERIFY2(opened.ok(), qPrintable(opened ? QString() : opened.error().toString()));
        const std::shared_ptr<Database> database = *opened;
        QSqlDatabase db = database->connection();
        QCOMPARE(scalar(db, QStringLiteral("PRAGMA user_version")).toInt(), Database::latestSchemaVersion());

        // Every row survived.
        QCOMPARE(scalar(db, QStringLiteral("SELECT COUNT(*) FROM tenants")).toInt(), 2);
        QCOMPARE(scalar(db, QStringLiteral("SELECT COUNT(*) FROM runs")).toInt(), 6);
        QCOMPARE(scalar(db, QStringLiteral("SELECT COUNT(*) FROM run_items")).toInt(), 7);
        QCOMPARE(scalar(db, QStringLiteral("SELECT COUNT(*) FROM notifications")).toInt(), 4);
        QCOMPARE(scalar(db, QStringLiteral("SELECT COUNT(*) FROM audit_log")).toInt(), 3);
        QCOMPARE(scalar(db, QStringLiteral("PRAGMA integrity_check")).toString(), QStringLiteral("ok"));
        QVERIFY(!scalar(db, QStringLiteral("PRAGMA foreign_key_check")).isValid());

        // Spot checks, through the repositories where they exist.
        TenantRepository tenants(database);
        auto fabrikam = tenants.byName(QStringLiteral("fabrikam gov"));
        QVERIFY(fabrikam.ok());
        QCOMPARE(fabrikam->id, 2);
        QCOMPARE(fabrikam->cloud, QStringLiteral("usgov_high"));
        QCOMPARE(fabrikam->authMethod, QStringLiteral("certificate"));
        QCOMPARE(fabrikam->graphUrl, QStringLiteral("https://graph.microsoft.us"));
        QVERIFY(fabrikam->readOnly);
        QCOMPARE(fabrikam->createdAt, fromDbTime(QStringLiteral("2026-01-06T13:59:59.999Z")));
        QCOMPARE(scalar(db, QStringLiteral("SELECT parent_run_id FROM runs WHERE id = 5")).toInt(), 4);
        QCOMPARE(scalar(db, QStringLiteral("SELECT status FROM runs WHERE id = 2")).toString(),
                 QStringLiteral("partially_succeeded"));
        QCOMPARE(scalar(db, QStringLiteral("SELECT display_name FROM run_items WHERE run_id = 1 AND ordinal = 2")).toString(),
                 QStringLiteral("Firewall rules (Ünicode)"));
        QCOMPARE(scalar(db, QStringLiteral("SELECT read_at FROM notifications WHERE id = 1")).toString(),
                 QStringLiteral("2026-01-05T09:20:00.000Z"));

        // v3: identities, host-less owners kept, counters backfilled from the items.
        QVERIFY(!database->storeUuid().isEmpty());
        auto contoso = tenants.byName(QStringLiteral("contoso"));
        QVERIFY(contoso.ok());
        QVERIFY(!contoso->uuid.isEmpty());
        QVERIFY(contoso->uuid != fabrikam->uuid);
        QCOMPARE(scalar(db, QStringLiteral("SELECT n_succeeded FROM runs WHERE id = 1")).toInt(), 2);
        QCOMPARE(scalar(db, QStringLiteral("SELECT n_unchanged FROM runs WHERE id = 1")).toInt(), 1);
        QCOMPARE(scalar(db, QStringLiteral("SELECT n_updated FROM runs WHERE id = 2")).toInt(), 1);
        QCOMPARE(scalar(db, QStringLiteral("SELECT n_failed FROM runs WHERE id = 2")).toInt(), 1);
        QCOMPARE(scalar(db, QStringLiteral("SELECT n_skipped FROM runs WHERE id = 6")).toInt(), 1);
        QCOMPARE(scalar(db, QStringLiteral("SELECT owner_pid FROM runs WHERE id = 1")).toInt(), 4242);
        QVERIFY(scalar(db, QStringLiteral("SELECT owner_host FROM runs WHERE id = 1")).isNull());
        // Ids are never reused: the sequence starts above every id the store has used.
        QVERIFY(scalar(db, QStringLiteral("SELECT seq FROM sqlite_sequence WHERE name = 'tenants'")).toInt() >= 2);

        // The v1 audit chain verifies against the head that the migration seeded.
        AuditLog audit(database);
        auto verification = audit.verify();
        QVERIFY(verification.ok());
        QVERIFY2(verification->ok, qPrintable(verification->reason));
        QCOMPARE(verification->rowCount, 3);
        QCOMPARE(scalar(db, QStringLiteral("SELECT row_count FROM audit_head")).toInt(), 3);
        const Status appended = audit.append(1, QStringLiteral("test"), QStringLiteral("after.upgrade"));
        QVERIFY2(appended.ok(), qPrintable(appended.ok() ? QString() : appended.error().toString()));
        verification = audit.verify();
        QVERIFY(verification.ok() && verification->ok);
        QCOMPARE(verification->rowCount, 4);

        // v2 rules are in force: a run is resumed by at most one child.
        QSqlQuery second(db);
        second.prepare(QStringLiteral("INSERT INTO runs(tenant_id, kind, status, dedupe_key, created_at, parent_run_id)"
                                      " VALUES(1, 'backup', 'failed', 'x', ?, 4)"));
        second.addBindValue(nowDbTime());
        QVERIFY(!second.exec());
    }

    // Schemas 4 to 6 add tables and columns only: a v3 store with tenants, runs, items,
    // notifications and an audit chain keeps every row, its identities and a valid chain.
    void v3ToLatestKeepsRows()
    {
        const QString path = m_dir->filePath(QStringLiteral("v3.db"));
        QString storeUuid;
        QStringList tenantUuids;
        {
            Database::Options o = options(path);
            o.stopAtVersionForTest = 3;
            auto v3 = Database::open(o);
            QVERIFY2(v3.ok(), qPrintable(v3 ? QString() : v3.error().toString()));
            QSqlDatabase db = (*v3)->connection();
            QCOMPARE(scalar(db, QStringLiteral("PRAGMA user_version")).toInt(), 3);
            QVERIFY(!db.tables().contains(QStringLiteral("blobs")));
            // Written as schema 3 had them (today's TenantRepository writes schema 5 columns).
            QSqlQuery q(db);
            for (const char* name : {"Contoso", "Fabrikam"}) {
                const QString uuid = QUuid::createUuid().toString(QUuid::WithoutBraces);
                q.prepare(QStringLiteral("INSERT INTO tenants(uuid, name, entra_tenant_id, cloud, client_id, auth_method,"
                                         " read_only, simulated, created_at)"
                                         " VALUES(?, ?, 'contoso.onmicrosoft.com', 'global',"
                                         " '11111111-2222-4333-8444-555555555555', 'client_secret', 0, 0,"
                                         " '2026-01-01T00:00:00.000Z')"));
                q.addBindValue(uuid);
                q.addBindValue(QLatin1String(name));
                QVERIFY2(q.exec(), qPrintable(q.lastError().text()));
                tenantUuids.append(uuid);
            }
            for (int r = 1; r <= 4; ++r) {
                QVERIFY2(q.exec(QStringLiteral("INSERT INTO runs(id, tenant_id, kind, status, dedupe_key, created_at)"
                                               " VALUES(%1, %2, 'backup', 'succeeded', 'k%1', '2026-01-02T00:00:00.000Z')")
                                    .arg(r)
                                    .arg(1 + r % 2)),
                         qPrintable(q.lastError().text()));
                QVERIFY(q.exec(QStringLiteral("INSERT INTO run_items(run_id, ordinal, item_key, outcome, finished_at)"
                                              " VALUES(%1, 0, 'k', 'created', '2026-01-02T00:00:01.000Z')").arg(r)));
                QVERIFY(q.exec(QStringLiteral("INSERT INTO notifications(tenant_id, run_id, kind, title, created_at)"
                                              " VALUES(%1, %2, 'run_finished', 'Backup', '2026-01-02T00:00:02.000Z')")
                                   .arg(1 + r % 2)
                                   .arg(r)));
            }
            QVERIFY(AuditLog(*v3).append(1, AuditLog::localActor(), QStringLiteral("test.action"), QStringLiteral("x")).ok());
            storeUuid = (*v3)->storeUuid();
            QVERIFY(!storeUuid.isEmpty());
        }

        auto opened = Database::open(options(path));
        QVERIFY2(opened.ok(), qPrintable(opened ? QString() : opened.error().toString()));
        QSqlDatabase db = (*opened)->connection();
        QCOMPARE(scalar(db, QStringLiteral("PRAGMA user_version")).toInt(), Database::latestSchemaVersion());
        QCOMPARE((*opened)->storeUuid(), storeUuid);
        // Schema 6's restore outcome counters start at zero on the migrated runs.
        QCOMPARE(scalar(db, QStringLiteral("SELECT SUM(n_conflict + n_cannot_restore + n_uncertain) FROM runs")).toInt(), 0);
        // Schema 5's columns start empty: no CA file, no certificate, no modified time.
        QCOMPARE(scalar(db, QStringLiteral("SELECT COUNT(*) FROM tenants WHERE ca_cert_path IS NULL"
                                           " AND certificate_path IS NULL")).toInt(), 2);
        auto migrated = TenantRepository(*opened).byName(QStringLiteral("Fabrikam"));
        QVERIFY(migrated.ok());
        QCOMPARE(migrated->uuid, tenantUuids.at(1));
        QVERIFY(migrated->caCertificatePath.isEmpty());
        QCOMPARE(scalar(db, QStringLiteral("SELECT COUNT(*) FROM tenants")).toInt(), 2);
        QCOMPARE(scalar(db, QStringLiteral("SELECT group_concat(uuid, ',') FROM (SELECT uuid FROM tenants ORDER BY id)"))
                     .toString(),
                 tenantUuids.join(u','));
        QCOMPARE(scalar(db, QStringLiteral("SELECT COUNT(*) FROM runs")).toInt(), 4);
        QCOMPARE(scalar(db, QStringLiteral("SELECT COUNT(*) FROM run_items")).toInt(), 4);
        QCOMPARE(scalar(db, QStringLiteral("SELECT COUNT(*) FROM notifications")).toInt(), 4);
        QCOMPARE(scalar(db, QStringLiteral("SELECT COUNT(*) FROM audit_log")).toInt(),
                 scalar(db, QStringLiteral("SELECT row_count FROM audit_head")).toInt());
        auto verification = AuditLog(*opened).verify();
        QVERIFY2(verification.ok() && verification->ok, "audit chain broken by the migration");
        QCOMPARE(verification->rowCount, 1);   // ours
        for (const char* table : {"blobs", "policies", "policy_versions", "snapshots", "snapshot_items",
                                  "snapshot_references"})
            QCOMPARE(scalar(db, QStringLiteral("SELECT COUNT(*) FROM %1").arg(QLatin1String(table))).toInt(), 0);
        QCOMPARE(scalar(db, QStringLiteral("PRAGMA integrity_check")).toString(), QStringLiteral("ok"));
        // The new tables refer to the migrated ones.
        QSqlQuery q(db);
        QVERIFY2(q.exec(QStringLiteral("INSERT INTO policies(tenant_id, graph_id, type_key, first_seen, last_seen)"
                                       " VALUES(1, 'g', 'settingsCatalog', 'now', 'now')")),
                 qPrintable(q.lastError().text()));
        QVERIFY(!q.exec(QStringLiteral("INSERT INTO policies(tenant_id, graph_id, type_key, first_seen, last_seen)"
                                       " VALUES(99, 'g', 'settingsCatalog', 'now', 'now')")));
        // Schema 6: a plan belongs to a run, its items to the plan; the journal names real runs.
        QVERIFY2(q.exec(QStringLiteral("INSERT INTO restore_plans(run_id, tenant_id, created_at) VALUES(1, 2, 'now')")),
                 qPrintable(q.lastError().text()));
        QVERIFY2(q.exec(QStringLiteral("INSERT INTO restore_plan_items(run_id, ordinal, item_key, tier, type_key, action)"
                                       " VALUES(1, 0, 'settingsCatalog:1', 3, 'settingsCatalog', 'would_update')")),
                 qPrintable(q.lastError().text()));
        QVERIFY(!q.exec(QStringLiteral("INSERT INTO restore_plan_items(run_id, ordinal, item_key, tier, type_key, action)"
                                       " VALUES(1, 1, 'settingsCatalog:2', 3, 'settingsCatalog', 'would_delete')")));
        QVERIFY(!q.exec(QStringLiteral("INSERT INTO write_journal(tenant_id, run_id, plan_run_id, item_key, step, method,"
                                       " url, body_sha256, client_request_id, sent_at, state)"
                                       " VALUES(2, 99, 1, 'k', 'update', 'PUT', 'u', 'h', 'c', 'now', 'sending')")));
    }

    // A store full of history at schema 2 survives schema 3's rebuild of tenants and runs:
    // with foreign keys on, dropping the old tables would have cascade-deleted every item and
    // notification.
    void rebuildKeepsHistory()
    {
        const QString path = m_dir->filePath(QStringLiteral("history.db"));
        int items = 0;
        {
            Database::Options o = options(path);
            o.stopAtVersionForTest = 2;
            auto v2 = Database::open(o);
            QVERIFY2(v2.ok(), qPrintable(v2 ? QString() : v2.error().toString()));
            QSqlDatabase db = (*v2)->connection();
            QSqlQuery q(db);
            QVERIFY(q.exec(QStringLiteral("BEGIN")));
            for (int t = 1; t <= 3; ++t) {
                QVERIFY(q.exec(QStringLiteral("INSERT INTO tenants(id, name, entra_tenant_id, created_at)"
                                              " VALUES(%1, 'tenant %1', 'tid', '2026-01-01T00:00:00.000Z')").arg(t)));
            }
            for (int r = 1; r <= 300; ++r) {
                const int tenant = 1 + r % 3;
                QVERIFY2(q.exec(QStringLiteral("INSERT INTO runs(id, tenant_id, kind, status, dedupe_key, created_at,"
                                               " parent_run_id, owner_pid, owner_started_at) VALUES(%1, %2, 'backup',"
                                               " 'partially_succeeded', 'k%1', '2026-01-02T00:00:00.000Z', %3, 7, 8)")
                                    .arg(r)
                                    .arg(tenant)
                                    .arg(r > 1 ? QString::number(r - 1) : QStringLiteral("NULL"))),
                         qPrintable(q.lastError().text()));
                for (int i = 0; i < 10; ++i) {
                    QVERIFY(q.exec(QStringLiteral("INSERT INTO run_items(run_id, ordinal, item_key, outcome, finished_at)"
                                                  " VALUES(%1, %2, 'k%2', '%3', '2026-01-02T00:00:01.000Z')")
                                       .arg(r)
                                       .arg(i)
                                       .arg(i % 4 == 0 ? QStringLiteral("failed") : QStringLiteral("created"))));
                    ++items;
                }
                QVERIFY(q.exec(QStringLiteral("INSERT INTO notifications(tenant_id, run_id, kind, title, created_at)"
                                              " VALUES(%1, %2, 'run_finished', 'Backup', '2026-01-02T00:00:02.000Z')")
                                   .arg(tenant)
                                   .arg(r)));
            }
            QVERIFY(q.exec(QStringLiteral("COMMIT")));
            QCOMPARE(scalar(db, QStringLiteral("PRAGMA user_version")).toInt(), 2);
        }

        auto opened = Database::open(options(path));
        QVERIFY2(opened.ok(), qPrintable(opened ? QString() : opened.error().toString()));
        QSqlDatabase db = (*opened)->connection();
        QCOMPARE(scalar(db, QStringLiteral("PRAGMA user_version")).toInt(), Database::latestSchemaVersion());
        QCOMPARE(scalar(db, QStringLiteral("SELECT COUNT(*) FROM tenants")).toInt(), 3);
        QCOMPARE(scalar(db, QStringLiteral("SELECT COUNT(*) FROM runs")).toInt(), 300);
        QCOMPARE(scalar(db, QStringLiteral("SELECT COUNT(*) FROM run_items")).toInt(), items);
        QCOMPARE(scalar(db, QStringLiteral("SELECT COUNT(*) FROM notifications")).toInt(), 300);
        QCOMPARE(scalar(db, QStringLiteral("SELECT COUNT(*) FROM runs WHERE parent_run_id IS NOT NULL")).toInt(), 299);
        QCOMPARE(scalar(db, QStringLiteral("SELECT SUM(n_created) FROM runs")).toInt(),
                 scalar(db, QStringLiteral("SELECT COUNT(*) FROM run_items WHERE outcome = 'created'")).toInt());
        QCOMPARE(scalar(db, QStringLiteral("SELECT SUM(n_failed) FROM runs")).toInt(), 900);
        QCOMPARE(scalar(db, QStringLiteral("SELECT COUNT(DISTINCT uuid) FROM tenants")).toInt(), 3);
        QCOMPARE(scalar(db, QStringLiteral("PRAGMA integrity_check")).toString(), QStringLiteral("ok"));
        QVERIFY(!scalar(db, QStringLiteral("PRAGMA foreign_key_check")).isValid());
        QCOMPARE(scalar(db, QStringLiteral("PRAGMA foreign_keys")).toInt(), 1);   // back on afterwards
        // The rebuilt runs table no longer cascades: a tenant with runs cannot be deleted by accident.
        QSqlQuery del(db);
        QVERIFY(!del.exec(QStringLiteral("DELETE FROM tenants WHERE id = 1")));
        QCOMPARE(scalar(db, QStringLiteral("SELECT COUNT(*) FROM runs WHERE tenant_id = 1")).toInt(), 100);
    }

    // The mechanism itself, on a test step: the same copy/drop/rename of `runs` loses every
    // item as an ordinary step (foreign keys on) and keeps them as a rebuild step.
    void rebuildStepsSwitchForeignKeysOff_data()
    {
        QTest::addColumn<bool>("rebuild");
        QTest::addRow("ordinary step") << false;
        QTest::addRow("rebuild step") << true;
    }

    void rebuildStepsSwitchForeignKeysOff()
    {
        QFETCH(bool, rebuild);
        const QString path = m_dir->filePath(QStringLiteral("rebuild.db"));
        QVERIFY(QFile::copy(FixtureV1, path));
        QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner);
        Database::Options o = options(path);
        Database::MigrationStep step{Database::latestSchemaVersion() + 1, QStringLiteral("rebuild runs"),
                                     [](QSqlDatabase& db) -> Status {
                                         QSqlQuery q(db);
                                         for (const char* sql : {"CREATE TABLE runs_new(id INTEGER PRIMARY KEY,"
                                                                 " tenant_id INTEGER, kind TEXT, status TEXT)",
                                                                 "INSERT INTO runs_new SELECT id, tenant_id, kind,"
                                                                 " status FROM runs",
                                                                 "DROP TABLE runs",
                                                                 "ALTER TABLE runs_new RENAME TO runs"}) {
                                             if (!q.exec(QString::fromLatin1(sql)))
                                                 return fail(ErrorCode::Database, q.lastError().text());
                                         }
                                         return {};
                                     },
                                     rebuild};
        o.extraMigrationsForTest.append(step);
        auto opened = Database::open(o);
        QVERIFY2(opened.ok(), qPrintable(opened ? QString() : opened.error().toString()));
        QSqlDatabase db = (*opened)->connection();
        QCOMPARE(scalar(db, QStringLiteral("SELECT COUNT(*) FROM runs")).toInt(), 6);
        QCOMPARE(scalar(db, QStringLiteral("SELECT COUNT(*) FROM run_items")).toInt(), rebuild ? 7 : 0);
    }

    void rebuildLeavingDanglingReferencesRollsBack()
    {
        const QString path = m_dir->filePath(QStringLiteral("dangling.db"));
        QVERIFY(QFile::copy(FixtureV1, path));
        QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner);
        Database::Options o = options(path);
        o.extraMigrationsForTest.append({Database::latestSchemaVersion() + 1, QStringLiteral("drops runs"),
                                         [](QSqlDatabase& db) -> Status {
                                             QSqlQuery q(db);
                                             if (!q.exec(QStringLiteral("DELETE FROM runs WHERE id = 1")))
                                                 return fail(ErrorCode::Database, q.lastError().text());
                                             return {};
                                         },
                                         true});
        auto opened = Database::open(o);
        QVERIFY(!opened.ok());
        QVERIFY2(opened.error().message.contains(QStringLiteral("Foreign key check failed")),
                 qPrintable(opened.error().message));
        RawConnection raw(path);
        QCOMPARE(raw.scalar(QStringLiteral("PRAGMA user_version")).toInt(), Database::latestSchemaVersion());
        QCOMPARE(raw.scalar(QStringLiteral("SELECT COUNT(*) FROM runs WHERE id = 1")).toInt(), 1);
    }

    void newerSchemaIsRefusedAndUntouched()
    {
        const QString path = m_dir->filePath(QStringLiteral("newer.db"));
        const int newer = Database::latestSchemaVersion() + 1;
        {
            RawConnection raw(path);
            QSqlQuery query(raw.db());
            QVERIFY(query.exec(QStringLiteral("CREATE TABLE future(x TEXT)")));
            QVERIFY(query.exec(QStringLiteral("INSERT INTO future VALUES('from the future')")));
            QVERIFY(query.exec(QStringLiteral("PRAGMA user_version = %1").arg(newer)));
        }
        const QByteArray before = fileHash(path);
        QVERIFY(!before.isEmpty());

        auto database = Database::open(options(path));
        QVERIFY(!database.ok());
        QCOMPARE(database.error().code, ErrorCode::SchemaTooNew);
        const QString message = database.error().message;
        QVERIFY2(message.contains(QStringLiteral("newer PolicyVault")), qPrintable(message));
        QVERIFY2(message.contains(QStringLiteral("schema %1").arg(newer)), qPrintable(message));
        QVERIFY2(message.contains(QStringLiteral("knows %1").arg(Database::latestSchemaVersion())), qPrintable(message));

        QCOMPARE(fileHash(path), before);
        QVERIFY(!QFile::exists(path + QStringLiteral("-wal")));
        RawConnection raw(path);
        QCOMPARE(raw.scalar(QStringLiteral("PRAGMA journal_mode")).toString(), QStringLiteral("delete"));
        QCOMPARE(raw.scalar(QStringLiteral("PRAGMA user_version")).toInt(), newer);
    }

    void failingStepRollsBack_data()
    {
        QTest::addColumn<bool>("fromFixture");
        QTest::addRow("fresh database") << false;
        QTest::addRow("v1 fixture") << true;
    }

    void failingStepRollsBack()
    {
        QFETCH(bool, fromFixture);
        const QString path = m_dir->filePath(QStringLiteral("failing.db"));
        if (fromFixture) {
            QVERIFY(QFile::copy(FixtureV1, path));
            QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner);
        }
        const int latest = Database::latestSchemaVersion();

        Database::Options o = options(path);
        bool stepRan = false;
        o.extraMigrationsForTest.append({latest + 1, QStringLiteral("broken test step"), [&stepRan](QSqlDatabase& db) -> Status {
            stepRan = true;
            QSqlQuery query(db);
            if (!query.exec(QStringLiteral("CREATE TABLE partial_table(x INTEGER)")))
                return fail(ErrorCode::Database, query.lastError().text());
            if (!query.exec(QStringLiteral("INSERT INTO tenants(name) VALUES('no tenant id')"))) // NOT NULL fails
                return fail(ErrorCode::Database, query.lastError().text());
            return {};
        }});
        auto database = Database::open(o);
        QVERIFY(stepRan);
        QVERIFY(!database.ok());
        QCOMPARE(database.error().code, ErrorCode::Database);
        QVERIFY2(database.error().message.contains(QStringLiteral("broken test step")), qPrintable(database.error().message));
        QVERIFY2(database.error().message.contains(QStringLiteral("schema %1").arg(latest + 1)),
                 qPrintable(database.error().message));

        // The steps before it are committed, the failing one left nothing behind.
        RawConnection raw(path);
        QCOMPARE(raw.scalar(QStringLiteral("PRAGMA user_version")).toInt(), latest);
        QVERIFY(!raw.db().tables().contains(QStringLiteral("partial_table")));
        QVERIFY(raw.db().tables().contains(QStringLiteral("audit_head")));
        QCOMPARE(raw.scalar(QStringLiteral("SELECT COUNT(*) FROM tenants")).toInt(), fromFixture ? 2 : 0);
    }

    void failingFirstStepLeavesVersion()
    {
        // A failure in the very step that follows the file's version leaves that version.
        const QString path = m_dir->filePath(QStringLiteral("v1-failing.db"));
        QVERIFY(QFile::copy(FixtureV1, path));
        QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner);
        const QByteArray before = fileHash(path);
        {
            // Make step 2 fail: its audit_head table already exists.
            RawConnection raw(path);
            QSqlQuery query(raw.db());
            QVERIFY(query.exec(QStringLiteral("CREATE TABLE audit_head(x)")));
        }
        QVERIFY(fileHash(path) != before);
        auto database = Database::open(options(path));
        QVERIFY(!database.ok());
        QCOMPARE(database.error().code, ErrorCode::Database);
        QVERIFY2(database.error().message.contains(QStringLiteral("schema 2")), qPrintable(database.error().message));
        RawConnection raw(path);
        QCOMPARE(raw.scalar(QStringLiteral("PRAGMA user_version")).toInt(), 1);
        QVERIFY(!raw.scalar(QStringLiteral("SELECT name FROM sqlite_master WHERE name = 'runs_one_resume'")).isValid());
    }

    void badStepNumberingIsRejected()
    {
        Database::Options o = options(m_dir->filePath(QStringLiteral("gap.db")));
        o.extraMigrationsForTest.append(
            {Database::latestSchemaVersion() + 2, QStringLiteral("gap"), [](QSqlDatabase&) -> Status { return {}; }});
        auto database = Database::open(o);
        QVERIFY(!database.ok());
        QCOMPARE(database.error().code, ErrorCode::InvalidArgument);
    }

private:
    std::unique_ptr<QTemporaryDir> m_dir;
};

QTEST_GUILESS_MAIN(TestMigrations)
#include "tst_migrations.moc"
