// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "core/runs/PeriodicWorker.h"

#include <QThread>

namespace pv {

PeriodicWorker::PeriodicWorker(std::chrono::milliseconds interval, std::function<void()> tick)
    : m_interval(interval), m_tick(std::move(tick)), m_thread(QThread::create([this] { loop(); }))
{
    m_thread->start();
}

PeriodicWorker::~PeriodicWorker()
{
    {
        std::lock_guard lock(m_mutex);
        m_stop = true;
    }
    m_wakeUp.notify_all();
    m_thread->wait();
}

void PeriodicWorker::wake()
{
    {
        std::lock_guard lock(m_mutex);
        m_woken = true;
    }
    m_wakeUp.notify_all();
}

void PeriodicWorker::loop()
{
    std::unique_lock lock(m_mutex);
    for (;;) {
        m_wakeUp.wait_for(lock, m_interval, [this] { return m_stop || m_woken; });
        if (m_stop)
            return;
        m_woken = false;
        lock.unlock();
        m_tick();
        lock.lock();
    }
}

} // namespace pv
