// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
// configurationPolicies writes through SimWorld::handle(): create validation, PUT, PATCH,
// DELETE, assign, secrets and the permission checks.

#include "SimTestUtil.h"

#include <QTest>

using namespace simtest;

namespace {

const QString kPrefix = QStringLiteral("#microsoft.graph.deviceManagementConfiguration");
const QString kToasts = QStringLiteral("device_vendor_msft_policy_config_update_pausequalityupdates");
const QString kDeadline = QStringLiteral("device_vendor_msft_policy_config_update_autorestartdeadlineperiodindaysforfeatureupdates");
const QString kBitLockerTemplate = QStringLiteral("46ddfc50-d10f-4867-b852-9434254b3bff_1");

QJsonObject choice(const QString& defId, const QString& option)
{
    return QJsonObject{{QStringLiteral("@odata.type"), QString(kPrefix + QStringLiteral("ChoiceSettingInstance"))},
                       {QStringLiteral("settingDefinitionId"), defId},
                       {QStringLiteral("choiceSettingValue"), QJsonObject{{QStringLiteral("value"), QString(defId + u'_' + option)},
                                                                          {QStringLiteral("children"), QJsonArray()}}}};
}

QJsonObject simple(const QString& defId, const QString& valueType, const QJsonValue& value)
{
    return QJsonObject{{QStringLiteral("@odata.type"), QString(kPrefix + QStringLiteral("SimpleSettingInstance"))},
                       {QStringLiteral("settingDefinitionId"), defId},
                       {QStringLiteral("simpleSettingValue"), QJsonObject{{QStringLiteral("@odata.type"), QString(kPrefix + valueType)},
                                                                          {QStringLiteral("value"), value}}}};
}

QJsonObject policy(const QJsonArray& instances, const QString& templateId = {})
{
    QJsonArray settings;
    for (const QJsonValue& i : instances)
        settings.append(QJsonObject{{QStringLiteral("settingInstance"), i}});
    return QJsonObject{{QStringLiteral("name"), QStringLiteral("Test policy")}, {QStringLiteral("description"), QString()},
                       {QStringLiteral("platforms"), QStringLiteral("windows10")}, {QStringLiteral("technologies"), QStringLiteral("mdm")},
                       {QStringLiteral("roleScopeTagIds"), QJsonArray{QStringLiteral("0")}},
                       {QStringLiteral("templateReference"), QJsonObject{{QStringLiteral("templateId"), templateId}}},
                       {QStringLiteral("settings"), settings}};
}

QString errorCode(const graphsim::SimResponse& r)
{
    return json(r).value(QStringLiteral("error")).toObject().value(QStringLiteral("code")).toString();
}

QString errorMessage(const graphsim::SimResponse& r)
{
    return json(r).value(QStringLiteral("error")).toObject().value(QStringLiteral("message")).toString();
}

QString policiesPath(const QString& rest = {})
{
    return QStringLiteral("/deviceManagement/configurationPolicies") + rest;
}

} // namespace

class TestGraphsimPolicies : public QObject
{
    Q_OBJECT

private slots:
    void createReadReplacePatchDelete();
    void createValidation_data();
    void createValidation();
    void templateReferencesAreCaseSensitive();
    void secretsBecomeTokens();
    void assignReplacesTheSet();
    void expandedAssignmentsQuirk();
    void permissions();
    void endpointSecurityScopes();
};

