// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
// Reads through SimWorld::handle(): paging with signed skip tokens, $top/$select/$filter/
// $expand, key syntaxes, case-insensitive paths, the catalog and directory collections.

#include "SimTestUtil.h"

#include <QSet>
#include <QTest>

using namespace simtest;

using namespace Qt::StringLiterals;

class TestGraphsimQuery : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QVERIFY(m_world.init(QStringLiteral("small"), 7)); }
    void pagingFollowsOpaqueTokensToTheEnd();
    void tamperedOrForeignTokensAreRejected();
    void topIsClampedAndDollarIsOptional();
    void keySyntaxesAndCaseInsensitivePaths();
    void filter_data();
    void filter();
    void selectTrimsProperties();
    void settingsExpandDefinitionsAndPage();
    void expandedSettingsPageWithNextLink();
    void catalogAndDirectory();
    void unknownRoutesAndVersions();
    void fullMetadataAnnotatesEntities();
    void minimalMetadataIsTheDefault();

private:
    QJsonArray allPolicies()
    {
        return json(m_world.call("GET", QStringLiteral("/deviceManagement/configurationPolicies?$top=100&$select=id,name")))
            .value(QStringLiteral("value")).toArray();
    }
    World m_world;
};

void TestGraphsimQuery::pagingFollowsOpaqueTokensToTheEnd()
{
    auto response = m_world.call("GET", QStringLiteral("/deviceManagement/configurationPolicies?$filter=platforms eq 'windows10'"));
    QSet<QString> ids;
    int pages = 0;
    while (true) {
        QCOMPARE(response.status, 200);
        const QJsonObject page = json(response);
        const QJsonArray value = page.value(QStringLiteral("value")).toArray();
        ++pages;
        QCOMPARE(page.value(QStringLiteral("@odata.count")).toInt(), value.size());
        QCOMPARE(page.value(QStringLiteral("@odata.context")).toString(),
                 QStringLiteral("https://127.0.0.1:8443/beta/$metadata#deviceManagement/configurationPolicies"));
        for (const QJsonValue& v : value)
            ids.insert(v.toObject().value(QStringLiteral("id")).toString());
        const QString next = page.value(QStringLiteral("@odata.nextLink")).toString();
        if (next.isEmpty()) {
            QVERIFY(value.size() <= 25);
            break;
        }
        QCOMPARE(value.size(), 25);
        QVERIFY2(next.startsWith(QStringLiteral("https://127.0.0.1:8443/beta/deviceManagement/configurationPolicies?")), qPrintable(next));
        QVERIFY2(next.contains(QStringLiteral("$filter=platforms%20eq%20'windows10'")), qPrintable(next));
        QVERIFY(next.contains(QStringLiteral("$skiptoken=")));
        response = m_world.world.handle(requestFromLink(next), m_world.writer);
    }
    QCOMPARE(pages, 6);
    QCOMPARE(ids.size(), 150);
}

void TestGraphsimQuery::tamperedOrForeignTokensAreRejected()
{
    const QString next = json(m_world.call("GET", QStringLiteral("/deviceManagement/configurationPolicies")))
                             .value(QStringLiteral("@odata.nextLink")).toString();
    QVERIFY(!next.isEmpty());
    graphsim::SimRequest r = requestFromLink(next);
    QString token = r.query.queryItemValue(QStringLiteral("$skiptoken"), QUrl::FullyDecoded);
    QCOMPARE(m_world.world.handle(r, m_world.writer).status, 200);

    // Graph's shape: the token value is percent-encoded, and encoded again in the nextLink.
    QVERIFY2(next.contains(QStringLiteral("$skiptoken=%255Bgraphsim%255D%255B%257B")), qPrintable(next));
    QVERIFY2(token.startsWith(QStringLiteral("%5Bgraphsim%5D")), qPrintable(token));

    // A client that does not call the nextLink verbatim — decodes it once, or encodes it once
    // more — is refused, as Graph refuses a mangled cosmosdb continuation.
    QCOMPARE(m_world.world.handle(requestFromLink(QUrl::fromPercentEncoding(next.toUtf8())), m_world.writer).status, 400);
    QCOMPARE(m_world.world.handle(requestFromLink(QString(next).replace(u"%25"_s, u"%2525"_s)), m_world.writer).status, 400);

    // The token put back as it came is accepted; with one character of its signature changed
    // it is not. (QUrlQuery takes "%XX" as an escape, so the token's own '%'s are escaped.)
    auto withToken = [&r](const QString& value) {
        graphsim::SimRequest copy = r;
        copy.query.removeAllQueryItems(QStringLiteral("$skiptoken"));
        copy.query.addQueryItem(QStringLiteral("$skiptoken"), QString(value).replace(u"%"_s, u"%25"_s));
        return copy;
    };
    QCOMPARE(m_world.world.handle(withToken(token), m_world.writer).status, 200);
    const qsizetype macAt = token.indexOf(u"mac"_s) + 12; // past mac%22%3A%22
    token[macAt] = token.at(macAt) == u'a' ? u'b' : u'a';
    auto tampered = m_world.world.handle(withToken(token), m_world.writer);
    QCOMPARE(tampered.status, 400);
    QCOMPARE(json(tampered).value(QStringLiteral("error")).toObject().value(QStringLiteral("code")).toString(), QStringLiteral("BadRequest"));
    QCOMPARE(m_world.call("GET", QStringLiteral("/deviceManagement/configurationPolicies?$skiptoken=garbage")).status, 400);

    // A genuine token used with another query, or in another world, is refused too.
    graphsim::SimRequest other = requestFromLink(next);
    other.query.addQueryItem(QStringLiteral("$select"), QStringLiteral("id"));
    QCOMPARE(m_world.world.handle(other, m_world.writer).status, 400);
    World second;
    QVERIFY(second.init(QStringLiteral("small"), 7));
    QCOMPARE(second.world.handle(requestFromLink(next), second.writer).status, 400);
}

