// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

#include "core/common/Result.h"

#include <QJsonObject>
#include <QList>
#include <QString>

#include <functional>

namespace pv::graph {
class ReadOnlyGraphClient;
}

/// The one way the restore preview and the live restore read a live object, so both
/// fingerprint (liveFingerprint) and compare exactly the same JSON: a configurationPolicy with
/// its settings (`$expand=settings`, completed from `settings@odata.nextLink`) and its
/// assignments (`{id}/assignments`, completed from nextLinks); a scope tag with its
/// assignments; a filter as its GET returns it. The capture's reading code does the work
/// (capture::readObjects with no listed object), so a live object and a captured version of
/// the same state have the same canonical content.
namespace pv::restore {

/// One object to read: its type key and Graph id.
struct LiveTarget
{
    QString typeKey;
    QString graphId;
};

/// Reads `targets` (through `$batch`, ≤ 20 per envelope) and calls `done(index, object)` once
/// per target, on the client's thread, as each completes. An object that no longer exists
/// (Graph's 404) is a failure with ErrorCode::NotFound — use isDeleted(); any other failure
/// keeps Graph's status and request-id.
void readLive(graph::ReadOnlyGraphClient& client, const QList<LiveTarget>& targets,
              std::function<void(int index, Result<QJsonObject> object)> done);

/// True for readLive's "the object is gone" failure (deleted since it was captured).
bool isDeleted(const Error& error);

/// The Graph operations readLive spends on one target (for read floors and progress).
int liveReadOperations(const QString& typeKey);

} // namespace pv::restore
