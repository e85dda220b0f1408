// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
// Firewall rules as records, against the real Windows Firewall definitions: short labels for
// every option the definitions hold, protocols, badges, dynamic keywords, profile settings.
#include "core/normalize/FirewallRules.h"
#include "core/normalize/Normalizer.h"
#include "tests/unit/normalize/FirewallJson.h"
#include "tests/unit/normalize/NormalizeTestData.h"

#include <QTest>

using namespace Qt::StringLiterals;

using namespace pv::normalize;
namespace fw = pv::test::fw;

namespace {

QJsonArray realDefinitions() { return pv::test::normalizeData(QStringLiteral("firewall-definitions.json")).array(); }

DefinitionTable realTable()
{
    DefinitionTable table;
    for (const QJsonValue& d : realDefinitions())
        table.addDefinition(d.toObject());
    table.addCategories(pv::test::normalizeData(QStringLiteral("configuration-categories.json")).object().value(QLatin1String("value")).toArray());
    return table;
}

} // namespace

class TestFirewallRules final : public QObject
{
    Q_OBJECT

private slots:
    void everyRuleOptionHasAShortLabel_data()
    {
        QTest::addColumn<QString>("definitionId");
        QTest::addColumn<QString>("itemId");
        QTest::addColumn<QString>("label");
        // The short label each option suffix must read as; the loop below enumerates the
        // options of the real definitions, so a new option with no label fails here.
        const QHash<QString, QString> expected{
            {u"direction_in"_s, u"In"_s}, {u"direction_out"_s, u"Out"_s},
            {u"action_type_0"_s, u"Block"_s}, {u"action_type_1"_s, u"Allow"_s}, {u"action_0"_s, u"Block"_s}, {u"action_1"_s, u"Allow"_s},
            {u"enabled_0"_s, u"Disabled"_s}, {u"enabled_1"_s, u"Enabled"_s},
            {u"edgetraversal_0"_s, u"Disabled"_s}, {u"edgetraversal_1"_s, u"Enabled"_s},
            {u"profiles_1"_s, u"Domain"_s}, {u"profiles_2"_s, u"Private"_s}, {u"profiles_4"_s, u"Public"_s},
            {u"profiles_2147483647"_s, u"All"_s}, {u"profiles_-2147483648"_s, u"Current"_s},
            {u"interfacetypes_lan"_s, u"LAN"_s}, {u"interfacetypes_wireless"_s, u"Wireless"_s},
            {u"interfacetypes_remoteaccess"_s, u"Remote access"_s}, {u"interfacetypes_mobilebroadband"_s, u"Mobile broadband"_s},
            {u"interfacetypes_mbb"_s, u"Mobile broadband"_s}, {u"interfacetypes_all"_s, u"All"_s},
        };
        // The firewall-rules template's rules and the Hyper-V firewall rules.
        const QString hyperV = u"vendor_msft_firewall_mdmstore_hypervfirewallrules_{firewallrulename}"_s;
        int options = 0;
        for (const QJsonValue& v : realDefinitions()) {
            const QJsonObject d = v.toObject();
            const QString id = d.value(QLatin1String("id")).toString();
            const QString root = id.startsWith(fw::Root + u'_') ? fw::Root : id.startsWith(hyperV + u'_') ? hyperV : QString();
            if (root.isEmpty() || id.endsWith(QLatin1String("_vmcreatorid")))   // a VM target, not a rule property
                continue;
            for (const QJsonValue& o : d.value(QLatin1String("options")).toArray()) {
                const QString item = o.toObject().value(QLatin1String("itemId")).toString();
                const QString suffix = item.mid(root.size() + 1);
                QTest::addRow("%s: %s", root == hyperV ? "hyper-v" : "rule", qPrintable(suffix))
                    << id << item << expected.value(suffix, u"<no expectation>"_s);
                ++options;
            }
        }
        // 19 rule options (the "current" profile and both mobile broadband items included) and
        // 10 Hyper-V rule options in the real definitions.
        QCOMPARE(options, 29);
    }
    void everyRuleOptionHasAShortLabel()
    {
        QFETCH(QString, definitionId);
        QFETCH(QString, itemId);
        QFETCH(QString, label);
        const auto got = firewall::shortLabel(definitionId, itemId);
        QVERIFY2(got.has_value(), qPrintable(itemId));
        QCOMPARE(*got, label);
    }

