// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

#include "core/common/Error.h"

#include <QJsonValue>
#include <QString>
#include <QStringList>

namespace pv::cli {

/// Exit codes, as ARCHITECTURE §8 promises them to scripts.
enum class ExitCode : int { Success = 0, Failure = 1, Partial = 2, Usage = 3, AccessDenied = 4 };

ExitCode exitCodeFor(ErrorCode code);

/// Writes human text or JSON to stdout and errors to stderr. In JSON mode errors are a
/// JSON object on stdout too, so a script reads one document whatever happened.
class CliOutput final
{
public:
    explicit CliOutput(bool json) : m_json(json) {}

    bool isJson() const { return m_json; }
    void line(const QString& text) const;
    /// A progress line for a person: stderr, and only when stderr is a terminal.
    void progress(const QString& text) const;
    void json(const QJsonValue& value) const;
    /// Prints the error (stderr, or JSON on stdout) and returns the exit code for it.
    ExitCode error(const Error& error) const;
    ExitCode usageError(const QString& message) const;
    /// A left-aligned text table with a header row; columns sized to their content.
    void table(const QStringList& header, const QList<QStringList>& rows) const;

private:
    bool m_json;
};

} // namespace pv::cli
