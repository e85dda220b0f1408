// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "core/restore/PreviewDiff.h"

#include "core/common/CanonicalJson.h"
#include "core/normalize/Normalizer.h"
#include "core/normalize/RowDiff.h"

#include <QStringList>

#include <algorithm>

namespace pv::restore::diff {

namespace {

const QString Assignments = QStringLiteral("assignments");
const QString Target = QStringLiteral("target");
const QString FilterId = QStringLiteral("deviceAndAppManagementAssignmentFilterId");
const QString FilterType = QStringLiteral("deviceAndAppManagementAssignmentFilterType");

// Not configuration: never shown as a metadata difference.
const QSet<QString> NotMetadata{QStringLiteral("id"), QStringLiteral("settings"), Assignments,
                                QStringLiteral("createdDateTime"), QStringLiteral("lastModifiedDateTime"),
                                QStringLiteral("settingCount"), QStringLiteral("isAssigned"),
                                QStringLiteral("creationSource"), QStringLiteral("priorityMetaData"),
                                QStringLiteral("isBuiltIn"), QStringLiteral("payloads")};

QString readable(const QString& field, const QJsonValue& value, const Names& names)
{
    if (value.isUndefined() || value.isNull())
        return QString();
    if (value.isString())
        return value.toString();
    if (value.isBool())
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    if (value.isDouble())
        return QString::number(value.toDouble());
    if (value.isArray()) {
        QStringList parts;
        for (const QJsonValue& v : value.toArray()) {
            const QString id = v.isString() ? v.toString() : QString::fromUtf8(canonicalSerialize(v));
            const bool tag = field == u"roleScopeTagIds" || field == u"roleScopeTags";
            parts.append(tag && names.scopeTags.contains(id) ? names.scopeTags.value(id) : id);
        }
        return parts.join(QStringLiteral(", "));
    }
    return QString::fromUtf8(canonicalSerialize(value));
}

QJsonValue orNull(const QString& text, bool present)
{
    return present ? QJsonValue(text) : QJsonValue(QJsonValue::Null);
}

// An assignment's target without the bookkeeping: what /assign compares.
QJsonObject targetOf(const QJsonObject& assignment)
{
    const QJsonObject target = assignment.value(Target).toObject();
    QJsonObject out;
    for (auto it = target.begin(); it != target.end(); ++it) {
        if (it.key() == u"@odata.type" || !it.key().startsWith(u'@'))
            out.insert(it.key(), it.value());
    }
    if (out.value(FilterId).toString().isEmpty()) {
        out.remove(FilterId);
        out.remove(FilterType);
    }
    return out;
}

QString describe(const QJsonObject& target, const Names& names)
{
    const QString type = target.value(QStringLiteral("@odata.type")).toString();
    const QString group = target.value(QStringLiteral("groupId")).toString();
    const QString groupName = names.groups.value(group, group);
    QString text;
    if (type.contains(u"exclusionGroup", Qt::CaseInsensitive))
        text = QStringLiteral("Exclude group %1").arg(groupName);
    else if (type.contains(u"allDevices", Qt::CaseInsensitive))
        text = QStringLiteral("All devices");
    else if (type.contains(u"allLicensedUsers", Qt::CaseInsensitive))
        text = QStringLiteral("All users");
    else if (!group.isEmpty())
        text = QStringLiteral("Include group %1").arg(groupName);
    else
        text = type.section(u'.', -1);
    const QString filter = target.value(FilterId).toString();
    if (!filter.isEmpty())
        text += QStringLiteral(" (filter %1, %2)").arg(names.filters.value(filter, filter),
                                                      target.value(FilterType).toString());
    return text;
}

void collectSecrets(const QJsonValue& value, const QString& definitionId, QHash<QString, QString>& out)
{
    if (value.isArray()) {
        for (const QJsonValue& v : value.toArray())
            collectSecrets(v, definitionId, out);
        return;
    }
    if (!value.isObject())
        return;
    const QJsonObject object = value.toObject();
    const QString here = object.contains(QStringLiteral("settingDefinitionId"))
                             ? object.value(QStringLiteral("settingDefinitionId")).toString()
                             : definitionId;
    if (object.value(QStringLiteral("@odata.type")).toString().contains(u"SecretSettingValue", Qt::CaseInsensitive))
        out.insert(here, object.value(QStringLiteral("value")).toString().toLower());
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (it.value().isObject() || it.value().isArray())
            collectSecrets(it.value(), here, out);
    }
}

} // namespace

QJsonArray settings(const normalize::Normalizer& normalizer, const QJsonObject& live, const QJsonObject& captured)
{
    QJsonArray out;
    for (const normalize::RowChange& change : normalize::diffRows(normalizer.policyRows(live), normalizer.policyRows(captured))) {
        const bool hasOld = change.kind != normalize::RowChange::Kind::Added;
        const bool hasNew = change.kind != normalize::RowChange::Kind::Removed;
        out.append(QJsonObject{{QStringLiteral("rowKey"), change.rowKey},
                               {QStringLiteral("setting"), change.row().setting},
                               {QStringLiteral("old"), orNull(change.oldValue(), hasOld)},
                               {QStringLiteral("new"), orNull(change.newValue(), hasNew)}});
    }
    return out;
}

