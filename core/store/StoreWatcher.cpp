// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "core/store/StoreWatcher.h"

#include "core/store/Database.h"

#include <QLoggingCategory>
#include <QMetaObject>
#include <QSqlError>
#include <QSqlQuery>
#include <QThread>

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <optional>

Q_LOGGING_CATEGORY(lcPvStoreWatcher, "pv.db.watcher")

namespace pv {

struct StoreWatcher::Private
{
    StoreWatcher* q = nullptr;
    std::shared_ptr<Database> database;
    Options options;
    std::unique_ptr<QThread> thread;
    std::mutex mutex;
    std::condition_variable wake;
    bool stopRequested = false;
    // Set while a changed() is queued and not yet delivered: further changes fold into it.
    std::shared_ptr<std::atomic_bool> pending = std::make_shared<std::atomic_bool>(false);
    // Cleared by stop(): a changed() still queued then is dropped, not delivered.
    std::shared_ptr<std::atomic_bool> live = std::make_shared<std::atomic_bool>(false);
    std::atomic<quint64> polls{0};

    void loop();
    std::optional<qint64> readDataVersion(bool* warned);
};

std::optional<qint64> StoreWatcher::Private::readDataVersion(bool* warned)
{
    QSqlQuery query(database->connection());
    if (query.exec(QStringLiteral("PRAGMA data_version")) && query.next())
        return query.value(0).toLongLong();
    if (!*warned) {
        // Once: a store that cannot be read says so elsewhere; the log must not fill up.
        qCWarning(lcPvStoreWatcher, "cannot read the store's data version: %s",
                  qUtf8Printable(query.lastError().text()));
        *warned = true;
    }
    return std::nullopt;
}

void StoreWatcher::Private::loop()
{
    std::optional<qint64> last;
    bool warned = false;
    std::unique_lock lock(mutex);
    while (!stopRequested) {
        lock.unlock();
        const std::optional<qint64> version = readDataVersion(&warned);
        if (version && last && *version != *last && !pending->exchange(true)) {
            // The lambda holds the flag, not the watcher: if the watcher is gone by the time the
            // event loop runs it, Qt drops the call with its context object.
            StoreWatcher* watcher = q;
            QMetaObject::invokeMethod(
                q,
                [watcher, flag = pending, alive = live] {
                    flag->store(false);
                    if (alive->load())
                        emit watcher->changed();
                },
                Qt::QueuedConnection);
        }
        if (version)
            last = version;
        polls.fetch_add(1);
        lock.lock();
        wake.wait_for(lock, options.interval, [this] { return stopRequested; });
    }
}

StoreWatcher::StoreWatcher(std::shared_ptr<Database> database, Options options, QObject* parent)
    : QObject(parent), d(std::make_unique<Private>())
{
    d->q = this;
    d->database = std::move(database);
    d->options = options;
}

StoreWatcher::StoreWatcher(std::shared_ptr<Database> database, QObject* parent)
    : StoreWatcher(std::move(database), Options{}, parent)
{
}

StoreWatcher::~StoreWatcher()
{
    stop();
}

void StoreWatcher::start()
{
    if (d->thread)
        return;
    {
        std::lock_guard lock(d->mutex);
        d->stopRequested = false;
    }
    d->polls.store(0);
    d->pending = std::make_shared<std::atomic_bool>(false);
    d->live = std::make_shared<std::atomic_bool>(true);
    // A QThread, not a std::thread: the Database keeps one connection per QThread and closes
    // it when that thread finishes.
    d->thread.reset(QThread::create([p = d.get()] { p->loop(); }));
    d->thread->setObjectName(QStringLiteral("pv-store-watcher"));
    d->thread->start(QThread::LowPriority);
}

void StoreWatcher::stop()
{
    if (!d->thread)
        return;
    d->live->store(false);
    {
        std::lock_guard lock(d->mutex);
        d->stopRequested = true;
    }
    d->wake.notify_all();
    d->thread->wait();
    d->thread.reset();
}

bool StoreWatcher::isRunning() const
{
    return d->thread != nullptr;
}

quint64 StoreWatcher::pollCount() const
{
    return d->polls.load();
}

} // namespace pv
