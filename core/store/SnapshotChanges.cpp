// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
// The comparison queries of SnapshotRepository ("what changed since the previous snapshot"),
// kept apart from the capture-side writes in SnapshotRepository.cpp.
#include "core/store/SnapshotChanges.h"

#include "core/store/Database.h"
#include "core/store/DbError.h"
#include "core/store/OwnerCheck.h"
#include "core/store/SnapshotRepository.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <QSqlQuery>
#include <QVariant>

#include <algorithm>
#include <tuple>

namespace pv {

namespace {

const QString SnapshotOwner = QStringLiteral("SELECT tenant_id FROM snapshots WHERE id = ?");

QStringList typeList(const QString& json)
{
    QStringList out;
    for (const QJsonValue& v : QJsonDocument::fromJson(json.toUtf8()).array())
        out.append(v.toString());
    return out;
}

struct HeldPolicy
{
    qint64 versionId = 0;
    QString typeKey;
    QString displayName;
};

/// policy id → what the snapshot holds of it.
Result<QHash<qint64, HeldPolicy>> heldPolicies(QSqlDatabase& db, qint64 snapshotId)
{
    QSqlQuery q(db);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT v.policy_id, v.id, p.type_key, p.display_name FROM snapshot_items i"
                             " JOIN policy_versions v ON v.id = i.policy_version_id"
                             " JOIN policies p ON p.id = v.policy_id WHERE i.snapshot_id = ?"));
    q.addBindValue(snapshotId);
    if (Status s = db::exec(q, QStringLiteral("reading the items of snapshot %1").arg(snapshotId)); !s)
        return s.failure();
    QHash<qint64, HeldPolicy> out;
    while (q.next())
        out.insert(q.value(0).toLongLong(), HeldPolicy{q.value(1).toLongLong(), q.value(2).toString(), q.value(3).toString()});
    return out;
}

} // namespace

bool SnapshotChanges::isFirst() const
{
    return std::all_of(byType.cbegin(), byType.cend(), [](const TypeChanges& t) { return t.previousSnapshotId == 0; });
}

TypeChanges SnapshotChanges::total() const
{
    TypeChanges sum;
    for (const TypeChanges& t : byType) {
        sum.created += t.created;
        sum.updated += t.updated;
        sum.unchanged += t.unchanged;
        sum.deleted += t.deleted;
        sum.deletionsCounted = sum.deletionsCounted && t.deletionsCounted;
        sum.previousSnapshotId = qMax(sum.previousSnapshotId, t.previousSnapshotId);
    }
    return sum;
}

