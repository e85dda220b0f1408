// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

#include "core/common/Result.h"

#include <QJsonObject>
#include <QString>

#include <functional>

namespace pv::graph {
class ReadOnlyGraphClient;
}

namespace pv::restore {

/// Reads one live object the way liveFingerprint() wants it: a configurationPolicy with its
/// settings and its assignments (both completed from nextLinks), a filter or a scope tag as GET
/// returns it. The live restore's re-read before a write and its read-back after use this: it is
/// LiveReader's readLive() for one object, the read the preview fingerprinted. A 404 keeps its
/// status (the object is gone; code NotFound).
void readLive(graph::ReadOnlyGraphClient& client, const QString& typeKey, const QString& graphId,
              std::function<void(Result<QJsonObject>)> done);

/// The object alone (a policy with its settings, no assignments): one operation instead of two,
/// for a read-back that does not compare assignments.
void readObjectOnly(graph::ReadOnlyGraphClient& client, const QString& typeKey, const QString& graphId,
                    std::function<void(Result<QJsonObject>)> done);

} // namespace pv::restore
