// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

#include "core/graph/BatchRunner.h"
#include "core/graph/GraphTypes.h"
#include "core/graph/Pager.h"

#include <QObject>

#include <memory>

class QNetworkAccessManager;

namespace pv::graph {

class GraphTransport;
class RequestGovernor;
class TokenProvider;

/// The Graph client that cannot write: GET, every page of a collection, and `$batch` of GETs.
/// Capture, preview and review code get this type and no other; it has no method that takes
/// an HTTP verb or a body, and its transport refuses anything but reads at run time as well.
///
/// Asynchronous: every call returns at once and calls back exactly once, later, on this
/// object's thread (a worker thread with its own event loop and QNetworkAccessManager).
/// Destroying the client drops pending callbacks.
class ReadOnlyGraphClient final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ReadOnlyGraphClient)

public:
    /// `network` must live on this thread and outlive the client. `governor` is the tenant's
    /// (GovernorRegistry::forTenant), shared with every other client of the tenant.
    ReadOnlyGraphClient(GraphClientOptions options, QNetworkAccessManager* network,
                        std::shared_ptr<TokenProvider> tokens, std::shared_ptr<RequestGovernor> governor,
                        QObject* parent = nullptr);
    ~ReadOnlyGraphClient() override;

    /// GET `path` relative to the version root ("/deviceManagement/configurationPolicies/{id}").
    void get(const QString& path, ResponseCallback done);
    /// Every item of the collection at `path`, following nextLinks verbatim.
    void getAllPages(const QString& path, PagesCallback done);
    /// Many GETs through `$batch`, results in the order of `paths`.
    void batchGet(const QStringList& paths, BatchCallback done);
    /// Completes an expanded collection `property` of `entity` from its
    /// `<property>@odata.nextLink` (absolute; read outside any `$batch`).
    void completeExpanded(const QJsonObject& entity, const QString& property,
                          std::function<void(Result<QJsonObject>)> done);

    /// The tenant's governor (for progress displays and tests).
    RequestGovernor& governor() const;

private:
    std::unique_ptr<GraphTransport> m_transport;
};

} // namespace pv::graph
