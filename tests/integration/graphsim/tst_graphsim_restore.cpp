// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
// What a restore job needs of graphsim, over real HTTPS: settings-catalog create/PUT/assign read
// back as written, secret tokens (kept, invalidated, re-set), filter and scope tag writes with
// their validation, retired templates, write faults after apply with the write log saying what
// was applied, and /_sim/mutate's exact change reports.
#include "GraphsimTestClient.h"

#include "tools/graphsim/server/SimServer.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>
#include <QUrl>

#include <memory>

using namespace graphsim;

class TestGraphsimRestore : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void createPutAssignReadBack();
    void secretTokens();
    void deletingAPolicyEndsItsSecretTokens();
    void assignmentFilterWrites();
    void scopeTagWrites();
    void retiredTemplates();
    void responseLostAfterApply_data();
    void responseLostAfterApply();
    void writeFaultsCountOnlyAppliedMatchingWrites();
    void droppedNoContentIsCutInTheStatusLine();
    void writeFaultsInsideBatch();
    void mutateReportsAssignmentChanges_data();
    void mutateReportsAssignmentChanges();
    void mutateReportsSettingRenameDelete();

private:
    HttpResult graph(const QByteArray& method, const QString& path, const QJsonObject& body = {});
    QJsonObject get(const QString& path);
    QJsonObject policyByName(const QString& name);
    QJsonArray settingsOf(const QString& id);
    /// The body a restore sends for a policy as read (server fields and read-only members gone).
    QJsonObject writeBody(const QString& id, const QString& name = {});
    QJsonArray writes() { return m_client->sim(QStringLiteral("writes")).value(QStringLiteral("value")).toArray(); }

    std::unique_ptr<SimServer> m_server;
    std::unique_ptr<GraphsimTestClient> m_client;
    QByteArray m_token;
};

namespace {

const QString Policies = QStringLiteral("/beta/deviceManagement/configurationPolicies");
const QString Filters = QStringLiteral("/beta/deviceManagement/assignmentFilters");
const QString Tags = QStringLiteral("/beta/deviceManagement/roleScopeTags");
const QString EdrOnboarding = QStringLiteral("device_vendor_msft_windowsadvancedthreatprotection_onboarding");

QString message(const HttpResult& r)
{
    return r.json().value(QStringLiteral("error")).toObject().value(QStringLiteral("message")).toString();
}

QString quoted(const QString& text)
{
    return QString::fromLatin1(QUrl::toPercentEncoding(QStringLiteral("'%1'").arg(QString(text).replace(u'\'', QStringLiteral("''")))));
}

/// The secret value object of the EDR onboarding setting inside a settings collection.
QJsonObject secretValue(const QJsonValue& value)
{
    if (value.isArray()) {
        for (const QJsonValue& child : value.toArray()) {
            const QJsonObject found = secretValue(child);
            if (!found.isEmpty())
                return found;
        }
    } else if (value.isObject()) {
        const QJsonObject object = value.toObject();
        if (object.value(QStringLiteral("settingDefinitionId")).toString() == EdrOnboarding)
            return object.value(QStringLiteral("simpleSettingValue")).toObject();
        for (const QJsonValue& child : object) {
            const QJsonObject found = secretValue(child);
            if (!found.isEmpty())
                return found;
        }
    }
    return {};
}

/// body with the EDR secret value replaced.
QJsonValue withSecret(const QJsonValue& value, const QString& state, const QString& text)
{
    if (value.isArray()) {
        QJsonArray out;
        for (const QJsonValue& child : value.toArray())
            out.append(withSecret(child, state, text));
        return out;
    }
    if (!value.isObject())
        return value;
    QJsonObject object = value.toObject();
    if (object.value(QStringLiteral("settingDefinitionId")).toString() == EdrOnboarding) {
        QJsonObject secret = object.value(QStringLiteral("simpleSettingValue")).toObject();
        secret.insert(QStringLiteral("valueState"), state);
        secret.insert(QStringLiteral("value"), text);
        object.insert(QStringLiteral("simpleSettingValue"), secret);
        return object;
    }
    for (auto it = object.begin(); it != object.end(); ++it)
        it.value() = withSecret(it.value(), state, text);
    return object;
}

QJsonArray targets(const QJsonArray& assignments)
{
    QJsonArray out;
    for (const QJsonValue& a : assignments)
        out.append(a.toObject().value(QStringLiteral("target")));
    return out;
}

} // namespace

void TestGraphsimRestore::initTestCase()
{
    SimOptions options;
    options.tenantProfiles = {QStringLiteral("demo")};
    options.seed = 11;
    m_server = std::make_unique<SimServer>(options);
    QString error;
    QVERIFY2(m_server->start(&error), qPrintable(error));
    m_client = std::make_unique<GraphsimTestClient>(*m_server, true);   // HTTPS, as the app talks
    m_token = m_client->token();
    QVERIFY(!m_token.isEmpty());
}

void TestGraphsimRestore::init()
{
    const QJsonObject reset = m_client->sim(QStringLiteral("reset"), QJsonObject{{QStringLiteral("all"), true}});
    QVERIFY(reset.value(QStringLiteral("reset")).toBool());
    m_token = m_client->token();
}

HttpResult TestGraphsimRestore::graph(const QByteArray& method, const QString& path, const QJsonObject& body)
{
    return m_client->graph(method, path, m_token, body.isEmpty() ? QByteArray() : QJsonDocument(body).toJson(QJsonDocument::Compact),
                           body.isEmpty() ? QList<QPair<QByteArray, QByteArray>>{}
                                          : QList<QPair<QByteArray, QByteArray>>{{"Content-Type", "application/json"}});
}

QJsonObject TestGraphsimRestore::get(const QString& path)
{
    const HttpResult r = graph("GET", path);
    if (r.status != 200)
        qWarning() << "GET" << path << r.status << r.body.left(300);
    return r.json();
}

QJsonObject TestGraphsimRestore::policyByName(const QString& name)
{
    const QJsonArray found = get(Policies + QStringLiteral("?$filter=name%20eq%20") + quoted(name)).value(QStringLiteral("value")).toArray();
    return found.size() == 1 ? found.first().toObject() : QJsonObject();
}

QJsonArray TestGraphsimRestore::settingsOf(const QString& id)
{
    return get(Policies + QStringLiteral("/%1/settings?$top=1000").arg(id)).value(QStringLiteral("value")).toArray();
}

