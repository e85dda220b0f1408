// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "tools/graphsim/model/GraphErrors.h"
#include "tools/graphsim/model/PolicyRoutes.h"

#include <QJsonArray>
#include <QUrlQuery>

namespace graphsim::routes {

namespace {

const QString kPolicyType = QStringLiteral("microsoft.graph.deviceManagementConfigurationPolicy");

QString policyPath(const QString& id)
{
    return QStringLiteral("deviceManagement/configurationPolicies('%1')").arg(id);
}

QJsonArray settingsWithDefinitions(const RouteContext& ctx, const QJsonArray& settings)
{
    QJsonArray out;
    for (const QJsonValue& value : settings) {
        QJsonObject item = value.toObject();
        item.insert(QStringLiteral("settingDefinitions"),
                    ctx.catalog.definitionsForInstance(item.value(QStringLiteral("settingInstance")).toObject()));
        out.append(item);
    }
    return out;
}

/// The first settings page of an expanded policy. A longer policy gets settings@odata.nextLink
/// in *json pointing at the /settings route, with the token that route issues for its own second
/// page, so following it yields the rest exactly once.
QJsonArray inlineSettingsPage(const RouteContext& ctx, const SimPolicy& policy, QJsonObject* json)
{
    const int pageSize = ctx.settingsPageSize;
    if (policy.settings.size() <= pageSize)
        return policy.settings;
    QJsonArray page;
    for (int i = 0; i < pageSize; ++i)
        page.append(policy.settings.at(i));
    // Sign for the plain /settings request the client will send: that route fingerprints the
    // path and query options of the link it receives, not the $expand request.
    SimRequest settingsRequest = ctx.request;
    settingsRequest.path = u'/' + policyPath(policy.id()) + QStringLiteral("/settings");
    settingsRequest.query = QUrlQuery();
    const QueryOptions none{};
    const QString token = ctx.signer.issue(pageSize, queryFingerprint(settingsRequest, none));
    json->insert(QStringLiteral("settings@odata.nextLink"), buildNextLink(settingsRequest, none, token));
    return page;
}

/// Adds the expanded navigations a policy read asked for.
QJsonObject expandPolicy(const RouteContext& ctx, const SimPolicy& policy, bool singleGet)
{
    QJsonObject json = policy.meta;
    const QString path = policyPath(policy.id());
    if (ctx.options.expands(QStringLiteral("settings"))) {
        json.insert(QStringLiteral("settings@odata.context"), ctx.metadata(path + QStringLiteral("/settings")));
        json.insert(QStringLiteral("settings"), inlineSettingsPage(ctx, policy, &json));
    }
    if (ctx.options.expands(QStringLiteral("assignments"))) {
        json.insert(QStringLiteral("assignments@odata.context"), ctx.metadata(path + QStringLiteral("/assignments")));
        const bool quirk = singleGet && ctx.quirks.emptyExpandedAssignmentsOnSingleGet;
        json.insert(QStringLiteral("assignments"), quirk ? QJsonArray() : policy.assignments);
    }
    return json;
}

QString expandContext(const RouteContext& ctx)
{
    QStringList parts;
    if (ctx.options.expands(QStringLiteral("settings")))
        parts << QStringLiteral("settings()");
    if (ctx.options.expands(QStringLiteral("assignments")))
        parts << QStringLiteral("assignments()");
    return parts.isEmpty() ? QString() : u'(' + parts.join(u',') + u')';
}

/// $expand may name only these navigation properties, $select only the policy's own
/// properties or these; anything else is Graph's 400 naming the property.
bool checkExpandAndSelect(const RouteContext& ctx, const QStringList& navigation, SimResponse* error)
{
    auto unknown = [error](const QString& name) {
        *error = errors::badRequest(QStringLiteral("Could not find a property named '%1' on type '%2'.").arg(name, kPolicyType));
        return false;
    };
    for (const QString& name : ctx.options.expand) {
        if (name != QLatin1String("*") && !navigation.contains(name, Qt::CaseInsensitive))
            return unknown(name);
    }
    const QStringList properties = policyPrototype().keys();
    for (const QString& name : ctx.options.select) {
        if (name != QLatin1String("*") && !properties.contains(name, Qt::CaseInsensitive)
            && !navigation.contains(name, Qt::CaseInsensitive))
            return unknown(name);
    }
    return true;
}

} // namespace

QJsonObject policyPrototype()
{
    return QJsonObject{
        {QStringLiteral("id"), QString()}, {QStringLiteral("name"), QString()},
        {QStringLiteral("description"), QString()}, {QStringLiteral("platforms"), QString()},
        {QStringLiteral("technologies"), QString()}, {QStringLiteral("createdDateTime"), QString()},
        {QStringLiteral("lastModifiedDateTime"), QString()}, {QStringLiteral("settingCount"), 0},
        {QStringLiteral("creationSource"), QString()}, {QStringLiteral("roleScopeTagIds"), QJsonArray()},
        {QStringLiteral("isAssigned"), false}, {QStringLiteral("priorityMetaData"), QJsonObject{{QStringLiteral("priority"), 0}}},
        {QStringLiteral("templateReference"),
         QJsonObject{{QStringLiteral("templateId"), QString()}, {QStringLiteral("templateFamily"), QString()},
                     {QStringLiteral("templateDisplayName"), QString()}, {QStringLiteral("templateDisplayVersion"), QString()}}},
    };
}

SimResponse listPolicies(RouteContext& ctx)
{
    SimResponse error;
    if (!checkExpandAndSelect(ctx, {QStringLiteral("settings"), QStringLiteral("assignments")}, &error))
        return error;
    QList<QJsonObject> items;
    items.reserve(ctx.tenant.policies.size());
    for (const SimPolicy& policy : std::as_const(ctx.tenant.policies))
        items << policy.meta;
    ListSpec spec;
    spec.contextPath = QStringLiteral("deviceManagement/configurationPolicies") + expandContext(ctx);
    spec.prototype = policyPrototype();
    spec.entityType = kPolicyType;
    spec.defaultPageSize = ctx.policyPageSize;
    spec.maxPageSize = qMax(ctx.policyPageSize, 100);
    spec.countInPage = true;
    spec.annotations.insert(QStringLiteral("@microsoft.graph.tips"),
                            QStringLiteral("This request only returns a subset of the resource's properties. Your app will need to use $select to return non-default properties. To find out what other properties are available for this resource see https://learn.microsoft.com/graph/api/resources/deviceManagementConfigurationPolicy"));
    if (!ctx.options.expand.isEmpty()) {
        spec.decorate = [&ctx](const QJsonObject& meta) {
            const SimPolicy* policy = ctx.tenant.findPolicy(meta.value(QStringLiteral("id")).toString());
            return policy ? expandPolicy(ctx, *policy, false) : meta;
        };
    }
    return listResponse(ctx, items, spec);
}

SimResponse getPolicy(RouteContext& ctx, const QString& id)
{
    SimResponse error;
    if (!checkExpandAndSelect(ctx, {QStringLiteral("settings"), QStringLiteral("assignments")}, &error))
        return error;
    const SimPolicy* policy = ctx.tenant.findPolicy(id);
    if (!policy)
        return errors::notFound(QStringLiteral("DeviceManagementConfigurationPolicy with id '%1'").arg(id));
    return entityResponse(ctx, expandPolicy(ctx, *policy, true),
                          QStringLiteral("deviceManagement/configurationPolicies") + expandContext(ctx)
                              + QStringLiteral("/$entity"));
}

SimResponse listPolicySettings(RouteContext& ctx, const QString& id)
{
    const SimPolicy* policy = ctx.tenant.findPolicy(id);
    if (!policy)
        return errors::notFound(QStringLiteral("DeviceManagementConfigurationPolicy with id '%1'").arg(id));
    for (const QString& name : ctx.options.expand) {
        if (name.compare(QLatin1String("settingDefinitions"), Qt::CaseInsensitive) != 0)
            return errors::badRequest(QStringLiteral("Could not find a property named '%1' on type "
                                                     "'microsoft.graph.deviceManagementConfigurationSetting'.").arg(name));
    }
    const bool expand = ctx.options.expands(QStringLiteral("settingDefinitions"));
    QList<QJsonObject> items;
    for (const QJsonValue& v : policy->settings)
        items << v.toObject();
    ListSpec spec;
    spec.contextPath = policyPath(policy->id()) + QStringLiteral("/settings")
                       + (expand ? QStringLiteral("(settingDefinitions())") : QString());
    spec.prototype = QJsonObject{{QStringLiteral("id"), QString()}, {QStringLiteral("settingInstance"), QJsonObject{
                                     {QStringLiteral("settingDefinitionId"), QString()}, {QStringLiteral("@odata.type"), QString()}}}};
    spec.entityType = QStringLiteral("microsoft.graph.deviceManagementConfigurationSetting");
    spec.defaultPageSize = ctx.settingsPageSize;
    spec.maxPageSize = 1000;
    if (expand) {
        spec.decorate = [&ctx](const QJsonObject& item) {
            QJsonObject out = item;
            out.insert(QStringLiteral("settingDefinitions"),
                       ctx.catalog.definitionsForInstance(item.value(QStringLiteral("settingInstance")).toObject()));
            return out;
        };
    }
    return listResponse(ctx, items, spec);
}

SimResponse getPolicySetting(RouteContext& ctx, const QString& id, const QString& settingId)
{
    const SimPolicy* policy = ctx.tenant.findPolicy(id);
    if (!policy)
        return errors::notFound(QStringLiteral("DeviceManagementConfigurationPolicy with id '%1'").arg(id));
    for (const QJsonValue& v : policy->settings) {
        if (v.toObject().value(QStringLiteral("id")).toString() == settingId) {
            QJsonObject item = v.toObject();
            if (ctx.options.expands(QStringLiteral("settingDefinitions")))
                item = settingsWithDefinitions(ctx, QJsonArray{item}).at(0).toObject();
            return entityResponse(ctx, item, policyPath(policy->id()) + QStringLiteral("/settings/$entity"));
        }
    }
    return errors::notFound(QStringLiteral("DeviceManagementConfigurationSetting with id '%1'").arg(settingId));
}

SimResponse listPolicyAssignments(RouteContext& ctx, const QString& id)
{
    const SimPolicy* policy = ctx.tenant.findPolicy(id);
    if (!policy)
        return errors::notFound(QStringLiteral("DeviceManagementConfigurationPolicy with id '%1'").arg(id));
    QList<QJsonObject> items;
    for (const QJsonValue& v : policy->assignments)
        items << v.toObject();
    ListSpec spec;
    spec.contextPath = policyPath(policy->id()) + QStringLiteral("/assignments");
    spec.prototype = QJsonObject{{QStringLiteral("id"), QString()}, {QStringLiteral("source"), QString()},
                                 {QStringLiteral("sourceId"), QString()},
                                 {QStringLiteral("target"), QJsonObject{{QStringLiteral("groupId"), QString()},
                                                                        {QStringLiteral("@odata.type"), QString()}}}};
    spec.entityType = QStringLiteral("microsoft.graph.deviceManagementConfigurationPolicyAssignment");
    return listResponse(ctx, items, spec);
}

SimResponse getPolicyAssignment(RouteContext& ctx, const QString& id, const QString& assignmentId)
{
    const SimPolicy* policy = ctx.tenant.findPolicy(id);
    if (!policy)
        return errors::notFound(QStringLiteral("DeviceManagementConfigurationPolicy with id '%1'").arg(id));
    for (const QJsonValue& v : policy->assignments) {
        if (v.toObject().value(QStringLiteral("id")).toString().compare(assignmentId, Qt::CaseInsensitive) == 0)
            return entityResponse(ctx, v.toObject(), policyPath(policy->id()) + QStringLiteral("/assignments/$entity"));
    }
    return errors::notFound(QStringLiteral("DeviceManagementConfigurationPolicyAssignment with id '%1'").arg(assignmentId));
}

} // namespace graphsim::routes
