// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "core/restore/WriteBody.h"

#include "core/common/CanonicalJson.h"

#include <QJsonDocument>
#include <QSet>

namespace pv::restore {

namespace {

const QString OdataType = QStringLiteral("@odata.type");
const QString ValueState = QStringLiteral("valueState");
const QString DefinitionId = QStringLiteral("settingDefinitionId");
const QString FilterId = QStringLiteral("deviceAndAppManagementAssignmentFilterId");

bool isSecretValue(const QJsonObject& o)
{
    return o.value(OdataType).toString().endsWith(QLatin1String("SecretSettingValue"), Qt::CaseInsensitive)
        || (o.contains(ValueState) && o.contains(QStringLiteral("value")));
}

/// `@odata.context`, `*@odata.nextLink`, `@odata.id`, …: response annotations, never sent.
bool isAnnotation(const QString& key)
{
    return key.contains(QLatin1String("@odata.")) && key != OdataType;
}

QJsonValue stripAnnotations(const QJsonValue& value)
{
    if (value.isArray()) {
        QJsonArray out;
        for (const QJsonValue& v : value.toArray())
            out.append(stripAnnotations(v));
        return out;
    }
    if (!value.isObject())
        return value;
    QJsonObject out;
    const QJsonObject in = value.toObject();
    for (auto it = in.begin(); it != in.end(); ++it) {
        if (!isAnnotation(it.key()))
            out.insert(it.key(), stripAnnotations(it.value()));
    }
    return out;
}

/// Secret values in document order, keyed by "<definition id>#<occurrence>".
void collectSecrets(const QJsonValue& value, const QString& definition, QHash<QString, int>& seen,
                    QHash<QString, QString>& tokens)
{
    if (value.isArray()) {
        for (const QJsonValue& v : value.toArray())
            collectSecrets(v, definition, seen, tokens);
        return;
    }
    if (!value.isObject())
        return;
    const QJsonObject o = value.toObject();
    const QString current = o.contains(DefinitionId) ? o.value(DefinitionId).toString() : definition;
    if (isSecretValue(o)) {
        const int n = seen[current]++;
        tokens.insert(current + QLatin1Char('#') + QString::number(n), o.value(QStringLiteral("value")).toString());
        return;
    }
    for (auto it = o.begin(); it != o.end(); ++it)
        collectSecrets(it.value(), current, seen, tokens);
}

struct SecretRewrite
{
    const QHash<QString, QString>& liveTokens;
    const QHash<QString, QString>& supplied;
    QHash<QString, int> seen;
    QStringList missing;

