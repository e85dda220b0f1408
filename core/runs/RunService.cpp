// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "core/runs/RunService.h"

#include "core/runs/AccessGate.h"
#include "core/runs/NotificationRepository.h"
#include "core/runs/PeriodicWorker.h"
#include "core/runs/ProcessInfo.h"
#include "core/runs/RunEventThrottle.h"
#include "core/runs/RunExecutor.h"
#include "core/runs/RunItemRepository.h"
#include "core/runs/RunNotifications.h"
#include "core/runs/RunQueue.h"
#include "core/runs/RunRepository.h"
#include "core/runs/RunsLog.h"
#include "core/store/AuditLog.h"
#include "core/store/Database.h"

#include <QElapsedTimer>
#include <QHash>
#include <QJsonDocument>
#include <QMetaObject>

#include <mutex>

namespace pv {

namespace {

struct Ended
{
    qint64 tenantId = 0;
    qint64 runId = 0;
    RunStatus status = RunStatus::Interrupted;
    qint64 notificationId = 0;
};

} // namespace

struct RunService::Private
{
    RunService* q = nullptr;
    std::shared_ptr<Database> database;
    Options options;
    AccessGate gate;
    ProcessIdentity self = currentProcess();
    mutable std::mutex kindsMutex;
    QHash<QString, JobKind> kinds;
    RunEventThrottle* throttle = nullptr;
    int lastEmittedCount = 0;
    RunQueue queue;
    // Held while a start inserts a run and queues it, and while recovery decides that a run
    // of this process is orphaned: between the insert and the enqueue a run of ours is
    // legitimately absent from the queue.
    std::mutex startMutex;
    std::unique_ptr<PeriodicWorker> supervisor;
    QElapsedTimer sinceRecovery;

    Private(RunService* service, std::shared_ptr<Database> db, Options opts)
        : q(service), database(std::move(db)), options(std::move(opts)), gate(database),
          queue(options.maxConcurrentRuns)
    {
    }

    std::optional<JobKind> kind(const QString& name) const
    {
        std::lock_guard lock(kindsMutex);
        const auto it = kinds.constFind(name);
        if (it == kinds.constEnd())
            return std::nullopt;
        return *it;
    }

    QString displayName(const QString& name) const
    {
        const auto k = kind(name);
        return k && !k->displayName.isEmpty() ? k->displayName : name;
    }

    // Signals leave only from the service's thread; workers and foreign callers post here.
    void postChanged(qint64 tenantId, qint64 runId)
    {
        RunEventThrottle* t = throttle;
        QMetaObject::invokeMethod(q, [t, tenantId, runId] { t->touch(tenantId, runId); }, Qt::QueuedConnection);
    }

    void postEnded(const Ended& e)
    {
        RunService* service = q;
        RunEventThrottle* t = throttle;
        QMetaObject::invokeMethod(
            q,
            [service, t, e] {
                t->flush(e.tenantId, e.runId);
                emit service->runFinished(e.tenantId, e.runId, e.status);
                if (e.notificationId > 0)
                    emit service->notificationAdded(e.tenantId, e.notificationId);
            },
            Qt::QueuedConnection);
    }

    void postRecovered(const QList<RecoveredRun>& recovered)
    {
        if (recovered.isEmpty())
            return;
        RunService* service = q;
        RunEventThrottle* t = throttle;
        QMetaObject::invokeMethod(
            q,
            [service, t, recovered] {
                for (const RecoveredRun& r : recovered) {
                    t->flush(r.tenantId, r.runId);
                    emit service->notificationAdded(r.tenantId, r.notificationId);
                }
                emit service->runsRecovered(recovered);
            },
            Qt::QueuedConnection);
    }

    /// A run's owner is gone: another process that died, or this process when its queue no
    /// longer holds the run (call with startMutex held).
    bool ownerIsGone(const RunRecord& run) const
    {
        const ProcessIdentity owner{run.ownerPid, run.ownerStartedAt, run.ownerHost};
        if (owner == self)
            return !queue.contains(run.id);
        return !isProcessAlive(owner);
    }

    void supervise();

