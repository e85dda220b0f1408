// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "tools/graphsim/model/TenantGenerator.h"

#include "tools/graphsim/model/DefinitionCatalog.h"
#include "tools/graphsim/model/PolicyFactory.h"
#include "tools/graphsim/model/PolicyRoutes.h"
#include "tools/graphsim/model/SettingsValidator.h"
#include "tools/graphsim/model/SimRandom.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QTimeZone>

namespace graphsim {

namespace {

const QStringList kTenantNames = {QStringLiteral("contoso"), QStringLiteral("fabrikam"), QStringLiteral("northwind"),
                                  QStringLiteral("tailspin"), QStringLiteral("woodgrove"), QStringLiteral("adatum"),
                                  QStringLiteral("litware"), QStringLiteral("proseware")};

QDateTime baseTime()
{
    return QDateTime(QDate(2024, 1, 8), QTime(8, 0), QTimeZone::utc());
}

QString randomTime(SimRandom& random, qint64 fromSecs, qint64 spanSecs, QDateTime* out = nullptr)
{
    const QDateTime t = baseTime().addSecs(fromSecs + random.range(0, spanSecs));
    if (out)
        *out = t;
    return graphTimestamp(t.addMSecs(random.range(0, 999)), int(random.range(0, 9999)));
}

} // namespace

TenantGenerator::TenantGenerator(const DefinitionCatalog& catalog) : m_catalog(catalog) {}

QStringList TenantGenerator::profiles()
{
    return {QStringLiteral("demo"), QStringLiteral("small"), QStringLiteral("large"), QStringLiteral("empty")};
}

QString TenantGenerator::tenantIdFor(const QString& profile, quint64 seed, int index)
{
    return guidFromText(QStringLiteral("graphsim-tenant|%1|%2|%3").arg(profile).arg(seed).arg(index));
}

QString TenantGenerator::tenantNameFor(int index)
{
    const QString base = kTenantNames.at(index % kTenantNames.size());
    return index < kTenantNames.size() ? base : base + QString::number(index / kTenantNames.size() + 1);
}

bool TenantGenerator::generate(const QString& profile, quint64 seed, int index, SimTenant* tenant, QString* error)
{
    if (!profiles().contains(profile)) {
        *error = QStringLiteral("unknown tenant profile '%1' (demo, small, large, empty)").arg(profile);
        return false;
    }
    SimTenant t;
    t.profile = profile;
    t.seed = seed;
    t.name = tenantNameFor(index);
    t.domain = t.name + QStringLiteral(".onmicrosoft.com");
    t.tenantId = tenantIdFor(profile, seed, index);
    SimRandom random(mixSeed(mixSeed(seed, profile), quint64(index)));
    addApps(t);
    addPeople(t);
    bool ok = true;
    if (profile == QLatin1String("demo")) {
        addDirectory(t, random, 12, 4);
        ok = demo(t, random, error);
    } else if (profile == QLatin1String("small")) {
        addDirectory(t, random, 40, 8);
        ok = bulk(t, random, 150, error);
    } else if (profile == QLatin1String("large")) {
        addDirectory(t, random, 300, 20);
        ok = bulk(t, random, 2000, error);
    } else {
        addDirectory(t, random, 0, 0);
    }
    if (!ok)
        return false;
    t.reindex();
    *tenant = t;
    return true;
}

void TenantGenerator::addApps(SimTenant& tenant)
{
    auto secret = [&tenant](const QString& app) -> QString {
        return QStringLiteral("sim-secret-")
               + QString::fromLatin1(QCryptographicHash::hash((QStringLiteral("graphsim-secret|") + tenant.tenantId + u'|' + app).toUtf8(),
                                                              QCryptographicHash::Sha256).toHex().left(32));
    };
    SimApp backup;
    backup.displayName = QStringLiteral("PolicyVault Backup");
    backup.clientId = guidFromText(QStringLiteral("graphsim-app|") + tenant.tenantId + QStringLiteral("|backup"));
    backup.clientSecrets = {secret(QStringLiteral("backup"))};
    // RBAC.ReadWrite.All: a restore recreates deleted scope tags.
    backup.roles = {QStringLiteral("DeviceManagementConfiguration.ReadWrite.All"), QStringLiteral("DeviceManagementRBAC.Read.All"),
                    QStringLiteral("DeviceManagementRBAC.ReadWrite.All"), QStringLiteral("Group.Read.All")};
    SimApp reader;
    reader.displayName = QStringLiteral("PolicyVault Reader");
    reader.clientId = guidFromText(QStringLiteral("graphsim-app|") + tenant.tenantId + QStringLiteral("|reader"));
    reader.clientSecrets = {secret(QStringLiteral("reader"))};
    reader.roles = {QStringLiteral("DeviceManagementConfiguration.Read.All"), QStringLiteral("DeviceManagementRBAC.Read.All"),
                    QStringLiteral("Group.Read.All")};
    tenant.apps = {backup, reader};
}

void TenantGenerator::addPeople(SimTenant& tenant)
{
    auto id = [&tenant](const QString& kind, const QString& name) {
        return guidFromText(QStringLiteral("graphsim-%1|%2|%3").arg(kind, tenant.tenantId, name));
    };
    // Microsoft's demo personas: one per Intune role situation the tests need.
    const struct { const char* alias; const char* name; const char* role; } people[] = {
        {"AdeleV", "Adele Vance", "Intune Administrator"},
        {"LeeG", "Lee Gu", "Read Only Operator"},
        {"MeganB", "Megan Bowen", ""},
    };
    tenant.users.clear();
    for (const auto& person : people) {
        SimUser user;
        user.id = id(QStringLiteral("user"), QString::fromLatin1(person.alias));
        user.displayName = QString::fromLatin1(person.name);
        user.userPrincipalName = QString::fromLatin1(person.alias) + u'@' + tenant.domain;
        user.intuneRole = QString::fromLatin1(person.role);
        tenant.users << user;
    }
    // Every delegated permission of the Graph notes §5.4 (what an admin consents to for the tool).
    QStringList consented;
    for (const char* family : {"DeviceManagementConfiguration", "DeviceManagementEndpointSecurity", "DeviceManagementApps",
                               "DeviceManagementServiceConfig", "DeviceManagementScripts", "DeviceManagementRBAC"}) {
        consented << QString::fromLatin1(family) + QStringLiteral(".Read.All")
                  << QString::fromLatin1(family) + QStringLiteral(".ReadWrite.All");
    }
    consented << QStringLiteral("Group.Read.All") << QStringLiteral("User.Read");
    SimApp desktop;
    desktop.displayName = QStringLiteral("PolicyVault Desktop");
    desktop.clientId = id(QStringLiteral("app"), QStringLiteral("desktop"));
    desktop.publicClient = true;
    desktop.redirectUris = {QStringLiteral("http://localhost"),
                            QStringLiteral("https://login.microsoftonline.com/common/oauth2/nativeclient")};
    desktop.delegatedScopes = consented;
    SimApp unconsented = desktop;
    unconsented.displayName = QStringLiteral("PolicyVault Desktop (no admin consent)");
    unconsented.clientId = id(QStringLiteral("app"), QStringLiteral("desktop-unconsented"));
    unconsented.delegatedScopes.clear();
    SimApp confidential = desktop;
    confidential.displayName = QStringLiteral("PolicyVault Web (public client flows off)");
    confidential.clientId = id(QStringLiteral("app"), QStringLiteral("web-confidential"));
    confidential.publicClient = false;
    confidential.redirectUris = {QStringLiteral("http://localhost/callback")};
    confidential.clientSecrets = {QStringLiteral("sim-secret-")
                                  + QString::fromLatin1(QCryptographicHash::hash(
                                        (QStringLiteral("graphsim-secret|") + tenant.tenantId + QStringLiteral("|web")).toUtf8(),
                                        QCryptographicHash::Sha256).toHex().left(32))};
    tenant.publicClients = {desktop, unconsented, confidential};
}

void TenantGenerator::addDirectory(SimTenant& tenant, SimRandom& random, int groups, int filters)
{
    // Scope tag ids are small integers in Intune, the same in every tenant.
    const QList<QPair<QString, QString>> tags = {{QStringLiteral("Default"), QString()},
                                                 {QStringLiteral("Europe"), QStringLiteral("Devices and admins in Europe")},
                                                 {QStringLiteral("North America"), QStringLiteral("Devices and admins in North America")},
                                                 {QStringLiteral("Servers"), QStringLiteral("Server team")},
                                                 {QStringLiteral("Pilot"), QStringLiteral("Pilot rings")}};
    for (int i = 0; i < tags.size(); ++i)
        tenant.roleScopeTags.append(QJsonObject{{QStringLiteral("id"), QString::number(i)},
                                                {QStringLiteral("displayName"), tags.at(i).first},
                                                {QStringLiteral("description"), tags.at(i).second},
                                                {QStringLiteral("isBuiltIn"), i == 0}});
    static const QStringList demoGroups = {
        QStringLiteral("All Windows Devices"), QStringLiteral("Windows Autopilot Devices"), QStringLiteral("Pilot - Windows Update Ring 1"),
        QStringLiteral("Broad - Windows Update Ring 2"), QStringLiteral("IT Admins"), QStringLiteral("Finance Laptops"),
        QStringLiteral("Kiosk Devices"), QStringLiteral("Shared Devices"), QStringLiteral("Developers"),
        QStringLiteral("Excluded - Break Glass Devices"), QStringLiteral("Servers - Tier 1"), QStringLiteral("Executives")};
    static const QStringList departments = {QStringLiteral("Finance"), QStringLiteral("HR"), QStringLiteral("Sales"), QStringLiteral("IT"),
                                            QStringLiteral("Engineering"), QStringLiteral("Legal"), QStringLiteral("Marketing"),
                                            QStringLiteral("Support"), QStringLiteral("Operations"), QStringLiteral("Research")};
    static const QStringList purposes = {QStringLiteral("Devices"), QStringLiteral("Users"), QStringLiteral("Pilot"), QStringLiteral("Kiosks"),
                                         QStringLiteral("Laptops"), QStringLiteral("Excluded")};
    for (int i = 0; i < groups; ++i) {
        const QString name = i < demoGroups.size() ? demoGroups.at(i)
                                                   : QStringLiteral("SG-%1-%2-%3").arg(random.pick(departments), random.pick(purposes))
                                                         .arg(i, 3, 10, QLatin1Char('0'));
        QString nick = name;
        nick.remove(u' ');
        tenant.groups.append(QJsonObject{{QStringLiteral("id"), random.guid()}, {QStringLiteral("displayName"), name},
                                         {QStringLiteral("description"), QStringLiteral("Managed by graphsim")},
                                         {QStringLiteral("mailEnabled"), false}, {QStringLiteral("mailNickname"), nick},
                                         {QStringLiteral("securityEnabled"), true}, {QStringLiteral("groupTypes"), QJsonArray()},
                                         {QStringLiteral("createdDateTime"), QString(randomTime(random, 0, 86400 * 300).left(19) + u'Z')}});
    }
    static const QList<QPair<QString, QString>> filterSpecs = {
        {QStringLiteral("Windows 11 devices"), QStringLiteral("(device.osVersion -startsWith \"10.0.22\")")},
        {QStringLiteral("Corporate-owned devices"), QStringLiteral("(device.deviceOwnership -eq \"Corporate\")")},
        {QStringLiteral("Surface devices"), QStringLiteral("(device.manufacturer -eq \"Microsoft Corporation\")")},
        {QStringLiteral("Exclude virtual machines"), QStringLiteral("(device.model -notContains \"Virtual\")")}};
    for (int i = 0; i < filters; ++i) {
        const auto& spec = filterSpecs.at(i % filterSpecs.size());
        const QString created = randomTime(random, 0, 86400 * 300);
        tenant.assignmentFilters.append(QJsonObject{
            {QStringLiteral("id"), random.guid()},
            {QStringLiteral("displayName"), i < filterSpecs.size() ? spec.first : QStringLiteral("%1 %2").arg(spec.first).arg(i)},
            {QStringLiteral("description"), QString()}, {QStringLiteral("platform"), QStringLiteral("windows10AndLater")},
            {QStringLiteral("rule"), spec.second}, {QStringLiteral("roleScopeTags"), QJsonArray{QStringLiteral("0")}},
            {QStringLiteral("assignmentFilterManagementType"), QStringLiteral("devices")},
            {QStringLiteral("createdDateTime"), created}, {QStringLiteral("lastModifiedDateTime"), created},
            {QStringLiteral("payloads"), QJsonArray()}});
    }
    addScopeTagAssignments(tenant);
}

void TenantGenerator::addScopeTagAssignments(SimTenant& tenant)
{
    // Scope tags auto-assigned to groups, as an admin sets them in the portal: no draws from
    // the seeded stream (every other generated value stays as it was), fixed group positions.
    // Default and "North America" keep none, so both an empty and a filled list are served.
    if (tenant.groups.isEmpty())
        return;
    static const QList<QPair<QString, QList<int>>> plan = {
        {QStringLiteral("1"), {0}}, {QStringLiteral("3"), {10}}, {QStringLiteral("4"), {2, 3}}};
    for (const auto& [tagId, groupPositions] : plan) {
        QJsonArray assignments;
        for (int position : groupPositions) {
            const QString groupId =
                tenant.groups.at(position % tenant.groups.size()).toObject().value(QStringLiteral("id")).toString();
            assignments.append(QJsonObject{
                {QStringLiteral("id"), guidFromText(QStringLiteral("graphsim-scopetag-assignment|") + tenant.tenantId
                                                    + u'|' + tagId + u'|' + groupId)},
                {QStringLiteral("target"),
                 QJsonObject{{QStringLiteral("@odata.type"), QStringLiteral("#microsoft.graph.groupAssignmentTarget")},
                             {QStringLiteral("deviceAndAppManagementAssignmentFilterId"), QJsonValue::Null},
                             {QStringLiteral("deviceAndAppManagementAssignmentFilterType"), QStringLiteral("none")},
                             {QStringLiteral("groupId"), groupId}}}});
        }
        tenant.roleScopeTagAssignments.insert(tagId, assignments);
    }
}

QJsonArray TenantGenerator::randomAssignments(const SimTenant& tenant, SimRandom& random)
{
    QJsonArray input;
    if (random.chance(20))
        return input;
    auto filter = [&](QJsonObject target) {
        if (!tenant.assignmentFilters.isEmpty() && random.chance(25)) {
            target.insert(QStringLiteral("deviceAndAppManagementAssignmentFilterId"),
                          random.pick(tenant.assignmentFilters).toObject().value(QStringLiteral("id")));
            target.insert(QStringLiteral("deviceAndAppManagementAssignmentFilterType"),
                          random.chance(50) ? QStringLiteral("include") : QStringLiteral("exclude"));
        }
        return QJsonObject{{QStringLiteral("target"), target}};
    };
    const int kind = int(random.below(10));
    if (kind < 2)
        input.append(filter(QJsonObject{{QStringLiteral("@odata.type"), QStringLiteral("#microsoft.graph.allDevicesAssignmentTarget")}}));
    else if (kind < 3)
        input.append(filter(QJsonObject{{QStringLiteral("@odata.type"), QStringLiteral("#microsoft.graph.allLicensedUsersAssignmentTarget")}}));
    if (tenant.groups.isEmpty())
        return input;
    QStringList used;
    const int groupCount = int(random.range(kind < 3 ? 0 : 1, 3));
    for (int i = 0; i < groupCount; ++i) {
        const QString groupId = random.pick(tenant.groups).toObject().value(QStringLiteral("id")).toString();
        if (used.contains(groupId))
            continue;
        used << groupId;
        const bool exclude = i > 0 && random.chance(40);
        QJsonObject target{{QStringLiteral("@odata.type"), exclude ? QStringLiteral("#microsoft.graph.exclusionGroupAssignmentTarget")
                                                                   : QStringLiteral("#microsoft.graph.groupAssignmentTarget")},
                           {QStringLiteral("groupId"), groupId}};
        input.append(exclude ? QJsonObject{{QStringLiteral("target"), target}} : filter(target));
    }
    return input;
}

bool TenantGenerator::addPolicy(SimTenant& tenant, SimRandom& random, QJsonObject body, bool assign, QString* error)
{
    const QString templateId = body.value(QStringLiteral("templateReference")).toObject().value(QStringLiteral("templateId")).toString();
    const TemplateInfo* tmpl = templateId.isEmpty() ? nullptr : m_catalog.findTemplate(templateId);
    QJsonArray settings;
    SettingsValidator validator(m_catalog, tenant, tmpl);
    if (!validator.validate(body.value(QStringLiteral("settings")), &settings, error)) {
        *error = QStringLiteral("generated policy '%1' is invalid: %2").arg(body.value(QStringLiteral("name")).toString(), *error);
        return false;
    }
    QJsonArray tags{QStringLiteral("0")};
    if (random.chance(15))
        tags = QJsonArray{QStringLiteral("0"), QString::number(random.range(1, 4))};
    QDateTime created;
    const QString createdText = randomTime(random, 0, 86400 * 600, &created);
    const QString modifiedText = random.chance(30) ? createdText
                                                   : graphTimestamp(created.addSecs(random.range(60, 86400 * 200)), int(random.range(0, 9999)));
    QJsonObject meta{
        {QStringLiteral("id"), random.guid()},
        {QStringLiteral("name"), body.value(QStringLiteral("name"))},
        {QStringLiteral("description"), body.value(QStringLiteral("description")).toString()},
        {QStringLiteral("platforms"), body.value(QStringLiteral("platforms"))},
        {QStringLiteral("technologies"), body.value(QStringLiteral("technologies"))},
        {QStringLiteral("roleScopeTagIds"), tags},
        {QStringLiteral("createdDateTime"), createdText},
        {QStringLiteral("lastModifiedDateTime"), modifiedText},
        {QStringLiteral("creationSource"), QJsonValue::Null},
        {QStringLiteral("priorityMetaData"), QJsonValue::Null},
        {QStringLiteral("settingCount"), settings.size()},
        {QStringLiteral("templateReference"),
         tmpl ? QJsonObject{{QStringLiteral("templateId"), tmpl->id}, {QStringLiteral("templateFamily"), tmpl->family},
                            {QStringLiteral("templateDisplayName"), tmpl->displayName},
                            {QStringLiteral("templateDisplayVersion"), tmpl->displayVersion}}
              : QJsonObject{{QStringLiteral("templateId"), QString()}, {QStringLiteral("templateFamily"), QStringLiteral("none")},
                            {QStringLiteral("templateDisplayName"), QJsonValue::Null},
                            {QStringLiteral("templateDisplayVersion"), QJsonValue::Null}}}};
    QJsonArray assignments;
    if (assign && !routes::buildAssignments(tenant, meta.value(QStringLiteral("id")).toString(),
                                            randomAssignments(tenant, random), &assignments, error))
        return false;
    meta.insert(QStringLiteral("isAssigned"), !assignments.isEmpty());
    tenant.policies.append(SimPolicy{meta, settings, assignments});
    return true;
}

} // namespace graphsim
