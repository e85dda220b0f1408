// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

#include "core/graph/GraphTypes.h"
#include "core/graph/RetryPolicy.h"

#include <QHash>
#include <QObject>
#include <QSslConfiguration>

#include <deque>
#include <functional>
#include <memory>

class QNetworkAccessManager;
class QNetworkReply;

namespace pv::graph {

class RequestGovernor;
class TokenProvider;

/// One HTTP exchange with Graph as the clients see it. `url` is absolute and must be on the
/// client's Graph origin (a bearer token never goes anywhere else).
struct GraphCall
{
    QByteArray method = QByteArrayLiteral("GET");
    QUrl url;
    QByteArray body;          ///< JSON, for POST/PATCH/PUT
    int operations = 1;       ///< Graph operations for the governor ($batch: its sub-requests)
    int writes = 0;
    bool retry = true;        ///< reads are retried; writes go through a journal, never blindly
};

/// The engine under ReadOnlyGraphClient (and the restore issue's write client): the tenant's
/// governor, the bearer token with one refresh on 401, client-request-id, TLS against the system
/// store plus an optional CA file, bodies trusted only once they parsed completely, and reads
/// retried by RetryPolicy. Lives on one thread with its QNetworkAccessManager; callbacks run there.
///
/// In ReadOnly mode it refuses, at run time too, everything but GET and a `$batch` POST whose
/// sub-requests are all GETs: the type-level guarantee of ReadOnlyGraphClient has a second wall.
class GraphTransport final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(GraphTransport)

public:
    enum class Mode { ReadOnly, ReadWrite };

    GraphTransport(GraphClientOptions options, Mode mode, QNetworkAccessManager* network,
                   std::shared_ptr<TokenProvider> tokens, std::shared_ptr<RequestGovernor> governor,
                   QObject* parent = nullptr);
    ~GraphTransport() override;

    Mode mode() const { return m_mode; }
    const GraphClientOptions& options() const { return m_options; }
    const RetryPolicy& retryPolicy() const { return m_policy; }
    RequestGovernor& governor() const { return *m_governor; }

    /// `<graph root>/<version><path>`; `path` starts with '/' and may carry a query.
    QUrl urlFor(const QString& path) const;
    /// `<graph root>/<version>` — what `$batch` sub-request URLs are relative to.
    QUrl versionRoot() const;
    /// True when `url` is on the Graph origin (scheme, host, port) under the version root.
    bool isGraphUrl(const QUrl& url) const;
    /// True for a call that cannot change the tenant: a GET, or a `$batch` POST of GETs only.
    /// Everything else is sent so that Qt cannot resend it by itself (see transmit()).
    bool isRead(const GraphCall& call) const;

    /// Sends `call` (retrying reads) and calls `done` once, on this thread, later.
    void send(GraphCall call, ResponseCallback done);
    /// The same with `clientRequestId` as the `client-request-id` (every attempt): a write's
    /// caller makes it first, so its journal names the request before it is sent.
    void send(GraphCall call, const QString& clientRequestId, ResponseCallback done);

    /// A draw in [0, 1) for jitter.
    double random() const;
    /// True once options().cancelled is set.
    bool isCancelled() const;
    /// Calls `then(false)` after `delay`, or `then(true)` soon after cancellation (the flag is
    /// looked at every CancelCheck while waiting), on this thread.
    void wait(std::chrono::milliseconds delay, std::function<void(bool cancelled)> then);

    /// How often a wait looks at the cancellation flag.
    static constexpr std::chrono::milliseconds CancelCheck{200};

private:
    struct Pending;
    using PendingPtr = std::shared_ptr<Pending>;

    void fetchToken(const PendingPtr& pending);
    void admit(const PendingPtr& pending);
    void transmit(const PendingPtr& pending);
    void finished(const PendingPtr& pending, QNetworkReply* reply);
    void retryLater(const PendingPtr& pending, std::chrono::milliseconds delay);
    void complete(const PendingPtr& pending, Result<GraphResponse> result);
    void drainCapacityWaiters();
    Status checkAllowed(const GraphCall& call) const;

    const GraphClientOptions m_options;
    const Mode m_mode;
    const RetryPolicy m_policy;
    QNetworkAccessManager* const m_network;
    const std::shared_ptr<TokenProvider> m_tokens;
    const std::shared_ptr<RequestGovernor> m_governor;
    QSslConfiguration m_ssl;
    QString m_sslError;                       ///< the CA file could not be used
    std::deque<PendingPtr> m_capacityWaiters; ///< refused for the concurrency cap
    QHash<QNetworkReply*, PendingPtr> m_inFlight;
};

} // namespace pv::graph
