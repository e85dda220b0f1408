// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "core/runs/ProcessInfo.h"

#include <QCoreApplication>
#include <QSysInfo>

#if defined(Q_OS_WIN)
#  include <windows.h>
#elif defined(Q_OS_LINUX)
#  include <QByteArray>
#  include <QFile>
#  include <QList>
#  include <cerrno>
#  include <csignal>
#  include <sys/types.h>
#elif defined(Q_OS_MACOS)
#  include <sys/proc.h>
#  include <sys/sysctl.h>
#  include <sys/types.h>
#else
#  include <cerrno>
#  include <csignal>
#  include <sys/types.h>
#endif

namespace pv {

#if defined(Q_OS_WIN)

namespace {

qint64 fileTimeToInt(const FILETIME& time)
{
    ULARGE_INTEGER value;
    value.LowPart = time.dwLowDateTime;
    value.HighPart = time.dwHighDateTime;
    return static_cast<qint64>(value.QuadPart);
}

// Creation time of an open process handle, or 0 when Windows will not say.
qint64 creationTime(HANDLE process)
{
    FILETIME creation{};
    FILETIME exit{};
    FILETIME kernel{};
    FILETIME user{};
    if (!GetProcessTimes(process, &creation, &exit, &kernel, &user))
        return 0;
    return fileTimeToInt(creation);
}

} // namespace

ProcessIdentity currentLocalProcess()
{
    return ProcessIdentity{static_cast<qint64>(GetCurrentProcessId()), creationTime(GetCurrentProcess())};
}

bool isLocalProcessAlive(const ProcessIdentity& identity)
{
    if (identity.pid <= 0)
        return false;
    HANDLE process = OpenProcess(PROCESS_QUERY_LIMITED_INFORMATION, FALSE, static_cast<DWORD>(identity.pid));
    if (process == nullptr) {
        // Access denied means the process exists but belongs to someone else; it cannot be
        // ours, yet treating it as dead could reap a live run, so err on "alive".
        return GetLastError() == ERROR_ACCESS_DENIED;
    }
    bool alive = false;
    DWORD exitCode = 0;
    if (GetExitCodeProcess(process, &exitCode) && exitCode == STILL_ACTIVE)
        alive = identity.startTime == 0 || creationTime(process) == identity.startTime;
    CloseHandle(process);
    return alive;
}

#elif defined(Q_OS_LINUX)

namespace {

struct StatFields
{
    char state = '?';
    qint64 startTime = 0;
};

// /proc/<pid>/stat: "pid (comm) state ppid …"; comm may itself contain spaces and ')', so
// the fields are counted from the LAST ')'. Field 3 is the state, field 22 the start time
// in clock ticks after boot.
bool readStat(qint64 pid, StatFields* fields)
{
    QFile file(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!file.open(QIODevice::ReadOnly))
        return false;
    const QByteArray text = file.readAll();
    const qsizetype close = text.lastIndexOf(')');
    if (close < 0)
        return false;
    const QList<QByteArray> rest = text.mid(close + 1).simplified().split(' ');
    // rest[0] is field 3 (state), so field N is rest[N - 3].
    constexpr qsizetype StartTimeIndex = 22 - 3;
    if (rest.size() <= StartTimeIndex || rest.at(0).isEmpty())
        return false;
    bool ok = false;
    fields->state = rest.at(0).at(0);
    fields->startTime = rest.at(StartTimeIndex).toLongLong(&ok);
    return ok;
}

} // namespace

ProcessIdentity currentLocalProcess()
{
    const qint64 pid = QCoreApplication::applicationPid();
    StatFields fields;
    readStat(pid, &fields);
    return ProcessIdentity{pid, fields.startTime};
}

bool isLocalProcessAlive(const ProcessIdentity& identity)
{
    if (identity.pid <= 0)
        return false;
    StatFields fields;
    if (!readStat(identity.pid, &fields)) {
        // No /proc entry means the process is gone — unless /proc is not mounted at all;
        // then only the kernel's answer for the pid is left.
        if (QFile::exists(QStringLiteral("/proc/self/stat")))
            return false;
        return ::kill(static_cast<pid_t>(identity.pid), 0) == 0 || errno == EPERM;
    }
    // A zombie has finished; only its exit status waits to be collected.
    if (fields.state == 'Z' || fields.state == 'X' || fields.state == 'x')
        return false;
    return identity.startTime == 0 || fields.startTime == identity.startTime;
}

#elif defined(Q_OS_MACOS)

namespace {

bool processStartTime(qint64 pid, qint64* startTime, bool* zombie)
{
    int mib[4] = {CTL_KERN, KERN_PROC, KERN_PROC_PID, static_cast<int>(pid)};
    struct kinfo_proc info{};
    size_t size = sizeof(info);
    if (sysctl(mib, 4, &info, &size, nullptr, 0) != 0 || size == 0)
        return false;
    *startTime = static_cast<qint64>(info.kp_proc.p_starttime.tv_sec) * 1000000
        + static_cast<qint64>(info.kp_proc.p_starttime.tv_usec);
    *zombie = info.kp_proc.p_stat == SZOMB;
    return true;
}

} // namespace

ProcessIdentity currentLocalProcess()
{
    const qint64 pid = QCoreApplication::applicationPid();
    qint64 start = 0;
    bool zombie = false;
    processStartTime(pid, &start, &zombie);
    return ProcessIdentity{pid, start};
}

bool isLocalProcessAlive(const ProcessIdentity& identity)
{
    if (identity.pid <= 0)
        return false;
    qint64 start = 0;
    bool zombie = false;
    if (!processStartTime(identity.pid, &start, &zombie))
        return false;
    if (zombie)
        return false;
    return identity.startTime == 0 || start == identity.startTime;
}

#else

// Other Unix systems: no portable start time, so only the pid is checked.
ProcessIdentity currentLocalProcess()
{
    return ProcessIdentity{QCoreApplication::applicationPid(), 0};
}

bool isLocalProcessAlive(const ProcessIdentity& identity)
{
    if (identity.pid <= 0)
        return false;
    return ::kill(static_cast<pid_t>(identity.pid), 0) == 0 || errno == EPERM;
}

#endif

QString currentHostName()
{
    // Read once: the name a run records must not change under a running process.
    static const QString name = QSysInfo::machineHostName().toLower();
    return name;
}

ProcessIdentity currentProcess()
{
    ProcessIdentity self = currentLocalProcess();
    self.host = currentHostName();
    return self;
}

bool isProcessAlive(const ProcessIdentity& identity)
{
    // Another machine's process cannot be looked at from here: it counts as alive, so a
    // store shared between machines never loses a run that is still executing elsewhere.
    if (!identity.host.isEmpty() && identity.host.compare(currentHostName(), Qt::CaseInsensitive) != 0)
        return true;
    return isLocalProcessAlive(identity);
}

} // namespace pv
