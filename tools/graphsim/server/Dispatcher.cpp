// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "tools/graphsim/server/Dispatcher.h"

#include "tools/graphsim/model/SimWorld.h"
#include "tools/graphsim/server/TlsMaterial.h"

#include <QCryptographicHash>
#include <QJsonDocument>
#include <QLocale>
#include <QRandomGenerator>
#include <QUuid>

#include <cmath>

namespace graphsim {

namespace {

FaultRates ratesFrom(const SimOptions& options)
{
    FaultRates rates;
    rates.status503 = options.fault503;
    rates.status504 = options.fault504;
    rates.drop = options.faultDrop;
    rates.truncate = options.faultTruncate;
    rates.html = options.faultHtml;
    rates.intuneJson = options.faultIntuneJson;
    rates.slow = options.faultSlow;
    rates.families = options.faultFamilies;
    rates.maxConsecutive = options.faultMaxConsecutive;
    rates.slowMs = options.slowMs;
    return rates;
}

QString newGuid()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

/// request-ids need to be unique, not unpredictable: a per-thread PRNG seeded once from the
/// system saves a getrandom() call per request.
QString newRequestId()
{
    thread_local QRandomGenerator64 generator(QRandomGenerator::system()->generate());
    quint64 words[2] = {generator.generate(), generator.generate()};
    QByteArray bytes(reinterpret_cast<const char*>(words), sizeof words);
    bytes[6] = static_cast<char>((bytes[6] & 0x0f) | 0x40); // version 4
    bytes[8] = static_cast<char>((bytes[8] & 0x3f) | 0x80); // RFC 4122 variant
    return QUuid::fromRfc4122(bytes).toString(QUuid::WithoutBraces);
}

HttpReply fromSim(const SimResponse& response)
{
    HttpReply reply;
    reply.status = response.status;
    reply.headers = response.headers;
    reply.body = response.body;
    reply.contentType = response.contentType;
    // Graph's OData payloads say their protocol version; its plain-JSON error bodies do not.
    if (!response.body.isEmpty() && response.contentType.contains("odata.metadata="))
        reply.setHeader("OData-Version", "4.0");
    return reply;
}

bool isStatusFault(FaultKind kind)
{
    return kind == FaultKind::Status503 || kind == FaultKind::Status504 || kind == FaultKind::Html
        || kind == FaultKind::IntuneJson;
}

QString faultKindName(FaultKind kind)
{
    switch (kind) {
    case FaultKind::Status503:
        return QStringLiteral("503");
    case FaultKind::Status504:
        return QStringLiteral("504");
    case FaultKind::Html:
        return QStringLiteral("html");
    case FaultKind::IntuneJson:
        return QStringLiteral("intuneJson");
    case FaultKind::Drop:
        return QStringLiteral("drop");
    case FaultKind::TruncateShort:
    case FaultKind::TruncateMatching:
        return QStringLiteral("truncate");
    case FaultKind::Slow:
        return QStringLiteral("slow");
    case FaultKind::None:
        break;
    }
    return {};
}

/// The write was applied; now the client is told otherwise (or nothing at all).
void applyWriteFault(HttpReply& reply, const WriteFaultPlan& plan, QString* faultName)
{
    *faultName = WriteFaultPlan::modeName(plan.mode);
    switch (plan.mode) {
    case WriteFaultPlan::Mode::Status504AfterApply: {
        FaultInjector::Decision decision;
        decision.kind = FaultKind::Status504;
        const HttpReply gateway = FaultInjector::statusReply(decision);
        reply.status = gateway.status;
        reply.body = gateway.body;
        reply.contentType = gateway.contentType;
        reply.headers.clear();
        reply.fault = TransportFault::None;
        break;
    }
    case WriteFaultPlan::Mode::TruncateAfterApply:
        // A body to cut; a 204 has none, so its response is lost instead.
        reply.fault = reply.body.size() >= 2 ? TransportFault::TruncateShort : TransportFault::DropInHead;
        reply.faultPoint = 0.5;
        break;
    case WriteFaultPlan::Mode::DropAfterApply:
        // Headers and part of the body, then a reset: Qt clients report RemoteHostClosedError
        // and do not resend. A 204 has no body; it is cut in the status line (see README).
        reply.fault = reply.body.size() >= 2 ? TransportFault::Drop : TransportFault::DropInHead;
        reply.faultPoint = 0.5;
        break;
    case WriteFaultPlan::Mode::None:
        break;
    }
}

} // namespace

Dispatcher::Dispatcher(const SimOptions& options, SimWorld& world, SimClock& clock, const TlsMaterial& tls)
    : m_options(options)
    , m_world(world)
    , m_clock(clock)
    , m_tls(tls)
    , m_throttle(throttleBudgets(options))
    , m_faults(options.seed, ratesFrom(options))
    , m_tokens(world, clock, tls, options.tokenLifetimeS)
    , m_delegated(world, clock, m_tokens, m_options)
    , m_batch(options.seed)
    , m_diagnostic(QByteArrayLiteral(R"({"ServerInfo":{"DataCenter":"Loopback","Slice":"E","Ring":"0",)"
                                     R"("ScaleUnit":"000","RoleInstance":"GRAPHSIM"}})"))
{
    m_tokens.setDelegated(&m_delegated);
}

ThrottleBudgets Dispatcher::throttleBudgets(const SimOptions& options)
{
    return ThrottleBudgets{options.appRequests,  options.appWrites,      options.tenantRequests,
                           options.tenantWrites, options.windowMs,       options.directoryUnits,
                           options.directoryWindowMs};
}

void Dispatcher::resetState()
{
    m_throttle.reset();
    m_faults.reset();
    m_stats.reset();
    m_delegated.reset();
}

QByteArray Dispatcher::httpDate()
{
    const QDateTime now = m_clock.now();
    const qint64 second = now.toSecsSinceEpoch();
    if (second != m_dateSecond) {
        m_dateSecond = second;
        m_dateText = QLocale::c().toString(now, QStringLiteral("ddd, dd MMM yyyy HH:mm:ss 'GMT'")).toLatin1();
    }
    return m_dateText;
}

void Dispatcher::fillInnerError(HttpReply& reply, const QString& date, const QString& requestId,
                                const QString& clientRequestId)
{
    if (reply.status < 400 || !reply.contentType.startsWith("application/json") || !reply.body.startsWith("{\"error\""))
        return;
    QJsonObject root = QJsonDocument::fromJson(reply.body).object();
    QJsonObject error = root.value(QStringLiteral("error")).toObject();
    if (error.isEmpty())
        return;
    QJsonObject inner = error.value(QStringLiteral("innerError")).toObject();
    inner.insert(QStringLiteral("date"), date);
    inner.insert(QStringLiteral("request-id"), requestId);
    inner.insert(QStringLiteral("client-request-id"), clientRequestId);
    error.insert(QStringLiteral("innerError"), inner);
    root.insert(QStringLiteral("error"), error);
    reply.body = QJsonDocument(root).toJson(QJsonDocument::Compact);
}

void Dispatcher::finalize(HttpReply& reply, bool https, const QString& requestId, const QString& clientRequestId)
{
    fillInnerError(reply, m_clock.now().toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss")), requestId, clientRequestId);
    reply.setHeader("request-id", requestId.toLatin1());
    reply.setHeader("client-request-id", clientRequestId.toLatin1());
    reply.setHeader("x-ms-ags-diagnostic", m_diagnostic);
    reply.setHeader("Date", httpDate());
    if (https)
        reply.setHeader("Strict-Transport-Security", "max-age=31536000");
}

HttpReply Dispatcher::dispatch(const HttpRequest& request)
{
    ++m_requestCounter;
    const QString requestId = newRequestId();
    QString clientRequestId = QString::fromLatin1(request.headers.value("client-request-id"));
    if (clientRequestId.isEmpty())
        clientRequestId = QString::fromLatin1(request.headers.value("x-ms-client-request-id"));
    if (clientRequestId.isEmpty())
        clientRequestId = requestId;

    const QStringList segments = request.path.split(QLatin1Char('/'), Qt::SkipEmptyParts);
    const QString first = segments.isEmpty() ? QString() : segments.constFirst().toLower();
    HttpReply reply;
    bool simulated = true; // latency applies to everything but /_sim
    if (first == QLatin1String("_sim")) {
        reply = m_endpoints.handle(request, segments.mid(1), *this);
        simulated = false;
    } else if (first == QLatin1String("beta") || first == QLatin1String("v1.0")) {
        reply = dispatchGraph(request, first, segments, requestId, clientRequestId);
    } else if (segments.size() == 4 && segments[1] == QLatin1String("oauth2") && segments[2] == QLatin1String("v2.0")
               && segments[3] == QLatin1String("token")) {
        reply = m_tokens.token(segments[0], request);
        m_stats.recordTokenRequest(reply.status);
    } else if (segments.size() == 4 && segments[1] == QLatin1String("oauth2") && segments[2] == QLatin1String("v2.0")
               && segments[3] == QLatin1String("devicecode")) {
        reply = m_delegated.deviceCode(segments[0], request);
    } else if (segments.size() == 4 && segments[1] == QLatin1String("oauth2") && segments[2] == QLatin1String("v2.0")
               && segments[3] == QLatin1String("authorize")) {
        reply = m_delegated.authorize(segments[0], request);
    } else if (segments.size() == 4 && segments[1] == QLatin1String("v2.0")
               && segments[2] == QLatin1String(".well-known")
               && segments[3] == QLatin1String("openid-configuration")) {
        reply = m_tokens.openIdConfiguration(segments[0], request);
    } else if (segments.size() == 4 && segments[1] == QLatin1String("discovery") && segments[2] == QLatin1String("v2.0")
               && segments[3] == QLatin1String("keys")) {
        reply = m_tokens.keys();
    } else if (segments.size() == 3 && segments[1] == QLatin1String("discovery")
               && segments[2] == QLatin1String("instance")) {
        reply = m_tokens.instanceDiscovery(request);
    } else {
        // Graph answers a path without a version segment with ResourceNotFound.
        reply = fromSim(graphError(404, QStringLiteral("ResourceNotFound"),
                                   QStringLiteral("Invalid version: %1").arg(first)));
    }
    finalize(reply, request.https, requestId, clientRequestId);
    if (simulated && (m_options.latencyMs > 0 || m_options.jitterMs > 0)) {
        const double draw = FaultInjector::uniform(QByteArray::number(m_options.seed) + "|jitter|"
                                                   + QByteArray::number(m_requestCounter));
        reply.delayMs = m_options.latencyMs + static_cast<int>(draw * m_options.jitterMs);
    }
    if (m_observer)
        m_observer(request);
    return reply;
}

HttpReply Dispatcher::dispatchGraph(const HttpRequest& request, const QString& version, const QStringList& segments,
                                    const QString& requestId, const QString& clientRequestId)
{
    Q_UNUSED(requestId)
    Q_UNUSED(clientRequestId)
    SimRequest simRequest;
    simRequest.method = request.method;
    simRequest.apiVersion = version;
    simRequest.path = QLatin1Char('/') + segments.mid(1).join(QLatin1Char('/'));
    simRequest.query = request.query;
    simRequest.headers = request.headers;
    simRequest.body = request.body;
    simRequest.origin = request.origin;
    const bool isWrite = request.method != "GET" && request.method != "HEAD";

    const TokenService::BearerResult auth = m_tokens.validateBearer(request.headers.value("authorization"));
    if (!auth.ok) {
        HttpReply reply = fromSim(graphError(401, QStringLiteral("InvalidAuthenticationToken"), auth.message));
        reply.setHeader("WWW-Authenticate",
                        R"(Bearer realm="", authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize", client_id="00000003-0000-0000-c000-000000000000")");
        SimStats::Event event;
        event.family = m_world.routeFamily(simRequest);
        event.status = 401;
        m_stats.record(event);
        if (isWrite) {
            m_stats.recordWrite(WriteRecord{
                {}, {}, QString::fromLatin1(request.method), QLatin1Char('/') + segments.join(QLatin1Char('/')),
                m_clock.now(), QCryptographicHash::hash(request.body, QCryptographicHash::Sha256).toHex(), 401,
                QStringLiteral("unauthorized"), false, false, {}, {}, {}});
        }
        return reply;
    }
    if (segments.size() == 2 && segments[1].compare(QLatin1String("$batch"), Qt::CaseInsensitive) == 0) {
        if (request.method != "POST") {
            return fromSim(graphError(405, QStringLiteral("Request_BadRequest"),
                                      QStringLiteral("Only POST is supported on $batch.")));
        }
        m_stats.recordBatch();
        return m_batch.handle(request, version, auth.caller, *this);
    }
    return processGraph(simRequest, GraphContext{auth.caller, false});
}

HttpReply Dispatcher::throttledReply(const Caller& caller, ThrottleService service, qint64 waitMs)
{
    HttpReply reply;
    const bool intune = service == ThrottleService::Intune;
    if (intune && m_options.intuneThrottleBody) {
        const QString message =
            QStringLiteral("{\r\n  \"_version\": 3,\r\n  \"Message\": \"An error has occurred - Operation ID (for "
                           "customer support): 00000000-0000-0000-0000-000000000000 - Activity ID: %1 - Url: "
                           "https://fef.msub02.manage.microsoft.com/DeviceConfigV2/DCV2GraphService/deviceManagement"
                           "\",\r\n  \"CustomApiErrorPhrase\": \"\",\r\n  \"RetryAfter\": null,\r\n  "
                           "\"ErrorSourceService\": \"\",\r\n  \"HttpHeaders\": \"{}\"\r\n}")
                .arg(newGuid());
        reply = fromSim(graphError(429, QStringLiteral("TooManyRequests"), message));
    } else {
        reply = fromSim(graphError(429, QStringLiteral("TooManyRequests"), QStringLiteral("Too many requests.")));
    }
    if (!intune) {
        // Entra ID's throttled-response headers (throttling-limits.md [D]).
        reply.setHeader("x-ms-throttle-scope",
                        "Tenant_Application/ReadWrite/" + caller.appId.toLatin1() + '/' + caller.tenantId.toLatin1());
        reply.setHeader("x-ms-throttle-information", "ResourceUnitLimitExceeded");
    }
    const qint64 now = m_clock.nowMs();
    qint64 until = now + waitMs;
    // A missing Retry-After is an Intune observation (GRAPH_NOTES §4.4 [O]); directory 429s
    // keep the header, in whole seconds then.
    const RetryAfterMode mode =
        !intune && m_options.retryAfter == RetryAfterMode::Missing ? RetryAfterMode::Integer : m_options.retryAfter;
    switch (mode) {
    case RetryAfterMode::Integer: {
        const qint64 seconds = std::max<qint64>(1, (waitMs + 999) / 1000);
        reply.setHeader("Retry-After", QByteArray::number(seconds));
        until = now + seconds * 1000;
        break;
    }
    case RetryAfterMode::Fractional: {
        const qint64 ms = std::max<qint64>(1, waitMs);
        reply.setHeader("Retry-After", QByteArray::number(static_cast<double>(ms) / 1000.0, 'f', 3));
        until = now + ms;
        break;
    }
    case RetryAfterMode::Missing:
        break;
    }
    m_throttle.noteRetryAfter(service, caller.tenantId, caller.appId, until);
    return reply;
}

HttpReply Dispatcher::processGraph(SimRequest request, const GraphContext& context)
{
    const Caller& caller = context.caller;
    const QString family = m_world.routeFamily(request);
    const bool isWrite = request.method != "GET" && request.method != "HEAD";
    SimStats::Event event;
    event.tenantId = caller.tenantId;
    event.family = family;
    event.inBatch = context.inBatch;

    HttpReply reply;
    QString outcome = QStringLiteral("handled");
    bool applied = false;
    QString createdId;
    QString faultName;
    // Intune and the directory throttle apart; a directory request costs resource units.
    const ThrottleService service = Throttle::serviceFor(request.path);
    const int cost = service == ThrottleService::Directory ? Throttle::directoryCost(request.method, request.path, request.query)
                                                           : 1;
    const Throttle::Decision throttle =
        m_throttle.admit(service, caller.tenantId, caller.appId, isWrite, cost, m_clock.nowMs());
    event.earlyRetry = throttle.earlyRetry;
    if (throttle.throttled) {
        reply = throttledReply(caller, service, throttle.waitMs);
        event.throttled = true;
        outcome = QStringLiteral("throttled");
    } else {
        const FaultInjector::Decision fault =
            m_faults.decide(caller.tenantId, request.method,
                            FaultInjector::normalizeUrl(request.apiVersion + request.path, request.query), family,
                            !context.inBatch);
        request.attempt = std::max(1, fault.attempt);
        if (isStatusFault(fault.kind)) {
            reply = FaultInjector::statusReply(fault);
            event.faulted = true;
            outcome = QStringLiteral("faulted");
            faultName = faultKindName(fault.kind);
        } else {
            reply = fromSim(m_world.handle(request, caller));
            applied = isWrite && reply.status >= 200 && reply.status < 300;
            if (applied && request.method == "POST" && reply.status == 201)
                createdId = QJsonDocument::fromJson(reply.body).object().value(QStringLiteral("id")).toString();
            if (service == ThrottleService::Directory)
                reply.setHeader("x-ms-resource-unit", QByteArray::number(cost));
            switch (fault.kind) {
            case FaultKind::Drop:
                reply.fault = TransportFault::Drop;
                break;
            case FaultKind::TruncateShort:
                reply.fault = TransportFault::TruncateShort;
                break;
            case FaultKind::TruncateMatching:
                reply.fault = TransportFault::TruncateMatching;
                break;
            case FaultKind::Slow:
                reply.fault = TransportFault::Slow;
                reply.slowMs = m_faults.rates().slowMs;
                break;
            case FaultKind::None:
            case FaultKind::Status503:
            case FaultKind::Status504:
            case FaultKind::Html:
            case FaultKind::IntuneJson:
                break;
            }
            if (reply.fault != TransportFault::None) {
                reply.faultPoint = 0.2 + 0.6 * fault.detail;
                if (reply.fault != TransportFault::Slow) {
                    event.faulted = true;
                    outcome = QStringLiteral("faulted");
                    faultName = faultKindName(fault.kind);
                }
            }
            if (applied && m_faults.writePlan().take(request.method, family, context.inBatch))
                applyWriteFault(reply, m_faults.writePlan(), &faultName);
            if (!faultName.isEmpty()) {
                event.faulted = true;
                outcome = QStringLiteral("faulted");
            }
            if (reply.status == 200 && !isWrite
                && (reply.body.contains("\"@odata.nextLink\"") || request.query.hasQueryItem(QStringLiteral("$skiptoken"))
                    || request.query.hasQueryItem(QStringLiteral("$skip"))))
                event.page = true;
        }
    }
    event.status = reply.status;
    m_stats.record(event);
    if (isWrite) {
        QString path = QLatin1Char('/') + request.apiVersion + request.path;
        if (!request.query.isEmpty())
            path += QLatin1Char('?') + request.query.toString(QUrl::FullyDecoded);
        WriteRecord record{caller.tenantId, caller.appId, QString::fromLatin1(request.method), path, m_clock.now(),
                           QCryptographicHash::hash(request.body, QCryptographicHash::Sha256).toHex(),
                           reply.status, outcome, context.inBatch, applied, createdId, faultName, {}};
        // A client that resends a request keeps its client-request-id: tests can tell a resend.
        record.clientRequestId = QString::fromLatin1(request.headers.value("client-request-id"));
        if (record.clientRequestId.isEmpty())
            record.clientRequestId = QString::fromLatin1(request.headers.value("x-ms-client-request-id"));
        m_stats.recordWrite(record);
    }
    return reply;
}

} // namespace graphsim
