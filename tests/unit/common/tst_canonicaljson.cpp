// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "core/common/CanonicalJson.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <functional>
#include <variant>

using namespace pv;

namespace {

QJsonObject readSample(const char* name)
{
    QFile file(QStringLiteral(PV_TEST_DATA_DIR "/graph/") + QLatin1String(name));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", name);
    return QJsonDocument::fromJson(file.readAll()).object();
}

QJsonArray values(const char* sample)
{
    return readSample(sample).value(QLatin1String("value")).toArray();
}

// A hydrated policy as capture builds it from real samples: the list entry, its settings page
// (with expanded definitions) and its assignments, with the annotations Graph puts beside them.
QJsonObject firewallPolicy()
{
    QJsonObject policy = values("sc-policies-page1.json").at(1).toObject();   // id 9c2b7e44-…
    policy.insert(QStringLiteral("@odata.context"),
                  QStringLiteral("https://graph.microsoft.com/beta/$metadata#deviceManagement/configurationPolicies/$entity"));
    policy.insert(QStringLiteral("settings@odata.context"),
                  readSample("sc-settings-firewall-rules.json").value(QLatin1String("@odata.context")));
    policy.insert(QStringLiteral("settings"), values("sc-settings-firewall-rules.json"));
    policy.insert(QStringLiteral("assignments"), values("sc-assignments-list.json"));
    policy.insert(QStringLiteral("roleScopeTagIds"), QJsonArray{QStringLiteral("0"), QStringLiteral("7")});
    return policy;
}

QJsonObject edrPolicy()
{
    QJsonObject policy = values("sc-policies-page1.json").at(0).toObject();
    policy.insert(QStringLiteral("id"), QStringLiteral("e1d2c3b4-a596-4877-8899-aabbccddeeff"));
    policy.insert(QStringLiteral("name"), QStringLiteral("EDR onboarding"));
    policy.insert(QStringLiteral("settings"), values("sc-settings-edr-secret.json"));
    return policy;
}

// Edits a value at a path of keys and array indexes, e.g. {"settings", 0, "id"}.
using PathStep = std::variant<QString, int>;
QJsonValue edited(const QJsonValue& node, QList<PathStep> path, const std::function<QJsonValue(QJsonValue)>& change)
{
    if (path.isEmpty())
        return change(node);
    const PathStep step = path.takeFirst();
    if (const auto* index = std::get_if<int>(&step)) {
        QJsonArray array = node.toArray();
        array.replace(*index, edited(array.at(*index), path, change));
        return array;
    }
    const QString key = std::get<QString>(step);
    QJsonObject object = node.toObject();
    object.insert(key, edited(object.value(key), path, change));
    return object;
}
QJsonValue at(QJsonValue node, const QList<PathStep>& path)
{
    for (const PathStep& step : path) {
        if (const auto* index = std::get_if<int>(&step))
            node = node.toArray().at(*index);
        else
            node = node.toObject().value(std::get<QString>(step));
    }
    return node;
}
QJsonObject set(const QJsonObject& policy, const QList<PathStep>& path, const QJsonValue& value)
{
    return edited(policy, path, [&value](const QJsonValue&) { return value; }).toObject();
}
QJsonObject withArray(const QJsonObject& policy, const QString& key, const std::function<QJsonArray(QJsonArray)>& change)
{
    QJsonObject out = policy;
    out.insert(key, change(policy.value(key).toArray()));
    return out;
}
QJsonArray reversed(const QJsonArray& array)
{
    QJsonArray out;
    for (qsizetype i = array.size() - 1; i >= 0; --i)
        out.append(array.at(i));
    return out;
}

// JSON text with every object's keys in reverse order (QJsonDocument would sort them).
QByteArray reversedKeyText(const QJsonValue& value)
{
    if (value.isObject()) {
        const QJsonObject object = value.toObject();
        QStringList keys = object.keys();
        std::reverse(keys.begin(), keys.end());
        QByteArray out = "{";
        for (const QString& key : std::as_const(keys)) {
            if (out.size() > 1)
                out += ',';
            out += QJsonDocument(QJsonArray{key}).toJson(QJsonDocument::Compact).mid(1).chopped(1) + ':'
                   + reversedKeyText(object.value(key));
        }
        return out + '}';
    }
    if (value.isArray()) {
        QByteArray out = "[";
        const QJsonArray array = value.toArray();
        for (const QJsonValue& item : array) {
            if (out.size() > 1)
                out += ',';
            out += reversedKeyText(item);
        }
        return out + ']';
    }
    return QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact).mid(1).chopped(1);
}

// The secret child of the EDR sample: settings[0] → choice → children[0] → simpleSettingValue.
const QList<PathStep> SecretValue{QStringLiteral("settings"), 0, QStringLiteral("settingInstance"),
                                  QStringLiteral("choiceSettingValue"), QStringLiteral("children"), 0,
                                  QStringLiteral("simpleSettingValue")};

