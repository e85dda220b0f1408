// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

#include <QByteArray>
#include <QByteArrayView>

#include <chrono>
#include <optional>

namespace pv::graph {

/// Knobs of the read retry policy. Defaults follow GRAPH_NOTES §4.4/§4.5: Intune 429s without
/// Retry-After want waits of seconds (IntuneCD settled on 10 s doubling to 60 s).
struct RetryOptions
{
    int maxAttempts = 8;                                   ///< first try included
    std::chrono::milliseconds baseDelay{2000};             ///< first backoff without Retry-After
    std::chrono::milliseconds maxDelay{60000};             ///< cap of the exponential backoff
    double jitter = 0.25;                                  ///< backoff grows by up to this fraction, never shrinks
    std::chrono::milliseconds maxRetryAfter{std::chrono::minutes(5)}; ///< longer waits are not worth it: fail
};

/// What came back from one attempt, as far as retrying cares. Bodies are not looked at:
/// retries are decided by status code and transport outcome only.
struct AttemptOutcome
{
    int status = 0;                 ///< HTTP status; 0 when no complete response arrived
    bool transportFailure = false;  ///< connection refused/reset/dropped, timeout, truncated or unparsable body
    std::optional<std::chrono::milliseconds> retryAfter; ///< parsed Retry-After, if the response had one
};

struct RetryDecision
{
    bool retry = false;
    std::chrono::milliseconds delay{0};
    bool fromRetryAfter = false;    ///< the delay is the server's: pause the whole tenant for it
};

/// Pure retry policy for reads (writes are never retried blindly): 429, 502, 503, 504 and
/// transport failures are retried, honouring Retry-After, else with capped exponential backoff
/// plus jitter. Everything else is final.
class RetryPolicy
{
public:
    explicit RetryPolicy(RetryOptions options = {}) : m_options(options) {}

    const RetryOptions& options() const { return m_options; }

    /// `attempt` is 1 for the first try. `random01` in [0, 1) draws the jitter (injected, so the
    /// policy stays pure and testable).
    RetryDecision decide(const AttemptOutcome& outcome, int attempt, double random01) const;

    /// Backoff before retry number `retry` (1 = after the first failure): base * 2^(retry-1),
    /// capped at maxDelay, then grown by jitter * random01. Never below base (or the cap).
    std::chrono::milliseconds backoff(int retry, double random01) const;

    /// 429, 502, 503, 504.
    static bool isRetryableStatus(int status);

    /// Retry-After as seconds: an integer ("10") or a decimal fraction ("2.128"); rounded up to
    /// whole milliseconds. Dates, negative numbers and garbage give nullopt.
    static std::optional<std::chrono::milliseconds> parseRetryAfter(QByteArrayView value);

private:
    RetryOptions m_options;
};

} // namespace pv::graph