QJsonObject TestGraphsimRestore::writeBody(const QString& id, const QString& name)
{
    const QJsonObject policy = get(Policies + u'/' + id);
    QJsonArray settings;
    for (const QJsonValue& s : settingsOf(id))
        settings.append(QJsonObject{{QStringLiteral("settingInstance"), s.toObject().value(QStringLiteral("settingInstance"))}});
    return QJsonObject{
        {QStringLiteral("name"), name.isEmpty() ? policy.value(QStringLiteral("name")) : QJsonValue(name)},
        {QStringLiteral("description"), policy.value(QStringLiteral("description"))},
        {QStringLiteral("platforms"), policy.value(QStringLiteral("platforms"))},
        {QStringLiteral("technologies"), policy.value(QStringLiteral("technologies"))},
        {QStringLiteral("roleScopeTagIds"), policy.value(QStringLiteral("roleScopeTagIds"))},
        {QStringLiteral("templateReference"),
         QJsonObject{{QStringLiteral("templateId"),
                      policy.value(QStringLiteral("templateReference")).toObject().value(QStringLiteral("templateId"))}}},
        {QStringLiteral("settings"), settings}};
}

void TestGraphsimRestore::createPutAssignReadBack()
{
    const QJsonObject source = policyByName(QStringLiteral("Windows - BitLocker"));
    QVERIFY(!source.isEmpty());
    const QString sourceId = source.value(QStringLiteral("id")).toString();
    const QString templateId = source.value(QStringLiteral("templateReference")).toObject().value(QStringLiteral("templateId")).toString();
    QVERIFY2(!templateId.isEmpty(), "the BitLocker policy is templated");
    const QJsonArray sourceSettings = settingsOf(sourceId);
    QVERIFY(!sourceSettings.isEmpty());

    // Create: a new id, both timestamps set to now, the template reference kept.
    const QJsonObject createBody = writeBody(sourceId, QStringLiteral("BitLocker (restored)"));
    const QString before = m_client->sim(QStringLiteral("clock")).value(QStringLiteral("now")).toString().left(19);
    const HttpResult created = graph("POST", Policies, createBody);
    const QString after = m_client->sim(QStringLiteral("clock")).value(QStringLiteral("now")).toString().left(19);
    QCOMPARE(created.status, 201);
    const QJsonObject object = created.json();
    const QString id = object.value(QStringLiteral("id")).toString();
    QVERIFY(!id.isEmpty() && id != sourceId);
    const QString createdAt = object.value(QStringLiteral("createdDateTime")).toString().left(19);
    QVERIFY2(before <= createdAt && createdAt <= after, qPrintable(before + u' ' + createdAt + u' ' + after));
    QCOMPARE(object.value(QStringLiteral("lastModifiedDateTime")), object.value(QStringLiteral("createdDateTime")));
    QCOMPARE(object.value(QStringLiteral("templateReference")).toObject().value(QStringLiteral("templateId")).toString(), templateId);

    // Read back with $expand=settings: the same instances, template references in their case.
    const QJsonObject expanded = get(Policies + QStringLiteral("/%1?$expand=settings").arg(id));
    const QJsonArray readBack = expanded.value(QStringLiteral("settings")).toArray();
    QCOMPARE(readBack.size(), sourceSettings.size());
    for (qsizetype i = 0; i < readBack.size(); ++i)
        QCOMPARE(readBack.at(i).toObject().value(QStringLiteral("settingInstance")),
                 sourceSettings.at(i).toObject().value(QStringLiteral("settingInstance")));

    // PUT replaces the whole policy: one setting fewer, new description; lastModified moves.
    QVERIFY(m_client->sim(QStringLiteral("clock"), QJsonObject{{QStringLiteral("advanceMs"), 60000}}).contains(QStringLiteral("now")));
    QJsonObject body = writeBody(id);
    QJsonArray fewer = body.value(QStringLiteral("settings")).toArray();
    fewer.removeLast();
    body.insert(QStringLiteral("settings"), fewer);
    body.insert(QStringLiteral("description"), QStringLiteral("restored by a test"));
    QCOMPARE(graph("PUT", Policies + u'/' + id, body).status, 204);
    const QJsonObject replaced = get(Policies + QStringLiteral("/%1?$expand=settings").arg(id));
    QCOMPARE(replaced.value(QStringLiteral("settings")).toArray().size(), sourceSettings.size() - 1);
    QCOMPARE(replaced.value(QStringLiteral("settingCount")).toInt(), int(sourceSettings.size() - 1));
    QCOMPARE(replaced.value(QStringLiteral("description")).toString(), QStringLiteral("restored by a test"));
    QCOMPARE(replaced.value(QStringLiteral("createdDateTime")), object.value(QStringLiteral("createdDateTime")));
    QVERIFY(replaced.value(QStringLiteral("lastModifiedDateTime")).toString() > object.value(QStringLiteral("lastModifiedDateTime")).toString());

    // PATCH with settings stays a 400 and changes nothing.
    const HttpResult patch = graph("PATCH", Policies + u'/' + id, QJsonObject{{QStringLiteral("settings"), QJsonArray()}});
    QCOMPARE(patch.status, 400);
    QCOMPARE(get(Policies + u'/' + id).value(QStringLiteral("settingCount")).toInt(), int(sourceSettings.size() - 1));

    // /assign replaces the set; $expand=assignments and /assignments read it back.
    const QJsonArray sourceAssignments = get(Policies + QStringLiteral("/%1/assignments").arg(sourceId)).value(QStringLiteral("value")).toArray();
    QVERIFY2(!sourceAssignments.isEmpty(), "the demo BitLocker policy is assigned");
    QJsonArray assign;
    for (const QJsonValue& t : targets(sourceAssignments))
        assign.append(QJsonObject{{QStringLiteral("target"), t}});
    const HttpResult assigned = graph("POST", Policies + QStringLiteral("/%1/assign").arg(id), QJsonObject{{QStringLiteral("assignments"), assign}});
    QCOMPARE(assigned.status, 200);
    QCOMPARE(targets(get(Policies + QStringLiteral("/%1?$expand=assignments").arg(id)).value(QStringLiteral("assignments")).toArray()),
             targets(sourceAssignments));
    QCOMPARE(graph("POST", Policies + QStringLiteral("/%1/assign").arg(id), QJsonObject{{QStringLiteral("assignments"), QJsonArray()}}).status, 200);
    QVERIFY(get(Policies + QStringLiteral("/%1/assignments").arg(id)).value(QStringLiteral("value")).toArray().isEmpty());
    QCOMPARE(get(Policies + u'/' + id).value(QStringLiteral("isAssigned")).toBool(), false);

    // The write log: what was applied, and the id the create made.
    const QJsonArray log = writes();
    QCOMPARE(log.size(), 5);
    const QJsonObject post = log.at(0).toObject();
    QCOMPARE(post.value(QStringLiteral("method")).toString(), QStringLiteral("POST"));
    QCOMPARE(post.value(QStringLiteral("applied")).toBool(), true);
    QCOMPARE(post.value(QStringLiteral("createdId")).toString(), id);
    QCOMPARE(log.at(1).toObject().value(QStringLiteral("applied")).toBool(), true);    // PUT
    QVERIFY(!log.at(1).toObject().contains(QStringLiteral("createdId")));
    QCOMPARE(log.at(2).toObject().value(QStringLiteral("applied")).toBool(), false);   // PATCH with settings
    QCOMPARE(log.at(2).toObject().value(QStringLiteral("status")).toInt(), 400);
    QCOMPARE(log.at(3).toObject().value(QStringLiteral("applied")).toBool(), true);    // assign
    QVERIFY(!log.at(3).toObject().contains(QStringLiteral("createdId")));
}

