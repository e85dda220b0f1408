// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "core/capture/CapturePolicyJob.h"

#include "core/capture/BackupJob.h"
#include "core/capture/GraphSession.h"
#include "core/capture/ItemRecorder.h"
#include "core/capture/ObjectReader.h"
#include "core/runs/RunRepository.h"
#include "core/store/Database.h"

namespace pv::capture {

CapturePolicyJob::CapturePolicyJob() = default;
CapturePolicyJob::~CapturePolicyJob() = default;

Result<QList<JobItem>> CapturePolicyJob::plan(const JobContext& context)
{
    auto session = GraphSession::open(context);
    if (!session)
        return session.failure();
    m_session = std::move(*session);
    auto run = RunRepository(m_session->database()->connection()).get(m_session->scope(), context.runId);
    if (!run)
        return run.failure();
    bool isNumber = false;
    const qint64 policyId = run->target.toLongLong(&isNumber);
    if (!isNumber || policyId <= 0)
        return fail(ErrorCode::InvalidArgument, QStringLiteral("\"%1\" is not a PolicyVault policy id").arg(run->target));
    auto policy = m_session->snapshots().policy(m_session->scope(), policyId);
    if (!policy)
        return policy.failure();
    m_policy = *policy;
    return QList<JobItem>{JobItem{BackupJob::itemKey(m_policy.typeKey, m_policy.graphId), m_policy.displayName}};
}

void CapturePolicyJob::start(const JobContext& context, const QList<JobItem>& items, ItemSink& sink)
{
    m_sink = &sink;
    if (items.isEmpty()) {
        m_done = true;
        sink.finished();
        return;
    }
    ReadTarget target;
    target.typeKey = m_policy.typeKey;
    target.graphId = m_policy.graphId;
    const qint64 runId = context.runId;
    readObjects(m_session->client(), {target}, [this, runId](int, Result<QJsonObject> object) {
        if (m_done)
            return;
        const RecordedItem recorded = recordObject(m_session->snapshots(), m_session->scope(), runId, m_policy.typeKey,
                                                   m_policy.graphId, m_policy.displayName, QString(), object);
        m_sink->completed(0, recorded.item);
        m_done = true;
        m_sink->finished();
    });
}

void CapturePolicyJob::cancel()
{
    if (m_session)
        m_session->closeClient();
    if (!m_done && m_sink) {
        m_done = true;
        m_sink->finished();
    }
}

} // namespace pv::capture
