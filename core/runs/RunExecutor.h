// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

#include "core/common/Result.h"
#include "core/common/TenantScope.h"
#include "core/runs/Job.h"
#include "core/runs/RunTypes.h"

#include <QJsonObject>
#include <QString>

#include <atomic>
#include <functional>
#include <memory>

namespace pv {

class Database;

/// Executes one queued run on the calling (worker) thread: claims it (queued → running),
/// plans, skips what the resumed chain already finished, runs the items in plan order and
/// writes each item's row with the progress in its own short transaction, then the final
/// status and its notification. Exceptions from the job stop at this boundary: one thrown by an
/// item becomes that item's failed row (the run goes on with the next item).
class RunExecutor final
{
public:
    struct Work
    {
        std::shared_ptr<Database> database;
        TenantScope scope;
        qint64 runId = 0;
        qint64 parentRunId = 0;     ///< resume: only items not finished in this chain run
        QJsonObject parameters;
        QString kindDisplayName;
        bool writesTenant = false;  ///< refused when the tenant became read-only since the start
        std::function<std::unique_ptr<Job>()> createJob;
    };

    struct Callbacks
    {
        std::function<void()> changed;  ///< status or progress changed (called often; keep it cheap)
        std::function<void(RunStatus status, qint64 notificationId)> finished;
        std::function<void(const RunItemRecord& item)> itemCommitted;
    };

    RunExecutor(Work work, Callbacks callbacks);

    void run(const std::atomic_bool& cancelRequested);

private:
    Result<bool> claim(bool* tenantReadOnly);
    ItemResult executeItem(Job& job, const JobContext& context, const JobItem& item);
    void end(RunStatus status, const QString& errorSummary);
    Status writeEnd(RunStatus status, const QString& errorSummary, bool* ended, qint64* notificationId);

    Work m_work;
    Callbacks m_callbacks;
};

} // namespace pv