void TestGraphsimRestore::secretTokens()
{
    const QJsonObject edr = policyByName(QStringLiteral("Defender for Endpoint - Onboarding"));
    QVERIFY(!edr.isEmpty());
    const QString id = edr.value(QStringLiteral("id")).toString();
    const QJsonObject body = writeBody(id);
    const QJsonObject secret = secretValue(body.value(QStringLiteral("settings")));
    QCOMPARE(secret.value(QStringLiteral("valueState")).toString(), QStringLiteral("encryptedValueToken"));
    const QString token = secret.value(QStringLiteral("value")).toString();
    QCOMPARE(token.size(), 36);

    // The live token sent back keeps the secret and the token.
    QCOMPARE(graph("PUT", Policies + u'/' + id, body).status, 204);
    QCOMPARE(secretValue(settingsOf(id)).value(QStringLiteral("value")).toString(), token);

    // The token invalidated (an admin re-entered the secret): the policy has a new token, the
    // old one is refused with a 400 that names the setting, and nothing changes.
    const QJsonObject invalidated = m_client->sim(QStringLiteral("invalidate-secret"),
                                                  QJsonObject{{QStringLiteral("policyId"), id},
                                                              {QStringLiteral("settingDefinitionId"), EdrOnboarding}});
    const QJsonArray list = invalidated.value(QStringLiteral("invalidated")).toArray();
    QCOMPARE(list.size(), 1);
    QCOMPARE(list.at(0).toObject().value(QStringLiteral("oldToken")).toString(), token);
    const QString rotated = list.at(0).toObject().value(QStringLiteral("newToken")).toString();
    QVERIFY(!rotated.isEmpty() && rotated != token);
    QCOMPARE(secretValue(settingsOf(id)).value(QStringLiteral("value")).toString(), rotated);
    const HttpResult stale = graph("PUT", Policies + u'/' + id, body);
    QCOMPARE(stale.status, 400);
    QVERIFY2(message(stale).contains(QStringLiteral("The encrypted value token for setting '%1' is not valid").arg(EdrOnboarding)),
             qPrintable(message(stale)));
    QCOMPARE(writes().last().toObject().value(QStringLiteral("applied")).toBool(), false);
    QCOMPARE(secretValue(settingsOf(id)).value(QStringLiteral("value")).toString(), rotated);
    // A create cannot use the old token either; the live one it can.
    QCOMPARE(graph("POST", Policies, writeBody(id, QStringLiteral("EDR copy"))).status, 201);
    QJsonObject staleCreate = body;
    staleCreate.insert(QStringLiteral("name"), QStringLiteral("EDR stale copy"));
    QCOMPARE(graph("POST", Policies, staleCreate).status, 400);

    // A supplied value (notEncrypted) is stored and read back as a NEW token, never as itself.
    const QString canary = QStringLiteral("ONBOARDING-CANARY-7f3a");
    QJsonObject supplied = body;
    supplied.insert(QStringLiteral("settings"), withSecret(body.value(QStringLiteral("settings")), QStringLiteral("notEncrypted"), canary));
    QCOMPARE(graph("PUT", Policies + u'/' + id, supplied).status, 204);
    const HttpResult readBack = graph("GET", Policies + QStringLiteral("/%1/settings").arg(id));
    QVERIFY(!readBack.body.contains(canary.toUtf8()));
    const QJsonObject fresh = secretValue(readBack.json().value(QStringLiteral("value")));
    QCOMPARE(fresh.value(QStringLiteral("valueState")).toString(), QStringLiteral("encryptedValueToken"));
    const QString freshToken = fresh.value(QStringLiteral("value")).toString();
    QVERIFY(freshToken != token && freshToken != rotated && freshToken != canary);
    // The same value set again gets yet another token.
    QCOMPARE(graph("PUT", Policies + u'/' + id, supplied).status, 204);
    QVERIFY(secretValue(settingsOf(id)).value(QStringLiteral("value")).toString() != freshToken);

    // Without rotation the policy keeps a token that no longer works (Graph expired it).
    const QString kept = secretValue(settingsOf(id)).value(QStringLiteral("value")).toString();
    const QJsonObject noRotate = m_client->sim(QStringLiteral("invalidate-secret"),
                                               QJsonObject{{QStringLiteral("policyId"), id}, {QStringLiteral("rotate"), false}});
    QCOMPARE(noRotate.value(QStringLiteral("invalidated")).toArray().size(), 1);
    QVERIFY(noRotate.value(QStringLiteral("invalidated")).toArray().at(0).toObject().value(QStringLiteral("newToken")).isNull());
    QCOMPARE(secretValue(settingsOf(id)).value(QStringLiteral("value")).toString(), kept);
    QCOMPARE(graph("PUT", Policies + u'/' + id, writeBody(id)).status, 400);

    // Without a policy id every secret of the tenant is invalidated; an unknown policy is a 404.
    const QJsonObject all = m_client->sim(QStringLiteral("invalidate-secret"),
                                          QJsonObject{{QStringLiteral("tenant"), m_server->tenants().first().name}});
    QVERIFY(!all.value(QStringLiteral("invalidated")).toArray().isEmpty());
    for (const QJsonValue& entry : all.value(QStringLiteral("invalidated")).toArray())
        QCOMPARE(entry.toObject().value(QStringLiteral("settingDefinitionId")).toString(), EdrOnboarding);
    const HttpResult unknown = m_client->request("POST", QUrl(m_client->base().toString() + QStringLiteral("/_sim/invalidate-secret")),
                                                 R"({"policyId":"00000000-0000-0000-0000-000000000000"})",
                                                 {{"Content-Type", "application/json"}});
    QCOMPARE(unknown.status, 404);
}

