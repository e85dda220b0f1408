// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "tools/graphsim/model/SimTenant.h"

#include "tools/graphsim/model/SimRandom.h"

#include <QSet>

namespace graphsim {

namespace {

QJsonArray stringsToJson(const QStringList& list)
{
    QJsonArray array;
    for (const QString& s : list)
        array.append(s);
    return array;
}

QStringList stringsFromJson(const QJsonValue& value)
{
    QStringList list;
    for (const QJsonValue& v : value.toArray())
        list << v.toString();
    return list;
}

} // namespace

QJsonObject appToJson(const SimApp& app)
{
    QJsonArray certs;
    for (const QByteArray& pem : app.certificatesPem)
        certs.append(QString::fromLatin1(pem));
    return QJsonObject{{QStringLiteral("displayName"), app.displayName},
                       {QStringLiteral("clientId"), app.clientId},
                       {QStringLiteral("clientSecrets"), stringsToJson(app.clientSecrets)},
                       {QStringLiteral("certificatesPem"), certs},
                       {QStringLiteral("roles"), stringsToJson(app.roles)},
                       {QStringLiteral("publicClient"), app.publicClient},
                       {QStringLiteral("redirectUris"), stringsToJson(app.redirectUris)},
                       {QStringLiteral("delegatedScopes"), stringsToJson(app.delegatedScopes)}};
}

SimApp appFromJson(const QJsonObject& json)
{
    SimApp app;
    app.displayName = json.value(QStringLiteral("displayName")).toString();
    app.clientId = json.value(QStringLiteral("clientId")).toString();
    app.clientSecrets = stringsFromJson(json.value(QStringLiteral("clientSecrets")));
    for (const QJsonValue& pem : json.value(QStringLiteral("certificatesPem")).toArray())
        app.certificatesPem << pem.toString().toLatin1();
    app.roles = stringsFromJson(json.value(QStringLiteral("roles")));
    app.publicClient = json.value(QStringLiteral("publicClient")).toBool();
    app.redirectUris = stringsFromJson(json.value(QStringLiteral("redirectUris")));
    app.delegatedScopes = stringsFromJson(json.value(QStringLiteral("delegatedScopes")));
    return app;
}

QJsonObject userToJson(const SimUser& user)
{
    return QJsonObject{{QStringLiteral("id"), user.id},
                       {QStringLiteral("displayName"), user.displayName},
                       {QStringLiteral("userPrincipalName"), user.userPrincipalName},
                       {QStringLiteral("intuneRole"), user.intuneRole},
                       {QStringLiteral("refreshTokensValidFromDateTime"),
                        user.refreshTokensValidFromMs == 0
                            ? QString()
                            : QDateTime::fromMSecsSinceEpoch(user.refreshTokensValidFromMs, Qt::UTC).toString(Qt::ISODateWithMs)}};
}

SimUser userFromJson(const QJsonObject& json)
{
    SimUser user;
    user.id = json.value(QStringLiteral("id")).toString();
    user.displayName = json.value(QStringLiteral("displayName")).toString();
    user.userPrincipalName = json.value(QStringLiteral("userPrincipalName")).toString();
    user.intuneRole = json.value(QStringLiteral("intuneRole")).toString();
    const QDateTime validFrom =
        QDateTime::fromString(json.value(QStringLiteral("refreshTokensValidFromDateTime")).toString(), Qt::ISODateWithMs);
    user.refreshTokensValidFromMs = validFrom.isValid() ? validFrom.toMSecsSinceEpoch() : 0;
    return user;
}

QJsonArray publicClientsJson(const QList<SimApp>& apps)
{
    QJsonArray array;
    for (const SimApp& app : apps) {
        array.append(QJsonObject{{QStringLiteral("displayName"), app.displayName},
                                 {QStringLiteral("clientId"), app.clientId},
                                 {QStringLiteral("publicClient"), app.publicClient},
                                 {QStringLiteral("clientSecret"), app.clientSecrets.value(0)},
                                 {QStringLiteral("redirectUris"), stringsToJson(app.redirectUris)},
                                 {QStringLiteral("delegatedScopes"), stringsToJson(app.delegatedScopes)}});
    }
    return array;
}

QJsonArray usersJson(const QList<SimUser>& users)
{
    QJsonArray array;
    for (const SimUser& user : users)
        array.append(userToJson(user));
    return array;
}

QStringList intunePermissionsForRole(const QString& role)
{
    static const QStringList families = {QStringLiteral("DeviceManagementConfiguration"),
                                         QStringLiteral("DeviceManagementEndpointSecurity"),
                                         QStringLiteral("DeviceManagementApps"),
                                         QStringLiteral("DeviceManagementServiceConfig"),
                                         QStringLiteral("DeviceManagementScripts"),
                                         QStringLiteral("DeviceManagementRBAC")};
    QStringList permissions;
    const bool admin = role.compare(QLatin1String("Intune Administrator"), Qt::CaseInsensitive) == 0;
    const bool reader = role.compare(QLatin1String("Read Only Operator"), Qt::CaseInsensitive) == 0;
    for (const QString& family : families) {
        if (admin || reader)
            permissions << family + QStringLiteral(".Read.All");
        if (admin)
            permissions << family + QStringLiteral(".ReadWrite.All");
    }
    return permissions;
}

SimPolicy* SimTenant::findPolicy(const QString& id)
{
    const auto it = m_index.constFind(id.toLower());
    return it == m_index.constEnd() ? nullptr : &policies[*it];
}

const SimPolicy* SimTenant::findPolicy(const QString& id) const
{
    const auto it = m_index.constFind(id.toLower());
    return it == m_index.constEnd() ? nullptr : &policies.at(*it);
}

namespace {

void collectSecretTokens(const QJsonValue& value, QSet<QString>* tokens)
{
    if (value.isArray()) {
        for (const QJsonValue& child : value.toArray())
            collectSecretTokens(child, tokens);
    } else if (value.isObject()) {
        const QJsonObject object = value.toObject();
        if (object.value(QStringLiteral("valueState")).toString() == QLatin1String("encryptedValueToken"))
            tokens->insert(object.value(QStringLiteral("value")).toString());
        for (const QJsonValue& child : object)
            collectSecretTokens(child, tokens);
    }
}

} // namespace

bool SimTenant::removePolicy(const QString& id)
{
    const auto it = m_index.constFind(id.toLower());
    if (it == m_index.constEnd())
        return false;
    // The secrets went with the policy: its tokens stop being valid, unless another policy
    // (a copy created with the same token) still holds them.
    QSet<QString> gone;
    collectSecretTokens(policies.at(*it).settings, &gone);
    policies.removeAt(*it);
    reindex();
    QSet<QString> kept;
    for (const SimPolicy& policy : std::as_const(policies))
        collectSecretTokens(policy.settings, &kept);
    for (const QString& token : std::as_const(gone)) {
        if (!kept.contains(token)) {
            secrets.remove(token);
            secretSettings.remove(token);
        }
    }
    return true;
}

void SimTenant::reindex()
{
    m_index.clear();
    for (qsizetype i = 0; i < policies.size(); ++i)
        m_index.insert(policies.at(i).id().toLower(), i);
}

QString SimTenant::nextObjectId(const QString& kind)
{
    ++writeCounter;
    return guidFromText(QStringLiteral("graphsim-object|%1|%2|%3").arg(tenantId, kind).arg(writeCounter));
}

QString SimTenant::secretToken(const QString& plaintext, const QString& settingDefinitionId)
{
    // Graph hands out a new token whenever a secret is set; the counter makes ours new too
    // while staying deterministic per tenant.
    ++secretCounter;
    const QString token = guidFromText(QStringLiteral("graphsim-secret|%1|%2|%3|")
                                           .arg(tenantId, settingDefinitionId)
                                           .arg(secretCounter)
                                       + plaintext);
    secrets.insert(token, plaintext);
    secretSettings.insert(token, settingDefinitionId);
    return token;
}

QString SimTenant::templateState(const QString& templateId) const
{
    return templateStates.value(templateId.toLower(), QStringLiteral("active"));
}

QJsonObject SimTenant::toJson() const
{
    QJsonArray appsJson;
    for (const SimApp& app : apps)
        appsJson.append(appToJson(app));
    QJsonArray policiesJson;
    for (const SimPolicy& policy : policies) {
        QJsonObject p = policy.meta;
        p.insert(QStringLiteral("settings"), policy.settings);
        p.insert(QStringLiteral("assignments"), policy.assignments);
        policiesJson.append(p);
    }
    QJsonArray publicJson;
    for (const SimApp& app : publicClients)
        publicJson.append(appToJson(app));
    QJsonArray usersJson;
    for (const SimUser& user : users)
        usersJson.append(userToJson(user));
    auto mapJson = [](const QMap<QString, QString>& map) {
        QJsonObject object;
        for (auto it = map.constBegin(); it != map.constEnd(); ++it)
            object.insert(it.key(), it.value());
        return object;
    };
    return QJsonObject{{QStringLiteral("format"), QStringLiteral("graphsim-tenant/1")},
                       {QStringLiteral("name"), name},
                       {QStringLiteral("tenantId"), tenantId},
                       {QStringLiteral("domain"), domain},
                       {QStringLiteral("profile"), profile},
                       {QStringLiteral("seed"), QString::number(seed)},
                       {QStringLiteral("apps"), appsJson},
                       {QStringLiteral("publicClients"), publicJson},
                       {QStringLiteral("users"), usersJson},
                       {QStringLiteral("groups"), groups},
                       {QStringLiteral("assignmentFilters"), assignmentFilters},
                       {QStringLiteral("roleScopeTags"), roleScopeTags},
                       {QStringLiteral("roleScopeTagAssignments"), roleScopeTagAssignments},
                       {QStringLiteral("configurationPolicies"), policiesJson},
                       {QStringLiteral("secrets"), mapJson(secrets)},
                       {QStringLiteral("secretSettings"), mapJson(secretSettings)},
                       {QStringLiteral("templateStates"), mapJson(templateStates)},
                       {QStringLiteral("writeCounter"), QString::number(writeCounter)},
                       {QStringLiteral("secretCounter"), QString::number(secretCounter)}};
}

bool SimTenant::fromJson(const QJsonObject& json, SimTenant* tenant, QString* error)
{
    if (json.value(QStringLiteral("format")).toString() != QStringLiteral("graphsim-tenant/1")) {
        *error = QStringLiteral("not a graphsim tenant file (format graphsim-tenant/1 expected)");
        return false;
    }
    SimTenant t;
    t.name = json.value(QStringLiteral("name")).toString();
    t.tenantId = json.value(QStringLiteral("tenantId")).toString();
    t.domain = json.value(QStringLiteral("domain")).toString();
    t.profile = json.value(QStringLiteral("profile")).toString();
    t.seed = json.value(QStringLiteral("seed")).toString().toULongLong();
    t.writeCounter = json.value(QStringLiteral("writeCounter")).toString().toULongLong();
    if (t.tenantId.isEmpty() || t.name.isEmpty()) {
        *error = QStringLiteral("tenant file lacks name or tenantId");
        return false;
    }
    for (const QJsonValue& app : json.value(QStringLiteral("apps")).toArray())
        t.apps << appFromJson(app.toObject());
    // Absent from files saved before the delegated flows: SimWorld adds the generated ones.
    for (const QJsonValue& app : json.value(QStringLiteral("publicClients")).toArray())
        t.publicClients << appFromJson(app.toObject());
    for (const QJsonValue& user : json.value(QStringLiteral("users")).toArray())
        t.users << userFromJson(user.toObject());
    t.groups = json.value(QStringLiteral("groups")).toArray();
    t.assignmentFilters = json.value(QStringLiteral("assignmentFilters")).toArray();
    t.roleScopeTags = json.value(QStringLiteral("roleScopeTags")).toArray();
    // Absent from files saved before graphsim served the tags' assignments: none then.
    t.roleScopeTagAssignments = json.value(QStringLiteral("roleScopeTagAssignments")).toObject();
    for (const QJsonValue& value : json.value(QStringLiteral("configurationPolicies")).toArray()) {
        QJsonObject meta = value.toObject();
        SimPolicy policy;
        policy.settings = meta.take(QStringLiteral("settings")).toArray();
        policy.assignments = meta.take(QStringLiteral("assignments")).toArray();
        policy.meta = meta;
        t.policies << policy;
    }
    // secretSettings, templateStates and secretCounter are absent from files saved before
    // restore support: every token then stays valid for any setting, every template active.
    auto readMap = [&json](const char* key, QMap<QString, QString>* map) {
        const QJsonObject object = json.value(QLatin1String(key)).toObject();
        for (auto it = object.constBegin(); it != object.constEnd(); ++it)
            map->insert(it.key(), it.value().toString());
    };
    readMap("secrets", &t.secrets);
    readMap("secretSettings", &t.secretSettings);
    readMap("templateStates", &t.templateStates);
    t.secretCounter = json.value(QStringLiteral("secretCounter")).toString().toULongLong();
    t.reindex();
    *tenant = t;
    return true;
}

} // namespace graphsim
