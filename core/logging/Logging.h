// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

#include "core/common/Result.h"

#include <QString>
#include <QStringList>
#include <QStringView>

#include <cstdint>

// Logging for every PolicyVault executable. spdlog is an implementation detail of
// pv_logging (linked PRIVATE): nothing here exposes it.
//
// Every line, whatever its source (pv::log calls, qDebug/qWarning from our code or from Qt),
// passes through pv::Redactor before any sink sees it.

namespace pv::logging {

/// Severity, lowest first.
enum class Level { Trace, Debug, Info, Warn, Error, Critical, Off };

/// What `init()` sets up.
struct LogOptions
{
    /// Base name of the log file: "policyvault" or "policyvault-cli". Each executable writes its
    /// own file because spdlog's rotation is not safe when two processes share one file.
    QString appName = QStringLiteral("policyvault");
    /// Folder of the log files (the app's data folder). Created if missing. Empty: no file.
    QString directory;
    Level level = Level::Info;
    /// Rotate when the current file would exceed this many bytes.
    std::int64_t maxFileSize = 5 * 1024 * 1024;
    /// Rotated files kept besides the current one: <app>.1.log … <app>.<maxFiles>.log
    int maxFiles = 5;
    /// Also write to stderr (the CLI and debug runs).
    bool toStderr = true;
    /// Route qDebug/qInfo/qWarning/qCritical/qFatal into the loggers.
    bool installQtMessageHandler = true;
    /// After logging a Qt message, also hand it to the handler that was installed before
    /// (e.g. Qt Test's, so QTest::ignoreMessage keeps working). That handler sees the message
    /// unredacted: tests only.
    bool forwardToPreviousQtHandler = false;
};

/// Sets logging up (again): safe to call more than once; a second call replaces the first
/// setup (files are closed, the Qt handler is re-installed). Fails with ErrorCode::Io when the
/// folder or the log file cannot be created; the rest of the setup (stderr, the Qt handler)
/// is in place then.
Status init(const LogOptions& options);

/// Flushes and closes every file, restores the previous Qt message handler. Logging calls after
/// it go to stderr only (redacted).
void shutdown();

/// Writes buffered lines to disk (lines at Info and above are flushed as they are written).
void flush();

/// Path of the current (not rotated) log file, empty when no file is open.
QString logFilePath();

/// Every log file of the current setup that exists: the current one and the rotated ones.
QStringList logFiles();

/// Changes the level at runtime (e.g. from a --verbose flag).
void setLevel(Level level);

/// Names of the loggers created so far; always contains the standard ones after init().
QStringList loggerNames();

} // namespace pv::logging

namespace pv::log {

/// The standard named loggers. Any other name works too and creates a logger on first use.
inline constexpr QStringView Graph = u"graph";
inline constexpr QStringView Runs = u"runs";
inline constexpr QStringView Db = u"db";
inline constexpr QStringView Secrets = u"secrets";
inline constexpr QStringView Ui = u"ui";
inline constexpr QStringView App = u"app";

/// Writes `message` (redacted) to the logger named `logger`.
void write(logging::Level level, QStringView logger, const QString& message);
/// True when a message at `level` would be written: skip building expensive messages.
bool isEnabled(logging::Level level);

inline void trace(QStringView logger, const QString& message)
{
    write(logging::Level::Trace, logger, message);
}
inline void debug(QStringView logger, const QString& message)
{
    write(logging::Level::Debug, logger, message);
}
inline void info(QStringView logger, const QString& message)
{
    write(logging::Level::Info, logger, message);
}
inline void warn(QStringView logger, const QString& message)
{
    write(logging::Level::Warn, logger, message);
}
inline void error(QStringView logger, const QString& message)
{
    write(logging::Level::Error, logger, message);
}
inline void critical(QStringView logger, const QString& message)
{
    write(logging::Level::Critical, logger, message);
}

} // namespace pv::log
