// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

#include "core/common/Result.h"
#include "core/common/TenantScope.h"
#include "core/store/SnapshotChanges.h"

#include <QDateTime>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QSqlDatabase>
#include <QString>
#include <QStringList>

#include <memory>

namespace pv {

class Database;

/// What recordPolicyVersion did with an object.
enum class VersionOutcome {
    Created,    ///< first time this object was seen in the tenant
    Updated,    ///< its content hash changed: a new version
    Unchanged,  ///< same content hash as its latest version: no new version, no new blob
};
QString versionOutcomeName(VersionOutcome outcome);

struct RecordedVersion
{
    qint64 policyId = 0;
    qint64 versionId = 0;       ///< the new version, or the latest one when Unchanged
    VersionOutcome outcome = VersionOutcome::Unchanged;
    QString contentHash;
    QString blobHash;
    qint64 addedBlobBytes = 0;  ///< compressed bytes this call added to the store
};

struct PolicyRecord
{
    qint64 id = 0;
    qint64 tenantId = 0;
    QString graphId;
    QString typeKey;
    QString displayName;
    QString platform;
    QDateTime firstSeen;
    QDateTime lastSeen;
    QDateTime deletedAt;        ///< invalid while the object exists in the tenant
};

struct PolicyVersionRecord
{
    qint64 id = 0;
    qint64 policyId = 0;
    QDateTime capturedAt;
    QString contentHash;
    QString blobHash;
    qint64 runId = 0;           ///< 0 when recorded outside a run
};

struct SnapshotRecord
{
    qint64 id = 0;
    qint64 tenantId = 0;
    qint64 runId = 0;
    QDateTime createdAt;
    QDateTime finishedAt;       ///< invalid while the capture is still adding to it
    bool complete = false;      ///< every captured type was read to its last page
    QStringList capturedTypes;
    QStringList incompleteTypes;
    QStringList notCapturedTypes;   ///< CaptureTypes::knownNotCaptured() when it was taken
    qint64 itemCount = 0;
    QString origin;             ///< "backup", or "pre_restore" (what a live restore overwrote; schema 7)
};

struct SnapshotDetail
{
    SnapshotRecord snapshot;
    QMap<QString, qint64> itemsByType;        ///< type key → policy versions in the snapshot
    QMap<QString, qint64> referencesByKind;   ///< definition, category, … → references
};

/// Captured content of a tenant: policies, their versions (content-addressed blobs), and
/// snapshots with what they saw and the reference data that renders them offline. Every call
/// is scoped: another tenant's policy, version or snapshot is AccessDenied, an unknown id
/// NotFound. Each write runs in its own write transaction, or in a savepoint of the caller's.
class SnapshotRepository final
{
public:
    explicit SnapshotRepository(std::shared_ptr<Database> database);

    /// Records what Graph returned for one object. A new version (and blob reference) only
    /// when the canonical content hash changed; an unchanged object still gets last_seen,
    /// display name and platform updated, and a deleted one comes back. `runId` 0: none.
    /// `graphModifiedAt` (Graph's lastModifiedDateTime), when given, is kept on the policy
    /// whatever the outcome: a re-capture compares it to skip re-reading unchanged settings.
    Result<RecordedVersion> recordPolicyVersion(const TenantScope& scope, const QString& typeKey,
                                                const QString& graphId, const QString& displayName,
                                                const QString& platform, const QJsonObject& object,
                                                qint64 runId, const QString& graphModifiedAt = {}) const;

    /// Opens a snapshot of the types a capture is about to read; the known-but-not-captured
    /// list is recorded with it.
    Result<qint64> beginSnapshot(const TenantScope& scope, qint64 runId, const QStringList& capturedTypes,
                                 const QString& origin = QStringLiteral("backup")) const;
    /// The snapshot saw this version (idempotent). Both must belong to the scope's tenant.
    Status addToSnapshot(const TenantScope& scope, qint64 snapshotId, qint64 versionId) const;
    /// Stores reference data (kind: definition, category, template, filter, scope_tag, group)
    /// with the snapshot, content-addressed. Adding the same key again replaces it.
    Status addReference(const TenantScope& scope, qint64 snapshotId, const QString& kind, const QString& key,
                        const QJsonObject& content) const;
    /// Closes the snapshot. It is complete only when `complete` and no type is incomplete.
    Status finishSnapshot(const TenantScope& scope, qint64 snapshotId, bool complete,
                          const QStringList& incompleteTypes) const;
    /// Marks deleted every policy of a type the (finished) snapshot captured completely that
    /// the snapshot did not see. Returns how many were marked.
    Result<qint64> markDeletedNotIn(const TenantScope& scope, qint64 snapshotId) const;

