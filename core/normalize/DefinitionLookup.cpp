// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "core/normalize/DefinitionLookup.h"

#include <QJsonValue>

namespace pv::normalize {

namespace {

SettingDefinition::Kind kindOf(const QString& odataType)
{
    using K = SettingDefinition::Kind;
    // Order matters: "…ChoiceSettingCollectionDefinition" also contains "ChoiceSetting".
    if (odataType.endsWith(QLatin1String("ChoiceSettingCollectionDefinition")))
        return K::ChoiceCollection;
    if (odataType.endsWith(QLatin1String("ChoiceSettingDefinition")))
        return K::Choice;
    if (odataType.endsWith(QLatin1String("SimpleSettingCollectionDefinition")))
        return K::SimpleCollection;
    if (odataType.endsWith(QLatin1String("SimpleSettingDefinition")))
        return K::Simple;
    if (odataType.endsWith(QLatin1String("SettingGroupCollectionDefinition")))
        return K::GroupCollection;
    if (odataType.endsWith(QLatin1String("SettingGroupDefinition")))
        return K::Group;
    return K::Other;
}

} // namespace

SettingDefinition SettingDefinition::fromJson(const QJsonObject& json)
{
    SettingDefinition d;
    d.id = json.value(QLatin1String("id")).toString();
    d.name = json.value(QLatin1String("name")).toString();
    d.displayName = json.value(QLatin1String("displayName")).toString().trimmed();
    d.description = json.value(QLatin1String("description")).toString();
    d.categoryId = json.value(QLatin1String("categoryId")).toString();
    d.kind = kindOf(json.value(QLatin1String("@odata.type")).toString());
    d.secret = json.value(QLatin1String("valueDefinition")).toObject().value(QLatin1String("isSecret")).toBool();
    for (const QJsonValue& o : json.value(QLatin1String("options")).toArray()) {
        const QJsonObject option = o.toObject();
        d.optionNames.insert(option.value(QLatin1String("itemId")).toString().toLower(),
                             option.value(QLatin1String("displayName")).toString().trimmed());
    }
    return d;
}

void DefinitionTable::addDefinition(const QJsonObject& json)
{
    SettingDefinition d = SettingDefinition::fromJson(json);
    if (!d.id.isEmpty())
        m_definitions.insert(d.id.toLower(), std::move(d));
}

void DefinitionTable::addCategory(const QJsonObject& json)
{
    const QString id = json.value(QLatin1String("id")).toString().toLower();
    if (id.isEmpty())
        return;
    m_categories.insert(id, json);
    m_paths.clear();
}

void DefinitionTable::addExpandedDefinitions(const QJsonArray& settings)
{
    for (const QJsonValue& s : settings) {
        for (const QJsonValue& d : s.toObject().value(QLatin1String("settingDefinitions")).toArray())
            addDefinition(d.toObject());
    }
}

void DefinitionTable::addCategories(const QJsonArray& categories)
{
    for (const QJsonValue& c : categories)
        addCategory(c.toObject());
}

const SettingDefinition* DefinitionTable::definition(const QString& id) const
{
    const auto found = m_definitions.constFind(id.toLower());
    return found == m_definitions.constEnd() ? nullptr : &found.value();
}

QString DefinitionTable::categoryPath(const QString& categoryId) const
{
    const QString key = categoryId.toLower();
    if (const auto cached = m_paths.constFind(key); cached != m_paths.constEnd())
        return cached.value();
    QStringList names;
    QString current = key;
    // A root names itself as its parent; the depth bound guards against a corrupt cycle.
    for (int guard = 0; guard < 32 && !current.isEmpty(); ++guard) {
        const auto found = m_categories.constFind(current);
        if (found == m_categories.constEnd())
            break;
        const QString name = found->value(QLatin1String("displayName")).toString().trimmed();
        names.prepend(name.isEmpty() ? found->value(QLatin1String("name")).toString() : name);
        const QString parent = found->value(QLatin1String("parentCategoryId")).toString().toLower();
        if (parent == current)
            break;
        current = parent;
    }
    const QString path = names.join(QLatin1String(" > "));
    m_paths.insert(key, path);
    return path;
}

} // namespace pv::normalize
