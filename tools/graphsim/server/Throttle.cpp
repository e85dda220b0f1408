// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "tools/graphsim/server/Throttle.h"

#include <algorithm>

namespace graphsim {

Throttle::Throttle(const ThrottleBudgets& budgets)
    : m_budgets(budgets)
{
}

qint64 Throttle::waitFor(Window& window, int limit, qint64 nowMs) const
{
    while (!window.empty() && window.front() + m_budgets.windowMs <= nowMs)
        window.pop_front();
    const auto size = static_cast<qint64>(window.size());
    if (size < limit)
        return 0;
    if (limit <= 0)
        return m_budgets.windowMs;
    // Admitting one more needs (size - limit + 1) entries to leave the window; the last of
    // them is at index size - limit.
    return window[static_cast<size_t>(size - limit)] + m_budgets.windowMs - nowMs;
}

Throttle::Decision Throttle::admit(const QString& tenantId, const QString& appId, bool isWrite, qint64 nowMs)
{
    Decision decision;
    const QString appKey = tenantId + QLatin1Char('|') + appId;
    const auto retry = m_retryAfterUntil.constFind(appKey);
    if (retry != m_retryAfterUntil.constEnd() && nowMs < retry.value())
        decision.earlyRetry = true;

    Window& appRequests = m_appRequests[appKey];
    Window& tenantRequests = m_tenantRequests[tenantId];
    qint64 wait = std::max(waitFor(appRequests, m_budgets.appRequests, nowMs),
                           waitFor(tenantRequests, m_budgets.tenantRequests, nowMs));
    Window* appWrites = nullptr;
    Window* tenantWrites = nullptr;
    if (isWrite) {
        appWrites = &m_appWrites[appKey];
        tenantWrites = &m_tenantWrites[tenantId];
        wait = std::max({wait, waitFor(*appWrites, m_budgets.appWrites, nowMs),
                         waitFor(*tenantWrites, m_budgets.tenantWrites, nowMs)});
    }
    if (wait > 0) {
        decision.throttled = true;
        decision.waitMs = wait;
        return decision;
    }
    appRequests.push_back(nowMs);
    tenantRequests.push_back(nowMs);
    if (isWrite) {
        appWrites->push_back(nowMs);
        tenantWrites->push_back(nowMs);
    }
    return decision;
}

void Throttle::noteRetryAfter(const QString& tenantId, const QString& appId, qint64 untilMs)
{
    qint64& until = m_retryAfterUntil[tenantId + QLatin1Char('|') + appId];
    until = std::max(until, untilMs);
}

void Throttle::reset()
{
    m_appRequests.clear();
    m_appWrites.clear();
    m_tenantRequests.clear();
    m_tenantWrites.clear();
    m_retryAfterUntil.clear();
}

} // namespace graphsim
