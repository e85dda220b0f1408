// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "core/graph/RetryPolicy.h"

#include <algorithm>
#include <cmath>

namespace pv::graph {

using std::chrono::milliseconds;

bool RetryPolicy::isRetryableStatus(int status)
{
    return status == 429 || status == 502 || status == 503 || status == 504;
}

std::optional<milliseconds> RetryPolicy::parseRetryAfter(QByteArrayView value)
{
    const QByteArray text = value.toByteArray().trimmed();
    if (text.isEmpty())
        return std::nullopt;
    // Only digits with at most one '.', at least one digit before it: "10", "2.128", "0.5".
    qsizetype dots = 0;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const char c = text.at(i);
        if (c == '.') {
            if (++dots > 1 || i == 0 || i == text.size() - 1)
                return std::nullopt;
        } else if (c < '0' || c > '9') {
            return std::nullopt;
        }
    }
    bool ok = false;
    const double seconds = text.toDouble(&ok);
    if (!ok || !std::isfinite(seconds) || seconds < 0 || seconds > 86400.0 * 365)
        return std::nullopt;
    return milliseconds(static_cast<qint64>(std::ceil(seconds * 1000.0 - 1e-6)));
}

milliseconds RetryPolicy::backoff(int retry, double random01) const
{
    const qint64 base = std::max<qint64>(0, m_options.baseDelay.count());
    const qint64 cap = std::max<qint64>(base, m_options.maxDelay.count());
    const int doublings = std::clamp(retry - 1, 0, 40);
    const double raw = std::min(static_cast<double>(cap), static_cast<double>(base) * std::ldexp(1.0, doublings));
    const double random = std::clamp(random01, 0.0, 1.0);
    const double jittered = raw * (1.0 + std::max(0.0, m_options.jitter) * random);
    return milliseconds(static_cast<qint64>(std::llround(jittered)));
}

RetryDecision RetryPolicy::decide(const AttemptOutcome& outcome, int attempt, double random01) const
{
    RetryDecision decision;
    const bool retryable = outcome.transportFailure || isRetryableStatus(outcome.status);
    if (!retryable || attempt >= m_options.maxAttempts)
        return decision;
    if (outcome.retryAfter) {
        if (*outcome.retryAfter > m_options.maxRetryAfter)
            return decision;
        decision.retry = true;
        decision.delay = *outcome.retryAfter;
        decision.fromRetryAfter = true;
        return decision;
    }
    decision.retry = true;
    decision.delay = backoff(attempt, random01);
    return decision;
}

} // namespace pv::graph
