// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "core/store/Migrations.h"

#include "core/store/DbError.h"

#include <QSqlDatabase>
#include <QStringList>

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

} // namespace

const QList<Database::MigrationStep>& builtin()
{
    static const QList<Database::MigrationStep> steps{
        {1, QStringLiteral("create base tables"), &createBaseTables},
        {2, QStringLiteral("audit head and indexes"), &addAuditHeadAndIndexes},
    };
    return steps;
}

} // namespace pv::Migrations
