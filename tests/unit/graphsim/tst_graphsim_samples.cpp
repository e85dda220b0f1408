// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
// Real request bodies from GRAPH_NOTES and its samples POST into an empty tenant: every
// setting definition they use (children included) is in graphsim's catalog.
// tests/data/graph/sc-settings-*.json are copies of the shared Graph samples (see that folder's README).

#include "SimTestUtil.h"

#include <QFile>
#include <QSet>
#include <QTest>

using namespace simtest;

namespace {

const QString kBaselineTemplate = QStringLiteral("66df8dce-0166-4b82-92f7-1f74e3ca17a3_4");

QString policiesPath(const QString& rest = {})
{
    return QStringLiteral("/deviceManagement/configurationPolicies") + rest;
}

QString errorMessage(const graphsim::SimResponse& r)
{
    return json(r).value(QStringLiteral("error")).toObject().value(QStringLiteral("message")).toString();
}

QJsonObject readSample(const QString& name)
{
    QFile file(QStringLiteral(PV_TEST_DATA_DIR "/graph/") + name);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(file.readAll()).object();
}

/// A GET .../settings page wrapped as a create body (GRAPH_NOTES §1.5): metadata as in the §1.5
/// example, the settings stripped the way restore tools strip them (ids, settingDefinitions).
QJsonObject createBody(const QJsonObject& settingsPage, const QString& templateId)
{
    return QJsonObject{{QStringLiteral("name"), QStringLiteral("Sample restore")},
                       {QStringLiteral("description"), QString()},
                       {QStringLiteral("platforms"), QStringLiteral("windows10")},
                       {QStringLiteral("technologies"), QStringLiteral("mdm")},
                       {QStringLiteral("roleScopeTagIds"), QJsonArray{QStringLiteral("0")}},
                       {QStringLiteral("templateReference"), QJsonObject{{QStringLiteral("templateId"), templateId}}},
                       {QStringLiteral("settings"), stripForRestore(settingsPage.value(QStringLiteral("value")))}};
}

/// Replaces every setting instance/value template reference by null.
QJsonValue withoutTemplateReferences(const QJsonValue& value)
{
    if (value.isArray()) {
        QJsonArray out;
        for (const QJsonValue& v : value.toArray())
            out.append(withoutTemplateReferences(v));
        return out;
    }
    if (!value.isObject())
        return value;
    QJsonObject out;
    const QJsonObject object = value.toObject();
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (it.key() == QLatin1String("settingInstanceTemplateReference")
            || it.key() == QLatin1String("settingValueTemplateReference"))
            out.insert(it.key(), QJsonValue::Null);
        else
            out.insert(it.key(), withoutTemplateReferences(it.value()));
    }
    return out;
}

void collectDefinitionIds(const QJsonValue& value, QSet<QString>* ids)
{
    if (value.isArray()) {
        for (const QJsonValue& v : value.toArray())
            collectDefinitionIds(v, ids);
        return;
    }
    const QJsonObject object = value.toObject();
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (it.key() == QLatin1String("settingDefinitions"))
            continue;
        if (it.key() == QLatin1String("settingDefinitionId"))
            ids->insert(it.value().toString());
        else
            collectDefinitionIds(it.value(), ids);
    }
}

} // namespace

class TestGraphsimSamples : public QObject
{
    Q_OBJECT

private slots:
    void notesCreateExample();
    void samplesPostIntoEmptyTenant_data();
    void samplesPostIntoEmptyTenant();
    void baselinePlaceholderTemplateIdsAreRejected();
    void servedDefinitionsCarryDerivedFields();
};

