// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

// Shared set-up of the live restore tests: CaptureTestEnv (in-process graphsim over HTTPS, a
// real SQLite store, the shipped capture kinds) plus the restore kind, and plans built the way
// a preview would store them — from a real capture and a live read — with
// RestorePlanRepository::save, so these tests do not depend on the preview job.

#include "CaptureTestEnv.h"

#include "core/restore/RestoreJob.h"
#include "core/restore/RestorePlan.h"

#include <QJsonArray>

#include <optional>

class RestoreTestEnv
{
public:
    explicit RestoreTestEnv(graphsim::SimOptions options, pv::restore::RestoreHooks hooks = {});

    bool start(QString* error);
    CaptureTestEnv& env() { return m_env; }
    const pv::TenantScope& scope() const { return m_env.scope(); }

    /// The snapshot of a finished backup run.
    qint64 snapshotOf(qint64 backupRunId);
    /// Stores a plan for `snapshotId` (only `policyIds` when given; policies, filters and scope
    /// tags) as a finished
    /// restore_preview run would: each item matched by Graph id, else by name (deleted →
    /// would_create), unchanged when the live content equals the captured one, else
    /// would_update; the live fingerprint from restore::readLive. Returns the plan run id (0 on failure).
    qint64 makePlan(qint64 snapshotId, bool assignments, const QList<qint64>& policyIds = {},
                    const QString& secretsKey = {});
    /// The stored plan's items.
    QList<pv::restore::PlanItem> planItems(qint64 planRunId);
    /// Runs the live restore of `planRunId` to its end.
    std::optional<pv::RunRecord> restore(qint64 planRunId);

    /// One live object read with the product's read (settings and assignments).
    std::optional<QJsonObject> readLive(const QString& typeKey, const QString& graphId);
    /// graphsim's write log.
    QJsonArray simWrites();
    /// graphsim's configurationPolicies with exactly this name.
    QList<QJsonObject> policiesNamed(const QString& name);
    /// A Graph call with the test's own token (not the product's client).
    HttpResult graph(const QByteArray& method, const QString& path, const QJsonObject& body = {});

private:
    CaptureTestEnv m_env;
    pv::restore::RestoreHooks m_hooks;
};
