// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "app/cli/SecretInput.h"

#include <cstdio>

#ifdef Q_OS_WIN
#include <io.h>
#include <windows.h>
#else
#include <termios.h>
#include <unistd.h>
#endif

namespace pv::cli {

namespace {

/// Echo of the console input off while it lives (a no-op when stdin is not a terminal).
class EchoOff
{
public:
    EchoOff()
    {
#ifdef Q_OS_WIN
        m_handle = GetStdHandle(STD_INPUT_HANDLE);
        m_active = GetConsoleMode(m_handle, &m_mode) != 0
            && SetConsoleMode(m_handle, m_mode & ~static_cast<DWORD>(ENABLE_ECHO_INPUT)) != 0;
#else
        m_active = tcgetattr(STDIN_FILENO, &m_mode) == 0;
        if (m_active) {
            termios silent = m_mode;
            silent.c_lflag &= ~static_cast<tcflag_t>(ECHO);
            m_active = tcsetattr(STDIN_FILENO, TCSAFLUSH, &silent) == 0;
        }
#endif
    }
    ~EchoOff()
    {
        if (!m_active)
            return;
#ifdef Q_OS_WIN
        SetConsoleMode(m_handle, m_mode);
#else
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &m_mode);
#endif
    }
    EchoOff(const EchoOff&) = delete;
    EchoOff& operator=(const EchoOff&) = delete;

private:
    bool m_active = false;
#ifdef Q_OS_WIN
    HANDLE m_handle = nullptr;
    DWORD m_mode = 0;
#else
    termios m_mode{};
#endif
};

QByteArray chopLineBreaks(QByteArray text)
{
    while (text.endsWith('\n') || text.endsWith('\r'))
        text.chop(1);
    return text;
}

} // namespace

bool stdinIsTerminal()
{
#ifdef Q_OS_WIN
    return _isatty(_fileno(stdin)) != 0;
#else
    return isatty(STDIN_FILENO) != 0;
#endif
}

Result<QByteArray> readSecret(const QString& prompt)
{
    QByteArray text;
    char buffer[4096];
    if (stdinIsTerminal()) {
        std::fputs(prompt.toLocal8Bit().constData(), stderr);
        std::fflush(stderr);
        {
            const EchoOff echoOff;
            while (std::fgets(buffer, sizeof buffer, stdin)) {
                text += buffer;
                if (text.endsWith('\n'))
                    break;
            }
        }
        std::fputc('\n', stderr);   // the Enter the user typed was not echoed
    } else {
        size_t read = 0;
        while ((read = std::fread(buffer, 1, sizeof buffer, stdin)) > 0)
            text.append(buffer, static_cast<qsizetype>(read));
    }
    if (std::ferror(stdin))
        return fail(ErrorCode::Io, QStringLiteral("could not read the secret from standard input"));
    return chopLineBreaks(std::move(text));
}

} // namespace pv::cli
