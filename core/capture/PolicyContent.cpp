// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "core/capture/PolicyContent.h"

#include <QHash>
#include <QJsonArray>

namespace pv::capture::PolicyContent {

namespace {

const QString Prefix = QStringLiteral("#microsoft.graph.deviceManagementConfiguration");

// Instance type suffix → the property holding its value (GRAPH_NOTES §1.3).
const QHash<QString, QString>& instanceValueKeys()
{
    static const QHash<QString, QString> keys{
        {QStringLiteral("ChoiceSettingInstance"), QStringLiteral("choiceSettingValue")},
        {QStringLiteral("ChoiceSettingCollectionInstance"), QStringLiteral("choiceSettingCollectionValue")},
        {QStringLiteral("SimpleSettingInstance"), QStringLiteral("simpleSettingValue")},
        {QStringLiteral("SimpleSettingCollectionInstance"), QStringLiteral("simpleSettingCollectionValue")},
        {QStringLiteral("GroupSettingInstance"), QStringLiteral("groupSettingValue")},
        {QStringLiteral("GroupSettingCollectionInstance"), QStringLiteral("groupSettingCollectionValue")},
    };
    return keys;
}

const QSet<QString>& valueTypes()
{
    static const QSet<QString> types{
        QStringLiteral("ChoiceSettingValue"), QStringLiteral("GroupSettingValue"), QStringLiteral("StringSettingValue"),
        QStringLiteral("IntegerSettingValue"), QStringLiteral("SecretSettingValue"), QStringLiteral("ReferenceSettingValue"),
    };
    return types;
}

QString suffixOf(const QString& odataType)
{
    return odataType.startsWith(Prefix) ? odataType.mid(Prefix.size()) : QString();
}

class Walker
{
public:
    explicit Walker(References& refs) : m_refs(refs) {}

    Status instance(const QJsonObject& instance, const QString& where)
    {
        const QString type = instance.value(QStringLiteral("@odata.type")).toString();
        const QString valueKey = instanceValueKeys().value(suffixOf(type));
        if (valueKey.isEmpty())
            return unknown(type, where);
        const QString definition = instance.value(QStringLiteral("settingDefinitionId")).toString();
        if (definition.isEmpty())
            return fail(ErrorCode::Parse, QStringLiteral("%1 has no settingDefinitionId").arg(where));
        m_refs.definitions.insert(definition);
        const QString here = QStringLiteral("%1 (%2)").arg(where, definition);
        const QJsonValue value = instance.value(valueKey);
        if (value.isArray()) {
            for (const QJsonValue& v : value.toArray()) {
                if (Status s = settingValue(v, here); !s)
                    return s;
            }
            return {};
        }
        return settingValue(value, here);
    }

private:
    Status settingValue(const QJsonValue& value, const QString& where)
    {
        if (!value.isObject())
            return {};   // null values and plain collection items carry no children
        const QJsonObject object = value.toObject();
        const QString type = object.value(QStringLiteral("@odata.type")).toString();
        // Values inside collections may come without a type (minimal metadata); only a type
        // that is there and unknown is a problem.
        if (!type.isEmpty() && !valueTypes().contains(suffixOf(type)))
            return unknown(type, where);
        for (const QJsonValue& child : object.value(QStringLiteral("children")).toArray()) {
            if (Status s = instance(child.toObject(), where); !s)
                return s;
        }
        return {};
    }

    static Failure unknown(const QString& type, const QString& where)
    {
        return fail(ErrorCode::Parse,
                    QStringLiteral("%1 has the type \"%2\", which PolicyVault does not know; the policy was not captured "
                                   "so that no backup holds a setting it cannot restore")
                        .arg(where, type.isEmpty() ? QStringLiteral("(none)") : type));
    }

    References& m_refs;
};

} // namespace

QString typeKeyOf(const QJsonObject& configurationPolicy)
{
    const QString family = configurationPolicy.value(QStringLiteral("templateReference")).toObject()
                               .value(QStringLiteral("templateFamily")).toString();
    if (family.compare(QLatin1String("baseline"), Qt::CaseInsensitive) == 0)
        return QStringLiteral("securityBaseline");
    if (family.startsWith(QLatin1String("endpointSecurity"), Qt::CaseInsensitive))
        return QStringLiteral("endpointSecurity");
    return QStringLiteral("settingsCatalog");
}

QString displayNameOf(const QJsonObject& object)
{
    const QString name = object.value(QStringLiteral("name")).toString();
    return name.isEmpty() ? object.value(QStringLiteral("displayName")).toString() : name;
}

void References::unite(const References& other)
{
    definitions.unite(other.definitions);
    templates.unite(other.templates);
    groups.unite(other.groups);
    filters.unite(other.filters);
    scopeTags.unite(other.scopeTags);
}

Result<References> referencesOf(const QJsonObject& object)
{
    References refs;
    Walker walker(refs);
    const QJsonArray settings = object.value(QStringLiteral("settings")).toArray();
    for (qsizetype i = 0; i < settings.size(); ++i) {
        const QJsonObject setting = settings.at(i).toObject();
        const QString where = QStringLiteral("setting %1").arg(setting.value(QStringLiteral("id")).toString(QString::number(i)));
        if (Status s = walker.instance(setting.value(QStringLiteral("settingInstance")).toObject(), where); !s)
            return s.failure();
    }
    const QString templateId = object.value(QStringLiteral("templateReference")).toObject()
                                   .value(QStringLiteral("templateId")).toString();
    if (!templateId.isEmpty())
        refs.templates.insert(templateId);
    for (const QJsonValue& a : object.value(QStringLiteral("assignments")).toArray()) {
        const QJsonObject target = a.toObject().value(QStringLiteral("target")).toObject();
        const QString group = target.value(QStringLiteral("groupId")).toString();
        if (!group.isEmpty())
            refs.groups.insert(group);
        const QString filter = target.value(QStringLiteral("deviceAndAppManagementAssignmentFilterId")).toString();
        if (!filter.isEmpty() && filter != QLatin1String("00000000-0000-0000-0000-000000000000"))
            refs.filters.insert(filter);
    }
    for (const QJsonValue& tag : object.value(QStringLiteral("roleScopeTagIds")).toArray())
        refs.scopeTags.insert(tag.toString());
    return refs;
}

} // namespace pv::capture::PolicyContent