void TestGraphsimQuery::topIsClampedAndDollarIsOptional()
{
    auto five = json(m_world.call("GET", QStringLiteral("/deviceManagement/configurationPolicies?top=5")));
    QCOMPARE(five.value(QStringLiteral("value")).toArray().size(), 5);
    QVERIFY(five.value(QStringLiteral("@odata.nextLink")).toString().contains(QStringLiteral("top=5&$skiptoken=")));
    auto many = json(m_world.call("GET", QStringLiteral("/deviceManagement/configurationPolicies?$top=1000")));
    QCOMPARE(many.value(QStringLiteral("value")).toArray().size(), 100);
    QCOMPARE(m_world.call("GET", QStringLiteral("/deviceManagement/configurationPolicies?$top=abc")).status, 400);
    auto select = json(m_world.call("GET", QStringLiteral("/deviceManagement/configurationPolicies?select=name&TOP=2")));
    QCOMPARE(select.value(QStringLiteral("value")).toArray().size(), 2);
    QCOMPARE(select.value(QStringLiteral("value")).toArray().at(0).toObject().keys(),
             (QStringList{QStringLiteral("id"), QStringLiteral("name")}));
}

void TestGraphsimQuery::keySyntaxesAndCaseInsensitivePaths()
{
    const QString id = allPolicies().at(3).toObject().value(QStringLiteral("id")).toString();
    const QStringList paths = {QStringLiteral("/deviceManagement/configurationPolicies/%1"),
                               QStringLiteral("/deviceManagement/configurationPolicies('%1')"),
                               QStringLiteral("/DEVICEMANAGEMENT/CONFIGURATIONPOLICIES('%1')"),
                               QStringLiteral("/devicemanagement/configurationpolicies/%1")};
    for (const QString& path : paths) {
        auto r = m_world.call("GET", path.arg(id));
        QCOMPARE(r.status, 200);
        QCOMPARE(json(r).value(QStringLiteral("id")).toString(), id);
    }
    QCOMPARE(m_world.call("GET", QStringLiteral("/deviceManagement/configurationPolicies('%1')/settings").arg(id.toUpper())).status, 200);
    QCOMPARE(m_world.call("GET", QStringLiteral("/deviceManagement/configurationPolicies/%1/Assignments").arg(id)).status, 200);
}

void TestGraphsimQuery::filter_data()
{
    QTest::addColumn<QString>("filter");
    QTest::addColumn<int>("status");
    QTest::newRow("family") << QStringLiteral("templateReference/templateFamily eq 'baseline'") << 200;
    QTest::newRow("case-insensitive names and literals") << QStringLiteral("TemplateReference/TemplateFamily eq 'BASELINE'") << 200;
    QTest::newRow("or and parens") << QStringLiteral("(templateReference/TemplateId eq '66df8dce-0166-4b82-92f7-1f74e3ca17a3_4' or "
                                                     "templateReference/templateId eq 'x') and templateReference/TemplateFamily eq 'Baseline'") << 200;
    QTest::newRow("not") << QStringLiteral("not (templateReference/templateFamily ne 'baseline')") << 200;
    QTest::newRow("startswith") << QStringLiteral("startswith(name,'Baseline - ')") << 200;
    QTest::newRow("contains") << QStringLiteral("contains(name, 'WINDOWS 24H2')") << 200;
    QTest::newRow("endswith") << QStringLiteral("endswith(templateReference/templateId,'17a3_4')") << 200;
    QTest::newRow("plus as space") << QStringLiteral("templateReference/templateFamily+eq+'baseline'") << 200;
    QTest::newRow("percent-encoded") << QStringLiteral("templateReference%2FtemplateFamily%20eq%20%27baseline%27") << 200;
    QTest::newRow("unknown property") << QStringLiteral("isBaseline eq true") << 400;
    QTest::newRow("unknown function") << QStringLiteral("matches(name,'x')") << 400;
    QTest::newRow("syntax") << QStringLiteral("name eq") << 400;
}

