// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

#include "core/common/Result.h"
#include "core/graph/GraphTypes.h"

#include <QList>
#include <QStringList>

#include <functional>

namespace pv::graph {

class GraphTransport;

using BatchCallback = std::function<void(QList<Result<GraphResponse>>)>;

/// Reads many objects through `$batch` (GRAPH_NOTES §4.3): chunks of at most 20 GETs (and never
/// more than the governor's operation budget), sub-
/// responses correlated by id, and each throttled or failed sub-request (429, 502, 503, 504, a
/// missing or unparsable sub-response) retried on its own — after the longest Retry-After among
/// them, which also pauses the tenant — until RetryPolicy gives up on it. The results come back
/// in the order of `relativeUrls`, one per URL.
namespace BatchRunner {

void run(GraphTransport& transport, const QStringList& relativeUrls, BatchCallback done);

} // namespace BatchRunner

} // namespace pv::graph