    void hyperVRulesToo()
    {
        const QString root = QStringLiteral("vendor_msft_firewall_mdmstore_hypervfirewallrules_{firewallrulename}");
        QVERIFY(firewall::isRuleCollection(root));
        QCOMPARE(firewall::shortLabel(root + u"_profiles"_s, root + u"_profiles_2"_s).value_or(QString()), QStringLiteral("Private"));
        QCOMPARE(firewall::shortLabel(root + u"_action"_s, root + u"_action_1"_s).value_or(QString()), QStringLiteral("Allow"));
        QVERIFY(!firewall::shortLabel(QStringLiteral("device_vendor_msft_policy_config_x"), QStringLiteral("device_vendor_msft_policy_config_x_1")));
    }

    void protocols_data()
    {
        QTest::addColumn<int>("number");
        QTest::addColumn<QString>("name");
        QTest::addRow("6") << 6 << u"TCP"_s;
        QTest::addRow("17") << 17 << u"UDP"_s;
        QTest::addRow("1") << 1 << u"ICMPv4"_s;
        QTest::addRow("58") << 58 << u"ICMPv6"_s;
        QTest::addRow("47") << 47 << u"GRE"_s;
        QTest::addRow("200 by number") << 200 << u"200"_s;
    }
    void protocols()
    {
        QFETCH(int, number);
        QFETCH(QString, name);
        QCOMPARE(firewall::protocolName(number), name);
        // …and the same through the normalizer, on the rule's record and its Protocol row.
        const DefinitionTable table = realTable();
        const QJsonArray settings{fw::rules({fw::rule(u"R"_s, u"in"_s, u"1"_s, number, {u"1"_s}, {u"lan"_s}, {})})};
        const QList<SettingRow> rows = Normalizer(table).settingsRows(settings);
        QCOMPARE(rows.at(1).record->protocol, name);
        const SettingRow* protocolRow = pv::test::findRow(rows, fw::Root + u"[R]/"_s + fw::Root + u"_protocol"_s);
        QVERIFY(protocolRow);
        QCOMPARE(protocolRow->value, name);
        QCOMPARE(protocolRow->rawValue.toInt(), number);
        // An integer sent quoted (Graph accepts both) reads the same.
        const QJsonArray quoted{fw::rules({QJsonObject{{QStringLiteral("children"), QJsonArray{
            fw::simple(fw::Root + QLatin1String("_name"), u"Q"_s),
            fw::simple(fw::Root + QLatin1String("_protocol"), QString::number(number))}}}})};
        const QList<SettingRow> quotedRows = Normalizer(table).settingsRows(quoted);
        QCOMPARE(quotedRows.at(1).record->protocol, name);
        QCOMPARE(quotedRows.at(3).value, name);
    }

