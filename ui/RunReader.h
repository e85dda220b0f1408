// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

#include "core/common/TenantScope.h"
#include "core/runs/RunTypes.h"

#include <QList>
#include <QObject>
#include <QThreadPool>

#include <optional>

namespace pv {
class RunService;
}

namespace pv::ui {

/// Reads runs and run items for the pages on a private worker thread, so that following a
/// busy run never queries SQLite on the GUI thread (a run with 10,000 items made the GUI
/// stall for most of a second when the detail page re-read its items on the GUI thread).
///
/// Requests are coalesced: while a read is in flight, further requests for the same run
/// only mark it dirty, and one more read follows. Results come back as signals on the
/// thread that owns the reader. Only value types cross the thread boundary.
class RunReader final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RunReader)

public:
    explicit RunReader(const RunService& runService, QObject* parent = nullptr);
    ~RunReader() override;

    /// Reads the run record; emits runRead or readFailed.
    void readRun(const TenantScope& scope, qint64 runId);
    /// Reads the items whose ordinal is above `afterOrdinal`; emits itemsRead or readFailed.
    void readItems(const TenantScope& scope, qint64 runId, int afterOrdinal);

    /// True while a read is queued or running (tests wait on it).
    bool isBusy() const { return m_inFlight || !m_pending.isEmpty(); }

signals:
    void runRead(const pv::RunRecord& run);
    void itemsRead(qint64 runId, const QList<pv::RunItemRecord>& items);
    void readFailed(qint64 runId, const QString& message);

private:
    struct Request
    {
        std::optional<TenantScope> scope;   // always set; optional because a scope has no default
        qint64 runId = 0;
        bool run = false;
        bool items = false;
        int afterOrdinal = -1;
    };
    struct Outcome;

    void enqueue(const TenantScope& scope, qint64 runId, bool run, bool items, int afterOrdinal);
    void startNext();
    void finished(const Outcome& outcome);

    const RunService& m_runService;
    QThreadPool m_pool;
    QList<Request> m_pending;
    bool m_inFlight = false;
};

} // namespace pv::ui
