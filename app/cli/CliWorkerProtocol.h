// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

#include "core/common/Error.h"
#include "core/common/Result.h"
#include "core/runs/RunTypes.h"

#include <QJsonObject>
#include <QString>

/// How a start command hands its run to the detached worker (`policyvault-cli worker FILE`):
///  1. the command writes FILE (the request: tenant id, kind, target, parameters, initiator)
///     in <data-dir>/workers/ and starts the worker detached, with no stdin/stdout/stderr;
///  2. the worker reads and deletes FILE, starts the run itself (so the dedupe and the
///     ownership are its own), and writes FILE.handoff atomically: the run, or an error;
///  3. the command reads and deletes the handoff, prints it and exits; the worker executes
///     the run and exits when it ended (at once when the run was another process's).
/// No secret travels this way: the worker inherits the environment (POLICYVAULT_CLIENT_SECRET)
/// and reads the keychain itself.
namespace pv::cli::WorkerProtocol {

struct Request
{
    qint64 tenantId = 0;
    RunRequest run;
};

struct Handoff
{
    qint64 runId = 0;
    bool reused = false;
    QString status;     ///< the run's status when the worker had started or found it
    QString kind;
};

QString handoffPath(const QString& requestPath);

Status writeRequest(const QString& path, const Request& request);
Result<Request> readRequest(const QString& path);

Status writeHandoff(const QString& requestPath, const Handoff& handoff);
Status writeHandoffError(const QString& requestPath, const Error& error);
/// The worker's answer: the run, or the error it met (with its code).
Result<Handoff> readHandoff(const QString& requestPath);

} // namespace pv::cli::WorkerProtocol
