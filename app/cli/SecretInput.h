// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

#include "core/common/Result.h"

#include <QByteArray>
#include <QString>

namespace pv::cli {

/// How the CLI takes a secret: never from its arguments (they show in process lists and shell
/// history). On a terminal it prompts on stderr and reads one line without echo; from a pipe
/// or file it reads standard input to its end. Trailing line breaks are dropped. The two
/// platform implementations (POSIX termios, Windows console mode) live in SecretInput.cpp.
Result<QByteArray> readSecret(const QString& prompt);

/// True when standard input is a terminal.
bool stdinIsTerminal();

} // namespace pv::cli
