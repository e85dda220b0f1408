// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "app/cli/CliWorkerProtocol.h"

#include <QFile>
#include <QJsonDocument>
#include <QSaveFile>

#include <array>

namespace pv::cli::WorkerProtocol {
namespace {

constexpr std::array AllCodes = {ErrorCode::NotFound, ErrorCode::AccessDenied, ErrorCode::InvalidArgument,
                                 ErrorCode::Conflict, ErrorCode::Database, ErrorCode::SchemaTooNew, ErrorCode::Io,
                                 ErrorCode::Parse, ErrorCode::Network, ErrorCode::Http, ErrorCode::Auth,
                                 ErrorCode::Keychain, ErrorCode::Cancelled, ErrorCode::Unsupported,
                                 ErrorCode::Internal};

ErrorCode codeFromName(const QString& name)
{
    for (const ErrorCode code : AllCodes) {
        if (errorCodeName(code) == name)
            return code;
    }
    return ErrorCode::Internal;
}

// Written whole or not at all: the reader never sees half a document.
Status writeJson(const QString& path, const QJsonObject& object)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return fail(ErrorCode::Io, QStringLiteral("cannot write %1: %2").arg(path, file.errorString()));
    file.write(QJsonDocument(object).toJson(QJsonDocument::Compact));
    if (!file.commit())
        return fail(ErrorCode::Io, QStringLiteral("cannot write %1: %2").arg(path, file.errorString()));
    return {};
}

Result<QJsonObject> readJson(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return fail(ErrorCode::Io, QStringLiteral("cannot read %1: %2").arg(path, file.errorString()));
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject())
        return fail(ErrorCode::Parse, QStringLiteral("%1 is not a JSON object: %2").arg(path, error.errorString()));
    return doc.object();
}

} // namespace

QString handoffPath(const QString& requestPath)
{
    return requestPath + QStringLiteral(".handoff");
}

Status writeRequest(const QString& path, const Request& request)
{
    return writeJson(path, {{QStringLiteral("tenantId"), request.tenantId},
                            {QStringLiteral("kind"), request.run.kind},
                            {QStringLiteral("target"), request.run.target},
                            {QStringLiteral("parameters"), request.run.parameters},
                            {QStringLiteral("initiator"), request.run.initiator}});
}

Result<Request> readRequest(const QString& path)
{
    auto object = readJson(path);
    if (!object)
        return object.failure();
    Request request;
    request.tenantId = object->value(QStringLiteral("tenantId")).toInteger();
    request.run.kind = object->value(QStringLiteral("kind")).toString();
    request.run.target = object->value(QStringLiteral("target")).toString();
    request.run.parameters = object->value(QStringLiteral("parameters")).toObject();
    request.run.initiator = object->value(QStringLiteral("initiator")).toString();
    if (request.tenantId <= 0 || request.run.kind.isEmpty())
        return fail(ErrorCode::Parse, QStringLiteral("%1 names no tenant or kind").arg(path));
    return request;
}

Status writeHandoff(const QString& requestPath, const Handoff& handoff)
{
    return writeJson(handoffPath(requestPath), {{QStringLiteral("runId"), handoff.runId},
                                                {QStringLiteral("reused"), handoff.reused},
                                                {QStringLiteral("status"), handoff.status},
                                                {QStringLiteral("kind"), handoff.kind}});
}

Status writeHandoffError(const QString& requestPath, const Error& error)
{
    QJsonObject object{{QStringLiteral("error"), errorCodeName(error.code)},
                       {QStringLiteral("message"), error.message}};
    if (error.httpStatus != 0)
        object.insert(QStringLiteral("httpStatus"), error.httpStatus);
    if (!error.requestId.isEmpty())
        object.insert(QStringLiteral("requestId"), error.requestId);
    return writeJson(handoffPath(requestPath), object);
}

Result<Handoff> readHandoff(const QString& requestPath)
{
    auto object = readJson(handoffPath(requestPath));
    if (!object)
        return object.failure();
    if (object->contains(QStringLiteral("error"))) {
        Error error;
        error.code = codeFromName(object->value(QStringLiteral("error")).toString());
        error.message = object->value(QStringLiteral("message")).toString();
        error.httpStatus = object->value(QStringLiteral("httpStatus")).toInt();
        error.requestId = object->value(QStringLiteral("requestId")).toString();
        return Failure{error};
    }
    Handoff handoff;
    handoff.runId = object->value(QStringLiteral("runId")).toInteger();
    handoff.reused = object->value(QStringLiteral("reused")).toBool();
    handoff.status = object->value(QStringLiteral("status")).toString();
    handoff.kind = object->value(QStringLiteral("kind")).toString();
    if (handoff.runId <= 0)
        return fail(ErrorCode::Parse, QStringLiteral("the worker's answer names no run"));
    return handoff;
}

} // namespace pv::cli::WorkerProtocol