void TestGraphsimQuery::filter()
{
    QFETCH(QString, filter);
    QFETCH(int, status);
    auto r = m_world.call("GET", QStringLiteral("/deviceManagement/configurationPolicies?$top=100&$filter=") + filter);
    QCOMPARE(r.status, status);
    if (status == 400) {
        const QString message = json(r).value(QStringLiteral("error")).toObject().value(QStringLiteral("message")).toString();
        if (QTest::currentDataTag() == QByteArray("unknown property"))
            QCOMPARE(message, QStringLiteral("Invalid filter clause: Could not find a property named 'isBaseline' on type "
                                             "'microsoft.graph.deviceManagementConfigurationPolicy'."));
        return;
    }
    const QJsonArray value = json(r).value(QStringLiteral("value")).toArray();
    QVERIFY(!value.isEmpty());
    for (const QJsonValue& v : value)
        QCOMPARE(v.toObject().value(QStringLiteral("templateReference")).toObject().value(QStringLiteral("templateFamily")).toString(),
                 QStringLiteral("baseline"));
    // Every baseline is found: compare with a count over the whole tenant.
    int baselines = 0;
    const QJsonObject tenant = QJsonDocument::fromJson(m_world.world.serializeTenant(m_world.tenantId)).object();
    for (const QJsonValue& v : tenant.value(QStringLiteral("configurationPolicies")).toArray())
        baselines += v.toObject().value(QStringLiteral("templateReference")).toObject().value(QStringLiteral("templateFamily")).toString()
                     == QLatin1String("baseline");
    QCOMPARE(int(value.size()), baselines);
}

void TestGraphsimQuery::selectTrimsProperties()
{
    auto r = json(m_world.call("GET", QStringLiteral("/deviceManagement/configurationPolicies?$select=name,templateReference,settingCount")));
    QVERIFY(!r.contains(QStringLiteral("@microsoft.graph.tips")));
    const QJsonObject first = r.value(QStringLiteral("value")).toArray().at(0).toObject();
    QCOMPARE(first.keys(), (QStringList{QStringLiteral("id"), QStringLiteral("name"), QStringLiteral("settingCount"),
                                        QStringLiteral("templateReference")}));
    auto plain = json(m_world.call("GET", QStringLiteral("/deviceManagement/configurationPolicies")));
    QVERIFY(plain.contains(QStringLiteral("@microsoft.graph.tips")));
    QVERIFY(plain.value(QStringLiteral("value")).toArray().at(0).toObject().contains(QStringLiteral("roleScopeTagIds")));
    auto expanded = json(m_world.call("GET", QStringLiteral("/deviceManagement/configurationPolicies?$expand=settings&$top=3")));
    QVERIFY(expanded.value(QStringLiteral("value")).toArray().at(0).toObject().contains(QStringLiteral("settings")));
    QCOMPARE(m_world.call("GET", QStringLiteral("/deviceManagement/configurationPolicies?$expand=bogus")).status, 400);
    // $select of a property the type does not have is Graph's 400 naming it, on list and get.
    const auto unknown = m_world.call("GET", QStringLiteral("/deviceManagement/configurationPolicies?$select=id,bogus"));
    QCOMPARE(unknown.status, 400);
    QCOMPARE(json(unknown).value(u"error"_s).toObject().value(u"message"_s).toString(),
             u"Could not find a property named 'bogus' on type 'microsoft.graph.deviceManagementConfigurationPolicy'."_s);
    const QString firstId = plain.value(u"value"_s).toArray().at(0).toObject().value(u"id"_s).toString();
    QCOMPARE(m_world.call("GET", u"/deviceManagement/configurationPolicies('%1')?$select=nme"_s.arg(firstId)).status, 400);
    QCOMPARE(m_world.call("GET", u"/deviceManagement/configurationPolicies('%1')?$select=NAME,settings"_s.arg(firstId)).status, 200);
}

