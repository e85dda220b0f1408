// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "core/normalize/PolicyAssignments.h"

#include <QJsonArray>

#include <algorithm>

namespace pv::normalize {

namespace {

// Graph writes a filter-less target with the all-zero id (or null) and type "none".
const QString NoFilterId = QStringLiteral("00000000-0000-0000-0000-000000000000");

QString displayNameOf(const QHash<QString, QJsonObject>& objects, const QString& id, bool* missing)
{
    const QString name = objects.value(id).value(QStringLiteral("displayName")).toString();
    *missing = name.isEmpty();
    return name.isEmpty() ? id : name;
}

} // namespace

QJsonObject AssignmentRow::toJson() const
{
    static const char* const targets[] = {"group", "allDevices", "allUsers", "other"};
    QJsonObject o{{QStringLiteral("target"), QLatin1String(targets[int(target)])},
                  {QStringLiteral("mode"), exclude ? QStringLiteral("exclude") : QStringLiteral("include")}};
    if (target == Target::Group) {
        o.insert(QStringLiteral("groupId"), groupId);
        o.insert(QStringLiteral("name"), name);
    }
    if (target == Target::Other)
        o.insert(QStringLiteral("type"), otherType);
    if (!filterId.isEmpty()) {
        o.insert(QStringLiteral("filter"), QJsonObject{{QStringLiteral("id"), filterId},
                                                       {QStringLiteral("name"), filterName},
                                                       {QStringLiteral("mode"), filterMode}});
    }
    return o;
}

QList<AssignmentRow> policyAssignments(const QJsonObject& policy, const QHash<QString, QJsonObject>& groups,
                                       const QHash<QString, QJsonObject>& filters)
{
    QList<AssignmentRow> rows;
    for (const QJsonValue& a : policy.value(QStringLiteral("assignments")).toArray()) {
        const QJsonObject target = a.toObject().value(QStringLiteral("target")).toObject();
        QString type = target.value(QStringLiteral("@odata.type")).toString();
        type = type.mid(type.lastIndexOf(QLatin1Char('.')) + 1);
        AssignmentRow row;
        if (type == QLatin1String("groupAssignmentTarget") || type == QLatin1String("exclusionGroupAssignmentTarget")) {
            row.target = AssignmentRow::Target::Group;
            row.exclude = type.startsWith(QLatin1String("exclusion"));
            row.groupId = target.value(QStringLiteral("groupId")).toString();
            row.name = displayNameOf(groups, row.groupId, &row.nameMissing);
        } else if (type == QLatin1String("allDevicesAssignmentTarget")) {
            row.target = AssignmentRow::Target::AllDevices;
        } else if (type == QLatin1String("allLicensedUsersAssignmentTarget")) {
            row.target = AssignmentRow::Target::AllUsers;
        } else {
            row.otherType = type;
        }
        const QString filterId = target.value(QStringLiteral("deviceAndAppManagementAssignmentFilterId")).toString();
        const QString mode = target.value(QStringLiteral("deviceAndAppManagementAssignmentFilterType")).toString();
        if (!filterId.isEmpty() && filterId != NoFilterId && mode != QLatin1String("none")) {
            bool missing = false;
            row.filterId = filterId;
            row.filterName = displayNameOf(filters, filterId, &missing);
            row.filterMode = mode;
        }
        rows.append(row);
    }
    // Includes first, as the portal lists them (stable: Graph's order within each part).
    std::stable_partition(rows.begin(), rows.end(), [](const AssignmentRow& r) { return !r.exclude; });
    return rows;
}

} // namespace pv::normalize
