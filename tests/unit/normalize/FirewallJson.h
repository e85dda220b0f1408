// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
// Builders for firewall-rule setting instances in Graph's read form.
#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace pv::test::fw {

inline const QString Root = QStringLiteral("vendor_msft_firewall_mdmstore_firewallrules_{firewallrulename}");
inline QString type(const char* name) { return QStringLiteral("#microsoft.graph.deviceManagementConfiguration") + QLatin1String(name); }

inline QJsonObject choice(const QString& id, const QString& option)
{
    return {{QStringLiteral("@odata.type"), type("ChoiceSettingInstance")}, {QStringLiteral("settingDefinitionId"), id},
            {QStringLiteral("choiceSettingValue"), QJsonObject{{QStringLiteral("value"), QString(id + u'_' + option)},
                                                               {QStringLiteral("children"), QJsonArray{}}}}};
}
inline QJsonObject choices(const QString& id, const QStringList& options)
{
    QJsonArray values;
    for (const QString& o : options)
        values.append(QJsonObject{{QStringLiteral("value"), QString(id + u'_' + o)}, {QStringLiteral("children"), QJsonArray{}}});
    return {{QStringLiteral("@odata.type"), type("ChoiceSettingCollectionInstance")}, {QStringLiteral("settingDefinitionId"), id},
            {QStringLiteral("choiceSettingCollectionValue"), values}};
}
inline QJsonObject simple(const QString& id, const QJsonValue& value)
{
    return {{QStringLiteral("@odata.type"), type("SimpleSettingInstance")}, {QStringLiteral("settingDefinitionId"), id},
            {QStringLiteral("simpleSettingValue"),
             QJsonObject{{QStringLiteral("@odata.type"), value.isDouble() ? type("IntegerSettingValue") : type("StringSettingValue")},
                         {QStringLiteral("value"), value}}}};
}
inline QJsonObject strings(const QString& id, const QStringList& values)
{
    QJsonArray list;
    for (const QString& v : values)
        list.append(QJsonObject{{QStringLiteral("@odata.type"), type("StringSettingValue")}, {QStringLiteral("value"), v}});
    return {{QStringLiteral("@odata.type"), type("SimpleSettingCollectionInstance")}, {QStringLiteral("settingDefinitionId"), id},
            {QStringLiteral("simpleSettingCollectionValue"), list}};
}

/// One rule's GroupSettingValue.
inline QJsonObject rule(const QString& name, const QString& direction, const QString& action, int protocol,
                        const QStringList& profiles, const QStringList& interfaces, const QStringList& ports)
{
    QJsonArray children{simple(Root + QLatin1String("_name"), name), choice(Root + QLatin1String("_enabled"), QStringLiteral("1")),
                        choice(Root + QLatin1String("_direction"), direction), choice(Root + QLatin1String("_action_type"), action),
                        choices(Root + QLatin1String("_profiles"), profiles), choices(Root + QLatin1String("_interfacetypes"), interfaces),
                        simple(Root + QLatin1String("_protocol"), protocol)};
    if (!ports.isEmpty())
        children.append(strings(Root + QLatin1String("_localportranges"), ports));
    return {{QStringLiteral("children"), children}};
}

inline QJsonObject rules(const QJsonArray& records)
{
    return {{QStringLiteral("@odata.type"), type("GroupSettingCollectionInstance")}, {QStringLiteral("settingDefinitionId"), Root},
            {QStringLiteral("groupSettingCollectionValue"), records}};
}

} // namespace pv::test::fw
