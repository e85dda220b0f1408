-- SPDX-License-Identifier: GPL-3.0-or-later
-- SPDX-FileCopyrightText: 2026 PolicyVault contributors
--
-- The schema-v1 fixture: what a PolicyVault store looked like at `PRAGMA user_version = 1`,
-- with rows in every table. tst_migrations copies db-v1.sqlite into a temporary folder,
-- opens it with the current build and checks that every row survives the upgrade and that
-- the audit chain still verifies.
--
-- Regenerate (from the repository root) after editing this file:
--     rm -f tests/data/db-v1.sqlite && sqlite3 tests/data/db-v1.sqlite < tests/data/db-v1.sql
-- Never change the schema below: it is frozen as schema v1 shipped (core/store/Migrations.cpp,
-- step 1). The audit_log hashes are AuditLog::computeHash over each row (SHA-256 over
-- "pv-audit-v1;" + length-prefixed prev_hash, id, tenant_id, at, actor, action, target, details);
-- if you add or edit an audit row, recompute them — tst_migrations fails otherwise.

PRAGMA journal_mode = WAL;
PRAGMA foreign_keys = ON;
BEGIN;

CREATE TABLE tenants(id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE COLLATE NOCASE, entra_tenant_id TEXT NOT NULL, cloud TEXT NOT NULL DEFAULT 'global', client_id TEXT NOT NULL DEFAULT '', auth_method TEXT NOT NULL DEFAULT 'client_secret', graph_url TEXT, authority_url TEXT, read_only INTEGER NOT NULL DEFAULT 0, created_at TEXT NOT NULL);
CREATE TABLE runs(id INTEGER PRIMARY KEY, tenant_id INTEGER NOT NULL REFERENCES tenants(id) ON DELETE CASCADE, kind TEXT NOT NULL, target TEXT NOT NULL DEFAULT '', status TEXT NOT NULL CHECK(status IN ('queued','running','succeeded','partially_succeeded','failed','cancelled','interrupted')), dedupe_key TEXT NOT NULL, parameters TEXT NOT NULL DEFAULT '{}', progress_done INTEGER NOT NULL DEFAULT 0, progress_total INTEGER NOT NULL DEFAULT 0, created_at TEXT NOT NULL, started_at TEXT, finished_at TEXT, initiator TEXT NOT NULL DEFAULT '', error_summary TEXT, parent_run_id INTEGER REFERENCES runs(id) ON DELETE SET NULL, owner_pid INTEGER, owner_started_at INTEGER);
CREATE UNIQUE INDEX runs_active_dedupe ON runs(dedupe_key) WHERE status IN ('queued','running');
CREATE INDEX runs_by_tenant ON runs(tenant_id, id);
CREATE TABLE run_items(run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE, ordinal INTEGER NOT NULL, item_key TEXT NOT NULL, display_name TEXT NOT NULL DEFAULT '', outcome TEXT NOT NULL, message TEXT, request_id TEXT, duration_ms INTEGER NOT NULL DEFAULT 0, finished_at TEXT NOT NULL, PRIMARY KEY(run_id, ordinal));
CREATE TABLE notifications(id INTEGER PRIMARY KEY, tenant_id INTEGER NOT NULL REFERENCES tenants(id) ON DELETE CASCADE, run_id INTEGER REFERENCES runs(id) ON DELETE CASCADE, kind TEXT NOT NULL, title TEXT NOT NULL, body TEXT NOT NULL DEFAULT '', created_at TEXT NOT NULL, read_at TEXT);
CREATE TABLE audit_log(id INTEGER PRIMARY KEY, tenant_id INTEGER, at TEXT NOT NULL, actor TEXT NOT NULL, action TEXT NOT NULL, target TEXT NOT NULL DEFAULT '', details TEXT NOT NULL DEFAULT '', prev_hash TEXT NOT NULL, hash TEXT NOT NULL);

