// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "core/graph/GraphTransport.h"

#include "core/graph/BatchRequest.h"
#include "core/graph/GraphError.h"
#include "core/graph/RequestGovernor.h"
#include "core/graph/TokenProvider.h"
#include "core/logging/Logging.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QRandomGenerator>
#include <QScopeGuard>
#include <QSslCertificate>
#include <QTimer>
#include <QUuid>

#include <cstring>
#include <utility>

namespace pv::graph {

using std::chrono::milliseconds;

struct GraphTransport::Pending
{
    GraphCall call;
    ResponseCallback done;
    QString clientRequestId;
    QByteArray token;
    int attempts = 0;
    bool refreshed = false;   ///< the one token refresh after a 401 is spent
    quint64 permit = 0;
    QElapsedTimer sent;
};

namespace {

QString pathForMessages(const QUrl& url)
{
    return url.path();
}

/// A request body Qt can read once and never rewind, so that Qt cannot send a write twice.
///
/// Qt 6.4's HTTP/1 channel resends the current request by itself when the connection drops
/// before the response's status line is complete (qhttpnetworkconnectionchannel.cpp:
/// handleUnexpectedEOF() and _q_error(RemoteHostClosedError) in WaitingState →
/// resendCurrentRequest()/closeAndResendCurrentRequest(), up to 3 times). Every such resend
/// goes through QHttpNetworkConnectionPrivate::_q_startNextRequest(), which first calls
/// resetUploadData(); that rewinds the body and, when it cannot, fails the reply with
/// ContentReSendError instead of sending (qhttpnetworkconnection.cpp, "if this is not
/// possible, error will be emitted"). A QByteArray body is wrapped in a QBuffer, which always
/// rewinds; a sequential device with DoNotBufferUploadDataAttribute and a Content-Length is
/// read straight from the device (qnetworkreplyhttpimpl.cpp, QNetworkReplyHttpImpl ctor;
/// without the attribute Qt copies it into a rewindable ring buffer), and its reset() is ours.
/// So a dropped write comes back as an error: the caller's journal reconciles it. (HTTP/2,
/// qhttp2protocolhandler.cpp, does not resend at all: a closed connection, RST_STREAM or
/// GOAWAY fails the stream — an error here too.)
class OneShotBody final : public QIODevice
{
public:
    OneShotBody(QByteArray data, QObject* parent)
        : QIODevice(parent)
        , m_data(std::move(data))
    {
        open(QIODevice::ReadOnly | QIODevice::Unbuffered);
    }

