// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

#include "core/common/Result.h"
#include "core/common/TenantScope.h"

#include <QNetworkAccessManager>

#include <functional>
#include <memory>
#include <optional>

namespace pv {
class Database;
struct JobContext;
class SnapshotRepository;
namespace graph {
class ReadOnlyGraphClient;
}
} // namespace pv

namespace pv::capture {

/// What a capture job holds while it runs on its worker thread: the tenant's scope, the
/// worker's own QNetworkAccessManager and the read-only client on it (from the context's
/// services), and the snapshot repository. Created in plan(), on the worker thread.
class GraphSession
{
public:
    static Result<std::unique_ptr<GraphSession>> open(const JobContext& context);
    ~GraphSession();

    const TenantScope& scope() const { return *m_scope; }
    graph::ReadOnlyGraphClient& client() const { return *m_client; }
    SnapshotRepository& snapshots() const { return *m_snapshots; }
    const std::shared_ptr<Database>& database() const { return m_database; }
    /// Drops the client and with it every pending callback (cancel).
    void closeClient();
    bool isOpen() const { return m_client != nullptr; }

    /// Runs a local event loop on this (worker) thread until `done()` is true or the run is
    /// cancelled; plan() uses it for the lists, before the engine's own loop runs. True when done.
    bool waitUntil(const JobContext& context, const std::function<bool()>& done);

private:
    GraphSession() = default;
    std::optional<TenantScope> m_scope;
    std::shared_ptr<Database> m_database;
    std::unique_ptr<QNetworkAccessManager> m_network;
    std::unique_ptr<graph::ReadOnlyGraphClient> m_client;
    std::unique_ptr<SnapshotRepository> m_snapshots;
};

} // namespace pv::capture
