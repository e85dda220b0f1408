// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

#include "core/common/TenantScope.h"
#include "core/runs/RunTypes.h"

#include <QList>
#include <QObject>
#include <QPointer>
#include <QThreadPool>

#include <functional>
#include <memory>
#include <optional>

namespace pv {
class RunService;
}

namespace pv::ui {

/// The screens' one way to read the store: every read runs on a private worker thread and
/// its result comes back on the thread that owns the reader, so the GUI thread runs no SQL
/// (a run with 10,000 items made the GUI stall for most of a second when the detail page
/// re-read its items on the GUI thread; the runs list cost 83 ms per reload).
///
/// Reads are ordered (one worker) and coalesced: while a read waits, a second request for the
/// same run, or with the same key, is folded into it, so a burst of change events costs one
/// read. Only value types cross the thread boundary.
class RunReader final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RunReader)

public:
    explicit RunReader(const RunService& runService, QObject* parent = nullptr);
    ~RunReader() override;

    /// Reads the run record; emits runRead or readFailed.
    void readRun(const TenantScope& scope, qint64 runId);
    /// Reads the items whose ordinal is above `afterOrdinal`; emits itemsRead or readFailed.
    void readItems(const TenantScope& scope, qint64 runId, int afterOrdinal);

    /// Runs `read` on the reader's thread, then `done(result)` on this object's thread unless
    /// `receiver` is gone by then. While a request with the same non-empty `key` still waits,
    /// a new one replaces it (the newest read wins; its `done` is the one called).
    template<typename R>
    void submit(const QString& key, QObject* receiver, std::function<R()> read, std::function<void(R)> done)
    {
        QPointer<QObject> guard(receiver);
        enqueueTask(key, [read = std::move(read), done = std::move(done), guard]() -> std::function<void()> {
            auto result = std::make_shared<R>(read());
            return [done, guard, result] {
                if (guard)
                    done(std::move(*result));
            };
        });
    }

    /// True while a read is queued or running (tests wait on it).
    bool isBusy() const { return m_inFlight || !m_pending.isEmpty(); }

signals:
    void runRead(const pv::RunRecord& run);
    void itemsRead(qint64 runId, const QList<pv::RunItemRecord>& items);
    void readFailed(qint64 runId, const QString& message);

private:
    struct RunRequest
    {
        std::optional<TenantScope> scope;   // always set; optional because a scope has no default
        qint64 runId = 0;
        bool run = false;
        bool items = false;
        int afterOrdinal = -1;
    };
    /// Work for the reader's thread; returns what to do with its result on the owner's thread.
    using Task = std::function<std::function<void()>()>;
    struct Pending
    {
        QString key;
        std::optional<RunRequest> runRequest;   // readRun/readItems, merged while waiting
        Task task;                              // submit()
    };

    void enqueueRun(const TenantScope& scope, qint64 runId, bool run, bool items, int afterOrdinal);
    void enqueueTask(const QString& key, Task task);
    Task runTask(const RunRequest& request);
    void startNext();

    const RunService& m_runService;
    QThreadPool m_pool;
    QList<Pending> m_pending;
    bool m_inFlight = false;
};

} // namespace pv::ui
