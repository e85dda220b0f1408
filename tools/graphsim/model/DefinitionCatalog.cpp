// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "tools/graphsim/model/DefinitionCatalog.h"

#include "tools/graphsim/model/SimRandom.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QSet>

#include <algorithm>

static void initGraphsimData()
{
    // The resources live in a static library: they must be registered explicitly, once.
    static const bool registered = [] {
        Q_INIT_RESOURCE(graphsim_data);
        return true;
    }();
    Q_UNUSED(registered)
}

namespace graphsim {

namespace {

const QString kTypePrefix = QStringLiteral("#microsoft.graph.deviceManagementConfiguration");

bool readJson(const QString& path, QJsonDocument* doc, QString* error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("cannot open %1").arg(path);
        return false;
    }
    QJsonParseError parseError;
    *doc = QJsonDocument::fromJson(file.readAll(), &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        *error = QStringLiteral("%1: %2").arg(path, parseError.errorString());
        return false;
    }
    return true;
}

bool kindFromType(const QString& type, DefinitionKind* kind)
{
    static const QList<QPair<QString, DefinitionKind>> kinds = {
        {QStringLiteral("ChoiceSettingDefinition"), DefinitionKind::Choice},
        {QStringLiteral("ChoiceSettingCollectionDefinition"), DefinitionKind::ChoiceCollection},
        {QStringLiteral("SimpleSettingDefinition"), DefinitionKind::Simple},
        {QStringLiteral("SimpleSettingCollectionDefinition"), DefinitionKind::SimpleCollection},
        {QStringLiteral("SettingGroupCollectionDefinition"), DefinitionKind::GroupCollection},
        {QStringLiteral("SettingGroupDefinition"), DefinitionKind::Group},
    };
    for (const auto& [suffix, k] : kinds) {
        if (type == kTypePrefix + suffix) {
            *kind = k;
            return true;
        }
    }
    return false;
}

QStringList dependedOnByIds(const QJsonValue& list)
{
    QStringList ids;
    for (const QJsonValue& entry : list.toArray())
        ids << entry.toObject().value(QStringLiteral("dependedOnBy")).toString();
    return ids;
}

const QString kFirewallRulesId = QStringLiteral("vendor_msft_firewall_mdmstore_firewallrules_{firewallrulename}");

/// Fields GRAPH_NOTES 1.4 documents but the trimmed upstream export lacks, derived only from data
/// graphsim already has (data/README.md, "Derived definition fields"); never overrides a field
/// a definition file carries.
void addDerivedFields(const DefinitionInfo& def, QJsonObject* json)
{
    const QString valueDefinition = QStringLiteral("valueDefinition");
    if ((def.kind == DefinitionKind::Simple || def.kind == DefinitionKind::SimpleCollection)
        && !json->contains(valueDefinition)) {
        // [I] the value kind of value-kinds.json; only what it states (no lengths, no format).
        if (def.valueKind == ValueKind::Integer)
            json->insert(valueDefinition,
                         QJsonObject{{QStringLiteral("@odata.type"), QString(kTypePrefix + QStringLiteral("IntegerSettingValueDefinition"))},
                                     {QStringLiteral("minimumValue"), def.minValue},
                                     {QStringLiteral("maximumValue"), def.maxValue}});
        else
            json->insert(valueDefinition,
                         QJsonObject{{QStringLiteral("@odata.type"), QString(kTypePrefix + QStringLiteral("StringSettingValueDefinition"))},
                                     {QStringLiteral("isSecret"), def.valueKind == ValueKind::Secret}});
    }
    // A group's children are the definition's own dependedOnBy entries.
    if ((def.kind == DefinitionKind::GroupCollection || def.kind == DefinitionKind::Group)
        && !json->contains(QStringLiteral("childIds")))
        json->insert(QStringLiteral("childIds"), QJsonArray::fromStringList(def.childIds));
    // GRAPH_NOTES 1.4: "the firewall rules allow at most 150 [O]". No minimumCount is documented.
    if (def.id == kFirewallRulesId && !json->contains(QStringLiteral("maximumCount")))
        json->insert(QStringLiteral("maximumCount"), 150);
}

} // namespace

const OptionInfo* DefinitionInfo::option(const QString& itemId) const
{
    for (const OptionInfo& candidate : options) {
        if (candidate.itemId == itemId)
            return &candidate;
    }
    return nullptr;
}