    void recordsWithBadges()
    {
        const DefinitionTable table = realTable();
        const QJsonArray settings{fw::rules({
            fw::rule(u"Allow RDP"_s, u"in"_s, u"1"_s, 6, {u"1"_s, u"2"_s}, {u"lan"_s, u"wireless"_s, u"remoteaccess"_s}, {u"3389"_s}),
            fw::rule(u"Block mobile"_s, u"out"_s, u"0"_s, 17, {u"-2147483648"_s, u"4"_s}, {u"mbb"_s, u"mobilebroadband"_s}, {}),
            fw::rule(u"Everything"_s, u"in"_s, u"1"_s, 256 - 1, {u"2147483647"_s}, {u"all"_s}, {}),
        })};
        const QList<SettingRow> rows = Normalizer(table).settingsRows(settings);
        QCOMPARE(rows.at(0).value, QStringLiteral("3 rules"));
        QCOMPARE(rows.at(0).category, QStringLiteral("Firewall"));
        QList<FirewallRecord> records;
        for (const SettingRow& r : rows) {
            QVERIFY(!r.definitionMissing);
            QCOMPARE(r.record.has_value(), r.kind == SettingRow::Kind::Record);
            if (r.record)
                records.append(*r.record);
        }
        QCOMPARE(records.size(), 3);
        QCOMPARE(records.at(0).name, QStringLiteral("Allow RDP"));
        QCOMPARE(records.at(0).direction, QStringLiteral("In"));
        QCOMPARE(records.at(0).action, QStringLiteral("Allow"));
        QCOMPARE(records.at(0).enabled, QStringLiteral("Enabled"));
        QCOMPARE(records.at(0).protocol, QStringLiteral("TCP"));
        QCOMPARE(records.at(0).localPorts, QStringList{u"3389"_s});
        QCOMPARE(records.at(0).profiles, (QStringList{u"Domain"_s, u"Private"_s}));
        QCOMPARE(records.at(0).interfaces, (QStringList{u"LAN"_s, u"Wireless"_s, u"Remote access"_s}));
        QCOMPARE(rows.at(1).value, QStringLiteral("Allow · In · TCP 3389"));
        QCOMPARE(records.at(1).direction, QStringLiteral("Out"));
        QCOMPARE(records.at(1).action, QStringLiteral("Block"));
        QCOMPARE(records.at(1).profiles, (QStringList{u"Current"_s, u"Public"_s}));
        QCOMPARE(records.at(1).interfaces, QStringList{u"Mobile broadband"_s});   // mbb and mobilebroadband both
        QCOMPARE(records.at(2).profiles, QStringList{u"All"_s});
        QCOMPARE(records.at(2).interfaces, QStringList{u"All"_s});
        QCOMPARE(records.at(2).protocol, QStringLiteral("255"));
        // No long CSP description anywhere in the rendering.
        for (const SettingRow& r : rows) {
            QVERIFY2(!r.value.contains(QLatin1String("FW_PROFILE")) && !r.value.contains(QLatin1String("FWPROFILE")), qPrintable(r.value));
            QVERIFY2(!r.value.contains(QLatin1String("The rule applies")), qPrintable(r.value));
            QVERIFY2(!r.value.contains(QLatin1String("[Not Supported]")), qPrintable(r.value));
        }
    }

    void appAndAddresses()
    {
        const DefinitionTable table = realTable();
        QJsonObject r = fw::rule(u"Svc"_s, u"in"_s, u"1"_s, 6, {u"1"_s}, {u"all"_s}, {u"443"_s});
        QJsonArray children = r.value(QLatin1String("children")).toArray();
        children.append(fw::simple(fw::Root + u"_app_filepath"_s, QStringLiteral("C:\\a\\b.exe")));
        children.append(fw::simple(fw::Root + u"_app_servicename"_s, QStringLiteral("wuauserv")));
        children.append(fw::simple(fw::Root + u"_app_packagefamilyname"_s, QStringLiteral("Contoso.App_8wekyb3d8bbwe")));
        children.append(fw::strings(fw::Root + u"_remoteaddressranges"_s, {u"10.0.0.0/8"_s, u"Internet"_s}));
        children.append(fw::strings(fw::Root + u"_localaddressranges"_s, {u"192.168.1.1"_s}));
        children.append(fw::strings(fw::Root + u"_remoteportranges"_s, {u"1-1024"_s}));
        r.insert(QStringLiteral("children"), children);
        const QList<SettingRow> rows = Normalizer(table).settingsRows({fw::rules({r})});
        const FirewallRecord& rec = *rows.at(1).record;
        QCOMPARE(rec.app, QStringLiteral("C:\\a\\b.exe; Service: wuauserv; Package: Contoso.App_8wekyb3d8bbwe"));
        QCOMPARE(rec.remoteAddresses, (QStringList{u"10.0.0.0/8"_s, u"Internet"_s}));
        QCOMPARE(rec.localAddresses, QStringList{u"192.168.1.1"_s});
        QCOMPARE(rec.remotePorts, QStringList{u"1-1024"_s});
        const QJsonObject json = rec.toJson();
        for (const char* key : {"name", "enabled", "direction", "action", "protocol", "localPorts", "remotePorts",
                                "localAddresses", "remoteAddresses", "app", "profiles", "interfaces"})
            QVERIFY2(json.contains(QLatin1String(key)), key);
    }

