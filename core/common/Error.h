// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

#include <QString>

namespace pv {

/// What went wrong, as a caller branches on it. Switch over it without `default:` so the
/// compiler names a missing case (-Werror=switch).
enum class ErrorCode {
    NotFound,        ///< the object does not exist (in any tenant)
    AccessDenied,    ///< it exists but belongs to another tenant, or the tenant is read-only
    InvalidArgument, ///< the caller asked for something malformed
    Conflict,        ///< the state does not allow it (e.g. resume of a running run)
    Database,        ///< SQLite failed
    SchemaTooNew,    ///< the database was written by a newer PolicyVault
    Io,              ///< a file could not be read or written
    Parse,           ///< malformed input (JSON, snapshot file, …)
    Network,         ///< transport failure talking to a service
    Http,            ///< a service answered with an error status
    Auth,            ///< sign-in failed
    Keychain,        ///< the operating system's secret store failed
    Cancelled,       ///< the user or the caller cancelled
    Unsupported,     ///< not available on this platform or in this build
    Internal,        ///< a bug: an invariant did not hold
};

/// Stable, lower-case name of a code, for logs, JSON output and tests.
QString errorCodeName(ErrorCode code);

/// An error as it crosses an API boundary. Messages must already be redacted when they are
/// persisted; `Redactor` is applied by the code that stores or logs them.
struct Error
{
    ErrorCode code = ErrorCode::Internal;
    QString message;
    int httpStatus = 0;   ///< HTTP status when the error came from a service, else 0
    QString requestId;    ///< Graph `request-id` of the failed request, when known

    /// "not_found: message (HTTP 404, request-id …)" — for logs and the CLI.
    QString toString() const;
    /// "message (HTTP 404, request-id …)" — what a user reads in the app: the code name is
    /// for machines and logs, the request id is what Microsoft support asks for.
    QString displayText() const;
};

} // namespace pv
