// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
// policyAssignments: every target type Graph writes for a configuration policy (group,
// exclusion group, all devices, all licensed users, something else), filters with their mode,
// the all-zero "no filter" id, names from the snapshot's references and ids without them.
#include "core/normalize/PolicyAssignments.h"

#include <QJsonArray>
#include <QTest>

using namespace pv::normalize;
using namespace Qt::StringLiterals;

namespace {

QJsonObject assignment(const QString& type, const QString& groupId = {}, const QString& filterId = {},
                       const QString& filterMode = {})
{
    QJsonObject target{{u"@odata.type"_s, QString(u"#microsoft.graph."_s + type)}};
    if (!groupId.isEmpty())
        target.insert(u"groupId"_s, groupId);
    if (!filterId.isEmpty())
        target.insert(u"deviceAndAppManagementAssignmentFilterId"_s, filterId);
    if (!filterMode.isEmpty())
        target.insert(u"deviceAndAppManagementAssignmentFilterType"_s, filterMode);
    return QJsonObject{{u"id"_s, u"a"_s}, {u"target"_s, target}};
}

} // namespace

class TestPolicyAssignments final : public QObject
{
    Q_OBJECT

private slots:
    void everyTargetType();
    void noAssignments();
};

void TestPolicyAssignments::everyTargetType()
{
    const QJsonObject policy{{u"assignments"_s, QJsonArray{
        assignment(u"exclusionGroupAssignmentTarget"_s, u"g-kiosk"_s),
        assignment(u"groupAssignmentTarget"_s, u"g-pilot"_s, u"f-surface"_s, u"include"_s),
        assignment(u"allDevicesAssignmentTarget"_s, {}, u"f-vm"_s, u"exclude"_s),
        assignment(u"allLicensedUsersAssignmentTarget"_s, {}, u"00000000-0000-0000-0000-000000000000"_s, u"none"_s),
        assignment(u"groupAssignmentTarget"_s, u"g-deleted"_s),
        assignment(u"configurationManagerCollectionAssignmentTarget"_s)}}};
    const QHash<QString, QJsonObject> groups{{u"g-kiosk"_s, {{u"displayName"_s, u"Kiosk devices"_s}}},
                                             {u"g-pilot"_s, {{u"displayName"_s, u"Pilot users"_s}}}};
    const QHash<QString, QJsonObject> filters{{u"f-surface"_s, {{u"displayName"_s, u"Surface devices"_s}}}};
    const QList<AssignmentRow> rows = policyAssignments(policy, groups, filters);
    QCOMPARE(rows.size(), 6);
    // Includes first in Graph's order, then the exclusion.
    QCOMPARE(rows.at(0).target, AssignmentRow::Target::Group);
    QCOMPARE(rows.at(0).name, u"Pilot users"_s);
    QCOMPARE(rows.at(0).filterName, u"Surface devices"_s);
    QCOMPARE(rows.at(0).filterMode, u"include"_s);
    QCOMPARE(rows.at(1).target, AssignmentRow::Target::AllDevices);
    QCOMPARE(rows.at(1).filterId, u"f-vm"_s);
    QCOMPARE(rows.at(1).filterName, u"f-vm"_s);   // not in the references: the id
    QCOMPARE(rows.at(1).filterMode, u"exclude"_s);
    QCOMPARE(rows.at(2).target, AssignmentRow::Target::AllUsers);
    QVERIFY(rows.at(2).filterId.isEmpty());        // the all-zero id is no filter
    QCOMPARE(rows.at(3).name, u"g-deleted"_s);
    QVERIFY(rows.at(3).nameMissing);
    QCOMPARE(rows.at(4).target, AssignmentRow::Target::Other);
    QCOMPARE(rows.at(4).otherType, u"configurationManagerCollectionAssignmentTarget"_s);
    QVERIFY(rows.at(5).exclude);
    QCOMPARE(rows.at(5).name, u"Kiosk devices"_s);
    QVERIFY(!rows.at(5).nameMissing);
    QCOMPARE(rows.at(0).toJson().value(u"filter"_s).toObject().value(u"name"_s).toString(), u"Surface devices"_s);
    QCOMPARE(rows.at(5).toJson().value(u"mode"_s).toString(), u"exclude"_s);
}

void TestPolicyAssignments::noAssignments()
{
    QVERIFY(policyAssignments(QJsonObject{{u"assignments"_s, QJsonArray{}}}, {}, {}).isEmpty());
    QVERIFY(policyAssignments(QJsonObject{}, {}, {}).isEmpty());
}

QTEST_GUILESS_MAIN(TestPolicyAssignments)
#include "tst_policyassignments.moc"
