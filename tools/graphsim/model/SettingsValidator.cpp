// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "tools/graphsim/model/SettingsValidator.h"

#include "tools/graphsim/model/DefinitionCatalog.h"
#include "tools/graphsim/model/SimTenant.h"

namespace graphsim {

namespace {

const QString kPrefix = QStringLiteral("#microsoft.graph.deviceManagementConfiguration");

QString typeOf(const QJsonObject& object)
{
    return object.value(QStringLiteral("@odata.type")).toString();
}

bool sameType(const QString& given, const QString& expected)
{
    // OData accepts the type name with or without the leading '#'.
    QString g = given;
    if (!g.startsWith(u'#'))
        g.prepend(u'#');
    return g.compare(expected, Qt::CaseInsensitive) == 0;
}

QString shortType(const QString& type)
{
    return type.mid(type.lastIndexOf(u'.') + 1);
}

} // namespace

SettingsValidator::SettingsValidator(const DefinitionCatalog& catalog, SimTenant& tenant, const TemplateInfo* tmpl)
    : m_catalog(catalog), m_tenant(tenant), m_template(tmpl)
{
}

bool SettingsValidator::fail(const QString& message)
{
    if (m_error.isEmpty())
        m_error = message;
    return false;
}

bool SettingsValidator::validate(const QJsonValue& settings, QJsonArray* stored, QString* error)
{
    m_error.clear();
    QJsonArray out;
    bool ok = true;
    if (!settings.isUndefined() && !settings.isNull() && !settings.isArray())
        ok = fail(QStringLiteral("The property 'settings' must be a collection."));
    const QJsonArray list = settings.toArray();
    for (qsizetype i = 0; ok && i < list.size(); ++i) {
        if (!list.at(i).isObject()) {
            ok = fail(QStringLiteral("settings[%1] is not an object.").arg(i));
            break;
        }
        const QJsonObject item = list.at(i).toObject();
        const QJsonValue instanceValue = item.value(QStringLiteral("settingInstance"));
        if (!instanceValue.isObject()) {
            ok = fail(QStringLiteral("settings[%1] has no settingInstance.").arg(i));
            break;
        }
        QJsonObject instanceOut;
        ok = instance(instanceValue.toObject(), nullptr, &instanceOut);
        out.append(QJsonObject{{QStringLiteral("id"), QString::number(i)},
                               {QStringLiteral("settingInstance"), instanceOut}});
    }
    if (!ok) {
        *error = m_error;
        return false;
    }
    *stored = out;
    return true;
}

bool SettingsValidator::instance(const QJsonObject& in, const QStringList* allowed, QJsonObject* out)
{
    const QString defId = in.value(QStringLiteral("settingDefinitionId")).toString();
    const DefinitionInfo* def = m_catalog.find(defId);
    if (!def)
        return fail(QStringLiteral("Setting definition '%1' does not exist in the settings catalog.").arg(defId));
    if (allowed && !allowed->contains(def->id, Qt::CaseInsensitive))
        return fail(QStringLiteral("Setting '%1' is not a valid child here; allowed children: %2.")
                        .arg(def->id, allowed->join(QStringLiteral(", "))));
    if (!allowed && !def->isRoot())
        return fail(QStringLiteral("Setting '%1' is a child of '%2' and cannot be configured at the root.")
                        .arg(def->id, def->rootId));
    const QString expectedType = DefinitionCatalog::instanceType(def->kind);
    if (!sameType(typeOf(in), expectedType))
        return fail(QStringLiteral("Setting instance of type '%1' does not match definition '%2', which needs '%3'.")
                        .arg(typeOf(in), def->id, shortType(expectedType)));

    // Template references: null is always fine (rules 2..n of a firewall-rules policy carry
    // none); a given id must match the template's exactly, case included.
    QJsonValue instanceRef = QJsonValue::Null;
    const QJsonValue refIn = in.value(QStringLiteral("settingInstanceTemplateReference"));
    const QString given = refIn.toObject().value(QStringLiteral("settingInstanceTemplateId")).toString();
    if (!given.isEmpty()) {   // null, {} and an empty id all mean "no reference"
        if (!m_template)
            return fail(QStringLiteral("Setting '%1' references setting instance template '%2' but the policy has no template.")
                            .arg(def->id, given));
        const auto ref = m_template->refs.constFind(def->id);
        if (ref == m_template->refs.constEnd() || ref->instanceTemplateId != given)
            return fail(QStringLiteral("Setting instance template id '%1' is not valid for setting '%2' in template '%3'.")
                            .arg(given, def->id, m_template->id));
        instanceRef = QJsonObject{{QStringLiteral("@odata.type"),
                                   QStringLiteral("#microsoft.graph.deviceManagementConfigurationSettingInstanceTemplateReference")},
                                  {QStringLiteral("settingInstanceTemplateId"), given}};
    }

    QJsonObject result{{QStringLiteral("@odata.type"), expectedType},
                       {QStringLiteral("settingDefinitionId"), def->id},
                       {QStringLiteral("settingInstanceTemplateReference"), instanceRef},
                       {QStringLiteral("auditRuleInformation"), QJsonValue::Null}};
    switch (def->kind) {
    case DefinitionKind::Choice: {
        QJsonObject value;
        if (!choiceValue(*def, in.value(QStringLiteral("choiceSettingValue")), &value))
            return false;
        result.insert(QStringLiteral("choiceSettingValue"), value);
        break;
    }
    case DefinitionKind::ChoiceCollection: {
        const QJsonValue values = in.value(QStringLiteral("choiceSettingCollectionValue"));
        if (!values.isArray())
            return fail(QStringLiteral("Setting '%1' needs choiceSettingCollectionValue.").arg(def->id));
        QJsonArray list;
        for (const QJsonValue& v : values.toArray()) {
            QJsonObject value;
            if (!choiceValue(*def, v, &value))
                return false;
            list.append(value);
        }
        result.insert(QStringLiteral("choiceSettingCollectionValue"), list);
        break;
    }
    case DefinitionKind::Simple: {
        QJsonObject value;
        if (!simpleValue(*def, in.value(QStringLiteral("simpleSettingValue")), &value))
            return false;
        result.insert(QStringLiteral("simpleSettingValue"), value);
        break;
    }
    case DefinitionKind::SimpleCollection: {
        const QJsonValue values = in.value(QStringLiteral("simpleSettingCollectionValue"));
        if (!values.isArray())
            return fail(QStringLiteral("Setting '%1' needs simpleSettingCollectionValue.").arg(def->id));
        QJsonArray list;
        for (const QJsonValue& v : values.toArray()) {
            QJsonObject value;
            if (!simpleValue(*def, v, &value))
                return false;
            list.append(value);
        }
        result.insert(QStringLiteral("simpleSettingCollectionValue"), list);
        break;
    }
    case DefinitionKind::GroupCollection: {
        const QJsonValue values = in.value(QStringLiteral("groupSettingCollectionValue"));
        if (!values.isArray())
            return fail(QStringLiteral("Setting '%1' needs groupSettingCollectionValue.").arg(def->id));
        // Firewall rules: at most 150, and no two with the same name (GRAPH_NOTES 2.1).
        const bool firewallRules = def->id.endsWith(QLatin1String("firewallrules_{firewallrulename}"));
        if (firewallRules && values.toArray().size() > 150)
            return fail(QStringLiteral("Setting '%1' allows at most 150 rules; %2 were sent.").arg(def->id).arg(values.toArray().size()));
        QStringList ruleNames;
        QJsonArray list;
        for (const QJsonValue& v : values.toArray()) {
            QJsonArray kids;
            if (!children(v.toObject().value(QStringLiteral("children")), def->childIds, &kids))
                return false;
            for (const QJsonValue& kid : std::as_const(kids)) {
                const QJsonObject k = kid.toObject();
                if (!firewallRules || !k.value(QStringLiteral("settingDefinitionId")).toString().endsWith(QLatin1String("}_name")))
                    continue;
                const QString name = k.value(QStringLiteral("simpleSettingValue")).toObject().value(QStringLiteral("value")).toString();
                if (ruleNames.contains(name, Qt::CaseInsensitive))
                    return fail(QStringLiteral("Duplicate firewall rule name '%1'.").arg(name));
                ruleNames << name;
            }
            list.append(QJsonObject{{QStringLiteral("@odata.type"), QString(kPrefix + QStringLiteral("GroupSettingValue"))},
                                    {QStringLiteral("settingValueTemplateReference"), QJsonValue::Null},
                                    {QStringLiteral("children"), kids}});
        }
        result.insert(QStringLiteral("groupSettingCollectionValue"), list);
        break;
    }
    case DefinitionKind::Group: {
        const QJsonValue value = in.value(QStringLiteral("groupSettingValue"));
        if (!value.isObject())
            return fail(QStringLiteral("Setting '%1' needs groupSettingValue.").arg(def->id));
        QJsonArray kids;
        if (!children(value.toObject().value(QStringLiteral("children")), def->childIds, &kids))
            return false;
        result.insert(QStringLiteral("groupSettingValue"),
                      QJsonObject{{QStringLiteral("@odata.type"), QString(kPrefix + QStringLiteral("GroupSettingValue"))},
                                  {QStringLiteral("settingValueTemplateReference"), QJsonValue::Null},
                                  {QStringLiteral("children"), kids}});
        break;
    }
    }
    *out = result;
    return true;
}

bool SettingsValidator::valueTemplateRef(const DefinitionInfo& def, const QJsonValue& in, QJsonValue* out)
{
    *out = QJsonValue::Null;
    const QJsonObject ref = in.toObject();
    const QString given = ref.value(QStringLiteral("settingValueTemplateId")).toString();
    if (given.isEmpty())
        return true;
    const TemplateInfo::Ref* expected = nullptr;
    if (m_template) {
        const auto it = m_template->refs.constFind(def.id);
        if (it != m_template->refs.constEnd())
            expected = &*it;
    }
    if (!expected || expected->valueTemplateId.isEmpty() || expected->valueTemplateId != given)
        return fail(QStringLiteral("Setting value template id '%1' is not valid for setting '%2'.").arg(given, def.id));
    *out = QJsonObject{{QStringLiteral("@odata.type"),
                        QStringLiteral("#microsoft.graph.deviceManagementConfigurationSettingValueTemplateReference")},
                       {QStringLiteral("settingValueTemplateId"), given},
                       {QStringLiteral("useTemplateDefault"), ref.value(QStringLiteral("useTemplateDefault")).toBool()}};
    return true;
}

bool SettingsValidator::choiceValue(const DefinitionInfo& def, const QJsonValue& in, QJsonObject* out)
{
    if (!in.isObject())
        return fail(QStringLiteral("Setting '%1' needs a choice value.").arg(def.id));
    const QJsonObject value = in.toObject();
    const QString type = typeOf(value);
    if (!type.isEmpty() && !sameType(type, QString(kPrefix + QStringLiteral("ChoiceSettingValue"))))
        return fail(QStringLiteral("Value of type '%1' is not valid for choice setting '%2'.").arg(type, def.id));
    const QString itemId = value.value(QStringLiteral("value")).toString();
    const OptionInfo* option = def.option(itemId);
    if (!option)
        return fail(QStringLiteral("'%1' is not an option of setting '%2'.").arg(itemId, def.id));
    QJsonValue ref;
    if (!valueTemplateRef(def, value.value(QStringLiteral("settingValueTemplateReference")), &ref))
        return false;
    QJsonArray kids;
    if (!children(value.value(QStringLiteral("children")), option->childIds, &kids))
        return false;
    *out = QJsonObject{{QStringLiteral("@odata.type"), QString(kPrefix + QStringLiteral("ChoiceSettingValue"))},
                       {QStringLiteral("settingValueTemplateReference"), ref},
                       {QStringLiteral("value"), option->itemId},
                       {QStringLiteral("children"), kids}};
    return true;
}

bool SettingsValidator::simpleValue(const DefinitionInfo& def, const QJsonValue& in, QJsonObject* out)
{
    if (!in.isObject())
        return fail(QStringLiteral("Setting '%1' needs a simple value.").arg(def.id));
    const QJsonObject value = in.toObject();
    const QString expected = DefinitionCatalog::valueType(def.valueKind);
    if (!sameType(typeOf(value), expected))
        return fail(QStringLiteral("Value of type '%1' is not valid for setting '%2', which needs '%3'.")
                        .arg(typeOf(value), def.id, shortType(expected)));
    QJsonValue ref;
    if (!valueTemplateRef(def, value.value(QStringLiteral("settingValueTemplateReference")), &ref))
        return false;
    QJsonObject result{{QStringLiteral("@odata.type"), expected}, {QStringLiteral("settingValueTemplateReference"), ref}};
    const QJsonValue raw = value.value(QStringLiteral("value"));
    switch (def.valueKind) {
    case ValueKind::String:
        if (!raw.isString())
            return fail(QStringLiteral("Setting '%1' needs a string value.").arg(def.id));
        result.insert(QStringLiteral("value"), raw);
        break;
    case ValueKind::Integer: {
        // Graph emits a number but evidently accepts a quoted integer too.
        bool ok = false;
        qint64 number = 0;
        if (raw.isDouble()) {
            const double d = raw.toDouble();
            number = static_cast<qint64>(d);
            ok = static_cast<double>(number) == d;
        } else if (raw.isString()) {
            number = raw.toString().trimmed().toLongLong(&ok);
        }
        if (!ok)
            return fail(QStringLiteral("Setting '%1' needs an integer value.").arg(def.id));
        result.insert(QStringLiteral("value"), number);
        break;
    }
    case ValueKind::Secret: {
        const QString state = value.value(QStringLiteral("valueState")).toString();
        const QString text = raw.toString();
        if (state.compare(QStringLiteral("notEncrypted"), Qt::CaseInsensitive) == 0) {
            result.insert(QStringLiteral("value"), m_tenant.secretToken(text, def.id));
        } else if (state.compare(QStringLiteral("encryptedValueToken"), Qt::CaseInsensitive) == 0) {
            // Valid: issued by this tenant for this very setting and not invalidated since.
            const QString token = text.toLower();
            const QString boundTo = m_tenant.secretSettings.value(token);
            if (!m_tenant.secrets.contains(token) || (!boundTo.isEmpty() && boundTo != def.id))
                return fail(QStringLiteral("The encrypted value token for setting '%1' is not valid in this tenant.").arg(def.id));
            result.insert(QStringLiteral("value"), text.toLower());
        } else {
            return fail(QStringLiteral("Secret setting '%1' needs valueState notEncrypted or encryptedValueToken.").arg(def.id));
        }
        result.insert(QStringLiteral("valueState"), QStringLiteral("encryptedValueToken"));
        break;
    }
    }
    *out = result;
    return true;
}

bool SettingsValidator::children(const QJsonValue& in, const QStringList& allowed, QJsonArray* out)
{
    if (!in.isUndefined() && !in.isNull() && !in.isArray())
        return fail(QStringLiteral("'children' must be a collection."));
    for (const QJsonValue& child : in.toArray()) {
        QJsonObject childOut;
        if (!child.isObject() || !instance(child.toObject(), &allowed, &childOut))
            return fail(QStringLiteral("Invalid child setting instance."));
        out->append(childOut);
    }
    return true;
}

} // namespace graphsim