void TestGraphsimPolicies::createReadReplacePatchDelete()
{
    World w;
    QVERIFY(w.init(QStringLiteral("empty")));
    const QJsonObject body = policy({choice(kToasts, QStringLiteral("1")),
                                     simple(kDeadline, QStringLiteral("IntegerSettingValue"), QStringLiteral("7"))});
    auto created = w.call("POST", policiesPath(), body);
    QCOMPARE(created.status, 201);
    const QJsonObject object = json(created);
    const QString id = object.value(QStringLiteral("id")).toString();
    QVERIFY(!id.isEmpty());
    QVERIFY(!object.contains(QStringLiteral("settings")));
    QCOMPARE(object.value(QStringLiteral("settingCount")).toInt(), 2);
    QCOMPARE(object.value(QStringLiteral("isAssigned")).toBool(), false);
    QCOMPARE(object.value(QStringLiteral("templateReference")).toObject().value(QStringLiteral("templateFamily")).toString(),
             QStringLiteral("none"));

    auto settings = w.call("GET", policiesPath(QStringLiteral("('%1')/settings?$expand=settingDefinitions").arg(id)));
    QCOMPARE(settings.status, 200);
    const QJsonArray items = json(settings).value(QStringLiteral("value")).toArray();
    QCOMPARE(items.size(), 2);
    QCOMPARE(items.at(0).toObject().value(QStringLiteral("id")).toString(), QStringLiteral("0"));
    const QJsonObject integer = items.at(1).toObject().value(QStringLiteral("settingInstance")).toObject()
                                    .value(QStringLiteral("simpleSettingValue")).toObject();
    QVERIFY2(integer.value(QStringLiteral("value")).isDouble(), "a quoted integer is stored as a number");
    QCOMPARE(integer.value(QStringLiteral("value")).toInt(), 7);
    QCOMPARE(items.at(0).toObject().value(QStringLiteral("settingDefinitions")).toArray().size(), 1);

    w.clock.advance(std::chrono::minutes(5));
    const QString before = object.value(QStringLiteral("lastModifiedDateTime")).toString();
    auto put = w.call("PUT", policiesPath(QStringLiteral("/%1").arg(id)), policy({choice(kToasts, QStringLiteral("0"))}));
    QCOMPARE(put.status, 204);
    QVERIFY(put.body.isEmpty());
    auto got = json(w.call("GET", policiesPath(QStringLiteral("/%1").arg(id))));
    QCOMPARE(got.value(QStringLiteral("settingCount")).toInt(), 1);
    QVERIFY(got.value(QStringLiteral("lastModifiedDateTime")).toString() > before);
    QCOMPARE(got.value(QStringLiteral("createdDateTime")).toString(), object.value(QStringLiteral("createdDateTime")).toString());

    auto patch = w.call("PATCH", policiesPath(QStringLiteral("('%1')").arg(id)),
                        QJsonObject{{QStringLiteral("name"), QStringLiteral("Renamed")}, {QStringLiteral("description"), QStringLiteral("d")}});
    QCOMPARE(patch.status, 200);
    QCOMPARE(json(patch).value(QStringLiteral("name")).toString(), QStringLiteral("Renamed"));
    QCOMPARE(json(patch).value(QStringLiteral("settingCount")).toInt(), 1);

    auto patchSettings = w.call("PATCH", policiesPath(QStringLiteral("('%1')").arg(id)),
                                QJsonObject{{QStringLiteral("settings"), QJsonArray()}});
    QCOMPARE(patchSettings.status, 400);
    QVERIFY(errorMessage(patchSettings).startsWith(QStringLiteral("Cannot PATCH navigation property 'settings'")));

    auto patchSetting = w.call("PATCH", policiesPath(QStringLiteral("('%1')/settings('0')").arg(id)), QJsonObject{});
    QCOMPARE(patchSetting.status, 400);
    QCOMPARE(errorCode(patchSetting), QStringLiteral("No method match route template"));
    QVERIFY(errorMessage(patchSetting).contains(QStringLiteral("~/singleton/navigation/key/navigation/key with http verb PATCH")));

    QCOMPARE(w.call("DELETE", policiesPath(QStringLiteral("/%1").arg(id))).status, 204);
    auto gone = w.call("GET", policiesPath(QStringLiteral("/%1").arg(id)));
    QCOMPARE(gone.status, 404);
    QCOMPARE(errorCode(gone), QStringLiteral("NotFound"));
    QCOMPARE(w.call("DELETE", policiesPath(QStringLiteral("/%1").arg(id))).status, 404);
}