    QJsonValue apply(const QJsonValue& value, const QString& definition)
    {
        if (value.isArray()) {
            QJsonArray out;
            for (const QJsonValue& v : value.toArray())
                out.append(apply(v, definition));
            return out;
        }
        if (!value.isObject())
            return value;
        QJsonObject o = value.toObject();
        const QString current = o.contains(DefinitionId) ? o.value(DefinitionId).toString() : definition;
        if (isSecretValue(o)) {
            const QString key = current + QLatin1Char('#') + QString::number(seen[current]++);
            const QString token = o.value(QStringLiteral("value")).toString();
            if (!token.isEmpty() && liveTokens.value(key) == token) {
                o.insert(ValueState, QStringLiteral("encryptedValueToken"));
            } else if (supplied.contains(current)) {
                o.insert(QStringLiteral("value"), supplied.value(current));
                o.insert(ValueState, QStringLiteral("notEncrypted"));
            } else {
                if (!missing.contains(current))
                    missing.append(current);
            }
            return o;
        }
        for (auto it = o.begin(); it != o.end(); ++it)
            it.value() = apply(it.value(), current);
        return o;
    }
};

QJsonArray mapIds(const QJsonArray& ids, const IdMap& map)
{
    QJsonArray out;
    for (const QJsonValue& v : ids)
        out.append(map.value(v.toString(), v.toString()));
    return out;
}

QJsonObject mapTarget(QJsonObject target, const IdMap& map)
{
    const QString filter = target.value(FilterId).toString();
    if (!filter.isEmpty() && map.contains(filter))
        target.insert(FilterId, map.value(filter));
    return target;
}

QByteArray compactJson(const QJsonObject& o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

} // namespace

bool isPolicyType(const QString& typeKey)
{
    return typeKey == u"settingsCatalog" || typeKey == u"endpointSecurity" || typeKey == u"securityBaseline";
}

QString nameProperty(const QString& typeKey)
{
    return isPolicyType(typeKey) ? QStringLiteral("name") : QStringLiteral("displayName");
}

Result<WriteBody> objectBody(const QString& typeKey, const QJsonObject& captured, const SecretValues& secrets,
                             const IdMap& ids)
{
    QJsonObject body = stripAnnotations(captured).toObject();
    for (const char* key : {"id", "createdDateTime", "lastModifiedDateTime", "settingCount", "isAssigned",
                            "supportsScopeTags", "assignments", "settingDefinitions", "modifiedDateTime", "isBuiltIn",
                            "payloads"})
        body.remove(QLatin1String(key));
    if (body.contains(QStringLiteral("roleScopeTagIds")))
        body.insert(QStringLiteral("roleScopeTagIds"), mapIds(body.value(QStringLiteral("roleScopeTagIds")).toArray(), ids));
    if (isPolicyType(typeKey)) {
        // Only the template id is the write model; its case is kept exactly as captured.
        const QString templateId = body.value(QStringLiteral("templateReference")).toObject()
                                       .value(QStringLiteral("templateId")).toString();
        body.insert(QStringLiteral("templateReference"), QJsonObject{{QStringLiteral("templateId"), templateId}});
        QJsonArray settings;
        for (const QJsonValue& v : body.value(QStringLiteral("settings")).toArray()) {
            QJsonObject setting = v.toObject();
            setting.remove(QStringLiteral("id"));   // the service renumbers them
            setting.remove(QStringLiteral("settingDefinitions"));
            settings.append(setting);
        }
        QHash<QString, int> seen;
        QHash<QString, QString> liveTokens;
        collectSecrets(secrets.live.value(QStringLiteral("settings")), {}, seen, liveTokens);
        SecretRewrite rewrite{liveTokens, secrets.supplied, {}, {}};
        body.insert(QStringLiteral("settings"), rewrite.apply(settings, {}));
        if (!rewrite.missing.isEmpty())
            return fail(ErrorCode::InvalidArgument,
                        QStringLiteral("secret settings whose stored value token is no longer the live one and for which "
                                       "no value was supplied: %1").arg(rewrite.missing.join(QStringLiteral(", "))));
    }
    WriteBody out;
    out.json = compactJson(body);
    out.sha256 = sha256Hex(out.json);
    return out;
}

WriteBody assignBody(const QJsonArray& capturedAssignments, const IdMap& ids)
{
    QJsonArray assignments;
    for (const QJsonValue& v : capturedAssignments) {
        const QJsonObject target = stripAnnotations(v.toObject().value(QStringLiteral("target"))).toObject();
        QJsonObject targetOut = mapTarget(target, ids);
        assignments.append(QJsonObject{{QStringLiteral("target"), targetOut}});
    }
    WriteBody out;
    out.json = compactJson(QJsonObject{{QStringLiteral("assignments"), assignments}});
    out.sha256 = sha256Hex(out.json);
    return out;
}

QString assignmentsHash(const QJsonArray& assignments, const IdMap& ids)
{
    QStringList targets;
    for (const QJsonValue& v : assignments)
        targets.append(QString::fromUtf8(canonicalSerialize(
            stripAnnotations(mapTarget(v.toObject().value(QStringLiteral("target")).toObject(), ids)))));
    targets.sort();
    return sha256Hex(targets.join(QLatin1Char('\n')).toUtf8());
}

namespace {

QJsonObject comparable(const QString& typeKey, QJsonObject object, bool withAssignments, const IdMap& ids)
{
    if (!withAssignments || typeKey == u"scopeTags")
        object.remove(QStringLiteral("assignments"));
    if (object.contains(QStringLiteral("roleScopeTagIds")))
        object.insert(QStringLiteral("roleScopeTagIds"), mapIds(object.value(QStringLiteral("roleScopeTagIds")).toArray(), ids));
    if (object.contains(QStringLiteral("assignments"))) {
        QJsonArray mapped;
        for (const QJsonValue& v : object.value(QStringLiteral("assignments")).toArray()) {
            QJsonObject a = v.toObject();
            a.insert(QStringLiteral("target"), mapTarget(a.value(QStringLiteral("target")).toObject(), ids));
            mapped.append(a);
        }
        object.insert(QStringLiteral("assignments"), mapped);
    }
    // What Graph itself keeps apart from what was written: the template's display fields are
    // the catalog's, the source of an assignment is Graph's.
    return object;
}

} // namespace

QString comparableHash(const QString& typeKey, QJsonObject object, bool withAssignments, const IdMap& ids)
{
    return canonical(comparable(typeKey, std::move(object), withAssignments, ids), CanonicalProfile::forTypeKey(typeKey))
        .contentHash;
}

QString describeDifference(const QString& typeKey, const QJsonObject& intended, const QJsonObject& actual,
                           bool withAssignments, const IdMap& ids)
{
    const CanonicalProfile profile = CanonicalProfile::forTypeKey(typeKey);
    const QJsonObject a = QJsonDocument::fromJson(canonical(comparable(typeKey, intended, withAssignments, ids), profile).hashBytes).object();
    const QJsonObject b = QJsonDocument::fromJson(canonical(comparable(typeKey, actual, withAssignments, {}), profile).hashBytes).object();
    QStringList fields;
    QSet<QString> keys(a.keys().begin(), a.keys().end());
    for (const QString& k : b.keys())
        keys.insert(k);
    QStringList sorted(keys.begin(), keys.end());
    sorted.sort();
    for (const QString& key : std::as_const(sorted)) {
        if (key == u"settings" || a.value(key) == b.value(key))
            continue;
        fields.append(key);
    }
    // Settings: which definitions' instances differ (by their canonical form).
    auto byDefinition = [](const QJsonObject& o) {
        QHash<QString, QStringList> out;
        for (const QJsonValue& v : o.value(QStringLiteral("settings")).toArray()) {
            const QJsonObject instance = v.toObject().value(QStringLiteral("settingInstance")).toObject();
            out[instance.value(DefinitionId).toString()].append(QString::fromUtf8(canonicalSerialize(instance)));
        }
        return out;
    };
    const auto sa = byDefinition(a);
    const auto sb = byDefinition(b);
    QStringList settings;
    QSet<QString> defs(sa.keyBegin(), sa.keyEnd());
    for (auto it = sb.keyBegin(); it != sb.keyEnd(); ++it)
        defs.insert(*it);
    for (const QString& d : defs) {
        if (sa.value(d) != sb.value(d))
            settings.append(d);
    }
    settings.sort();
    QStringList parts;
    if (!fields.isEmpty())
        parts.append(QStringLiteral("fields: %1").arg(fields.join(QStringLiteral(", "))));
    if (!settings.isEmpty())
        parts.append(QStringLiteral("settings: %1").arg(settings.join(QStringLiteral(", "))));
    return parts.isEmpty() ? QStringLiteral("the content hashes differ") : parts.join(QStringLiteral("; "));
}

} // namespace pv::restore
