// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace graphsim {

class DefinitionCatalog;
class SimRandom;
struct DefinitionInfo;
struct TemplateInfo;

/// One firewall rule, in the values a Windows admin would type.
struct FirewallRuleSpec
{
    QString name;
    QString description;
    bool inbound = true;
    bool allow = true;
    int protocol = 6;                 ///< 6 TCP, 17 UDP, -1 any (not set)
    QStringList localPorts;
    QStringList remotePorts;
    QStringList remoteAddresses;
    QString appPath;
    QString serviceName;
    QStringList interfaceTypes;       ///< lan, wireless, remoteaccess, mobilebroadband, mbb, all
    QStringList profiles;             ///< 1, 2, 4, 2147483647
};

/// Builds setting instances in the form a client POSTs (input form), from real definitions
/// only, with plausible values. Template references are filled in when a template is given.
class SettingFactory
{
public:
    SettingFactory(const DefinitionCatalog& catalog, SimRandom& random);

    QJsonObject instance(const DefinitionInfo& def, const TemplateInfo* tmpl, int maxGroupEntries = 3);
    /// A choice instance with a given option (children generated).
    QJsonObject choice(const DefinitionInfo& def, const QString& itemId, const TemplateInfo* tmpl);
    /// {"@odata.type": "#…Setting", "settingInstance": instance}
    static QJsonObject settingItem(const QJsonObject& instance);
    /// The firewall-rules root instance for the given rules: the first rule carries template
    /// references, later ones null (GRAPH_NOTES 2.1).
    QJsonObject firewallRules(const QList<FirewallRuleSpec>& rules, const TemplateInfo* tmpl);
    /// A random but believable rule.
    FirewallRuleSpec randomRule(int index);
    /// Instances in a tree (root included).
    static int countInstances(const QJsonObject& instance);

private:
    QJsonObject choiceValue(const DefinitionInfo& def, const QString& itemId, const TemplateInfo* tmpl, bool refs);
    QJsonObject simpleValue(const DefinitionInfo& def, const TemplateInfo* tmpl, bool refs, int index);
    QJsonArray childInstances(const QStringList& childIds, const TemplateInfo* tmpl, int maxGroupEntries, bool all);
    QString stringValue(const DefinitionInfo& def, int index);
    QJsonObject instanceRef(const DefinitionInfo& def, const TemplateInfo* tmpl) const;
    QJsonValue valueRef(const DefinitionInfo& def, const TemplateInfo* tmpl) const;
    QJsonObject ruleChild(const QString& suffix, const TemplateInfo* tmpl, bool refs, const QJsonValue& value);

    const DefinitionCatalog& m_catalog;
    SimRandom& m_random;
};

} // namespace graphsim
