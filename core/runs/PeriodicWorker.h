// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>

class QThread;

namespace pv {

/// Calls `tick` on a thread of its own every `interval` until destroyed. For store checks
/// that must not run on the GUI thread (each tick may read SQLite on its own connection).
/// The destructor stops the thread and waits for a tick in progress.
class PeriodicWorker final
{
public:
    PeriodicWorker(std::chrono::milliseconds interval, std::function<void()> tick);
    ~PeriodicWorker();
    PeriodicWorker(const PeriodicWorker&) = delete;
    PeriodicWorker& operator=(const PeriodicWorker&) = delete;

    /// Runs the next tick now instead of at the end of the interval.
    void wake();

private:
    void loop();

    std::chrono::milliseconds m_interval;
    std::function<void()> m_tick;
    std::mutex m_mutex;
    std::condition_variable m_wakeUp;
    bool m_stop = false;
    bool m_woken = false;
    std::unique_ptr<QThread> m_thread;   // a QThread, so per-thread database connections are cleaned up
};

} // namespace pv
