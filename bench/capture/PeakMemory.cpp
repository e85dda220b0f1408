// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "PeakMemory.h"

#include <QtGlobal>

#if defined(Q_OS_WIN)
#include <windows.h>
#include <psapi.h>
#elif defined(Q_OS_LINUX)
#include <QFile>
#include <ctime>
#else
#include <ctime>
#include <sys/resource.h>
#endif

qint64 peakResidentBytes()
{
#if defined(Q_OS_WIN)
    PROCESS_MEMORY_COUNTERS counters{};
    if (!GetProcessMemoryInfo(GetCurrentProcess(), &counters, sizeof(counters)))
        return -1;
    return static_cast<qint64>(counters.PeakWorkingSetSize);
#elif defined(Q_OS_LINUX)
    // "VmHWM:    123456 kB" — the resident set's high-water mark.
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (QByteArray line = status.readLine(); !line.isEmpty(); line = status.readLine()) {
        if (line.startsWith("VmHWM:"))
            return line.mid(6).trimmed().split(' ').first().toLongLong() * 1024;
    }
    return -1;
#else
    struct rusage usage{};
    if (getrusage(RUSAGE_SELF, &usage) != 0)
        return -1;
    return static_cast<qint64>(usage.ru_maxrss);   // bytes on macOS
#endif
}

qint64 threadCpuNs()
{
#if defined(Q_OS_WIN)
    FILETIME created{}, exited{}, kernel{}, user{};
    if (!GetThreadTimes(GetCurrentThread(), &created, &exited, &kernel, &user))
        return -1;
    auto ticks = [](const FILETIME& t) { return (qint64(t.dwHighDateTime) << 32) | qint64(t.dwLowDateTime); };
    return (ticks(kernel) + ticks(user)) * 100;   // 100 ns units
#else
    timespec now{};
    if (clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now) != 0)
        return -1;
    return qint64(now.tv_sec) * 1'000'000'000 + now.tv_nsec;
#endif
}
