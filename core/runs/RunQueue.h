// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

#include <QHash>
#include <QList>
#include <QThreadPool>
#include <QtGlobal>

class QRunnable;

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>

namespace pv {

/// The run queue: a private QThreadPool (never the global one) plus the cancel flag of every
/// run this process has queued or is running. Thread-safe; tasks run on pool threads.
class RunQueue final
{
public:
    using Task = std::function<void(const std::atomic_bool& cancelRequested)>;

    explicit RunQueue(int maxThreads);
    ~RunQueue();
    RunQueue(const RunQueue&) = delete;
    RunQueue& operator=(const RunQueue&) = delete;

    /// Called (on any thread) whenever the number of active runs changes.
    void setActiveCountChangedCallback(std::function<void(int)> callback);

    /// Queues the run's task. The run counts as active until the task returns.
    void enqueue(qint64 runId, Task task);

    /// Sets the run's cancel flag; false when this queue does not hold the run.
    bool requestCancel(qint64 runId);
    /// Removes a run whose task has not started yet (its row was cancelled while queued), so it
    /// stops counting as active at once. False when the task already started.
    bool dropIfNotStarted(qint64 runId);
    bool contains(qint64 runId) const;
    /// The runs this queue holds (queued or running here).
    QList<qint64> activeRunIds() const;
    int activeCount() const;

    /// Blocks the calling thread (without an event loop) until no run is active.
    bool waitForIdle(std::chrono::milliseconds timeout);

    /// Cancels every run and waits for the workers to finish; used on shutdown.
    void shutdown();

private:
    void finished(qint64 runId);

    QThreadPool m_pool;
    mutable std::mutex m_mutex;
    std::condition_variable m_idle;
    struct Entry
    {
        std::shared_ptr<std::atomic_bool> cancel;
        QRunnable* runnable = nullptr;
        bool started = false;
    };
    QHash<qint64, Entry> m_active;
    std::function<void(int)> m_countChanged;
};

} // namespace pv
