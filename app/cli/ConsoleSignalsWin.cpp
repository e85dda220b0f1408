// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
// ConsoleSignals on Windows.
#include "app/cli/ConsoleSignals.h"

#include <QProcess>

#include <atomic>

#include <windows.h>

namespace pv::cli::ConsoleSignals {
namespace {

std::atomic<int> g_interrupts{0};

BOOL WINAPI onConsoleEvent(DWORD type)
{
    // Runs on a thread the system creates for the event.
    switch (type) {
    case CTRL_C_EVENT:
    case CTRL_BREAK_EVENT:
    case CTRL_CLOSE_EVENT:
        if (g_interrupts.fetch_add(1) >= 1)
            ExitProcess(1);
        return TRUE;
    default:
        return FALSE;
    }
}

} // namespace

void installInterruptHandler()
{
    SetConsoleCtrlHandler(&onConsoleEvent, TRUE);
}

int interruptCount()
{
    return g_interrupts.load();
}

void prepareDetachedProcess(QProcess& process)
{
    // Its own process group (Ctrl+C in our console is not sent to it) and no console at all
    // (closing ours does not close it).
    process.setCreateProcessArgumentsModifier([](QProcess::CreateProcessArguments* arguments) {
        arguments->flags &= ~DWORD(CREATE_NEW_CONSOLE);
        arguments->flags |= CREATE_NEW_PROCESS_GROUP | DETACHED_PROCESS;
    });
}

void detachFromTerminal()
{
    // Started without a console (DETACHED_PROCESS); if one is attached anyway, ignore its events.
    SetConsoleCtrlHandler(nullptr, TRUE);
    FreeConsole();
}

} // namespace pv::cli::ConsoleSignals
