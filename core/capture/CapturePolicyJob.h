// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

#include "core/runs/AsyncJob.h"
#include "core/store/SnapshotRepository.h"

#include <memory>

namespace pv::capture {

class GraphSession;

/// Kind "policy.capture_snapshot": reads one policy (or filter, or scope tag) the tenant already
/// holds in PolicyVault — its run's target is the PolicyVault id — in full, and records a new
/// version when its content changed. No tenant snapshot. Another tenant's id fails the run with
/// AccessDenied; a policy deleted in Graph is skipped.
class CapturePolicyJob final : public AsyncJob
{
public:
    CapturePolicyJob();
    ~CapturePolicyJob() override;

    Result<QList<JobItem>> plan(const JobContext& context) override;
    void start(const JobContext& context, const QList<JobItem>& items, ItemSink& sink) override;
    void cancel() override;

private:
    std::unique_ptr<GraphSession> m_session;
    PolicyRecord m_policy;
    ItemSink* m_sink = nullptr;
    bool m_done = false;
};

} // namespace pv::capture