void TestGraphsimPolicies::createValidation_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("messagePart");
    auto add = [](const char* name, const QJsonObject& body, int status, const QString& part) {
        QTest::newRow(name) << toBytes(body) << status << part;
    };
    add("unknown definition", policy({choice(QStringLiteral("device_vendor_msft_policy_config_nope"), QStringLiteral("1"))}), 400,
        QStringLiteral("does not exist in the settings catalog"));
    add("unknown option", policy({choice(kToasts, QStringLiteral("7"))}), 400, QStringLiteral("is not an option"));
    QJsonObject wrongType = choice(kToasts, QStringLiteral("1"));
    wrongType.insert(QStringLiteral("@odata.type"), QString(kPrefix + QStringLiteral("SimpleSettingInstance")));
    add("instance type mismatch", policy({wrongType}), 400, QStringLiteral("does not match definition"));
    add("string for integer", policy({simple(kDeadline, QStringLiteral("StringSettingValue"), QStringLiteral("7"))}), 400,
        QStringLiteral("IntegerSettingValue'."));
    add("non-numeric integer", policy({simple(kDeadline, QStringLiteral("IntegerSettingValue"), QStringLiteral("seven"))}), 400,
        QStringLiteral("needs an integer value"));
    add("string for deferral days", policy({simple(QStringLiteral("device_vendor_msft_policy_config_update_deferqualityupdatesperiodindays"),
                                                   QStringLiteral("StringSettingValue"), QStringLiteral("7"))}), 400,
        QStringLiteral("IntegerSettingValue'."));
    add("integer as number", policy({simple(kDeadline, QStringLiteral("IntegerSettingValue"), 30)}), 201, QString());
    add("unknown template", policy({}, QStringLiteral("00000000-0000-0000-0000-000000000000_1")), 400,
        QStringLiteral("was not found"));
    QJsonObject noName = policy({});
    noName.remove(QStringLiteral("name"));
    add("missing name", noName, 400, QStringLiteral("name is required"));
    QJsonObject unknownProperty = policy({});
    unknownProperty.insert(QStringLiteral("displayName"), QStringLiteral("x"));
    add("unknown property", unknownProperty, 400, QStringLiteral("The property 'displayName' does not exist"));
    QJsonObject serverFields = policy({choice(kToasts, QStringLiteral("1"))});
    serverFields.insert(QStringLiteral("id"), QStringLiteral("ignored"));
    serverFields.insert(QStringLiteral("settingCount"), 99);
    serverFields.insert(QStringLiteral("isAssigned"), true);
    serverFields.insert(QStringLiteral("createdDateTime"), QStringLiteral("2020-01-01T00:00:00Z"));
    add("server fields ignored", serverFields, 201, QString());
    QJsonObject badTag = policy({});
    badTag.insert(QStringLiteral("roleScopeTagIds"), QJsonArray{QStringLiteral("77")});
    add("unknown scope tag", badTag, 400, QStringLiteral("Role scope tag '77'"));
    // A child definition configured at the root.
    add("child at root", policy({simple(QStringLiteral("vendor_msft_firewall_mdmstore_firewallrules_{firewallrulename}_name"),
                                        QStringLiteral("StringSettingValue"), QStringLiteral("x"))}), 400,
        QStringLiteral("cannot be configured at the root"));
    QJsonObject badPlatform = policy({});
    badPlatform.insert(QStringLiteral("platforms"), QStringLiteral("windows95"));
    add("bad platform", badPlatform, 400, QStringLiteral("windows95"));
}

void TestGraphsimPolicies::createValidation()
{
    QFETCH(QByteArray, body);
    QFETCH(int, status);
    QFETCH(QString, messagePart);
    World w;
    QVERIFY(w.init(QStringLiteral("empty")));
    auto r = w.call("POST", policiesPath(), body);
    QCOMPARE(r.status, status);
    if (status == 201) {
        QCOMPARE(json(r).value(QStringLiteral("settingCount")).toInt(),
                 QJsonDocument::fromJson(body).object().value(QStringLiteral("settings")).toArray().size());
        QVERIFY(json(r).value(QStringLiteral("id")).toString() != QLatin1String("ignored"));
        return;
    }
    const QJsonObject error = json(r).value(QStringLiteral("error")).toObject();
    QCOMPARE(error.keys(), (QStringList{QStringLiteral("code"), QStringLiteral("message")}));
    QCOMPARE(error.value(QStringLiteral("code")).toString(), QStringLiteral("BadRequest"));
    QVERIFY2(error.value(QStringLiteral("message")).toString().contains(messagePart), qPrintable(error.value(QStringLiteral("message")).toString()));
}