void TestGraphsimQuery::settingsExpandDefinitionsAndPage()
{
    // The largest firewall-rules policy: one setting whose tree holds many definitions.
    const QJsonArray rules = json(m_world.call("GET", QStringLiteral("/deviceManagement/configurationPolicies?$top=100&$filter="
                                                                     "templateReference/templateId eq '19c8aa67-f286-4861-9aa0-f23541d31680_1'")))
                                 .value(QStringLiteral("value")).toArray();
    QVERIFY(!rules.isEmpty());
    const QString id = rules.at(0).toObject().value(QStringLiteral("id")).toString();
    auto r = json(m_world.call("GET", QStringLiteral("/deviceManagement/configurationPolicies('%1')/settings?$expand=settingDefinitions&top=1000").arg(id)));
    QVERIFY(r.value(QStringLiteral("@odata.context")).toString().endsWith(QStringLiteral("/settings(settingDefinitions())")));
    const QJsonObject item = r.value(QStringLiteral("value")).toArray().at(0).toObject();
    const QJsonArray definitions = item.value(QStringLiteral("settingDefinitions")).toArray();
    QStringList ids;
    for (const QJsonValue& d : definitions)
        ids << d.toObject().value(QStringLiteral("id")).toString();
    QVERIFY(ids.contains(QStringLiteral("vendor_msft_firewall_mdmstore_firewallrules_{firewallrulename}")));
    QVERIFY(ids.contains(QStringLiteral("vendor_msft_firewall_mdmstore_firewallrules_{firewallrulename}_name")));
    QCOMPARE(QSet<QString>(ids.begin(), ids.end()).size(), ids.size());
    // First rule carries template references, the second none (GRAPH_NOTES 2.1).
    const QJsonArray entries = item.value(QStringLiteral("settingInstance")).toObject().value(QStringLiteral("groupSettingCollectionValue")).toArray();
    const QJsonObject firstChild = entries.at(0).toObject().value(QStringLiteral("children")).toArray().at(0).toObject();
    QCOMPARE(firstChild.value(u"settingInstanceTemplateReference"_s).toObject().value(u"@odata.type"_s).toString(),
             u"#microsoft.graph.deviceManagementConfigurationSettingInstanceTemplateReference"_s);
    QJsonObject nameChild;
    for (const QJsonValue& child : entries.at(0).toObject().value(u"children"_s).toArray()) {
        if (child.toObject().value(u"settingDefinitionId"_s).toString().endsWith(u"_name"_s))
            nameChild = child.toObject();
    }
    QCOMPARE(nameChild.value(u"simpleSettingValue"_s).toObject().value(u"settingValueTemplateReference"_s).toObject()
                 .value(u"@odata.type"_s).toString(),
             u"#microsoft.graph.deviceManagementConfigurationSettingValueTemplateReference"_s);
    if (entries.size() > 1)
        QVERIFY(entries.at(1).toObject().value(QStringLiteral("children")).toArray().at(0).toObject()
                    .value(QStringLiteral("settingInstanceTemplateReference")).isNull());

    // Settings paging: a big baseline, two settings per page.
    const QJsonArray baselines = json(m_world.call("GET", QStringLiteral("/deviceManagement/configurationPolicies?$top=100&$filter="
                                                                         "templateReference/templateFamily eq 'baseline'")))
                                     .value(QStringLiteral("value")).toArray();
    const QJsonObject baseline = baselines.at(0).toObject();
    const int count = baseline.value(QStringLiteral("settingCount")).toInt();
    QVERIFY(count > 4);
    auto page = m_world.call("GET", QStringLiteral("/deviceManagement/configurationPolicies('%1')/settings?$top=2")
                                        .arg(baseline.value(QStringLiteral("id")).toString()));
    int seen = 0;
    while (true) {
        QCOMPARE(page.status, 200);
        seen += int(json(page).value(QStringLiteral("value")).toArray().size());
        const QString next = json(page).value(QStringLiteral("@odata.nextLink")).toString();
        if (next.isEmpty())
            break;
        page = m_world.world.handle(requestFromLink(next), m_world.writer);
    }
    QCOMPARE(seen, count);
}

