// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "tools/graphsim/model/ODataMetadata.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QUrl>

#include <utility>

namespace graphsim {

namespace {

enum class Kind
{
    None,
    Policy,
    Setting,
    Assignment,
    Category,
    Definition,
    Template,
    SettingTemplate,
    Filter,
    RoleScopeTag,
    ScopeTagAssignment,
    Group,
};

/// The entity type each entity set is declared with in Graph beta's $metadata; the names
/// are the ones the Graph beta resource pages (and graphsim's own 400 texts) use.
QString declaredType(Kind kind)
{
    switch (kind) {
    case Kind::Policy: return QStringLiteral("microsoft.graph.deviceManagementConfigurationPolicy");
    case Kind::Setting: return QStringLiteral("microsoft.graph.deviceManagementConfigurationSetting");
    case Kind::Assignment: return QStringLiteral("microsoft.graph.deviceManagementConfigurationPolicyAssignment");
    case Kind::Category: return QStringLiteral("microsoft.graph.deviceManagementConfigurationCategory");
    case Kind::Definition: return QStringLiteral("microsoft.graph.deviceManagementConfigurationSettingDefinition");
    case Kind::Template: return QStringLiteral("microsoft.graph.deviceManagementConfigurationPolicyTemplate");
    case Kind::SettingTemplate: return QStringLiteral("microsoft.graph.deviceManagementConfigurationSettingTemplate");
    case Kind::Filter: return QStringLiteral("microsoft.graph.deviceAndAppManagementAssignmentFilter");
    case Kind::RoleScopeTag: return QStringLiteral("microsoft.graph.roleScopeTag");
    case Kind::ScopeTagAssignment: return QStringLiteral("microsoft.graph.roleScopeTagAutoAssignment");
    case Kind::Group: return QStringLiteral("microsoft.graph.group");
    case Kind::None: break;
    }
    return {};
}

const QString kDefinitionSet = QStringLiteral("deviceManagement/configurationSettings");

struct Navigation
{
    QString name;
    Kind kind;
    QString canonicalSet;   ///< where the targets live when not contained in the parent
};

/// The navigation properties graphsim serves (or expands) per type. Directory groups have
/// many more in Graph; graphsim serves none of them, so it links none.
QList<Navigation> navigations(Kind kind)
{
    switch (kind) {
    case Kind::Policy:
        return {{QStringLiteral("assignments"), Kind::Assignment, {}}, {QStringLiteral("settings"), Kind::Setting, {}}};
    case Kind::Setting:
    case Kind::SettingTemplate:
        return {{QStringLiteral("settingDefinitions"), Kind::Definition, kDefinitionSet}};
    case Kind::Template:
        return {{QStringLiteral("settingTemplates"), Kind::SettingTemplate, {}}};
    case Kind::RoleScopeTag:
        return {{QStringLiteral("assignments"), Kind::ScopeTagAssignment, {}}};
    case Kind::None:
    case Kind::Assignment:
    case Kind::Category:
    case Kind::Definition:
    case Kind::Filter:
    case Kind::ScopeTagAssignment:
    case Kind::Group:
        break;
    }
    return {};
}

/// "('key')" with the key quoted the OData way and percent-encoded where a URL needs it.
QString keySegment(const QString& key)
{
    QString quoted = key;
    quoted.replace(u'\'', QStringLiteral("''"));
    return QStringLiteral("('") + QString::fromLatin1(QUrl::toPercentEncoding(quoted, "!$&'()*+,;=:@")) + QStringLiteral("')");
}

/// What a route's body holds: entities of `kind` in set `setPath`, keyed `key` for a single one.
struct Target
{
    Kind kind = Kind::None;
    QString setPath;
    QString key;
};

Target targetOf(const QList<PathSegment>& segments)
{
    static const QList<std::pair<QString, Kind>> deviceManagementSets = {
        {QStringLiteral("configurationPolicies"), Kind::Policy},
        {QStringLiteral("configurationCategories"), Kind::Category},
        {QStringLiteral("configurationSettings"), Kind::Definition},
        {QStringLiteral("configurationPolicyTemplates"), Kind::Template},
        {QStringLiteral("assignmentFilters"), Kind::Filter},
        {QStringLiteral("roleScopeTags"), Kind::RoleScopeTag},
    };
    auto name = [&segments](int i) { return segments.at(i).name; };
    auto key = [&segments](int i) { return segments.at(i).hasKey ? segments.at(i).key : QString(); };
    auto is = [&name](int i, QLatin1String expected) { return name(i).compare(expected, Qt::CaseInsensitive) == 0; };

    if (segments.isEmpty())
        return {};
    if (is(0, QLatin1String("groups")))
        return segments.size() == 1 ? Target{Kind::Group, QStringLiteral("groups"), key(0)} : Target{};
    if (!is(0, QLatin1String("deviceManagement")) || segments.size() < 2)
        return {};
    for (const auto& [set, kind] : deviceManagementSets) {
        if (name(1).compare(set, Qt::CaseInsensitive) != 0)
            continue;
        const QString setPath = QStringLiteral("deviceManagement/") + set;
        if (segments.size() == 2)
            return {kind, setPath, key(1)};
        if (segments.size() != 3 || !segments.at(1).hasKey)
            return {};
        const QString parent = setPath + keySegment(segments.at(1).key);
        if (kind == Kind::Policy && is(2, QLatin1String("settings")))
            return {Kind::Setting, parent + QStringLiteral("/settings"), key(2)};
        // assign answers with the policy's new assignments.
        if (kind == Kind::Policy && (is(2, QLatin1String("assignments")) || is(2, QLatin1String("assign"))))
            return {Kind::Assignment, parent + QStringLiteral("/assignments"), key(2)};
        if (kind == Kind::RoleScopeTag && is(2, QLatin1String("assignments")))
            return {Kind::ScopeTagAssignment, parent + QStringLiteral("/assignments"), key(2)};
        if (kind == Kind::Template && is(2, QLatin1String("settingTemplates")))
            return {Kind::SettingTemplate, parent + QStringLiteral("/settingTemplates"), key(2)};
        return {};
    }
    return {};
}

class Annotator
{
public:
    explicit Annotator(const SimRequest& request)
    {
        const QString origin = request.origin.toString(QUrl::RemovePath | QUrl::RemoveQuery | QUrl::StripTrailingSlash);
        const QString version = request.apiVersion.isEmpty() ? QStringLiteral("beta") : request.apiVersion;
        m_serviceRoot = origin + u'/' + version + u'/';
        for (const auto& [name, value] : request.query.queryItems(QUrl::FullyDecoded)) {
            if (name.compare(QLatin1String("$select"), Qt::CaseInsensitive) == 0
                || name.compare(QLatin1String("select"), Qt::CaseInsensitive) == 0) {
                for (const QString& property : value.split(u',', Qt::SkipEmptyParts))
                    m_select << property.trimmed();
            }
        }
    }