void TestGraphsimPolicies::templateReferencesAreCaseSensitive()
{
    World w;
    QVERIFY(w.init(QStringLiteral("empty")));
    // Firewall rules: the observed template ids of GRAPH_NOTES 2.1.
    const QString root = QStringLiteral("vendor_msft_firewall_mdmstore_firewallrules_{firewallrulename}");
    auto rules = [&](const QString& instanceId, const QString& valueId) {
        QJsonObject name = simple(root + QStringLiteral("_name"), QStringLiteral("StringSettingValue"), QStringLiteral("Allow web"));
        name.insert(QStringLiteral("settingInstanceTemplateReference"),
                    QJsonObject{{QStringLiteral("settingInstanceTemplateId"), instanceId}});
        QJsonObject value = name.value(QStringLiteral("simpleSettingValue")).toObject();
        value.insert(QStringLiteral("settingValueTemplateReference"), QJsonObject{{QStringLiteral("settingValueTemplateId"), valueId}});
        name.insert(QStringLiteral("simpleSettingValue"), value);
        QJsonObject second = simple(root + QStringLiteral("_name"), QStringLiteral("StringSettingValue"), QStringLiteral("Rule 2"));
        QJsonObject group{{QStringLiteral("@odata.type"), QString(kPrefix + QStringLiteral("GroupSettingCollectionInstance"))},
                          {QStringLiteral("settingDefinitionId"), root},
                          {QStringLiteral("settingInstanceTemplateReference"),
                           QJsonObject{{QStringLiteral("settingInstanceTemplateId"), QStringLiteral("76c7a8be-67d2-44bf-81a5-38c94926b1a1")}}},
                          {QStringLiteral("groupSettingCollectionValue"),
                           QJsonArray{QJsonObject{{QStringLiteral("children"), QJsonArray{name}}},
                                      QJsonObject{{QStringLiteral("children"), QJsonArray{second}}}}}};
        QJsonObject body = policy({group}, QStringLiteral("19c8aa67-f286-4861-9aa0-f23541d31680_1"));
        body.insert(QStringLiteral("technologies"), QStringLiteral("mdm,microsoftSense"));
        return body;
    };
    const QString instanceId = QStringLiteral("116a696a-3270-493e-9938-c336cf05ea98");
    const QString valueId = QStringLiteral("12994a33-6185-4c3d-a0e8-69316f6293ea");
    auto ok = w.call("POST", policiesPath(), rules(instanceId, valueId));
    QCOMPARE(ok.status, 201);
    // Stored as Graph returns them: references typed, as in samples/sc-settings-firewall-rules.json.
    const QString createdId = json(ok).value(QStringLiteral("id")).toString();
    const QJsonObject stored = json(w.call("GET", policiesPath() + QStringLiteral("('%1')/settings").arg(createdId)))
                                   .value(QStringLiteral("value")).toArray().at(0).toObject();
    const QJsonObject storedName = stored.value(QStringLiteral("settingInstance")).toObject()
                                       .value(QStringLiteral("groupSettingCollectionValue")).toArray().at(0).toObject()
                                       .value(QStringLiteral("children")).toArray().at(0).toObject();
    QCOMPARE(storedName.value(QStringLiteral("settingInstanceTemplateReference")).toObject().value(QStringLiteral("@odata.type")).toString(),
             QString(kPrefix + QStringLiteral("SettingInstanceTemplateReference")));
    QCOMPARE(storedName.value(QStringLiteral("simpleSettingValue")).toObject().value(QStringLiteral("settingValueTemplateReference"))
                 .toObject().value(QStringLiteral("@odata.type")).toString(),
             QString(kPrefix + QStringLiteral("SettingValueTemplateReference")));
    QCOMPARE(json(ok).value(QStringLiteral("templateReference")).toObject().value(QStringLiteral("templateFamily")).toString(),
             QStringLiteral("endpointSecurityFirewall"));
    auto upperInstance = w.call("POST", policiesPath(), rules(instanceId.toUpper(), valueId));
    QCOMPARE(upperInstance.status, 400);
    QVERIFY(errorMessage(upperInstance).contains(QStringLiteral("Setting instance template id")));
    auto upperValue = w.call("POST", policiesPath(), rules(instanceId, valueId.toUpper()));
    QCOMPARE(upperValue.status, 400);
    QVERIFY(errorMessage(upperValue).contains(QStringLiteral("Setting value template id")));
    // A template reference on a policy without a template.
    // Two rules with one name are refused (both rules above are distinct).
    QJsonObject duplicate = rules(instanceId, valueId);
    QJsonObject rulesRoot = duplicate.value(QStringLiteral("settings")).toArray().at(0).toObject().value(QStringLiteral("settingInstance")).toObject();
    QJsonArray entries = rulesRoot.value(QStringLiteral("groupSettingCollectionValue")).toArray();
    entries.append(entries.at(1));
    rulesRoot.insert(QStringLiteral("groupSettingCollectionValue"), entries);
    duplicate.insert(QStringLiteral("settings"), QJsonArray{QJsonObject{{QStringLiteral("settingInstance"), rulesRoot}}});
    auto dup = w.call("POST", policiesPath(), duplicate);
    QCOMPARE(dup.status, 400);
    QVERIFY(errorMessage(dup).contains(QStringLiteral("Duplicate firewall rule name 'Rule 2'")));
    QJsonObject noTemplate = rules(instanceId, valueId);
    noTemplate.insert(QStringLiteral("templateReference"), QJsonObject{{QStringLiteral("templateId"), QString()}});
    QCOMPARE(w.call("POST", policiesPath(), noTemplate).status, 400);
}

