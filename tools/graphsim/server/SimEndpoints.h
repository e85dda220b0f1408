// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

#include "tools/graphsim/server/ServerTypes.h"

#include <QStringList>

namespace graphsim {

class Dispatcher;

/// /_sim/...: stats, writes, mutate, reset, clock, tenants and config. Never reachable
/// through a Graph path (those all start with a version segment).
class SimEndpoints
{
public:
    HttpReply handle(const HttpRequest& request, const QStringList& segments, Dispatcher& dispatcher);
};

} // namespace graphsim
