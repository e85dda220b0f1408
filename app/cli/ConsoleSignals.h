// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

class QProcess;

/// What policyvault-cli needs from the console's signals, behind one interface with a POSIX
/// (ConsoleSignalsPosix.cpp) and a Windows (ConsoleSignalsWin.cpp) implementation.
namespace pv::cli::ConsoleSignals {

/// Ctrl+C, Ctrl+Break, a hang-up, SIGTERM or closing the console window: the first one only
/// counts (the caller polls interruptCount() and cancels cooperatively), the second ends the
/// process at once with exit code 1 — a person who presses Ctrl+C twice wants out now.
void installInterruptHandler();
int interruptCount();

/// Prepares a QProcess for startDetached so the worker gets no console of its own and is not
/// in the terminal's process group (Windows: new process group, detached from the console).
void prepareDetachedProcess(QProcess& process);

/// Called first thing by the detached worker: it leaves the terminal's session (POSIX: a new
/// session, so no Ctrl+C or hang-up from the terminal reaches it) and ignores what still could
/// (SIGINT, SIGHUP; Windows: console control events). It must outlive the command that
/// started it and the terminal that command ran in.
void detachFromTerminal();

} // namespace pv::cli::ConsoleSignals