INSERT INTO tenants(id, name, entra_tenant_id, cloud, client_id, auth_method, graph_url, authority_url, read_only, created_at) VALUES
    (1, 'Contoso', '11111111-2222-3333-4444-555555555555', 'global', 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee', 'client_secret', NULL, NULL, 0, '2026-01-05T09:00:00.000Z'),
    (2, 'Fabrikam Gov', 'fabrikam.onmicrosoft.us', 'usgov_high', 'ffffffff-0000-1111-2222-333333333333', 'certificate', 'https://graph.microsoft.us', 'https://login.microsoftonline.us', 1, '2026-01-06T13:59:59.999Z');

INSERT INTO runs(id, tenant_id, kind, target, status, dedupe_key, parameters, progress_done, progress_total, created_at, started_at, finished_at, initiator, error_summary, parent_run_id, owner_pid, owner_started_at) VALUES
    (1, 1, 'backup', '', 'succeeded', '1|backup|', '{}', 3, 3, '2026-01-05T09:15:30.250Z', '2026-01-05T09:15:30.300Z', '2026-01-05T09:16:02.123Z', 'gui', NULL, NULL, 4242, 1767604500),
    (2, 1, 'restore', 'policy:17', 'partially_succeeded', '1|restore|policy:17', '{"policy":17,"dryRun":false}', 2, 2, '2026-01-05T10:00:00.000Z', '2026-01-05T10:00:00.010Z', '2026-01-05T10:00:09.500Z', 'cli', 'one item failed', NULL, 4243, 1767607200),
    (3, 2, 'backup', '', 'failed', '2|backup|', '{}', 0, 5, '2026-01-06T14:05:00.000Z', '2026-01-06T14:05:00.100Z', '2026-01-06T14:05:01.000Z', 'gui', 'HTTP 403 Forbidden (request-id 0a1b2c3d)', NULL, 5000, 1767708000),
    (4, 1, 'backup', 'full', 'interrupted', '1|backup|full', '{"full":true}', 1, 4, '2026-01-07T08:00:00.000Z', '2026-01-07T08:00:00.050Z', '2026-01-07T08:30:00.000Z', 'gui', 'the process that ran it ended', NULL, 6000, 1767772800),
    (5, 1, 'backup', 'full', 'queued', '1|backup|full', '{"full":true}', 0, 3, '2026-01-07T08:31:00.000Z', NULL, NULL, 'gui', NULL, 4, NULL, NULL),
    (6, 2, 'capture_policy', 'policy:99', 'cancelled', '2|capture_policy|policy:99', '{"policy":99}', 0, 1, '2026-01-07T09:00:00.000Z', '2026-01-07T09:00:00.500Z', '2026-01-07T09:00:02.000Z', 'cli', NULL, NULL, 6100, 1767776400);

INSERT INTO run_items(run_id, ordinal, item_key, display_name, outcome, message, request_id, duration_ms, finished_at) VALUES
    (1, 0, 'policy:11', 'Windows – Baseline', 'succeeded', NULL, 'r-0001', 120, '2026-01-05T09:15:40.000Z'),
    (1, 1, 'policy:12', 'macOS FileVault', 'unchanged', NULL, 'r-0002', 80, '2026-01-05T09:15:50.000Z'),
    (1, 2, 'policy:13', 'Firewall rules (Ünicode)', 'succeeded', NULL, 'r-0003', 95, '2026-01-05T09:16:02.000Z'),
    (2, 0, 'policy:17', 'BitLocker', 'updated', NULL, 'r-0100', 300, '2026-01-05T10:00:04.000Z'),
    (2, 1, 'assignment:17:1', 'BitLocker → All devices', 'failed', 'Graph answered 400: unknown group', 'r-0101', 410, '2026-01-05T10:00:09.400Z'),
    (4, 0, 'policy:11', 'Windows – Baseline', 'succeeded', NULL, 'r-0200', 150, '2026-01-07T08:00:05.000Z'),
    (6, 0, 'policy:99', 'Edge settings', 'skipped', 'cancelled before it started', NULL, 0, '2026-01-07T09:00:02.000Z');

INSERT INTO notifications(id, tenant_id, run_id, kind, title, body, created_at, read_at) VALUES
    (1, 1, 1, 'run_finished', 'Backup of Contoso succeeded', '3 items: 2 succeeded, 1 unchanged', '2026-01-05T09:16:02.200Z', '2026-01-05T09:20:00.000Z'),
    (2, 1, 2, 'run_finished', 'Restore on Contoso partially succeeded', '1 succeeded, 1 failed', '2026-01-05T10:00:09.600Z', NULL),
    (3, 2, 3, 'run_finished', 'Backup of Fabrikam Gov failed', 'HTTP 403 Forbidden', '2026-01-06T14:05:01.100Z', NULL),
    (4, 1, 4, 'run_interrupted', 'Backup of Contoso was interrupted', '1 of 4 items done', '2026-01-07T08:30:00.100Z', NULL);

INSERT INTO audit_log(id, tenant_id, at, actor, action, target, details, prev_hash, hash) VALUES(1, NULL, '2026-01-05T09:00:00.000Z', 'alice@contoso.example', 'tenant.add', 'Contoso', 'cloud=global',
    '0000000000000000000000000000000000000000000000000000000000000000',
    '66feb5c926c6157d671fb7f8b6ee4a86c2332c9eb8fed853e70751513d627d9c');
INSERT INTO audit_log(id, tenant_id, at, actor, action, target, details, prev_hash, hash) VALUES(2, 1, '2026-01-05T09:15:30.250Z', 'alice@contoso.example', 'run.start', 'run:1', 'backup of Contoso; Grüße ✓',
    '66feb5c926c6157d671fb7f8b6ee4a86c2332c9eb8fed853e70751513d627d9c',
    '660b3ff53e49430e16c452abdfbaa397eb560a04cca16367a91150cb72f90bb9');
INSERT INTO audit_log(id, tenant_id, at, actor, action, target, details, prev_hash, hash) VALUES(3, 2, '2026-01-06T14:02:11.007Z', 'policyvault-cli', 'tenant.set_read_only', 'Fabrikam', 'read_only=1',
    '660b3ff53e49430e16c452abdfbaa397eb560a04cca16367a91150cb72f90bb9',
    '04aa139362341d61ee5f1837c59aa4d8db0c41b242059e28cdbb5c44e2365fbb');

PRAGMA user_version = 1;
COMMIT;
