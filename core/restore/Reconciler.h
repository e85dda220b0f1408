// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

#include "core/common/Result.h"
#include "core/restore/WriteBody.h"
#include "core/restore/WriteJournal.h"

#include <QDateTime>
#include <QObject>
#include <QString>

#include <functional>
#include <memory>

namespace pv::graph {
class ReadOnlyGraphClient;
}

namespace pv::restore {

/// What reading the target said about a write whose outcome was unknown.
struct Verdict
{
    WriteState state = WriteState::NotApplied;   ///< applied, not_applied or conflict
    QString createdId;                            ///< a create found applied: the object it made
    QString message;                              ///< why, for the journal and the item
};

/// Settles uncertain writes by reading the tenant, never by writing (no markers in tenant
/// objects; GRAPH_NOTES §4.4: a timeout, a dropped connection or a 5xx after sending may or may
/// not have been applied).
///
/// - create: the objects of the type with that name (`$filter=name eq '…'`) created since the
///   send time minus 5 minutes of clock skew, each read in full, whose content (comparableHash,
///   without assignments) equals what was sent. One → applied (its id); several → conflict;
///   none → read again once (two re-reads in all) and then not_applied.
/// - update (PUT/PATCH): the object's current content equals what was sent → applied, else
///   not_applied (a 404: not_applied — the object is gone, the item will say so).
/// - assign: the object's assignment set equals the one sent → applied, else not_applied.
///
/// A read that fails is an error: the write stays uncertain, a resume tries again.
/// Calls back on the client's thread; owned by the job, destroyed with its client.
class Reconciler final : public QObject
{
public:
    explicit Reconciler(graph::ReadOnlyGraphClient& client, QObject* parent = nullptr);

    /// Clock skew allowed between us and Graph when matching createdDateTime.
    static constexpr int SkewSeconds = 5 * 60;
    /// Pause between the two re-reads of a create (Graph's lists may lag a write).
    static constexpr int ReReadDelayMs = 1000;

    void create(const QString& typeKey, const QString& name, const QDateTime& sentAt, const QString& expectedHash,
                std::function<void(Result<Verdict>)> done);
    void update(const QString& typeKey, const QString& graphId, const QString& expectedHash,
                std::function<void(Result<Verdict>)> done);
    void assign(const QString& typeKey, const QString& graphId, const QString& expectedAssignmentsHash,
                std::function<void(Result<Verdict>)> done);

    /// Policies: `…/configurationPolicies?$filter=name eq '<name>'` (quotes doubled,
    /// percent-encoded); filters and scope tags: the whole collection (matched by name here).
    static QString listByNamePath(const QString& typeKey, const QString& name);

private:
    void createAttempt(const QString& typeKey, const QString& name, const QDateTime& sentAt,
                       const QString& expectedHash, int attempt, std::function<void(Result<Verdict>)> done);

    graph::ReadOnlyGraphClient& m_client;
};

} // namespace pv::restore
