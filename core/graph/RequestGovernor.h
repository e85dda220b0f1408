// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

#include <QHash>
#include <QMutex>
#include <QObject>
#include <QSet>
#include <QString>

#include <chrono>
#include <deque>
#include <functional>
#include <memory>

namespace pv::graph {

/// Limits of one tenant's governor. Budgets are Intune's per app and tenant (GRAPH_NOTES §4.4
/// [D]): 1,000 requests and 100 writes per 20 s, counted in Graph operations — every `$batch`
/// sub-request is one operation, the `$batch` envelope none.
struct GovernorOptions
{
    int maxConcurrent = 8;                       ///< HTTP requests in flight for the tenant
    int operationBudget = 1000;                  ///< operations (reads and writes) per window
    int writeBudget = 100;                       ///< writes per window
    std::chrono::milliseconds window{20000};
    /// Time source; tests inject one. Default: std::chrono::steady_clock::now.
    std::function<std::chrono::steady_clock::time_point()> clock;
};

/// One per tenant, shared by every run of that tenant in this process (all threads): a
/// concurrency cap, Intune's budgets in a sliding window, and a tenant-wide pause whenever a
/// response says Retry-After. Thread-safe and non-blocking: a caller asks, and either gets a
/// permit or learns how long to wait (or, for the concurrency cap, to wait for
/// capacityAvailable(), which is emitted from the releasing thread and reaches other threads
/// queued).
///
/// Processes do not share a governor: several processes working on one tenant (a GUI and a
/// scheduled CLI backup) meet only through Graph's own 429 + Retry-After, which each of them
/// honours.
class RequestGovernor final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RequestGovernor)

public:
    using Clock = std::chrono::steady_clock;

    enum class Wait {
        None,         ///< granted
        Concurrency,  ///< retry on capacityAvailable()
        Budget,       ///< retry after `delay`
        Paused,       ///< retry after `delay` (a Retry-After is running)
    };
    struct Admission
    {
        Wait wait = Wait::None;
        std::chrono::milliseconds delay{0};
        quint64 permit = 0;   ///< non-zero when granted: hand it back to release()
        bool granted() const { return permit != 0; }
    };
    struct Stats
    {
        qint64 permits = 0;       ///< requests admitted
        qint64 operations = 0;    ///< Graph operations admitted
        qint64 writes = 0;
        int inFlight = 0;
        int maxInFlight = 0;
        int pauses = 0;           ///< pauseFor() calls that extended the pause
    };

    explicit RequestGovernor(GovernorOptions options = {}, QObject* parent = nullptr);
    ~RequestGovernor() override;

    const GovernorOptions& options() const { return m_options; }

    /// Admits a request of `operations` Graph operations of which `writes` are writes, or says
    /// why not and for how long.
    Admission tryAcquire(int operations, int writes = 0);
    /// Ends a permit: its operations stay in the window, dated now (later than the server saw
    /// them, so the window is never shorter than Graph's).
    void release(quint64 permit);
    /// Pauses every request of the tenant for `duration` from now (extends, never shortens).
    void pauseFor(std::chrono::milliseconds duration);
    /// Time left of the current pause (0 when none).
    std::chrono::milliseconds pauseRemaining() const;

    Stats stats() const;

signals:
    /// A permit was released while someone was refused for the concurrency cap.
    void capacityAvailable();

private:
    struct Entry
    {
        Clock::time_point at;
        int operations = 0;
        int writes = 0;
        quint64 permit = 0;
    };
    Clock::time_point now() const;
    void prune(Clock::time_point now);
    /// How long until `operations`/`writes` more fit into the window (0: now).
    std::chrono::milliseconds budgetWait(int operations, int writes, Clock::time_point now) const;

    const GovernorOptions m_options;
    mutable QMutex m_mutex;
    std::deque<Entry> m_window;
    QSet<quint64> m_inFlight;
    int m_operationsInWindow = 0;
    int m_writesInWindow = 0;
    Clock::time_point m_pausedUntil{};
    quint64 m_nextPermit = 1;
    bool m_concurrencyWaiters = false;
    Stats m_stats;
};

/// The governors of this process, one per tenant uuid. Owned by the composition root (no
/// singleton) and handed to jobs through their context.
class GovernorRegistry final
{
public:
    explicit GovernorRegistry(GovernorOptions options = {});
    ~GovernorRegistry();
    GovernorRegistry(const GovernorRegistry&) = delete;
    GovernorRegistry& operator=(const GovernorRegistry&) = delete;

    /// The tenant's governor, created on first use. Thread-safe.
    std::shared_ptr<RequestGovernor> forTenant(const QString& tenantUuid);

private:
    const GovernorOptions m_options;
    QMutex m_mutex;
    QHash<QString, std::shared_ptr<RequestGovernor>> m_governors;
};

} // namespace pv::graph