void TestGraphsimRestore::deletingAPolicyEndsItsSecretTokens()
{
    // The secret lived in the policy: once no policy holds its token, the token is gone, so a
    // deleted policy cannot be recreated from its snapshot's token (restore needs the value).
    const QString id = policyByName(QStringLiteral("Defender for Endpoint - Onboarding")).value(QStringLiteral("id")).toString();
    QJsonObject body = writeBody(id, QStringLiteral("EDR recreated"));
    const HttpResult copy = graph("POST", Policies, writeBody(id, QStringLiteral("EDR copy")));   // shares the token
    QCOMPARE(copy.status, 201);
    QCOMPARE(graph("DELETE", Policies + u'/' + id).status, 204);
    QCOMPARE(graph("POST", Policies, body).status, 201);   // the copy still holds it
    const QString recreated = policyByName(QStringLiteral("EDR recreated")).value(QStringLiteral("id")).toString();
    QCOMPARE(graph("DELETE", Policies + u'/' + recreated).status, 204);
    QCOMPARE(graph("DELETE", Policies + u'/' + copy.json().value(QStringLiteral("id")).toString()).status, 204);
    const HttpResult refused = graph("POST", Policies, body);
    QCOMPARE(refused.status, 400);
    QVERIFY2(message(refused).contains(QStringLiteral("is not valid")), qPrintable(message(refused)));
    // With the value supplied it can.
    body.insert(QStringLiteral("settings"), withSecret(body.value(QStringLiteral("settings")), QStringLiteral("notEncrypted"),
                                                       QStringLiteral("SUPPLIED-ONBOARDING")));
    QCOMPARE(graph("POST", Policies, body).status, 201);
}

void TestGraphsimRestore::assignmentFilterWrites()
{
    const QJsonObject filter{{QStringLiteral("displayName"), QStringLiteral("Restored filter")},
                             {QStringLiteral("description"), QStringLiteral("from a snapshot")},
                             {QStringLiteral("platform"), QStringLiteral("windows10AndLater")},
                             {QStringLiteral("rule"), QStringLiteral("(device.model -eq \"Surface\")")},
                             {QStringLiteral("roleScopeTags"), QJsonArray{QStringLiteral("0"), QStringLiteral("1")}}};
    const HttpResult created = graph("POST", Filters, filter);
    QCOMPARE(created.status, 201);
    const QString id = created.json().value(QStringLiteral("id")).toString();
    QVERIFY(!id.isEmpty());
    QVERIFY(!created.json().value(QStringLiteral("createdDateTime")).toString().isEmpty());
    const QJsonObject read = get(Filters + u'/' + id);
    for (const QString& key : filter.keys())
        QCOMPARE(read.value(key), filter.value(key));

    // Validation: the name is unique (case-insensitively), rule and platform required and valid,
    // unknown properties refused, scope tags must exist.
    auto variant = [&](const QString& key, const QJsonValue& value) {
        QJsonObject body = filter;
        if (value.isUndefined())
            body.remove(key);
        else
            body.insert(key, value);
        return graph("POST", Filters, body).status;
    };
    QCOMPARE(variant(QStringLiteral("displayName"), QStringLiteral("restored FILTER")), 400);
    QCOMPARE(variant(QStringLiteral("displayName"), QJsonValue(QJsonValue::Undefined)), 400);
    QCOMPARE(variant(QStringLiteral("rule"), QJsonValue(QJsonValue::Undefined)), 400);
    QCOMPARE(variant(QStringLiteral("platform"), QJsonValue(QJsonValue::Undefined)), 400);
    QCOMPARE(variant(QStringLiteral("platform"), QStringLiteral("windows11")), 400);
    QCOMPARE(variant(QStringLiteral("roleScopeTags"), QJsonArray{QStringLiteral("99")}), 400);
    QCOMPARE(variant(QStringLiteral("colour"), QStringLiteral("blue")), 400);

    // PATCH: metadata changes, lastModifiedDateTime moves, the platform cannot change.
    QVERIFY(m_client->sim(QStringLiteral("clock"), QJsonObject{{QStringLiteral("advanceMs"), 60000}}).contains(QStringLiteral("now")));
    const HttpResult patched = graph("PATCH", Filters + u'/' + id, QJsonObject{{QStringLiteral("rule"), QStringLiteral("(device.model -eq \"Book\")")}});
    QCOMPARE(patched.status, 200);
    QCOMPARE(get(Filters + u'/' + id).value(QStringLiteral("rule")).toString(), QStringLiteral("(device.model -eq \"Book\")"));
    QVERIFY(patched.json().value(QStringLiteral("lastModifiedDateTime")).toString() > created.json().value(QStringLiteral("createdDateTime")).toString());
    QCOMPARE(graph("PATCH", Filters + u'/' + id, QJsonObject{{QStringLiteral("platform"), QStringLiteral("iOS")}}).status, 400);
    QCOMPARE(graph("PATCH", Filters + QStringLiteral("/00000000-0000-0000-0000-000000000000"),
                   QJsonObject{{QStringLiteral("description"), QStringLiteral("x")}}).status, 404);

    // Reconciliation: $filter=displayName eq finds it, with createdDateTime.
    const QJsonArray byName = get(Filters + QStringLiteral("?$filter=displayName%20eq%20") + quoted(QStringLiteral("Restored filter")))
                                  .value(QStringLiteral("value")).toArray();
    QCOMPARE(byName.size(), 1);
    QCOMPARE(byName.at(0).toObject().value(QStringLiteral("id")).toString(), id);
    QCOMPARE(byName.at(0).toObject().value(QStringLiteral("createdDateTime")), created.json().value(QStringLiteral("createdDateTime")));

    // A policy can be assigned with the new filter at once.
    const QString policyId = get(Policies + QStringLiteral("?$top=1")).value(QStringLiteral("value")).toArray().at(0).toObject()
                                 .value(QStringLiteral("id")).toString();
    const QJsonObject target{{QStringLiteral("@odata.type"), QStringLiteral("#microsoft.graph.allDevicesAssignmentTarget")},
                             {QStringLiteral("deviceAndAppManagementAssignmentFilterId"), id},
                             {QStringLiteral("deviceAndAppManagementAssignmentFilterType"), QStringLiteral("include")}};
    QCOMPARE(graph("POST", Policies + QStringLiteral("/%1/assign").arg(policyId),
                   QJsonObject{{QStringLiteral("assignments"), QJsonArray{QJsonObject{{QStringLiteral("target"), target}}}}}).status, 200);
    // ...and then it is in use: it cannot be deleted.
    QCOMPARE(graph("DELETE", Filters + u'/' + id).status, 400);

    // The read-only app gets 403; the write log says what was applied.
    const QJsonObject tenant = m_client->sim(QStringLiteral("tenants")).value(QStringLiteral("value")).toArray().at(0).toObject();
    const QString readerApp = tenant.value(QStringLiteral("apps")).toArray().at(1).toObject().value(QStringLiteral("clientId")).toString();
    const QByteArray readerToken = m_client->sim(QStringLiteral("token"), QJsonObject{
        {QStringLiteral("tenant"), tenant.value(QStringLiteral("tenantId"))},
        {QStringLiteral("clientId"), readerApp}}).value(QStringLiteral("access_token")).toString().toLatin1();
    QVERIFY(!readerToken.isEmpty());
    QCOMPARE(m_client->graph("POST", Filters, readerToken, QJsonDocument(filter).toJson(), {{"Content-Type", "application/json"}}).status, 403);
    const QJsonArray log = writes();
    int applied = 0;
    for (const QJsonValue& w : log)
        applied += w.toObject().value(QStringLiteral("applied")).toBool() ? 1 : 0;
    QCOMPARE(applied, 3);   // the POST, the PATCH of the rule, the assign
    QCOMPARE(log.at(0).toObject().value(QStringLiteral("createdId")).toString(), id);
    QCOMPARE(log.last().toObject().value(QStringLiteral("status")).toInt(), 403);
    QCOMPARE(log.last().toObject().value(QStringLiteral("applied")).toBool(), false);
}