    /// Adds the full-metadata control information to one entity and, recursively, to the
    /// entities expanded inside it. `fallbackKey` serves a single entity whose id $select dropped.
    QJsonObject entity(QJsonObject json, Kind kind, const QString& setPath, const QString& fallbackKey, bool topLevel) const
    {
        const QString declared = declaredType(kind);
        // Settings-catalog definitions (and tenant files) already name their derived types.
        QString type = json.value(QStringLiteral("@odata.type")).toString();
        if (type.startsWith(u'#'))
            type.remove(0, 1);
        if (type.isEmpty()) {
            type = declared;
            json.insert(QStringLiteral("@odata.type"), QString(u'#' + declared));
        }
        QString key = json.value(QStringLiteral("id")).toString();
        if (key.isEmpty())
            key = fallbackKey;
        if (key.isEmpty())
            return json;
        const QString path = setPath + keySegment(key);
        const QString id = m_serviceRoot + path;
        // The edit URL defaults to the id, with a cast segment when the entity's type is
        // derived from the set's declared type (OData JSON Format 4.0, control information).
        const QString editLink = type.compare(declared, Qt::CaseInsensitive) == 0 ? id : QString(id + u'/' + type);
        json.insert(QStringLiteral("@odata.id"), id);
        json.insert(QStringLiteral("@odata.editLink"), editLink);
        for (const Navigation& nav : navigations(kind)) {
            const QJsonValue value = json.value(nav.name);
            if (value.isArray()) {
                const QString childSet = nav.canonicalSet.isEmpty() ? path + u'/' + nav.name : nav.canonicalSet;
                QJsonArray children;
                for (const QJsonValue& child : value.toArray())
                    children.append(entity(child.toObject(), nav.kind, childSet, QString(), false));
                json.insert(nav.name, children);
            } else if (topLevel && !m_select.isEmpty() && !m_select.contains(nav.name, Qt::CaseInsensitive)) {
                continue;
            }
            json.insert(QString(nav.name + QStringLiteral("@odata.navigationLink")), QString(editLink + u'/' + nav.name));
        }
        return json;
    }

private:
    QString m_serviceRoot;
    QStringList m_select;
};

} // namespace

MetadataLevel requestedMetadata(const SimRequest& request)
{
    const QByteArray accept = request.headers.value("accept");
    MetadataLevel best = MetadataLevel::Minimal;
    // Rank: q-value first, then a range that names a metadata level over one that does not.
    std::pair<double, bool> bestRank{-1.0, false};
    for (const QByteArray& range : accept.split(',')) {
        const QList<QByteArray> parts = range.split(';');
        const QByteArray mediaType = parts.value(0).trimmed().toLower();
        if (mediaType != "application/json" && mediaType != "application/*" && mediaType != "*/*")
            continue;
        double q = 1.0;
        bool named = false;
        MetadataLevel level = MetadataLevel::Minimal;
        for (qsizetype i = 1; i < parts.size(); ++i) {
            const QByteArray parameter = parts.at(i).trimmed();
            const qsizetype eq = parameter.indexOf('=');
            if (eq < 0)
                continue;
            const QByteArray name = parameter.left(eq).trimmed().toLower();
            QByteArray value = parameter.mid(eq + 1).trimmed().toLower();
            if (value.size() >= 2 && value.startsWith('"') && value.endsWith('"'))
                value = value.mid(1, value.size() - 2);
            if (name == "q") {
                bool ok = false;
                const double parsed = value.toDouble(&ok);
                q = ok ? parsed : 1.0;
            } else if (name == "odata.metadata" || name == "metadata") {
                named = true;
                level = value == "full" ? MetadataLevel::Full : MetadataLevel::Minimal;
            }
        }
        const std::pair<double, bool> rank{q, named};
        if (q > 0 && rank > bestRank) {
            bestRank = rank;
            best = level;
        }
    }
    return best;
}

void applyFullMetadata(const SimRequest& request, const QList<PathSegment>& segments, SimResponse* response)
{
    static const QByteArray minimal = "odata.metadata=minimal";
    if (response->status < 200 || response->status >= 300 || response->body.isEmpty()
        || !response->contentType.contains(minimal))
        return;
    response->contentType.replace(minimal, "odata.metadata=full");
    const Target target = targetOf(segments);
    QJsonObject body = QJsonDocument::fromJson(response->body).object();
    if (target.kind == Kind::None || body.isEmpty())
        return;
    const Annotator annotator(request);
    if (body.value(QStringLiteral("value")).isArray() && !body.contains(QStringLiteral("id"))) {
        QJsonArray items;
        for (const QJsonValue& item : body.value(QStringLiteral("value")).toArray())
            items.append(annotator.entity(item.toObject(), target.kind, target.setPath, QString(), true));
        body.insert(QStringLiteral("value"), items);
    } else {
        body = annotator.entity(body, target.kind, target.setPath, target.key, true);
    }
    response->body = QJsonDocument(body).toJson(QJsonDocument::Compact);
}

} // namespace graphsim