QJsonArray metadata(const QString& typeKey, const QJsonObject& live, const QJsonObject& captured, const Names& names)
{
    const CanonicalProfile profile = CanonicalProfile::forTypeKey(typeKey);
    QStringList keys = live.keys() + captured.keys();
    std::sort(keys.begin(), keys.end());
    keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
    QJsonArray out;
    for (const QString& key : std::as_const(keys)) {
        if (NotMetadata.contains(key) || key.contains(u'@') || profile.volatileKeys.contains(key))
            continue;
        const QJsonValue oldValue = live.value(key);
        const QJsonValue newValue = captured.value(key);
        if (canonicalSerialize(oldValue) == canonicalSerialize(newValue))
            continue;
        // A set (roleScopeTagIds) in another order is the same set.
        if (oldValue.isArray() && newValue.isArray() && profile.setArrays.contains(key)) {
            QStringList a, b;
            for (const QJsonValue& v : oldValue.toArray())
                a.append(QString::fromUtf8(canonicalSerialize(v)));
            for (const QJsonValue& v : newValue.toArray())
                b.append(QString::fromUtf8(canonicalSerialize(v)));
            a.sort();
            b.sort();
            if (a == b)
                continue;
        }
        out.append(QJsonObject{{QStringLiteral("field"), key},
                               {QStringLiteral("old"), orNull(readable(key, oldValue, names), !oldValue.isUndefined())},
                               {QStringLiteral("new"), orNull(readable(key, newValue, names), !newValue.isUndefined())}});
    }
    return out;
}

QJsonObject assignments(const QJsonObject& live, const QJsonObject& captured, const Names& names)
{
    QHash<QByteArray, QJsonObject> liveTargets, capturedTargets;
    for (const QJsonValue& a : live.value(Assignments).toArray()) {
        const QJsonObject t = targetOf(a.toObject());
        liveTargets.insert(canonicalSerialize(t), t);
    }
    for (const QJsonValue& a : captured.value(Assignments).toArray()) {
        const QJsonObject t = targetOf(a.toObject());
        capturedTargets.insert(canonicalSerialize(t), t);
    }
    QStringList added, removed;
    for (auto it = capturedTargets.begin(); it != capturedTargets.end(); ++it) {
        if (!liveTargets.contains(it.key()))
            added.append(describe(it.value(), names));
    }
    for (auto it = liveTargets.begin(); it != liveTargets.end(); ++it) {
        if (!capturedTargets.contains(it.key()))
            removed.append(describe(it.value(), names));
    }
    if (added.isEmpty() && removed.isEmpty())
        return {};
    added.sort();
    removed.sort();
    QStringList parts;
    if (!removed.isEmpty())
        parts.append(QStringLiteral("removes %1 assignment%2").arg(removed.size()).arg(removed.size() == 1 ? QString() : QStringLiteral("s")));
    if (!added.isEmpty())
        parts.append(QStringLiteral("adds %1").arg(added.size()));
    return QJsonObject{{QStringLiteral("summary"), QStringLiteral("/assign with this set %1").arg(parts.join(QStringLiteral(" and ")))},
                       {QStringLiteral("added"), QJsonArray::fromStringList(added)},
                       {QStringLiteral("removed"), QJsonArray::fromStringList(removed)}};
}

QHash<QString, QString> secretTokens(const QJsonObject& policy)
{
    QHash<QString, QString> out;
    collectSecrets(policy.value(QStringLiteral("settings")), QString(), out);
    return out;
}

QString contentHash(const QString& typeKey, const QJsonObject& object, bool withAssignments)
{
    QJsonObject content = object;
    if (!withAssignments)
        content.remove(Assignments);
    return canonical(content, CanonicalProfile::forTypeKey(typeKey)).contentHash;
}

References referencesOf(const QJsonObject& object, bool withAssignments)
{
    References refs;
    for (const QString& key : {QStringLiteral("roleScopeTagIds"), QStringLiteral("roleScopeTags")}) {
        for (const QJsonValue& v : object.value(key).toArray())
            refs.scopeTags.insert(v.toString());
    }
    if (!withAssignments)
        return refs;
    for (const QJsonValue& a : object.value(Assignments).toArray()) {
        const QJsonObject target = a.toObject().value(Target).toObject();
        if (const QString f = target.value(FilterId).toString(); !f.isEmpty())
            refs.filters.insert(f);
        if (const QString g = target.value(QStringLiteral("groupId")).toString(); !g.isEmpty())
            refs.groups.insert(g);
    }
    return refs;
}

} // namespace pv::restore::diff
