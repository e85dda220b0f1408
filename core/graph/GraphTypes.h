// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

#include "core/common/Result.h"
#include "core/graph/Cloud.h"
#include "core/graph/RetryPolicy.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QString>
#include <QUrl>

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>

namespace pv::graph {

/// A Graph response whose body parsed completely.
struct GraphResponse
{
    int status = 0;
    QJsonObject body;            ///< empty for 204
    QString requestId;           ///< Graph's `request-id` header
    QString clientRequestId;     ///< what we sent as `client-request-id`
    QString echoedClientRequestId; ///< what Graph echoed (tests compare it with ours)
    int attempts = 0;            ///< HTTP attempts, retries and the 401 refresh included
};

using ResponseCallback = std::function<void(Result<GraphResponse>)>;

/// How a client reaches Graph. One client per worker thread: QNetworkAccessManager is
/// thread-affine.
struct GraphClientOptions
{
    GraphEndpoints endpoints;           ///< from resolveEndpoints()
    QString apiVersion = QStringLiteral("beta");
    /// Extra CA certificates (PEM) trusted besides the system store: corporate TLS inspection,
    /// graphsim's per-run CA. TenantRecord has no field for it yet; the caller passes it.
    QString caCertificatePath;
    RetryOptions retry;
    std::chrono::milliseconds transferTimeout{std::chrono::seconds(120)};
    /// Checked before every attempt; set it to end every pending request with Cancelled.
    std::shared_ptr<std::atomic_bool> cancelled;
    /// Jitter source in [0, 1); tests inject a fixed one. Default: QRandomGenerator.
    std::function<double()> random;
};

} // namespace pv::graph
