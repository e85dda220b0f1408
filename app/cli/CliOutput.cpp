// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "app/cli/CliOutput.h"

#include "core/common/Redactor.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>

#include <algorithm>
#include <cstdio>

#if defined(Q_OS_WIN)
#  include <io.h>
#else
#  include <unistd.h>
#endif

namespace pv::cli {

ExitCode exitCodeFor(ErrorCode code)
{
    switch (code) {
    case ErrorCode::AccessDenied: return ExitCode::AccessDenied;
    case ErrorCode::InvalidArgument: return ExitCode::Usage;
    case ErrorCode::NotFound:
    case ErrorCode::Conflict:
    case ErrorCode::Database:
    case ErrorCode::SchemaTooNew:
    case ErrorCode::Io:
    case ErrorCode::Parse:
    case ErrorCode::Network:
    case ErrorCode::Http:
    case ErrorCode::Auth:
    case ErrorCode::Keychain:
    case ErrorCode::Cancelled:
    case ErrorCode::Unsupported:
    case ErrorCode::Internal: return ExitCode::Failure;
    }
    return ExitCode::Failure;
}

static void writeTo(FILE* stream, const QString& text)
{
    const QByteArray bytes = text.toUtf8();
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stream);
    std::fputc('\n', stream);
    std::fflush(stream);
}

void CliOutput::line(const QString& text) const { writeTo(stdout, text); }

void CliOutput::progress(const QString& text) const
{
    // For a person watching: scripts and schedulers read stdout and get nothing extra.
#if defined(Q_OS_WIN)
    const bool terminal = _isatty(_fileno(stderr)) != 0;
#else
    const bool terminal = isatty(fileno(stderr)) != 0;
#endif
    if (terminal)
        writeTo(stderr, text);
}

void CliOutput::json(const QJsonValue& value) const
{
    const QJsonDocument doc = value.isArray() ? QJsonDocument(value.toArray()) : QJsonDocument(value.toObject());
    // One compact document per command: scripts read it as a single line.
    writeTo(stdout, QString::fromUtf8(doc.toJson(QJsonDocument::Compact)));
}

ExitCode CliOutput::error(const Error& error) const
{
    if (m_json) {
        QJsonObject object{{QStringLiteral("error"), errorCodeName(error.code)},
                           {QStringLiteral("message"), Redactor::redact(error.message)}};
        if (error.httpStatus != 0)
            object.insert(QStringLiteral("httpStatus"), error.httpStatus);
        if (!error.requestId.isEmpty())
            object.insert(QStringLiteral("requestId"), error.requestId);
        json(object);
    } else {
        // Messages can quote what a service or the user sent; none reaches the terminal unredacted.
        writeTo(stderr, QStringLiteral("policyvault-cli: ") + Redactor::redact(error.toString()));
    }
    return exitCodeFor(error.code);
}

ExitCode CliOutput::usageError(const QString& message) const
{
    if (m_json)
        json(QJsonObject{{QStringLiteral("error"), QStringLiteral("usage")}, {QStringLiteral("message"), message}});
    else
        writeTo(stderr, QStringLiteral("policyvault-cli: ") + message
                            + QStringLiteral("\nTry 'policyvault-cli --help'."));
    return ExitCode::Usage;
}

void CliOutput::table(const QStringList& header, const QList<QStringList>& rows) const
{
    QList<qsizetype> widths;
    for (const QString& h : header)
        widths.append(h.size());
    for (const QStringList& row : rows)
        for (qsizetype i = 0; i < row.size() && i < widths.size(); ++i)
            widths[i] = std::max(widths[i], row[i].size());
    auto format = [&](const QStringList& cells) {
        QString text;
        for (qsizetype i = 0; i < cells.size(); ++i)
            text += (i + 1 < cells.size() ? cells[i].leftJustified(widths[i] + 2) : cells[i]);
        return text;
    };
    line(format(header));
    for (const QStringList& row : rows)
        line(format(row));
}

} // namespace pv::cli
