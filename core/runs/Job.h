// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

#include "core/common/Result.h"
#include "core/runs/RunTypes.h"

#include <QJsonObject>
#include <QList>
#include <QString>

#include <atomic>
#include <functional>
#include <memory>

class QSqlDatabase;

namespace pv {

struct JobServices;

/// One unit of a run's work: a policy to capture, to restore, … Keys are stable across a
/// resume, so the child run can skip what its parent already finished.
struct JobItem
{
    QString key;
    QString displayName;
};

struct ItemResult
{
    ItemOutcome outcome = ItemOutcome::Succeeded;
    QString message;    ///< redacted by the engine before it is stored
    QString requestId;
    qint64 durationMs = -1;     ///< asynchronous jobs say how long the item took; -1: the engine measures
};

/// What a job sees while it runs on a worker thread.
struct JobContext
{
    qint64 runId = 0;
    qint64 tenantId = 0;
    QJsonObject parameters;
    const std::atomic_bool* cancelRequested = nullptr;
    /// What the composition root gave the run service (database, secrets, Graph client
    /// factory, governors, snapshot writer); null in tests that register no services.
    const JobServices* services = nullptr;
    bool isCancelled() const { return cancelRequested && cancelRequested->load(); }
};

/// How a run ends, as the finish hook sees it.
struct RunEnd
{
    RunStatus status = RunStatus::Succeeded;
    int executed = 0;   ///< rows this run committed
    int failed = 0;     ///< of which failed
};

/// A job: plan the items (deterministic order), then execute them one by one. The engine
/// persists each item's outcome as soon as it finishes, reports progress, checks
/// cancellation between items and turns exceptions into errors. A job-level error from
/// plan() fails the run.
class Job
{
public:
    virtual ~Job() = default;
    virtual Result<QList<JobItem>> plan(const JobContext& context) = 0;
    virtual ItemResult execute(const JobContext& context, const JobItem& item) = 0;
    /// The finish hook: runs on the worker thread inside the transaction that writes the run's
    /// end (the run's row already says `end.status` there), once, and only when this executor
    /// ends the run after a successful plan. A job writes its snapshot row here, so the row and
    /// the end commit together. An error rolls both back; the run then ends failed with it.
    virtual Status finish(const JobContext& context, const RunEnd& end, QSqlDatabase& db)
    {
        Q_UNUSED(context) Q_UNUSED(end) Q_UNUSED(db)
        return {};
    }
};

class AsyncJob;

struct JobKind
{
    QString kind;                   ///< "backup", "restore", "test", …
    QString displayName;            ///< shown in the UI and in notifications (translated by the UI)
    bool writesToTenant = false;    ///< refused on read-only tenants
    std::function<std::unique_ptr<Job>()> create;          ///< a synchronous job, or
    std::function<std::unique_ptr<AsyncJob>()> createAsync = nullptr;  ///< an asynchronous one (AsyncJob.h)
};

} // namespace pv