void TestGraphsimPolicies::secretsBecomeTokens()
{
    World a;
    QVERIFY(a.init(QStringLiteral("empty")));
    const QString typeId = QStringLiteral("device_vendor_msft_windowsadvancedthreatprotection_configurationtype");
    auto edr = [&](const QString& state, const QString& value) {
        QJsonObject secret = simple(QStringLiteral("device_vendor_msft_windowsadvancedthreatprotection_onboarding"),
                                    QStringLiteral("SecretSettingValue"), value);
        QJsonObject v = secret.value(QStringLiteral("simpleSettingValue")).toObject();
        v.insert(QStringLiteral("valueState"), state);
        secret.insert(QStringLiteral("simpleSettingValue"), v);
        QJsonObject type = choice(typeId, QStringLiteral("onboard"));
        QJsonObject cv = type.value(QStringLiteral("choiceSettingValue")).toObject();
        cv.insert(QStringLiteral("children"), QJsonArray{secret});
        type.insert(QStringLiteral("choiceSettingValue"), cv);
        return policy({type}, QStringLiteral("0385b795-0f2f-44ac-8602-9f65bf6adede_1"));
    };
    auto created = a.call("POST", policiesPath(), edr(QStringLiteral("notEncrypted"), QStringLiteral("ONBOARDING-BLOB")));
    QCOMPARE(created.status, 201);
    const QString id = json(created).value(QStringLiteral("id")).toString();
    const QJsonObject item = json(a.call("GET", policiesPath(QStringLiteral("/%1/settings").arg(id))))
                                 .value(QStringLiteral("value")).toArray().at(0).toObject();
    const QJsonObject value = item.value(QStringLiteral("settingInstance")).toObject().value(QStringLiteral("choiceSettingValue")).toObject()
                                  .value(QStringLiteral("children")).toArray().at(0).toObject()
                                  .value(QStringLiteral("simpleSettingValue")).toObject();
    QCOMPARE(value.value(QStringLiteral("valueState")).toString(), QStringLiteral("encryptedValueToken"));
    const QString token = value.value(QStringLiteral("value")).toString();
    QVERIFY(token != QLatin1String("ONBOARDING-BLOB"));
    QCOMPARE(token.size(), 36);
    QVERIFY(!a.world.serializeTenant(a.tenantId).isEmpty());
    // The same token comes back on PUT: accepted, the plaintext kept.
    QCOMPARE(a.call("PUT", policiesPath(QStringLiteral("/%1").arg(id)), edr(QStringLiteral("encryptedValueToken"), token)).status, 204);
    QVERIFY(a.world.serializeTenant(a.tenantId).contains("ONBOARDING-BLOB"));
    // An unknown token, or one from another tenant, is rejected.
    QCOMPARE(a.call("PUT", policiesPath(QStringLiteral("/%1").arg(id)),
                    edr(QStringLiteral("encryptedValueToken"), QStringLiteral("9fab7c95-0bb6-4fda-a4a1-6ca582bb3124"))).status, 400);
    QString error;
    const QString other = a.world.addGeneratedTenant(QStringLiteral("empty"), 2, &error);
    QVERIFY2(!other.isEmpty(), qPrintable(error));
    const graphsim::Caller otherCaller{other, a.world.tenants().last().apps.at(0).clientId, a.writer.roles};
    auto foreign = a.world.handle(request("POST", policiesPath(), toBytes(edr(QStringLiteral("encryptedValueToken"), token))), otherCaller);
    QCOMPARE(foreign.status, 400);
    QVERIFY(errorMessage(foreign).contains(QStringLiteral("not valid in this tenant")));

    // Every notEncrypted write gets a new token, even for the same value.
    auto tokenOf = [&](const QString& policyId) {
        return json(a.call("GET", policiesPath(QStringLiteral("/%1/settings").arg(policyId)))).value(QStringLiteral("value")).toArray()
            .at(0).toObject().value(QStringLiteral("settingInstance")).toObject().value(QStringLiteral("choiceSettingValue")).toObject()
            .value(QStringLiteral("children")).toArray().at(0).toObject().value(QStringLiteral("simpleSettingValue")).toObject()
            .value(QStringLiteral("value")).toString();
    };
    QCOMPARE(a.call("PUT", policiesPath(QStringLiteral("/%1").arg(id)), edr(QStringLiteral("notEncrypted"), QStringLiteral("ONBOARDING-BLOB"))).status, 204);
    const QString second = tokenOf(id);
    QVERIFY(second != token);
    // A write rejected after its secret was read leaves the tenant exactly as it was: no token
    // issued for it, nothing in the token store.
    QJsonObject bad = edr(QStringLiteral("notEncrypted"), QStringLiteral("REJECTED-BLOB"));
    QJsonArray settings = bad.value(QStringLiteral("settings")).toArray();
    settings.append(QJsonObject{{QStringLiteral("settingInstance"), choice(QStringLiteral("no_such_definition"), QStringLiteral("1"))}});
    bad.insert(QStringLiteral("settings"), settings);
    const QByteArray before = a.world.serializeTenant(a.tenantId);
    QCOMPARE(a.call("POST", policiesPath(), bad).status, 400);
    QCOMPARE(a.call("PUT", policiesPath(QStringLiteral("/%1").arg(id)), bad).status, 400);
    QCOMPARE(a.world.serializeTenant(a.tenantId), before);
    QVERIFY(!before.contains("REJECTED-BLOB"));
}

