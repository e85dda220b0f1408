// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "tools/graphsim/model/GraphErrors.h"
#include "tools/graphsim/model/PolicyRoutes.h"
#include "tools/graphsim/model/SettingsValidator.h"

#include <QJsonArray>
#include <QSet>

namespace graphsim::routes {

namespace {

const QString kPolicyType = QStringLiteral("microsoft.graph.deviceManagementConfigurationPolicy");
const QString kAllDevices = QStringLiteral("adadadad-808e-44e2-905a-0b7873a8a531");
const QString kAllUsers = QStringLiteral("acacacac-9df4-4c7d-9d50-4ef0226f57a9");

const QStringList& platformValues()
{
    static const QStringList values = {
        QStringLiteral("none"), QStringLiteral("android"), QStringLiteral("iOS"), QStringLiteral("macOS"),
        QStringLiteral("windows10X"), QStringLiteral("windows10"), QStringLiteral("linux"),
        QStringLiteral("unknownFutureValue"), QStringLiteral("androidEnterprise"), QStringLiteral("aosp"),
        QStringLiteral("visionOS"), QStringLiteral("tvOS")};
    return values;
}

const QStringList& technologyValues()
{
    static const QStringList values = {
        QStringLiteral("none"), QStringLiteral("mdm"), QStringLiteral("windows10XManagement"),
        QStringLiteral("configManager"), QStringLiteral("appleRemoteManagement"), QStringLiteral("microsoftSense"),
        QStringLiteral("exchangeOnline"), QStringLiteral("mobileApplicationManagement"), QStringLiteral("linuxMdm"),
        QStringLiteral("extensibility"), QStringLiteral("enrollment"), QStringLiteral("endpointPrivilegeManagement"),
        QStringLiteral("unknownFutureValue"), QStringLiteral("windowsOsRecovery"), QStringLiteral("android")};
    return values;
}

/// Canonical spelling of each comma-joined enum member, or empty when one is unknown.
QString canonicalFlags(const QString& text, const QStringList& allowed)
{
    QStringList out;
    for (const QString& part : text.split(u',', Qt::SkipEmptyParts)) {
        qsizetype found = -1;
        for (qsizetype j = 0; j < allowed.size(); ++j) {
            if (allowed.at(j).compare(part.trimmed(), Qt::CaseInsensitive) == 0)
                found = j;
        }
        if (found < 0)
            return {};
        out << allowed.at(found);
    }
    return out.join(u',');
}

bool knownProperty(const QString& key)
{
    static const QSet<QString> keys = {
        QStringLiteral("id"), QStringLiteral("name"), QStringLiteral("description"), QStringLiteral("platforms"),
        QStringLiteral("technologies"), QStringLiteral("createdDateTime"), QStringLiteral("lastModifiedDateTime"),
        QStringLiteral("settingCount"), QStringLiteral("creationSource"), QStringLiteral("roleScopeTagIds"),
        QStringLiteral("isAssigned"), QStringLiteral("templateReference"), QStringLiteral("priorityMetaData"),
        QStringLiteral("settings"), QStringLiteral("assignments"), QStringLiteral("disableEntraGroupPolicyAssignment")};
    return keys.contains(key) || key.startsWith(u'@') || key.contains(QLatin1String("@odata."));
}

/// Validates the metadata of a create/PUT/PATCH body into *meta. full: create/PUT rules.
bool applyMetadata(RouteContext& ctx, const QJsonObject& body, bool full, QJsonObject* meta,
                   const TemplateInfo** tmpl, SimResponse* error)
{
    for (auto it = body.begin(); it != body.end(); ++it) {
        if (!knownProperty(it.key())) {
            *error = errors::badRequest(QStringLiteral("The property '%1' does not exist on type '%2'. Make sure to only use "
                                                       "property names that are defined by the type or mark the type as open type.")
                                            .arg(it.key(), kPolicyType));
            return false;
        }
    }
    if (full || body.contains(QStringLiteral("name"))) {
        const QJsonValue name = body.value(QStringLiteral("name"));
        if (!name.isString() || name.toString().trimmed().isEmpty()) {
            *error = errors::intuneBadRequest(QStringLiteral("The policy name is required."));
            return false;
        }
        meta->insert(QStringLiteral("name"), name.toString());
    }
    if (body.contains(QStringLiteral("description")) || full)
        meta->insert(QStringLiteral("description"), body.value(QStringLiteral("description")).toString());
    struct Flag { QString key; const QStringList& allowed; };
    for (const Flag& flag : {Flag{QStringLiteral("platforms"), platformValues()},
                             Flag{QStringLiteral("technologies"), technologyValues()}}) {
        if (!full && !body.contains(flag.key))
            continue;
        const QString canonical = canonicalFlags(body.value(flag.key).toString(), flag.allowed);
        if (canonical.isEmpty()) {
            *error = errors::badRequest(QStringLiteral("Cannot convert the literal '%1' to the expected type for '%2'.")
                                            .arg(body.value(flag.key).toString(), flag.key));
            return false;
        }
        meta->insert(flag.key, canonical);
    }
    if (body.contains(QStringLiteral("roleScopeTagIds")) || full) {
        QJsonArray tags = body.value(QStringLiteral("roleScopeTagIds")).toArray();
        if (tags.isEmpty())
            tags = QJsonArray{QStringLiteral("0")};
        for (const QJsonValue& tag : tags) {
            bool known = false;
            for (const QJsonValue& existing : std::as_const(ctx.tenant.roleScopeTags))
                known = known || existing.toObject().value(QStringLiteral("id")).toString() == tag.toString();
            if (!known) {
                *error = errors::intuneBadRequest(QStringLiteral("Role scope tag '%1' does not exist.").arg(tag.toString()));
                return false;
            }
        }
        meta->insert(QStringLiteral("roleScopeTagIds"), tags);
    }
    if (body.contains(QStringLiteral("creationSource")) || full)
        meta->insert(QStringLiteral("creationSource"), body.value(QStringLiteral("creationSource")).isString()
                                                            ? body.value(QStringLiteral("creationSource"))
                                                            : QJsonValue(QJsonValue::Null));
    if (body.contains(QStringLiteral("priorityMetaData")) || full)
        meta->insert(QStringLiteral("priorityMetaData"), body.value(QStringLiteral("priorityMetaData")).isObject()
                                                              ? body.value(QStringLiteral("priorityMetaData"))
                                                              : QJsonValue(QJsonValue::Null));
    if (full) {
        const QString templateId = body.value(QStringLiteral("templateReference")).toObject()
                                       .value(QStringLiteral("templateId")).toString();
        *tmpl = nullptr;
        QJsonObject ref{{QStringLiteral("templateId"), QString()}, {QStringLiteral("templateFamily"), QStringLiteral("none")},
                        {QStringLiteral("templateDisplayName"), QJsonValue::Null},
                        {QStringLiteral("templateDisplayVersion"), QJsonValue::Null}};
        if (!templateId.isEmpty()) {
            *tmpl = ctx.catalog.findTemplate(templateId);
            if (!*tmpl) {
                *error = errors::intuneBadRequest(QStringLiteral("Template with id '%1' was not found.").arg(templateId));
                return false;
            }
            ref = QJsonObject{{QStringLiteral("templateId"), (*tmpl)->id},
                              {QStringLiteral("templateFamily"), (*tmpl)->family},
                              {QStringLiteral("templateDisplayName"), (*tmpl)->displayName},
                              {QStringLiteral("templateDisplayVersion"), (*tmpl)->displayVersion}};
        }
        meta->insert(QStringLiteral("templateReference"), ref);
    }
    return true;
}

/// A template that is no longer "active" (GRAPH_NOTES §2: "If a template version is retired,
/// or its lifecycleState is not active, import may fail" [O]). graphsim's choice: no new
/// policy from any template that is not active; an existing policy can still be replaced
/// (PUT) until its template is retired — the portal keeps deprecated profiles editable.
bool checkTemplateLifecycle(const RouteContext& ctx, const TemplateInfo* tmpl, bool create, SimResponse* error)
{
    if (!tmpl)
        return true;
    const QString state = ctx.tenant.templateState(tmpl->id);
    if (state == QLatin1String("active"))
        return true;
    if (create) {
        *error = errors::intuneBadRequest(QStringLiteral("Template '%1' has lifecycleState '%2': new policies cannot be "
                                                         "created from it.").arg(tmpl->id, state));
        return false;
    }
    if (state == QLatin1String("retired")) {
        *error = errors::intuneBadRequest(QStringLiteral("Template '%1' is retired: policies created from it can no "
                                                         "longer be changed.").arg(tmpl->id));
        return false;
    }
    return true;
}

/// The validator issues secret tokens as it goes; a write that is then rejected must leave
/// the tenant as it was (a rejected write changes nothing, not even the token store).
class SecretsCheckpoint
{
public:
    explicit SecretsCheckpoint(SimTenant& tenant)
        : m_tenant(tenant), m_secrets(tenant.secrets), m_settings(tenant.secretSettings), m_counter(tenant.secretCounter)
    {
    }
    void rollback()
    {
        m_tenant.secrets = m_secrets;
        m_tenant.secretSettings = m_settings;
        m_tenant.secretCounter = m_counter;
    }

private:
    SimTenant& m_tenant;
    QMap<QString, QString> m_secrets;
    QMap<QString, QString> m_settings;
    quint64 m_counter;
};

QString policyNotFound(const QString& id)
{
    return QStringLiteral("DeviceManagementConfigurationPolicy with id '%1'").arg(id);
}

} // namespace

SimResponse createPolicy(RouteContext& ctx)
{
    QJsonObject body;
    SimResponse error;
    if (!ctx.bodyObject(&body, &error))
        return error;
    QJsonObject meta;
    const TemplateInfo* tmpl = nullptr;
    if (!applyMetadata(ctx, body, true, &meta, &tmpl, &error))
        return error;
    if (!checkTemplateLifecycle(ctx, tmpl, true, &error))
        return error;
    QJsonArray settings;
    QString message;
    SecretsCheckpoint checkpoint(ctx.tenant);
    SettingsValidator validator(ctx.catalog, ctx.tenant, tmpl);
    if (!validator.validate(body.value(QStringLiteral("settings")), &settings, &message)) {
        checkpoint.rollback();
        return errors::intuneBadRequest(message);
    }
    const QString now = ctx.now();
    meta.insert(QStringLiteral("id"), ctx.tenant.nextObjectId(QStringLiteral("configurationPolicy")));
    meta.insert(QStringLiteral("createdDateTime"), now);
    meta.insert(QStringLiteral("lastModifiedDateTime"), now);
    meta.insert(QStringLiteral("settingCount"), settings.size());
    meta.insert(QStringLiteral("isAssigned"), false);
    ctx.tenant.policies.append(SimPolicy{meta, settings, {}});
    ctx.tenant.reindex();
    meta.insert(QStringLiteral("@odata.context"), ctx.metadata(QStringLiteral("deviceManagement/configurationPolicies/$entity")));
    return SimResponse::json(201, meta);
}

SimResponse replacePolicy(RouteContext& ctx, const QString& id)
{
    SimPolicy* policy = ctx.tenant.findPolicy(id);
    if (!policy)
        return errors::notFound(policyNotFound(id));
    QJsonObject body;
    SimResponse error;
    if (!ctx.bodyObject(&body, &error))
        return error;
    if (!body.contains(QStringLiteral("templateReference")))
        body.insert(QStringLiteral("templateReference"), policy->meta.value(QStringLiteral("templateReference")));
    QJsonObject meta = policy->meta;
    const TemplateInfo* tmpl = nullptr;
    if (!applyMetadata(ctx, body, true, &meta, &tmpl, &error))
        return error;
    const QString oldTemplate = policy->meta.value(QStringLiteral("templateReference")).toObject()
                                    .value(QStringLiteral("templateId")).toString();
    if (meta.value(QStringLiteral("templateReference")).toObject().value(QStringLiteral("templateId")).toString()
            .compare(oldTemplate, Qt::CaseInsensitive) != 0)
        return errors::intuneBadRequest(QStringLiteral("The template of a policy cannot be changed."));
    if (!checkTemplateLifecycle(ctx, tmpl, false, &error))
        return error;
    QJsonArray settings;
    QString message;
    SecretsCheckpoint checkpoint(ctx.tenant);
    SettingsValidator validator(ctx.catalog, ctx.tenant, tmpl);
    if (!validator.validate(body.value(QStringLiteral("settings")), &settings, &message)) {
        checkpoint.rollback();
        return errors::intuneBadRequest(message);
    }
    meta.insert(QStringLiteral("settingCount"), settings.size());
    meta.insert(QStringLiteral("lastModifiedDateTime"), ctx.now());
    policy->meta = meta;
    policy->settings = settings;
    return SimResponse::noContent();
}

SimResponse patchPolicy(RouteContext& ctx, const QString& id)
{
    SimPolicy* policy = ctx.tenant.findPolicy(id);
    if (!policy)
        return errors::notFound(policyNotFound(id));
    QJsonObject body;
    SimResponse error;
    if (!ctx.bodyObject(&body, &error))
        return error;
    for (auto it = body.begin(); it != body.end(); ++it) {
        if (it.key().compare(QLatin1String("settings"), Qt::CaseInsensitive) == 0
            || it.key().compare(QLatin1String("assignments"), Qt::CaseInsensitive) == 0)
            return errors::badRequest(QStringLiteral("Cannot PATCH navigation property '%1' on type '%2'. Use PUT to replace "
                                                     "the settings of a policy.").arg(it.key(), kPolicyType));
    }
    QJsonObject meta = policy->meta;
    const TemplateInfo* tmpl = nullptr;
    if (!applyMetadata(ctx, body, false, &meta, &tmpl, &error))
        return error;
    meta.insert(QStringLiteral("lastModifiedDateTime"), ctx.now());
    policy->meta = meta;
    meta.insert(QStringLiteral("@odata.context"), ctx.metadata(QStringLiteral("deviceManagement/configurationPolicies/$entity")));
    return SimResponse::json(200, meta);
}

SimResponse deletePolicy(RouteContext& ctx, const QString& id)
{
    if (!ctx.tenant.removePolicy(id))
        return errors::notFound(policyNotFound(id));
    return SimResponse::noContent();
}

bool buildAssignments(const SimTenant& tenant, const QString& policyId, const QJsonValue& input,
                      QJsonArray* assignments, QString* error)
{
    if (!input.isArray()) {
        *error = QStringLiteral("The body must contain an 'assignments' collection.");
        return false;
    }
    auto exists = [](const QJsonArray& list, const QString& id) {
        for (const QJsonValue& v : list) {
            if (v.toObject().value(QStringLiteral("id")).toString().compare(id, Qt::CaseInsensitive) == 0)
                return true;
        }
        return false;
    };
    QSet<QString> seen;
    QJsonArray out;
    for (const QJsonValue& value : input.toArray()) {
        const QJsonObject target = value.toObject().value(QStringLiteral("target")).toObject();
        const QString type = target.value(QStringLiteral("@odata.type")).toString();
        const QString shortType = type.mid(type.lastIndexOf(u'.') + 1);
        QJsonObject t{{QStringLiteral("@odata.type"), QString(QStringLiteral("#microsoft.graph.") + shortType)}};
        QString key;
        if (shortType == QLatin1String("groupAssignmentTarget") || shortType == QLatin1String("exclusionGroupAssignmentTarget")) {
            key = target.value(QStringLiteral("groupId")).toString();
            if (!exists(tenant.groups, key)) {
                *error = QStringLiteral("Group '%1' does not exist in this tenant.").arg(key);
                return false;
            }
            t.insert(QStringLiteral("groupId"), key);
        } else if (shortType == QLatin1String("allDevicesAssignmentTarget")) {
            key = kAllDevices;
        } else if (shortType == QLatin1String("allLicensedUsersAssignmentTarget")) {
            key = kAllUsers;
        } else if (shortType == QLatin1String("configurationManagerCollectionAssignmentTarget")) {
            key = target.value(QStringLiteral("collectionId")).toString();
            t.insert(QStringLiteral("collectionId"), key);
        } else {
            *error = QStringLiteral("Assignment target type '%1' is not supported.").arg(type);
            return false;
        }
        const QJsonValue filterId = target.value(QStringLiteral("deviceAndAppManagementAssignmentFilterId"));
        QString filterType = target.value(QStringLiteral("deviceAndAppManagementAssignmentFilterType")).toString();
        if (filterType.isEmpty())
            filterType = QStringLiteral("none");
        if (!QStringList{QStringLiteral("none"), QStringLiteral("include"), QStringLiteral("exclude")}.contains(filterType)) {
            *error = QStringLiteral("Assignment filter type '%1' is not valid.").arg(filterType);
            return false;
        }
        if (filterId.isString() && !filterId.toString().isEmpty()) {
            if (!exists(tenant.assignmentFilters, filterId.toString())) {
                *error = QStringLiteral("Assignment filter '%1' does not exist in this tenant.").arg(filterId.toString());
                return false;
            }
            t.insert(QStringLiteral("deviceAndAppManagementAssignmentFilterId"), filterId.toString());
        } else {
            t.insert(QStringLiteral("deviceAndAppManagementAssignmentFilterId"), QJsonValue::Null);
            filterType = QStringLiteral("none");
        }
        t.insert(QStringLiteral("deviceAndAppManagementAssignmentFilterType"), filterType);
        if (seen.contains(key.toLower())) {
            *error = QStringLiteral("The target '%1' is assigned more than once.").arg(key);
            return false;
        }
        seen.insert(key.toLower());
        out.append(QJsonObject{{QStringLiteral("id"), QString(policyId + u'_' + key)},
                               {QStringLiteral("source"), QStringLiteral("direct")},
                               {QStringLiteral("sourceId"), policyId},
                               {QStringLiteral("target"), t}});
    }
    *assignments = out;
    return true;
}

SimResponse assignPolicy(RouteContext& ctx, const QString& id)
{
    SimPolicy* policy = ctx.tenant.findPolicy(id);
    if (!policy)
        return errors::notFound(policyNotFound(id));
    QJsonObject body;
    SimResponse error;
    if (!ctx.bodyObject(&body, &error))
        return error;
    QJsonArray assignments;
    QString message;
    if (!buildAssignments(ctx.tenant, policy->id(), body.value(QStringLiteral("assignments")), &assignments, &message))
        return errors::intuneBadRequest(message);
    policy->assignments = assignments;
    policy->meta.insert(QStringLiteral("isAssigned"), !assignments.isEmpty());
    return SimResponse::json(200, QJsonObject{
        {QStringLiteral("@odata.context"),
         ctx.metadata(QStringLiteral("Collection(microsoft.graph.deviceManagementConfigurationPolicyAssignment)"))},
        {QStringLiteral("value"), assignments}});
}

} // namespace graphsim::routes