QJsonObject TemplateInfo::toJson() const
{
    const qsizetype underscore = id.lastIndexOf(u'_');
    return QJsonObject{
        {QStringLiteral("id"), id},
        {QStringLiteral("baseId"), id.left(underscore)},
        {QStringLiteral("version"), id.mid(underscore + 1).toInt()},
        {QStringLiteral("displayName"), displayName},
        {QStringLiteral("description"), QString()},
        {QStringLiteral("displayVersion"), displayVersion},
        {QStringLiteral("lifecycleState"), QStringLiteral("active")},
        {QStringLiteral("platforms"), QStringLiteral("windows10")},
        {QStringLiteral("technologies"), technologies},
        {QStringLiteral("templateFamily"), family},
        {QStringLiteral("allowUnmanagedSettings"), false},
        {QStringLiteral("settingTemplateCount"), rootDefinitionIds.size()},
    };
}

DefinitionCatalog::DefinitionCatalog()
{
    initGraphsimData();
}

bool DefinitionCatalog::load(QString* error)
{
    QString localError;
    QString* err = error ? error : &localError;
    QJsonDocument categories;
    if (!readJson(QStringLiteral(":/graphsim/data/configurationCategories.json"), &categories, err))
        return false;
    m_categories = categories.array();
    return loadDefinitions(err) && loadTemplates(err);
}

bool DefinitionCatalog::loadDefinitions(QString* error)
{
    QJsonDocument kindsDoc;
    if (!readJson(QStringLiteral(":/graphsim/data/value-kinds.json"), &kindsDoc, error))
        return false;
    const QJsonObject integers = kindsDoc.object().value(QStringLiteral("integer")).toObject();
    QSet<QString> secrets;
    for (const QJsonValue& id : kindsDoc.object().value(QStringLiteral("secret")).toArray())
        secrets.insert(id.toString());

    QDir dir(QStringLiteral(":/graphsim/data/definitions"));
    QStringList files = dir.entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name);
    for (const QString& fileName : files) {
        QJsonDocument doc;
        if (!readJson(dir.filePath(fileName), &doc, error))
            return false;
        for (const QJsonValue& value : doc.array()) {
            const QJsonObject json = value.toObject();
            DefinitionInfo def;
            if (!kindFromType(json.value(QStringLiteral("@odata.type")).toString(), &def.kind))
                continue;   // redirect definitions and the like: not generated, not accepted
            def.id = json.value(QStringLiteral("id")).toString();
            if (m_index.contains(def.id.toLower()))
                continue;
            def.name = json.value(QStringLiteral("name")).toString();
            def.displayName = json.value(QStringLiteral("displayName")).toString();
            def.categoryId = json.value(QStringLiteral("categoryId")).toString();
            def.rootId = json.value(QStringLiteral("rootDefinitionId")).toString();
            def.defaultOptionId = json.value(QStringLiteral("defaultOptionId")).toString();
            def.childIds = dependedOnByIds(json.value(QStringLiteral("dependedOnBy")));
            for (const QJsonValue& opt : json.value(QStringLiteral("options")).toArray()) {
                const QJsonObject o = opt.toObject();
                def.options.append({o.value(QStringLiteral("itemId")).toString(),
                                    o.value(QStringLiteral("displayName")).toString(),
                                    dependedOnByIds(o.value(QStringLiteral("dependedOnBy")))});
            }
            if (integers.contains(def.id)) {
                const QJsonArray range = integers.value(def.id).toArray();
                def.valueKind = ValueKind::Integer;
                def.minValue = range.at(0).toInteger();
                def.maxValue = range.at(1).toInteger();
            } else if (secrets.contains(def.id)) {
                def.valueKind = ValueKind::Secret;
            }
            def.json = json;
            addDerivedFields(def, &def.json);
            m_index.insert(def.id.toLower(), m_definitions.size());
            m_definitions.append(def);
        }
    }
    std::sort(m_definitions.begin(), m_definitions.end(),
              [](const DefinitionInfo& a, const DefinitionInfo& b) { return a.id < b.id; });
    m_index.clear();
    QSet<QString> categoryIds;
    for (qsizetype i = 0; i < m_definitions.size(); ++i) {
        const DefinitionInfo& def = m_definitions.at(i);
        m_index.insert(def.id.toLower(), i);
        categoryIds.insert(def.categoryId);
        if (def.isRoot())
            m_rootsByCategory[def.categoryId.toLower()].append(&def);
    }
    m_categoryIds = QStringList(categoryIds.begin(), categoryIds.end());
    std::sort(m_categoryIds.begin(), m_categoryIds.end());
    return true;
}

