// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "core/runs/RunEventThrottle.h"

#include <QTimer>

namespace pv {

RunEventThrottle::RunEventThrottle(std::chrono::milliseconds interval, Sink sink, QObject* parent)
    : QObject(parent), m_intervalMs(qMax<qint64>(0, interval.count())), m_sink(std::move(sink))
{
    m_clock.start();
}

void RunEventThrottle::deliver(qint64 runId, Entry& entry)
{
    entry.lastEmitMs = m_clock.elapsed();
    // Cleared before the receivers look, so any change after this point posts anew.
    if (entry.posted)
        entry.posted->store(false);
    m_sink(entry.tenantId, runId);
}

void RunEventThrottle::touch(qint64 tenantId, qint64 runId, std::shared_ptr<std::atomic_bool> posted)
{
    Entry& entry = m_entries[runId];
    entry.tenantId = tenantId;
    if (posted)
        entry.posted = std::move(posted);
    if (entry.scheduled)
        return;
    const qint64 now = m_clock.elapsed();
    const qint64 since = entry.lastEmitMs < 0 ? m_intervalMs : now - entry.lastEmitMs;
    if (since >= m_intervalMs) {
        deliver(runId, entry);
        return;
    }
    entry.scheduled = true;
    QTimer::singleShot(std::chrono::milliseconds(m_intervalMs - since), this,
                       [this, runId] { deliverScheduled(runId); });
}

void RunEventThrottle::deliverScheduled(qint64 runId)
{
    const auto it = m_entries.find(runId);
    if (it == m_entries.end() || !it->scheduled)
        return;   // flushed in the meantime
    it->scheduled = false;
    deliver(runId, *it);
}

void RunEventThrottle::flush(qint64 tenantId, qint64 runId)
{
    const auto it = m_entries.find(runId);
    if (it != m_entries.end()) {
        if (it->posted)
            it->posted->store(false);
        m_entries.erase(it);
    }
    m_sink(tenantId, runId);
}

} // namespace pv