void TestGraphsimQuery::expandedSettingsPageWithNextLink()
{
    // Its own world: the settings page size is shrunk so the largest generated policy spans
    // at least three pages, like a 250-setting policy does at the default 100.
    World w;
    QVERIFY(w.init(QStringLiteral("small"), 7));
    const QJsonArray all = json(w.call("GET", QStringLiteral("/deviceManagement/configurationPolicies?$top=100&$select=id,settingCount")))
                               .value(QStringLiteral("value")).toArray();
    QString bigId;
    int big = 0;
    for (const QJsonValue& v : all) {
        const int count = v.toObject().value(QStringLiteral("settingCount")).toInt();
        if (count > big) {
            big = count;
            bigId = v.toObject().value(QStringLiteral("id")).toString();
        }
    }
    QVERIFY2(big >= 3, "need a policy with at least three settings");
    const int pageSize = qMax(1, (big - 1) / 3);
    w.world.setSettingsPageSize(pageSize);

    auto policy = json(w.call("GET", QStringLiteral("/deviceManagement/configurationPolicies('%1')?$expand=settings").arg(bigId)));
    QJsonArray collected = policy.value(QStringLiteral("settings")).toArray();
    QCOMPARE(collected.size(), pageSize);
    QString next = policy.value(QStringLiteral("settings@odata.nextLink")).toString();
    QVERIFY2(next.startsWith(QStringLiteral("https://127.0.0.1:8443/beta/deviceManagement/configurationPolicies('%1')/settings?$skiptoken=")
                                 .arg(bigId)), qPrintable(next));
    int pages = 1;
    while (!next.isEmpty()) {
        const auto r = w.world.handle(requestFromLink(next), w.writer);
        QCOMPARE(r.status, 200);
        const QJsonObject page = json(r);
        for (const QJsonValue& v : page.value(QStringLiteral("value")).toArray())
            collected.append(v);
        next = page.value(QStringLiteral("@odata.nextLink")).toString();
        QVERIFY(++pages < 100);
    }
    QVERIFY(pages >= 3);
    // All of them, in order, each once: the same as one unpaged /settings read.
    w.world.setSettingsPageSize(1000);
    const QJsonArray expected = json(w.call("GET", QStringLiteral("/deviceManagement/configurationPolicies('%1')/settings").arg(bigId)))
                                    .value(QStringLiteral("value")).toArray();
    QCOMPARE(expected.size(), big);
    QCOMPARE(collected, expected);
    w.world.setSettingsPageSize(pageSize);

    // The list route's expand pages the same way; a short policy gets no link.
    const QJsonArray listed = json(w.call("GET", QStringLiteral("/deviceManagement/configurationPolicies?$expand=settings&$top=100")))
                                  .value(QStringLiteral("value")).toArray();
    for (const QJsonValue& v : listed) {
        const QJsonObject item = v.toObject();
        const bool long_ = item.value(QStringLiteral("settingCount")).toInt() > pageSize;
        QCOMPARE(item.contains(QStringLiteral("settings@odata.nextLink")), long_);
        QVERIFY(item.value(QStringLiteral("settings")).toArray().size() <= pageSize);
    }
    // Exactly one page's worth is not "more than a page".
    w.world.setSettingsPageSize(big);
    auto whole = json(w.call("GET", QStringLiteral("/deviceManagement/configurationPolicies('%1')?$expand=settings").arg(bigId)));
    QCOMPARE(whole.value(QStringLiteral("settings")).toArray().size(), big);
    QVERIFY(!whole.contains(QStringLiteral("settings@odata.nextLink")));
}

void TestGraphsimQuery::catalogAndDirectory()
{
    QCOMPARE(json(m_world.call("GET", QStringLiteral("/deviceManagement/configurationCategories"))).value(QStringLiteral("value")).toArray().size(), 1025);
    // `has` on flags enums: every category returned lists both members, and others exist.
    const QJsonArray windowsMdm = json(m_world.call("GET", u"/deviceManagement/configurationCategories?$filter="
                                                           u"platforms has 'windows10' and technologies has 'mdm'"_s))
                                      .value(u"value"_s).toArray();
    QVERIFY(windowsMdm.size() > 100 && windowsMdm.size() < 1025);
    for (const QJsonValue& c : windowsMdm) {
        QVERIFY(c.toObject().value(u"platforms"_s).toString().split(u',').contains(u"windows10"_s));
        QVERIFY(c.toObject().value(u"technologies"_s).toString().split(u',').contains(u"mdm"_s));
    }
    auto category = m_world.call("GET", QStringLiteral("/deviceManagement/configurationCategories('4a5e4714-00ac-4793-b0cc-5049041b0ed7')"));
    QCOMPARE(json(category).value(QStringLiteral("displayName")).toString(), QStringLiteral("Firewall"));
    auto definition = m_world.call("GET", QStringLiteral("/deviceManagement/configurationSettings/device_vendor_msft_policy_config_update_pausequalityupdates"));
    QCOMPARE(definition.status, 200);
    QCOMPARE(m_world.call("GET", QStringLiteral("/deviceManagement/configurationSettings('nope')")).status, 404);
    QVERIFY(json(m_world.call("GET", QStringLiteral("/deviceManagement/configurationSettings"))).value(QStringLiteral("value")).toArray().size() > 200);
    // Windows Update for Business is the complete upstream category file: 94 definitions, 43 simple and 51 choice.
    const QJsonArray wufb = json(m_world.call("GET", QStringLiteral("/deviceManagement/configurationSettings"
                                                                    "?$filter=categoryId eq '0e6c9053-73d6-4c56-9147-53513f6eefd8'&$top=1000")))
                                .value(QStringLiteral("value")).toArray();
    QCOMPARE(wufb.size(), 94);
    const QJsonArray templates = json(m_world.call("GET", QStringLiteral("/deviceManagement/configurationPolicyTemplates")))
                                     .value(QStringLiteral("value")).toArray();
    QCOMPARE(templates.size(), 8);
    auto settingTemplates = json(m_world.call("GET", QStringLiteral("/deviceManagement/configurationPolicyTemplates('19c8aa67-f286-4861-9aa0-f23541d31680_1')"
                                                                    "/settingTemplates?$expand=settingDefinitions&top=1000")));
    const QJsonObject root = settingTemplates.value(QStringLiteral("value")).toArray().at(0).toObject();
    QCOMPARE(root.value(QStringLiteral("settingInstanceTemplate")).toObject().value(QStringLiteral("settingInstanceTemplateId")).toString(),
             QStringLiteral("76c7a8be-67d2-44bf-81a5-38c94926b1a1"));
    QVERIFY(root.value(QStringLiteral("settingDefinitions")).toArray().size() > 10);

    const QJsonArray groups = json(m_world.call("GET", QStringLiteral("/groups"))).value(QStringLiteral("value")).toArray();
    QCOMPARE(groups.size(), 40);
    const QString name = groups.at(5).toObject().value(QStringLiteral("displayName")).toString();
    auto found = json(m_world.call("GET", QStringLiteral("/groups?$filter=displayName eq '%1'").arg(name))).value(QStringLiteral("value")).toArray();
    QCOMPARE(found.size(), 1);
    QCOMPARE(found.at(0).toObject().value(QStringLiteral("id")), groups.at(5).toObject().value(QStringLiteral("id")));
    QCOMPARE(m_world.call("GET", QStringLiteral("/groups/%1").arg(groups.at(5).toObject().value(QStringLiteral("id")).toString())).status, 200);
    QCOMPARE(m_world.call("GET", QStringLiteral("/groups/00000000-0000-0000-0000-000000000001")).status, 404);
    QCOMPARE(json(m_world.call("GET", QStringLiteral("/deviceManagement/assignmentFilters"))).value(QStringLiteral("value")).toArray().size(), 8);
    QCOMPARE(json(m_world.call("GET", QStringLiteral("/deviceManagement/roleScopeTags"))).value(QStringLiteral("value")).toArray().size(), 5);
    QCOMPARE(json(m_world.call("GET", QStringLiteral("/deviceManagement/roleScopeTags('0')"))).value(QStringLiteral("isBuiltIn")).toBool(), true);
}