void TestGraphsimRestore::scopeTagWrites()
{
    const HttpResult created = graph("POST", Tags, QJsonObject{{QStringLiteral("displayName"), QStringLiteral("Restored tag")},
                                                               {QStringLiteral("description"), QStringLiteral("back again")}});
    QCOMPARE(created.status, 201);
    QCOMPARE(created.json().value(QStringLiteral("id")).toString(), QStringLiteral("5"));   // demo has 0–4
    QCOMPARE(created.json().value(QStringLiteral("isBuiltIn")).toBool(), false);
    QCOMPARE(get(Tags + QStringLiteral("/5")).value(QStringLiteral("displayName")).toString(), QStringLiteral("Restored tag"));
    QCOMPARE(graph("POST", Tags, QJsonObject{{QStringLiteral("displayName"), QStringLiteral("RESTORED tag")}}).status, 400);
    QCOMPARE(graph("POST", Tags, QJsonObject{{QStringLiteral("description"), QStringLiteral("no name")}}).status, 400);
    QCOMPARE(graph("PATCH", Tags + QStringLiteral("/5"), QJsonObject{{QStringLiteral("description"), QStringLiteral("edited")}}).status, 200);
    QCOMPARE(get(Tags + QStringLiteral("/5")).value(QStringLiteral("description")).toString(), QStringLiteral("edited"));
    QCOMPARE(graph("PATCH", Tags + QStringLiteral("/0"), QJsonObject{{QStringLiteral("description"), QStringLiteral("x")}}).status, 400);
    QCOMPARE(graph("PATCH", Tags + QStringLiteral("/5"), QJsonObject{{QStringLiteral("displayName"), QStringLiteral("Pilot")}}).status, 400);
    const QJsonArray byName = get(Tags + QStringLiteral("?$filter=displayName%20eq%20") + quoted(QStringLiteral("Restored tag")))
                                  .value(QStringLiteral("value")).toArray();
    QCOMPARE(byName.size(), 1);
    // A policy may use the new tag right away.
    QJsonObject body = writeBody(get(Policies + QStringLiteral("?$top=1")).value(QStringLiteral("value")).toArray().at(0).toObject()
                                     .value(QStringLiteral("id")).toString(), QStringLiteral("Tagged copy"));
    body.insert(QStringLiteral("roleScopeTagIds"), QJsonArray{QStringLiteral("5")});
    QCOMPARE(graph("POST", Policies, body).status, 201);
    QCOMPARE(graph("DELETE", Tags + QStringLiteral("/5")).status, 400);   // in use
    const QJsonArray log = writes();
    QCOMPARE(log.at(0).toObject().value(QStringLiteral("createdId")).toString(), QStringLiteral("5"));
}

void TestGraphsimRestore::retiredTemplates()
{
    const QJsonObject bitlocker = policyByName(QStringLiteral("Windows - BitLocker"));
    const QString id = bitlocker.value(QStringLiteral("id")).toString();
    const QString templateId = bitlocker.value(QStringLiteral("templateReference")).toObject().value(QStringLiteral("templateId")).toString();
    QVERIFY(!templateId.isEmpty());
    const QJsonObject body = writeBody(id);
    QJsonObject copy = body;
    copy.insert(QStringLiteral("name"), QStringLiteral("BitLocker copy"));
    QCOMPARE(get(QStringLiteral("/beta/deviceManagement/configurationPolicyTemplates/") + templateId)
                 .value(QStringLiteral("lifecycleState")).toString(), QStringLiteral("active"));

    // Deprecated: no new policy from it, an existing one can still be replaced.
    QCOMPARE(m_client->sim(QStringLiteral("retire-template"), QJsonObject{{QStringLiteral("templateId"), templateId},
                                                                         {QStringLiteral("lifecycleState"), QStringLiteral("deprecated")}})
                 .value(QStringLiteral("lifecycleState")).toString(), QStringLiteral("deprecated"));
    const HttpResult deprecatedCreate = graph("POST", Policies, copy);
    QCOMPARE(deprecatedCreate.status, 400);
    QVERIFY2(message(deprecatedCreate).contains(QStringLiteral("lifecycleState 'deprecated'")), qPrintable(message(deprecatedCreate)));
    QCOMPARE(graph("PUT", Policies + u'/' + id, body).status, 204);

    // Retired (the default of the endpoint): neither, and the template says so.
    const QJsonObject retired = m_client->sim(QStringLiteral("retire-template"), QJsonObject{{QStringLiteral("templateId"), templateId}});
    QCOMPARE(retired.value(QStringLiteral("lifecycleState")).toString(), QStringLiteral("retired"));
    QCOMPARE(get(QStringLiteral("/beta/deviceManagement/configurationPolicyTemplates('%1')").arg(templateId))
                 .value(QStringLiteral("lifecycleState")).toString(), QStringLiteral("retired"));
    const QJsonArray listed = get(QStringLiteral("/beta/deviceManagement/configurationPolicyTemplates?$filter=lifecycleState%20eq%20'retired'"))
                                  .value(QStringLiteral("value")).toArray();
    QCOMPARE(listed.size(), 1);
    QCOMPARE(graph("POST", Policies, copy).status, 400);
    const HttpResult put = graph("PUT", Policies + u'/' + id, body);
    QCOMPARE(put.status, 400);
    QVERIFY2(message(put).contains(QStringLiteral("is retired")), qPrintable(message(put)));
    QCOMPARE(get(Policies + u'/' + id).value(QStringLiteral("name")).toString(), QStringLiteral("Windows - BitLocker"));   // still readable

    // Active again: creates work.
    m_client->sim(QStringLiteral("retire-template"), QJsonObject{{QStringLiteral("templateId"), templateId},
                                                                {QStringLiteral("lifecycleState"), QStringLiteral("active")}});
    QCOMPARE(graph("POST", Policies, copy).status, 201);
    const HttpResult unknown = m_client->request("POST", QUrl(m_client->base().toString() + QStringLiteral("/_sim/retire-template")),
                                                 R"({"templateId":"nope_1"})", {{"Content-Type", "application/json"}});
    QCOMPARE(unknown.status, 404);
}

