// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

#include "core/common/Result.h"
#include "core/common/TenantScope.h"

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QString>

#include <memory>
#include <optional>

namespace pv {
class Database;
}

namespace pv::restore {

/// Where one journaled write stands. `sending`: recorded, maybe sent, no answer recorded — a
/// process that died there left it; a resume treats it as `uncertain`.
enum class WriteState { Sending, Applied, NotApplied, Uncertain, Conflict };
QString writeStateName(WriteState state);
std::optional<WriteState> writeStateFromName(const QString& name);

/// The steps of one item's restore, in the order they happen.
namespace WriteStep {
inline constexpr char Create[] = "create";   ///< POST of the object
inline constexpr char Update[] = "update";   ///< PUT (policies) / PATCH (filters, scope tags)
inline constexpr char Assign[] = "assign";   ///< POST …/assign
} // namespace WriteStep

/// One write_journal row (schema 6). Bodies are never stored: their SHA-256 is.
struct JournalEntry
{
    qint64 id = 0;
    qint64 tenantId = 0;
    qint64 runId = 0;               ///< the live restore run that sent it (any run of the chain)
    qint64 planRunId = 0;           ///< the plan it executes
    QString itemKey;                ///< planItemKey()
    QString step;                   ///< WriteStep
    QString method;
    QString url;                    ///< absolute, as sent
    QString bodySha256;
    QString clientRequestId;
    QDateTime sentAt;               ///< UTC, recorded just before sending
    WriteState state = WriteState::Sending;
    int httpStatus = 0;
    QString requestId;
    QString createdId;              ///< the Graph id a create made (or reconciliation found)
    QDateTime completedAt;
    QString error;                  ///< redacted
};

/// How a write ended.
struct WriteCompletion
{
    WriteState state = WriteState::Applied;
    int httpStatus = 0;
    QString requestId;
    QString createdId;
    QString error;                  ///< redacted before it is stored (and before it is audited)
};

/// The write journal of live restores: every write recorded before it is sent and completed
/// after, each together with its audit row (intent / outcome) in one transaction — the audit
/// trail never says less, or more, than the journal. Scoped: a run, plan or row of another
/// tenant is AccessDenied, on every method.
class WriteJournal final
{
public:
    explicit WriteJournal(std::shared_ptr<Database> database);

    /// Records `entry` (state `sending`; its sentAt is now when not set) and the audit intent
    /// row (operation, target, client-request-id — never the body) → the row's id.
    Result<qint64> begin(const TenantScope& scope, const JournalEntry& entry, const QString& actor) const;
    /// Completes row `id` with `completion` and appends the outcome audit row (status,
    /// request-id, created id). NotFound for an unknown row.
    Status complete(const TenantScope& scope, qint64 id, const WriteCompletion& completion, const QString& actor) const;

    /// Every row of the plan's execution (all runs of its chain), oldest first.
    Result<QList<JournalEntry>> entriesOfPlan(const TenantScope& scope, qint64 planRunId) const;
    /// The newest row per (item key, step) of the plan's execution; key: `itemKey + '|' + step`.
    Result<QHash<QString, JournalEntry>> latestPerStep(const TenantScope& scope, qint64 planRunId) const;
    static QString stepKey(const QString& itemKey, const QString& step);

private:
    std::shared_ptr<Database> m_database;
};

} // namespace pv::restore
