// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "core/graph/BatchRunner.h"

#include "core/graph/BatchRequest.h"
#include "core/graph/GraphError.h"
#include "core/graph/GraphTransport.h"
#include "core/graph/RequestGovernor.h"
#include "core/logging/Logging.h"

#include <QJsonDocument>
#include <QTimer>

#include <algorithm>
#include <optional>

namespace pv::graph::BatchRunner {

namespace {

using std::chrono::milliseconds;

struct State
{
    GraphTransport* transport = nullptr;
    QStringList urls;
    QList<std::optional<Result<GraphResponse>>> results;
    QList<int> attempts;
    int outstanding = 0;      ///< results not yet final
    BatchCallback done;
};

void sendChunk(const std::shared_ptr<State>& state, const QList<int>& indices);

void finish(const std::shared_ptr<State>& state, int index, Result<GraphResponse> result)
{
    Q_ASSERT(!state->results[index].has_value());
    state->results[index] = std::move(result);
    if (--state->outstanding == 0) {
        QList<Result<GraphResponse>> results;
        results.reserve(state->results.size());
        for (auto& result : state->results)
            results.append(std::move(*result));
        state->done(std::move(results));
    }
}

void sendAll(const std::shared_ptr<State>& state, const QList<int>& indices)
{
    // Never more sub-requests in one envelope than the tenant's budget holds: Graph would
    // throttle the rest of the envelope at once.
    const int chunk = std::clamp(state->transport->governor().options().operationBudget, 1, BatchGet::MaxRequests);
    for (qsizetype from = 0; from < indices.size(); from += chunk)
        sendChunk(state, indices.mid(from, chunk));
}

void sendChunk(const std::shared_ptr<State>& state, const QList<int>& indices)
{
    GraphTransport& transport = *state->transport;
    BatchGet batch;
    QHash<QString, int> indexById;
    for (int index : indices) {
        const Result<QString> id = batch.add(state->urls.at(index));
        if (!id) {
            // Later, so batchGet() never calls back from inside itself.
            QTimer::singleShot(0, &transport, [state, index, failure = id.failure()] { finish(state, index, failure); });
            continue;
        }
        indexById.insert(*id, index);
        ++state->attempts[index];
    }
    if (batch.isEmpty())
        return;
    GraphCall call;
    call.method = QByteArrayLiteral("POST");
    call.url = transport.urlFor(QStringLiteral("/$batch"));
    call.body = batch.toJson();
    call.operations = batch.size();
    transport.send(call, [state, batch, indexById](Result<GraphResponse> response) {
        GraphTransport& transport = *state->transport;
        if (!response) {
            // The envelope failed after its own retries: every sub-request shares that fate.
            for (int index : indexById)
                finish(state, index, response.failure());
            return;
        }
        const auto subs = parseBatchResponse(response->body, batch.ids());
        if (!subs) {
            for (int index : indexById)
                finish(state, index, fail(subs.error().code, subs.error().message, response->status, response->requestId));
            return;
        }
        QList<int> retry;
        milliseconds wait{0};
        bool pause = false;
        for (auto it = indexById.constBegin(); it != indexById.constEnd(); ++it) {
            const int index = it.value();
            const auto found = subs->constFind(it.key().toLower());
            AttemptOutcome outcome;
            if (found == subs->constEnd()) {
                outcome.transportFailure = true;   // Graph left it out: ask again
            } else {
                outcome.status = found->status;
                outcome.retryAfter = found->retryAfter;
                const bool ok = found->status >= 200 && found->status < 300;
                if (ok && found->hasObjectBody) {
                    GraphResponse sub;
                    sub.status = found->status;
                    sub.body = found->body;
                    sub.requestId = found->requestId;
                    sub.clientRequestId = response->clientRequestId;
                    sub.echoedClientRequestId = response->echoedClientRequestId;
                    sub.attempts = state->attempts[index];
                    finish(state, index, std::move(sub));
                    continue;
                }
                if (ok)
                    outcome.transportFailure = true;   // a success without its object
            }
            const RetryDecision decision =
                transport.retryPolicy().decide(outcome, state->attempts[index], transport.random());
            if (decision.retry && !transport.isCancelled()) {
                retry.append(index);
                wait = std::max(wait, decision.delay);
                pause = pause || decision.fromRetryAfter || outcome.status == 429;
                continue;
            }
            const QString what = QStringLiteral("GET %1 (in $batch)").arg(state->urls.at(index));
            const QString text = found == subs->constEnd()
                ? QStringLiteral("%1: no sub-response").arg(what)
                : QStringLiteral("%1: %2").arg(what, describeGraphError(found->status,
                                                                        QJsonDocument(found->body).toJson(QJsonDocument::Compact)));
            const ErrorCode code = transport.isCancelled() ? ErrorCode::Cancelled
                : outcome.status == 0                      ? ErrorCode::Network
                                                           : ErrorCode::Http;
            finish(state, index, fail(code, text, outcome.status, found == subs->constEnd() ? QString() : found->requestId));
        }
        if (retry.isEmpty())
            return;
        // Graph: retry throttled sub-requests after the longest Retry-After (§4.3).
        if (pause)
            transport.governor().pauseFor(wait);
        pv::log::warn(pv::log::Graph, QStringLiteral("$batch: %1 of %2 sub-requests retried in %3 ms")
                                          .arg(retry.size()).arg(indexById.size()).arg(wait.count()));
        transport.wait(wait, [state, retry](bool cancelled) {
            if (!cancelled)
                return sendAll(state, retry);
            for (int index : retry)
                finish(state, index, fail(ErrorCode::Cancelled, QStringLiteral("cancelled")));
        });
    });
}

} // namespace

void run(GraphTransport& transport, const QStringList& relativeUrls, BatchCallback done)
{
    auto state = std::make_shared<State>();
    state->transport = &transport;
    state->urls = relativeUrls;
    state->results.resize(relativeUrls.size());
    state->attempts.resize(relativeUrls.size());
    state->outstanding = static_cast<int>(relativeUrls.size());
    state->done = std::move(done);
    if (relativeUrls.isEmpty()) {
        QTimer::singleShot(0, &transport, [state] { state->done({}); });
        return;
    }
    QList<int> all;
    for (int i = 0; i < relativeUrls.size(); ++i)
        all.append(i);
    sendAll(state, all);
}

} // namespace pv::graph::BatchRunner
