// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
// The capture kinds' contract — targets, parameters and type keys as the CLI and GUI build
// them — and what capture reads out of a policy's JSON (type key, references, unknown types).
#include "CaptureContractFixtures.h"
#include "core/capture/CaptureRequests.h"
#include "core/capture/PolicyContent.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace pv;
using namespace pv::capture;

class TestCaptureContract : public QObject
{
    Q_OBJECT

private slots:
    void backupRequestSortsAndDefaultsToAllTypes()
    {
        auto all = backupRequest({}, false, QStringLiteral("cli"));
        QVERIFY(all);
        QCOMPARE(all->kind, QStringLiteral("backup"));
        QCOMPARE(all->target, QStringLiteral("assignmentFilters,endpointSecurity,scopeTags,securityBaseline,settingsCatalog"));
        QCOMPARE(all->parameters.value(QStringLiteral("types")).toArray().size(), 5);
        QCOMPARE(all->parameters.value(QStringLiteral("full")).toBool(), false);
        QCOMPARE(all->initiator, QStringLiteral("cli"));

        auto some = backupRequest({QStringLiteral("scopeTags"), QStringLiteral("settingsCatalog"), QStringLiteral("scopeTags")},
                                  true, QStringLiteral("gui"));
        QVERIFY(some);
        QCOMPARE(some->target, QStringLiteral("scopeTags,settingsCatalog"));
        QCOMPARE(some->parameters, (QJsonObject{{QStringLiteral("types"), QJsonArray{QStringLiteral("scopeTags"),
                                                                                    QStringLiteral("settingsCatalog")}},
                                                {QStringLiteral("full"), true}}));
        auto back = backupParameters(some->parameters);
        QVERIFY(back);
        QCOMPARE(back->types, (QStringList{QStringLiteral("scopeTags"), QStringLiteral("settingsCatalog")}));
        QVERIFY(back->full);
    }

    void unknownTypesAreRefusedByName()
    {
        auto bad = backupRequest({QStringLiteral("settingsCatalog"), QStringLiteral("deviceConfigurations")}, false, {});
        QVERIFY(!bad);
        QCOMPARE(bad.error().code, ErrorCode::InvalidArgument);
        QVERIFY(bad.error().message.contains(QStringLiteral("deviceConfigurations")));
        QVERIFY(bad.error().message.contains(QStringLiteral("assignmentFilters")));   // names the valid ones
        QVERIFY(!parseTypeList(QStringLiteral("SettingsCatalog")));   // case matters: keys are API
        QVERIFY(!parseTypeList(QStringLiteral(" ")));
        auto parsed = parseTypeList(QStringLiteral(" scopeTags , assignmentFilters"));
        QVERIFY(parsed);
        QCOMPARE(*parsed, (QStringList{QStringLiteral("assignmentFilters"), QStringLiteral("scopeTags")}));
    }

    void capturePolicyRequestTargetsTheDatabaseId()
    {
        auto request = capturePolicyRequest(42, QStringLiteral("cli"));
        QVERIFY(request);
        QCOMPARE(request->kind, QStringLiteral("policy.capture_snapshot"));
        QCOMPARE(request->target, QStringLiteral("42"));
        QVERIFY(request->parameters.isEmpty());
        QVERIFY(!capturePolicyRequest(0, {}));
    }

    void typeKeyFollowsTheTemplateFamily()
    {
        auto policy = [](const char* family) {
            return QJsonObject{{QStringLiteral("templateReference"),
                                QJsonObject{{QStringLiteral("templateFamily"), QLatin1String(family)}}}};
        };
        QCOMPARE(PolicyContent::typeKeyOf(policy("none")), QStringLiteral("settingsCatalog"));
        QCOMPARE(PolicyContent::typeKeyOf(QJsonObject{}), QStringLiteral("settingsCatalog"));
        QCOMPARE(PolicyContent::typeKeyOf(policy("baseline")), QStringLiteral("securityBaseline"));
        QCOMPARE(PolicyContent::typeKeyOf(policy("endpointSecurityFirewall")), QStringLiteral("endpointSecurity"));
        QCOMPARE(PolicyContent::typeKeyOf(policy("endpointSecurityAntivirus")), QStringLiteral("endpointSecurity"));
        QCOMPARE(PolicyContent::typeKeyOf(policy("deviceConfigurationScripts")), QStringLiteral("settingsCatalog"));
    }

    void referencesIncludeChildrenTemplatesGroupsAndFilters()
    {
        const QJsonObject policy = baselineWithNestedSettings();
        auto refs = PolicyContent::referencesOf(policy);
        QVERIFY2(refs, qPrintable(refs ? QString() : refs.error().message));
        QCOMPARE(refs->definitions, (QSet<QString>{QStringLiteral("root"), QStringLiteral("root_group"), QStringLiteral("root_group_key")}));
        QCOMPARE(refs->templates, QSet<QString>{QStringLiteral("t_1")});
        QCOMPARE(refs->groups, QSet<QString>{QStringLiteral("g1")});
        QCOMPARE(refs->filters, QSet<QString>{QStringLiteral("f1")});
        QCOMPARE(refs->scopeTags, (QSet<QString>{QStringLiteral("0"), QStringLiteral("3")}));
    }

    void anUnknownTypeNamesTheSetting()
    {
        const QJsonObject policy = policyWithUnknownValueType();
        auto refs = PolicyContent::referencesOf(policy);
        QVERIFY(!refs);
        QCOMPARE(refs.error().code, ErrorCode::Parse);
        QVERIFY2(refs.error().message.contains(QStringLiteral("setting 1")), qPrintable(refs.error().message));
        QVERIFY(refs.error().message.contains(QStringLiteral("FutureSettingValue")));
    }
};

QTEST_GUILESS_MAIN(TestCaptureContract)
#include "tst_capturecontract.moc"