bool DefinitionCatalog::loadTemplates(QString* error)
{
    QJsonDocument doc;
    if (!readJson(QStringLiteral(":/graphsim/data/templates.json"), &doc, error))
        return false;
    for (const QJsonValue& value : doc.object().value(QStringLiteral("templates")).toArray()) {
        const QJsonObject json = value.toObject();
        TemplateInfo tmpl;
        tmpl.id = json.value(QStringLiteral("id")).toString();
        tmpl.displayName = json.value(QStringLiteral("displayName")).toString();
        tmpl.displayVersion = json.value(QStringLiteral("displayVersion")).toString();
        tmpl.family = json.value(QStringLiteral("templateFamily")).toString();
        tmpl.technologies = json.value(QStringLiteral("technologies")).toString();
        for (const QJsonValue& id : json.value(QStringLiteral("rootDefinitionIds")).toArray())
            tmpl.rootDefinitionIds << id.toString();
        QSet<QString> excluded;
        for (const QJsonValue& id : json.value(QStringLiteral("excludeRootDefinitionIds")).toArray())
            excluded.insert(id.toString());
        for (const QJsonValue& category : json.value(QStringLiteral("rootCategoryIds")).toArray()) {
            for (const DefinitionInfo* def : rootsInCategory(category.toString())) {
                if (!excluded.contains(def->id))
                    tmpl.rootDefinitionIds << def->id;
            }
        }
        const QJsonObject observed = json.value(QStringLiteral("observedReferences")).toObject();
        for (const QString& rootId : std::as_const(tmpl.rootDefinitionIds)) {
            if (!find(rootId)) {
                *error = QStringLiteral("template %1 names unknown definition %2").arg(tmpl.id, rootId);
                return false;
            }
            for (const QString& defId : treeIds(rootId)) {
                const DefinitionInfo* def = find(defId);
                TemplateInfo::Ref ref;
                if (observed.contains(defId)) {
                    const QJsonArray pair = observed.value(defId).toArray();
                    ref = {pair.at(0).toString(), pair.at(1).toString(), true};
                } else {
                    const QString base = QStringLiteral("graphsim-synthetic-template|") + tmpl.id
                                         + u'|' + defId;
                    ref.instanceTemplateId = guidFromText(base + QStringLiteral("|instance"));
                    if (def->kind == DefinitionKind::Choice || def->kind == DefinitionKind::Simple)
                        ref.valueTemplateId = guidFromText(base + QStringLiteral("|value"));
                }
                tmpl.refs.insert(defId, ref);
            }
        }
        m_templates.append(tmpl);
    }
    return true;
}

const DefinitionInfo* DefinitionCatalog::find(const QString& id) const
{
    const auto it = m_index.constFind(id.toLower());
    return it == m_index.constEnd() ? nullptr : &m_definitions.at(*it);
}

QList<const DefinitionInfo*> DefinitionCatalog::rootsInCategory(const QString& categoryId) const
{
    return m_rootsByCategory.value(categoryId.toLower());
}

QStringList DefinitionCatalog::categoryIdsWithDefinitions() const
{
    return m_categoryIds;
}

const TemplateInfo* DefinitionCatalog::findTemplate(const QString& templateId) const
{
    for (const TemplateInfo& tmpl : m_templates) {
        if (tmpl.id.compare(templateId, Qt::CaseInsensitive) == 0)
            return &tmpl;
    }
    return nullptr;
}

QStringList DefinitionCatalog::treeIds(const QString& rootId) const
{
    QStringList ids;
    QStringList pending{rootId};
    QSet<QString> seen;
    while (!pending.isEmpty()) {
        const QString id = pending.takeFirst();
        const DefinitionInfo* def = find(id);
        if (!def || seen.contains(def->id))
            continue;
        seen.insert(def->id);
        ids << def->id;
        pending << def->childIds;
        for (const OptionInfo& option : def->options)
            pending << option.childIds;
    }
    return ids;
}

