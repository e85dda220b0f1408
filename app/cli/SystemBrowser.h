// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

class QUrl;

/// Opens a URL in the system browser without QtGui (the CLI links none), behind one interface
/// with a POSIX (SystemBrowserPosix.cpp: xdg-open, macOS open) and a Windows
/// (SystemBrowserWin.cpp: the URL protocol handler) implementation.
namespace pv::cli::SystemBrowser {

/// Starts the browser detached; false when no launcher could be started, or when
/// POLICYVAULT_NO_BROWSER is set (headless machines, tests) — the caller prints the URL anyway.
bool open(const QUrl& url);

} // namespace pv::cli::SystemBrowser
