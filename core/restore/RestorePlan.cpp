// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "core/restore/RestorePlan.h"

#include <array>

namespace pv::restore {

namespace {

constexpr std::array<PlanAction, 5> AllActions{PlanAction::WouldCreate, PlanAction::WouldUpdate, PlanAction::Unchanged,
                                               PlanAction::Conflict, PlanAction::CannotRestore};

} // namespace

ItemOutcome previewOutcome(PlanAction action)
{
    switch (action) {
    case PlanAction::WouldCreate: return ItemOutcome::WouldCreate;
    case PlanAction::WouldUpdate: return ItemOutcome::WouldUpdate;
    case PlanAction::Unchanged: return ItemOutcome::Unchanged;
    case PlanAction::Conflict: return ItemOutcome::Conflict;
    case PlanAction::CannotRestore: return ItemOutcome::CannotRestore;
    }
    return ItemOutcome::Failed;
}

QString planActionName(PlanAction action)
{
    return itemOutcomeName(previewOutcome(action));
}

std::optional<PlanAction> planActionFromName(const QString& name)
{
    for (PlanAction action : AllActions) {
        if (planActionName(action) == name)
            return action;
    }
    return std::nullopt;
}

bool writes(PlanAction action)
{
    return action == PlanAction::WouldCreate || action == PlanAction::WouldUpdate;
}

Tier tierOf(const QString& typeKey)
{
    if (typeKey == QLatin1String("scopeTags"))
        return Tier::ScopeTags;
    if (typeKey == QLatin1String("assignmentFilters"))
        return Tier::AssignmentFilters;
    return Tier::Policies;
}

QString planItemKey(const QString& typeKey, qint64 policyId)
{
    return typeKey + QLatin1Char(':') + QString::number(policyId);
}

} // namespace pv::restore