void TestGraphsimPolicies::assignReplacesTheSet()
{
    World w;
    QVERIFY(w.init(QStringLiteral("demo")));
    const QJsonObject groups = json(w.call("GET", QStringLiteral("/groups")));
    const QString g1 = groups.value(QStringLiteral("value")).toArray().at(0).toObject().value(QStringLiteral("id")).toString();
    const QString g2 = groups.value(QStringLiteral("value")).toArray().at(1).toObject().value(QStringLiteral("id")).toString();
    const QString filter = json(w.call("GET", QStringLiteral("/deviceManagement/assignmentFilters"))).value(QStringLiteral("value"))
                               .toArray().at(0).toObject().value(QStringLiteral("id")).toString();
    const QString id = json(w.call("POST", policiesPath(), policy({choice(kToasts, QStringLiteral("1"))}))).value(QStringLiteral("id")).toString();
    auto target = [](const char* type, const QString& groupId = {}) {
        QJsonObject t{{QStringLiteral("@odata.type"), QString(QStringLiteral("#microsoft.graph.") + QLatin1String(type))}};
        if (!groupId.isEmpty())
            t.insert(QStringLiteral("groupId"), groupId);
        return t;
    };
    QJsonObject filtered = target("groupAssignmentTarget", g1);
    filtered.insert(QStringLiteral("deviceAndAppManagementAssignmentFilterId"), filter);
    filtered.insert(QStringLiteral("deviceAndAppManagementAssignmentFilterType"), QStringLiteral("include"));
    const QJsonArray all{QJsonObject{{QStringLiteral("target"), target("allDevicesAssignmentTarget")}},
                         QJsonObject{{QStringLiteral("target"), target("allLicensedUsersAssignmentTarget")}},
                         QJsonObject{{QStringLiteral("target"), target("exclusionGroupAssignmentTarget", g2)}},
                         QJsonObject{{QStringLiteral("target"), filtered}}};
    auto assigned = w.call("POST", policiesPath(QStringLiteral("('%1')/assign").arg(id)), QJsonObject{{QStringLiteral("assignments"), all}});
    QCOMPARE(assigned.status, 200);
    const QJsonArray value = json(assigned).value(QStringLiteral("value")).toArray();
    QCOMPARE(value.size(), 4);
    QCOMPARE(value.at(0).toObject().value(QStringLiteral("id")).toString(), QString(id + QStringLiteral("_adadadad-808e-44e2-905a-0b7873a8a531")));
    QCOMPARE(value.at(1).toObject().value(QStringLiteral("id")).toString(), QString(id + QStringLiteral("_acacacac-9df4-4c7d-9d50-4ef0226f57a9")));
    QCOMPARE(value.at(2).toObject().value(QStringLiteral("id")).toString(), QString(id + u'_' + g2));
    QCOMPARE(value.at(3).toObject().value(QStringLiteral("target")).toObject()
                 .value(QStringLiteral("deviceAndAppManagementAssignmentFilterType")).toString(), QStringLiteral("include"));
    QCOMPARE(json(w.call("GET", policiesPath(QStringLiteral("/%1").arg(id)))).value(QStringLiteral("isAssigned")).toBool(), true);
    QCOMPARE(json(w.call("GET", policiesPath(QStringLiteral("/%1/assignments").arg(id)))).value(QStringLiteral("value")).toArray().size(), 4);

    // The action replaces the whole set.
    QCOMPARE(w.call("POST", policiesPath(QStringLiteral("/%1/assign").arg(id)),
                    QJsonObject{{QStringLiteral("assignments"), QJsonArray{QJsonObject{{QStringLiteral("target"), target("groupAssignmentTarget", g2)}}}}}).status, 200);
    QCOMPARE(json(w.call("GET", policiesPath(QStringLiteral("/%1/assignments").arg(id)))).value(QStringLiteral("value")).toArray().size(), 1);
    QCOMPARE(w.call("POST", policiesPath(QStringLiteral("/%1/assign").arg(id)),
                    QJsonObject{{QStringLiteral("assignments"), QJsonArray()}}).status, 200);
    QCOMPARE(json(w.call("GET", policiesPath(QStringLiteral("/%1").arg(id)))).value(QStringLiteral("isAssigned")).toBool(), false);
    // Unknown group → 400; GET on assign → no route.
    QCOMPARE(w.call("POST", policiesPath(QStringLiteral("/%1/assign").arg(id)),
                    QJsonObject{{QStringLiteral("assignments"), QJsonArray{QJsonObject{{QStringLiteral("target"),
                        target("groupAssignmentTarget", QStringLiteral("4f1e2d3c-b5a6-4978-8a9b-c0d1e2f3a4b5"))}}}}}).status, 400);
    QCOMPARE(w.call("GET", policiesPath(QStringLiteral("/%1/assign").arg(id))).status, 400);
}

