// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "tools/graphsim/model/Router.h"

#include "tools/graphsim/model/CatalogRoutes.h"
#include "tools/graphsim/model/GraphErrors.h"
#include "tools/graphsim/model/PolicyRoutes.h"

#include <QJsonDocument>
#include <QSet>

namespace graphsim {

namespace {

const QStringList kConfigRead = {QStringLiteral("DeviceManagementConfiguration.Read.All"),
                                 QStringLiteral("DeviceManagementConfiguration.ReadWrite.All")};
const QStringList kConfigWrite = {QStringLiteral("DeviceManagementConfiguration.ReadWrite.All")};
// Endpoint-security-templated configurationPolicies also accept these (GRAPH_NOTES §1, §5.4).
const QStringList kEndpointSecurityRead = {QStringLiteral("DeviceManagementEndpointSecurity.Read.All"),
                                           QStringLiteral("DeviceManagementEndpointSecurity.ReadWrite.All")};
const QStringList kEndpointSecurityWrite = {QStringLiteral("DeviceManagementEndpointSecurity.ReadWrite.All")};
const QStringList kRbacRead = {QStringLiteral("DeviceManagementRBAC.Read.All"),
                               QStringLiteral("DeviceManagementRBAC.ReadWrite.All")};
const QStringList kRbacWrite = {QStringLiteral("DeviceManagementRBAC.ReadWrite.All")};
const QStringList kGroupRead = {QStringLiteral("Group.Read.All"), QStringLiteral("Group.ReadWrite.All"),
                                QStringLiteral("Directory.Read.All"), QStringLiteral("Directory.ReadWrite.All")};

const QSet<QString>& collections()
{
    static const QSet<QString> names = {
        QStringLiteral("configurationpolicies"), QStringLiteral("settings"), QStringLiteral("assignments"),
        QStringLiteral("configurationcategories"), QStringLiteral("configurationsettings"),
        QStringLiteral("configurationpolicytemplates"), QStringLiteral("settingtemplates"),
        QStringLiteral("assignmentfilters"), QStringLiteral("rolescopetags"), QStringLiteral("groups")};
    return names;
}

QList<PathSegment> normalise(const QList<PathSegment>& raw)
{
    QList<PathSegment> out;
    for (qsizetype i = 0; i < raw.size(); ++i) {
        PathSegment segment = raw.at(i);
        if (!segment.hasKey && collections().contains(segment.name.toLower()) && i + 1 < raw.size()
            && !raw.at(i + 1).hasKey) {
            segment.key = raw.at(i + 1).name;
            segment.hasKey = true;
            ++i;
        }
        out << segment;
    }
    return out;
}

QString routeTemplate(const QList<PathSegment>& segments)
{
    QString t = QStringLiteral("~");
    for (qsizetype i = 0; i < segments.size(); ++i) {
        const QString name = segments.at(i).name.toLower();
        if (i == 0 && name == QLatin1String("devicemanagement"))
            t += QStringLiteral("/singleton");
        else if (name == QLatin1String("assign"))
            t += QStringLiteral("/action");
        else
            t += QStringLiteral("/navigation");
        if (segments.at(i).hasKey)
            t += QStringLiteral("/key");
    }
    return t;
}

bool isEndpointSecurityFamily(const QString& family)
{
    return family.startsWith(QLatin1String("endpointSecurity"), Qt::CaseInsensitive);
}

/// The endpoint-security scopes when policy `id` exists and is endpoint-security-templated.
/// An unknown id gets none, so its 403 (if any) names only the Configuration scopes.
Route::ScopeResolver existingPolicyScopes(const QString& id, bool write)
{
    return [id, write](const SimTenant& tenant, const DefinitionCatalog&, const SimRequest&) {
        const SimPolicy* policy = tenant.findPolicy(id);
        const QString family = policy ? policy->meta.value(QStringLiteral("templateReference")).toObject()
                                            .value(QStringLiteral("templateFamily")).toString()
                                      : QString();
        return isEndpointSecurityFamily(family) ? (write ? kEndpointSecurityWrite : kEndpointSecurityRead)
                                                : QStringList();
    };
}

/// POST: the family comes from the body's templateReference.templateId; a body that cannot be
/// read gets no alternatives (the Configuration scope still reaches the handler's 400).
QStringList createPolicyScopes(const SimTenant&, const DefinitionCatalog& catalog, const SimRequest& request)
{
    const QString templateId = QJsonDocument::fromJson(request.body).object()
                                   .value(QStringLiteral("templateReference")).toObject()
                                   .value(QStringLiteral("templateId")).toString();
    const TemplateInfo* tmpl = templateId.isEmpty() ? nullptr : catalog.findTemplate(templateId);
    return tmpl && isEndpointSecurityFamily(tmpl->family) ? kEndpointSecurityWrite : QStringList();
}

QString pathForMessage(const QList<PathSegment>& segments)
{
    QString path;
    for (const PathSegment& s : segments)
        path += u'/' + s.name + (s.hasKey ? QStringLiteral("('%1')").arg(s.key) : QString());
    return path;
}

} // namespace

bool matchRoute(const SimRequest& request, QList<PathSegment>* segmentsOut, Route* route, SimResponse* error)
{
    const QString version = request.apiVersion.toLower();
    if (version != QLatin1String("beta") && version != QLatin1String("v1.0")) {
        *error = graphError(404, QStringLiteral("ResourceNotFound"), QStringLiteral("Invalid version: %1").arg(version));
        return false;
    }
    const QList<PathSegment> segments = normalise(parsePath(request.path));
    *segmentsOut = segments;
    QStringList names;
    for (const PathSegment& s : segments)
        names << s.name.toLower();
    const QByteArray& m = request.method;
    auto key = [&](int i) { return segments.at(i).key; };
    auto has = [&](int i) { return segments.at(i).hasKey; };
    auto noRoute = [&]() {
        *error = errors::noRoute(m, routeTemplate(segments), pathForMessage(segments));
        return false;
    };
    auto set = [&](const QString& family, const QStringList& scopes, std::function<SimResponse(RouteContext&)> handler) {
        route->family = family;
        route->scopes = scopes;
        route->handler = std::move(handler);
        return true;
    };
    const bool get = m == "GET";

    if (names.isEmpty()) {
        *error = errors::segmentNotFound(QString());
        return false;
    }
    if (names.at(0) == QLatin1String("groups") && segments.size() == 1) {
        route->directoryStyle403 = true;
        if (!get)
            return noRoute();
        if (has(0))
            return set(QStringLiteral("groups"), kGroupRead, [id = key(0)](RouteContext& c) { return routes::getGroup(c, id); });
        return set(QStringLiteral("groups"), kGroupRead, routes::listGroups);
    }
    if (names.at(0) != QLatin1String("devicemanagement") || segments.size() < 2) {
        *error = errors::segmentNotFound(segments.at(0).name);
        return false;
    }
    const QString coll = names.at(1);
    if (version == QLatin1String("v1.0")) {
        // Settings catalog and its siblings exist only in beta.
        *error = errors::segmentNotFound(segments.at(1).name);
        return false;
    }
    const int depth = int(segments.size());
    if (coll == QLatin1String("configurationpolicies")) {
        if (depth == 2 && !has(1)) {
            if (get)
                return set(QStringLiteral("configurationPolicies"), kConfigRead, routes::listPolicies);
            if (m == "POST") {
                route->alternativeScopes = createPolicyScopes;
                return set(QStringLiteral("configurationPolicies"), kConfigWrite, routes::createPolicy);
            }
            return noRoute();
        }
        if (!has(1))
            return noRoute();
        const QString id = key(1);
        // The list route stays Configuration-only: it returns every family, so the endpoint-
        // security scope alone cannot grant it. Everything under one policy follows its family.
        route->alternativeScopes = existingPolicyScopes(id, !get);
        if (depth == 2) {
            if (get)
                return set(QStringLiteral("configurationPolicies"), kConfigRead, [id](RouteContext& c) { return routes::getPolicy(c, id); });
            if (m == "PUT")
                return set(QStringLiteral("configurationPolicies"), kConfigWrite, [id](RouteContext& c) { return routes::replacePolicy(c, id); });
            if (m == "PATCH")
                return set(QStringLiteral("configurationPolicies"), kConfigWrite, [id](RouteContext& c) { return routes::patchPolicy(c, id); });
            if (m == "DELETE")
                return set(QStringLiteral("configurationPolicies"), kConfigWrite, [id](RouteContext& c) { return routes::deletePolicy(c, id); });
            return noRoute();
        }
        const QString nav = names.at(2);
        if (depth == 3 && nav == QLatin1String("assign") && !has(2)) {
            if (m == "POST")
                return set(QStringLiteral("policyAssignments"), kConfigWrite, [id](RouteContext& c) { return routes::assignPolicy(c, id); });
            return noRoute();
        }
        if (depth == 3 && nav == QLatin1String("settings")) {
            if (get && !has(2))
                return set(QStringLiteral("policySettings"), kConfigRead, [id](RouteContext& c) { return routes::listPolicySettings(c, id); });
            if (get)
                return set(QStringLiteral("policySettings"), kConfigRead, [id, sid = key(2)](RouteContext& c) {
                    return routes::getPolicySetting(c, id, sid);
                });
            return noRoute();
        }
        if (depth == 3 && nav == QLatin1String("assignments")) {
            if (get && !has(2))
                return set(QStringLiteral("policyAssignments"), kConfigRead, [id](RouteContext& c) { return routes::listPolicyAssignments(c, id); });
            if (get)
                return set(QStringLiteral("policyAssignments"), kConfigRead, [id, aid = key(2)](RouteContext& c) {
                    return routes::getPolicyAssignment(c, id, aid);
                });
            return noRoute();
        }
        *error = errors::segmentNotFound(segments.at(2).name);
        return false;
    }
    // Filters and scope tags: POST to the collection, PATCH and DELETE on one object.
    if ((coll == QLatin1String("assignmentfilters") || coll == QLatin1String("rolescopetags")) && depth == 2 && !get) {
        const bool filters = coll == QLatin1String("assignmentfilters");
        const QString family = filters ? QStringLiteral("assignmentFilters") : QStringLiteral("roleScopeTags");
        const QStringList& scopes = filters ? kConfigWrite : kRbacWrite;
        if (!has(1) && m == "POST")
            return set(family, scopes, filters ? routes::createAssignmentFilter : routes::createRoleScopeTag);
        if (has(1) && m == "PATCH")
            return set(family, scopes, [filters, id = key(1)](RouteContext& c) {
                return filters ? routes::patchAssignmentFilter(c, id) : routes::patchRoleScopeTag(c, id);
            });
        if (has(1) && m == "DELETE")
            return set(family, scopes, [filters, id = key(1)](RouteContext& c) {
                return filters ? routes::deleteAssignmentFilter(c, id) : routes::deleteRoleScopeTag(c, id);
            });
        return noRoute();
    }
    if (depth == 2 && !get)
        return noRoute();
    if (coll == QLatin1String("configurationcategories") && depth == 2) {
        if (has(1))
            return set(QStringLiteral("catalog"), kConfigRead, [id = key(1)](RouteContext& c) { return routes::getCategory(c, id); });
        return set(QStringLiteral("catalog"), kConfigRead, routes::listCategories);
    }
    if (coll == QLatin1String("configurationsettings") && depth == 2) {
        if (has(1))
            return set(QStringLiteral("catalog"), kConfigRead, [id = key(1)](RouteContext& c) { return routes::getConfigurationSetting(c, id); });
        return set(QStringLiteral("catalog"), kConfigRead, routes::listConfigurationSettings);
    }
    if (coll == QLatin1String("configurationpolicytemplates")) {
        if (depth == 2 && has(1))
            return set(QStringLiteral("templates"), kConfigRead, [id = key(1)](RouteContext& c) { return routes::getTemplate(c, id); });
        if (depth == 2)
            return set(QStringLiteral("templates"), kConfigRead, routes::listTemplates);
        if (depth == 3 && has(1) && names.at(2) == QLatin1String("settingtemplates") && !has(2)) {
            if (!get)
                return noRoute();
            return set(QStringLiteral("templates"), kConfigRead, [id = key(1)](RouteContext& c) { return routes::listSettingTemplates(c, id); });
        }
    }
    if (coll == QLatin1String("assignmentfilters") && depth == 2) {
        if (has(1))
            return set(QStringLiteral("assignmentFilters"), kConfigRead, [id = key(1)](RouteContext& c) { return routes::getAssignmentFilter(c, id); });
        return set(QStringLiteral("assignmentFilters"), kConfigRead, routes::listAssignmentFilters);
    }
    if (coll == QLatin1String("rolescopetags") && depth == 2) {
        if (has(1))
            return set(QStringLiteral("roleScopeTags"), kRbacRead, [id = key(1)](RouteContext& c) { return routes::getRoleScopeTag(c, id); });
        return set(QStringLiteral("roleScopeTags"), kRbacRead, routes::listRoleScopeTags);
    }
    // The tag's auto-assignments (roleScopeTagAutoAssignment); the list page names both the
    // Configuration and the RBAC scopes.
    if (coll == QLatin1String("rolescopetags") && depth == 3 && has(1) && names.at(2) == QLatin1String("assignments")
        && !has(2)) {
        if (!get)
            return noRoute();
        return set(QStringLiteral("roleScopeTags"), kConfigRead + kRbacRead,
                   [id = key(1)](RouteContext& c) { return routes::listRoleScopeTagAssignments(c, id); });
    }
    *error = errors::segmentNotFound(segments.at(depth > 2 ? 2 : 1).name);
    return false;
}

bool checkScopes(const Route& route, const Caller& caller, const QStringList& alternatives, SimResponse* error)
{
    const QStringList scopes = route.scopes + alternatives;
    bool tokenAllows = false;
    for (const QString& scope : scopes) {
        if (caller.roles.contains(scope, Qt::CaseInsensitive)) {
            tokenAllows = true;
            // A delegated call also needs the user's Intune role; directory reads do not.
            if (!caller.delegated || route.directoryStyle403 || caller.userPermissions.contains(scope, Qt::CaseInsensitive))
                return true;
        }
    }
    if (tokenAllows) {
        *error = errors::forbiddenUser(scopes);
        return false;
    }
    if (route.directoryStyle403)
        *error = graphError(403, QStringLiteral("Authorization_RequestDenied"),
                            QStringLiteral("Insufficient privileges to complete the operation."));
    else
        *error = errors::forbidden(scopes);
    return false;
}

} // namespace graphsim