    void dynamicKeywordsShowIdWithMarker()
    {
        const DefinitionTable table = realTable();
        QJsonObject r = fw::rule(u"Dyn"_s, u"out"_s, u"0"_s, 6, {u"4"_s}, {u"all"_s}, {});
        QJsonArray children = r.value(QLatin1String("children")).toArray();
        children.append(fw::strings(fw::Root + u"_remoteaddressdynamickeywords"_s, {u"5e9a1c1e-0000-4000-8000-00000000abcd"_s}));
        r.insert(QStringLiteral("children"), children);
        const QList<SettingRow> rows = Normalizer(table).settingsRows({fw::rules({r})});
        const SettingRow* dyn = pv::test::findRow(rows, fw::Root + u"[Dyn]/"_s + fw::Root + u"_remoteaddressdynamickeywords"_s);
        QVERIFY(dyn);
        QCOMPARE(dyn->setting, QStringLiteral("Reusable groups"));
        QVERIFY(dyn->unresolvedReference);
        QVERIFY(dyn->value.contains(QLatin1String("5e9a1c1e-0000-4000-8000-00000000abcd")));
        QVERIFY(rows.at(1).unresolvedReference);
        QCOMPARE(rows.at(1).record->dynamicKeywords, QStringList{u"5e9a1c1e-0000-4000-8000-00000000abcd"_s});
        QVERIFY(!pv::test::findRow(rows, fw::Root + u"[Dyn]/"_s + fw::Root + u"_protocol"_s)->unresolvedReference);
    }

    void profileSettingsReadAsThePortal_data()
    {
        QTest::addColumn<QString>("definitionId");
        QTest::addColumn<QString>("option");
        QTest::addColumn<QString>("setting");
        QTest::addColumn<QString>("value");
        const QString base = QStringLiteral("vendor_msft_firewall_mdmstore_");
        QTest::addRow("domain on") << base + u"domainprofile_enablefirewall"_s << u"true"_s << u"Enable Domain Network Firewall"_s << u"True"_s;
        QTest::addRow("private off") << base + u"privateprofile_enablefirewall"_s << u"false"_s << u"Enable Private Network Firewall"_s << u"False"_s;
        QTest::addRow("public on") << base + u"publicprofile_enablefirewall"_s << u"true"_s << u"Enable Public Network Firewall"_s << u"True"_s;
        QTest::addRow("domain inbound block") << base + u"domainprofile_defaultinboundaction"_s << u"1"_s
                                              << u"Default Inbound Action for Domain Profile"_s << u"Block"_s;
        QTest::addRow("public inbound allow") << base + u"publicprofile_defaultinboundaction"_s << u"0"_s
                                              << u"Default Inbound Action for Public Profile"_s << u"Allow"_s;
    }
    void profileSettingsReadAsThePortal()
    {
        QFETCH(QString, definitionId);
        QFETCH(QString, option);
        const DefinitionTable table = realTable();
        QVERIFY2(table.definition(definitionId), qPrintable(definitionId));
        const QList<SettingRow> rows = Normalizer(table).settingsRows({fw::choice(definitionId, option)});
        QCOMPARE(rows.size(), 1);
        QTEST(rows.at(0).setting, "setting");
        QTEST(rows.at(0).value, "value");
        QCOMPARE(rows.at(0).category, QStringLiteral("Firewall"));
        QVERIFY(!rows.at(0).unknownOption);
    }
};

QTEST_GUILESS_MAIN(TestFirewallRules)
#include "tst_firewallrules.moc"
