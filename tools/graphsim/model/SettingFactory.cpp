// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "tools/graphsim/model/SettingFactory.h"

#include "tools/graphsim/model/DefinitionCatalog.h"
#include "tools/graphsim/model/SimRandom.h"

namespace graphsim {

namespace {

const QString kPrefix = QStringLiteral("#microsoft.graph.deviceManagementConfiguration");

// Public rule GUIDs of Microsoft Defender attack surface reduction rules (Microsoft Learn,
// "Attack surface reduction rules reference"), used as the key of ASR rule entries.
const QStringList kAsrRuleIds = {
    QStringLiteral("56a863a9-875e-4185-98a7-b882c64b5ce5"), QStringLiteral("7674ba52-37eb-4a4f-a9a1-f0f9a1619a2c"),
    QStringLiteral("d4f940ab-401b-4efc-aadc-ad5f3c50688a"), QStringLiteral("9e6c4e1f-7d60-472f-ba1a-a39ef669e4b2"),
    QStringLiteral("be9ba2d9-53ea-4cdc-84e5-9b1eeee46550"), QStringLiteral("01443614-cd74-433a-b99e-2ecdc07bfc25"),
    QStringLiteral("5beb7efe-fd9a-4556-801d-275e5ffc04cc"), QStringLiteral("d3e037e1-3eb8-44c8-a917-57927947596d"),
    QStringLiteral("3b576869-a4ec-4529-8536-b80a7769e899"), QStringLiteral("75668c1f-73b5-4cf0-bb93-3ecf5cb7cc84"),
    QStringLiteral("26190899-1602-49e8-8b27-eb1d0a1ce869"), QStringLiteral("e6db77e5-3df2-4cf1-b95a-636979351e5b"),
    QStringLiteral("d1e49aac-8f56-4280-b9ba-993a6d77406c"), QStringLiteral("b2b3f03d-6a65-4f7b-a9c7-1c7ef74a9ba4"),
    QStringLiteral("92e97fa1-2edf-4476-bdd6-9dd0b4dddc7b"), QStringLiteral("c1db55ab-c21a-4637-bb3f-a12568109d35")};

const QString kRulePrefix = QStringLiteral("vendor_msft_firewall_mdmstore_firewallrules_{firewallrulename}");

} // namespace

SettingFactory::SettingFactory(const DefinitionCatalog& catalog, SimRandom& random)
    : m_catalog(catalog), m_random(random)
{
}

QJsonObject SettingFactory::settingItem(const QJsonObject& instance)
{
    return QJsonObject{{QStringLiteral("@odata.type"), QStringLiteral("#microsoft.graph.deviceManagementConfigurationSetting")},
                       {QStringLiteral("settingInstance"), instance}};
}

int SettingFactory::countInstances(const QJsonObject& instance)
{
    int count = 1;
    auto walk = [&count](const QJsonValue& value) {
        for (const QJsonValue& child : value.toObject().value(QStringLiteral("children")).toArray())
            count += countInstances(child.toObject());
    };
    walk(instance.value(QStringLiteral("choiceSettingValue")));
    walk(instance.value(QStringLiteral("groupSettingValue")));
    for (const QJsonValue& v : instance.value(QStringLiteral("choiceSettingCollectionValue")).toArray())
        walk(v);
    for (const QJsonValue& v : instance.value(QStringLiteral("groupSettingCollectionValue")).toArray())
        walk(v);
    return count;
}

QJsonObject SettingFactory::instanceRef(const DefinitionInfo& def, const TemplateInfo* tmpl) const
{
    return QJsonObject{{QStringLiteral("@odata.type"), QString(kPrefix + QStringLiteral("SettingInstanceTemplateReference"))},
                       {QStringLiteral("settingInstanceTemplateId"), tmpl->refs.value(def.id).instanceTemplateId}};
}

QJsonValue SettingFactory::valueRef(const DefinitionInfo& def, const TemplateInfo* tmpl) const
{
    const QString id = tmpl ? tmpl->refs.value(def.id).valueTemplateId : QString();
    if (id.isEmpty())
        return QJsonValue::Null;
    return QJsonObject{{QStringLiteral("@odata.type"), QString(kPrefix + QStringLiteral("SettingValueTemplateReference"))},
                       {QStringLiteral("settingValueTemplateId"), id},
                       {QStringLiteral("useTemplateDefault"), false}};
}

QJsonArray SettingFactory::childInstances(const QStringList& childIds, const TemplateInfo* tmpl, int maxGroupEntries, bool all)
{
    QJsonArray children;
    for (const QString& childId : childIds) {
        const DefinitionInfo* child = m_catalog.find(childId);
        if (!child)
            continue;
        // Group entries set most of their children; choice children are always set (the
        // portal requires them once the parent option is chosen).
        if (!all && !m_random.chance(70))
            continue;
        children.append(instance(*child, tmpl, maxGroupEntries));
    }
    return children;
}

QJsonObject SettingFactory::choiceValue(const DefinitionInfo& def, const QString& itemId, const TemplateInfo* tmpl, bool refs)
{
    const OptionInfo* option = def.option(itemId);
    return QJsonObject{{QStringLiteral("@odata.type"), QString(kPrefix + QStringLiteral("ChoiceSettingValue"))},
                       {QStringLiteral("value"), itemId},
                       {QStringLiteral("settingValueTemplateReference"), refs ? valueRef(def, tmpl) : QJsonValue(QJsonValue::Null)},
                       {QStringLiteral("children"), option ? childInstances(option->childIds, tmpl, 3, true) : QJsonArray()}};
}

QString SettingFactory::stringValue(const DefinitionInfo& def, int index)
{
    const QString id = def.id;
    if (id.contains(QLatin1String("exploitguard_asr_rules")) && id.endsWith(QLatin1String("_key")))
        return kAsrRuleIds.at(index % kAsrRuleIds.size());
    if (id.contains(QLatin1String("exploitguard_asr_rules")) && id.endsWith(QLatin1String("_value")))
        return m_random.pick(QStringList{QStringLiteral("1"), QStringLiteral("2"), QStringLiteral("6")});
    if (id.contains(QLatin1String("asronlyexclusions")) && id.endsWith(QLatin1String("_key")))
        return m_random.pick(QStringList{QStringLiteral("C:\\Tools\\Build\\"), QStringLiteral("C:\\Program Files\\Contoso\\Agent\\agent.exe"),
                                         QStringLiteral("D:\\Data\\Scanner\\"), QStringLiteral("%ProgramData%\\LOB\\Updater.exe")})
               + (index > 3 ? QString::number(index) : QString());
    if (id.contains(QLatin1String("asronlyexclusions")) && id.endsWith(QLatin1String("_value")))
        return QStringLiteral("0");
    if (id.contains(QLatin1String("logfilepath")))
        return QStringLiteral("%systemroot%\\system32\\LogFiles\\Firewall\\pfirewall.log");
    if (id.contains(QLatin1String("administratoraccountname")))
        return QStringLiteral("lapsadmin");
    if (id.contains(QLatin1String("encryptionprincipal")))
        return QStringLiteral("CONTOSO\\LAPS Admins");
    if (id.contains(QLatin1String("nameorprefix")))
        return QStringLiteral("WLapsAdmin");
    if (id.contains(QLatin1String("recoveryurl")))
        return QStringLiteral("https://aka.contoso.com/bitlocker-recovery");
    if (id.contains(QLatin1String("recoverymessage")))
        return QStringLiteral("Call the Contoso service desk on +1 555 0100 with your recovery key ID.");
    if (id.contains(QLatin1String("identificationfield")))
        return QStringLiteral("Contoso IT");
    if (id.contains(QLatin1String("authschemes")))
        return QStringLiteral("negotiate,ntlm");
    // Windows Update: the formats named in the definitions' own descriptions (YYYY-MM-DD, HH:MM).
    if (id.contains(QLatin1String("maintenancewindowstartdate")) || id.endsWith(QLatin1String("updatesstarttime")))
        return QStringLiteral("2026-%1-%2").arg(m_random.range(1, 12), 2, 10, QLatin1Char('0')).arg(m_random.range(1, 28), 2, 10, QLatin1Char('0'));
    if (id.contains(QLatin1String("maintenancewindowstarttime")))
        return QStringLiteral("%1:%2").arg(m_random.range(0, 23), 2, 10, QLatin1Char('0')).arg(m_random.pick(QStringList{QStringLiteral("00"), QStringLiteral("30")}));
    if (id.contains(QLatin1String("updateserviceurl")))
        return QStringLiteral("https://wsus.contoso.com:8531");
    if (id.endsWith(QLatin1String("update_productversion")))
        return QStringLiteral("Windows 11");
    if (id.endsWith(QLatin1String("update_targetreleaseversion")))
        return m_random.pick(QStringList{QStringLiteral("23H2"), QStringLiteral("24H2")});
    // Hardened UNC paths, as baselines set them (GRAPH_NOTES 2.2 [O]).
    if (id.endsWith(QLatin1String("_pol_hardenedpaths_key")))
        return QStringList{QStringLiteral("\\\\*\\SYSVOL"), QStringLiteral("\\\\*\\NETLOGON")}.value(index % 2);
    if (id.endsWith(QLatin1String("_pol_hardenedpaths_value")))
        return QStringLiteral("RequireMutualAuthentication=1,RequireIntegrity=1");
    if (id.contains(QLatin1String("removabledrivesexcludedfromencryption")))
        return QStringLiteral("USBSTOR\\Disk&Ven_Contoso&Prod_Secure_%1").arg(index);
    return QStringLiteral("%1-%2").arg(def.name.isEmpty() ? QStringLiteral("value") : def.name)
        .arg(m_random.next() & 0xFFFF, 4, 16, QLatin1Char('0'));
}

QJsonObject SettingFactory::simpleValue(const DefinitionInfo& def, const TemplateInfo* tmpl, bool refs, int index)
{
    QJsonObject value{{QStringLiteral("@odata.type"), DefinitionCatalog::valueType(def.valueKind)},
                      {QStringLiteral("settingValueTemplateReference"), refs ? valueRef(def, tmpl) : QJsonValue(QJsonValue::Null)}};
    switch (def.valueKind) {
    case ValueKind::Integer:
        value.insert(QStringLiteral("value"), m_random.range(def.minValue, def.maxValue));
        break;
    case ValueKind::String:
        value.insert(QStringLiteral("value"), stringValue(def, index));
        break;
    case ValueKind::Secret:
        value.insert(QStringLiteral("value"), QStringLiteral("{\"onboardingInfo\":\"SIM-ONBOARDING-BLOB-%1\"}")
                                                  .arg(m_random.next(), 16, 16, QLatin1Char('0')));
        value.insert(QStringLiteral("valueState"), QStringLiteral("notEncrypted"));
        break;
    }
    return value;
}

QJsonObject SettingFactory::instance(const DefinitionInfo& def, const TemplateInfo* tmpl, int maxGroupEntries)
{
    const bool refs = tmpl && tmpl->refs.contains(def.id);
    QJsonObject json{{QStringLiteral("@odata.type"), DefinitionCatalog::instanceType(def.kind)},
                     {QStringLiteral("settingDefinitionId"), def.id},
                     {QStringLiteral("settingInstanceTemplateReference"), refs ? QJsonValue(instanceRef(def, tmpl)) : QJsonValue(QJsonValue::Null)}};
    switch (def.kind) {
    case DefinitionKind::Choice: {
        const QString itemId = def.options.isEmpty() ? QString() : m_random.pick(def.options).itemId;
        json.insert(QStringLiteral("choiceSettingValue"), choiceValue(def, itemId, tmpl, refs));
        break;
    }
    case DefinitionKind::ChoiceCollection: {
        QJsonArray values;
        QStringList chosen;
        const int count = def.options.isEmpty() ? 0 : int(m_random.range(1, qMin<qint64>(3, def.options.size())));
        for (int i = 0; i < count; ++i) {
            const QString itemId = m_random.pick(def.options).itemId;
            if (chosen.contains(itemId))
                continue;
            chosen << itemId;
            values.append(choiceValue(def, itemId, tmpl, false));
        }
        json.insert(QStringLiteral("choiceSettingCollectionValue"), values);
        break;
    }
    case DefinitionKind::Simple:
        json.insert(QStringLiteral("simpleSettingValue"), simpleValue(def, tmpl, refs, 0));
        break;
    case DefinitionKind::SimpleCollection: {
        QJsonArray values;
        const int count = int(m_random.range(1, 4));
        for (int i = 0; i < count; ++i) {
            QJsonObject v = simpleValue(def, tmpl, false, i);
            if (def.valueKind == ValueKind::String)
                v.insert(QStringLiteral("value"), QString(stringValue(def, i) + (i ? QStringLiteral("-%1").arg(i) : QString())));
            values.append(v);
        }
        json.insert(QStringLiteral("simpleSettingCollectionValue"), values);
        break;
    }
    case DefinitionKind::GroupCollection: {
        QJsonArray entries;
        const int count = int(m_random.range(1, qMax(1, maxGroupEntries)));
        for (int i = 0; i < count; ++i) {
            QJsonArray children;
            for (const QString& childId : def.childIds) {
                if (const DefinitionInfo* child = m_catalog.find(childId)) {
                    QJsonObject c = instance(*child, tmpl, 1);
                    if (child->kind == DefinitionKind::Simple && child->valueKind == ValueKind::String)
                        c.insert(QStringLiteral("simpleSettingValue"), simpleValue(*child, tmpl, tmpl && tmpl->refs.contains(child->id), i));
                    children.append(c);
                }
            }
            entries.append(QJsonObject{{QStringLiteral("@odata.type"), QString(kPrefix + QStringLiteral("GroupSettingValue"))},
                                       {QStringLiteral("settingValueTemplateReference"), QJsonValue::Null},
                                       {QStringLiteral("children"), children}});
        }
        json.insert(QStringLiteral("groupSettingCollectionValue"), entries);
        break;
    }
    case DefinitionKind::Group:
        json.insert(QStringLiteral("groupSettingValue"),
                    QJsonObject{{QStringLiteral("@odata.type"), QString(kPrefix + QStringLiteral("GroupSettingValue"))},
                                {QStringLiteral("settingValueTemplateReference"), QJsonValue::Null},
                                {QStringLiteral("children"), childInstances(def.childIds, tmpl, 1, false)}});
        break;
    }
    return json;
}

QJsonObject SettingFactory::choice(const DefinitionInfo& def, const QString& itemId, const TemplateInfo* tmpl)
{
    QJsonObject json = instance(def, tmpl);
    json.insert(QStringLiteral("choiceSettingValue"), choiceValue(def, itemId, tmpl, tmpl && tmpl->refs.contains(def.id)));
    return json;
}

QJsonObject SettingFactory::ruleChild(const QString& suffix, const TemplateInfo* tmpl, bool refs, const QJsonValue& value)
{
    const DefinitionInfo* def = m_catalog.find(kRulePrefix + suffix);
    Q_ASSERT(def);
    const bool withRefs = refs && tmpl && tmpl->refs.contains(def->id);
    QJsonObject json{{QStringLiteral("@odata.type"), DefinitionCatalog::instanceType(def->kind)},
                     {QStringLiteral("settingDefinitionId"), def->id},
                     {QStringLiteral("settingInstanceTemplateReference"),
                      withRefs ? QJsonValue(instanceRef(*def, tmpl)) : QJsonValue(QJsonValue::Null)}};
    const QJsonValue vref = withRefs ? valueRef(*def, tmpl) : QJsonValue(QJsonValue::Null);
    switch (def->kind) {
    case DefinitionKind::Choice:
        json.insert(QStringLiteral("choiceSettingValue"),
                    QJsonObject{{QStringLiteral("@odata.type"), QString(kPrefix + QStringLiteral("ChoiceSettingValue"))},
                                {QStringLiteral("value"), QString(kRulePrefix + suffix + u'_' + value.toString())},
                                {QStringLiteral("settingValueTemplateReference"), vref},
                                {QStringLiteral("children"), QJsonArray()}});
        break;
    case DefinitionKind::ChoiceCollection: {
        QJsonArray values;
        for (const QJsonValue& item : value.toArray())
            values.append(QJsonObject{{QStringLiteral("@odata.type"), QString(kPrefix + QStringLiteral("ChoiceSettingValue"))},
                                      {QStringLiteral("value"), QString(kRulePrefix + suffix + u'_' + item.toString())},
                                      {QStringLiteral("children"), QJsonArray()}});
        json.insert(QStringLiteral("choiceSettingCollectionValue"), values);
        break;
    }
    case DefinitionKind::Simple:
        json.insert(QStringLiteral("simpleSettingValue"),
                    QJsonObject{{QStringLiteral("@odata.type"), DefinitionCatalog::valueType(def->valueKind)},
                                {QStringLiteral("value"), value}, {QStringLiteral("settingValueTemplateReference"), vref}});
        break;
    case DefinitionKind::SimpleCollection: {
        QJsonArray values;
        for (const QJsonValue& item : value.toArray())
            values.append(QJsonObject{{QStringLiteral("@odata.type"), DefinitionCatalog::valueType(def->valueKind)},
                                      {QStringLiteral("value"), item}});
        json.insert(QStringLiteral("simpleSettingCollectionValue"), values);
        break;
    }
    case DefinitionKind::GroupCollection:
    case DefinitionKind::Group:
        break;
    }
    return json;
}

QJsonObject SettingFactory::firewallRules(const QList<FirewallRuleSpec>& rules, const TemplateInfo* tmpl)
{
    const DefinitionInfo* root = m_catalog.find(kRulePrefix);
    QJsonArray entries;
    for (qsizetype i = 0; i < rules.size(); ++i) {
        const FirewallRuleSpec& rule = rules.at(i);
        const bool refs = i == 0;
        QJsonArray children;
        children.append(ruleChild(QStringLiteral("_enabled"), tmpl, refs, QStringLiteral("1")));
        children.append(ruleChild(QStringLiteral("_name"), tmpl, refs, rule.name));
        children.append(ruleChild(QStringLiteral("_direction"), tmpl, refs, rule.inbound ? QStringLiteral("in") : QStringLiteral("out")));
        children.append(ruleChild(QStringLiteral("_action_type"), tmpl, refs, rule.allow ? QStringLiteral("1") : QStringLiteral("0")));
        children.append(ruleChild(QStringLiteral("_interfacetypes"), tmpl, refs, QJsonArray::fromStringList(rule.interfaceTypes)));
        children.append(ruleChild(QStringLiteral("_profiles"), tmpl, refs, QJsonArray::fromStringList(rule.profiles)));
        if (rule.protocol >= 0)
            children.append(ruleChild(QStringLiteral("_protocol"), tmpl, refs, rule.protocol));
        if (!rule.localPorts.isEmpty())
            children.append(ruleChild(QStringLiteral("_localportranges"), tmpl, refs, QJsonArray::fromStringList(rule.localPorts)));
        if (!rule.remotePorts.isEmpty())
            children.append(ruleChild(QStringLiteral("_remoteportranges"), tmpl, refs, QJsonArray::fromStringList(rule.remotePorts)));
        if (!rule.remoteAddresses.isEmpty())
            children.append(ruleChild(QStringLiteral("_remoteaddressranges"), tmpl, refs, QJsonArray::fromStringList(rule.remoteAddresses)));
        if (!rule.appPath.isEmpty())
            children.append(ruleChild(QStringLiteral("_app_filepath"), tmpl, refs, rule.appPath));
        if (!rule.serviceName.isEmpty())
            children.append(ruleChild(QStringLiteral("_app_servicename"), tmpl, refs, rule.serviceName));
        if (!rule.description.isEmpty())
            children.append(ruleChild(QStringLiteral("_description"), tmpl, refs, rule.description));
        entries.append(QJsonObject{{QStringLiteral("@odata.type"), QString(kPrefix + QStringLiteral("GroupSettingValue"))},
                                   {QStringLiteral("settingValueTemplateReference"), QJsonValue::Null},
                                   {QStringLiteral("children"), children}});
    }
    return QJsonObject{{QStringLiteral("@odata.type"), DefinitionCatalog::instanceType(root->kind)},
                       {QStringLiteral("settingDefinitionId"), root->id},
                       {QStringLiteral("settingInstanceTemplateReference"), tmpl ? QJsonValue(instanceRef(*root, tmpl)) : QJsonValue(QJsonValue::Null)},
                       {QStringLiteral("groupSettingCollectionValue"), entries}};
}

FirewallRuleSpec SettingFactory::randomRule(int index)
{
    struct App { const char* name; const char* path; int protocol; const char* ports; };
    static const App apps[] = {
        {"Microsoft Teams", "%localappdata%\\Microsoft\\Teams\\current\\Teams.exe", 17, "3478-3481"},
        {"Zoom", "%appdata%\\Zoom\\bin\\Zoom.exe", 17, "8801-8810"},
        {"Remote Desktop", "%SystemRoot%\\system32\\svchost.exe", 6, "3389"},
        {"WinRM HTTPS", "", 6, "5986"},
        {"SQL Server", "C:\\Program Files\\Microsoft SQL Server\\MSSQL16.MSSQLSERVER\\MSSQL\\Binn\\sqlservr.exe", 6, "1433"},
        {"Contoso LOB agent", "C:\\Program Files\\Contoso\\Agent\\agent.exe", 6, "8443"},
        {"Print spooler", "", 6, "9100"},
        {"SNMP", "", 17, "161-162"},
        {"Syslog", "", 17, "514"},
        {"Web proxy", "", 6, "8080"},
    };
    const App& app = apps[m_random.below(std::size(apps))];
    FirewallRuleSpec rule;
    rule.name = QStringLiteral("%1 %2 (%3)").arg(m_random.chance(80) ? QStringLiteral("Allow") : QStringLiteral("Block"),
                                                 QString::fromLatin1(app.name)).arg(index + 1);
    rule.allow = rule.name.startsWith(QLatin1String("Allow"));
    rule.inbound = m_random.chance(70);
    rule.protocol = app.protocol;
    rule.localPorts = {QString::fromLatin1(app.ports)};
    if (m_random.chance(30))
        rule.remoteAddresses = {QStringLiteral("10.%1.0.0/16").arg(m_random.range(0, 255)), QStringLiteral("LocalSubnet")};
    rule.appPath = QString::fromLatin1(app.path);
    rule.interfaceTypes = {m_random.pick(QStringList{QStringLiteral("all"), QStringLiteral("lan"), QStringLiteral("wireless"),
                                                     QStringLiteral("remoteaccess")})};
    rule.profiles = {m_random.pick(QStringList{QStringLiteral("1"), QStringLiteral("2"), QStringLiteral("4"),
                                               QStringLiteral("2147483647")})};
    if (m_random.chance(40))
        rule.description = QStringLiteral("Managed by the Contoso workplace team; change request CR-%1").arg(m_random.range(1000, 9999));
    return rule;
}

} // namespace graphsim