    void postActiveCount()
    {
        Private* self_ = this;
        QMetaObject::invokeMethod(
            q,
            [self_] {
                const int count = self_->queue.activeCount();
                if (count != self_->lastEmittedCount) {
                    self_->lastEmittedCount = count;
                    emit self_->q->activeRunCountChanged(count);
                }
            },
            Qt::QueuedConnection);
    }

    Result<RunRef> createRun(const TenantScope& scope, const RunRequest& request, const JobKind& kind,
                             qint64 parentRunId, QList<RecoveredRun>* reaped);
    void enqueue(const TenantScope& scope, qint64 runId, qint64 parentRunId, const QJsonObject& parameters,
                 const JobKind& kind);
    Result<RunRef> startRun(const TenantScope& scope, const RunRequest& request, const JobKind& kind,
                            qint64 parentRunId);
};

Result<RunRef> RunService::Private::createRun(const TenantScope& scope, const RunRequest& request,
                                              const JobKind& kind, qint64 parentRunId, QList<RecoveredRun>* reaped)
{
    const QString key = RunRepository::dedupeKey(scope.tenantId(), request.kind, request.target);
    const QString parameters = RunRepository::storedParameters(request.parameters);
    RunRef ref;
    QList<RecoveredRun> found;
    const Status s = database->writeTransaction([&](QSqlDatabase& db) -> Status {
        found.clear();
        RunRepository runs(db);
        // The scope's flag may be older than this start (the window keeps its scope).
        if (kind.writesToTenant) {
            auto readOnly = runs.tenantIsReadOnly(scope);
            if (!readOnly)
                return readOnly.failure();
            if (*readOnly)
                return fail(ErrorCode::AccessDenied,
                            QStringLiteral("the tenant is read-only; \"%1\" writes to it").arg(request.kind));
        }
        // An active run whose owner is gone would block its key (or the tenant's writer slot)
        // forever: it ends here.
        auto endIfOwnerGone = [&](const Result<std::optional<RunRecord>>& active) -> Status {
            if (!active)
                return active.failure();
            if (!*active || !ownerIsGone(**active))
                return {};
            auto note = RunNotifications::interrupt(db, scope, (*active)->id, displayName((*active)->kind));
            if (!note)
                return note.failure();
            if (*note)
                found.append(RecoveredRun{scope.tenantId(), (*active)->id, **note});
            return {};
        };
        if (Status e = endIfOwnerGone(runs.activeByDedupeKey(scope, key)); !e)
            return e;
        if (kind.writesToTenant) {
            if (Status e = endIfOwnerGone(runs.activeWriter(scope)); !e)
                return e;
        }

        RunRepository::NewRun run{request.kind, request.target, key, request.parameters, request.initiator,
                                  parentRunId, self, kind.writesToTenant};
        auto id = runs.insertQueued(scope, run);
        if (id) {
            ref = RunRef{*id, false};
            // Audited in the same transaction: the run exists if and only if its row does.
            return AuditLog(database).append(
                scope.tenantId(), AuditLog::localActor(),
                parentRunId > 0 ? QStringLiteral("run.resume") : QStringLiteral("run.start"),
                QStringLiteral("run %1").arg(*id),
                parentRunId > 0 ? QStringLiteral("kind %1, target %2, via %3, resumes run %4")
                                      .arg(request.kind, request.target, request.initiator)
                                      .arg(parentRunId)
                                : QStringLiteral("kind %1, target %2, via %3").arg(request.kind, request.target, request.initiator));
        }
        if (id.error().code != ErrorCode::Conflict)
            return id.failure();
        // The database refused a second row: find the winner.
        if (parentRunId > 0) {
            auto child = runs.childOf(scope, parentRunId);
            if (!child)
                return child.failure();
            if (*child) {
                ref = RunRef{(*child)->id, true};
                return {};
            }
        }
        auto winner = runs.activeByDedupeKey(scope, key);
        if (!winner)
            return winner.failure();
        if (*winner) {
            if (parentRunId > 0)
                return fail(ErrorCode::Conflict, QStringLiteral("run %1 with the same kind and target is already active")
                                                     .arg((*winner)->id));
            // Same kind and target but other parameters is other work: never hand it back.
            if (RunRepository::storedParameters((*winner)->parameters) != parameters)
                return fail(ErrorCode::Conflict,
                            QStringLiteral("run %1 (%2) is already active for the same target with other parameters")
                                .arg((*winner)->id)
                                .arg(displayName((*winner)->kind)));
            ref = RunRef{(*winner)->id, true};
            return {};
        }
        if (kind.writesToTenant) {
            auto writer = runs.activeWriter(scope);
            if (!writer)
                return writer.failure();
            if (*writer)
                return fail(ErrorCode::Conflict, QStringLiteral("run %1 (%2) is already writing to this tenant")
                                                     .arg((*writer)->id)
                                                     .arg(displayName((*writer)->kind)));
        }
        return id.failure();
    });
    if (!s)
        return s.failure();
    reaped->append(found);
    return ref;
}

void RunService::Private::enqueue(const TenantScope& scope, qint64 runId, qint64 parentRunId,
                                  const QJsonObject& parameters, const JobKind& kind)
{
    auto pending = std::make_shared<std::atomic_bool>(false);
    RunExecutor::Work work{database,
                           scope,
                           runId,
                           parentRunId,
                           parameters,
                           kind.displayName.isEmpty() ? kind.kind : kind.displayName,
                           kind.writesToTenant,
                           kind.create,
                           kind.createAsync,
                           options.jobServices};
    RunExecutor::Callbacks callbacks;
    const qint64 tenantId = scope.tenantId();
    // A worker posts a wake-up only when none is on its way: the flag stays set until the
    // throttle on the service's thread actually passes a change on (receivers then read the
    // latest committed state), so a 10,000-item run wakes that thread about 10 times a second,
    // not once per item.
    callbacks.changed = [this, pending, tenantId, runId] {
        if (!pending->exchange(true)) {
            RunEventThrottle* t = throttle;
            QMetaObject::invokeMethod(
                q, [t, pending, tenantId, runId] { t->touch(tenantId, runId, pending); }, Qt::QueuedConnection);
        }
    };
    callbacks.finished = [this, tenantId, runId](RunStatus status, qint64 notificationId) {
        postEnded(Ended{tenantId, runId, status, notificationId});
    };
    callbacks.itemCommitted = options.itemCommittedHook;
    queue.enqueue(runId, [work = std::move(work), callbacks = std::move(callbacks)](const std::atomic_bool& cancel) {
        RunExecutor(work, callbacks).run(cancel);
    });
}

RunService::RunService(std::shared_ptr<Database> database, Options options, QObject* parent)
    : QObject(parent), d(std::make_unique<Private>(this, std::move(database), std::move(options)))
{
    qRegisterMetaType<pv::RunStatus>("pv::RunStatus");
    qRegisterMetaType<QList<pv::RecoveredRun>>("QList<pv::RecoveredRun>");
    d->throttle = new RunEventThrottle(
        d->options.eventInterval, [this](qint64 tenantId, qint64 runId) { emit runChanged(tenantId, runId); }, this);
    d->queue.setActiveCountChangedCallback([p = d.get()](int) { p->postActiveCount(); });
    d->sinceRecovery.start();
    if (d->options.cancelPollInterval.count() > 0)
        d->supervisor = std::make_unique<PeriodicWorker>(d->options.cancelPollInterval, [p = d.get()] { p->supervise(); });
}

void RunService::Private::supervise()
{
    // Cancel requests that other processes wrote for the runs executing here.
    const QList<qint64> mine = queue.activeRunIds();
    if (!mine.isEmpty()) {
        auto requested = RunRepository::cancelRequested(database->connection(), mine);
        if (requested) {
            for (qint64 runId : std::as_const(*requested)) {
                if (queue.requestCancel(runId))
                    qCInfo(lcRuns, "run %lld: cancel requested by another process", static_cast<long long>(runId));
            }
        }
    }
    if (options.recoveryInterval.count() > 0 && sinceRecovery.hasExpired(options.recoveryInterval.count())) {
        sinceRecovery.restart();
        q->recoverInterrupted();
    }
}

RunService::RunService(std::shared_ptr<Database> database, QObject* parent)
    : RunService(std::move(database), Options{}, parent)
{
}

RunService::~RunService()
{
    // The supervisor reads the queue and posts to this object: it goes first.
    d->supervisor.reset();
    // Workers post to this object; they must all be gone before it is.
    d->queue.shutdown();
}

void RunService::registerKind(JobKind kind)
{
    std::lock_guard lock(d->kindsMutex);
    const QString name = kind.kind;
    d->kinds.insert(name, std::move(kind));
}

bool RunService::hasKind(const QString& kind) const
{
    return d->kind(kind).has_value();
}

QString RunService::kindDisplayName(const QString& kind) const
{
    return d->displayName(kind);
}

int RunService::recoverInterrupted()
{
    auto tenants = RunRepository::tenantsWithActiveRuns(d->database->connection());
    if (!tenants)
        return 0;
    QList<RecoveredRun> recovered;
    std::lock_guard lock(d->startMutex);
    for (qint64 tenantId : std::as_const(*tenants)) {
        auto scope = d->gate.enter(tenantId);
        if (!scope)
            continue;
        auto active = RunRepository(d->database->connection()).activeRuns(*scope);
        if (!active)
            continue;
        for (const RunRecord& run : std::as_const(*active)) {
            // A live owner's runs are never touched: a CLI beside the GUI leaves them alone.
            if (!d->ownerIsGone(run))
                continue;
            std::optional<qint64> note;
            const Status s = d->database->writeTransaction([&](QSqlDatabase& db) -> Status {
                auto r = RunNotifications::interrupt(db, *scope, run.id, d->displayName(run.kind));
                if (!r)
                    return r.failure();
                note = *r;
                return {};
            });
            if (!s)
                qCWarning(lcRuns, "run %lld: could not mark it interrupted: %s", static_cast<long long>(run.id),
                          qUtf8Printable(s.error().toString()));
            if (s && note) {
                qCInfo(lcRuns, "run %lld interrupted: its owner (pid %lld on %s) no longer executes it",
                       static_cast<long long>(run.id), static_cast<long long>(run.ownerPid),
                       qUtf8Printable(run.ownerHost));
                recovered.append(RecoveredRun{tenantId, run.id, *note});
            }
        }
    }
    d->postRecovered(recovered);
    return int(recovered.size());
}

Result<RunRef> RunService::start(const TenantScope& scope, const RunRequest& request)
{
    const auto kind = d->kind(request.kind);
    if (!kind)
        return fail(ErrorCode::InvalidArgument, QStringLiteral("unknown run kind \"%1\"").arg(request.kind));
    if (kind->writesToTenant && scope.isReadOnly())
        return fail(ErrorCode::AccessDenied, QStringLiteral("the tenant is read-only; \"%1\" writes to it").arg(request.kind));
    return d->startRun(scope, request, *kind, 0);
}

Result<RunRef> RunService::Private::startRun(const TenantScope& scope, const RunRequest& request, const JobKind& kind,
                                             qint64 parentRunId)
{
    QList<RecoveredRun> reaped;
    Result<RunRef> ref = fail(ErrorCode::Internal, QStringLiteral("not started"));
    {
        std::lock_guard lock(startMutex);
        ref = createRun(scope, request, kind, parentRunId, &reaped);
        if (ref && !ref->reused)
            enqueue(scope, ref->runId, parentRunId, request.parameters, kind);
    }
    postRecovered(reaped);
    if (ref && !ref->reused)
        postChanged(scope.tenantId(), ref->runId);
    return ref;
}

Result<RunRef> RunService::resume(const TenantScope& scope, qint64 runId)
{
    auto parent = RunRepository(d->database->connection()).get(scope, runId);
    if (!parent)
        return parent.failure();
    if (!isResumable(parent->status))
        return fail(ErrorCode::Conflict, QStringLiteral("run %1 is %2 and cannot be resumed")
                                             .arg(runId)
                                             .arg(runStatusName(parent->status)));
    const auto kind = d->kind(parent->kind);
    if (!kind)
        return fail(ErrorCode::Unsupported,
                    QStringLiteral("this version of PolicyVault cannot resume runs of kind \"%1\"").arg(parent->kind));
    if (kind->writesToTenant && scope.isReadOnly())
        return fail(ErrorCode::AccessDenied, QStringLiteral("the tenant is read-only; \"%1\" writes to it").arg(parent->kind));
    const RunRequest request{parent->kind, parent->target, parent->parameters, parent->initiator};
    return d->startRun(scope, request, *kind, runId);
}

Status RunService::cancel(const TenantScope& scope, qint64 runId)
{
    auto run = RunRepository(d->database->connection()).get(scope, runId);
    if (!run)
        return run.failure();
    if (!isActive(run->status))
        return fail(ErrorCode::Conflict, QStringLiteral("run %1 has already ended").arg(runId));

    // Ours: raise the flag first, so a worker that takes the run in the meantime stops.
    const bool ours = d->queue.requestCancel(runId);
    std::optional<Ended> ended;
    const QString kindName = d->displayName(run->kind);
    Status s = d->database->writeTransaction([&](QSqlDatabase& db) -> Status {
        ended.reset();
        if (Status audited = AuditLog(d->database).append(scope.tenantId(), AuditLog::localActor(),
                                                          QStringLiteral("run.cancel"), QStringLiteral("run %1").arg(runId));
            !audited)
            return audited;
        // A queued run is cancelled in the database, whoever queued it: its worker's claim
        // then finds it no longer queued and does nothing.
        auto cancelled = RunRepository(db).cancelQueued(scope, runId);
        if (!cancelled)
            return cancelled.failure();
        if (*cancelled) {
            auto note = RunNotifications::writeEnd(db, scope, runId, kindName, RunStatus::Cancelled, {});
            if (!note)
                return note.failure();
            ended = Ended{scope.tenantId(), runId, RunStatus::Cancelled, *note};
            return {};
        }
        if (ours)
            return {};   // running here: the worker stops between items
        const ProcessIdentity owner{run->ownerPid, run->ownerStartedAt, run->ownerHost};
        if (owner != d->self && isProcessAlive(owner)) {
            // Another live process executes it: ask it on the run's row; its supervisor
            // raises the run's cancel flag there.
            auto requested = RunRepository(db).requestCancel(scope, runId);
            if (!requested)
                return requested.failure();
            return {};
        }
        // Its owner is gone (or it is ours and our queue lost it): nothing will end it.
        auto note = RunNotifications::interrupt(db, scope, runId, kindName);
        if (!note)
            return note.failure();
        if (*note)
            ended = Ended{scope.tenantId(), runId, RunStatus::Interrupted, **note};
        return {};
    });
    if (!s)
        return s;
    if (ended) {
        if (ended->status == RunStatus::Cancelled)
            d->queue.dropIfNotStarted(runId);
        d->postEnded(*ended);
    }
    return {};
}

Result<RunRecord> RunService::run(const TenantScope& scope, qint64 runId) const
{
    return RunRepository(d->database->connection()).get(scope, runId);
}

Result<QList<RunRecord>> RunService::runs(const TenantScope& scope, const RunFilter& filter) const
{
    return RunRepository(d->database->connection()).list(scope, filter);
}

Result<QList<RunItemRecord>> RunService::items(const TenantScope& scope, qint64 runId, int afterOrdinal) const
{
    return RunItemRepository(d->database->connection()).list(scope, runId, afterOrdinal);
}

Result<QList<NotificationRecord>> RunService::notifications(const TenantScope& scope, bool unreadOnly) const
{
    return NotificationRepository(d->database->connection()).list(scope, unreadOnly);
}

Result<NotificationRecord> RunService::notification(const TenantScope& scope, qint64 notificationId) const
{
    return NotificationRepository(d->database->connection()).get(scope, notificationId);
}

Result<int> RunService::unreadNotificationCount(const TenantScope& scope) const
{
    return NotificationRepository(d->database->connection()).unreadCount(scope);
}

Status RunService::markNotificationRead(const TenantScope& scope, qint64 notificationId)
{
    return d->database->writeTransaction([&](QSqlDatabase& db) {
        return NotificationRepository(db).markRead(scope, notificationId);
    });
}

Status RunService::markAllNotificationsRead(const TenantScope& scope)
{
    return d->database->writeTransaction([&](QSqlDatabase& db) -> Status {
        auto n = NotificationRepository(db).markAllRead(scope);
        if (!n)
            return n.failure();
        return {};
    });
}

int RunService::activeRunCount() const
{
    return d->queue.activeCount();
}

bool RunService::waitForIdle(std::chrono::milliseconds timeout)
{
    return d->queue.waitForIdle(timeout);
}

} // namespace pv
