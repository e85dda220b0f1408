// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "core/common/Error.h"

namespace pv {

QString errorCodeName(ErrorCode code)
{
    switch (code) {
    case ErrorCode::NotFound: return QStringLiteral("not_found");
    case ErrorCode::AccessDenied: return QStringLiteral("access_denied");
    case ErrorCode::InvalidArgument: return QStringLiteral("invalid_argument");
    case ErrorCode::Conflict: return QStringLiteral("conflict");
    case ErrorCode::Database: return QStringLiteral("database");
    case ErrorCode::SchemaTooNew: return QStringLiteral("schema_too_new");
    case ErrorCode::Io: return QStringLiteral("io");
    case ErrorCode::Parse: return QStringLiteral("parse");
    case ErrorCode::Network: return QStringLiteral("network");
    case ErrorCode::Http: return QStringLiteral("http");
    case ErrorCode::Auth: return QStringLiteral("auth");
    case ErrorCode::Keychain: return QStringLiteral("keychain");
    case ErrorCode::Cancelled: return QStringLiteral("cancelled");
    case ErrorCode::Unsupported: return QStringLiteral("unsupported");
    case ErrorCode::Internal: return QStringLiteral("internal");
    }
    return QStringLiteral("internal");
}

QString Error::toString() const
{
    return errorCodeName(code) + QStringLiteral(": ") + displayText();
}

QString Error::displayText() const
{
    QString text = message;
    if (httpStatus != 0 || !requestId.isEmpty()) {
        text += QStringLiteral(" (");
        if (httpStatus != 0)
            text += QStringLiteral("HTTP %1").arg(httpStatus);
        if (!requestId.isEmpty())
            text += (httpStatus != 0 ? QStringLiteral(", ") : QString()) + QStringLiteral("request-id ") + requestId;
        text += QLatin1Char(')');
    }
    return text;
}

} // namespace pv
