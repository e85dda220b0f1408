// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

#include "tools/graphsim/model/SimTypes.h"
#include "tools/graphsim/server/ServerTypes.h"

namespace graphsim {

class Dispatcher;

/// JSON batching: POST /{version}/$batch with up to 20 relative requests. Each sub-request
/// goes through Dispatcher::processGraph on its own (own throttling, own faults), dependsOn
/// turns failed prerequisites into 424, and responses come back in a seeded shuffled order.
class BatchHandler
{
public:
    explicit BatchHandler(quint64 seed);

    HttpReply handle(const HttpRequest& request, const QString& apiVersion, const Caller& caller,
                     Dispatcher& dispatcher);

    static constexpr int MaxRequests = 20;

private:
    quint64 m_seed;
    quint64 m_batchCounter = 0;
};

} // namespace graphsim