void TestGraphsimSamples::notesCreateExample()
{
    // GRAPH_NOTES §1.5, verbatim apart from the "..." name/description.
    const QByteArray body = R"({
  "name": "Above lock", "description": "", "platforms": "windows10", "technologies": "mdm",
  "roleScopeTagIds": ["0"],
  "templateReference": {"templateId": ""},
  "settings": [
    {"@odata.type": "#microsoft.graph.deviceManagementConfigurationSetting",
     "settingInstance": {"@odata.type": "#microsoft.graph.deviceManagementConfigurationChoiceSettingInstance",
       "settingDefinitionId": "device_vendor_msft_policy_config_abovelock_allowtoasts",
       "choiceSettingValue": {"@odata.type": "#microsoft.graph.deviceManagementConfigurationChoiceSettingValue",
         "value": "device_vendor_msft_policy_config_abovelock_allowtoasts_0", "children": []}}}]
})";
    World w;
    QVERIFY(w.init(QStringLiteral("empty")));
    const auto created = w.call("POST", policiesPath(), body);
    QVERIFY2(created.status == 201, qPrintable(errorMessage(created)));
    QCOMPARE(json(created).value(QStringLiteral("settingCount")).toInt(), 1);
}

void TestGraphsimSamples::samplesPostIntoEmptyTenant_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<bool>("dropTemplateReferences");
    QTest::newRow("ordinary") << QStringLiteral("sc-settings-ordinary.json") << false;
    // The baseline sample's template ids are placeholders (GRAPH_NOTES §2.2): as an untemplated
    // policy, with the references nulled, every definition and structure must still validate.
    QTest::newRow("baseline, references nulled") << QStringLiteral("sc-settings-baseline.json") << true;
}

void TestGraphsimSamples::samplesPostIntoEmptyTenant()
{
    QFETCH(QString, file);
    QFETCH(bool, dropTemplateReferences);
    const QJsonObject page = readSample(file);
    const QJsonArray settings = page.value(QStringLiteral("value")).toArray();
    QVERIFY(!settings.isEmpty());

    QSet<QString> ids;
    collectDefinitionIds(settings, &ids);
    QVERIFY(ids.size() >= settings.size());

    QJsonObject body = createBody(page, QString());
    if (dropTemplateReferences)
        body.insert(QStringLiteral("settings"), withoutTemplateReferences(body.value(QStringLiteral("settings"))));

    World w;
    QVERIFY(w.init(QStringLiteral("empty")));
    const auto created = w.call("POST", policiesPath(), body);
    QVERIFY2(created.status == 201, qPrintable(errorMessage(created)));
    const QString id = json(created).value(QStringLiteral("id")).toString();
    QCOMPARE(json(created).value(QStringLiteral("settingCount")).toInt(), settings.size());

    // Read back: the same definitions, each expandable from the catalog.
    const auto read = w.call("GET", policiesPath(QStringLiteral("('%1')/settings?$expand=settingDefinitions").arg(id)));
    QCOMPARE(read.status, 200);
    const QJsonArray stored = json(read).value(QStringLiteral("value")).toArray();
    QSet<QString> storedIds;
    collectDefinitionIds(stored, &storedIds);
    QCOMPARE(storedIds, ids);
    QSet<QString> expanded;
    for (const QJsonValue& item : stored) {
        for (const QJsonValue& def : item.toObject().value(QStringLiteral("settingDefinitions")).toArray())
            expanded.insert(def.toObject().value(QStringLiteral("id")).toString());
    }
    QCOMPARE(expanded, ids);
}

void TestGraphsimSamples::baselinePlaceholderTemplateIdsAreRejected()
{
    // Verbatim, under the 24H2 baseline: the placeholder ids (aaaaaaaa-…) are no template's,
    // so graphsim answers as Graph would for a wrong id rather than accepting made-up ones.
    World w;
    QVERIFY(w.init(QStringLiteral("empty")));
    const auto created = w.call("POST", policiesPath(), createBody(readSample(QStringLiteral("sc-settings-baseline.json")),
                                                                   kBaselineTemplate));
    QCOMPARE(created.status, 400);
    QVERIFY2(errorMessage(created).contains(QStringLiteral("aaaaaaaa-0001-4000-8000-000000000001")),
             qPrintable(errorMessage(created)));
    QVERIFY(!errorMessage(created).contains(QStringLiteral("does not exist in the settings catalog")));
}