void TestGraphsimPolicies::expandedAssignmentsQuirk()
{
    World w;
    QVERIFY(w.init(QStringLiteral("demo")));
    QString assignedId;
    for (const QJsonValue& p : json(w.call("GET", policiesPath(QStringLiteral("?$top=100")))).value(QStringLiteral("value")).toArray()) {
        if (p.toObject().value(QStringLiteral("isAssigned")).toBool())
            assignedId = p.toObject().value(QStringLiteral("id")).toString();
    }
    QVERIFY(!assignedId.isEmpty());
    const QString path = policiesPath(QStringLiteral("('%1')?$expand=settings,assignments").arg(assignedId));
    QJsonObject got = json(w.call("GET", path));
    QVERIFY(!got.value(QStringLiteral("assignments")).toArray().isEmpty());
    QVERIFY(!got.value(QStringLiteral("settings")).toArray().isEmpty());
    QVERIFY(got.value(QStringLiteral("@odata.context")).toString()
                .endsWith(QStringLiteral("$metadata#deviceManagement/configurationPolicies(settings(),assignments())/$entity")));
    w.world.setQuirks({true, false});
    got = json(w.call("GET", path));
    QVERIFY(got.value(QStringLiteral("assignments")).toArray().isEmpty());
    QVERIFY(got.contains(QStringLiteral("assignments")));
    QVERIFY(!json(w.call("GET", policiesPath(QStringLiteral("/%1/assignments").arg(assignedId)))).value(QStringLiteral("value")).toArray().isEmpty());
}

void TestGraphsimPolicies::permissions()
{
    World w;
    QVERIFY(w.init(QStringLiteral("demo")));
    auto asReader = [&](const QByteArray& method, const QString& path, const QByteArray& body = {}) {
        return w.world.handle(request(method, path, body), w.reader);
    };
    QCOMPARE(asReader("GET", policiesPath()).status, 200);
    auto denied = asReader("POST", policiesPath(), toBytes(policy({})));
    QCOMPARE(denied.status, 403);
    QCOMPARE(errorCode(denied), QStringLiteral("Forbidden"));
    QVERIFY(errorMessage(denied).contains(QStringLiteral("Application must have one of the following scopes: DeviceManagementConfiguration.ReadWrite.All - ")));
    QVERIFY(errorMessage(denied).startsWith(QStringLiteral("{\r\n  \"_version\": 3,")));

    graphsim::Caller nobody{w.tenantId, QStringLiteral("x"), {}};
    auto read = w.world.handle(request("GET", policiesPath()), nobody);
    QCOMPARE(read.status, 403);
    QVERIFY(errorMessage(read).contains(QStringLiteral("DeviceManagementConfiguration.Read.All, DeviceManagementConfiguration.ReadWrite.All")));
    auto tags = w.world.handle(request("GET", QStringLiteral("/deviceManagement/roleScopeTags")), nobody);
    QCOMPARE(tags.status, 403);
    QVERIFY(errorMessage(tags).contains(QStringLiteral("DeviceManagementRBAC.Read.All")));
    auto groups = w.world.handle(request("GET", QStringLiteral("/groups")), nobody);
    QCOMPARE(groups.status, 403);
    QCOMPARE(errorCode(groups), QStringLiteral("Authorization_RequestDenied"));
    // Unknown routes answer 400 before any permission check, as Graph does.
    QCOMPARE(w.world.handle(request("GET", QStringLiteral("/deviceManagement/nothingHere")), nobody).status, 400);
}