    /// Newest first.
    Result<QList<SnapshotRecord>> listSnapshots(const TenantScope& scope) const;
    /// The snapshot of run `runId`'s chain: a resumed backup completes the snapshot of its
    /// chain's root run, so the snapshot is the first one a run of the chain (normally the
    /// root) opened. AccessDenied for another
    /// tenant's run; NotFound when the run does not exist or its chain has no snapshot.
    Result<SnapshotRecord> snapshotOfRun(const TenantScope& scope, qint64 runId) const;
    /// The newest finished snapshot before `snapshotId` (0: the newest of all) that captured
    /// `typeKey` completely; NotFound when there is none.
    Result<SnapshotRecord> previousCompleteSnapshot(const TenantScope& scope, const QString& typeKey,
                                                    qint64 beforeSnapshotId = 0) const;
    /// Every reference of `kind` stored with the snapshot: key → content.
    Result<QHash<QString, QJsonObject>> references(const TenantScope& scope, qint64 snapshotId, const QString& kind) const;
    Result<SnapshotDetail> snapshot(const TenantScope& scope, qint64 snapshotId) const;
    /// Versions the snapshot saw, with their policies, ordered by type and display name.
    Result<QList<QPair<PolicyRecord, PolicyVersionRecord>>> snapshotItems(const TenantScope& scope,
                                                                          qint64 snapshotId) const;
    /// Reference data stored with the snapshot.
    Result<QJsonObject> reference(const TenantScope& scope, qint64 snapshotId, const QString& kind,
                                  const QString& key) const;

    /// The tenant's policies, ordered by type and display name.
    Result<QList<PolicyRecord>> listPolicies(const TenantScope& scope, bool includeDeleted) const;
    Result<PolicyRecord> policy(const TenantScope& scope, qint64 policyId) const;
    /// The policy named by `text`: a PolicyVault id (decimal) or a Graph id. A decimal that is a
    /// PolicyVault id wins (another tenant's: AccessDenied); otherwise the tenant's policy with
    /// that Graph id (the one still present, else the newest). NotFound when neither matches.
    Result<PolicyRecord> policyByIdOrGraphId(const TenantScope& scope, const QString& text) const;
    /// Graph's lastModifiedDateTime of the policy's latest capture (empty when never recorded).
    Result<QString> graphModifiedAt(const TenantScope& scope, qint64 policyId) const;
    /// The version recorded last for the policy; NotFound when it has none.
    Result<PolicyVersionRecord> latestVersion(const TenantScope& scope, qint64 policyId) const;
    /// The tenant's policy of `typeKey` with `graphId`; NotFound when never captured.
    Result<PolicyRecord> policyByGraphId(const TenantScope& scope, const QString& typeKey, const QString& graphId) const;
    /// Oldest first.
    Result<QList<PolicyVersionRecord>> policyVersions(const TenantScope& scope, qint64 policyId) const;
    /// The stored JSON of one version (everything Graph returned, in canonical form).
    Result<QJsonObject> versionContent(const TenantScope& scope, qint64 versionId) const;

    /// What the snapshot changed, per type, relative to the newest earlier finished snapshot
    /// that captured the same type: created, updated, unchanged and deleted policies. Deletions
    /// count only for types the snapshot read completely (the rule markDeletedNotIn follows).
    Result<SnapshotChanges> changesSincePrevious(const TenantScope& scope, qint64 snapshotId) const;
    /// Version id → its number among its policy's versions (1 = the first), for every version
    /// the snapshot holds.
    Result<QHash<qint64, int>> versionNumbersInSnapshot(const TenantScope& scope, qint64 snapshotId) const;

    /// Deletes a tenant's policies, versions, snapshots and references and drops their blob
    /// references, freeing blobs no other row names. Not scoped: TenantRepository::remove
    /// calls it inside its own transaction, before the tenant row goes.
    static Status removeTenantContent(QSqlDatabase& db, qint64 tenantId);

private:
    std::shared_ptr<Database> m_database;
};

} // namespace pv
