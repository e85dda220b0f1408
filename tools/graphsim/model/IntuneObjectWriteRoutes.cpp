// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
// POST/PATCH/DELETE of assignment filters and role scope tags. A restore recreates them before
// the policies that reference them. GRAPH_NOTES is silent on their validation; the choices
// (required fields, unique names, what cannot change) are listed in graphsim's README.
#include "tools/graphsim/model/CatalogRoutes.h"
#include "tools/graphsim/model/GraphErrors.h"

#include <QJsonArray>
#include <QSet>

namespace graphsim::routes {

namespace {

const QString kFilterType = QStringLiteral("microsoft.graph.deviceAndAppManagementAssignmentFilter");
const QString kTagType = QStringLiteral("microsoft.graph.roleScopeTag");

const QStringList& filterPlatforms()
{
    // devicePlatformType [D, beta deviceAndAppManagementAssignmentFilter]
    static const QStringList values = {
        QStringLiteral("android"), QStringLiteral("androidForWork"), QStringLiteral("iOS"), QStringLiteral("macOS"),
        QStringLiteral("windowsPhone81"), QStringLiteral("windows81AndLater"), QStringLiteral("windows10AndLater"),
        QStringLiteral("androidWorkProfile"), QStringLiteral("unknown"), QStringLiteral("androidAOSP"),
        QStringLiteral("androidMobileApplicationManagement"), QStringLiteral("iOSMobileApplicationManagement"),
        QStringLiteral("unknownFutureValue"), QStringLiteral("windowsMobileApplicationManagement")};
    return values;
}

bool isAnnotation(const QString& key)
{
    return key.startsWith(u'@') || key.contains(QLatin1String("@odata."));
}

/// Graph's OData 400 for a property the type does not have.
bool checkProperties(const QJsonObject& body, const QSet<QString>& known, const QString& type, SimResponse* error)
{
    for (auto it = body.begin(); it != body.end(); ++it) {
        if (!known.contains(it.key()) && !isAnnotation(it.key())) {
            *error = errors::badRequest(QStringLiteral("The property '%1' does not exist on type '%2'. Make sure to only use "
                                                       "property names that are defined by the type or mark the type as open type.")
                                            .arg(it.key(), type));
            return false;
        }
    }
    return true;
}

qsizetype indexById(const QJsonArray& array, const QString& id)
{
    for (qsizetype i = 0; i < array.size(); ++i) {
        if (array.at(i).toObject().value(QStringLiteral("id")).toString().compare(id, Qt::CaseInsensitive) == 0)
            return i;
    }
    return -1;
}

/// Names are unique per collection, compared case-insensitively (another object than exceptId).
bool nameTaken(const QJsonArray& array, const QString& name, const QString& exceptId)
{
    for (const QJsonValue& value : array) {
        const QJsonObject object = value.toObject();
        if (object.value(QStringLiteral("id")).toString() != exceptId
            && object.value(QStringLiteral("displayName")).toString().compare(name.trimmed(), Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

bool requiredText(const QJsonObject& body, const QString& key, const QString& what, SimResponse* error)
{
    const QJsonValue value = body.value(key);
    if (!value.isString() || value.toString().trimmed().isEmpty()) {
        *error = errors::intuneBadRequest(QStringLiteral("%1 is required.").arg(what));
        return false;
    }
    return true;
}

/// Validates a filter body into *filter (create: full rules, PATCH: the members present).
bool applyFilter(RouteContext& ctx, const QJsonObject& body, bool create, QJsonObject* filter, SimResponse* error)
{
    static const QSet<QString> known = {
        QStringLiteral("id"), QStringLiteral("createdDateTime"), QStringLiteral("lastModifiedDateTime"),
        QStringLiteral("displayName"), QStringLiteral("description"), QStringLiteral("platform"), QStringLiteral("rule"),
        QStringLiteral("roleScopeTags"), QStringLiteral("payloads"), QStringLiteral("assignmentFilterManagementType")};
    if (!checkProperties(body, known, kFilterType, error))
        return false;
    const QString id = filter->value(QStringLiteral("id")).toString();
    if (create || body.contains(QStringLiteral("displayName"))) {
        if (!requiredText(body, QStringLiteral("displayName"), QStringLiteral("The filter name"), error))
            return false;
        const QString name = body.value(QStringLiteral("displayName")).toString();
        if (nameTaken(ctx.tenant.assignmentFilters, name, id)) {
            *error = errors::intuneBadRequest(QStringLiteral("An assignment filter named '%1' already exists.").arg(name));
            return false;
        }
        filter->insert(QStringLiteral("displayName"), name);
    }
    if (create || body.contains(QStringLiteral("description")))
        filter->insert(QStringLiteral("description"), body.value(QStringLiteral("description")).toString());
    if (create || body.contains(QStringLiteral("platform"))) {
        const QString platform = body.value(QStringLiteral("platform")).toString();
        const qsizetype found = filterPlatforms().indexOf(platform);
        if (platform.isEmpty() && create) {
            *error = errors::intuneBadRequest(QStringLiteral("The filter platform is required."));
            return false;
        }
        if (found < 0) {
            *error = errors::badRequest(QStringLiteral("Cannot convert the literal '%1' to the expected type for 'platform'.")
                                            .arg(platform));
            return false;
        }
        if (!create && filter->value(QStringLiteral("platform")).toString() != platform) {
            *error = errors::intuneBadRequest(QStringLiteral("The platform of an assignment filter cannot be changed."));
            return false;
        }
        filter->insert(QStringLiteral("platform"), platform);
    }
    if (create || body.contains(QStringLiteral("rule"))) {
        if (!requiredText(body, QStringLiteral("rule"), QStringLiteral("The filter rule"), error))
            return false;
        filter->insert(QStringLiteral("rule"), body.value(QStringLiteral("rule")).toString());
    }
    if (create || body.contains(QStringLiteral("roleScopeTags"))) {
        QJsonArray tags = body.value(QStringLiteral("roleScopeTags")).toArray();
        if (tags.isEmpty())
            tags = QJsonArray{QStringLiteral("0")};
        for (const QJsonValue& tag : tags) {
            if (indexById(ctx.tenant.roleScopeTags, tag.toString()) < 0) {
                *error = errors::intuneBadRequest(QStringLiteral("Role scope tag '%1' does not exist.").arg(tag.toString()));
                return false;
            }
        }
        filter->insert(QStringLiteral("roleScopeTags"), tags);
    }
    if (create || body.contains(QStringLiteral("assignmentFilterManagementType"))) {
        QString type = body.value(QStringLiteral("assignmentFilterManagementType")).toString();
        if (type.isEmpty())
            type = QStringLiteral("devices");
        if (type != QLatin1String("devices") && type != QLatin1String("apps")) {
            *error = errors::badRequest(QStringLiteral("Cannot convert the literal '%1' to the expected type for "
                                                       "'assignmentFilterManagementType'.").arg(type));
            return false;
        }
        filter->insert(QStringLiteral("assignmentFilterManagementType"), type);
    }
    if (create)
        filter->insert(QStringLiteral("payloads"), QJsonArray());
    return true;
}

bool filterInUse(const SimTenant& tenant, const QString& filterId)
{
    for (const SimPolicy& policy : tenant.policies) {
        for (const QJsonValue& a : policy.assignments) {
            if (a.toObject().value(QStringLiteral("target")).toObject()
                    .value(QStringLiteral("deviceAndAppManagementAssignmentFilterId")).toString()
                    .compare(filterId, Qt::CaseInsensitive) == 0)
                return true;
        }
    }
    return false;
}

QString filterNotFound(const QString& id)
{
    return QStringLiteral("DeviceAndAppManagementAssignmentFilter with id '%1'").arg(id);
}

QString tagNotFound(const QString& id)
{
    return QStringLiteral("RoleScopeTag with id '%1'").arg(id);
}

bool applyTag(RouteContext& ctx, const QJsonObject& body, bool create, QJsonObject* tag, SimResponse* error)
{
    static const QSet<QString> known = {QStringLiteral("id"), QStringLiteral("displayName"), QStringLiteral("description"),
                                        QStringLiteral("isBuiltIn"), QStringLiteral("assignments")};
    if (!checkProperties(body, known, kTagType, error))
        return false;
    if (create || body.contains(QStringLiteral("displayName"))) {
        if (!requiredText(body, QStringLiteral("displayName"), QStringLiteral("The scope tag name"), error))
            return false;
        const QString name = body.value(QStringLiteral("displayName")).toString();
        if (nameTaken(ctx.tenant.roleScopeTags, name, tag->value(QStringLiteral("id")).toString())) {
            *error = errors::intuneBadRequest(QStringLiteral("A scope tag named '%1' already exists.").arg(name));
            return false;
        }
        tag->insert(QStringLiteral("displayName"), name);
    }
    if (create || body.contains(QStringLiteral("description")))
        tag->insert(QStringLiteral("description"), body.value(QStringLiteral("description")).toString());
    return true;
}

} // namespace

SimResponse createAssignmentFilter(RouteContext& ctx)
{
    QJsonObject body;
    SimResponse error;
    if (!ctx.bodyObject(&body, &error))
        return error;
    QJsonObject filter;
    if (!applyFilter(ctx, body, true, &filter, &error))
        return error;
    const QString now = ctx.now();
    filter.insert(QStringLiteral("id"), ctx.tenant.nextObjectId(QStringLiteral("assignmentFilter")));
    filter.insert(QStringLiteral("createdDateTime"), now);
    filter.insert(QStringLiteral("lastModifiedDateTime"), now);
    ctx.tenant.assignmentFilters.append(filter);
    filter.insert(QStringLiteral("@odata.context"), ctx.metadata(QStringLiteral("deviceManagement/assignmentFilters/$entity")));
    return SimResponse::json(201, filter);
}

SimResponse patchAssignmentFilter(RouteContext& ctx, const QString& id)
{
    const qsizetype index = indexById(ctx.tenant.assignmentFilters, id);
    if (index < 0)
        return errors::notFound(filterNotFound(id));
    QJsonObject body;
    SimResponse error;
    if (!ctx.bodyObject(&body, &error))
        return error;
    QJsonObject filter = ctx.tenant.assignmentFilters.at(index).toObject();
    if (!applyFilter(ctx, body, false, &filter, &error))
        return error;
    filter.insert(QStringLiteral("lastModifiedDateTime"), ctx.now());
    ctx.tenant.assignmentFilters.replace(index, filter);
    filter.insert(QStringLiteral("@odata.context"), ctx.metadata(QStringLiteral("deviceManagement/assignmentFilters/$entity")));
    return SimResponse::json(200, filter);
}

SimResponse deleteAssignmentFilter(RouteContext& ctx, const QString& id)
{
    const qsizetype index = indexById(ctx.tenant.assignmentFilters, id);
    if (index < 0)
        return errors::notFound(filterNotFound(id));
    if (filterInUse(ctx.tenant, id))
        return errors::intuneBadRequest(QStringLiteral("The assignment filter '%1' is in use and cannot be deleted.").arg(id));
    ctx.tenant.assignmentFilters.removeAt(index);
    return SimResponse::noContent();
}

SimResponse createRoleScopeTag(RouteContext& ctx)
{
    QJsonObject body;
    SimResponse error;
    if (!ctx.bodyObject(&body, &error))
        return error;
    QJsonObject tag;
    if (!applyTag(ctx, body, true, &tag, &error))
        return error;
    // Intune's scope tag ids are small integers; a new tag gets the next one.
    int next = 0;
    for (const QJsonValue& value : std::as_const(ctx.tenant.roleScopeTags))
        next = qMax(next, value.toObject().value(QStringLiteral("id")).toString().toInt() + 1);
    tag.insert(QStringLiteral("id"), QString::number(next));
    tag.insert(QStringLiteral("isBuiltIn"), false);
    ctx.tenant.roleScopeTags.append(tag);
    tag.insert(QStringLiteral("@odata.context"), ctx.metadata(QStringLiteral("deviceManagement/roleScopeTags/$entity")));
    return SimResponse::json(201, tag);
}

SimResponse patchRoleScopeTag(RouteContext& ctx, const QString& id)
{
    const qsizetype index = indexById(ctx.tenant.roleScopeTags, id);
    if (index < 0)
        return errors::notFound(tagNotFound(id));
    QJsonObject tag = ctx.tenant.roleScopeTags.at(index).toObject();
    if (tag.value(QStringLiteral("isBuiltIn")).toBool())
        return errors::intuneBadRequest(QStringLiteral("The built-in scope tag cannot be modified."));
    QJsonObject body;
    SimResponse error;
    if (!ctx.bodyObject(&body, &error))
        return error;
    if (!applyTag(ctx, body, false, &tag, &error))
        return error;
    ctx.tenant.roleScopeTags.replace(index, tag);
    tag.insert(QStringLiteral("@odata.context"), ctx.metadata(QStringLiteral("deviceManagement/roleScopeTags/$entity")));
    return SimResponse::json(200, tag);
}

SimResponse deleteRoleScopeTag(RouteContext& ctx, const QString& id)
{
    const qsizetype index = indexById(ctx.tenant.roleScopeTags, id);
    if (index < 0)
        return errors::notFound(tagNotFound(id));
    const QJsonObject tag = ctx.tenant.roleScopeTags.at(index).toObject();
    if (tag.value(QStringLiteral("isBuiltIn")).toBool())
        return errors::intuneBadRequest(QStringLiteral("The built-in scope tag cannot be deleted."));
    const QString tagId = tag.value(QStringLiteral("id")).toString();
    for (const SimPolicy& policy : std::as_const(ctx.tenant.policies)) {
        if (policy.meta.value(QStringLiteral("roleScopeTagIds")).toArray().contains(QJsonValue(tagId)))
            return errors::intuneBadRequest(QStringLiteral("The scope tag '%1' is in use and cannot be deleted.").arg(tagId));
    }
    ctx.tenant.roleScopeTags.removeAt(index);
    ctx.tenant.roleScopeTagAssignments.remove(tagId);
    return SimResponse::noContent();
}

} // namespace graphsim::routes