void TestGraphsimRestore::responseLostAfterApply_data()
{
    QTest::addColumn<QString>("mode");
    QTest::addColumn<int>("status");   // what the client sees; 0 = no response
    QTest::newRow("504 after apply") << QStringLiteral("504_after_apply") << 504;
    QTest::newRow("drop after apply") << QStringLiteral("drop_after_apply") << 0;
    QTest::newRow("truncate after apply") << QStringLiteral("truncate_after_apply") << 0;
}

void TestGraphsimRestore::responseLostAfterApply()
{
    QFETCH(QString, mode);
    QFETCH(int, status);
    const QJsonObject config = m_client->sim(QStringLiteral("config"), QJsonObject{{QStringLiteral("writeFaults"), QJsonObject{
        {QStringLiteral("mode"), mode}, {QStringLiteral("count"), 1}, {QStringLiteral("methods"), QJsonArray{QStringLiteral("POST")}},
        {QStringLiteral("families"), QJsonArray{QStringLiteral("configurationPolicies")}}}}});
    QCOMPARE(config.value(QStringLiteral("writeFaults")).toObject().value(QStringLiteral("mode")).toString(), mode);

    const QString sourceId = get(Policies + QStringLiteral("?$top=1")).value(QStringLiteral("value")).toArray().at(0).toObject()
                                 .value(QStringLiteral("id")).toString();
    const QString name = QStringLiteral("Lost response (%1)").arg(mode);
    const QByteArray clientRequestId = "8f0c2f7e-0000-4000-8000-00000000000" + QByteArray::number(status == 504 ? 1 : 2);
    const HttpResult lost = m_client->graph("POST", Policies, m_token, QJsonDocument(writeBody(sourceId, name)).toJson(),
                                            {{"Content-Type", "application/json"}, {"client-request-id", clientRequestId}});
    if (status > 0) {
        QCOMPARE(lost.status, status);
    } else {
        // The client may have read a status line, but it gets a network error and no object.
        QVERIFY2(lost.error != QNetworkReply::NoError, qPrintable(QString::number(lost.status)));
        QVERIFY(lost.json().value(QStringLiteral("id")).toString().isEmpty());
    }

    // Applied all the same: exactly one object with that name, found by name, with createdDateTime.
    const QJsonArray found = get(Policies + QStringLiteral("?$filter=name%20eq%20") + quoted(name) + QStringLiteral("&$select=id,name,createdDateTime"))
                                 .value(QStringLiteral("value")).toArray();
    QCOMPARE(found.size(), 1);
    const QString id = found.at(0).toObject().value(QStringLiteral("id")).toString();
    QVERIFY(!found.at(0).toObject().value(QStringLiteral("createdDateTime")).toString().isEmpty());

    // One POST reached graphsim (the client did not resend it): applied, its id, the fault named.
    QJsonArray posts;
    for (const QJsonValue& w : writes()) {
        if (w.toObject().value(QStringLiteral("method")).toString() == QLatin1String("POST"))
            posts.append(w);
    }
    QCOMPARE(posts.size(), 1);
    const QJsonObject entry = posts.at(0).toObject();
    QCOMPARE(entry.value(QStringLiteral("applied")).toBool(), true);
    QCOMPARE(entry.value(QStringLiteral("createdId")).toString(), id);
    QCOMPARE(entry.value(QStringLiteral("fault")).toString(), mode);
    QCOMPARE(entry.value(QStringLiteral("clientRequestId")).toString(), QString::fromLatin1(clientRequestId));
    QCOMPARE(entry.value(QStringLiteral("outcome")).toString(), QStringLiteral("faulted"));
    QCOMPARE(m_client->sim(QStringLiteral("config")).value(QStringLiteral("writeFaults")).toObject().value(QStringLiteral("fired")).toInt(), 1);

    // Count 1: the next create is answered normally.
    const HttpResult next = graph("POST", Policies, writeBody(sourceId, name + QStringLiteral(" 2")));
    QCOMPARE(next.status, 201);
}

void TestGraphsimRestore::writeFaultsCountOnlyAppliedMatchingWrites()
{
    m_client->sim(QStringLiteral("config"), QJsonObject{{QStringLiteral("writeFaults"), QJsonObject{
        {QStringLiteral("mode"), QStringLiteral("504_after_apply")}, {QStringLiteral("count"), 1}, {QStringLiteral("skip"), 1},
        {QStringLiteral("methods"), QJsonArray{QStringLiteral("POST"), QStringLiteral("PUT")}}}}});
    const QString sourceId = get(Policies + QStringLiteral("?$top=1")).value(QStringLiteral("value")).toArray().at(0).toObject()
                                 .value(QStringLiteral("id")).toString();
    // A rejected POST and a PATCH (not in methods) are answered normally and not counted.
    QCOMPARE(graph("POST", Policies, QJsonObject{{QStringLiteral("description"), QStringLiteral("no name")}}).status, 400);
    QCOMPARE(graph("PATCH", Policies + u'/' + sourceId, QJsonObject{{QStringLiteral("description"), QStringLiteral("x")}}).status, 200);
    // skip 1: the first applied matching write passes; the second gets the 504 but is applied.
    QCOMPARE(graph("PUT", Policies + u'/' + sourceId, writeBody(sourceId)).status, 204);
    QJsonObject renamed = writeBody(sourceId);
    renamed.insert(QStringLiteral("name"), QStringLiteral("Renamed behind a 504"));
    QCOMPARE(graph("PUT", Policies + u'/' + sourceId, renamed).status, 504);
    QCOMPARE(get(Policies + u'/' + sourceId).value(QStringLiteral("name")).toString(), QStringLiteral("Renamed behind a 504"));
    QCOMPARE(graph("PUT", Policies + u'/' + sourceId, writeBody(sourceId)).status, 204);
    const QJsonArray log = writes();
    QCOMPARE(log.size(), 5);
    const QList<bool> applied{false, true, true, true, true};
    for (qsizetype i = 0; i < log.size(); ++i)
        QCOMPARE(log.at(i).toObject().value(QStringLiteral("applied")).toBool(), applied.at(i));
    QCOMPARE(log.at(3).toObject().value(QStringLiteral("status")).toInt(), 504);
    QCOMPARE(log.at(3).toObject().value(QStringLiteral("fault")).toString(), QStringLiteral("504_after_apply"));
    QVERIFY(log.at(2).toObject().value(QStringLiteral("fault")).isNull());
    // A bad mode is refused and leaves the plan alone.
    const HttpResult bad = m_client->request("POST", QUrl(m_client->base().toString() + QStringLiteral("/_sim/config")),
                                             R"({"writeFaults":{"mode":"explode"}})", {{"Content-Type", "application/json"}});
    QCOMPARE(bad.status, 400);
}

