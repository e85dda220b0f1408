// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

#include <QObject>

#include <chrono>
#include <memory>

namespace pv {

class Database;

/// Notices when another connection committed to the store — another process (the CLI, a
/// detached worker, a second window) or another thread of this one — so that screens can show
/// runs, notifications and tenants written elsewhere while they are open.
///
/// It polls SQLite's `PRAGMA data_version` on its own thread and its own connection: the value
/// changes exactly when a connection other than the one asking has committed, and reading it
/// touches only the WAL index (no table is read and no lock is taken), so polling twice a
/// second costs nothing measurable. The GUI thread never waits for it.
///
/// changed() is emitted on the thread that owns the watcher (the GUI thread), through its event
/// loop, and is coalesced: however many commits land between two polls, and however long the
/// receiver takes, at most one changed() is on its way at a time. It says only "something
/// changed"; receivers re-read what they show, off the GUI thread.
class StoreWatcher final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StoreWatcher)

public:
    struct Options
    {
        std::chrono::milliseconds interval{500};   ///< time between two polls
    };

    StoreWatcher(std::shared_ptr<Database> database, Options options, QObject* parent = nullptr);
    explicit StoreWatcher(std::shared_ptr<Database> database, QObject* parent = nullptr);
    /// Stops the polling thread and waits for it (at most one poll).
    ~StoreWatcher() override;

    /// Starts polling; the first poll takes the baseline (it reports nothing). No-op when running.
    void start();
    /// Stops polling and waits for the thread; no changed() is emitted after it returns.
    void stop();
    bool isRunning() const;

    /// Polls completed since start() — lets tests wait for "a poll saw no change" without
    /// guessing a time.
    quint64 pollCount() const;

signals:
    void changed();

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace pv
