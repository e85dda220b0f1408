// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "core/common/CanonicalJson.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonValue>
#include <QLocale>

#include <algorithm>
#include <cmath>
#include <utility>

namespace pv {

namespace {

// Instance and property annotations ("@odata.context", "settings@odata.nextLink",
// "@odata.etag", "@microsoft.graph.tips", …) describe the response, not the object: the
// context URL names the policy's own id, links carry paging tokens. They stay out of the hash.
// "@odata.type" is the exception: it names the derived type (a secret vs. a string value, a
// group vs. an exclusion target), which is configuration.
bool isResponseAnnotation(const QString& key)
{
    const qsizetype at = key.indexOf(u'@');
    if (at < 0)
        return false;
    return QStringView(key).mid(at + 1) != u"odata.type";
}

// A deviceManagementConfigurationSecretSettingValue read back from Graph carries
// `valueState: encryptedValueToken` and a `value` that is a token for the encrypted secret,
// not the secret (GRAPH_NOTES §1.3). The service may hand out another token for the same
// secret, so the token stays out of the hash; it is stored as Graph returned it. A secret in
// any other state (notEncrypted: the plain value, as written) is configuration and is hashed.
// Enum literals are matched case-insensitively, as Graph matches them.
bool isSecretValueToken(const QJsonObject& object)
{
    if (!object.contains(QLatin1String("value")))
        return false;
    if (object.value(QLatin1String("valueState")).toString().compare(QLatin1String("encryptedValueToken"),
                                                                      Qt::CaseInsensitive) != 0)
        return false;
    // With odata.metadata=minimal the type may be left out; valueState alone then decides
    // (only secret values have one).
    const QJsonValue type = object.value(QLatin1String("@odata.type"));
    return type.isUndefined() || type.toString().endsWith(QLatin1String("SecretSettingValue"), Qt::CaseInsensitive);
}

enum class Form { Stored, Hashed };

// The general rules, applied at every depth: drop response annotations and secret value
// tokens from the hashed form; the stored form keeps everything.
QJsonValue normalized(const QJsonValue& value, Form form)
{
    if (value.isArray()) {
        QJsonArray out;
        const QJsonArray array = value.toArray();
        for (const QJsonValue& item : array)
            out.append(normalized(item, form));
        return out;
    }
    if (!value.isObject())
        return value;
    const QJsonObject object = value.toObject();
    const bool dropToken = form == Form::Hashed && isSecretValueToken(object);
    QJsonObject out;
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (form == Form::Hashed && isResponseAnnotation(it.key()))
            continue;
        if (dropToken && it.key() == QLatin1String("value"))
            continue;
        out.insert(it.key(), normalized(it.value(), form));
    }
    return out;
}

// One element of a top-level array, with that array's per-element volatile keys removed from
// the hashed form.
QJsonValue element(const QJsonValue& item, const QStringList& volatileKeys, Form form)
{
    QJsonValue out = normalized(item, form);
    if (form == Form::Hashed && out.isObject() && !volatileKeys.isEmpty()) {
        QJsonObject object = out.toObject();
        for (const QString& key : volatileKeys)
            object.remove(key);
        out = object;
    }
    return out;
}

QJsonArray topLevelArray(const QJsonArray& array, const QStringList& volatileKeys, bool isSet, Form form)
{
    if (!isSet) {
        // Lists keep their order: the order of settings (and of firewall rules inside them)
        // is part of what Intune applies and shows.
        QJsonArray out;
        for (const QJsonValue& item : array)
            out.append(element(item, volatileKeys, form));
        return out;
    }
    // Sets are sorted by each element's hashed form first, so the stored order does not depend
    // on ids Graph assigned (an assignment's id embeds the policy id); the stored form breaks
    // ties, so the stored bytes are deterministic too.
    struct Keyed
    {
        QByteArray hashed;
        QByteArray stored;
        QJsonValue value;
    };
    QList<Keyed> items;
    items.reserve(array.size());
    for (const QJsonValue& item : array) {
        QJsonValue value = element(item, volatileKeys, form);
        items.append(Keyed{canonicalSerialize(element(item, volatileKeys, Form::Hashed)),
                           canonicalSerialize(element(item, volatileKeys, Form::Stored)), std::move(value)});
    }
    std::sort(items.begin(), items.end(), [](const Keyed& a, const Keyed& b) {
        return std::tie(a.hashed, a.stored) < std::tie(b.hashed, b.stored);
    });
    QJsonArray out;
    for (const Keyed& item : std::as_const(items))
        out.append(item.value);
    return out;
}

QJsonObject applyProfile(const QJsonObject& object, const CanonicalProfile& profile, Form form)
{
    QJsonObject out;
    for (auto it = object.begin(); it != object.end(); ++it) {
        const QString& key = it.key();
        if (form == Form::Hashed && (profile.volatileKeys.contains(key) || isResponseAnnotation(key)))
            continue;
        if (!it.value().isArray()) {
            out.insert(key, normalized(it.value(), form));
            continue;
        }
        QStringList elementKeys;
        for (const auto& [array, keys] : profile.elementVolatileKeys) {
            if (array == key)
                elementKeys = keys;
        }
        out.insert(key, topLevelArray(it.value().toArray(), elementKeys, profile.setArrays.contains(key), form));
    }
    return out;
}

void appendString(QByteArray& out, const QString& text)
{
    out.append('"');
    const QByteArray utf8 = text.toUtf8();
    for (const char c : utf8) {
        const auto u = static_cast<unsigned char>(c);
        switch (c) {
        case '"': out.append("\\\""); break;
        case '\\': out.append("\\\\"); break;
        case '\b': out.append("\\b"); break;
        case '\f': out.append("\\f"); break;
        case '\n': out.append("\\n"); break;
        case '\r': out.append("\\r"); break;
        case '\t': out.append("\\t"); break;
        default:
            if (u < 0x20)
                out.append("\\u00").append(QByteArray::number(u, 16).rightJustified(2, '0'));
            else
                out.append(c);
        }
    }
    out.append('"');
}

void appendNumber(QByteArray& out, double number)
{
    // Integers (the only numbers in Intune payloads in practice) print without a fraction
    // or exponent; 2^53 is where doubles stop holding every integer.
    constexpr double ExactIntegerLimit = 9007199254740992.0;
    if (std::trunc(number) == number && std::abs(number) < ExactIntegerLimit)
        out.append(QByteArray::number(static_cast<qint64>(number)));
    else
        out.append(QByteArray::number(number, 'g', QLocale::FloatingPointShortest));
}

void serialize(QByteArray& out, const QJsonValue& value)
{
    switch (value.type()) {
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        out.append("null");
        return;
    case QJsonValue::Bool:
        out.append(value.toBool() ? "true" : "false");
        return;
    case QJsonValue::Double:
        appendNumber(out, value.toDouble());
        return;
    case QJsonValue::String:
        appendString(out, value.toString());
        return;
    case QJsonValue::Array: {
        out.append('[');
        const QJsonArray array = value.toArray();
        bool first = true;
        for (const QJsonValue& item : array) {
            if (!first)
                out.append(',');
            first = false;
            serialize(out, item);
        }
        out.append(']');
        return;
    }
    case QJsonValue::Object: {
        // Sorted here rather than trusting QJsonObject's internal order: the order must not
        // change with a Qt version, and RFC 8785's UTF-16 code-unit order is what other
        // tools (and PostgreSQL later) can reproduce.
        const QJsonObject object = value.toObject();
        QStringList keys = object.keys();
        std::sort(keys.begin(), keys.end(), [](const QString& a, const QString& b) {
            return QStringView(a).compare(QStringView(b), Qt::CaseSensitive) < 0;
        });
        out.append('{');
        bool first = true;
        for (const QString& key : std::as_const(keys)) {
            if (!first)
                out.append(',');
            first = false;
            appendString(out, key);
            out.append(':');
            serialize(out, object.value(key));
        }
        out.append('}');
        return;
    }
    }
}

QStringList keys(std::initializer_list<const char*> names)
{
    QStringList out;
    for (const char* name : names)
        out.append(QString::fromLatin1(name));
    return out;
}

} // namespace

