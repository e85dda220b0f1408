// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

#include "tools/graphsim/model/SimTypes.h"
#include "tools/graphsim/server/BatchHandler.h"
#include "tools/graphsim/server/DelegatedAuth.h"
#include "tools/graphsim/server/FaultInjector.h"
#include "tools/graphsim/server/ServerTypes.h"
#include "tools/graphsim/server/SimEndpoints.h"
#include "tools/graphsim/server/SimOptions.h"
#include "tools/graphsim/server/SimStats.h"
#include "tools/graphsim/server/Throttle.h"
#include "tools/graphsim/server/TokenService.h"

#include <functional>

namespace graphsim {

class SimWorld;
struct TlsMaterial;

/// The one place every request goes through, plain or inside $batch: routing between
/// Entra ID, Graph and /_sim; bearer validation; throttling; fault decisions; the world; and
/// the response headers every reply carries.
class Dispatcher
{
public:
    Dispatcher(const SimOptions& options, SimWorld& world, SimClock& clock, const TlsMaterial& tls);
    Dispatcher(const Dispatcher&) = delete;
    Dispatcher& operator=(const Dispatcher&) = delete;

    /// Synchronous; the transport applies delayMs and reply.fault on the wire.
    HttpReply dispatch(const HttpRequest& request);

    struct GraphContext
    {
        Caller caller;
        bool inBatch = false;
    };
    /// Throttle, fault and hand one Graph request to the world. Used for plain requests
    /// and for each $batch sub-request. The reply has no request-id headers yet.
    HttpReply processGraph(SimRequest request, const GraphContext& context);

    /// Adds request-id/client-request-id/Date/diagnostic headers and fills innerError.
    void finalize(HttpReply& reply, bool https, const QString& requestId, const QString& clientRequestId);
    static void fillInnerError(HttpReply& reply, const QString& date, const QString& requestId,
                               const QString& clientRequestId);

    SimWorld& world() { return m_world; }
    SimClock& clock() { return m_clock; }
    SimStats& stats() { return m_stats; }
    Throttle& throttle() { return m_throttle; }
    FaultInjector& faults() { return m_faults; }
    TokenService& tokens() { return m_tokens; }
    DelegatedAuth& delegated() { return m_delegated; }
    SimOptions& options() { return m_options; }
    const TlsMaterial& tls() const { return m_tls; }
    /// Called after every request has been handled (persistence and the idle timer use it).
    void setObserver(std::function<void(const HttpRequest&)> observer) { m_observer = std::move(observer); }
    /// Clears throttling, fault attempt counters, stats and the writes log.
    void resetState();
    static ThrottleBudgets throttleBudgets(const SimOptions& options);

private:
    HttpReply throttledReply(const Caller& caller, ThrottleService service, qint64 waitMs);
    HttpReply dispatchGraph(const HttpRequest& request, const QString& version, const QStringList& segments,
                            const QString& requestId, const QString& clientRequestId);
    QByteArray httpDate();

    SimOptions m_options;
    SimWorld& m_world;
    SimClock& m_clock;
    const TlsMaterial& m_tls;
    SimStats m_stats;
    Throttle m_throttle;
    FaultInjector m_faults;
    TokenService m_tokens;
    DelegatedAuth m_delegated;
    BatchHandler m_batch;
    SimEndpoints m_endpoints;
    quint64 m_requestCounter = 0;
    qint64 m_dateSecond = -1;
    QByteArray m_dateText;
    QByteArray m_diagnostic;
    std::function<void(const HttpRequest&)> m_observer;
};

} // namespace graphsim
