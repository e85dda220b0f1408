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

namespace pv {

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
};

/// What a job sees while it runs on a worker thread.
struct JobContext
{
    qint64 runId = 0;
    qint64 tenantId = 0;
    QJsonObject parameters;
    const std::atomic_bool* cancelRequested = nullptr;
    bool isCancelled() const { return cancelRequested && cancelRequested->load(); }
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
};

struct JobKind
{
    QString kind;                   ///< "backup", "restore", "test", …
    QString displayName;            ///< shown in the UI and in notifications (translated by the UI)
    bool writesToTenant = false;    ///< refused on read-only tenants
    std::function<std::unique_ptr<Job>()> create;
};

} // namespace pv