void TestGraphsimSamples::servedDefinitionsCarryDerivedFields()
{
    // data/README.md "Derived definition fields": valueDefinition from value-kinds.json [I],
    // childIds from a group's own dependedOnBy, maximumCount 150 for the firewall rules only.
    World w;
    QVERIFY(w.init(QStringLiteral("empty")));
    auto definition = [&](const QString& id) {
        const auto r = w.call("GET", QStringLiteral("/deviceManagement/configurationSettings('%1')").arg(id));
        return r.status == 200 ? json(r) : QJsonObject();
    };
    const QString prefix = QStringLiteral("#microsoft.graph.deviceManagementConfiguration");

    const QJsonObject integer = definition(QStringLiteral("device_vendor_msft_policy_config_update_deferfeatureupdatesperiodindays"))
                                    .value(QStringLiteral("valueDefinition")).toObject();
    QCOMPARE(integer.value(QStringLiteral("@odata.type")).toString(), QString(prefix + QStringLiteral("IntegerSettingValueDefinition")));
    QCOMPARE(integer.value(QStringLiteral("minimumValue")).toInt(), 0);
    QCOMPARE(integer.value(QStringLiteral("maximumValue")).toInt(), 365);

    const QJsonObject secret = definition(QStringLiteral("device_vendor_msft_windowsadvancedthreatprotection_onboarding"))
                                   .value(QStringLiteral("valueDefinition")).toObject();
    QCOMPARE(secret.value(QStringLiteral("@odata.type")).toString(), QString(prefix + QStringLiteral("StringSettingValueDefinition")));
    QCOMPARE(secret.value(QStringLiteral("isSecret")).toBool(), true);
    QVERIFY(!secret.contains(QStringLiteral("maximumLength")));   // not derivable: not served

    const QJsonObject collection = definition(QStringLiteral("device_vendor_msft_policy_config_userrights_denyremotedesktopserviceslogon"))
                                       .value(QStringLiteral("valueDefinition")).toObject();
    QCOMPARE(collection.value(QStringLiteral("isSecret")).toBool(false), false);
    QVERIFY(collection.contains(QStringLiteral("isSecret")));
    QVERIFY(!definition(QStringLiteral("device_vendor_msft_policy_config_userrights_denyremotedesktopserviceslogon"))
                 .contains(QStringLiteral("maximumCount")));

    QVERIFY(!definition(QStringLiteral("device_vendor_msft_policy_config_abovelock_allowtoasts")).contains(QStringLiteral("valueDefinition")));

    const QString hardened = QStringLiteral("device_vendor_msft_policy_config_connectivity_hardeneduncpaths_pol_hardenedpaths");
    QCOMPARE(definition(hardened).value(QStringLiteral("childIds")).toArray(),
             (QJsonArray{QString(hardened + QStringLiteral("_key")), QString(hardened + QStringLiteral("_value"))}));
    QVERIFY(!definition(hardened).contains(QStringLiteral("maximumCount")));

    const QJsonObject rules = definition(QStringLiteral("vendor_msft_firewall_mdmstore_firewallrules_{firewallrulename}"));
    const QJsonArray childIds = rules.value(QStringLiteral("childIds")).toArray();
    QCOMPARE(childIds.size(), rules.value(QStringLiteral("dependedOnBy")).toArray().size());
    QVERIFY(childIds.contains(QStringLiteral("vendor_msft_firewall_mdmstore_firewallrules_{firewallrulename}_name")));
    QCOMPARE(rules.value(QStringLiteral("maximumCount")).toInt(), 150);
    QVERIFY(!rules.contains(QStringLiteral("minimumCount")));
}

QTEST_GUILESS_MAIN(TestGraphsimSamples)
#include "tst_graphsim_samples.moc"
