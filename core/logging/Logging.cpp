// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "core/logging/Logging.h"

#include "core/common/Redactor.h"
#include "core/logging/RedactingSink.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QtGlobal>

#include <spdlog/logger.h>
#include <spdlog/sinks/rotating_file_sink.h>
#include <spdlog/sinks/stdout_sinks.h>

#include <cstdio>
#include <map>
#include <memory>
#include <mutex>
#include <shared_mutex>

namespace pv::logging {
namespace {

using namespace Qt::StringLiterals;

// ISO 8601 local time with milliseconds and offset, thread id, level, logger.
constexpr char Pattern[] = "%Y-%m-%dT%H:%M:%S.%e%z %t [%l] [%n] %v";

const QStringView StandardLoggers[] = {log::Graph, log::Runs, log::Db, log::Secrets, log::Ui, log::App};

spdlog::level::level_enum toSpd(Level level)
{
    switch (level) {
    case Level::Trace: return spdlog::level::trace;
    case Level::Debug: return spdlog::level::debug;
    case Level::Info: return spdlog::level::info;
    case Level::Warn: return spdlog::level::warn;
    case Level::Error: return spdlog::level::err;
    case Level::Critical: return spdlog::level::critical;
    case Level::Off: return spdlog::level::off;
    }
    return spdlog::level::info;
}

spdlog::filename_t toFilename(const QString& path)
{
#if defined(Q_OS_WIN) && defined(SPDLOG_WCHAR_FILENAMES)
    return QDir::toNativeSeparators(path).toStdWString();
#elif defined(Q_OS_WIN)
    return QDir::toNativeSeparators(path).toLocal8Bit().toStdString();
#else
    return QFile::encodeName(path).toStdString();
#endif
}

struct State
{
    LogOptions options;
    std::shared_ptr<RedactingSink> sink;
    std::map<QString, std::shared_ptr<spdlog::logger>, std::less<>> loggers;
    spdlog::level::level_enum level = spdlog::level::info;
    QString filePath;
};

std::shared_mutex g_mutex;
std::unique_ptr<State> g_state;               // guarded by g_mutex
QtMessageHandler g_previousHandler = nullptr; // guarded by g_mutex
bool g_handlerInstalled = false;              // guarded by g_mutex

// Before init() and after shutdown(): stderr only, so nothing is lost or written unredacted.
std::unique_ptr<State> makeStderrOnlyState()
{
    auto state = std::make_unique<State>();
    state->options.toStderr = true;
    state->options.installQtMessageHandler = false;
    state->sink = std::make_shared<RedactingSink>(
        std::vector<spdlog::sink_ptr>{std::make_shared<spdlog::sinks::stderr_sink_mt>()});
    state->sink->set_pattern(Pattern);
    return state;
}

std::shared_ptr<spdlog::logger> createLogger(State& state, QStringView name)
{
    auto logger = std::make_shared<spdlog::logger>(name.toUtf8().toStdString(), state.sink);
    logger->set_level(state.level);
    logger->flush_on(spdlog::level::info);
    state.loggers.emplace(name.toString(), logger);
    return logger;
}

std::shared_ptr<spdlog::logger> findLogger(QStringView name)
{
    {
        std::shared_lock lock(g_mutex);
        if (g_state) {
            const auto it = g_state->loggers.find(name);
            if (it != g_state->loggers.end())
                return it->second;
        }
    }
    std::unique_lock lock(g_mutex);
    if (!g_state)
        g_state = makeStderrOnlyState();
    const auto it = g_state->loggers.find(name);
    if (it != g_state->loggers.end())
        return it->second;
    return createLogger(*g_state, name);
}

Level fromQt(QtMsgType type)
{
    switch (type) {
    case QtDebugMsg: return Level::Debug;
    case QtInfoMsg: return Level::Info;
    case QtWarningMsg: return Level::Warn;
    case QtCriticalMsg: return Level::Error;
    case QtFatalMsg: return Level::Critical;
    }
    return Level::Warn;
}

void qtMessageHandler(QtMsgType type, const QMessageLogContext& context, const QString& message)
{
    // A message raised while logging (by Qt code the Redactor or a sink uses) must not recurse.
    thread_local bool inside = false;
    if (inside) {
        std::fputs(qPrintable(Redactor::redact(message) + u'\n'), stderr);
        return;
    }
    inside = true;

    // Category "pv.graph[.x]" goes to logger "graph"; Qt's own and the default category go to
    // "app", with the category kept in the text.
    const QLatin1StringView category(context.category ? context.category : "default");
    QString loggerName = log::App.toString();
    QString text;
    if (category.startsWith("pv."_L1)) {
        loggerName = QString(category.sliced(3));
        loggerName.truncate(loggerName.indexOf(u'.'));
    } else if (category != "default"_L1) {
        text = u'[' + QString(category) + u"] "_s;
    }
    text += message;
    if (context.file && type != QtDebugMsg && type != QtInfoMsg) {
        // The file name only: the build machine's folders are nobody's business.
        QString file = QString::fromUtf8(context.file);
        file = file.sliced(qMax(file.lastIndexOf(u'/'), file.lastIndexOf(u'\\')) + 1);
        text += u" ("_s + file + u':' + QString::number(context.line) + u')';
    }

    log::write(fromQt(type), loggerName, text);

    QtMessageHandler forwardTo = nullptr;
    {
        std::shared_lock lock(g_mutex);
        if (g_state && g_state->options.forwardToPreviousQtHandler)
            forwardTo = g_previousHandler;
    }
    if (type == QtFatalMsg)
        flush(); // Qt aborts after this handler returns
    inside = false;
    if (forwardTo)
        forwardTo(type, context, message);
}

void flushState(State& state)
{
    if (state.sink)
        state.sink->flush();
}

} // namespace

Status init(const LogOptions& options)
{
    Status status;
    std::vector<spdlog::sink_ptr> children;
    QString filePath;
    if (!options.directory.isEmpty()) {
        const QString name = options.appName.isEmpty() ? u"policyvault"_s : options.appName;
        filePath = QDir(options.directory).filePath(name + u".log"_s);
        if (!QDir().mkpath(options.directory)) {
            status = fail(ErrorCode::Io, u"cannot create the log folder %1"_s.arg(options.directory));
            filePath.clear();
        } else {
            try {
                children.push_back(std::make_shared<spdlog::sinks::rotating_file_sink_mt>(
                    toFilename(filePath), size_t(qMax<std::int64_t>(options.maxFileSize, 1024)),
                    size_t(qMax(options.maxFiles, 0))));
            } catch (const std::exception& e) {
                status = fail(ErrorCode::Io,
                              u"cannot open the log file %1: %2"_s.arg(filePath, QString::fromUtf8(e.what())));
                filePath.clear();
            }
        }
    }
    // No stderr unless asked: the CLI's stderr belongs to its command output, even when the
    // log file could not be opened (the caller reports that failure).
    if (options.toStderr)
        children.push_back(std::make_shared<spdlog::sinks::stderr_sink_mt>());

    auto state = std::make_unique<State>();
    state->options = options;
    state->level = toSpd(options.level);
    state->filePath = filePath;
    state->sink = std::make_shared<RedactingSink>(std::move(children));
    state->sink->set_pattern(Pattern);
    for (const QStringView name : StandardLoggers)
        createLogger(*state, name);

    std::unique_ptr<State> old;
    {
        std::unique_lock lock(g_mutex);
        old = std::move(g_state);
        g_state = std::move(state);
        if (options.installQtMessageHandler && !g_handlerInstalled) {
            g_previousHandler = qInstallMessageHandler(qtMessageHandler);
            g_handlerInstalled = true;
        } else if (!options.installQtMessageHandler && g_handlerInstalled) {
            qInstallMessageHandler(g_previousHandler);
            g_handlerInstalled = false;
        }
    }
    if (old)
        flushState(*old); // its files close when the last logger reference goes
    return status;
}

void shutdown()
{
    std::unique_ptr<State> old;
    {
        std::unique_lock lock(g_mutex);
        if (g_handlerInstalled) {
            qInstallMessageHandler(g_previousHandler);
            g_handlerInstalled = false;
            g_previousHandler = nullptr;
        }
        old = std::move(g_state);
    }
    if (old)
        flushState(*old);
}

void flush()
{
    std::shared_lock lock(g_mutex);
    if (g_state)
        flushState(*g_state);
}

QString logFilePath()
{
    std::shared_lock lock(g_mutex);
    return g_state ? g_state->filePath : QString();
}

QStringList logFiles()
{
    QString path;
    int maxFiles = 0;
    {
        std::shared_lock lock(g_mutex);
        if (!g_state)
            return {};
        path = g_state->filePath;
        maxFiles = g_state->options.maxFiles;
    }
    if (path.isEmpty())
        return {};
    QStringList files;
    if (QFileInfo::exists(path))
        files << path;
    // spdlog names rotated files <base>.<i>.log
    const QString base = path.chopped(4);
    for (int i = 1; i <= maxFiles; ++i) {
        const QString rotated = base + u'.' + QString::number(i) + u".log"_s;
        if (QFileInfo::exists(rotated))
            files << rotated;
    }
    return files;
}

void setLevel(Level level)
{
    std::unique_lock lock(g_mutex);
    if (!g_state)
        g_state = makeStderrOnlyState();
    g_state->level = toSpd(level);
    for (auto& [name, logger] : g_state->loggers)
        logger->set_level(g_state->level);
}

QStringList loggerNames()
{
    std::shared_lock lock(g_mutex);
    QStringList names;
    if (g_state) {
        for (const auto& [name, logger] : g_state->loggers)
            names << name;
    }
    return names;
}

} // namespace pv::logging

namespace pv::log {

bool isEnabled(logging::Level level)
{
    std::shared_lock lock(logging::g_mutex);
    const auto current = logging::g_state ? logging::g_state->level : spdlog::level::info;
    return logging::toSpd(level) >= current && level != logging::Level::Off;
}

void write(logging::Level level, QStringView logger, const QString& message)
{
    if (level == logging::Level::Off)
        return;
    const auto spdLogger = logging::findLogger(logger.isEmpty() ? App : logger);
    const auto spdLevel = logging::toSpd(level);
    if (!spdLogger->should_log(spdLevel))
        return;
    // The sink redacts; the message is handed over as UTF-8 without formatting ({} in the
    // text must not be read as a format placeholder).
    const QByteArray utf8 = message.toUtf8();
    spdLogger->log(spdLevel, spdlog::string_view_t(utf8.constData(), size_t(utf8.size())));
}

} // namespace pv::log
