// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "tools/graphsim/model/CatalogRoutes.h"

#include "tools/graphsim/model/GraphErrors.h"

#include <QJsonArray>

namespace graphsim::routes {

namespace {

QList<QJsonObject> objects(const QJsonArray& array)
{
    QList<QJsonObject> list;
    list.reserve(array.size());
    for (const QJsonValue& v : array)
        list << v.toObject();
    return list;
}

const QJsonObject* findById(const QList<QJsonObject>& list, const QString& id)
{
    for (const QJsonObject& object : list) {
        if (object.value(QStringLiteral("id")).toString().compare(id, Qt::CaseInsensitive) == 0)
            return &object;
    }
    return nullptr;
}

SimResponse simpleList(RouteContext& ctx, const QList<QJsonObject>& items, const QString& contextPath,
                       const QString& entityType, int pageSize, const QJsonObject& prototype = {})
{
    ListSpec spec;
    spec.contextPath = contextPath;
    spec.prototype = prototype.isEmpty() && !items.isEmpty() ? items.first() : prototype;
    spec.entityType = entityType;
    spec.defaultPageSize = pageSize;
    spec.maxPageSize = qMax(pageSize, 1000);
    return listResponse(ctx, items, spec);
}

SimResponse simpleGet(RouteContext& ctx, const QList<QJsonObject>& items, const QString& id,
                      const QString& contextPath, const QString& what)
{
    if (const QJsonObject* object = findById(items, id))
        return entityResponse(ctx, *object, contextPath + QStringLiteral("/$entity"));
    return errors::notFound(QStringLiteral("%1 with id '%2'").arg(what, id));
}

QList<QJsonObject> definitionObjects(const DefinitionCatalog& catalog)
{
    QList<QJsonObject> list;
    for (const DefinitionInfo& def : catalog.all())
        list << def.json;
    return list;
}

/// The catalog's templates with this tenant's lifecycleState (see /_sim/retire-template).
QList<QJsonObject> templateObjects(const DefinitionCatalog& catalog, const SimTenant& tenant)
{
    QList<QJsonObject> list;
    for (const TemplateInfo& tmpl : catalog.templates()) {
        QJsonObject json = tmpl.toJson();
        json.insert(QStringLiteral("lifecycleState"), tenant.templateState(tmpl.id));
        list << json;
    }
    return list;
}

QJsonObject groupPrototype()
{
    return QJsonObject{{QStringLiteral("id"), QString()}, {QStringLiteral("displayName"), QString()},
                       {QStringLiteral("description"), QString()}, {QStringLiteral("mailNickname"), QString()},
                       {QStringLiteral("mailEnabled"), false}, {QStringLiteral("securityEnabled"), true},
                       {QStringLiteral("groupTypes"), QJsonArray()}, {QStringLiteral("createdDateTime"), QString()},
                       {QStringLiteral("membershipRule"), QString()}};
}

} // namespace

SimResponse listCategories(RouteContext& ctx)
{
    return simpleList(ctx, objects(ctx.catalog.categories()), QStringLiteral("deviceManagement/configurationCategories"),
                      QStringLiteral("microsoft.graph.deviceManagementConfigurationCategory"), 5000);
}

SimResponse getCategory(RouteContext& ctx, const QString& id)
{
    return simpleGet(ctx, objects(ctx.catalog.categories()), id, QStringLiteral("deviceManagement/configurationCategories"),
                     QStringLiteral("DeviceManagementConfigurationCategory"));
}

SimResponse listConfigurationSettings(RouteContext& ctx)
{
    return simpleList(ctx, definitionObjects(ctx.catalog), QStringLiteral("deviceManagement/configurationSettings"),
                      QStringLiteral("microsoft.graph.deviceManagementConfigurationSettingDefinition"), 1000,
                      ctx.catalog.all().isEmpty() ? QJsonObject() : ctx.catalog.all().first().json);
}

SimResponse getConfigurationSetting(RouteContext& ctx, const QString& id)
{
    if (const DefinitionInfo* def = ctx.catalog.find(id))
        return entityResponse(ctx, def->json, QStringLiteral("deviceManagement/configurationSettings/$entity"));
    return errors::notFound(QStringLiteral("DeviceManagementConfigurationSettingDefinition with id '%1'").arg(id));
}

SimResponse listTemplates(RouteContext& ctx)
{
    return simpleList(ctx, templateObjects(ctx.catalog, ctx.tenant), QStringLiteral("deviceManagement/configurationPolicyTemplates"),
                      QStringLiteral("microsoft.graph.deviceManagementConfigurationPolicyTemplate"), 1000);
}

SimResponse getTemplate(RouteContext& ctx, const QString& id)
{
    return simpleGet(ctx, templateObjects(ctx.catalog, ctx.tenant), id, QStringLiteral("deviceManagement/configurationPolicyTemplates"),
                     QStringLiteral("DeviceManagementConfigurationPolicyTemplate"));
}

SimResponse listSettingTemplates(RouteContext& ctx, const QString& templateId)
{
    const TemplateInfo* tmpl = ctx.catalog.findTemplate(templateId);
    if (!tmpl)
        return errors::notFound(QStringLiteral("DeviceManagementConfigurationPolicyTemplate with id '%1'").arg(templateId));
    const bool expand = ctx.options.expands(QStringLiteral("settingDefinitions"));
    const QList<QJsonObject> items = objects(ctx.catalog.settingTemplates(*tmpl, expand));
    return simpleList(ctx, items,
                      QStringLiteral("deviceManagement/configurationPolicyTemplates('%1')/settingTemplates").arg(tmpl->id)
                          + (expand ? QStringLiteral("(settingDefinitions())") : QString()),
                      QStringLiteral("microsoft.graph.deviceManagementConfigurationSettingTemplate"), 1000);
}

SimResponse listAssignmentFilters(RouteContext& ctx)
{
    return simpleList(ctx, objects(ctx.tenant.assignmentFilters), QStringLiteral("deviceManagement/assignmentFilters"),
                      QStringLiteral("microsoft.graph.deviceAndAppManagementAssignmentFilter"), 1000);
}

SimResponse getAssignmentFilter(RouteContext& ctx, const QString& id)
{
    return simpleGet(ctx, objects(ctx.tenant.assignmentFilters), id, QStringLiteral("deviceManagement/assignmentFilters"),
                     QStringLiteral("DeviceAndAppManagementAssignmentFilter"));
}

SimResponse listRoleScopeTags(RouteContext& ctx)
{
    return simpleList(ctx, objects(ctx.tenant.roleScopeTags), QStringLiteral("deviceManagement/roleScopeTags"),
                      QStringLiteral("microsoft.graph.roleScopeTag"), 1000);
}

SimResponse getRoleScopeTag(RouteContext& ctx, const QString& id)
{
    return simpleGet(ctx, objects(ctx.tenant.roleScopeTags), id, QStringLiteral("deviceManagement/roleScopeTags"),
                     QStringLiteral("RoleScopeTag"));
}

SimResponse listRoleScopeTagAssignments(RouteContext& ctx, const QString& tagId)
{
    const QList<QJsonObject> tags = objects(ctx.tenant.roleScopeTags);
    const QJsonObject* tag = findById(tags, tagId);
    if (!tag)
        return errors::notFound(QStringLiteral("RoleScopeTag with id '%1'").arg(tagId));
    const QString id = tag->value(QStringLiteral("id")).toString();
    const QJsonObject prototype{{QStringLiteral("id"), QString()}, {QStringLiteral("target"), QJsonObject()}};
    return simpleList(ctx, objects(ctx.tenant.roleScopeTagAssignments.value(id).toArray()),
                      QStringLiteral("deviceManagement/roleScopeTags('%1')/assignments").arg(id),
                      QStringLiteral("microsoft.graph.roleScopeTagAutoAssignment"), 1000, prototype);
}

SimResponse listGroups(RouteContext& ctx)
{
    return simpleList(ctx, objects(ctx.tenant.groups), QStringLiteral("groups"), QStringLiteral("microsoft.graph.group"),
                      100, groupPrototype());
}

SimResponse getGroup(RouteContext& ctx, const QString& id)
{
    const QList<QJsonObject> groups = objects(ctx.tenant.groups);
    if (const QJsonObject* group = findById(groups, id))
        return entityResponse(ctx, *group, QStringLiteral("groups/$entity"));
    // Directory objects answer in Graph's own (not Intune's) format.
    return graphError(404, QStringLiteral("Request_ResourceNotFound"),
                      QStringLiteral("Resource '%1' does not exist or one of its queried reference-property objects are not present.").arg(id));
}

} // namespace graphsim::routes
