// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
// policyvault-cli's content commands (snapshots, policies, policy show, --settings, diff) over
// content recorded with the real repository in a real store.
#include "CliTestFixture.h"

#include "core/store/CaptureTypes.h"
#include "core/store/SnapshotRepository.h"
#include "tests/unit/normalize/NormalizeTestData.h"

using namespace pv;
using pv::test::isOneCompactDocument;

namespace {

QJsonObject groupAssignment(const QString& groupId, const QString& filterId)
{
    return {{QStringLiteral("id"), QString(QStringLiteral("a-") + groupId)},
            {QStringLiteral("target"),
             QJsonObject{{QStringLiteral("@odata.type"), QStringLiteral("#microsoft.graph.groupAssignmentTarget")},
                         {QStringLiteral("groupId"), groupId},
                         {QStringLiteral("deviceAndAppManagementAssignmentFilterId"), filterId},
                         {QStringLiteral("deviceAndAppManagementAssignmentFilterType"), QStringLiteral("include")}}}};
}

/// A settings-catalog policy as Graph returns it (one string setting, two assignments).
QJsonObject policyContent(const QString& graphId, const QString& name, const QString& value)
{
    const QJsonObject setting{
        {QStringLiteral("id"), QStringLiteral("0")},
        {QStringLiteral("settingInstance"),
         QJsonObject{{QStringLiteral("@odata.type"),
                      QStringLiteral("#microsoft.graph.deviceManagementConfigurationSimpleSettingInstance")},
                     {QStringLiteral("settingDefinitionId"), QStringLiteral("device_vendor_msft_policy_config_test")},
                     {QStringLiteral("simpleSettingValue"),
                      QJsonObject{{QStringLiteral("@odata.type"),
                                   QStringLiteral("#microsoft.graph.deviceManagementConfigurationStringSettingValue")},
                                  {QStringLiteral("value"), value}}}}}};
    const QJsonObject allDevices{
        {QStringLiteral("id"), QStringLiteral("a-all")},
        {QStringLiteral("target"),
         QJsonObject{{QStringLiteral("@odata.type"), QStringLiteral("#microsoft.graph.allDevicesAssignmentTarget")}}}};
    return {{QStringLiteral("id"), graphId},
            {QStringLiteral("name"), name},
            {QStringLiteral("platforms"), QStringLiteral("windows10")},
            {QStringLiteral("technologies"), QStringLiteral("mdm")},
            {QStringLiteral("settings"), QJsonArray{setting}},
            {QStringLiteral("assignments"),
             QJsonArray{groupAssignment(QStringLiteral("g-staff"), QStringLiteral("f-win11")), allDevices}}};
}


} // namespace

class TestCliContent : public QObject, protected pv::test::CliFixture
{
    Q_OBJECT

private slots:
    void init() { newDataFolder(); }
    void cleanup() { closeStore(); }

