// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "core/normalize/FirewallRules.h"

#include <QCoreApplication>
#include <QHash>
#include <QJsonObject>

namespace pv::normalize::firewall {

namespace {

QString tr(const char* text) { return QCoreApplication::translate("pv::normalize::firewall", text); }

const QLatin1String RulePrefix("vendor_msft_firewall_mdmstore_firewallrules_{firewallrulename}");
const QLatin1String HyperVRulePrefix("vendor_msft_firewall_mdmstore_hypervfirewallrules_{firewallrulename}");

/// The part of a rule child's id after its collection's id and "_": "direction", "profiles", …
/// Empty when `definitionId` is not a rule child.
QString childSuffix(const QString& definitionId)
{
    for (const QLatin1String& prefix : {RulePrefix, HyperVRulePrefix}) {
        if (definitionId.size() > prefix.size() + 1 && definitionId.startsWith(prefix, Qt::CaseInsensitive)
            && definitionId.at(prefix.size()) == QLatin1Char('_'))
            return definitionId.mid(prefix.size() + 1).toLower();
    }
    return {};
}

QString optionSuffix(const QString& definitionId, const QString& itemId)
{
    if (itemId.size() > definitionId.size() + 1 && itemId.startsWith(definitionId, Qt::CaseInsensitive))
        return itemId.mid(definitionId.size() + 1).toLower();
    return {};
}

QString instanceType(const QJsonObject& instance)
{
    const QString type = instance.value(QLatin1String("@odata.type")).toString();
    return type.mid(type.lastIndexOf(QLatin1Char('.')) + 1);
}

QStringList stringValues(const QJsonArray& values)
{
    QStringList out;
    for (const QJsonValue& v : values) {
        const QJsonValue value = v.toObject().value(QLatin1String("value"));
        out.append(value.isDouble() ? QString::number(value.toInteger()) : value.toString());
    }
    return out;
}

} // namespace

bool isRuleCollection(const QString& definitionId)
{
    return definitionId.compare(RulePrefix, Qt::CaseInsensitive) == 0
        || definitionId.compare(HyperVRulePrefix, Qt::CaseInsensitive) == 0;
}

std::optional<QString> shortLabel(const QString& definitionId, const QString& itemId)
{
    const QString child = childSuffix(definitionId);
    if (child.isEmpty())
        return std::nullopt;
    const QString option = optionSuffix(definitionId, itemId);
    if (child == QLatin1String("direction")) {
        if (option == QLatin1String("in"))
            return tr("In");
        if (option == QLatin1String("out"))
            return tr("Out");
    } else if (child == QLatin1String("action_type") || child == QLatin1String("action")) {
        if (option == QLatin1String("0"))
            return tr("Block");
        if (option == QLatin1String("1"))
            return tr("Allow");
    } else if (child == QLatin1String("enabled") || child == QLatin1String("edgetraversal")) {
        if (option == QLatin1String("0"))
            return tr("Disabled");
        if (option == QLatin1String("1"))
            return tr("Enabled");
    } else if (child == QLatin1String("profiles")) {
        // FW_PROFILE_TYPE_* values: a bit per profile, ALL = INT_MAX, CURRENT = INT_MIN.
        if (option == QLatin1String("1"))
            return tr("Domain");
        if (option == QLatin1String("2"))
            return tr("Private");
        if (option == QLatin1String("4"))
            return tr("Public");
        if (option == QLatin1String("2147483647"))
            return tr("All");
        if (option == QLatin1String("-2147483648"))
            return tr("Current");
    } else if (child == QLatin1String("interfacetypes")) {
        if (option == QLatin1String("lan"))
            return tr("LAN");
        if (option == QLatin1String("wireless"))
            return tr("Wireless");
        if (option == QLatin1String("remoteaccess"))
            return tr("Remote access");
        // The definitions hold both; "mobilebroadband" is the older ("[Not Supported]") item.
        if (option == QLatin1String("mbb") || option == QLatin1String("mobilebroadband"))
            return tr("Mobile broadband");
        if (option == QLatin1String("all"))
            return tr("All");
    }
    return std::nullopt;
}

QString protocolName(qint64 protocol)
{
    // The names Windows Defender Firewall's own rule editor shows.
    static const QHash<qint64, QString> names{
        {0, QStringLiteral("HOPOPT")},     {1, QStringLiteral("ICMPv4")},    {2, QStringLiteral("IGMP")},
        {6, QStringLiteral("TCP")},        {17, QStringLiteral("UDP")},      {41, QStringLiteral("IPv6")},
        {43, QStringLiteral("IPv6-Route")}, {44, QStringLiteral("IPv6-Frag")}, {47, QStringLiteral("GRE")},
        {50, QStringLiteral("ESP")},       {51, QStringLiteral("AH")},       {58, QStringLiteral("ICMPv6")},
        {59, QStringLiteral("IPv6-NoNxt")}, {60, QStringLiteral("IPv6-Opts")}, {112, QStringLiteral("VRRP")},
        {113, QStringLiteral("PGM")},      {115, QStringLiteral("L2TP")},
    };
    return names.value(protocol, QString::number(protocol));
}

bool isDynamicKeywords(const QString& definitionId)
{
    return childSuffix(definitionId) == QLatin1String("remoteaddressdynamickeywords");
}

QString dynamicKeywordText(const QString& id)
{
    return tr("Reusable group %1 (not captured)").arg(id);
}

FirewallRecord recordFromChildren(const QJsonArray& children)
{
    FirewallRecord r;
    QStringList app;
    for (const QJsonValue& c : children) {
        const QJsonObject instance = c.toObject();
        const QString id = instance.value(QLatin1String("settingDefinitionId")).toString();
        const QString child = childSuffix(id);
        const QString type = instanceType(instance);
        if (type == QLatin1String("deviceManagementConfigurationChoiceSettingInstance")) {
            const QString item = instance.value(QLatin1String("choiceSettingValue")).toObject()
                                     .value(QLatin1String("value")).toString();
            const QString label = shortLabel(id, item).value_or(optionSuffix(id, item));
            if (child == QLatin1String("enabled"))
                r.enabled = label;
            else if (child == QLatin1String("direction"))
                r.direction = label;
            else if (child == QLatin1String("action_type") || child == QLatin1String("action"))
                r.action = label;
        } else if (type == QLatin1String("deviceManagementConfigurationChoiceSettingCollectionInstance")) {
            QStringList labels;
            for (const QJsonValue& v : instance.value(QLatin1String("choiceSettingCollectionValue")).toArray()) {
                const QString item = v.toObject().value(QLatin1String("value")).toString();
                const QString label = shortLabel(id, item).value_or(optionSuffix(id, item));
                if (!labels.contains(label))   // mbb and mobilebroadband read the same
                    labels.append(label);
            }
            if (child == QLatin1String("profiles"))
                r.profiles = labels;
            else if (child == QLatin1String("interfacetypes"))
                r.interfaces = labels;
        } else if (type == QLatin1String("deviceManagementConfigurationSimpleSettingInstance")) {
            const QJsonValue value = instance.value(QLatin1String("simpleSettingValue")).toObject().value(QLatin1String("value"));
            if (child == QLatin1String("protocol")) {
                bool ok = value.isDouble();
                const qint64 n = ok ? value.toInteger() : value.toString().toLongLong(&ok);
                r.protocol = ok ? protocolName(n) : value.toString();
            } else if (child == QLatin1String("name")) {
                r.name = value.toString();
            } else if (child == QLatin1String("description")) {
                r.description = value.toString();
            } else if (child == QLatin1String("app_filepath")) {
                app.append(value.toString());
            } else if (child == QLatin1String("app_servicename")) {
                app.append(tr("Service: %1").arg(value.toString()));
            } else if (child == QLatin1String("app_packagefamilyname")) {
                app.append(tr("Package: %1").arg(value.toString()));
            }
        } else if (type == QLatin1String("deviceManagementConfigurationSimpleSettingCollectionInstance")) {
            const QStringList values = stringValues(instance.value(QLatin1String("simpleSettingCollectionValue")).toArray());
            if (child == QLatin1String("localportranges"))
                r.localPorts = values;
            else if (child == QLatin1String("remoteportranges"))
                r.remotePorts = values;
            else if (child == QLatin1String("localaddressranges"))
                r.localAddresses = values;
            else if (child == QLatin1String("remoteaddressranges"))
                r.remoteAddresses = values;
            else if (child == QLatin1String("remoteaddressdynamickeywords"))
                r.dynamicKeywords = values;
        }
    }
    r.app = app.join(QLatin1String("; "));
    return r;
}

} // namespace pv::normalize::firewall