void TestGraphsimQuery::unknownRoutesAndVersions()
{
    auto v1 = m_world.world.handle(request("GET", QStringLiteral("/deviceManagement/configurationPolicies"), {}, QStringLiteral("v1.0")),
                                   m_world.writer);
    QCOMPARE(v1.status, 400);
    QCOMPARE(json(v1).value(QStringLiteral("error")).toObject().value(QStringLiteral("message")).toString(),
             QStringLiteral("Resource not found for the segment 'configurationPolicies'."));
    QCOMPARE(m_world.world.handle(request("GET", QStringLiteral("/groups"), {}, QStringLiteral("v1.0")), m_world.writer).status, 200);
    QCOMPARE(m_world.call("GET", QStringLiteral("/deviceManagement/widgets")).status, 400);
    QCOMPARE(m_world.call("DELETE", QStringLiteral("/deviceManagement/configurationPolicies")).status, 400);
    QCOMPARE(m_world.world.routeFamily(request("GET", QStringLiteral("/deviceManagement/configurationPolicies('x')/settings"))),
             QStringLiteral("policySettings"));
    QCOMPARE(m_world.world.routeFamily(request("POST", QStringLiteral("/deviceManagement/configurationPolicies/x/assign"))),
             QStringLiteral("policyAssignments"));
    QCOMPARE(m_world.world.routeFamily(request("GET", QStringLiteral("/deviceManagement/configurationSettings"))), QStringLiteral("catalog"));
    QCOMPARE(m_world.world.routeFamily(request("GET", QStringLiteral("/groups"))), QStringLiteral("groups"));
    QCOMPARE(m_world.world.routeFamily(request("GET", QStringLiteral("/nothing"))), QStringLiteral("unknown"));
}

namespace {

const QByteArray kFullAccept = "application/json;odata.metadata=full";
const QString kRoot = QStringLiteral("https://127.0.0.1:8443/beta/");

QString policyId(const QString& id)
{
    return kRoot + QStringLiteral("deviceManagement/configurationPolicies('%1')").arg(id);
}

/// @odata.type, @odata.id and @odata.editLink of one entity; the edit link equals the id
/// unless the entity's type is derived from the set's (then it ends in a cast segment).
void verifyEntity(const QJsonObject& entity, const QString& type, const QString& id)
{
    QCOMPARE(entity.value(QStringLiteral("@odata.type")).toString(), type);
    QCOMPARE(entity.value(QStringLiteral("@odata.id")).toString(), id);
    QCOMPARE(entity.value(QStringLiteral("@odata.editLink")).toString(), id);
}

} // namespace

