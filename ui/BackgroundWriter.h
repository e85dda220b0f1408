// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

#include <QObject>
#include <QPointer>
#include <QThreadPool>

#include <functional>
#include <utility>

namespace pv::ui {

/// Runs the screens' store writes (mark read, cancel, resume) on one private thread, in the
/// order they were asked for, and hands each result back on the GUI thread. A write can wait
/// up to the store's busy timeout while another process (the CLI, a second window) holds
/// the write lock; on the GUI thread that wait would freeze the window.
class BackgroundWriter final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BackgroundWriter)

public:
    explicit BackgroundWriter(QObject* parent = nullptr);
    /// Waits for a write in flight: it owns nothing of ours, but its caller's data must outlive it.
    ~BackgroundWriter() override;

    /// Runs `write` off the GUI thread, then `done(result)` on this object's thread, unless
    /// `receiver` was destroyed in the meantime.
    template<typename R>
    void run(QObject* receiver, std::function<R()> write, std::function<void(R)> done)
    {
        ++m_pending;
        QPointer<QObject> guard(receiver);
        m_pool.start([this, guard, write = std::move(write), done = std::move(done)]() mutable {
            R result = write();
            QMetaObject::invokeMethod(
                this,
                [this, guard, done = std::move(done), result = std::move(result)]() mutable {
                    --m_pending;
                    if (guard)
                        done(std::move(result));
                },
                Qt::QueuedConnection);
        });
    }

    /// True while a write is queued, running, or its result not yet delivered.
    bool isBusy() const { return m_pending > 0; }

private:
    QThreadPool m_pool;
    int m_pending = 0;
};

} // namespace pv::ui
