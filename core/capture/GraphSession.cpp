// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "core/capture/GraphSession.h"

#include "core/graph/ReadOnlyGraphClient.h"
#include "core/runs/AccessGate.h"
#include "core/runs/Job.h"
#include "core/runs/JobServices.h"
#include "core/store/SnapshotRepository.h"

#include <QEventLoop>
#include <QTimer>

namespace pv::capture {

Result<std::unique_ptr<GraphSession>> GraphSession::open(const JobContext& context)
{
    if (!context.services || !context.services->database || !context.services->graphClient)
        return fail(ErrorCode::Internal, QStringLiteral("this process was started without Graph services"));
    auto scope = AccessGate(context.services->database).enter(context.tenantId);
    if (!scope)
        return scope.failure();
    std::unique_ptr<GraphSession> session(new GraphSession);
    session->m_scope = *scope;
    session->m_database = context.services->database;
    session->m_network = std::make_unique<QNetworkAccessManager>();
    auto client = context.services->graphClient(context.tenantId, session->m_network.get());
    if (!client)
        return client.failure();
    session->m_client = std::move(*client);
    session->m_snapshots = std::make_unique<SnapshotRepository>(context.services->database);
    return session;
}

GraphSession::~GraphSession()
{
    // The client before the manager it uses.
    m_client.reset();
    m_network.reset();
}

void GraphSession::closeClient()
{
    m_client.reset();
}

bool GraphSession::waitUntil(const JobContext& context, const std::function<bool()>& done)
{
    if (done())
        return true;
    QEventLoop loop;
    QTimer poll;
    // Callbacks arrive from this loop; polling keeps the waiting code free of quit() calls
    // and notices a cancel written by another thread.
    poll.setInterval(5);
    QObject::connect(&poll, &QTimer::timeout, &loop, [&] {
        if (done() || context.isCancelled())
            loop.quit();
    });
    poll.start();
    loop.exec();
    return done();
}

} // namespace pv::capture