    // snapshots, policies and policy show over content recorded with the real repository.
    void contentCommands()
    {
        openStore();
        const qint64 alpha = addTenant(QStringLiteral("alpha"));
        const qint64 beta = addTenant(QStringLiteral("beta"));
        QVERIFY(alpha > 0 && beta > 0);
        const SnapshotRepository repository(m_database);
        auto alphaScope = m_gate->enter(alpha);
        auto betaScope = m_gate->enter(beta);
        QVERIFY(alphaScope && betaScope);
        const TenantScope& a = alphaScope.value();
        const QString settings = QStringLiteral("settingsCatalog");
        const QString tags = QStringLiteral("scopeTags");

        auto p1v1 = repository.recordPolicyVersion(a, settings, QStringLiteral("GID-P1"), QStringLiteral("Baseline Win"),
                                                   QStringLiteral("windows10"),
                                                   policyContent(QStringLiteral("GID-P1"), QStringLiteral("Baseline Win"), QStringLiteral("v1")),
                                                   0, QStringLiteral("2026-11-01T08:00:00Z"));
        auto p3 = repository.recordPolicyVersion(a, settings, QStringLiteral("GID-P3"), QStringLiteral("Old policy"),
                                                 QStringLiteral("windows10"),
                                                 policyContent(QStringLiteral("GID-P3"), QStringLiteral("Old policy"), QStringLiteral("x")), 0);
        auto p2 = repository.recordPolicyVersion(a, tags, QStringLiteral("7"), QStringLiteral("Helpdesk"), QString(),
                                                 QJsonObject{{QStringLiteral("id"), QStringLiteral("7")},
                                                             {QStringLiteral("displayName"), QStringLiteral("Helpdesk")}},
                                                 0);
        QVERIFY(p1v1 && p3 && p2);
        // Snapshot 1: everything, with the names of the group and the filter.
        auto s1 = repository.beginSnapshot(a, 0, CaptureTypes::captured());
        QVERIFY(s1);
        for (const qint64 version : {p1v1->versionId, p3->versionId, p2->versionId})
            QVERIFY(repository.addToSnapshot(a, s1.value(), version));
        QVERIFY(repository.addReference(a, s1.value(), QStringLiteral("group"), QStringLiteral("g-staff"),
                                        {{QStringLiteral("id"), QStringLiteral("g-staff")}, {QStringLiteral("displayName"), QStringLiteral("All staff")}}));
        QVERIFY(repository.addReference(a, s1.value(), QStringLiteral("filter"), QStringLiteral("f-win11"),
                                        {{QStringLiteral("id"), QStringLiteral("f-win11")}, {QStringLiteral("displayName"), QStringLiteral("Windows 11 only")}}));
        QVERIFY(repository.finishSnapshot(a, s1.value(), true, {}));
        // A new version of P1; snapshot 2 (settings catalog only) no longer sees P3: deleted.
        auto p1v2 = repository.recordPolicyVersion(a, settings, QStringLiteral("GID-P1"), QStringLiteral("Baseline Win"),
                                                   QStringLiteral("windows10"),
                                                   policyContent(QStringLiteral("GID-P1"), QStringLiteral("Baseline Win"), QStringLiteral("v2")),
                                                   0, QStringLiteral("2026-11-20T09:30:00Z"));
        QVERIFY(p1v2);
        QCOMPARE(p1v2->outcome, VersionOutcome::Updated);
        auto s2 = repository.beginSnapshot(a, 0, {settings});
        QVERIFY(s2);
        QVERIFY(repository.addToSnapshot(a, s2.value(), p1v2->versionId));
        QVERIFY(repository.addReference(a, s2.value(), QStringLiteral("group"), QStringLiteral("g-staff"),
                                        {{QStringLiteral("id"), QStringLiteral("g-staff")}, {QStringLiteral("displayName"), QStringLiteral("All staff")}}));
        QVERIFY(repository.finishSnapshot(a, s2.value(), true, {}));
        QCOMPARE(repository.markDeletedNotIn(a, s2.value()).value(), qint64(1));
        // Snapshot 3: scope tags did not all arrive, and it stored no names at all.
        auto s3 = repository.beginSnapshot(a, 0, {settings, tags});
        QVERIFY(s3);
        QVERIFY(repository.addToSnapshot(a, s3.value(), p1v2->versionId));
        QVERIFY(repository.finishSnapshot(a, s3.value(), false, {tags}));
        // Tenant beta: one policy and one snapshot.
        auto b1 = repository.recordPolicyVersion(betaScope.value(), settings, QStringLiteral("GID-B1"), QStringLiteral("Beta policy"),
                                                 QStringLiteral("macOS"),
                                                 policyContent(QStringLiteral("GID-B1"), QStringLiteral("Beta policy"), QStringLiteral("b")), 0);
        QVERIFY(b1);
        auto sb = repository.beginSnapshot(betaScope.value(), 0, {settings});
        QVERIFY(sb);
        QVERIFY(repository.addToSnapshot(betaScope.value(), sb.value(), b1->versionId));
        QVERIFY(repository.finishSnapshot(betaScope.value(), sb.value(), true, {}));

        const QStringList alphaTenant{QStringLiteral("--tenant"), QStringLiteral("alpha")};
        auto json = [&](const QStringList& arguments) {
            Outcome outcome = cli(withData(QStringList{QStringLiteral("--json")} + arguments));
            if (!isOneCompactDocument(outcome.out))
                qWarning("not one compact document: %s", outcome.out.constData());
            return outcome;
        };

        // snapshots list: newest first, completeness and what each captured.
        const Outcome list = json(QStringList{QStringLiteral("snapshots"), QStringLiteral("list")} + alphaTenant);
        QCOMPARE(list.exitCode, 0);
        QVERIFY(isOneCompactDocument(list.out));
        const QJsonArray snapshots = list.json().array();
        QCOMPARE(snapshots.size(), 3);
        QCOMPARE(snapshots[0][QStringLiteral("id")].toInteger(), s3.value());
        QCOMPARE(snapshots[0][QStringLiteral("complete")].toBool(), false);
        QCOMPARE(snapshots[0][QStringLiteral("incompleteTypes")].toArray(), QJsonArray{tags});
        QCOMPARE(snapshots[2][QStringLiteral("id")].toInteger(), s1.value());
        QCOMPARE(snapshots[2][QStringLiteral("complete")].toBool(), true);
        QCOMPARE(snapshots[2][QStringLiteral("itemCount")].toInt(), 3);
        QCOMPARE(snapshots[2][QStringLiteral("notCapturedTypes")].toArray(), QJsonArray::fromStringList(CaptureTypes::knownNotCaptured()));
        QVERIFY(cli(withData(QStringList{QStringLiteral("snapshots"), QStringLiteral("list")} + alphaTenant)).out.contains("incomplete (scopeTags)"));

        // snapshots show: counts by type and the items.
        const Outcome show = json(QStringList{QStringLiteral("snapshots"), QStringLiteral("show"), QString::number(s1.value())} + alphaTenant);
        QCOMPARE(show.exitCode, 0);
        QVERIFY(isOneCompactDocument(show.out));
        QCOMPARE(show.json()[QStringLiteral("countsByType")].toObject(),
                 (QJsonObject{{settings, 2}, {tags, 1}}));
        QCOMPARE(show.json()[QStringLiteral("referencesByKind")].toObject(), (QJsonObject{{QStringLiteral("filter"), 1}, {QStringLiteral("group"), 1}}));
        const QJsonArray items = show.json()[QStringLiteral("items")].toArray();
        QCOMPARE(items.size(), 3);
        QStringList itemNames;
        for (const QJsonValue& item : items)
            itemNames << item[QStringLiteral("name")].toString();
        itemNames.sort();
        QCOMPARE(itemNames, (QStringList{QStringLiteral("Baseline Win"), QStringLiteral("Helpdesk"), QStringLiteral("Old policy")}));
        const Outcome showText = cli(withData(QStringList{QStringLiteral("snapshots"), QStringLiteral("show"), QString::number(s3.value())} + alphaTenant));
        QCOMPARE(showText.exitCode, 0);
        QVERIFY2(showText.out.contains("incomplete (scopeTags)") && showText.out.contains("Baseline Win"), showText.out.constData());

        // policies list: both ids, versions, last modified; deleted ones only when asked.
        const Outcome policies = json(QStringList{QStringLiteral("policies"), QStringLiteral("list")} + alphaTenant);
        QCOMPARE(policies.exitCode, 0);
        QVERIFY(isOneCompactDocument(policies.out));
        const QJsonArray rows = policies.json().array();
        QCOMPARE(rows.size(), 2);   // P3 is deleted
        const QJsonObject p1 = rows[0].toObject()[QStringLiteral("type")] == tags ? rows[1].toObject() : rows[0].toObject();
        QCOMPARE(p1[QStringLiteral("id")].toInteger(), p1v1->policyId);
        QCOMPARE(p1[QStringLiteral("graphId")].toString(), QStringLiteral("GID-P1"));
        QCOMPARE(p1[QStringLiteral("name")].toString(), QStringLiteral("Baseline Win"));
        QCOMPARE(p1[QStringLiteral("platform")].toString(), QStringLiteral("windows10"));
        QCOMPARE(p1[QStringLiteral("versions")].toInt(), 2);
        QCOMPARE(p1[QStringLiteral("lastModified")].toString(), QStringLiteral("2026-11-20T09:30:00.000Z"));
        QCOMPARE(json(QStringList{QStringLiteral("policies"), QStringLiteral("list"), QStringLiteral("--include-deleted")} + alphaTenant)
                     .json().array().size(), 3);
        const QJsonArray onlyTags = json(QStringList{QStringLiteral("policies"), QStringLiteral("list"), QStringLiteral("--type"), tags} + alphaTenant)
                                        .json().array();
        QCOMPARE(onlyTags.size(), 1);
        QCOMPARE(onlyTags[0][QStringLiteral("name")].toString(), QStringLiteral("Helpdesk"));
        const Outcome table = cli(withData(QStringList{QStringLiteral("policies"), QStringLiteral("list")} + alphaTenant));
        QVERIFY2(table.out.contains("GID-P1") && table.out.contains("GRAPH ID"), table.out.constData());

        // policy show, by PolicyVault id and by Graph id: the same policy, with its names.
        const QString p1Id = QString::number(p1v1->policyId);
        for (const QString& id : {p1Id, QStringLiteral("GID-P1")}) {
            const Outcome policy = json(QStringList{QStringLiteral("policy"), QStringLiteral("show"), id} + alphaTenant);
            QCOMPARE(policy.exitCode, 0);
            QVERIFY(isOneCompactDocument(policy.out));
            const QJsonObject object = policy.json().object();
            QCOMPARE(object[QStringLiteral("id")].toInteger(), p1v1->policyId);
            QCOMPARE(object[QStringLiteral("versions")].toInt(), 2);
            QCOMPARE(object[QStringLiteral("history")].toArray().size(), 2);
            QCOMPARE(object[QStringLiteral("versionId")].toInteger(), p1v2->versionId);
            QCOMPARE(object[QStringLiteral("snapshotId")].toInteger(), s3.value());
            const QJsonObject content = object[QStringLiteral("content")].toObject();
            QCOMPARE(content[QStringLiteral("name")].toString(), QStringLiteral("Baseline Win"));
            QVERIFY(QJsonDocument(content).toJson().contains("\"v2\""));
            const QJsonArray assignments = object[QStringLiteral("assignments")].toArray();
            QCOMPARE(assignments.size(), 2);
            const QJsonObject group = assignments[0][QStringLiteral("target")] == QStringLiteral("group") ? assignments[0].toObject()
                                                                                                         : assignments[1].toObject();
            // Snapshot 3 stored no names: they come from the newest snapshot that did.
            QCOMPARE(group[QStringLiteral("groupId")].toString(), QStringLiteral("g-staff"));
            QCOMPARE(group[QStringLiteral("groupName")].toString(), QStringLiteral("All staff"));
            QCOMPARE(group[QStringLiteral("filterName")].toString(), QStringLiteral("Windows 11 only"));
            QCOMPARE(group[QStringLiteral("filterType")].toString(), QStringLiteral("include"));
        }
        const Outcome policyText = cli(withData(QStringList{QStringLiteral("policy"), QStringLiteral("show"), QStringLiteral("GID-P1")} + alphaTenant));
        QCOMPARE(policyText.exitCode, 0);
        QVERIFY2(policyText.out.contains("group \"All staff\" (g-staff), filter include \"Windows 11 only\"")
                     && policyText.out.contains("allDevices") && policyText.out.contains("\"value\": \"v2\""),
                 policyText.out.constData());

        // Another tenant's ids: access denied (4), also for a capture (nothing starts).
        const QString b1Id = QString::number(b1->policyId);
        for (const QStringList& arguments :
             {QStringList{QStringLiteral("policy"), QStringLiteral("show"), b1Id},
              QStringList{QStringLiteral("snapshots"), QStringLiteral("show"), QString::number(sb.value())},
              QStringList{QStringLiteral("capture"), QStringLiteral("--policy"), b1Id},
              QStringList{QStringLiteral("capture"), QStringLiteral("--policy"), b1Id, QStringLiteral("--wait")}}) {
            const Outcome denied = json(arguments + alphaTenant);
            QCOMPARE(denied.exitCode, 4);
            QVERIFY(isOneCompactDocument(denied.out));
            QCOMPARE(denied.json()[QStringLiteral("error")].toString(), QStringLiteral("access_denied"));
            QCOMPARE(cli(withData(arguments + alphaTenant)).exitCode, 4);
        }
        // A Graph id that is not this tenant's is simply not found here.
        QCOMPARE(json(QStringList{QStringLiteral("policy"), QStringLiteral("show"), QStringLiteral("GID-B1")} + alphaTenant).exitCode, 1);
        QCOMPARE(json(QStringList{QStringLiteral("snapshots"), QStringLiteral("show"), QStringLiteral("999")} + alphaTenant).exitCode, 1);
        QCOMPARE(cli(withData({QStringLiteral("--json"), QStringLiteral("runs"), QStringLiteral("list"), QStringLiteral("--tenant"),
                               QStringLiteral("alpha")})).json().array().size(), 0);
    }