void DefinitionCatalog::collectInstanceIds(const QJsonObject& instance, QStringList* ids) const
{
    const QString id = instance.value(QStringLiteral("settingDefinitionId")).toString();
    if (!ids->contains(id))
        ids->append(id);
    auto walkChildren = [&](const QJsonValue& value) {
        for (const QJsonValue& child : value.toObject().value(QStringLiteral("children")).toArray())
            collectInstanceIds(child.toObject(), ids);
    };
    walkChildren(instance.value(QStringLiteral("choiceSettingValue")));
    walkChildren(instance.value(QStringLiteral("groupSettingValue")));
    for (const QJsonValue& v : instance.value(QStringLiteral("choiceSettingCollectionValue")).toArray())
        walkChildren(v);
    for (const QJsonValue& v : instance.value(QStringLiteral("groupSettingCollectionValue")).toArray())
        walkChildren(v);
}

QJsonArray DefinitionCatalog::definitionsForInstance(const QJsonObject& instance) const
{
    QStringList ids;
    collectInstanceIds(instance, &ids);
    QJsonArray definitions;
    for (const QString& id : std::as_const(ids)) {
        if (const DefinitionInfo* def = find(id))
            definitions.append(def->json);
    }
    return definitions;
}

QString DefinitionCatalog::instanceType(DefinitionKind kind)
{
    switch (kind) {
    case DefinitionKind::Choice: return kTypePrefix + QStringLiteral("ChoiceSettingInstance");
    case DefinitionKind::ChoiceCollection: return kTypePrefix + QStringLiteral("ChoiceSettingCollectionInstance");
    case DefinitionKind::Simple: return kTypePrefix + QStringLiteral("SimpleSettingInstance");
    case DefinitionKind::SimpleCollection: return kTypePrefix + QStringLiteral("SimpleSettingCollectionInstance");
    case DefinitionKind::GroupCollection: return kTypePrefix + QStringLiteral("GroupSettingCollectionInstance");
    case DefinitionKind::Group: return kTypePrefix + QStringLiteral("GroupSettingInstance");
    }
    return {};
}

QString DefinitionCatalog::valueType(ValueKind kind)
{
    switch (kind) {
    case ValueKind::String: return kTypePrefix + QStringLiteral("StringSettingValue");
    case ValueKind::Integer: return kTypePrefix + QStringLiteral("IntegerSettingValue");
    case ValueKind::Secret: return kTypePrefix + QStringLiteral("SecretSettingValue");
    }
    return {};
}

QJsonObject DefinitionCatalog::instanceTemplate(const TemplateInfo& tmpl, const DefinitionInfo& def) const
{
    const TemplateInfo::Ref ref = tmpl.refs.value(def.id);
    QString type = instanceType(def.kind);
    type.replace(QStringLiteral("Instance"), QStringLiteral("InstanceTemplate"));
    QJsonObject json{{QStringLiteral("@odata.type"), type},
                     {QStringLiteral("settingInstanceTemplateId"), ref.instanceTemplateId},
                     {QStringLiteral("settingDefinitionId"), def.id},
                     {QStringLiteral("isRequired"), false}};
    if (!ref.valueTemplateId.isEmpty()) {
        const QString valueKey = def.kind == DefinitionKind::Choice ? QStringLiteral("choiceSettingValueTemplate")
                                                                    : QStringLiteral("simpleSettingValueTemplate");
        json.insert(valueKey, QJsonObject{{QStringLiteral("settingValueTemplateId"), ref.valueTemplateId},
                                          {QStringLiteral("defaultValue"), QJsonValue::Null}});
    }
    QStringList childIds = def.childIds;
    for (const OptionInfo& option : def.options)
        childIds << option.childIds;
    QJsonArray children;
    for (const QString& childId : std::as_const(childIds)) {
        if (const DefinitionInfo* child = find(childId))
            children.append(instanceTemplate(tmpl, *child));
    }
    if (!children.isEmpty())
        json.insert(QStringLiteral("childInstanceTemplates"), children);
    return json;
}

QJsonArray DefinitionCatalog::settingTemplates(const TemplateInfo& tmpl, bool expand) const
{
    QJsonArray list;
    int index = 0;
    for (const QString& rootId : tmpl.rootDefinitionIds) {
        const DefinitionInfo* def = find(rootId);
        QJsonObject item{{QStringLiteral("id"), QString::number(index++)},
                         {QStringLiteral("settingInstanceTemplate"), instanceTemplate(tmpl, *def)}};
        if (expand) {
            QJsonArray definitions;
            for (const QString& id : treeIds(rootId))
                definitions.append(find(id)->json);
            item.insert(QStringLiteral("settingDefinitions"), definitions);
        }
        list.append(item);
    }
    return list;
}

} // namespace graphsim