void TestGraphsimRestore::droppedNoContentIsCutInTheStatusLine()
{
    // A 204 has no body to cut: the response is cut inside its status line. What the client
    // does then is the client's business (Qt 6.4 resends the request on its own); graphsim's
    // log shows the applied, faulted PUT first and any resend under the same client-request-id.
    m_client->sim(QStringLiteral("config"), QJsonObject{{QStringLiteral("writeFaults"), QJsonObject{
        {QStringLiteral("mode"), QStringLiteral("drop_after_apply")}, {QStringLiteral("count"), 1}}}});
    const QString id = get(Policies + QStringLiteral("?$top=1")).value(QStringLiteral("value")).toArray().at(0).toObject()
                           .value(QStringLiteral("id")).toString();
    QJsonObject body = writeBody(id);
    body.insert(QStringLiteral("description"), QStringLiteral("PUT whose 204 was cut"));
    m_client->graph("PUT", Policies + u'/' + id, m_token, QJsonDocument(body).toJson(),
                    {{"Content-Type", "application/json"}, {"client-request-id", "5e0d0000-0000-4000-8000-000000000204"}});
    const QJsonArray log = writes();
    QVERIFY(!log.isEmpty());
    const QJsonObject first = log.at(0).toObject();
    QCOMPARE(first.value(QStringLiteral("method")).toString(), QStringLiteral("PUT"));
    QCOMPARE(first.value(QStringLiteral("applied")).toBool(), true);
    QCOMPARE(first.value(QStringLiteral("fault")).toString(), QStringLiteral("drop_after_apply"));
    for (const QJsonValue& w : log) {
        QCOMPARE(w.toObject().value(QStringLiteral("clientRequestId")).toString(), QStringLiteral("5e0d0000-0000-4000-8000-000000000204"));
        QVERIFY(w.toObject().value(QStringLiteral("fault")).isNull() || w == log.at(0));
    }
    QCOMPARE(get(Policies + u'/' + id).value(QStringLiteral("description")).toString(), QStringLiteral("PUT whose 204 was cut"));
    // On the wire (a raw socket, which resends nothing): no complete status line, then the
    // connection is gone; the DELETE was applied all the same. DELETE only when listed.
    const HttpResult filter = graph("POST", Filters, QJsonObject{{QStringLiteral("displayName"), QStringLiteral("Doomed")},
                                                                 {QStringLiteral("platform"), QStringLiteral("windows10AndLater")},
                                                                 {QStringLiteral("rule"), QStringLiteral("(device.model -eq \"Z\")")}});
    QCOMPARE(filter.status, 201);
    const QString filterPath = Filters + u'/' + filter.json().value(QStringLiteral("id")).toString();
    m_client->sim(QStringLiteral("config"), QJsonObject{{QStringLiteral("writeFaults"), QJsonObject{
        {QStringLiteral("mode"), QStringLiteral("drop_after_apply")}, {QStringLiteral("count"), 1},
        {QStringLiteral("methods"), QJsonArray{QStringLiteral("DELETE")}}}}});
    GraphsimTestClient plain(*m_server);
    const RawResult raw = plain.raw("DELETE", filterPath, m_token);
    QVERIFY2(raw.head.isEmpty() && raw.body.isEmpty(), raw.head.constData());
    QVERIFY(raw.closedByServer);
    QCOMPARE(graph("GET", filterPath).status, 404);
    QCOMPARE(writes().last().toObject().value(QStringLiteral("fault")).toString(), QStringLiteral("drop_after_apply"));
}

void TestGraphsimRestore::writeFaultsInsideBatch()
{
    // Inside $batch the 504 is the sub-response; the transport modes have no wire there and
    // leave the sub-request alone, uncounted.
    const QString filterId = get(Filters).value(QStringLiteral("value")).toArray().at(0).toObject().value(QStringLiteral("id")).toString();
    auto batchPatch = [&](const QString& description) {
        const QJsonArray requests{QJsonObject{
            {QStringLiteral("id"), QStringLiteral("1")}, {QStringLiteral("method"), QStringLiteral("PATCH")},
            {QStringLiteral("url"), QString(QStringLiteral("/deviceManagement/assignmentFilters/") + filterId)},
            {QStringLiteral("headers"), QJsonObject{{QStringLiteral("Content-Type"), QStringLiteral("application/json")}}},
            {QStringLiteral("body"), QJsonObject{{QStringLiteral("description"), description}}}}};
        const HttpResult r = graph("POST", QStringLiteral("/beta/$batch"), QJsonObject{{QStringLiteral("requests"), requests}});
        return r.json().value(QStringLiteral("responses")).toArray().at(0).toObject().value(QStringLiteral("status")).toInt();
    };
    auto plan = [&](const QString& mode) {
        m_client->sim(QStringLiteral("config"), QJsonObject{{QStringLiteral("writeFaults"), QJsonObject{
            {QStringLiteral("mode"), mode}, {QStringLiteral("count"), 1}, {QStringLiteral("families"), QJsonArray{QStringLiteral("assignmentFilters")}}}}});
    };
    plan(QStringLiteral("504_after_apply"));
    QCOMPARE(batchPatch(QStringLiteral("batched behind a 504")), 504);
    QCOMPARE(get(Filters + u'/' + filterId).value(QStringLiteral("description")).toString(), QStringLiteral("batched behind a 504"));
    const QJsonObject entry = writes().last().toObject();
    QVERIFY(entry.value(QStringLiteral("inBatch")).toBool());
    QCOMPARE(entry.value(QStringLiteral("applied")).toBool(), true);
    QCOMPARE(entry.value(QStringLiteral("fault")).toString(), QStringLiteral("504_after_apply"));
    plan(QStringLiteral("drop_after_apply"));
    QCOMPARE(batchPatch(QStringLiteral("batched, not dropped")), 200);
    QCOMPARE(m_client->sim(QStringLiteral("config")).value(QStringLiteral("writeFaults")).toObject().value(QStringLiteral("count")).toInt(), 1);
}