// Rule 1 of the firewall sample: settings[0] → group collection → [0] → children.
const QList<PathStep> FirstRule{QStringLiteral("settings"), 0, QStringLiteral("settingInstance"),
                                QStringLiteral("groupSettingCollectionValue"), 0, QStringLiteral("children")};

QJsonObject recreated(const QJsonObject& policy)
{
    // Deleted and re-created with the same configuration: Graph assigns a new id, new
    // assignment ids ("{policyId}_{groupId}") and sourceIds, renumbers the settings, and
    // stamps new times; the context URLs name the new id.
    const QString newId = QStringLiteral("0b0b0b0b-1111-4222-8333-444455556666");
    QJsonObject out = policy;
    out.insert(QStringLiteral("id"), newId);
    out.insert(QStringLiteral("createdDateTime"), QStringLiteral("2026-11-30T10:00:00.0000000Z"));
    out.insert(QStringLiteral("lastModifiedDateTime"), QStringLiteral("2026-11-30T10:00:00.0000000Z"));
    out.insert(QStringLiteral("settings@odata.context"),
               QStringLiteral("https://graph.microsoft.com/beta/$metadata#deviceManagement/configurationPolicies('%1')/settings")
                   .arg(newId));
    out = withArray(out, QStringLiteral("settings"), [](QJsonArray settings) {
        for (qsizetype i = 0; i < settings.size(); ++i) {
            QJsonObject s = settings.at(i).toObject();
            s.insert(QStringLiteral("id"), QString::number(i + 10));
            settings.replace(i, s);
        }
        return settings;
    });
    return withArray(out, QStringLiteral("assignments"), [&newId](QJsonArray assignments) {
        for (qsizetype i = 0; i < assignments.size(); ++i) {
            QJsonObject a = assignments.at(i).toObject();
            const QString groupPart = a.value(QLatin1String("id")).toString().section(u'_', 1);
            a.insert(QStringLiteral("id"), QString(newId + u'_' + groupPart));
            a.insert(QStringLiteral("sourceId"), newId);
            assignments.replace(i, a);
        }
        return reversed(assignments);
    });
}

enum class Expect { SameHashSameBytes, SameHashOtherBytes, OtherHash };

} // namespace

Q_DECLARE_METATYPE(Expect)

