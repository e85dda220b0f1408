// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "core/capture/ItemRecorder.h"

#include "core/capture/PolicyContent.h"
#include "core/store/SnapshotRepository.h"

#include <QCoreApplication>

namespace pv::capture {

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("pv::capture::ItemRecorder", text);
}

ItemOutcome outcomeOf(VersionOutcome outcome)
{
    switch (outcome) {
    case VersionOutcome::Created: return ItemOutcome::Created;
    case VersionOutcome::Updated: return ItemOutcome::Updated;
    case VersionOutcome::Unchanged: return ItemOutcome::Unchanged;
    }
    return ItemOutcome::Unchanged;
}

QString platformOf(const QJsonObject& object)
{
    const QString platforms = object.value(QStringLiteral("platforms")).toString();
    return platforms.isEmpty() ? object.value(QStringLiteral("platform")).toString() : platforms;
}

} // namespace

RecordedItem recordObject(SnapshotRepository& repo, const TenantScope& scope, qint64 runId, const QString& typeKey,
                          const QString& graphId, const QString& displayName, const QString& listedModifiedAt,
                          const Result<QJsonObject>& object)
{
    RecordedItem out;
    if (!object) {
        const Error& error = object.error();
        out.item.requestId = error.requestId;
        if (error.httpStatus == 404) {
            // Failed, not skipped: the run ends partially succeeded, so a scheduled backup's
            // exit code tells its script that one object it listed is not in the snapshot.
            out.item.outcome = ItemOutcome::Failed;
            out.deletedInTenant = true;
            out.item.message = tr("It was deleted in the tenant after it was listed (HTTP 404); it is not in this "
                                  "capture.");
            return out;
        }
        out.item.outcome = ItemOutcome::Failed;
        out.item.message = tr("It could not be read from Graph: %1").arg(error.message);
        return out;
    }
    if (auto refs = PolicyContent::referencesOf(*object); !refs) {
        out.item.outcome = ItemOutcome::Failed;
        out.item.message = refs.error().message;
        return out;
    }
    const QString name = PolicyContent::displayNameOf(*object);
    QString modifiedAt = object->value(QStringLiteral("lastModifiedDateTime")).toString();
    if (modifiedAt.isEmpty())
        modifiedAt = listedModifiedAt;
    auto recorded = repo.recordPolicyVersion(scope, typeKey, graphId, name.isEmpty() ? displayName : name,
                                             platformOf(*object), *object, runId, modifiedAt);
    if (!recorded) {
        out.item.outcome = ItemOutcome::Failed;
        out.item.message = tr("It was read but could not be stored: %1").arg(recorded.error().message);
        return out;
    }
    out.item.outcome = outcomeOf(recorded->outcome);
    out.versionId = recorded->versionId;
    return out;
}

} // namespace pv::capture