void TestGraphsimQuery::fullMetadataAnnotatesEntities()
{
    auto get = [this](const QString& pathAndQuery, const QByteArray& accept = kFullAccept) {
        graphsim::SimRequest r = request("GET", pathAndQuery);
        r.headers.insert("accept", accept);
        return m_world.world.handle(r, m_world.writer);
    };
    const QString policyType = QStringLiteral("#microsoft.graph.deviceManagementConfigurationPolicy");

    // List items, Content-Type with the same other parameters as the minimal one.
    auto list = get(QStringLiteral("/deviceManagement/configurationPolicies?$top=100&$select=id,name,isAssigned"));
    QCOMPARE(list.status, 200);
    QCOMPARE(list.contentType,
             QByteArray("application/json;odata.metadata=full;odata.streaming=true;IEEE754Compatible=false;charset=utf-8"));
    QString assignedId;
    for (const QJsonValue& v : json(list).value(QStringLiteral("value")).toArray()) {
        const QJsonObject item = v.toObject();
        const QString id = item.value(QStringLiteral("id")).toString();
        verifyEntity(item, policyType, policyId(id));
        if (assignedId.isEmpty() && item.value(QStringLiteral("isAssigned")).toBool())
            assignedId = id;
    }
    QVERIFY(!assignedId.isEmpty());

    // A single policy with its expanded settings and assignments, each an entity of its own.
    const QJsonObject policy = json(get(QStringLiteral("/deviceManagement/configurationPolicies('%1')?$expand=settings,assignments")
                                            .arg(assignedId)));
    verifyEntity(policy, policyType, policyId(assignedId));
    QCOMPARE(policy.value(QStringLiteral("settings@odata.navigationLink")).toString(), policyId(assignedId) + QStringLiteral("/settings"));
    QCOMPARE(policy.value(QStringLiteral("assignments@odata.navigationLink")).toString(), policyId(assignedId) + QStringLiteral("/assignments"));
    const QJsonArray settings = policy.value(QStringLiteral("settings")).toArray();
    const QJsonArray assignments = policy.value(QStringLiteral("assignments")).toArray();
    QVERIFY(!settings.isEmpty());
    QVERIFY(!assignments.isEmpty());
    for (const QJsonValue& v : settings) {
        const QJsonObject setting = v.toObject();
        verifyEntity(setting, QStringLiteral("#microsoft.graph.deviceManagementConfigurationSetting"),
                     policyId(assignedId) + QStringLiteral("/settings('%1')").arg(setting.value(QStringLiteral("id")).toString()));
        // Complex values keep their own types; nothing else is added inside them.
        QVERIFY(!setting.value(QStringLiteral("settingInstance")).toObject().contains(QStringLiteral("@odata.id")));
    }
    for (const QJsonValue& v : assignments) {
        const QJsonObject assignment = v.toObject();
        verifyEntity(assignment, QStringLiteral("#microsoft.graph.deviceManagementConfigurationPolicyAssignment"),
                     policyId(assignedId) + QStringLiteral("/assignments('%1')").arg(assignment.value(QStringLiteral("id")).toString()));
    }
    // $select without id: the single entity's key comes from the path.
    const QJsonObject named = json(get(QStringLiteral("/deviceManagement/configurationPolicies/%1?$select=name").arg(assignedId)));
    QCOMPARE(named.value(QStringLiteral("@odata.id")).toString(), policyId(assignedId));
    QVERIFY(!named.contains(QStringLiteral("settings@odata.navigationLink")));

    // /settings with expanded definitions: definitions are configurationSettings entities of a
    // derived type, so their edit link carries the cast segment.
    const QJsonObject setting = json(get(QStringLiteral("/deviceManagement/configurationPolicies('%1')/settings?$expand=settingDefinitions")
                                             .arg(assignedId))).value(QStringLiteral("value")).toArray().at(0).toObject();
    QCOMPARE(setting.value(QStringLiteral("@odata.type")).toString(), QStringLiteral("#microsoft.graph.deviceManagementConfigurationSetting"));
    const QJsonObject definition = setting.value(QStringLiteral("settingDefinitions")).toArray().at(0).toObject();
    const QString definitionType = definition.value(QStringLiteral("@odata.type")).toString();
    QVERIFY2(definitionType.startsWith(QStringLiteral("#microsoft.graph.deviceManagementConfiguration"))
                 && definitionType.endsWith(QStringLiteral("SettingDefinition")), qPrintable(definitionType));
    const QString definitionId = kRoot + QStringLiteral("deviceManagement/configurationSettings('%1')")
                                             .arg(definition.value(QStringLiteral("id")).toString());
    QCOMPARE(definition.value(QStringLiteral("@odata.id")).toString(), definitionId);
    QCOMPARE(definition.value(QStringLiteral("@odata.editLink")).toString(), definitionId + u'/' + definitionType.mid(1));

    // The other entity sets graphsim serves.
    const QList<std::pair<QString, QString>> sets = {
        {QStringLiteral("deviceManagement/configurationCategories"), QStringLiteral("#microsoft.graph.deviceManagementConfigurationCategory")},
        {QStringLiteral("deviceManagement/configurationPolicyTemplates"), QStringLiteral("#microsoft.graph.deviceManagementConfigurationPolicyTemplate")},
        {QStringLiteral("deviceManagement/assignmentFilters"), QStringLiteral("#microsoft.graph.deviceAndAppManagementAssignmentFilter")},
        {QStringLiteral("deviceManagement/roleScopeTags"), QStringLiteral("#microsoft.graph.roleScopeTag")},
        {QStringLiteral("groups"), QStringLiteral("#microsoft.graph.group")},
    };
    for (const auto& [set, type] : sets) {
        const QJsonObject first = json(get(u'/' + set + QStringLiteral("?$top=1"))).value(QStringLiteral("value")).toArray().at(0).toObject();
        const QString id = kRoot + set + QStringLiteral("('%1')").arg(first.value(QStringLiteral("id")).toString());
        verifyEntity(first, type, id);
        const auto single = get(u'/' + set + QStringLiteral("('%1')").arg(first.value(QStringLiteral("id")).toString()));
        QCOMPARE(single.status, 200);
        verifyEntity(json(single), type, id);
    }
    const QJsonObject tmpl = json(get(QStringLiteral("/deviceManagement/configurationPolicyTemplates?$top=1")))
                                 .value(QStringLiteral("value")).toArray().at(0).toObject();
    const QString templateKey = tmpl.value(QStringLiteral("id")).toString();
    const QJsonObject settingTemplate = json(get(QStringLiteral("/deviceManagement/configurationPolicyTemplates('%1')/settingTemplates")
                                                     .arg(templateKey))).value(QStringLiteral("value")).toArray().at(0).toObject();
    verifyEntity(settingTemplate, QStringLiteral("#microsoft.graph.deviceManagementConfigurationSettingTemplate"),
                 kRoot + QStringLiteral("deviceManagement/configurationPolicyTemplates('%1')/settingTemplates('%2')")
                             .arg(templateKey, settingTemplate.value(QStringLiteral("id")).toString()));

    // Accept lists and q-values; errors stay as they are.
    QVERIFY(get(QStringLiteral("/deviceManagement/roleScopeTags"), "text/plain, application/json;odata.metadata=full;q=0.9")
                .contentType.contains("odata.metadata=full"));
    QVERIFY(get(QStringLiteral("/deviceManagement/roleScopeTags"),
                "application/json;odata.metadata=minimal, application/json;odata.metadata=full;q=0.5")
                .contentType.contains("odata.metadata=minimal"));
    const auto missing = get(QStringLiteral("/deviceManagement/configurationPolicies('00000000-0000-0000-0000-000000000bad')"));
    QCOMPARE(missing.status, 404);
    QVERIFY(!missing.body.contains("@odata.id"));
}

