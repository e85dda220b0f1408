// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QMetaType>
#include <QString>

#include <array>
#include <optional>

namespace pv {

/// queued → running → succeeded | partially_succeeded | failed | cancelled; a run whose
/// owning process died becomes interrupted.
enum class RunStatus { Queued, Running, Succeeded, PartiallySucceeded, Failed, Cancelled, Interrupted };

QString runStatusName(RunStatus status);                        ///< "partially_succeeded", …
std::optional<RunStatus> runStatusFromName(const QString& name);
bool isActive(RunStatus status);                                ///< queued or running
bool isResumable(RunStatus status);                             ///< interrupted, failed, partial, cancelled

/// What happened to one item of a run. `Failed` is a failure; a skipped item is not one.
/// Restore adds three outcomes that are neither success nor failure (ARCHITECTURE §3):
/// `Conflict` (the live object is not what the plan expected, or the match is ambiguous),
/// `CannotRestore` (the snapshot's content cannot be written back: retired template, lost
/// secret, unresolvable reference) and `Uncertain` (a write whose outcome is unknown until the
/// write journal reconciles it). A run with any of them ends partially_succeeded.
enum class ItemOutcome { Succeeded, Failed, Skipped, Unchanged, Created, Updated, Deleted, WouldCreate, WouldUpdate, WouldDelete,
                         Conflict, CannotRestore, Uncertain };

QString itemOutcomeName(ItemOutcome outcome);                   ///< "would_create", …
std::optional<ItemOutcome> itemOutcomeFromName(const QString& name);
inline constexpr int ItemOutcomeCount = 13;
/// Conflict, CannotRestore and Uncertain: the run did not do what was asked for this item, yet
/// nothing failed (see ItemOutcome).
bool isUnresolved(ItemOutcome outcome);
/// Whether a resume redoes an item that ended with `outcome`: failed items, and uncertain
/// ones (the job reconciles those through its write journal before anything else).
bool isRedoneOnResume(ItemOutcome outcome);
/// Every outcome, in declaration order.
const std::array<ItemOutcome, ItemOutcomeCount>& allItemOutcomes();

/// How many items of a run ended with each outcome (kept on the run's row).
struct OutcomeCounts
{
    std::array<int, ItemOutcomeCount> byOutcome{};

    int of(ItemOutcome outcome) const { return byOutcome[static_cast<std::size_t>(outcome)]; }
    void add(ItemOutcome outcome, int n = 1) { byOutcome[static_cast<std::size_t>(outcome)] += n; }
    int total() const;
    /// Every outcome that is neither failed, skipped nor unresolved (created, updated,
    /// unchanged, would_* …).
    int succeeded() const { return total() - of(ItemOutcome::Failed) - of(ItemOutcome::Skipped) - unresolved(); }
    /// Conflict + cannot_restore + uncertain.
    int unresolved() const
    {
        return of(ItemOutcome::Conflict) + of(ItemOutcome::CannotRestore) + of(ItemOutcome::Uncertain);
    }
    friend bool operator==(const OutcomeCounts&, const OutcomeCounts&) = default;
};

/// What a caller asks for. Two requests with the same tenant, kind and target are "equal":
/// while one is queued or running, starting the other returns it.
struct RunRequest
{
    QString kind;               ///< a kind registered with RunService::registerKind, e.g. "backup"
    QString target;             ///< what it acts on ("" = whole tenant), part of the dedupe key
    QJsonObject parameters;     ///< job parameters, stored with the run (no secrets)
    QString initiator;          ///< "gui", "cli", "test", …
};

/// A run found active with a dead owner (or orphaned by its own process) and marked interrupted.
struct RecoveredRun
{
    qint64 tenantId = 0;
    qint64 runId = 0;
    qint64 notificationId = 0;
};

/// What start() and resume() return at once.
struct RunRef
{
    qint64 runId = 0;
    bool reused = false;        ///< an equal active run already existed
};

struct RunRecord
{
    qint64 id = 0;
    qint64 tenantId = 0;
    QString kind;
    QString target;
    RunStatus status = RunStatus::Queued;
    QJsonObject parameters;
    qint64 progressDone = 0;
    qint64 progressTotal = 0;
    QDateTime createdAt;
    QDateTime startedAt;        ///< invalid until running
    QDateTime finishedAt;       ///< invalid until it ended
    QString initiator;
    QString errorSummary;       ///< redacted
    qint64 parentRunId = 0;     ///< the run this one resumes, or 0
    QString ownerHost;          ///< the owner's machine (empty for runs from before schema 3)
    qint64 ownerPid = 0;
    qint64 ownerStartedAt = 0;  ///< the owner's process start time (see ProcessIdentity)
    bool writesTenant = false;  ///< a run that writes to its tenant (at most one active per tenant)
    QDateTime cancelRequestedAt;    ///< set when a cancel was asked for while another process ran it
    OutcomeCounts counts;       ///< kept on the run's row, updated with each item
    // Shorthands of counts: succeeded = every outcome but failed and skipped.
    int succeededCount = 0;
    int failedCount = 0;
    int skippedCount = 0;
};

struct RunItemRecord
{
    qint64 runId = 0;
    int ordinal = 0;
    QString itemKey;
    QString displayName;
    ItemOutcome outcome = ItemOutcome::Succeeded;
    QString message;            ///< redacted
    QString requestId;          ///< Graph request-id, when the item talked to Graph
    qint64 durationMs = 0;
    QDateTime finishedAt;
};

struct RunFilter
{
    std::optional<RunStatus> status;
    QString kind;
    int limit = 500;
};

struct NotificationRecord
{
    qint64 id = 0;
    qint64 tenantId = 0;
    qint64 runId = 0;
    QString kind;               ///< "run_finished", "run_interrupted"
    QString title;
    QString body;
    QDateTime createdAt;
    QDateTime readAt;           ///< invalid while unread
};

} // namespace pv

Q_DECLARE_METATYPE(pv::RunStatus)
Q_DECLARE_METATYPE(pv::RecoveredRun)
