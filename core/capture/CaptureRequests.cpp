// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "core/capture/CaptureRequests.h"

#include "core/store/CaptureTypes.h"

#include <QJsonArray>

#include <algorithm>

namespace pv::capture {

QStringList allTypeKeys()
{
    QStringList keys = CaptureTypes::captured();
    std::sort(keys.begin(), keys.end());
    return keys;
}

Result<QStringList> normalizeTypes(const QStringList& types)
{
    if (types.isEmpty())
        return allTypeKeys();
    QStringList out;
    QStringList unknown;
    for (const QString& type : types) {
        if (!CaptureTypes::captured().contains(type))
            unknown.append(type.isEmpty() ? QStringLiteral("\"\"") : type);
        else if (!out.contains(type))
            out.append(type);
    }
    if (!unknown.isEmpty())
        return fail(ErrorCode::InvalidArgument, QStringLiteral("unknown type %1; the types are %2")
                                                    .arg(unknown.join(QStringLiteral(", ")),
                                                         allTypeKeys().join(QStringLiteral(", "))));
    std::sort(out.begin(), out.end());
    return out;
}

Result<QStringList> parseTypeList(const QString& commaSeparated)
{
    QStringList types;
    for (const QString& part : commaSeparated.split(QLatin1Char(',')))
        types.append(part.trimmed());
    if (commaSeparated.trimmed().isEmpty())
        return fail(ErrorCode::InvalidArgument, QStringLiteral("no type named; the types are %1")
                                                    .arg(allTypeKeys().join(QStringLiteral(", "))));
    return normalizeTypes(types);
}

Result<RunRequest> backupRequest(const QStringList& types, bool full, const QString& initiator)
{
    auto keys = normalizeTypes(types);
    if (!keys)
        return keys.failure();
    RunRequest request;
    request.kind = QLatin1String(BackupKind);
    request.target = keys->join(QLatin1Char(','));
    request.parameters = QJsonObject{{QStringLiteral("types"), QJsonArray::fromStringList(*keys)},
                                     {QStringLiteral("full"), full}};
    request.initiator = initiator;
    return request;
}

Result<RunRequest> capturePolicyRequest(qint64 policyId, const QString& initiator)
{
    if (policyId <= 0)
        return fail(ErrorCode::InvalidArgument, QStringLiteral("a policy id is a positive number"));
    RunRequest request;
    request.kind = QLatin1String(CapturePolicyKind);
    request.target = QString::number(policyId);
    request.initiator = initiator;
    return request;
}

Result<BackupParameters> backupParameters(const QJsonObject& parameters)
{
    QStringList types;
    for (const QJsonValue& v : parameters.value(QStringLiteral("types")).toArray())
        types.append(v.toString());
    auto keys = normalizeTypes(types);
    if (!keys)
        return keys.failure();
    return BackupParameters{*keys, parameters.value(QStringLiteral("full")).toBool()};
}

} // namespace pv::capture
