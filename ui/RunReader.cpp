// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "ui/RunReader.h"

#include "core/runs/RunService.h"

#include <QMetaObject>

#include <optional>

namespace pv::ui {

struct RunReader::Outcome
{
    qint64 runId = 0;
    std::optional<RunRecord> run;
    std::optional<QList<RunItemRecord>> items;
    QString error;
};

RunReader::RunReader(const RunService& runService, QObject* parent)
    : QObject(parent)
    , m_runService(runService)
{
    // One worker: reads of one page are ordered, and the database sees one extra reader.
    m_pool.setMaxThreadCount(1);
    m_pool.setObjectName(QStringLiteral("pv-ui-reader"));
}

RunReader::~RunReader()
{
    m_pending.clear();
    m_pool.waitForDone();
}

void RunReader::readRun(const TenantScope& scope, qint64 runId)
{
    enqueue(scope, runId, true, false, -1);
}

void RunReader::readItems(const TenantScope& scope, qint64 runId, int afterOrdinal)
{
    enqueue(scope, runId, false, true, afterOrdinal);
}

void RunReader::enqueue(const TenantScope& scope, qint64 runId, bool run, bool items, int afterOrdinal)
{
    for (Request& pending : m_pending) {
        if (pending.runId == runId && pending.scope->tenantId() == scope.tenantId()) {
            pending.run = pending.run || run;
            if (items) {
                pending.afterOrdinal = pending.items ? qMin(pending.afterOrdinal, afterOrdinal) : afterOrdinal;
                pending.items = true;
            }
            return;
        }
    }
    m_pending.append(Request{scope, runId, run, items, afterOrdinal});
    startNext();
}

void RunReader::startNext()
{
    if (m_inFlight || m_pending.isEmpty())
        return;
    const Request request = m_pending.takeFirst();
    const TenantScope scope = *request.scope;
    m_inFlight = true;
    const RunService* service = &m_runService;
    RunReader* self = this;
    m_pool.start([service, scope, request, self] {
        Outcome outcome;
        outcome.runId = request.runId;
        if (request.run) {
            auto run = service->run(scope, request.runId);
            if (run)
                outcome.run = std::move(run).value();
            else
                outcome.error = run.error().message;
        }
        if (request.items && outcome.error.isEmpty()) {
            auto items = service->items(scope, request.runId, request.afterOrdinal);
            if (items) {
                outcome.items = std::move(items).value();
            } else {
                outcome.error = items.error().message;
            }
        }
        // The destructor waits for this task, so `self` is alive here; Qt drops the queued
        // call if the reader is gone by the time the event loop would run it.
        QMetaObject::invokeMethod(self, [self, outcome] { self->finished(outcome); }, Qt::QueuedConnection);
    });
}

void RunReader::finished(const Outcome& outcome)
{
    m_inFlight = false;
    if (!outcome.error.isEmpty())
        emit readFailed(outcome.runId, outcome.error);
    if (outcome.run)
        emit runRead(*outcome.run);
    if (outcome.items)
        emit itemsRead(outcome.runId, *outcome.items);
    startNext();
}

} // namespace pv::ui
