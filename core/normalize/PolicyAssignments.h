// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace pv::normalize {

/// One assignment of a policy as the portal's Assignments section reads it: who (a group by
/// name, all devices, all users), included or excluded, and the assignment filter with its mode.
struct AssignmentRow
{
    enum class Target { Group, AllDevices, AllUsers, Other };
    Target target = Target::Other;
    bool exclude = false;
    QString groupId;      ///< Group only
    QString name;         ///< the group's display name; its id when the snapshot does not name it
    bool nameMissing = false;   ///< the group was not captured with the snapshot (deleted, no access)
    QString otherType;    ///< Other: the target's @odata.type without the namespace
    QString filterId;     ///< empty: no filter
    QString filterName;   ///< the filter's display name; its id when the snapshot does not name it
    QString filterMode;   ///< "include" / "exclude" (Graph's deviceAndAppManagementAssignmentFilterType)

    QJsonObject toJson() const;
};

/// The assignments of a policy's canonical JSON ("assignments"), includes first, then
/// excludes, each in Graph's order. `groups` (groupId → group) and `filters` (filterId →
/// assignment filter) are the snapshot's references; either may be empty.
QList<AssignmentRow> policyAssignments(const QJsonObject& policy, const QHash<QString, QJsonObject>& groups,
                                       const QHash<QString, QJsonObject>& filters);

} // namespace pv::normalize
