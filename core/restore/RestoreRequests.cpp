// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "core/restore/RestoreRequests.h"

#include "core/common/CanonicalJson.h"

#include <QJsonArray>

#include <algorithm>

namespace pv::restore {

namespace {

QJsonArray sortedIds(QList<qint64> ids)
{
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    QJsonArray array;
    for (qint64 id : ids)
        array.append(id);
    return array;
}

} // namespace

Result<RunRequest> previewRequest(const PreviewSelection& selection, const QString& initiator)
{
    if (selection.snapshotId <= 0 && selection.policyVersionId <= 0)
        return fail(ErrorCode::InvalidArgument, QStringLiteral("A restore preview needs a snapshot or a policy version"));
    for (qint64 id : selection.policyIds) {
        if (id <= 0)
            return fail(ErrorCode::InvalidArgument, QStringLiteral("Policy id %1 is not valid").arg(id));
    }
    RunRequest request;
    request.kind = QString::fromLatin1(PreviewKind);
    request.initiator = initiator;
    request.parameters = QJsonObject{
        {QStringLiteral("snapshotId"), selection.snapshotId},
        {QStringLiteral("policyVersionId"), selection.policyVersionId},
        {QStringLiteral("policyIds"), sortedIds(selection.policyIds)},
        {QStringLiteral("assignments"), selection.assignments},
        {QStringLiteral("secretsKey"), selection.secretsKey},
    };
    // The snapshot (or version) stays readable in the target; the rest of the selection is
    // hashed so a choice of 500 policies does not make a 4 KB dedupe key.
    const QString source = selection.policyVersionId > 0 ? QStringLiteral("version:%1").arg(selection.policyVersionId)
                                                         : QStringLiteral("snapshot:%1").arg(selection.snapshotId);
    const QString digest = sha256Hex(canonicalSerialize(request.parameters)).left(16);
    request.target = source + QStringLiteral(";sel:") + digest;
    return request;
}

Result<PreviewSelection> previewSelection(const QJsonObject& parameters)
{
    PreviewSelection selection;
    selection.snapshotId = parameters.value(QStringLiteral("snapshotId")).toInteger();
    selection.policyVersionId = parameters.value(QStringLiteral("policyVersionId")).toInteger();
    for (const QJsonValue& id : parameters.value(QStringLiteral("policyIds")).toArray())
        selection.policyIds.append(id.toInteger());
    selection.assignments = parameters.value(QStringLiteral("assignments")).toBool();
    selection.secretsKey = parameters.value(QStringLiteral("secretsKey")).toString();
    if (selection.snapshotId <= 0 && selection.policyVersionId <= 0)
        return fail(ErrorCode::InvalidArgument, QStringLiteral("The preview's parameters name no snapshot or version"));
    return selection;
}

Result<RunRequest> restoreRequest(qint64 planRunId, const QString& initiator)
{
    if (planRunId <= 0)
        return fail(ErrorCode::InvalidArgument, QStringLiteral("Plan run id %1 is not valid").arg(planRunId));
    RunRequest request;
    request.kind = QString::fromLatin1(RestoreKind);
    request.target = QStringLiteral("plan:%1").arg(planRunId);
    request.parameters = QJsonObject{{QStringLiteral("planRunId"), planRunId}};
    request.initiator = initiator;
    return request;
}

Result<qint64> restorePlanRunId(const QJsonObject& parameters)
{
    const qint64 id = parameters.value(QStringLiteral("planRunId")).toInteger();
    if (id <= 0)
        return fail(ErrorCode::InvalidArgument, QStringLiteral("The restore's parameters name no plan"));
    return id;
}

} // namespace pv::restore
