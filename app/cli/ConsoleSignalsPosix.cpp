// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
// ConsoleSignals on POSIX systems (Linux, macOS).
#include "app/cli/ConsoleSignals.h"

#include <QProcess>

#include <atomic>
#include <csignal>

#include <unistd.h>

namespace pv::cli::ConsoleSignals {
namespace {

std::atomic<int> g_interrupts{0};
static_assert(std::atomic<int>::is_always_lock_free, "the signal handler needs a lock-free counter");

extern "C" void onInterrupt(int)
{
    // Only async-signal-safe calls here: an atomic increment and _exit.
    if (g_interrupts.fetch_add(1) >= 1)
        _exit(1);
}

void setDisposition(int signal, void (*handler)(int))
{
    struct sigaction action = {};
    action.sa_handler = handler;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    sigaction(signal, &action, nullptr);
}

} // namespace

void installInterruptHandler()
{
    for (const int signal : {SIGINT, SIGTERM, SIGHUP})
        setDisposition(signal, &onInterrupt);
}

int interruptCount()
{
    return g_interrupts.load();
}

void prepareDetachedProcess(QProcess& process)
{
    // QProcess::startDetached forks twice; the worker leaves the session itself (detachFromTerminal).
    Q_UNUSED(process)
}

void detachFromTerminal()
{
    // A new session has no controlling terminal: the terminal's Ctrl+C (SIGINT to its
    // foreground process group) and its hang-up (SIGHUP to the session) no longer reach us.
    // setsid fails only when we already lead a process group, i.e. were not started detached;
    // ignoring the signals still keeps us alive then.
    (void)setsid();
    setDisposition(SIGINT, SIG_IGN);
    setDisposition(SIGHUP, SIG_IGN);
}

} // namespace pv::cli::ConsoleSignals