class TestCanonicalJson final : public QObject
{
    Q_OBJECT

private slots:
    void firewallVariants_data()
    {
        QTest::addColumn<QJsonObject>("changed");
        QTest::addColumn<Expect>("expect");
        const QJsonObject p = firewallPolicy();
        QVERIFY(p.value(QLatin1String("settings")).toArray().size() == 1);
        QVERIFY(p.value(QLatin1String("assignments")).toArray().size() == 3);
        QVERIFY(at(p, FirstRule).toArray().size() > 5);

        QTest::addRow("keys reordered in the text")
            << QJsonDocument::fromJson(reversedKeyText(p)).object() << Expect::SameHashSameBytes;
        QTest::addRow("assignments reordered")
            << withArray(p, QStringLiteral("assignments"), reversed) << Expect::SameHashSameBytes;
        QTest::addRow("roleScopeTagIds reordered")
            << withArray(p, QStringLiteral("roleScopeTagIds"), reversed) << Expect::SameHashSameBytes;
        QTest::addRow("firewall rule children reordered")
            << set(p, FirstRule, reversed(at(p, FirstRule).toArray()))
            << Expect::OtherHash;
        QTest::addRow("policy id") << set(p, {QStringLiteral("id")}, QStringLiteral("11111111-2222-4333-8444-555555555555"))
                                   << Expect::SameHashOtherBytes;
        QTest::addRow("lastModifiedDateTime")
            << set(p, {QStringLiteral("lastModifiedDateTime")}, QStringLiteral("2026-12-01T08:00:00.1234567Z"))
            << Expect::SameHashOtherBytes;
        QTest::addRow("createdDateTime")
            << set(p, {QStringLiteral("createdDateTime")}, QStringLiteral("2026-12-01T08:00:00.1234567Z"))
            << Expect::SameHashOtherBytes;
        QTest::addRow("settingCount") << set(p, {QStringLiteral("settingCount")}, 9) << Expect::SameHashOtherBytes;
        QTest::addRow("isAssigned") << set(p, {QStringLiteral("isAssigned")}, false) << Expect::SameHashOtherBytes;
        QTest::addRow("@odata.context")
            << set(p, {QStringLiteral("@odata.context")},
                   QStringLiteral("https://graph.microsoft.com/beta/$metadata#deviceManagement/configurationPolicies(settings(),assignments())/$entity"))
            << Expect::SameHashOtherBytes;
        QTest::addRow("settings@odata.nextLink added")
            << set(p, {QStringLiteral("settings@odata.nextLink")}, QStringLiteral("https://graph.microsoft.com/beta/x?$skiptoken=abc"))
            << Expect::SameHashOtherBytes;
        QTest::addRow("setting id") << set(p, {QStringLiteral("settings"), 0, QStringLiteral("id")}, QStringLiteral("4"))
                                    << Expect::SameHashOtherBytes;
        QTest::addRow("assignment id and sourceId")
            << set(set(p, {QStringLiteral("assignments"), 0, QStringLiteral("id")}, QStringLiteral("x_y")),
                   {QStringLiteral("assignments"), 0, QStringLiteral("sourceId")}, QStringLiteral("x"))
            << Expect::SameHashOtherBytes;
        QTest::addRow("definition version republished")
            << set(p, {QStringLiteral("settings"), 0, QStringLiteral("settingDefinitions"), 0, QStringLiteral("version")},
                   QStringLiteral("639999999999999999"))
            << Expect::SameHashOtherBytes;
        QTest::addRow("deleted and re-created") << recreated(p) << Expect::SameHashOtherBytes;

        QTest::addRow("rule protocol 6 -> 17")
            << edited(p, FirstRule, [](QJsonValue children) {
                   QJsonArray array = children.toArray();
                   for (qsizetype i = 0; i < array.size(); ++i) {
                       QJsonObject child = array.at(i).toObject();
                       if (!child.value(QLatin1String("settingDefinitionId")).toString().endsWith(QLatin1String("_protocol")))
                           continue;
                       QJsonObject value = child.value(QLatin1String("simpleSettingValue")).toObject();
                       value.insert(QStringLiteral("value"), value.value(QLatin1String("value")).toInt() == 17 ? 6 : 17);
                       child.insert(QStringLiteral("simpleSettingValue"), value);
                       array.replace(i, child);
                   }
                   return array;
               }).toObject()
            << Expect::OtherHash;
        QTest::addRow("assignment group")
            << set(p, {QStringLiteral("assignments"), 2, QStringLiteral("target"), QStringLiteral("groupId")},
                   QStringLiteral("99999999-b5a6-4978-8a9b-c0d1e2f3a4b5"))
            << Expect::OtherHash;
        QTest::addRow("assignment filter mode")
            << set(p, {QStringLiteral("assignments"), 2, QStringLiteral("target"),
                       QStringLiteral("deviceAndAppManagementAssignmentFilterType")}, QStringLiteral("exclude"))
            << Expect::OtherHash;
        QTest::addRow("assignment removed")
            << withArray(p, QStringLiteral("assignments"), [](QJsonArray a) { a.removeAt(1); return a; })
            << Expect::OtherHash;
        QTest::addRow("scope tag added")
            << withArray(p, QStringLiteral("roleScopeTagIds"), [](QJsonArray a) { a.append(QStringLiteral("9")); return a; })
            << Expect::OtherHash;
        QTest::addRow("name") << set(p, {QStringLiteral("name")}, QStringLiteral("ES - Firewall rules - renamed"))
                              << Expect::OtherHash;
        QTest::addRow("template reference")
            << set(p, {QStringLiteral("templateReference"), QStringLiteral("templateId")},
                   QStringLiteral("19c8aa67-f286-4861-9aa0-f23541d31680_2"))
            << Expect::OtherHash;
    }

    void firewallVariants()
    {
        QFETCH(QJsonObject, changed);
        QFETCH(Expect, expect);
        const CanonicalProfile profile = CanonicalProfile::forTypeKey(QStringLiteral("endpointSecurity"));
        const CanonicalJson base = canonical(firewallPolicy(), profile);
        const CanonicalJson other = canonical(changed, profile);
        switch (expect) {
        case Expect::SameHashSameBytes:
            QCOMPARE(other.contentHash, base.contentHash);
            QCOMPARE(other.canonicalBytes, base.canonicalBytes);
            break;
        case Expect::SameHashOtherBytes:
            QCOMPARE(other.contentHash, base.contentHash);
            QVERIFY(other.canonicalBytes != base.canonicalBytes);
            break;
        case Expect::OtherHash:
            QVERIFY(other.contentHash != base.contentHash);
            break;
        }
    }

    void settingsKeepTheirOrder()
    {
        // Two settings swapped: a list, not a set.
        QJsonObject p = edrPolicy();
        QJsonArray settings = values("sc-settings-ordinary.json");
        QVERIFY(settings.size() >= 2);
        p.insert(QStringLiteral("settings"), settings);
        const CanonicalProfile profile = CanonicalProfile::configurationPolicy();
        const CanonicalJson a = canonical(p, profile);
        const CanonicalJson b = canonical(withArray(p, QStringLiteral("settings"), reversed), profile);
        QVERIFY(a.contentHash != b.contentHash);
    }