void TestGraphsimRestore::mutateReportsAssignmentChanges_data()
{
    QTest::addColumn<QString>("change");
    QTest::newRow("add") << QStringLiteral("add");
    QTest::newRow("remove") << QStringLiteral("remove");
    QTest::newRow("filter") << QStringLiteral("filter");
}

void TestGraphsimRestore::mutateReportsAssignmentChanges()
{
    QFETCH(QString, change);
    // A policy with an include assignment (so remove and filter are possible).
    const QString id = policyByName(QStringLiteral("Windows - BitLocker")).value(QStringLiteral("id")).toString();
    const QJsonArray before = targets(get(Policies + QStringLiteral("/%1/assignments").arg(id)).value(QStringLiteral("value")).toArray());
    QVERIFY(!before.isEmpty());
    const QJsonObject result = m_client->sim(QStringLiteral("mutate"), QJsonObject{
        {QStringLiteral("seed"), 3}, {QStringLiteral("policyIds"), QJsonArray{id}}, {QStringLiteral("policies"), 0},
        {QStringLiteral("settings"), 0}, {QStringLiteral("assignments"), 1}, {QStringLiteral("assignmentChange"), change}});
    const QJsonArray changed = result.value(QStringLiteral("changed")).toArray();
    QCOMPARE(changed.size(), 1);
    const QJsonObject c = changed.at(0).toObject();
    QCOMPARE(c.value(QStringLiteral("policyId")).toString(), id);
    QCOMPARE(c.value(QStringLiteral("kind")).toString(), QStringLiteral("assignments"));
    QCOMPARE(c.value(QStringLiteral("change")).toString(), change);
    const QJsonArray added = c.value(QStringLiteral("added")).toArray();
    const QJsonArray removed = c.value(QStringLiteral("removed")).toArray();
    QCOMPARE(added.size(), change == QLatin1String("remove") ? 0 : 1);
    QCOMPARE(removed.size(), change == QLatin1String("add") ? 0 : 1);
    // Exactly that happened: after = before − removed + added.
    const QJsonArray after = targets(get(Policies + QStringLiteral("/%1/assignments").arg(id)).value(QStringLiteral("value")).toArray());
    QJsonArray expected;
    for (const QJsonValue& t : before)
        if (!removed.contains(t))
            expected.append(t);
    for (const QJsonValue& t : added)
        expected.append(t);
    QCOMPARE(after.size(), expected.size());
    for (const QJsonValue& t : expected)
        QVERIFY2(after.contains(t), QJsonDocument(t.toObject()).toJson(QJsonDocument::Compact).constData());
    if (change == QLatin1String("filter")) {
        const QJsonObject from = removed.at(0).toObject();
        const QJsonObject to = added.at(0).toObject();
        QCOMPARE(to.value(QStringLiteral("@odata.type")), from.value(QStringLiteral("@odata.type")));
        QVERIFY(to.value(QStringLiteral("deviceAndAppManagementAssignmentFilterId"))
                != from.value(QStringLiteral("deviceAndAppManagementAssignmentFilterId")));
    }
}

void TestGraphsimRestore::mutateReportsSettingRenameDelete()
{
    const QString id = policyByName(QStringLiteral("Windows - BitLocker")).value(QStringLiteral("id")).toString();
    const QJsonObject result = m_client->sim(QStringLiteral("mutate"), QJsonObject{
        {QStringLiteral("seed"), 5}, {QStringLiteral("policyIds"), QJsonArray{id}}, {QStringLiteral("policies"), 1},
        {QStringLiteral("settings"), 1}, {QStringLiteral("assignments"), 0}, {QStringLiteral("renames"), 1}});
    QHash<QString, QJsonObject> byKind;
    for (const QJsonValue& c : result.value(QStringLiteral("changed")).toArray())
        byKind.insert(c.toObject().value(QStringLiteral("kind")).toString(), c.toObject());
    QCOMPARE(byKind.size(), 3);
    const QJsonObject policy = get(Policies + u'/' + id);
    QCOMPARE(byKind.value(QStringLiteral("metadata")).value(QStringLiteral("new")).toString(), policy.value(QStringLiteral("description")).toString());
    QCOMPARE(byKind.value(QStringLiteral("renamed")).value(QStringLiteral("oldName")).toString(), QStringLiteral("Windows - BitLocker"));
    QCOMPARE(byKind.value(QStringLiteral("renamed")).value(QStringLiteral("newName")).toString(), policy.value(QStringLiteral("name")).toString());
    const QJsonObject setting = byKind.value(QStringLiteral("setting"));
    const QJsonObject live = get(Policies + QStringLiteral("/%1/settings/%2").arg(id, setting.value(QStringLiteral("settingId")).toString()));
    QCOMPARE(live.value(QStringLiteral("settingInstance")), setting.value(QStringLiteral("new")));
    QVERIFY(setting.value(QStringLiteral("old")) != setting.value(QStringLiteral("new")));
    QCOMPARE(setting.value(QStringLiteral("settingDefinitionId")).toString(),
             live.value(QStringLiteral("settingInstance")).toObject().value(QStringLiteral("settingDefinitionId")).toString());

    const QJsonObject deleted = m_client->sim(QStringLiteral("mutate"), QJsonObject{
        {QStringLiteral("policyIds"), QJsonArray{id}}, {QStringLiteral("policies"), 0}, {QStringLiteral("settings"), 0},
        {QStringLiteral("assignments"), 0}, {QStringLiteral("deletes"), 1}});
    const QJsonObject d = deleted.value(QStringLiteral("changed")).toArray().at(0).toObject();
    QCOMPARE(d.value(QStringLiteral("kind")).toString(), QStringLiteral("deleted"));
    QCOMPARE(d.value(QStringLiteral("policyId")).toString(), id);
    QCOMPARE(d.value(QStringLiteral("name")).toString(), policy.value(QStringLiteral("name")).toString());
    QCOMPARE(graph("GET", Policies + u'/' + id).status, 404);
    QVERIFY2(writes().isEmpty(), "/_sim/mutate is the portal, not a Graph write");
}

QTEST_GUILESS_MAIN(TestGraphsimRestore)
#include "tst_graphsim_restore.moc"
