// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "core/runs/RunTypes.h"

#include <array>
#include <utility>

namespace pv {

namespace {

constexpr std::array<RunStatus, 7> AllStatuses{RunStatus::Queued, RunStatus::Running, RunStatus::Succeeded,
                                               RunStatus::PartiallySucceeded, RunStatus::Failed,
                                               RunStatus::Cancelled, RunStatus::Interrupted};

constexpr std::array<ItemOutcome, ItemOutcomeCount> AllOutcomes{
    ItemOutcome::Succeeded, ItemOutcome::Failed,      ItemOutcome::Skipped,     ItemOutcome::Unchanged,
    ItemOutcome::Created,   ItemOutcome::Updated,     ItemOutcome::Deleted,     ItemOutcome::WouldCreate,
    ItemOutcome::WouldUpdate, ItemOutcome::WouldDelete, ItemOutcome::Conflict, ItemOutcome::CannotRestore,
    ItemOutcome::Uncertain};

} // namespace

const std::array<ItemOutcome, ItemOutcomeCount>& allItemOutcomes()
{
    return AllOutcomes;
}

int OutcomeCounts::total() const
{
    int sum = 0;
    for (int n : byOutcome)
        sum += n;
    return sum;
}

QString runStatusName(RunStatus status)
{
    switch (status) {
    case RunStatus::Queued: return QStringLiteral("queued");
    case RunStatus::Running: return QStringLiteral("running");
    case RunStatus::Succeeded: return QStringLiteral("succeeded");
    case RunStatus::PartiallySucceeded: return QStringLiteral("partially_succeeded");
    case RunStatus::Failed: return QStringLiteral("failed");
    case RunStatus::Cancelled: return QStringLiteral("cancelled");
    case RunStatus::Interrupted: return QStringLiteral("interrupted");
    }
    return QStringLiteral("failed");
}

std::optional<RunStatus> runStatusFromName(const QString& name)
{
    for (RunStatus status : AllStatuses) {
        if (runStatusName(status) == name)
            return status;
    }
    return std::nullopt;
}

bool isActive(RunStatus status)
{
    return status == RunStatus::Queued || status == RunStatus::Running;
}

bool isResumable(RunStatus status)
{
    switch (status) {
    case RunStatus::Interrupted:
    case RunStatus::Failed:
    case RunStatus::PartiallySucceeded:
    case RunStatus::Cancelled:
        return true;
    case RunStatus::Queued:
    case RunStatus::Running:
    case RunStatus::Succeeded:
        return false;
    }
    return false;
}

QString itemOutcomeName(ItemOutcome outcome)
{
    switch (outcome) {
    case ItemOutcome::Succeeded: return QStringLiteral("succeeded");
    case ItemOutcome::Failed: return QStringLiteral("failed");
    case ItemOutcome::Skipped: return QStringLiteral("skipped");
    case ItemOutcome::Unchanged: return QStringLiteral("unchanged");
    case ItemOutcome::Created: return QStringLiteral("created");
    case ItemOutcome::Updated: return QStringLiteral("updated");
    case ItemOutcome::Deleted: return QStringLiteral("deleted");
    case ItemOutcome::WouldCreate: return QStringLiteral("would_create");
    case ItemOutcome::WouldUpdate: return QStringLiteral("would_update");
    case ItemOutcome::WouldDelete: return QStringLiteral("would_delete");
    case ItemOutcome::Conflict: return QStringLiteral("conflict");
    case ItemOutcome::CannotRestore: return QStringLiteral("cannot_restore");
    case ItemOutcome::Uncertain: return QStringLiteral("uncertain");
    }
    return QStringLiteral("failed");
}

bool isUnresolved(ItemOutcome outcome)
{
    return outcome == ItemOutcome::Conflict || outcome == ItemOutcome::CannotRestore || outcome == ItemOutcome::Uncertain;
}

bool isRedoneOnResume(ItemOutcome outcome)
{
    return outcome == ItemOutcome::Failed || outcome == ItemOutcome::Uncertain;
}

std::optional<ItemOutcome> itemOutcomeFromName(const QString& name)
{
    for (ItemOutcome outcome : AllOutcomes) {
        if (itemOutcomeName(outcome) == name)
            return outcome;
    }
    return std::nullopt;
}

} // namespace pv
