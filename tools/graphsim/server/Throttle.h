// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

#include <QHash>
#include <QString>
#include <QUrlQuery>

#include <deque>

namespace graphsim {

/// Graph services throttle on their own: Intune's limits never absorb directory (Entra ID)
/// calls and the reverse.
enum class ThrottleService { Intune, Directory };

struct ThrottleBudgets
{
    // Intune (GRAPH_NOTES §4.4 [D]): requests and writes per (tenant, app) and per tenant.
    int appRequests = 1000;
    int appWrites = 100;
    int tenantRequests = 2000;
    int tenantWrites = 200;
    qint64 windowMs = 20000;
    // Entra ID directory (throttling-limits.md, "Identity and access service limits" [D]):
    // resource units per (tenant, app); 3,500 per 10 s is the small-tenant (S) figure.
    int directoryUnits = 3500;
    qint64 directoryWindowMs = 10000;
};

/// Sliding windows per service. Intune: request and write counts per (tenant, app) and per
/// tenant. Directory: resource units (request costs) per (tenant, app). Only admitted requests
/// are recorded, so throttled ones do not count against the budget.
class Throttle
{
public:
    explicit Throttle(const ThrottleBudgets& budgets);

    /// Directory for every path outside deviceManagement/deviceAppManagement (groups, users,
    /// directoryObjects, …); `path` is the part after the version, e.g. "/groups".
    static ThrottleService serviceFor(const QString& path);
    /// The documented resource-unit cost of a directory request: the base cost of its path
    /// (1 unless listed) − 1 for $select, + 1 for $expand, − 1 for $top < 20; at least 1.
    static int directoryCost(const QByteArray& method, const QString& path, const QUrlQuery& query);

    struct Decision
    {
        bool throttled = false;
        qint64 waitMs = 0;      ///< until the windows admit this request (when throttled)
        bool earlyRetry = false;
    };
    /// Records the request (when admitted) and tells whether it came before the caller's
    /// last Retry-After from the same service had passed. `cost` counts for Directory only.
    Decision admit(ThrottleService service, const QString& tenantId, const QString& appId, bool isWrite, int cost,
                   qint64 nowMs);
    /// Remembers when the Retry-After just sent to (tenant, app) by `service` runs out.
    void noteRetryAfter(ThrottleService service, const QString& tenantId, const QString& appId, qint64 untilMs);
    /// Between these, Retry-Afters are noted only at endEnvelope(): the sub-requests of one
    /// `$batch` were all sent before the client could read any of their answers, so a sibling
    /// after a throttled one is not an early retry.
    void beginEnvelope();
    void endEnvelope();
    void reset();
    void setBudgets(const ThrottleBudgets& budgets) { m_budgets = budgets; }
    const ThrottleBudgets& budgets() const { return m_budgets; }

private:
    using Window = std::deque<qint64>;
    /// Admitted (time, units) with their running total.
    struct UnitWindow
    {
        std::deque<std::pair<qint64, int>> entries;
        qint64 total = 0;
    };
    /// ms until `window` admits one more entry under `limit` (0 = admits now).
    qint64 waitFor(Window& window, int limit, qint64 nowMs) const;
    /// ms until `window` admits `cost` more units under `limit` (0 = admits now).
    qint64 waitForUnits(UnitWindow& window, int limit, int cost, qint64 nowMs) const;
    Decision admitIntune(const QString& tenantId, const QString& appKey, bool isWrite, qint64 nowMs);
    Decision admitDirectory(const QString& appKey, int cost, qint64 nowMs);

    ThrottleBudgets m_budgets;
    QHash<QString, Window> m_appRequests;
    QHash<QString, Window> m_appWrites;
    QHash<QString, Window> m_tenantRequests;
    QHash<QString, Window> m_tenantWrites;
    QHash<QString, UnitWindow> m_directoryUnits;
    QHash<QString, qint64> m_retryAfterUntil;   ///< service|tenant|app → end of its last Retry-After
    QHash<QString, qint64> m_envelopeRetryAfter; ///< noted inside the current envelope
    bool m_inEnvelope = false;
};

} // namespace graphsim