CanonicalProfile CanonicalProfile::configurationPolicy()
{
    CanonicalProfile p;
    // The policy's own id changes when it is deleted and re-created; the timestamps and
    // settingCount are server-maintained (GRAPH_NOTES §1.1: read-only, strip before POST);
    // isAssigned follows the assignments, which are hashed themselves.
    p.volatileKeys = keys({"id", "createdDateTime", "lastModifiedDateTime", "settingCount", "isAssigned"});
    // Assignments and scope tags have no order in Intune: the portal and Graph return them
    // in whatever order they were stored.
    p.setArrays = keys({"assignments", "roleScopeTagIds"});
    p.elementVolatileKeys = {
        // Setting ids are "0", "1", … renumbered by the server on every PUT (§1.5).
        // settingDefinitions (present with $expand) are the catalog's, not the policy's: their
        // `version` moves when Microsoft republishes the catalog. They are stored with the
        // snapshot as references.
        {QStringLiteral("settings"), keys({"id", "settingDefinitions"})},
        // An assignment's id is "{policyId}_{groupId}" and sourceId is the policy id (§1.7):
        // both change with the policy's id.
        {QStringLiteral("assignments"), keys({"id", "sourceId"})},
    };
    return p;
}

CanonicalProfile CanonicalProfile::assignmentFilter()
{
    CanonicalProfile p;
    p.volatileKeys = keys({"id", "createdDateTime", "lastModifiedDateTime"});
    p.setArrays = keys({"roleScopeTags"});
    return p;
}

CanonicalProfile CanonicalProfile::scopeTag()
{
    CanonicalProfile p;
    p.volatileKeys = keys({"id"});
    p.setArrays = keys({"assignments"});
    p.elementVolatileKeys = {{QStringLiteral("assignments"), keys({"id"})}};
    return p;
}

CanonicalProfile CanonicalProfile::reference()
{
    return {};
}

CanonicalProfile CanonicalProfile::forTypeKey(const QString& typeKey)
{
    if (typeKey == u"settingsCatalog" || typeKey == u"endpointSecurity" || typeKey == u"securityBaseline")
        return configurationPolicy();
    if (typeKey == u"assignmentFilters")
        return assignmentFilter();
    if (typeKey == u"scopeTags")
        return scopeTag();
    return reference();
}

CanonicalJson canonical(const QJsonObject& object, const CanonicalProfile& profile)
{
    CanonicalJson out;
    out.canonicalBytes = canonicalSerialize(applyProfile(object, profile, Form::Stored));
    out.hashBytes = canonicalSerialize(applyProfile(object, profile, Form::Hashed));
    out.contentHash = sha256Hex(out.hashBytes);
    return out;
}

QByteArray canonicalSerialize(const QJsonValue& value)
{
    QByteArray out;
    serialize(out, value);
    return out;
}

QString sha256Hex(const QByteArray& data)
{
    return QString::fromLatin1(QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex());
}

} // namespace pv