void TestGraphsimQuery::minimalMetadataIsTheDefault()
{
    const QString path = QStringLiteral("/deviceManagement/configurationPolicies?$top=5&$expand=settings,assignments");
    const graphsim::SimResponse absent = m_world.call("GET", path);
    QCOMPARE(absent.status, 200);
    QCOMPARE(absent.contentType,
             QByteArray("application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8"));
    for (const QByteArray& accept : {QByteArray("application/json;odata.metadata=minimal"), QByteArray("application/json"),
                                     QByteArray("application/json;odata.metadata=none"), QByteArray("*/*")}) {
        graphsim::SimRequest r = request("GET", path);
        r.headers.insert("accept", accept);
        const graphsim::SimResponse response = m_world.world.handle(r, m_world.writer);
        QCOMPARE(response.contentType, absent.contentType);
        // Skip tokens are signed per call, so compare the bodies without their nextLinks.
        QJsonObject body = json(response);
        QJsonObject expected = json(absent);
        body.remove(QStringLiteral("@odata.nextLink"));
        expected.remove(QStringLiteral("@odata.nextLink"));
        QCOMPARE(body, expected);
    }
    for (const QJsonValue& v : json(absent).value(QStringLiteral("value")).toArray()) {
        const QJsonObject item = v.toObject();
        QVERIFY(!item.contains(QStringLiteral("@odata.type")));
        QVERIFY(!item.contains(QStringLiteral("@odata.id")));
        for (const QJsonValue& s : item.value(QStringLiteral("settings")).toArray())
            QVERIFY(!s.toObject().contains(QStringLiteral("@odata.id")));
    }
}

QTEST_GUILESS_MAIN(TestGraphsimQuery)
#include "tst_graphsim_query.moc"
