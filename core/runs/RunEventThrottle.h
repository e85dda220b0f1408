// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

#include <QElapsedTimer>
#include <QHash>
#include <QObject>

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>

namespace pv {

/// Coalesces "run changed" events on the service's thread to at most one per run per
/// interval: the first change is passed on at once, later ones within the interval are
/// folded into one delivered when the interval ends.
class RunEventThrottle final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RunEventThrottle)

public:
    using Sink = std::function<void(qint64 tenantId, qint64 runId)>;

    RunEventThrottle(std::chrono::milliseconds interval, Sink sink, QObject* parent = nullptr);

    /// `posted`, when given, is the poster's "a wake-up is on its way" flag: it is cleared
    /// right before the change is passed on, so a worker posts again only for changes the
    /// receivers cannot have seen yet — at most one post per delivered event.
    void touch(qint64 tenantId, qint64 runId, std::shared_ptr<std::atomic_bool> posted = {});
    /// Passes the run's change on now (its final state) and forgets the run.
    void flush(qint64 tenantId, qint64 runId);

private:
    struct Entry
    {
        qint64 tenantId = 0;
        qint64 lastEmitMs = -1;
        bool scheduled = false;
        std::shared_ptr<std::atomic_bool> posted;
    };

    void deliver(qint64 runId, Entry& entry);

    void deliverScheduled(qint64 runId);

    qint64 m_intervalMs;
    Sink m_sink;
    QElapsedTimer m_clock;
    QHash<qint64, Entry> m_entries;
};

} // namespace pv
