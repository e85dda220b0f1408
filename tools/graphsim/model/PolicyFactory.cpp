// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "tools/graphsim/model/PolicyFactory.h"

#include "tools/graphsim/model/DefinitionCatalog.h"
#include "tools/graphsim/model/SimRandom.h"

#include <QJsonArray>

namespace graphsim {

namespace {
const QString kFirewallRulesTemplate = QStringLiteral("19c8aa67-f286-4861-9aa0-f23541d31680_1");
const QString kMdeCategory = QStringLiteral("577d5951-fc56-4906-90bc-2c508c6611ad");
}

PolicyFactory::PolicyFactory(const DefinitionCatalog& catalog, SimRandom& random)
    : m_catalog(catalog), m_random(random), m_settings(catalog, random)
{
    m_plainPool = plainPool();
    m_categories = computeCategories();
}

QStringList PolicyFactory::plainPool() const
{
    QStringList pool;
    for (const DefinitionInfo& def : m_catalog.all()) {
        // Rule collections have their own template; the MDE onboarding setting is template-only.
        if (!def.isRoot() || def.id.contains(QLatin1String("firewallrules_{firewallrulename}"))
            || def.categoryId == kMdeCategory)
            continue;
        pool << def.id;
    }
    return pool;
}

QStringList PolicyFactory::categoriesWithRoots() const
{
    return m_categories;
}

QStringList PolicyFactory::computeCategories() const
{
    QStringList ids;
    for (const QString& id : m_catalog.categoryIdsWithDefinitions()) {
        if (id != kMdeCategory && !m_catalog.rootsInCategory(id).isEmpty())
            ids << id;
    }
    return ids;
}

QStringList PolicyFactory::pickRoots(QStringList pool, int count)
{
    QStringList chosen;
    while (!pool.isEmpty() && chosen.size() < count)
        chosen << pool.takeAt(static_cast<qsizetype>(m_random.below(static_cast<quint64>(pool.size()))));
    std::sort(chosen.begin(), chosen.end());
    return chosen;
}

QJsonObject PolicyFactory::body(const QString& name, const QString& description, const QString& technologies,
                                const QString& templateId, const QJsonArray& settings)
{
    return QJsonObject{{QStringLiteral("name"), name},
                       {QStringLiteral("description"), description},
                       {QStringLiteral("platforms"), QStringLiteral("windows10")},
                       {QStringLiteral("technologies"), technologies},
                       {QStringLiteral("roleScopeTagIds"), QJsonArray{QStringLiteral("0")}},
                       {QStringLiteral("templateReference"), QJsonObject{{QStringLiteral("templateId"), templateId}}},
                       {QStringLiteral("settings"), settings}};
}

QJsonObject PolicyFactory::plain(const QString& name, const QString& description, const QStringList& rootIds, int maxGroupEntries)
{
    QJsonArray settings;
    for (const QString& id : rootIds) {
        if (const DefinitionInfo* def = m_catalog.find(id))
            settings.append(SettingFactory::settingItem(m_settings.instance(*def, nullptr, maxGroupEntries)));
    }
    return body(name, description, QStringLiteral("mdm"), QString(), settings);
}

QJsonObject PolicyFactory::plainFromCategories(const QString& name, const QStringList& categoryIds, int count, int maxGroupEntries)
{
    QStringList pool;
    for (const QString& category : categoryIds) {
        for (const DefinitionInfo* def : m_catalog.rootsInCategory(category)) {
            if (m_plainPool.contains(def->id))
                pool << def->id;
        }
    }
    return plain(name, QString(), pickRoots(pool, count), maxGroupEntries);
}

QJsonObject PolicyFactory::templated(const QString& name, const QString& description, const QString& templateId, int count,
                                     int maxGroupEntries)
{
    const TemplateInfo* tmpl = m_catalog.findTemplate(templateId);
    Q_ASSERT(tmpl);
    QJsonArray settings;
    for (const QString& id : pickRoots(tmpl->rootDefinitionIds, count))
        settings.append(SettingFactory::settingItem(m_settings.instance(*m_catalog.find(id), tmpl, maxGroupEntries)));
    return body(name, description, tmpl->technologies, tmpl->id, settings);
}

QList<FirewallRuleSpec> PolicyFactory::randomRules(int count)
{
    QList<FirewallRuleSpec> rules;
    for (int i = 0; i < count; ++i)
        rules << m_settings.randomRule(i);
    return rules;
}

QJsonObject PolicyFactory::firewallRules(const QString& name, const QString& description, const QList<FirewallRuleSpec>& rules)
{
    const TemplateInfo* tmpl = m_catalog.findTemplate(kFirewallRulesTemplate);
    QJsonArray settings{SettingFactory::settingItem(m_settings.firewallRules(rules, tmpl))};
    return body(name, description, tmpl->technologies, tmpl->id, settings);
}

} // namespace graphsim