void TestGraphsimPolicies::endpointSecurityScopes()
{
    World w;
    QVERIFY(w.init(QStringLiteral("demo")));
    auto firstId = [&](const QString& filter) {
        return json(w.call("GET", policiesPath(QStringLiteral("?$top=100&$select=id&$filter=") + filter)))
            .value(QStringLiteral("value")).toArray().at(0).toObject().value(QStringLiteral("id")).toString();
    };
    const QString esId = firstId(QStringLiteral("startswith(templateReference/templateFamily,'endpointSecurity')"));
    const QString plainId = firstId(QStringLiteral("templateReference/templateFamily eq 'none'"));
    QVERIFY(!esId.isEmpty() && !plainId.isEmpty());
    const graphsim::Caller esReader{w.tenantId, QStringLiteral("es-r"), {QStringLiteral("DeviceManagementEndpointSecurity.Read.All")}};
    const graphsim::Caller esWriter{w.tenantId, QStringLiteral("es-w"), {QStringLiteral("DeviceManagementEndpointSecurity.ReadWrite.All")}};
    auto as = [&](const graphsim::Caller& caller, const QByteArray& method, const QString& path, const QByteArray& body = {}) {
        return w.world.handle(request(method, path, body), caller);
    };
    const QString es = policiesPath(QStringLiteral("('%1')").arg(esId));
    const QString allFour = QStringLiteral("DeviceManagementConfiguration.Read.All, DeviceManagementConfiguration.ReadWrite.All, "
                                           "DeviceManagementEndpointSecurity.Read.All, DeviceManagementEndpointSecurity.ReadWrite.All - ");
    const QString bothWrite = QStringLiteral("scopes: DeviceManagementConfiguration.ReadWrite.All, DeviceManagementEndpointSecurity.ReadWrite.All - ");

    // Allowed: reads of an endpoint-security policy with either ES scope, writes with ReadWrite.
    for (const graphsim::Caller* caller : {&esReader, &esWriter}) {
        QCOMPARE(as(*caller, "GET", es + QStringLiteral("?$expand=settings,assignments")).status, 200);
        QCOMPARE(as(*caller, "GET", es + QStringLiteral("/settings")).status, 200);
        QCOMPARE(as(*caller, "GET", es + QStringLiteral("/assignments")).status, 200);
    }
    QCOMPARE(as(esWriter, "PATCH", es, toBytes(QJsonObject{{QStringLiteral("description"), QStringLiteral("es")}})).status, 200);
    QJsonObject body = stripForRestore(json(w.call("GET", es))).toObject();
    body.insert(QStringLiteral("settings"), stripForRestore(json(w.call("GET", es + QStringLiteral("/settings?$top=1000"))).value(QStringLiteral("value"))));
    auto created = as(esWriter, "POST", policiesPath(), toBytes(body));
    QVERIFY2(created.status == 201, created.body.constData());
    QCOMPARE(as(esWriter, "DELETE", policiesPath(QStringLiteral("('%1')").arg(json(created).value(QStringLiteral("id")).toString()))).status, 204);

    // Refused: writes with Read, anything on other families, the list, untemplated POST.
    auto patch = as(esReader, "PATCH", es, toBytes(QJsonObject{{QStringLiteral("description"), QStringLiteral("x")}}));
    QCOMPARE(patch.status, 403);
    QVERIFY2(errorMessage(patch).contains(bothWrite), qPrintable(errorMessage(patch)));
    QCOMPARE(as(esReader, "POST", policiesPath(), toBytes(body)).status, 403);
    QCOMPARE(as(esReader, "POST", es + QStringLiteral("/assign"), toBytes(QJsonObject{{QStringLiteral("assignments"), QJsonArray()}})).status, 403);
    graphsim::Caller nobody{w.tenantId, QStringLiteral("x"), {}};
    auto read = as(nobody, "GET", es);
    QCOMPARE(read.status, 403);
    QVERIFY2(errorMessage(read).contains(QStringLiteral("scopes: ") + allFour), qPrintable(errorMessage(read)));
    auto plain = as(esWriter, "GET", policiesPath(QStringLiteral("('%1')").arg(plainId)));
    QCOMPARE(plain.status, 403);
    QVERIFY(errorMessage(plain).contains(QStringLiteral("scopes: DeviceManagementConfiguration.Read.All, DeviceManagementConfiguration.ReadWrite.All - ")));
    QCOMPARE(as(esWriter, "DELETE", policiesPath(QStringLiteral("('%1')").arg(plainId))).status, 403);
    auto list = as(esWriter, "GET", policiesPath());
    QCOMPARE(list.status, 403);
    QVERIFY(!errorMessage(list).contains(QStringLiteral("EndpointSecurity")));
    auto untemplated = as(esWriter, "POST", policiesPath(), toBytes(policy({simple(kDeadline, QStringLiteral("IntegerSettingValue"), 3)})));
    QCOMPARE(untemplated.status, 403);
    QVERIFY(errorMessage(untemplated).contains(QStringLiteral("scopes: DeviceManagementConfiguration.ReadWrite.All - ")));
}

QTEST_GUILESS_MAIN(TestGraphsimPolicies)
#include "tst_graphsim_policies.moc"
