// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "ui/RunReader.h"

#include "core/runs/RunService.h"

#include <QMetaObject>

namespace pv::ui {

RunReader::RunReader(const RunService& runService, QObject* parent)
    : QObject(parent)
    , m_runService(runService)
{
    // One worker: reads are ordered, and the database sees one extra reader.
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
    enqueueRun(scope, runId, true, false, -1);
}

void RunReader::readItems(const TenantScope& scope, qint64 runId, int afterOrdinal)
{
    enqueueRun(scope, runId, false, true, afterOrdinal);
}

void RunReader::enqueueRun(const TenantScope& scope, qint64 runId, bool run, bool items, int afterOrdinal)
{
    for (Pending& pending : m_pending) {
        if (!pending.runRequest)
            continue;
        RunRequest& request = *pending.runRequest;
        if (request.runId == runId && request.scope->tenantId() == scope.tenantId()) {
            request.run = request.run || run;
            if (items) {
                request.afterOrdinal = request.items ? qMin(request.afterOrdinal, afterOrdinal) : afterOrdinal;
                request.items = true;
            }
            return;
        }
    }
    m_pending.append(Pending{QString(), RunRequest{scope, runId, run, items, afterOrdinal}, {}});
    startNext();
}

void RunReader::enqueueTask(const QString& key, Task task)
{
    if (!key.isEmpty()) {
        for (Pending& pending : m_pending) {
            if (pending.key == key) {
                pending.task = std::move(task);
                return;
            }
        }
    }
    m_pending.append(Pending{key, std::nullopt, std::move(task)});
    startNext();
}

RunReader::Task RunReader::runTask(const RunRequest& request)
{
    const RunService* service = &m_runService;
    RunReader* self = this;
    return [service, self, request]() -> std::function<void()> {
        const TenantScope scope = *request.scope;
        std::optional<RunRecord> run;
        std::optional<QList<RunItemRecord>> items;
        QString error;
        if (request.run) {
            auto read = service->run(scope, request.runId);
            if (read)
                run = std::move(read).value();
            else
                error = read.error().message;
        }
        if (request.items && error.isEmpty()) {
            auto read = service->items(scope, request.runId, request.afterOrdinal);
            if (read)
                items = std::move(read).value();
            else
                error = read.error().message;
        }
        return [self, runId = request.runId, run = std::move(run), items = std::move(items), error] {
            if (!error.isEmpty())
                emit self->readFailed(runId, error);
            if (run)
                emit self->runRead(*run);
            if (items)
                emit self->itemsRead(runId, *items);
        };
    };
}

void RunReader::startNext()
{
    if (m_inFlight || m_pending.isEmpty())
        return;
    Pending next = m_pending.takeFirst();
    Task task = next.runRequest ? runTask(*next.runRequest) : std::move(next.task);
    m_inFlight = true;
    RunReader* self = this;
    m_pool.start([self, task = std::move(task)] {
        std::function<void()> deliver = task();
        // The destructor waits for this task, so `self` is alive here; Qt drops the queued
        // call if the reader is gone by the time the event loop would run it.
        QMetaObject::invokeMethod(
            self,
            [self, deliver = std::move(deliver)] {
                self->m_inFlight = false;
                const QPointer<RunReader> alive(self);
                deliver();   // may, in theory, delete the page that owns the reader
                if (alive)
                    self->startNext();
            },
            Qt::QueuedConnection);
    });
}

} // namespace pv::ui