    // policy show --settings and policy diff: the normalizer's rows over versions recorded with
    // the real repository, each rendered with the definitions its snapshot captured.
    void policySettingsAndDiff()
    {
        openStore();
        const qint64 alpha = addTenant(QStringLiteral("alpha"));
        const qint64 beta = addTenant(QStringLiteral("beta"));
        QVERIFY(alpha > 0 && beta > 0);
        const SnapshotRepository repository(m_database);
        auto alphaScope = m_gate->enter(alpha);
        auto betaScope = m_gate->enter(beta);
        QVERIFY(alphaScope && betaScope);
        const TenantScope& a = alphaScope.value();
        const QString type = QStringLiteral("endpointSecurity");

        // Version 1: the two sample firewall rules. Version 2: the second rule removed, the
        // first one's protocol changed from UDP (17) to TCP (6).
        const QJsonArray sample = test::sampleSettings(QStringLiteral("sc-settings-firewall-rules.json"));
        QCOMPARE(sample.size(), 1);
        QJsonArray v1Settings;
        for (const QJsonValue& item : sample)
            v1Settings.append(QJsonObject{{QStringLiteral("settingInstance"), item[QStringLiteral("settingInstance")]}});
        QJsonObject instance = v1Settings[0][QStringLiteral("settingInstance")].toObject();
        QJsonArray rules = instance[QStringLiteral("groupSettingCollectionValue")].toArray();
        QCOMPARE(rules.size(), 2);
        rules.removeAt(1);
        QJsonObject rule = rules[0].toObject();
        QJsonArray children = rule[QStringLiteral("children")].toArray();
        bool protocolEdited = false;
        for (qsizetype i = 0; i < children.size(); ++i) {
            QJsonObject child = children[i].toObject();
            if (!child[QStringLiteral("settingDefinitionId")].toString().endsWith(QLatin1String("_protocol")))
                continue;
            QJsonObject value = child[QStringLiteral("simpleSettingValue")].toObject();
            value.insert(QStringLiteral("value"), 6);
            child.insert(QStringLiteral("simpleSettingValue"), value);
            children.replace(i, child);
            protocolEdited = true;
        }
        QVERIFY(protocolEdited);
        rule.insert(QStringLiteral("children"), children);
        rules.replace(0, rule);
        instance.insert(QStringLiteral("groupSettingCollectionValue"), rules);
        const QJsonArray v2Settings{QJsonObject{{QStringLiteral("settingInstance"), instance}}};
        auto content = [](const QJsonArray& settings) {
            return QJsonObject{{QStringLiteral("id"), QStringLiteral("GID-FW")},
                               {QStringLiteral("name"), QStringLiteral("Firewall rules")},
                               {QStringLiteral("platforms"), QStringLiteral("windows10")},
                               {QStringLiteral("technologies"), QStringLiteral("mdm,microsoftSense")},
                               {QStringLiteral("templateReference"), QJsonObject{{QStringLiteral("templateId"), QStringLiteral("T-FW")}}},
                               {QStringLiteral("roleScopeTagIds"), QJsonArray{QStringLiteral("0")}},
                               {QStringLiteral("createdDateTime"), QStringLiteral("2026-11-01T08:00:00Z")},
                               {QStringLiteral("settings"), settings}};
        };
        // Each version with its own snapshot and the definitions that snapshot captured.
        auto record = [&](const QJsonArray& settings) -> qint64 {
            auto version = repository.recordPolicyVersion(a, type, QStringLiteral("GID-FW"), QStringLiteral("Firewall rules"),
                                                          QStringLiteral("windows10"), content(settings), 0);
            auto snapshot = repository.beginSnapshot(a, 0, {type});
            if (!version || !snapshot || !repository.addToSnapshot(a, snapshot.value(), version->versionId))
                return 0;
            for (const QJsonValue& item : sample) {
                for (const QJsonValue& d : item[QStringLiteral("settingDefinitions")].toArray()) {
                    if (!repository.addReference(a, snapshot.value(), QStringLiteral("definition"), d[QStringLiteral("id")].toString(),
                                                 d.toObject()))
                        return 0;
                }
            }
            if (!repository.addReference(a, snapshot.value(), QStringLiteral("template"), QStringLiteral("T-FW"),
                                         {{QStringLiteral("id"), QStringLiteral("T-FW")},
                                          {QStringLiteral("displayName"), QStringLiteral("Windows Firewall Rules")},
                                          {QStringLiteral("templateFamily"), QStringLiteral("endpointSecurityFirewall")}})
                || !repository.addReference(a, snapshot.value(), QStringLiteral("scope_tag"), QStringLiteral("0"),
                                            {{QStringLiteral("id"), QStringLiteral("0")}, {QStringLiteral("displayName"), QStringLiteral("Default")}}))
                return 0;
            for (const QJsonValue& c : test::normalizeData(QStringLiteral("configuration-categories.json"))[QStringLiteral("value")].toArray()) {
                if (!repository.addReference(a, snapshot.value(), QStringLiteral("category"), c[QStringLiteral("id")].toString(), c.toObject()))
                    return 0;
            }
            return repository.finishSnapshot(a, snapshot.value(), true, {}) ? version->policyId : 0;
        };
        const qint64 policyId = record(v1Settings);
        QVERIFY(policyId > 0);
        QCOMPARE(record(v2Settings), policyId);
        auto other = repository.recordPolicyVersion(betaScope.value(), type, QStringLiteral("GID-B"), QStringLiteral("Beta"),
                                                    QStringLiteral("windows10"), content(v1Settings), 0);
        QVERIFY(other);

        const QStringList alphaTenant{QStringLiteral("--tenant"), QStringLiteral("alpha")};
        auto json = [&](const QStringList& arguments) {
            Outcome outcome = cli(withData(QStringList{QStringLiteral("--json")} + arguments));
            if (!isOneCompactDocument(outcome.out))
                qWarning("not one compact document: %s", outcome.out.constData());
            return outcome;
        };

        // --settings --json: {"policy", "rows"}; the latest version: one rule left, now TCP.
        for (const QString& id : {QString::number(policyId), QStringLiteral("GID-FW")}) {
            const Outcome shown = json(QStringList{QStringLiteral("policy"), QStringLiteral("show"), id, QStringLiteral("--settings")} + alphaTenant);
            QCOMPARE(shown.exitCode, 0);
            QVERIFY(isOneCompactDocument(shown.out));
            const QJsonObject document = shown.json().object();
            QCOMPARE(document.keys(), (QStringList{QStringLiteral("policy"), QStringLiteral("rows")}));
            QCOMPARE(document[QStringLiteral("policy")][QStringLiteral("id")].toInteger(), policyId);
            QCOMPARE(document[QStringLiteral("policy")][QStringLiteral("name")].toString(), QStringLiteral("Firewall rules"));
            const QJsonObject general = document[QStringLiteral("policy")][QStringLiteral("general")].toObject();
            QCOMPARE(general[QStringLiteral("technologies")].toArray(),
                     (QJsonArray{QStringLiteral("MDM"), QStringLiteral("Defender for Endpoint")}));
            QCOMPARE(general[QStringLiteral("platforms")].toArray(), QJsonArray{QStringLiteral("Windows 10 and later")});
            QCOMPARE(general[QStringLiteral("template")][QStringLiteral("displayName")].toString(), QStringLiteral("Windows Firewall Rules"));
            QCOMPARE(general[QStringLiteral("template")][QStringLiteral("family")].toString(), QStringLiteral("endpointSecurityFirewall"));
            QCOMPARE(general[QStringLiteral("scopeTags")].toArray(), QJsonArray{QStringLiteral("Default")});
            QCOMPARE(general[QStringLiteral("created")].toString(), QStringLiteral("2026-11-01T08:00:00.000Z"));
            const QJsonArray rows = document[QStringLiteral("rows")].toArray();
            QCOMPARE(rows.size(), 12);   // the collection, one record, its 10 children
            for (const QJsonValue& row : rows) {
                for (const char* key : {"rowKey", "parentRowKey", "category", "setting", "value", "depth", "definitionId"})
                    QVERIFY2(row.toObject().contains(QLatin1String(key)), key);
                QCOMPARE(row[QStringLiteral("category")].toString(), QStringLiteral("Firewall"));
            }
            QCOMPARE(rows[0][QStringLiteral("depth")].toInt(), 0);
            QCOMPARE(rows[0][QStringLiteral("value")].toString(), QStringLiteral("1 rule"));
            const QJsonObject recordRow = rows[1].toObject();
            QCOMPARE(recordRow[QStringLiteral("depth")].toInt(), 1);
            QCOMPARE(recordRow[QStringLiteral("parentRowKey")].toString(), rows[0][QStringLiteral("rowKey")].toString());
            const QJsonObject rule = recordRow[QStringLiteral("record")].toObject();
            QCOMPARE(rule[QStringLiteral("name")].toString(), QStringLiteral("Allow Teams inbound"));
            QCOMPARE(rule[QStringLiteral("direction")].toString(), QStringLiteral("In"));
            QCOMPARE(rule[QStringLiteral("action")].toString(), QStringLiteral("Allow"));
            QCOMPARE(rule[QStringLiteral("protocol")].toString(), QStringLiteral("TCP"));
            QVERIFY(!rule[QStringLiteral("profiles")].toArray().isEmpty());
            QVERIFY(!rule[QStringLiteral("interfaces")].toArray().isEmpty());
            QCOMPARE(rows[2][QStringLiteral("depth")].toInt(), 2);
            QVERIFY(!rows[2].toObject().contains(QStringLiteral("record")));
        }
        const Outcome text = cli(withData(QStringList{QStringLiteral("policy"), QStringLiteral("show"), QStringLiteral("GID-FW"),
                                                      QStringLiteral("--settings")} + alphaTenant));
        QCOMPARE(text.exitCode, 0);
        QVERIFY2(text.out.contains("CATEGORY") && text.out.contains("Allow Teams inbound") && text.out.contains("Allow · In · TCP")
                     && text.out.contains("MDM, Defender for Endpoint") && text.out.contains("Scope tags:     Default"),
                 text.out.constData());

        // diff 1 → 2: the removed rule's rows and the changed protocol (and its record's summary).
        const Outcome diff = json(QStringList{QStringLiteral("policy"), QStringLiteral("diff"), QStringLiteral("GID-FW"),
                                              QStringLiteral("--from"), QStringLiteral("1"), QStringLiteral("--to"), QStringLiteral("2")} + alphaTenant);
        QCOMPARE(diff.exitCode, 0);
        QVERIFY(isOneCompactDocument(diff.out));
        QCOMPARE(diff.json()[QStringLiteral("from")][QStringLiteral("version")].toInt(), 1);
        QCOMPARE(diff.json()[QStringLiteral("to")][QStringLiteral("version")].toInt(), 2);
        const QJsonArray changes = diff.json()[QStringLiteral("changes")].toArray();
        int removed = 0;
        QStringList changed;
        bool removedRecord = false;
        for (const QJsonValue& change : changes) {
            const QString kind = change[QStringLiteral("change")].toString();
            if (kind == QLatin1String("removed")) {
                ++removed;
                QVERIFY2(change[QStringLiteral("rowKey")].toString().contains(QLatin1String("[Block outbound SMB to Internet]")),
                         qPrintable(change[QStringLiteral("rowKey")].toString()));
                QVERIFY(change[QStringLiteral("newValue")].isNull());
                if (change.toObject().contains(QStringLiteral("oldRecord"))) {
                    removedRecord = true;
                    QCOMPARE(change[QStringLiteral("oldRecord")][QStringLiteral("name")].toString(), QStringLiteral("Block outbound SMB to Internet"));
                }
            } else {
                QCOMPARE(kind, QStringLiteral("changed"));
                changed << QStringLiteral("%1: %2 -> %3").arg(change[QStringLiteral("setting")].toString(),
                                                             change[QStringLiteral("oldValue")].toString(),
                                                             change[QStringLiteral("newValue")].toString());
            }
        }
        QCOMPARE(removed, 10);   // the rule's record row and its 9 children
        QVERIFY(removedRecord);
        QCOMPARE(changed.size(), 2);
        QVERIFY2(changed.filter(QStringLiteral(": UDP -> TCP")).size() == 1, qPrintable(changed.join(QLatin1Char('|'))));
        const Outcome diffText = cli(withData(QStringList{QStringLiteral("policy"), QStringLiteral("diff"), QString::number(policyId),
                                                          QStringLiteral("--from"), QStringLiteral("2"), QStringLiteral("--to"), QStringLiteral("1")} + alphaTenant));
        QCOMPARE(diffText.exitCode, 0);
        QVERIFY2(diffText.out.contains("+ Firewall > ") && diffText.out.contains("TCP → UDP"), diffText.out.constData());
        // Same version: nothing.
        QCOMPARE(json(QStringList{QStringLiteral("policy"), QStringLiteral("diff"), QStringLiteral("GID-FW"), QStringLiteral("--from"),
                                  QStringLiteral("2"), QStringLiteral("--to"), QStringLiteral("2")} + alphaTenant)
                     .json()[QStringLiteral("changes")].toArray().size(), 0);

        // Bad versions: usage (3) when malformed or missing, not found (1) when out of range.
        const QStringList diffFw{QStringLiteral("policy"), QStringLiteral("diff"), QStringLiteral("GID-FW")};
        QCOMPARE(json(diffFw + QStringList{QStringLiteral("--from"), QStringLiteral("x"), QStringLiteral("--to"), QStringLiteral("2")} + alphaTenant).exitCode, 3);
        QCOMPARE(json(diffFw + QStringList{QStringLiteral("--from"), QStringLiteral("1")} + alphaTenant).exitCode, 3);
        QCOMPARE(json(diffFw + QStringList{QStringLiteral("--from"), QStringLiteral("1"), QStringLiteral("--to"), QStringLiteral("3")} + alphaTenant).exitCode, 1);
        QCOMPARE(json(QStringList{QStringLiteral("policy"), QStringLiteral("show"), QStringLiteral("GID-FW"), QStringLiteral("--from"),
                                  QStringLiteral("1")} + alphaTenant).exitCode, 3);

        // Another tenant's policy: access denied (4), for both commands.
        const QString otherId = QString::number(other->policyId);
        for (const QStringList& arguments :
             {QStringList{QStringLiteral("policy"), QStringLiteral("show"), otherId, QStringLiteral("--settings")},
              QStringList{QStringLiteral("policy"), QStringLiteral("diff"), otherId, QStringLiteral("--from"), QStringLiteral("1"),
                          QStringLiteral("--to"), QStringLiteral("1")}}) {
            const Outcome denied = json(arguments + alphaTenant);
            QCOMPARE(denied.exitCode, 4);
            QCOMPARE(denied.json()[QStringLiteral("error")].toString(), QStringLiteral("access_denied"));
        }
    }
};

QTEST_GUILESS_MAIN(TestCliContent)
#include "tst_cli_content.moc"
