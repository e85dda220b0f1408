// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "core/graph/RequestGovernor.h"

#include <QMutexLocker>

#include <algorithm>

namespace pv::graph {

using std::chrono::duration_cast;
using std::chrono::milliseconds;

namespace {

milliseconds ceilMs(RequestGovernor::Clock::duration d)
{
    return std::chrono::ceil<milliseconds>(d);
}

} // namespace

RequestGovernor::RequestGovernor(GovernorOptions options, QObject* parent)
    : QObject(parent)
    , m_options(std::move(options))
{
}

RequestGovernor::~RequestGovernor() = default;

RequestGovernor::Clock::time_point RequestGovernor::now() const
{
    return m_options.clock ? m_options.clock() : Clock::now();
}

void RequestGovernor::prune(Clock::time_point now)
{
    // Entries are dated by release, so they are not in time order: scan them all. The window
    // holds at most a budget's worth of entries.
    const Clock::time_point horizon = now - m_options.window;
    for (auto it = m_window.begin(); it != m_window.end();) {
        if (!m_inFlight.contains(it->permit) && it->at <= horizon) {
            m_operationsInWindow -= it->operations;
            m_writesInWindow -= it->writes;
            it = m_window.erase(it);
        } else {
            ++it;
        }
    }
}

milliseconds RequestGovernor::budgetWait(int operations, int writes, Clock::time_point now) const
{
    // A request larger than a whole budget (a $batch of 20 under a test budget of 8) goes
    // alone into an empty window instead of waiting forever.
    operations = std::min(operations, std::max(1, m_options.operationBudget));
    writes = std::min(writes, std::max(1, m_options.writeBudget));
    const int operationExcess = m_operationsInWindow + operations - m_options.operationBudget;
    const int writeExcess = writes > 0 ? m_writesInWindow + writes - m_options.writeBudget : 0;
    if (operationExcess <= 0 && writeExcess <= 0)
        return milliseconds(0);
    // Oldest finished entries leave first; in-flight ones leave a window after they finish,
    // at the earliest a window from now.
    std::vector<Entry> byAge(m_window.cbegin(), m_window.cend());
    for (Entry& entry : byAge) {
        if (m_inFlight.contains(entry.permit))
            entry.at = now;
    }
    std::sort(byAge.begin(), byAge.end(), [](const Entry& a, const Entry& b) { return a.at < b.at; });
    int freedOperations = 0;
    int freedWrites = 0;
    for (const Entry& entry : byAge) {
        freedOperations += entry.operations;
        freedWrites += entry.writes;
        if (freedOperations >= operationExcess && freedWrites >= writeExcess)
            return std::max(milliseconds(1), ceilMs(entry.at + m_options.window - now));
    }
    return std::max(milliseconds(1), duration_cast<milliseconds>(m_options.window));
}

RequestGovernor::Admission RequestGovernor::tryAcquire(int operations, int writes)
{
    operations = std::max(1, operations);
    writes = std::clamp(writes, 0, operations);
    QMutexLocker locker(&m_mutex);
    const Clock::time_point current = now();
    Admission admission;
    if (current < m_pausedUntil) {
        admission.wait = Wait::Paused;
        admission.delay = std::max(milliseconds(1), ceilMs(m_pausedUntil - current));
        return admission;
    }
    if (static_cast<int>(m_inFlight.size()) >= std::max(1, m_options.maxConcurrent)) {
        m_concurrencyWaiters = true;
        admission.wait = Wait::Concurrency;
        return admission;
    }
    prune(current);
    const milliseconds wait = budgetWait(operations, writes, current);
    if (wait.count() > 0) {
        admission.wait = Wait::Budget;
        admission.delay = wait;
        return admission;
    }
    admission.permit = m_nextPermit++;
    m_inFlight.insert(admission.permit);
    m_window.push_back(Entry{current, operations, writes, admission.permit});
    m_operationsInWindow += operations;
    m_writesInWindow += writes;
    ++m_stats.permits;
    m_stats.operations += operations;
    m_stats.writes += writes;
    m_stats.maxInFlight = std::max(m_stats.maxInFlight, static_cast<int>(m_inFlight.size()));
    return admission;
}

void RequestGovernor::release(quint64 permit)
{
    bool notify = false;
    {
        QMutexLocker locker(&m_mutex);
        if (!m_inFlight.remove(permit))
            return;
        const Clock::time_point current = now();
        for (Entry& entry : m_window) {
            if (entry.permit == permit) {
                entry.at = current;
                break;
            }
        }
        notify = m_concurrencyWaiters;
        m_concurrencyWaiters = false;
    }
    if (notify)
        emit capacityAvailable();
}

void RequestGovernor::pauseFor(milliseconds duration)
{
    QMutexLocker locker(&m_mutex);
    const Clock::time_point until = now() + duration;
    if (until > m_pausedUntil) {
        m_pausedUntil = until;
        ++m_stats.pauses;
    }
}

milliseconds RequestGovernor::pauseRemaining() const
{
    QMutexLocker locker(&m_mutex);
    const Clock::time_point current = now();
    return current < m_pausedUntil ? ceilMs(m_pausedUntil - current) : milliseconds(0);
}

RequestGovernor::Stats RequestGovernor::stats() const
{
    QMutexLocker locker(&m_mutex);
    Stats stats = m_stats;
    stats.inFlight = static_cast<int>(m_inFlight.size());
    return stats;
}

GovernorRegistry::GovernorRegistry(GovernorOptions options)
    : m_options(std::move(options))
{
}

GovernorRegistry::~GovernorRegistry() = default;

std::shared_ptr<RequestGovernor> GovernorRegistry::forTenant(const QString& tenantUuid)
{
    QMutexLocker locker(&m_mutex);
    std::shared_ptr<RequestGovernor>& governor = m_governors[tenantUuid];
    if (!governor)
        governor = std::make_shared<RequestGovernor>(m_options);
    return governor;
}

} // namespace pv::graph