    void secretTokenIsStoredNotHashed()
    {
        const QJsonObject p = edrPolicy();
        const QJsonObject secret = at(p, SecretValue).toObject();
        QCOMPARE(secret.value(QLatin1String("valueState")).toString(), QStringLiteral("encryptedValueToken"));
        const QString token = secret.value(QLatin1String("value")).toString();
        QVERIFY(!token.isEmpty());

        const CanonicalProfile profile = CanonicalProfile::forTypeKey(QStringLiteral("endpointSecurity"));
        const CanonicalJson base = canonical(p, profile);
        QVERIFY(base.canonicalBytes.contains(token.toLatin1()));
        QVERIFY(!base.hashBytes.contains(token.toLatin1()));

        const QString otherToken = QStringLiteral("0d1e2f3a-0000-4000-8000-123456789abc");
        const CanonicalJson rotated = canonical(set(p, SecretValue + QList<PathStep>{QStringLiteral("value")}, otherToken),
                                                profile);
        QCOMPARE(rotated.contentHash, base.contentHash);
        QVERIFY(rotated.canonicalBytes != base.canonicalBytes);
        QVERIFY(rotated.canonicalBytes.contains(otherToken.toLatin1()));
    }

    void plainSecretIsConfiguration()
    {
        // A secret set as plain text (valueState notEncrypted) is what the admin typed: hashed.
        const QJsonObject p = set(edrPolicy(), SecretValue + QList<PathStep>{QStringLiteral("valueState")},
                                  QStringLiteral("notEncrypted"));
        const CanonicalProfile profile = CanonicalProfile::configurationPolicy();
        const CanonicalJson a = canonical(p, profile);
        const CanonicalJson b = canonical(set(p, SecretValue + QList<PathStep>{QStringLiteral("value")},
                                              QStringLiteral("another onboarding blob")), profile);
        QVERIFY(a.contentHash != b.contentHash);
    }

    void storedBytesKeepEverything()
    {
        const QJsonObject p = firewallPolicy();
        const CanonicalJson c = canonical(p, CanonicalProfile::configurationPolicy());
        QJsonParseError error{};
        const QJsonObject back = QJsonDocument::fromJson(c.canonicalBytes, &error).object();
        QCOMPARE(error.error, QJsonParseError::NoError);
        QCOMPARE(back.keys(), p.keys());
        QCOMPARE(back.value(QLatin1String("settings")), p.value(QLatin1String("settings")));
        QCOMPARE(back.value(QLatin1String("assignments")).toArray().size(), 3);
        // Canonical form is a fixed point.
        QCOMPARE(canonical(back, CanonicalProfile::configurationPolicy()).canonicalBytes, c.canonicalBytes);
        QCOMPARE(c.contentHash, sha256Hex(c.hashBytes));
        QCOMPARE(c.contentHash.size(), 64);
    }

    void serializer()
    {
        const QJsonObject o = QJsonDocument::fromJson(
            "{\"b\":1,\"a\":\"x\\n\\u0001\\\"\u00e9\",\"B\":[true,null,2.5,-3,1e21],\"aa\":{}}").object();
        QCOMPARE(canonicalSerialize(o), QByteArray("{\"B\":[true,null,2.5,-3,1e+21],\"a\":\"x\\n\\u0001\\\"\u00e9\",\"aa\":{},\"b\":1}"));
    }

    void scopeTagAndFilterProfiles()
    {
        const QJsonObject filter{{QStringLiteral("id"), QStringLiteral("8e7d6c5b-4a39-4281-b0c9-d8e7f6a5b4c3")},
                                 {QStringLiteral("displayName"), QStringLiteral("Corporate Windows")},
                                 {QStringLiteral("platform"), QStringLiteral("windows10AndLater")},
                                 {QStringLiteral("rule"), QStringLiteral("(device.deviceOwnership -eq \"Corporate\")")},
                                 {QStringLiteral("roleScopeTags"), QJsonArray{QStringLiteral("0"), QStringLiteral("3")}},
                                 {QStringLiteral("lastModifiedDateTime"), QStringLiteral("2024-06-11T14:22:05Z")}};
        const CanonicalProfile profile = CanonicalProfile::forTypeKey(QStringLiteral("assignmentFilters"));
        const QString hash = canonical(filter, profile).contentHash;
        QCOMPARE(canonical(withArray(set(filter, {QStringLiteral("id")}, QStringLiteral("new")),
                                     QStringLiteral("roleScopeTags"), reversed), profile).contentHash, hash);
        QVERIFY(canonical(set(filter, {QStringLiteral("rule")}, QStringLiteral("(device.osVersion -eq \"10\")")), profile)
                    .contentHash != hash);
    }
};

QTEST_GUILESS_MAIN(TestCanonicalJson)
#include "tst_canonicaljson.moc"
