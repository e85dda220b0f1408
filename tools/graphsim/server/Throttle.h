// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

#include <QHash>
#include <QString>

#include <deque>

namespace graphsim {

struct ThrottleBudgets
{
    int appRequests = 1000;
    int appWrites = 100;
    int tenantRequests = 2000;
    int tenantWrites = 200;
    qint64 windowMs = 20000;
};

/// Intune's sliding windows: requests and writes per (tenant, app) and per tenant. Only
/// admitted requests are recorded, so throttled ones do not count against the budget.
class Throttle
{
public:
    explicit Throttle(const ThrottleBudgets& budgets);

    struct Decision
    {
        bool throttled = false;
        qint64 waitMs = 0;      ///< until the windows admit this request (when throttled)
        bool earlyRetry = false;
    };
    /// Records the request (when admitted) and tells whether it came before the caller's
    /// last Retry-After had passed.
    Decision admit(const QString& tenantId, const QString& appId, bool isWrite, qint64 nowMs);
    /// Remembers when the Retry-After just sent to (tenant, app) runs out.
    void noteRetryAfter(const QString& tenantId, const QString& appId, qint64 untilMs);
    void reset();
    void setBudgets(const ThrottleBudgets& budgets) { m_budgets = budgets; }
    const ThrottleBudgets& budgets() const { return m_budgets; }

private:
    using Window = std::deque<qint64>;
    /// ms until `window` admits one more entry under `limit` (0 = admits now).
    qint64 waitFor(Window& window, int limit, qint64 nowMs) const;

    ThrottleBudgets m_budgets;
    QHash<QString, Window> m_appRequests;
    QHash<QString, Window> m_appWrites;
    QHash<QString, Window> m_tenantRequests;
    QHash<QString, Window> m_tenantWrites;
    QHash<QString, qint64> m_retryAfterUntil;
};

} // namespace graphsim
