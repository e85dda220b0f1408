// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

#include <QtGlobal>

/// The most physical memory this process has held so far, in bytes (Linux: VmHWM; Windows:
/// PeakWorkingSetSize; macOS: ru_maxrss). -1 when the platform does not tell.
qint64 peakResidentBytes();

/// CPU time the calling thread has used so far, in nanoseconds (POSIX: CLOCK_THREAD_CPUTIME_ID;
/// Windows: GetThreadTimes). -1 when the platform does not tell. The GUI-stall figure uses it
/// to tell work on the GUI thread from time the thread merely waited for a core.
qint64 threadCpuNs();
