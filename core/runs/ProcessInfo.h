// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

#include <QString>
#include <QtGlobal>

namespace pv {

/// A process as the operating system names it: its id plus its start time, so that a pid
/// reused by a later process is not mistaken for the original owner of a run.
/// startTime is in an OS-specific unit (Linux: clock ticks since boot; Windows: FILETIME;
/// macOS: microseconds since the epoch) and is only ever compared for equality.
///
/// `host` names the machine (lower-case host name): a store shared later between machines
/// (a network folder, PostgreSQL) must never judge another machine's process by a local pid.
/// Empty for owners recorded before schema 3: those are judged locally, as they were.
struct ProcessIdentity
{
    qint64 pid = 0;
    qint64 startTime = 0;
    QString host{};

    friend bool operator==(const ProcessIdentity&, const ProcessIdentity&) = default;
};

/// This process, with this machine's host name.
ProcessIdentity currentProcess();

/// This machine's name as runs record it.
QString currentHostName();

/// True when a process with this pid runs and started at `identity.startTime`. A pid that
/// now belongs to another process (different start time) and a zombie count as dead. A
/// startTime of 0 means "unknown": then only the pid is checked. A process of another host
/// is always "alive": nothing here can tell otherwise.
bool isProcessAlive(const ProcessIdentity& identity);

} // namespace pv
