// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
// The normalizer over the shared Graph samples and the real firewall definitions: rows, display
// names, readable values, depth, category, rowKeys, secrets, missing definitions.
#include "core/normalize/Normalizer.h"
#include "tests/unit/normalize/FirewallJson.h"
#include "tests/unit/normalize/NormalizeTestData.h"

#include <QTest>

using namespace Qt::StringLiterals;

using namespace pv::normalize;
using pv::test::findRow;

namespace {

const QString Fw = QStringLiteral("vendor_msft_firewall_mdmstore_firewallrules_{firewallrulename}");
const QString Hardened = QStringLiteral("device_vendor_msft_policy_config_connectivity_hardeneduncpaths");

QList<SettingRow> sampleRows(const QString& file)
{
    const QJsonArray settings = pv::test::sampleSettings(file);
    DefinitionTable table;
    pv::test::fillFromSample(table, settings);
    return Normalizer(table).settingsRows(settings);
}

} // namespace

class TestNormalizer final : public QObject
{
    Q_OBJECT

private slots:
    void rowCounts_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<int>("rows");
        QTest::addColumn<int>("maxDepth");
        QTest::addRow("ordinary: choice, integer, string collection") << u"sc-settings-ordinary.json"_s << 3 << 0;
        QTest::addRow("edr: choice with secret child") << u"sc-settings-edr-secret.json"_s << 2 << 1;
        // collection + 2 records + 10 and 9 rule children
        QTest::addRow("firewall rules: 2 records") << u"sc-settings-firewall-rules.json"_s << 22 << 2;
        // choice+child, choice > collection > 2 records x (key, value), choice
        QTest::addRow("baseline: choice > group collection > simple") << u"sc-settings-baseline.json"_s << 11 << 3;
    }
    void rowCounts()
    {
        QFETCH(QString, file);
        QFETCH(int, rows);
        QFETCH(int, maxDepth);
        const QList<SettingRow> out = sampleRows(file);
        QCOMPARE(out.size(), rows);
        int deepest = 0;
        QSet<QString> keys;
        for (const SettingRow& r : out) {
            deepest = qMax(deepest, r.depth);
            QVERIFY2(!r.setting.isEmpty(), qPrintable(r.rowKey));
            QVERIFY2(!r.definitionMissing && !r.unknownOption, qPrintable(r.rowKey));
            QVERIFY2(!keys.contains(r.rowKey), qPrintable(r.rowKey));
            if (r.depth > 0) {   // a parent comes first, one level up
                const SettingRow* parent = findRow(out, r.parentRowKey);
                QVERIFY2(parent && keys.contains(parent->rowKey) && parent->depth == r.depth - 1, qPrintable(r.rowKey));
            }
            keys.insert(r.rowKey);
        }
        QCOMPARE(deepest, maxDepth);
    }

    void rows_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("rowKey");
        QTest::addColumn<QString>("setting");
        QTest::addColumn<QString>("value");
        QTest::addColumn<int>("depth");
        QTest::addColumn<QString>("category");
        QTest::addColumn<QString>("parentRowKey");
        const QString o = QStringLiteral("sc-settings-ordinary.json");
        QTest::addRow("choice → option display name")
            << o << u"device_vendor_msft_policy_config_update_setdisablepauseuxaccess"_s << u"Block \"Pause Updates\" ability"_s
            << u"Block"_s << 0 << u"Windows Update For Business"_s << u""_s;
        QTest::addRow("integer as is")
            << o << u"device_vendor_msft_policy_config_update_deferfeatureupdatesperiodindays"_s
            << u"Defer Feature Updates Period In Days"_s << u"30"_s << 0 << u"Windows Update For Business"_s << u""_s;
        QTest::addRow("string collection joined")
            << o << u"device_vendor_msft_policy_config_userrights_denyremotedesktopserviceslogon"_s
            << u"Deny Remote Desktop Services Log On"_s << u"*S-1-5-32-546, Local account"_s << 0 << u"User Rights"_s << u""_s;
        const QString e = QStringLiteral("sc-settings-edr-secret.json");
        const QString edr = QStringLiteral("device_vendor_msft_windowsadvancedthreatprotection_configurationtype");
        QTest::addRow("edr choice") << e << edr << u"Microsoft Defender for Endpoint client configuration package type"_s
                                    << u"Onboard"_s << 0 << u""_s << u""_s;
        QTest::addRow("secret child") << e << edr + u"/device_vendor_msft_windowsadvancedthreatprotection_onboarding"_s
                                      << u"Onboarding (Device)"_s << u"(secret)"_s << 1 << u""_s << edr;
        const QString f = QStringLiteral("sc-settings-firewall-rules.json");
        QTest::addRow("rule collection") << f << Fw << u"Firewall Rules"_s << u"2 rules"_s << 0 << u"Firewall"_s << u""_s;
        const QString teams = Fw + u"[Allow Teams inbound]"_s;
        QTest::addRow("record: one row per rule") << f << teams << u"Allow Teams inbound"_s << u"Allow · In · UDP 3478-3481,50000-50059"_s
                                                  << 1 << u"Firewall"_s << Fw;
        QTest::addRow("rule direction short") << f << teams + u"/"_s + Fw + u"_direction"_s << u"Direction"_s << u"In"_s << 2 << u"Firewall"_s << teams;
        QTest::addRow("rule profiles short") << f << teams + u"/"_s + Fw + u"_profiles"_s << u"Network Types"_s << u"Domain, Private"_s
                                             << 2 << u"Firewall"_s << teams;
        QTest::addRow("rule interfaces short") << f << teams + u"/"_s + Fw + u"_interfacetypes"_s << u"Interface Types"_s
                                               << u"LAN, Wireless"_s << 2 << u"Firewall"_s << teams;
        QTest::addRow("rule protocol 17") << f << teams + u"/"_s + Fw + u"_protocol"_s << u"Protocol"_s << u"UDP"_s << 2 << u"Firewall"_s << teams;
        const QString smb = Fw + u"[Block outbound SMB to Internet]"_s;
        QTest::addRow("rule protocol 6") << f << smb + u"/"_s + Fw + u"_protocol"_s << u"Protocol"_s << u"TCP"_s << 2 << u"Firewall"_s << smb;
        QTest::addRow("rule action block") << f << smb + u"/"_s + Fw + u"_action_type"_s << u"Action"_s << u"Block"_s << 2 << u"Firewall"_s << smb;
        QTest::addRow("rule enabled") << f << smb + u"/"_s + Fw + u"_enabled"_s << u"State"_s << u"Enabled"_s << 2 << u"Firewall"_s << smb;
        const QString b = QStringLiteral("sc-settings-baseline.json");
        const QString ipv6 = QStringLiteral("device_vendor_msft_policy_config_msslegacy_ipv6sourceroutingprotectionlevel");
        QTest::addRow("baseline choice child") << b << ipv6 + u"/"_s + ipv6 + u"_disableipsourceroutingipv6"_s
                                               << u"DisableIPSourceRoutingIPv6 (Device)"_s
                                               << u"Highest protection, source routing is completely disabled"_s << 1 << u""_s << ipv6;
        const QString paths = Hardened + u"/"_s + Hardened + u"_pol_hardenedpaths"_s;
        QTest::addRow("hardened paths collection") << b << paths << u"Hardened UNC Paths: (Device)"_s << u"2 items"_s << 1 << u""_s << Hardened;
        const QString sysvol = paths + u"[\\\\*\\SYSVOL]"_s;
        QTest::addRow("record keyed by UNC path") << b << sysvol << u"\\\\*\\SYSVOL"_s << u""_s << 2 << u""_s << paths;
        QTest::addRow("record child") << b << sysvol + u"/"_s + Hardened + u"_pol_hardenedpaths_value"_s << u"Value"_s
                                      << u"RequireMutualAuthentication=1,RequireIntegrity=1"_s << 3 << u""_s << sysvol;
    }
    void rows()
    {
        QFETCH(QString, file);
        QFETCH(QString, rowKey);
        const QList<SettingRow> out = sampleRows(file);
        const SettingRow* row = findRow(out, rowKey);
        QVERIFY2(row, qPrintable(rowKey));
        QTEST(row->setting, "setting");
        QTEST(row->value, "value");
        QTEST(row->depth, "depth");
        QTEST(row->category, "category");
        QTEST(row->parentRowKey, "parentRowKey");
    }

    void descriptionAndRawValues()
    {
        const QJsonArray settings = pv::test::sampleSettings(QStringLiteral("sc-settings-ordinary.json"));
        const QList<SettingRow> out = sampleRows(QStringLiteral("sc-settings-ordinary.json"));
        const QString description = settings.at(0).toObject().value(QLatin1String("settingDefinitions")).toArray().at(0)
                                        .toObject().value(QLatin1String("description")).toString();
        QVERIFY(!description.isEmpty());
        QCOMPARE(out.at(0).description, description);
        QCOMPARE(out.at(0).rawValue.toString(), QStringLiteral("device_vendor_msft_policy_config_update_setdisablepauseuxaccess_1"));
        QCOMPARE(out.at(1).rawValue.toInteger(), 30);
        QCOMPARE(out.at(2).rawValue.toArray().size(), 2);
    }

    void secretNeverShown()
    {
        const QList<SettingRow> out = sampleRows(QStringLiteral("sc-settings-edr-secret.json"));
        const SettingRow& secret = out.at(1);
        QVERIFY(secret.secret);
        QCOMPARE(secret.value, Normalizer::secretText());
        QVERIFY(secret.valueToolTip.contains(QLatin1String("another tenant")));
        // The token is not the secret, but it is tenant-bound: it is not echoed either.
        for (const SettingRow& r : out) {
            QVERIFY(!r.value.contains(QLatin1String("9fab7c95")));
            QVERIFY(!QJsonDocument(QJsonArray{r.rawValue}).toJson().contains("9fab7c95"));
        }
        QVERIFY(!out.at(0).secret);
    }

    void missingDefinitionFallsBack()
    {
        const QJsonArray settings = pv::test::sampleSettings(QStringLiteral("sc-settings-ordinary.json"));
        DefinitionTable table;
        // Only the third setting's definition was captured.
        table.addDefinition(settings.at(2).toObject().value(QLatin1String("settingDefinitions")).toArray().at(0).toObject());
        const QList<SettingRow> out = Normalizer(table).settingsRows(settings);
        QCOMPARE(out.size(), 3);
        QCOMPARE(out.at(0).setting, QStringLiteral("Update setdisablepauseuxaccess"));
        QCOMPARE(out.at(0).value, QStringLiteral("1"));
        QVERIFY(out.at(0).definitionMissing);
        QCOMPARE(out.at(1).setting, QStringLiteral("Update deferfeatureupdatesperiodindays"));
        QCOMPARE(out.at(1).value, QStringLiteral("30"));
        QVERIFY(out.at(1).definitionMissing);
        QCOMPARE(out.at(2).setting, QStringLiteral("Deny Remote Desktop Services Log On"));
        QVERIFY(!out.at(2).definitionMissing);
    }

    void unknownOptionIsMarked()
    {
        QJsonArray settings = pv::test::sampleSettings(QStringLiteral("sc-settings-ordinary.json"));
        DefinitionTable table;
        table.addExpandedDefinitions(settings);
        QJsonObject item = settings.at(0).toObject();
        QJsonObject instance = item.value(QLatin1String("settingInstance")).toObject();
        QJsonObject value = instance.value(QLatin1String("choiceSettingValue")).toObject();
        value.insert(QStringLiteral("value"), QStringLiteral("device_vendor_msft_policy_config_update_setdisablepauseuxaccess_7"));
        instance.insert(QStringLiteral("choiceSettingValue"), value);
        item.insert(QStringLiteral("settingInstance"), instance);
        const QList<SettingRow> out = Normalizer(table).settingsRows(QJsonArray{item});
        QCOMPARE(out.at(0).value, QStringLiteral("7"));
        QVERIFY(out.at(0).unknownOption);
        QVERIFY(!out.at(0).definitionMissing);
    }

    void policyObjectAndBareInstances()
    {
        const QJsonArray settings = pv::test::sampleSettings(QStringLiteral("sc-settings-baseline.json"));
        DefinitionTable table;
        pv::test::fillFromSample(table, settings);
        QJsonArray bare;
        for (const QJsonValue& s : settings)
            bare.append(s.toObject().value(QLatin1String("settingInstance")));
        const QJsonObject policy{{QStringLiteral("name"), QStringLiteral("Baseline")},
                                 {QStringLiteral("templateReference"), QJsonObject{{QStringLiteral("templateFamily"), QStringLiteral("baseline")}}},
                                 {QStringLiteral("settings"), settings}};
        const QList<SettingRow> fromPolicy = Normalizer(table).policyRows(policy);
        const QList<SettingRow> fromBare = Normalizer(table).settingsRows(bare);
        QCOMPARE(fromPolicy.size(), 11);
        QCOMPARE(fromBare.size(), fromPolicy.size());
        for (qsizetype i = 0; i < fromPolicy.size(); ++i) {
            QCOMPARE(fromBare.at(i).rowKey, fromPolicy.at(i).rowKey);
            QCOMPARE(fromBare.at(i).value, fromPolicy.at(i).value);
        }
    }

    void shapesTheSamplesLack()
    {
        // A single group (GroupSettingInstance) holding a choice collection whose option has a
        // child, and a group collection of groups: keys, kinds, depths, parents.
        namespace fw = pv::test::fw;
        const QString g = u"x_group"_s;
        QJsonObject cc = fw::choices(g + u"_modes"_s, {u"a"_s, u"b"_s});
        QJsonArray values = cc.value(QLatin1String("choiceSettingCollectionValue")).toArray();
        QJsonObject b = values.at(1).toObject();
        b.insert(QStringLiteral("children"), QJsonArray{fw::simple(g + u"_modes_b_level"_s, u"3"_s)});
        values.replace(1, b);
        cc.insert(QStringLiteral("choiceSettingCollectionValue"), values);
        const QJsonObject inner{{QStringLiteral("@odata.type"), fw::type("GroupSettingInstance")},
                                {QStringLiteral("settingDefinitionId"), QString(g + u"_inner"_s)},
                                {QStringLiteral("groupSettingValue"),
                                 QJsonObject{{QStringLiteral("children"), QJsonArray{fw::simple(g + u"_inner_path"_s, u"C:\\x"_s)}}}}};
        const QJsonObject coll{{QStringLiteral("@odata.type"), fw::type("GroupSettingCollectionInstance")},
                               {QStringLiteral("settingDefinitionId"), QString(g + u"_list"_s)},
                               {QStringLiteral("groupSettingCollectionValue"),
                                QJsonArray{QJsonObject{{QStringLiteral("children"), QJsonArray{inner}}}}}};
        const QJsonObject group{{QStringLiteral("@odata.type"), fw::type("GroupSettingInstance")},
                                {QStringLiteral("settingDefinitionId"), g},
                                {QStringLiteral("groupSettingValue"), QJsonObject{{QStringLiteral("children"), QJsonArray{cc, coll}}}}};
        DefinitionTable table;
        table.addDefinition(QJsonObject{{QStringLiteral("id"), QString(g + u"_modes"_s)},
                                        {QStringLiteral("@odata.type"), u"#microsoft.graph.deviceManagementConfigurationChoiceSettingCollectionDefinition"_s},
                                        {QStringLiteral("displayName"), u"Modes"_s},
                                        {QStringLiteral("options"), QJsonArray{
                                             QJsonObject{{QStringLiteral("itemId"), QString(g + u"_modes_a"_s)}, {QStringLiteral("displayName"), u"Mode A"_s}},
                                             QJsonObject{{QStringLiteral("itemId"), QString(g + u"_modes_b"_s)}, {QStringLiteral("displayName"), u"Mode B"_s}}}}});
        const QList<SettingRow> rows = Normalizer(table).settingsRows({group});
        QCOMPARE(rows.size(), 7);
        const QString modes = g + u"/"_s + g + u"_modes"_s;
        const QString list = g + u"/"_s + g + u"_list"_s;
        const QString record = list + u"[%231]"_s;   // no string child at its level: position
        const QStringList keys{g, modes, modes + u"=x_group_modes_b/x_group_modes_b_level"_s, list, record,
                               record + u"/x_group_inner"_s, record + u"/x_group_inner/x_group_inner_path"_s};
        const QList<int> depths{0, 1, 2, 1, 2, 3, 4};
        for (int i = 0; i < rows.size(); ++i) {
            QCOMPARE(rows.at(i).rowKey, keys.at(i));
            QCOMPARE(rows.at(i).depth, depths.at(i));
        }
        QCOMPARE(int(rows.at(0).kind), int(SettingRow::Kind::Group));
        QCOMPARE(rows.at(1).value, u"Mode A, Mode B"_s);
        QVERIFY(!rows.at(1).definitionMissing);
        QCOMPARE(rows.at(2).parentRowKey, modes);
        QCOMPARE(rows.at(2).value, u"3"_s);
        QCOMPARE(int(rows.at(3).kind), int(SettingRow::Kind::Collection));
        QCOMPARE(rows.at(3).value, u"1 item"_s);
        QCOMPARE(int(rows.at(4).kind), int(SettingRow::Kind::Record));
        QCOMPARE(rows.at(6).value, u"C:\\x"_s);
        QVERIFY(rows.at(6).definitionMissing);
        QCOMPARE(rows.at(6).setting, u"X group inner path"_s);
    }

    void rowJson()
    {
        const QList<SettingRow> out = sampleRows(QStringLiteral("sc-settings-firewall-rules.json"));
        const QJsonObject json = out.at(1).toJson();
        QCOMPARE(json.value(QLatin1String("rowKey")).toString(), Fw + u"[Allow Teams inbound]"_s);
        QCOMPARE(json.value(QLatin1String("parentRowKey")).toString(), Fw);
        QCOMPARE(json.value(QLatin1String("depth")).toInt(), 1);
        const QJsonObject record = json.value(QLatin1String("record")).toObject();
        QCOMPARE(record.value(QLatin1String("protocol")).toString(), QStringLiteral("UDP"));
        QCOMPARE(record.value(QLatin1String("interfaces")).toArray(), (QJsonArray{QStringLiteral("LAN"), QStringLiteral("Wireless")}));
        QVERIFY(!out.at(0).toJson().contains(QLatin1String("record")));
    }
};

QTEST_GUILESS_MAIN(TestNormalizer)
#include "tst_normalizer.moc"
