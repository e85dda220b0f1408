// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "core/runs/RunQueue.h"

#include <QRunnable>

namespace pv {

RunQueue::RunQueue(int maxThreads)
{
    m_pool.setMaxThreadCount(qMax(1, maxThreads));
    // Each worker thread opens its own database connection; keeping the few threads alive
    // for the queue's lifetime keeps those connections warm instead of reopening them.
    m_pool.setExpiryTimeout(-1);
    m_pool.setObjectName(QStringLiteral("pv-run-queue"));
}

RunQueue::~RunQueue()
{
    shutdown();
}

void RunQueue::setActiveCountChangedCallback(std::function<void(int)> callback)
{
    std::lock_guard lock(m_mutex);
    m_countChanged = std::move(callback);
}

void RunQueue::enqueue(qint64 runId, Task task)
{
    auto flag = std::make_shared<std::atomic_bool>(false);
    QRunnable* runnable = QRunnable::create([this, runId, flag, task = std::move(task)] {
        {
            std::lock_guard lock(m_mutex);
            if (const auto it = m_active.find(runId); it != m_active.end())
                it->started = true;
        }
        task(*flag);
        finished(runId);
    });
    std::function<void(int)> callback;
    int count = 0;
    {
        std::lock_guard lock(m_mutex);
        m_active.insert(runId, Entry{flag, runnable, false});
        count = int(m_active.size());
        callback = m_countChanged;
    }
    if (callback)
        callback(count);
    m_pool.start(runnable);
}

bool RunQueue::dropIfNotStarted(qint64 runId)
{
    std::function<void(int)> callback;
    int count = 0;
    {
        std::lock_guard lock(m_mutex);
        const auto it = m_active.find(runId);
        if (it == m_active.end() || it->started)
            return false;
        // tryTake fails when a pool thread has just dequeued the task; it then runs, finds
        // its row no longer queued and ends by itself.
        if (!m_pool.tryTake(it->runnable))
            return false;
        delete it->runnable;
        m_active.erase(it);
        count = int(m_active.size());
        callback = m_countChanged;
    }
    m_idle.notify_all();
    if (callback)
        callback(count);
    return true;
}

void RunQueue::finished(qint64 runId)
{
    std::function<void(int)> callback;
    int count = 0;
    {
        std::lock_guard lock(m_mutex);
        m_active.remove(runId);
        count = int(m_active.size());
        callback = m_countChanged;
    }
    m_idle.notify_all();
    if (callback)
        callback(count);
}

bool RunQueue::requestCancel(qint64 runId)
{
    std::lock_guard lock(m_mutex);
    const auto it = m_active.constFind(runId);
    if (it == m_active.constEnd())
        return false;
    it->cancel->store(true);
    return true;
}

bool RunQueue::contains(qint64 runId) const
{
    std::lock_guard lock(m_mutex);
    return m_active.contains(runId);
}

QList<qint64> RunQueue::activeRunIds() const
{
    std::lock_guard lock(m_mutex);
    return m_active.keys();
}

int RunQueue::activeCount() const
{
    std::lock_guard lock(m_mutex);
    return int(m_active.size());
}

bool RunQueue::waitForIdle(std::chrono::milliseconds timeout)
{
    std::unique_lock lock(m_mutex);
    return m_idle.wait_for(lock, timeout, [this] { return m_active.isEmpty(); });
}

void RunQueue::shutdown()
{
    {
        std::lock_guard lock(m_mutex);
        for (const Entry& entry : std::as_const(m_active))
            entry.cancel->store(true);
        m_countChanged = nullptr;
    }
    m_pool.waitForDone();
}

} // namespace pv