    bool isSequential() const override { return true; }
    /// Never: the bytes may already have reached the server.
    bool reset() override { return false; }
    qint64 bytesAvailable() const override { return m_data.size() - m_read + QIODevice::bytesAvailable(); }

protected:
    qint64 readData(char* out, qint64 max) override
    {
        const qint64 n = std::min<qint64>(max, m_data.size() - m_read);
        if (n <= 0)
            return -1;   // end of a sequential device
        std::memcpy(out, m_data.constData() + m_read, static_cast<std::size_t>(n));
        m_read += n;
        return n;
    }
    qint64 writeData(const char*, qint64) override { return -1; }

private:
    const QByteArray m_data;
    qint64 m_read = 0;
};

} // namespace

GraphTransport::GraphTransport(GraphClientOptions options, Mode mode, QNetworkAccessManager* network,
                               std::shared_ptr<TokenProvider> tokens, std::shared_ptr<RequestGovernor> governor,
                               QObject* parent)
    : QObject(parent)
    , m_options(std::move(options))
    , m_mode(mode)
    , m_policy(m_options.retry)
    , m_network(network)
    , m_tokens(std::move(tokens))
    , m_governor(std::move(governor))
    , m_ssl(QSslConfiguration::defaultConfiguration())
{
    Q_ASSERT(m_network && m_tokens && m_governor);
    if (!m_options.caCertificatePath.isEmpty()) {
        const QList<QSslCertificate> extra = QSslCertificate::fromPath(m_options.caCertificatePath, QSsl::Pem);
        if (extra.isEmpty())
            m_sslError = QStringLiteral("no PEM certificate could be read from CA file '%1'").arg(m_options.caCertificatePath);
        else
            m_ssl.addCaCertificates(extra);
    }
    // Capacity freed by any thread's request reaches us queued, on our thread — also from our own
    // release(): by then the response that freed it has set any tenant-wide pause, so a waiter
    // does not slip out before a Retry-After.
    connect(m_governor.get(), &RequestGovernor::capacityAvailable, this, &GraphTransport::drainCapacityWaiters,
            Qt::QueuedConnection);
}

GraphTransport::~GraphTransport()
{
    // Nobody is called back after the client is gone.
    const auto replies = m_inFlight.keys();
    for (QNetworkReply* reply : replies) {
        reply->disconnect(this);
        reply->abort();
        reply->deleteLater();
        if (const quint64 permit = m_inFlight.value(reply)->permit)
            m_governor->release(permit);
    }
}

QUrl GraphTransport::versionRoot() const
{
    QUrl url = m_options.endpoints.graphRoot;
    url.setPath(url.path() + QLatin1Char('/') + m_options.apiVersion);
    return url;
}

QUrl GraphTransport::urlFor(const QString& path) const
{
    Q_ASSERT(path.startsWith(QLatin1Char('/')));
    // Tolerant: our own paths may carry `$filter=name eq 'x'`; spaces get percent-encoded.
    // nextLinks never come through here (Pager keeps them verbatim).
    return QUrl(versionRoot().toString() + path, QUrl::TolerantMode);
}

bool GraphTransport::isGraphUrl(const QUrl& url) const
{
    const QUrl root = versionRoot();
    return url.isValid() && url.scheme().compare(root.scheme(), Qt::CaseInsensitive) == 0
        && url.host().compare(root.host(), Qt::CaseInsensitive) == 0
        && url.port(url.scheme() == QLatin1String("http") ? 80 : 443)
        == root.port(root.scheme() == QLatin1String("http") ? 80 : 443)
        && (url.path().compare(root.path(), Qt::CaseInsensitive) == 0
            || url.path().startsWith(root.path() + QLatin1Char('/'), Qt::CaseInsensitive));
}

double GraphTransport::random() const
{
    return m_options.random ? m_options.random() : QRandomGenerator::global()->generateDouble();
}

bool GraphTransport::isCancelled() const
{
    return m_options.cancelled && m_options.cancelled->load();
}

Status GraphTransport::checkAllowed(const GraphCall& call) const
{
    if (!m_sslError.isEmpty())
        return fail(ErrorCode::InvalidArgument, m_sslError);
    if (!isGraphUrl(call.url)) {
        return fail(ErrorCode::InvalidArgument,
                    QStringLiteral("refusing to send a Graph request outside %1: %2")
                        .arg(versionRoot().toString(), call.url.toString(QUrl::RemoveQuery)));
    }
    if (m_mode == Mode::ReadOnly) {
        const bool get = call.method == "GET";
        if (!isRead(call) || (get && !call.body.isEmpty())) {
            return fail(ErrorCode::AccessDenied,
                        QStringLiteral("read-only Graph client refuses %1 %2")
                            .arg(QString::fromLatin1(call.method), pathForMessages(call.url)));
        }
    }
    return {};
}

bool GraphTransport::isRead(const GraphCall& call) const
{
    if (call.writes != 0)
        return false;
    if (call.method == "GET")
        return true;
    return call.method == "POST"
        && call.url.path().compare(versionRoot().path() + QStringLiteral("/$batch"), Qt::CaseInsensitive) == 0
        && !call.url.hasQuery() && isBatchOfGets(call.body);
}

void GraphTransport::send(GraphCall call, ResponseCallback done)
{
    send(std::move(call), QString(), std::move(done));
}

void GraphTransport::send(GraphCall call, const QString& clientRequestId, ResponseCallback done)
{
    auto pending = std::make_shared<Pending>();
    pending->call = std::move(call);
    pending->done = std::move(done);
    pending->clientRequestId = clientRequestId.isEmpty() ? QUuid::createUuid().toString(QUuid::WithoutBraces)
                                                         : clientRequestId;
    const Status allowed = checkAllowed(pending->call);
    if (!allowed) {
        pv::log::error(pv::log::Graph, allowed.error().toString());
        QTimer::singleShot(0, this, [this, pending, allowed] { complete(pending, allowed.failure()); });
        return;
    }
    QTimer::singleShot(0, this, [this, pending] { fetchToken(pending); });
}

void GraphTransport::fetchToken(const PendingPtr& pending)
{
    if (isCancelled())
        return complete(pending, fail(ErrorCode::Cancelled, QStringLiteral("cancelled")));
    m_tokens->accessToken(this, [this, pending](Result<AccessToken> token) {
        if (!token)
            return complete(pending, token.failure());
        pending->token = token->token;
        admit(pending);
    });
}

void GraphTransport::admit(const PendingPtr& pending)
{
    if (isCancelled()) {
        // Later: admit() runs inside drainCapacityWaiters(), and the callback may destroy us.
        QTimer::singleShot(0, this, [this, pending] {
            complete(pending, fail(ErrorCode::Cancelled, QStringLiteral("cancelled")));
        });
        return;
    }
    const RequestGovernor::Admission admission =
        m_governor->tryAcquire(pending->call.operations, pending->call.writes);
    switch (admission.wait) {
    case RequestGovernor::Wait::None:
        pending->permit = admission.permit;
        transmit(pending);
        return;
    case RequestGovernor::Wait::Concurrency:
        m_capacityWaiters.push_back(pending);
        return;
    case RequestGovernor::Wait::Budget:
    case RequestGovernor::Wait::Paused:
        wait(admission.delay, [this, pending](bool) { admit(pending); });
        return;
    }
}

void GraphTransport::drainCapacityWaiters()
{
    // Each waiter asks again; one refused again re-queues itself (and the governor will signal
    // again on the next release), so stop after the first refusal to keep the order.
    while (!m_capacityWaiters.empty()) {
        PendingPtr next = m_capacityWaiters.front();
        m_capacityWaiters.pop_front();
        const std::size_t before = m_capacityWaiters.size();
        admit(next);
        if (m_capacityWaiters.size() > before)
            break;
    }
}

void GraphTransport::transmit(const PendingPtr& pending)
{
    ++pending->attempts;
    QNetworkRequest request(pending->call.url);
    request.setSslConfiguration(m_ssl);
    request.setTransferTimeout(static_cast<int>(m_options.transferTimeout.count()));
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    request.setRawHeader(QByteArrayLiteral("Authorization"), QByteArrayLiteral("Bearer ") + pending->token);
    request.setRawHeader(QByteArrayLiteral("client-request-id"), pending->clientRequestId.toLatin1());
    request.setRawHeader(QByteArrayLiteral("Accept"), QByteArrayLiteral("application/json"));
    if (!pending->call.body.isEmpty())
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    pending->sent.start();
    QNetworkReply* reply = nullptr;
    if (pending->call.method == "GET") {
        reply = m_network->get(request);
    } else if (isRead(pending->call)) {
        // A $batch of GETs: Qt may resend it, and RetryPolicy retries it; both are harmless.
        reply = m_network->sendCustomRequest(request, pending->call.method, pending->call.body);
    } else {
        // Anything else may change the tenant: Qt must not resend it on its own (OneShotBody).
        request.setHeader(QNetworkRequest::ContentLengthHeader, pending->call.body.size());
        request.setAttribute(QNetworkRequest::DoNotBufferUploadDataAttribute, true);
        auto* body = new OneShotBody(pending->call.body, nullptr);
        reply = m_network->sendCustomRequest(request, pending->call.method, body);
        body->setParent(reply);   // read until the reply is done, deleted with it
    }
    m_inFlight.insert(reply, pending);
    connect(reply, &QNetworkReply::finished, this, [this, pending, reply] { finished(pending, reply); });
}

void GraphTransport::finished(const PendingPtr& pending, QNetworkReply* reply)
{
    m_inFlight.remove(reply);
    reply->deleteLater();
    // The permit goes back when this function is done: after any pause this response sets, and
    // safely even if a callback destroyed this transport.
    const auto releasePermit = qScopeGuard([governor = m_governor, permit = std::exchange(pending->permit, 0)] {
        governor->release(permit);
    });

    const GraphCall& call = pending->call;
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QNetworkReply::NetworkError networkError = reply->error();
    const QByteArray body = reply->readAll();
    const QString requestId = QString::fromLatin1(reply->rawHeader(QByteArrayLiteral("request-id")));
    const QString what = QStringLiteral("%1 %2").arg(QString::fromLatin1(call.method), pathForMessages(call.url));
    const qint64 elapsed = pending->sent.elapsed();

    AttemptOutcome outcome;
    outcome.status = status;
    QString failure;   // why this attempt is not usable, for logs and the final error
    QJsonObject json;
    const bool success = status >= 200 && status < 300;
    if (status == 0 && networkError == QNetworkReply::ContentReSendError && !isRead(call)) {
        // Qt wanted to send the write again after the connection dropped, and OneShotBody
        // refused: Graph may have applied it. Unknown outcome (Network) for the caller's journal.
        const QString message = QStringLiteral("%1: outcome unknown: the connection closed before Graph's answer "
                                               "arrived, and a write is never sent twice")
                                    .arg(what);
        pv::log::error(pv::log::Graph, message);
        return complete(pending, fail(ErrorCode::Network, message));
    }
    if (status == 0) {
        outcome.transportFailure = isTransientNetworkError(networkError);
        failure = reply->errorString();
        if (!outcome.transportFailure) {
            pv::log::error(pv::log::Graph, QStringLiteral("%1 failed: %2").arg(what, failure));
            return complete(pending, fail(ErrorCode::Network, QStringLiteral("%1 failed: %2").arg(what, failure)));
        }
    } else if (success) {
        // Qt 6.4 can hand over a connection dropped mid-body as a success: trust a body only
        // when it is as long as announced and parses completely.
        const QVariant length = reply->header(QNetworkRequest::ContentLengthHeader);
        QJsonParseError parse{};
        const QJsonDocument document = body.isEmpty() && status == 204 ? QJsonDocument(QJsonObject())
                                                                         : QJsonDocument::fromJson(body, &parse);
        if (networkError != QNetworkReply::NoError) {
            outcome.transportFailure = true;
            failure = QStringLiteral("connection failed mid-response: %1").arg(reply->errorString());
        } else if (length.isValid() && length.toLongLong() != body.size()) {
            outcome.transportFailure = true;
            failure = QStringLiteral("incomplete body: %1 of %2 bytes").arg(body.size()).arg(length.toLongLong());
        } else if (parse.error != QJsonParseError::NoError || !document.isObject()) {
            outcome.transportFailure = true;
            failure = QStringLiteral("body is not complete JSON (%1 bytes): %2").arg(body.size()).arg(parse.errorString());
        } else {
            json = document.object();
        }
    } else {
        outcome.retryAfter = RetryPolicy::parseRetryAfter(reply->rawHeader(QByteArrayLiteral("Retry-After")));
        failure = describeGraphError(status, body);
    }

    if (success && !outcome.transportFailure) {
        pv::log::debug(pv::log::Graph, QStringLiteral("%1 → %2 in %3 ms (attempt %4, request-id %5)")
                                           .arg(what).arg(status).arg(elapsed).arg(pending->attempts).arg(requestId));
        GraphResponse response;
        response.status = status;
        response.body = json;
        response.requestId = requestId;
        response.clientRequestId = pending->clientRequestId;
        response.echoedClientRequestId = QString::fromLatin1(reply->rawHeader(QByteArrayLiteral("client-request-id")));
        response.attempts = pending->attempts;
        return complete(pending, std::move(response));
    }

    if (status == 401 && !pending->refreshed) {
        // An expired (or revoked) token: one fresh token, once per request.
        pending->refreshed = true;
        pv::log::info(pv::log::Graph, QStringLiteral("%1 → 401 (request-id %2): refreshing the token once").arg(what, requestId));
        m_tokens->invalidate(pending->token);
        return fetchToken(pending);
    }

    // A write (retry = false) is never repeated after it may have reached the service — with
    // one exception: a 429 says Graph refused it unprocessed (GRAPH_NOTES §4.4), so sending it
    // again after Retry-After cannot apply it twice. Same client-request-id on every attempt.
    const bool mayRetry = call.retry || status == 429;
    const RetryDecision decision = mayRetry ? m_policy.decide(outcome, pending->attempts, random()) : RetryDecision{};
    if (decision.retry && !isCancelled()) {
        // Any Retry-After, and a 429 without one, pauses the whole tenant: the budget is shared.
        if (decision.fromRetryAfter || status == 429)
            m_governor->pauseFor(decision.delay);
        pv::log::warn(pv::log::Graph, QStringLiteral("%1 → %2 (%3, request-id %4): retry %5 in %6 ms%7")
                                          .arg(what, status ? QString::number(status) : QStringLiteral("no response"),
                                               failure, requestId.isEmpty() ? QStringLiteral("none") : requestId)
                                          .arg(pending->attempts)
                                          .arg(decision.delay.count())
                                          .arg(decision.fromRetryAfter ? QStringLiteral(" (Retry-After)") : QString()));
        return retryLater(pending, decision.delay);
    }

    const ErrorCode code = status == 0 || outcome.transportFailure ? ErrorCode::Network
        : status == 401                                             ? ErrorCode::Auth
                                                                    : ErrorCode::Http;
    Error error{code, QStringLiteral("%1: %2").arg(what, failure), status, requestId};
    if (error.requestId.isEmpty())
        error.requestId = innerRequestId(body);
    if (pending->attempts > 1)
        error.message += QStringLiteral(" (after %1 attempts)").arg(pending->attempts);
    pv::log::error(pv::log::Graph, error.toString());
    complete(pending, fail(std::move(error)));
}

void GraphTransport::retryLater(const PendingPtr& pending, milliseconds delay)
{
    // The pause (if any) is in the governor; admit() waits it out for everyone.
    wait(delay, [this, pending](bool) { admit(pending); });
}

void GraphTransport::wait(milliseconds delay, std::function<void(bool cancelled)> then)
{
    using Clock = std::chrono::steady_clock;
    const Clock::time_point deadline = Clock::now() + delay;
    auto step = std::make_shared<std::function<void()>>();
    *step = [this, deadline, then = std::move(then), weak = std::weak_ptr<std::function<void()>>(step)] {
        if (isCancelled())
            return then(true);
        const auto left = std::chrono::ceil<milliseconds>(deadline - Clock::now());
        if (left.count() <= 0)
            return then(false);
        // Precise: a coarse timer may fire up to 5 % early — a retry before Retry-After.
        if (auto next = weak.lock())
            QTimer::singleShot(std::min(left, CancelCheck), Qt::PreciseTimer, this, [next] { (*next)(); });
    };
    // The first slice holds the only strong reference; each slice passes it on to the next.
    QTimer::singleShot(std::min(delay, CancelCheck), Qt::PreciseTimer, this, [step] { (*step)(); });
}

void GraphTransport::complete(const PendingPtr& pending, Result<GraphResponse> result)
{
    ResponseCallback done = std::move(pending->done);
    pending->done = nullptr;
    if (done)
        done(std::move(result));   // last: the callback may destroy this transport
}

} // namespace pv::graph
