// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "core/normalize/SettingRow.h"

#include <QJsonArray>

namespace pv::normalize {

QJsonObject FirewallRecord::toJson() const
{
    QJsonObject json{
        {QStringLiteral("name"), name},
        {QStringLiteral("enabled"), enabled},
        {QStringLiteral("direction"), direction},
        {QStringLiteral("action"), action},
        {QStringLiteral("protocol"), protocol},
        {QStringLiteral("localPorts"), QJsonArray::fromStringList(localPorts)},
        {QStringLiteral("remotePorts"), QJsonArray::fromStringList(remotePorts)},
        {QStringLiteral("localAddresses"), QJsonArray::fromStringList(localAddresses)},
        {QStringLiteral("remoteAddresses"), QJsonArray::fromStringList(remoteAddresses)},
        {QStringLiteral("app"), app},
        {QStringLiteral("profiles"), QJsonArray::fromStringList(profiles)},
        {QStringLiteral("interfaces"), QJsonArray::fromStringList(interfaces)},
    };
    if (!dynamicKeywords.isEmpty())
        json.insert(QStringLiteral("dynamicKeywords"), QJsonArray::fromStringList(dynamicKeywords));
    if (!description.isEmpty())
        json.insert(QStringLiteral("description"), description);
    return json;
}

QString FirewallRecord::summary() const
{
    QStringList parts;
    for (const QString& p : {action, direction})
        if (!p.isEmpty())
            parts.append(p);
    QString traffic = protocol;
    const QStringList& ports = direction == QLatin1String("Out") ? remotePorts : localPorts;
    if (!ports.isEmpty())
        traffic = (traffic.isEmpty() ? QString() : traffic + QLatin1Char(' ')) + ports.join(QLatin1Char(','));
    if (!traffic.isEmpty())
        parts.append(traffic);
    if (enabled == QLatin1String("Disabled"))
        parts.append(enabled);
    return parts.join(QStringLiteral(" · "));
}

QJsonObject SettingRow::toJson() const
{
    QJsonObject json{
        {QStringLiteral("rowKey"), rowKey},
        {QStringLiteral("parentRowKey"), parentRowKey},
        {QStringLiteral("category"), category},
        {QStringLiteral("setting"), setting},
        {QStringLiteral("value"), value},
        {QStringLiteral("depth"), depth},
        {QStringLiteral("definitionId"), definitionId},
    };
    if (record)
        json.insert(QStringLiteral("record"), record->toJson());
    return json;
}

} // namespace pv::normalize