Result<SnapshotChanges> SnapshotRepository::changesSincePrevious(const TenantScope& scope, qint64 snapshotId) const
{
    QSqlDatabase db = m_database->connection();
    if (Status s = db::checkOwner(db, scope, SnapshotOwner, snapshotId, QStringLiteral("snapshot %1").arg(snapshotId)); !s)
        return s.failure();
    // One read transaction: the snapshot, its predecessors and their items as of one moment,
    // even while a capture commits beside us. Inside a caller's transaction BEGIN fails and
    // that transaction already gives the same view.
    struct ReadTransaction
    {
        QSqlDatabase& db;
        bool own = db::execStatement(db, QStringLiteral("BEGIN")).ok();
        ~ReadTransaction()
        {
            if (own)
                (void)db::execStatement(db, QStringLiteral("COMMIT"));
        }
    } readTransaction{db};

    QSqlQuery self(db);
    self.prepare(QStringLiteral("SELECT captured_types, incomplete_types, finished_at FROM snapshots WHERE id = ?"));
    self.addBindValue(snapshotId);
    if (Status s = db::exec(self, QStringLiteral("reading snapshot %1").arg(snapshotId)); !s)
        return s.failure();
    if (!self.next())
        return fail(ErrorCode::NotFound, QStringLiteral("snapshot %1 does not exist").arg(snapshotId));
    const QStringList captured = typeList(self.value(0).toString());
    const QStringList incomplete = typeList(self.value(1).toString());
    const bool finished = !self.value(2).isNull();
    self.finish();

    auto current = heldPolicies(db, snapshotId);
    if (!current)
        return current.failure();

    SnapshotChanges changes;
    changes.snapshotId = snapshotId;
    QStringList types = captured;
    for (const HeldPolicy& held : std::as_const(*current)) {
        if (!types.contains(held.typeKey))
            types.append(held.typeKey);
    }
    for (const QString& type : std::as_const(types)) {
        TypeChanges& t = changes.byType[type];
        t.deletionsCounted = finished && !incomplete.contains(type) && captured.contains(type);
    }

    // The baseline of each type: the newest earlier finished snapshot that captured it. Walk
    // back only until every type has one.
    QSqlQuery earlier(db);
    earlier.setForwardOnly(true);
    earlier.prepare(QStringLiteral("SELECT id, captured_types FROM snapshots WHERE tenant_id = ? AND id < ?"
                                   " AND finished_at IS NOT NULL ORDER BY id DESC"));
    earlier.addBindValue(scope.tenantId());
    earlier.addBindValue(snapshotId);
    if (Status s = db::exec(earlier, QStringLiteral("finding the snapshots before %1").arg(snapshotId)); !s)
        return s.failure();
    qsizetype withoutBaseline = types.size();
    while (withoutBaseline > 0 && earlier.next()) {
        const qint64 id = earlier.value(0).toLongLong();
        for (const QString& type : typeList(earlier.value(1).toString())) {
            auto it = changes.byType.find(type);
            if (it != changes.byType.end() && it->previousSnapshotId == 0) {
                it->previousSnapshotId = id;
                --withoutBaseline;
            }
        }
    }
    earlier.finish();

    QHash<qint64, QHash<qint64, HeldPolicy>> baselines;   // snapshot id → its items
    for (const TypeChanges& t : std::as_const(changes.byType)) {
        if (t.previousSnapshotId > 0 && !baselines.contains(t.previousSnapshotId)) {
            auto held = heldPolicies(db, t.previousSnapshotId);
            if (!held)
                return held.failure();
            baselines.insert(t.previousSnapshotId, std::move(held).value());
        }
    }

    for (auto it = current->cbegin(); it != current->cend(); ++it) {
        TypeChanges& t = changes.byType[it->typeKey];
        PolicyChange change = PolicyChange::Created;
        if (t.previousSnapshotId > 0) {
            const QHash<qint64, HeldPolicy>& before = baselines[t.previousSnapshotId];
            const auto old = before.constFind(it.key());
            if (old != before.cend())
                change = old->versionId == it->versionId ? PolicyChange::Unchanged : PolicyChange::Updated;
        }
        changes.changeOfPolicy.insert(it.key(), change);
        switch (change) {
        case PolicyChange::Created: ++t.created; break;
        case PolicyChange::Updated: ++t.updated; break;
        case PolicyChange::Unchanged: ++t.unchanged; break;
        }
    }

    for (auto type = changes.byType.begin(); type != changes.byType.end(); ++type) {
        if (type->previousSnapshotId == 0 || !type->deletionsCounted)
            continue;
        const QHash<qint64, HeldPolicy>& before = baselines[type->previousSnapshotId];
        for (auto it = before.cbegin(); it != before.cend(); ++it) {
            if (it->typeKey == type.key() && !current->contains(it.key())) {
                ++type->deleted;
                changes.deleted.append(DeletedPolicy{it.key(), it->typeKey, it->displayName, it->versionId});
            }
        }
    }
    std::sort(changes.deleted.begin(), changes.deleted.end(), [](const DeletedPolicy& a, const DeletedPolicy& b) {
        return std::tie(a.typeKey, a.displayName, a.policyId) < std::tie(b.typeKey, b.displayName, b.policyId);
    });
    return changes;
}

Result<QHash<qint64, int>> SnapshotRepository::versionNumbersInSnapshot(const TenantScope& scope, qint64 snapshotId) const
{
    QSqlDatabase db = m_database->connection();
    if (Status s = db::checkOwner(db, scope, SnapshotOwner, snapshotId, QStringLiteral("snapshot %1").arg(snapshotId)); !s)
        return s.failure();
    QSqlQuery q(db);
    q.setForwardOnly(true);
    // policy_versions_by_policy(policy_id, id) makes each count an index range.
    q.prepare(QStringLiteral("SELECT v.id, (SELECT COUNT(*) FROM policy_versions w WHERE w.policy_id = v.policy_id"
                             " AND w.id <= v.id) FROM snapshot_items i JOIN policy_versions v ON v.id = i.policy_version_id"
                             " WHERE i.snapshot_id = ?"));
    q.addBindValue(snapshotId);
    if (Status s = db::exec(q, QStringLiteral("numbering the versions of snapshot %1").arg(snapshotId)); !s)
        return s.failure();
    QHash<qint64, int> out;
    while (q.next())
        out.insert(q.value(0).toLongLong(), q.value(1).toInt());
    return out;
}

} // namespace pv
