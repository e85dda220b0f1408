// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "core/store/Migrations.h"

#include "core/store/DbError.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStringList>
#include <QUuid>

namespace pv::Migrations {

namespace {

Status runAll(QSqlDatabase& db, const QStringList& statements)
{
    for (const QString& sql : statements) {
        if (Status s = db::execStatement(db, sql); !s)
            return s;
    }
    return {};
}

// Schema v1: tenants, runs, run_items, notifications, audit_log.
Status createBaseTables(QSqlDatabase& db)
{
    return runAll(db, {
        QStringLiteral("CREATE TABLE tenants(id INTEGER PRIMARY KEY,"
                       " name TEXT NOT NULL UNIQUE COLLATE NOCASE,"
                       " entra_tenant_id TEXT NOT NULL,"
                       " cloud TEXT NOT NULL DEFAULT 'global',"
                       " client_id TEXT NOT NULL DEFAULT '',"
                       " auth_method TEXT NOT NULL DEFAULT 'client_secret',"
                       " graph_url TEXT, authority_url TEXT,"
                       " read_only INTEGER NOT NULL DEFAULT 0,"
                       " created_at TEXT NOT NULL)"),
        QStringLiteral("CREATE TABLE runs(id INTEGER PRIMARY KEY,"
                       " tenant_id INTEGER NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,"
                       " kind TEXT NOT NULL,"
                       " target TEXT NOT NULL DEFAULT '',"
                       " status TEXT NOT NULL CHECK(status IN ('queued','running','succeeded',"
                       "'partially_succeeded','failed','cancelled','interrupted')),"
                       " dedupe_key TEXT NOT NULL,"
                       " parameters TEXT NOT NULL DEFAULT '{}',"
                       " progress_done INTEGER NOT NULL DEFAULT 0,"
                       " progress_total INTEGER NOT NULL DEFAULT 0,"
                       " created_at TEXT NOT NULL, started_at TEXT, finished_at TEXT,"
                       " initiator TEXT NOT NULL DEFAULT '',"
                       " error_summary TEXT,"
                       " parent_run_id INTEGER REFERENCES runs(id) ON DELETE SET NULL,"
                       " owner_pid INTEGER, owner_started_at INTEGER)"),
        QStringLiteral("CREATE UNIQUE INDEX runs_active_dedupe ON runs(dedupe_key)"
                       " WHERE status IN ('queued','running')"),
        QStringLiteral("CREATE INDEX runs_by_tenant ON runs(tenant_id, id)"),
        QStringLiteral("CREATE TABLE run_items(run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,"
                       " ordinal INTEGER NOT NULL,"
                       " item_key TEXT NOT NULL,"
                       " display_name TEXT NOT NULL DEFAULT '',"
                       " outcome TEXT NOT NULL,"
                       " message TEXT, request_id TEXT,"
                       " duration_ms INTEGER NOT NULL DEFAULT 0,"
                       " finished_at TEXT NOT NULL,"
                       " PRIMARY KEY(run_id, ordinal))"),
        QStringLiteral("CREATE TABLE notifications(id INTEGER PRIMARY KEY,"
                       " tenant_id INTEGER NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,"
                       " run_id INTEGER REFERENCES runs(id) ON DELETE CASCADE,"
                       " kind TEXT NOT NULL, title TEXT NOT NULL,"
                       " body TEXT NOT NULL DEFAULT '',"
                       " created_at TEXT NOT NULL, read_at TEXT)"),
        QStringLiteral("CREATE TABLE audit_log(id INTEGER PRIMARY KEY,"
                       " tenant_id INTEGER,"
                       " at TEXT NOT NULL, actor TEXT NOT NULL, action TEXT NOT NULL,"
                       " target TEXT NOT NULL DEFAULT '',"
                       " details TEXT NOT NULL DEFAULT '',"
                       " prev_hash TEXT NOT NULL, hash TEXT NOT NULL)"),
    });
}

// Schema v2: the audit head (so truncating the tail of the chain is detectable), one resume
// child per run, and indexes for the outcome filter and the unread badge.
Status addAuditHeadAndIndexes(QSqlDatabase& db)
{
    return runAll(db, {
        QStringLiteral("CREATE TABLE audit_head(id INTEGER PRIMARY KEY CHECK(id = 1),"
                       " hash TEXT NOT NULL, row_count INTEGER NOT NULL)"),
        // The head continues the existing chain: the newest row's hash and the row count.
        // A v1 chain that was already broken stays detectably broken (verify() checks rows).
        QStringLiteral("INSERT INTO audit_head(id, hash, row_count) SELECT 1,"
                       " COALESCE((SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1),"
                       " '0000000000000000000000000000000000000000000000000000000000000000'),"
                       " (SELECT COUNT(*) FROM audit_log)"),
        QStringLiteral("CREATE UNIQUE INDEX runs_one_resume ON runs(parent_run_id)"
                       " WHERE parent_run_id IS NOT NULL"),
        QStringLiteral("CREATE INDEX run_items_by_outcome ON run_items(run_id, outcome)"),
        QStringLiteral("CREATE INDEX notifications_unread ON notifications(tenant_id, read_at)"),
    });
}

QString newUuid()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

// Every existing tenant gets its own uuid. Done row by row in C++ (SQLite has no uuid
// function); a store has a handful of tenants.
Status assignTenantUuids(QSqlDatabase& db)
{
    QSqlQuery ids(db);
    if (!ids.exec(QStringLiteral("SELECT id FROM tenants_v3 ORDER BY id")))
        return db::failure(ids.lastError(), QStringLiteral("listing tenants"));
    QList<qint64> tenantIds;
    while (ids.next())
        tenantIds.append(ids.value(0).toLongLong());
    ids.finish();
    for (qint64 id : std::as_const(tenantIds)) {
        QSqlQuery update(db);
        update.prepare(QStringLiteral("UPDATE tenants_v3 SET uuid = ? WHERE id = ?"));
        update.addBindValue(newUuid());
        update.addBindValue(id);
        if (Status s = db::exec(update, QStringLiteral("giving tenant %1 a uuid").arg(id)); !s)
            return s;
    }
    return {};
}

// Schema v3: stable identities, and runs that know their host, their counts and whether
// they write to their tenant.
// - The store gets a uuid (store_meta): the keychain namespace of this data folder, so two
//   folders never share secrets.
// - tenants is rebuilt with AUTOINCREMENT (ids are never reused: secrets and audit rows of a
//   removed tenant must not pass to the next one) and a uuid that keys secrets and audit rows.
//   The sequence starts above every tenant id the audit log has ever named.
// - secret_cleanup lists removed tenants whose keychain entries are not deleted yet.
// - audit_log rows name the tenant's uuid; new rows hash it (format 2). Old rows keep format 1
//   and verify as they were written: nothing is rewritten.
// - runs is rebuilt: tenant_id no longer cascades (removing a tenant deletes its runs on
//   purpose, after it has checked that none is active — a cascade once deleted a live CLI's
//   run); owner_host (a store shared later between machines never judges another machine's
//   process dead); cancel_requested_at (cancel across processes); writes_tenant with an
//   index that allows one active writing run per tenant; outcome counters kept on the row,
//   updated in each item's transaction (the runs list no longer counts items per run).
Status addIdentitiesAndRunCounters(QSqlDatabase& db)
{
    QStringList counters;
    QStringList backfill;
    for (const char* outcome : {"succeeded", "failed", "skipped", "unchanged", "created", "updated", "deleted",
                                "would_create", "would_update", "would_delete"}) {
        const QString name = QString::fromLatin1(outcome);
        counters.append(QStringLiteral(" n_%1 INTEGER NOT NULL DEFAULT 0 CHECK(n_%1 >= 0),").arg(name));
        backfill.append(QStringLiteral("n_%1 = (SELECT COUNT(*) FROM run_items i WHERE i.run_id = runs.id"
                                       " AND i.outcome = '%1')").arg(name));
    }
    if (Status s = runAll(db, {
            QStringLiteral("CREATE TABLE store_meta(key TEXT PRIMARY KEY, value TEXT NOT NULL)"),
            // Removed tenants whose keychain entries are still to be deleted (the row goes in the
            // same transaction as the tenant, the keychain call after it; a crash in between
            // leaves this row, and the next removal or start-up finishes the job).
            QStringLiteral("CREATE TABLE secret_cleanup(tenant_uuid TEXT PRIMARY KEY, since TEXT NOT NULL)"),
            QStringLiteral("CREATE TABLE tenants_v3(id INTEGER PRIMARY KEY AUTOINCREMENT,"
                           " uuid TEXT NOT NULL UNIQUE,"
                           " name TEXT NOT NULL UNIQUE COLLATE NOCASE,"
                           " entra_tenant_id TEXT NOT NULL,"
                           " cloud TEXT NOT NULL DEFAULT 'global',"
                           " client_id TEXT NOT NULL DEFAULT '',"
                           " auth_method TEXT NOT NULL DEFAULT 'client_secret',"
                           " graph_url TEXT, authority_url TEXT,"
                           " read_only INTEGER NOT NULL DEFAULT 0,"
                           " simulated INTEGER NOT NULL DEFAULT 0,"
                           " created_at TEXT NOT NULL)"),
            // The uuid column is filled right after the copy (see assignTenantUuids).
            QStringLiteral("INSERT INTO tenants_v3(id, uuid, name, entra_tenant_id, cloud, client_id, auth_method,"
                           " graph_url, authority_url, read_only, created_at)"
                           " SELECT id, 'pending-' || id, name, entra_tenant_id, cloud, client_id, auth_method,"
                           " graph_url, authority_url, read_only, created_at FROM tenants"),
        });
        !s)
        return s;
    if (Status s = assignTenantUuids(db); !s)
        return s;
    QSqlQuery storeUuid(db);
    storeUuid.prepare(QStringLiteral("INSERT INTO store_meta(key, value) VALUES('store_uuid', ?)"));
    storeUuid.addBindValue(newUuid());
    if (Status s = db::exec(storeUuid, QStringLiteral("giving the store a uuid")); !s)
        return s;
    const QString createRuns = QStringLiteral("CREATE TABLE runs_v3(id INTEGER PRIMARY KEY,"
                   " tenant_id INTEGER NOT NULL REFERENCES tenants(id),"
                   " kind TEXT NOT NULL,"
                   " target TEXT NOT NULL DEFAULT '',"
                   " status TEXT NOT NULL CHECK(status IN ('queued','running','succeeded',"
                   "'partially_succeeded','failed','cancelled','interrupted')),"
                   " dedupe_key TEXT NOT NULL,"
                   " parameters TEXT NOT NULL DEFAULT '{}',"
                   " writes_tenant INTEGER NOT NULL DEFAULT 0 CHECK(writes_tenant IN (0, 1)),"
                   " progress_done INTEGER NOT NULL DEFAULT 0,"
                   " progress_total INTEGER NOT NULL DEFAULT 0,"
                   " created_at TEXT NOT NULL, started_at TEXT, finished_at TEXT,"
                   " initiator TEXT NOT NULL DEFAULT '',"
                   " error_summary TEXT,"
                   " parent_run_id INTEGER REFERENCES runs(id) ON DELETE SET NULL,"
                   " owner_host TEXT, owner_pid INTEGER, owner_started_at INTEGER,"
                   " cancel_requested_at TEXT,")
        + counters.join(QString()).chopped(1) + QStringLiteral(")");
    const QString backfillCounters = QStringLiteral("UPDATE runs SET ") + backfill.join(QStringLiteral(", "));
    return runAll(db, {
        QStringLiteral("DROP TABLE tenants"),
        QStringLiteral("ALTER TABLE tenants_v3 RENAME TO tenants"),
        QStringLiteral("INSERT INTO sqlite_sequence(name, seq) SELECT 'tenants', 0"
                       " WHERE NOT EXISTS(SELECT 1 FROM sqlite_sequence WHERE name = 'tenants')"),
        QStringLiteral("UPDATE sqlite_sequence SET seq = MAX(seq,"
                       " COALESCE((SELECT MAX(id) FROM tenants), 0),"
                       " COALESCE((SELECT MAX(tenant_id) FROM audit_log), 0),"
                       " COALESCE((SELECT MAX(tenant_id) FROM notifications), 0),"
                       " COALESCE((SELECT MAX(tenant_id) FROM runs), 0)) WHERE name = 'tenants'"),

        QStringLiteral("ALTER TABLE audit_log ADD COLUMN tenant_uuid TEXT"),
        QStringLiteral("ALTER TABLE audit_log ADD COLUMN format INTEGER NOT NULL DEFAULT 1"),

        createRuns,
        QStringLiteral("INSERT INTO runs_v3(id, tenant_id, kind, target, status, dedupe_key, parameters,"
                       " progress_done, progress_total, created_at, started_at, finished_at, initiator,"
                       " error_summary, parent_run_id, owner_pid, owner_started_at)"
                       " SELECT id, tenant_id, kind, target, status, dedupe_key, parameters,"
                       " progress_done, progress_total, created_at, started_at, finished_at, initiator,"
                       " error_summary, parent_run_id, owner_pid, owner_started_at FROM runs"),
        QStringLiteral("DROP TABLE runs"),
        QStringLiteral("ALTER TABLE runs_v3 RENAME TO runs"),
        backfillCounters,
        QStringLiteral("CREATE UNIQUE INDEX runs_active_dedupe ON runs(dedupe_key)"
                       " WHERE status IN ('queued','running')"),
        QStringLiteral("CREATE UNIQUE INDEX runs_one_writer ON runs(tenant_id)"
                       " WHERE writes_tenant = 1 AND status IN ('queued','running')"),
        QStringLiteral("CREATE INDEX runs_by_tenant ON runs(tenant_id, id)"),
        QStringLiteral("CREATE UNIQUE INDEX runs_one_resume ON runs(parent_run_id)"
                       " WHERE parent_run_id IS NOT NULL"),
    });
}


// Schema v4: captured content (issue 8, "Storage").
// - blobs: compressed canonical JSON keyed by the SHA-256 of the uncompressed bytes, so equal
//   content is stored once across policies, versions, snapshots and tenants. ref_count counts
//   the rows that name a blob (policy_versions, snapshot_references); removing a tenant frees
//   only blobs nobody else names. The partial index keeps that sweep off a full scan.
// - policies: one row per object ever seen in a tenant. tenant_id does not cascade (as runs
//   since v3): TenantRepository::remove deletes explicitly, because blob counts must follow.
// - policy_versions: a new row only when the content hash (CanonicalJson) changed;
//   blob_hash names the stored bytes, which may differ for equal content (secret tokens).
// - snapshots / snapshot_items: what one capture saw, which types it captured, which came
//   back incomplete, and which types PolicyVault knows of but does not capture yet.
// - snapshot_references: definitions, categories, templates, filters, scope tags and group
//   names stored with a snapshot so it renders offline, content-addressed through blobs.
Status addCapturedContent(QSqlDatabase& db)
{
    return runAll(db, {
        QStringLiteral("CREATE TABLE blobs(hash TEXT PRIMARY KEY,"
                       " data BLOB NOT NULL,"
                       " size INTEGER NOT NULL,"
                       " ref_count INTEGER NOT NULL DEFAULT 0 CHECK(ref_count >= 0))"),
        QStringLiteral("CREATE INDEX blobs_unreferenced ON blobs(hash) WHERE ref_count = 0"),
        QStringLiteral("CREATE TABLE policies(id INTEGER PRIMARY KEY AUTOINCREMENT,"
                       " tenant_id INTEGER NOT NULL REFERENCES tenants(id),"
                       " graph_id TEXT NOT NULL,"
                       " type_key TEXT NOT NULL,"
                       " display_name TEXT NOT NULL DEFAULT '',"
                       " platform TEXT NOT NULL DEFAULT '',"
                       " first_seen TEXT NOT NULL, last_seen TEXT NOT NULL, deleted_at TEXT,"
                       " UNIQUE(tenant_id, type_key, graph_id))"),
        QStringLiteral("CREATE TABLE policy_versions(id INTEGER PRIMARY KEY AUTOINCREMENT,"
                       " policy_id INTEGER NOT NULL REFERENCES policies(id),"
                       " captured_at TEXT NOT NULL,"
                       " content_hash TEXT NOT NULL,"
                       " blob_hash TEXT NOT NULL REFERENCES blobs(hash),"
                       " run_id INTEGER REFERENCES runs(id) ON DELETE SET NULL)"),
        QStringLiteral("CREATE INDEX policy_versions_by_policy ON policy_versions(policy_id, id)"),
        QStringLiteral("CREATE INDEX policy_versions_by_blob ON policy_versions(blob_hash)"),
        QStringLiteral("CREATE TABLE snapshots(id INTEGER PRIMARY KEY AUTOINCREMENT,"
                       " tenant_id INTEGER NOT NULL REFERENCES tenants(id),"
                       " run_id INTEGER REFERENCES runs(id) ON DELETE SET NULL,"
                       " created_at TEXT NOT NULL, finished_at TEXT,"
                       " complete INTEGER NOT NULL DEFAULT 0 CHECK(complete IN (0, 1)),"
                       " captured_types TEXT NOT NULL DEFAULT '[]',"
                       " incomplete_types TEXT NOT NULL DEFAULT '[]',"
                       " not_captured_types TEXT NOT NULL DEFAULT '[]')"),
        QStringLiteral("CREATE INDEX snapshots_by_tenant ON snapshots(tenant_id, id)"),
        QStringLiteral("CREATE TABLE snapshot_items(snapshot_id INTEGER NOT NULL REFERENCES snapshots(id),"
                       " policy_version_id INTEGER NOT NULL REFERENCES policy_versions(id),"
                       " PRIMARY KEY(snapshot_id, policy_version_id))"),
        QStringLiteral("CREATE INDEX snapshot_items_by_version ON snapshot_items(policy_version_id)"),
        QStringLiteral("CREATE TABLE snapshot_references(snapshot_id INTEGER NOT NULL REFERENCES snapshots(id),"
                       " kind TEXT NOT NULL CHECK(kind IN ('definition','category','template','filter',"
                       "'scope_tag','group')),"
                       " key TEXT NOT NULL,"
                       " blob_hash TEXT NOT NULL REFERENCES blobs(hash),"
                       " PRIMARY KEY(snapshot_id, kind, key))"),
        QStringLiteral("CREATE INDEX snapshot_references_by_blob ON snapshot_references(blob_hash)"),
    });
}

/// Version 5: what capture needs of a tenant profile and of a policy.
///  - tenants.ca_cert_path: extra CA certificates (PEM) trusted for this tenant besides the system
///    store (corporate TLS inspection, the demo tenant's graphsim CA).
///  - tenants.certificate_path: the PFX or PEM file of certificate sign-in; its password lives in
///    the keychain, never here.
///  - policies.graph_modified_at: Graph's lastModifiedDateTime of the latest captured version, so a
///    re-capture can skip re-reading the settings of a policy that did not change.
Status addCaptureProfileColumns(QSqlDatabase& db)
{
    return runAll(db, {
        QStringLiteral("ALTER TABLE tenants ADD COLUMN ca_cert_path TEXT"),
        QStringLiteral("ALTER TABLE tenants ADD COLUMN certificate_path TEXT"),
        QStringLiteral("ALTER TABLE policies ADD COLUMN graph_modified_at TEXT"),
    });
}


/// Version 6: restore (issue 11).
///  - runs.n_conflict, n_cannot_restore, n_uncertain: counters of the restore outcomes.
///  - restore_plans: one row per preview run (restore_preview): what it planned from (snapshot,
///    options) and which live restore run executed it — each plan executes at most once.
///  - restore_plan_items: per item, the action the preview decided (would_create, would_update,
///    unchanged, conflict, cannot_restore), why, the readable diffs (JSON) and the fingerprint of
///    the live object the decision was computed from; the live restore re-reads the object right
///    before its write and finds a conflict when the fingerprint moved.
///  - write_journal: every write of a live restore, recorded before it is sent and completed
///    after, so a write whose outcome is unknown is reconciled instead of blindly repeated.
///    Bodies are never stored: their SHA-256 is.
Status addRestoreTables(QSqlDatabase& db)
{
    return runAll(db, {
        QStringLiteral("ALTER TABLE runs ADD COLUMN n_conflict INTEGER NOT NULL DEFAULT 0 CHECK(n_conflict >= 0)"),
        QStringLiteral("ALTER TABLE runs ADD COLUMN n_cannot_restore INTEGER NOT NULL DEFAULT 0"
                       " CHECK(n_cannot_restore >= 0)"),
        QStringLiteral("ALTER TABLE runs ADD COLUMN n_uncertain INTEGER NOT NULL DEFAULT 0 CHECK(n_uncertain >= 0)"),
        QStringLiteral("CREATE TABLE restore_plans(run_id INTEGER PRIMARY KEY REFERENCES runs(id) ON DELETE CASCADE,"
                       " tenant_id INTEGER NOT NULL REFERENCES tenants(id),"
                       " snapshot_id INTEGER REFERENCES snapshots(id),"
                       " options TEXT NOT NULL DEFAULT '{}',"
                       " created_at TEXT NOT NULL,"
                       " executed_by_run_id INTEGER REFERENCES runs(id) ON DELETE SET NULL)"),
        QStringLiteral("CREATE TABLE restore_plan_items(run_id INTEGER NOT NULL REFERENCES restore_plans(run_id)"
                       " ON DELETE CASCADE,"
                       " ordinal INTEGER NOT NULL,"
                       " item_key TEXT NOT NULL,"
                       " tier INTEGER NOT NULL,"
                       " type_key TEXT NOT NULL,"
                       " policy_id INTEGER REFERENCES policies(id),"
                       " policy_version_id INTEGER REFERENCES policy_versions(id),"
                       " graph_id TEXT NOT NULL DEFAULT '',"
                       " live_graph_id TEXT NOT NULL DEFAULT '',"
                       " name TEXT NOT NULL DEFAULT '',"
                       " action TEXT NOT NULL CHECK(action IN ('would_create','would_update','unchanged',"
                       "'conflict','cannot_restore')),"
                       " reason TEXT,"
                       " diff TEXT NOT NULL DEFAULT '{}',"
                       " live_fingerprint TEXT NOT NULL DEFAULT '',"
                       " PRIMARY KEY(run_id, ordinal),"
                       " UNIQUE(run_id, item_key))"),
        QStringLiteral("CREATE TABLE write_journal(id INTEGER PRIMARY KEY AUTOINCREMENT,"
                       " tenant_id INTEGER NOT NULL REFERENCES tenants(id),"
                       " run_id INTEGER NOT NULL REFERENCES runs(id),"
                       " plan_run_id INTEGER NOT NULL REFERENCES runs(id),"
                       " item_key TEXT NOT NULL,"
                       " step TEXT NOT NULL,"
                       " method TEXT NOT NULL,"
                       " url TEXT NOT NULL,"
                       " body_sha256 TEXT NOT NULL,"
                       " client_request_id TEXT NOT NULL,"
                       " sent_at TEXT NOT NULL,"
                       " state TEXT NOT NULL CHECK(state IN ('sending','applied','not_applied','uncertain',"
                       "'conflict')),"
                       " http_status INTEGER,"
                       " request_id TEXT,"
                       " created_id TEXT,"
                       " completed_at TEXT,"
                       " error TEXT)"),
        QStringLiteral("CREATE INDEX write_journal_by_plan ON write_journal(plan_run_id, item_key, id)"),
        QStringLiteral("CREATE INDEX write_journal_by_run ON write_journal(run_id, id)"),
    });
}

/// Schema 7: where a snapshot came from. `backup` (every snapshot before), or `pre_restore`: what
/// a live restore captured of the objects it was about to overwrite, so a restore can itself be
/// undone. Only `backup` snapshots are the baseline of a backup's change list.
Status addSnapshotOrigin(QSqlDatabase& db)
{
    return runAll(db, {
        QStringLiteral("ALTER TABLE snapshots ADD COLUMN origin TEXT NOT NULL DEFAULT 'backup'"
                       " CHECK(origin IN ('backup', 'pre_restore'))"),
    });
}

} // namespace

const QList<Database::MigrationStep>& builtin()
{
    static const QList<Database::MigrationStep> steps{
        {1, QStringLiteral("create base tables"), &createBaseTables},
        {2, QStringLiteral("audit head and indexes"), &addAuditHeadAndIndexes},
        {3, QStringLiteral("identities, run owners and counters"), &addIdentitiesAndRunCounters, true},
        {4, QStringLiteral("captured content: blobs, policies, versions, snapshots"), &addCapturedContent},
        {5, QStringLiteral("tenant CA file and certificate path, policy modified time"), &addCaptureProfileColumns},
        {6, QStringLiteral("restore plans, write journal, restore outcome counters"), &addRestoreTables},
        {7, QStringLiteral("snapshot origin (backup, pre_restore)"), &addSnapshotOrigin},
    };
    return steps;
}

} // namespace pv::Migrations
