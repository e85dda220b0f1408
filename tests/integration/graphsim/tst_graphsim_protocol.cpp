// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
// Protocol over real HTTP/HTTPS: response headers, nextLink paging, $batch rules, and each
// samples/error-* reproduced with the same status and key set.
#include "GraphsimTestClient.h"

#include "tools/graphsim/server/SimServer.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <QTest>
#include <QUrlQuery>
#include <QUuid>

#include <memory>

using namespace graphsim;

class TestGraphsimProtocol : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void responseHeaders_data();
    void responseHeaders();
    void pagingFollowsNextLinks_data();
    void pagingFollowsNextLinks();
    void batchRoundTrip();
    void batchLimits();
    void batchDependsOn();
    void batchShuffles();
    void batchSubRequestMetadata();
    void samplesReproduced_data();
    void samplesReproduced();

private:
    HttpResult batch(const QJsonArray& requests);
    std::unique_ptr<SimServer> m_server;
    std::unique_ptr<GraphsimTestClient> m_http;
    std::unique_ptr<GraphsimTestClient> m_https;
    QByteArray m_token;
};

namespace {

QSet<QString> keyPaths(const QJsonObject& object, const QString& prefix = {})
{
    QSet<QString> paths;
    for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
        const QString path = prefix.isEmpty() ? it.key() : prefix + QLatin1Char('.') + it.key();
        paths.insert(path);
        if (it.value().isObject())
            paths.unite(keyPaths(it.value().toObject(), path));
    }
    return paths;
}

QJsonObject request(const QString& id, const QString& url, const QString& method = QStringLiteral("GET"))
{
    return QJsonObject{{QStringLiteral("id"), id}, {QStringLiteral("method"), method}, {QStringLiteral("url"), url}};
}

QHash<QString, QJsonObject> responsesById(const HttpResult& result)
{
    QHash<QString, QJsonObject> byId;
    for (const QJsonValue& value : result.json().value(QStringLiteral("responses")).toArray())
        byId.insert(value.toObject().value(QStringLiteral("id")).toString(), value.toObject());
    return byId;
}

} // namespace

void TestGraphsimProtocol::initTestCase()
{
    SimOptions options;
    options.tenantProfiles = {QStringLiteral("demo")};
    options.seed = 5;
    options.policyPageSize = 4;
    m_server = std::make_unique<SimServer>(options);
    QString error;
    QVERIFY2(m_server->start(&error), qPrintable(error));
    m_http = std::make_unique<GraphsimTestClient>(*m_server, false);
    m_https = std::make_unique<GraphsimTestClient>(*m_server, true);
    m_token = m_http->token();
    QVERIFY(!m_token.isEmpty());
}

void TestGraphsimProtocol::cleanupTestCase()
{
    m_http.reset();
    m_https.reset();
    m_server->stop();
}

void TestGraphsimProtocol::responseHeaders_data()
{
    QTest::addColumn<bool>("https");
    QTest::addRow("http") << false;
    QTest::addRow("https") << true;
}

void TestGraphsimProtocol::responseHeaders()
{
    QFETCH(bool, https);
    GraphsimTestClient& client = https ? *m_https : *m_http;
    const QByteArray clientRequestId = QUuid::createUuid().toByteArray(QUuid::WithoutBraces);
    const HttpResult echoed = client.graph("GET", QStringLiteral("/beta/deviceManagement/roleScopeTags"), m_token, {},
                                           {{"client-request-id", clientRequestId}});
    QCOMPARE(echoed.status, 200);
    QCOMPARE(echoed.headers.value("client-request-id"), clientRequestId);
    QVERIFY(!QUuid::fromString(QString::fromLatin1(echoed.headers.value("request-id"))).isNull());
    QVERIFY(echoed.headers.contains("date"));
    QVERIFY(echoed.headers.contains("x-ms-ags-diagnostic"));
    QCOMPARE(echoed.headers.contains("strict-transport-security"), https);
    QCOMPARE(echoed.headers.value("odata-version"), QByteArray("4.0"));

    const HttpResult generated = client.graph("GET", QStringLiteral("/beta/deviceManagement/nosuchthing"), m_token);
    QVERIFY(generated.status >= 400);
    const QByteArray requestId = generated.headers.value("request-id");
    // Errors are plain JSON (samples/batch-response.json): no OData content type or version.
    QCOMPARE(generated.headers.value("content-type"), QByteArray("application/json"));
    QVERIFY(!generated.headers.contains("odata-version"));
    QVERIFY(!QUuid::fromString(QString::fromLatin1(generated.headers.value("client-request-id"))).isNull());
    const QJsonObject inner =
        generated.json().value(QStringLiteral("error")).toObject().value(QStringLiteral("innerError")).toObject();
    QCOMPARE(inner.value(QStringLiteral("request-id")).toString().toLatin1(), requestId);
    QVERIFY(inner.contains(QStringLiteral("date")));
    QVERIFY(inner.contains(QStringLiteral("client-request-id")));
}

void TestGraphsimProtocol::pagingFollowsNextLinks_data()
{
    responseHeaders_data();
}

void TestGraphsimProtocol::pagingFollowsNextLinks()
{
    QFETCH(bool, https);
    GraphsimTestClient& client = https ? *m_https : *m_http;
    QString next = client.base().toString() + QStringLiteral("/beta/deviceManagement/configurationPolicies");
    QSet<QString> ids;
    int pages = 0;
    QString secondLink;
    while (!next.isEmpty()) {
        const QUrl url(next);
        QCOMPARE(url.scheme(), client.base().scheme());
        QCOMPARE(url.port(), client.base().port());
        QCOMPARE(url.host(), client.base().host());
        const HttpResult page = client.request("GET", url, {}, {{"Authorization", "Bearer " + m_token}});
        QCOMPARE(page.status, 200);
        const QJsonArray value = page.json().value(QStringLiteral("value")).toArray();
        QVERIFY(value.size() <= 4);
        for (const QJsonValue& policy : value) {
            const QString id = policy.toObject().value(QStringLiteral("id")).toString();
            QVERIFY2(!ids.contains(id), qPrintable(id));
            ids.insert(id);
        }
        next = page.json().value(QStringLiteral("@odata.nextLink")).toString();
        if (pages == 0)
            secondLink = next;
        ++pages;
        QVERIFY(pages < 1000);
    }
    QVERIFY2(pages >= 3, qPrintable(QString::number(pages)));
    QVERIFY(ids.size() > 8);

    // A tampered skip token is refused.
    QUrl tampered(secondLink);
    QUrlQuery query(tampered);
    const QString token = query.queryItemValue(QStringLiteral("$skiptoken"));
    QVERIFY2(!token.isEmpty(), qPrintable(secondLink));
    query.removeQueryItem(QStringLiteral("$skiptoken"));
    query.addQueryItem(QStringLiteral("$skiptoken"), token.left(token.size() - 2) + QStringLiteral("zz"));
    tampered.setQuery(query);
    QCOMPARE(client.request("GET", tampered, {}, {{"Authorization", "Bearer " + m_token}}).status, 400);
}

HttpResult TestGraphsimProtocol::batch(const QJsonArray& requests)
{
    return m_http->graph("POST", QStringLiteral("/beta/$batch"), m_token,
                         QJsonDocument(QJsonObject{{QStringLiteral("requests"), requests}}).toJson());
}

void TestGraphsimProtocol::batchRoundTrip()
{
    const HttpResult result = batch(QJsonArray{
        request(QStringLiteral("1"), QStringLiteral("/deviceManagement/roleScopeTags")),
        request(QStringLiteral("2"), QStringLiteral("/deviceManagement/configurationPolicies?$top=2")),
        request(QStringLiteral("3"), QStringLiteral("/deviceManagement/configurationPolicies/00000000-0000-0000-0000-000000000bad")),
    });
    QCOMPARE(result.status, 200);
    const auto byId = responsesById(result);
    QCOMPARE(byId.size(), 3);
    QCOMPARE(byId.value(QStringLiteral("1")).value(QStringLiteral("status")).toInt(), 200);
    QCOMPARE(byId.value(QStringLiteral("2")).value(QStringLiteral("status")).toInt(), 200);
    QCOMPARE(byId.value(QStringLiteral("2")).value(QStringLiteral("body")).toObject().value(QStringLiteral("value")).toArray().size(), 2);
    QCOMPARE(byId.value(QStringLiteral("3")).value(QStringLiteral("status")).toInt(), 404);
    QVERIFY(byId.value(QStringLiteral("3")).value(QStringLiteral("headers")).toObject().contains(QStringLiteral("Content-Type")));
}

void TestGraphsimProtocol::batchLimits()
{
    QJsonArray twentyOne;
    for (int i = 1; i <= 21; ++i)
        twentyOne.append(request(QString::number(i), QStringLiteral("/deviceManagement/roleScopeTags")));
    QCOMPARE(batch(twentyOne).status, 400);
    twentyOne.removeLast();
    QCOMPARE(batch(twentyOne).status, 200);

    // Ids are not case-sensitive.
    QCOMPARE(batch(QJsonArray{request(QStringLiteral("a"), QStringLiteral("/deviceManagement/roleScopeTags")),
                              request(QStringLiteral("A"), QStringLiteral("/deviceManagement/roleScopeTags"))})
                 .status,
             400);
    QJsonObject withBody = request(QStringLiteral("1"), QStringLiteral("/deviceManagement/assignmentFilters"),
                                   QStringLiteral("POST"));
    withBody.insert(QStringLiteral("body"), QJsonObject{{QStringLiteral("displayName"), QStringLiteral("x")}});
    QCOMPARE(batch(QJsonArray{withBody}).status, 400);
    QCOMPARE(batch(QJsonArray{request(QStringLiteral("1"), QStringLiteral("https://graph.microsoft.com/beta/x"))}).status,
             400);
    QCOMPARE(m_http->graph("POST", QStringLiteral("/beta/$batch"), m_token, "{not json").status, 400);
}

void TestGraphsimProtocol::batchDependsOn()
{
    QJsonObject second = request(QStringLiteral("2"), QStringLiteral("/deviceManagement/roleScopeTags"));
    second.insert(QStringLiteral("dependsOn"), QJsonArray{QStringLiteral("1")});
    QJsonObject third = request(QStringLiteral("3"), QStringLiteral("/deviceManagement/roleScopeTags"));
    third.insert(QStringLiteral("dependsOn"), QJsonArray{QStringLiteral("2")});
    const HttpResult result = batch(QJsonArray{
        request(QStringLiteral("1"), QStringLiteral("/deviceManagement/configurationPolicies/00000000-0000-0000-0000-000000000bad")),
        second, third});
    QCOMPARE(result.status, 200);
    const auto byId = responsesById(result);
    QCOMPARE(byId.value(QStringLiteral("1")).value(QStringLiteral("status")).toInt(), 404);
    QCOMPARE(byId.value(QStringLiteral("2")).value(QStringLiteral("status")).toInt(), 424);
    QCOMPARE(byId.value(QStringLiteral("3")).value(QStringLiteral("status")).toInt(), 424);
    QCOMPARE(byId.value(QStringLiteral("2")).value(QStringLiteral("body")).toObject().value(QStringLiteral("error"))
                 .toObject().value(QStringLiteral("code")).toString(),
             QStringLiteral("FailedDependency"));

    QJsonObject dangling = request(QStringLiteral("1"), QStringLiteral("/deviceManagement/roleScopeTags"));
    dangling.insert(QStringLiteral("dependsOn"), QJsonArray{QStringLiteral("9")});
    QCOMPARE(batch(QJsonArray{dangling}).status, 400);
}

void TestGraphsimProtocol::batchShuffles()
{
    QJsonArray requests;
    QStringList sent;
    for (int i = 1; i <= 20; ++i) {
        requests.append(request(QString::number(i), QStringLiteral("/deviceManagement/roleScopeTags")));
        sent.append(QString::number(i));
    }
    QStringList received;
    for (const QJsonValue& value : batch(requests).json().value(QStringLiteral("responses")).toArray())
        received.append(value.toObject().value(QStringLiteral("id")).toString());
    QCOMPARE(received.size(), 20);
    QVERIFY(received != sent);
    QStringList sorted = received;
    std::sort(sorted.begin(), sorted.end(), [](const QString& a, const QString& b) { return a.toInt() < b.toInt(); });
    QCOMPARE(sorted, sent);
}

void TestGraphsimProtocol::batchSubRequestMetadata()
{
    // A sub-request's own Accept header picks its metadata level; its sibling keeps minimal.
    QJsonObject full = request(QStringLiteral("full"), QStringLiteral("/deviceManagement/configurationPolicies?$top=2"));
    full.insert(QStringLiteral("headers"), QJsonObject{{QStringLiteral("Accept"), QStringLiteral("application/json;odata.metadata=full")}});
    const HttpResult result = batch(QJsonArray{full, request(QStringLiteral("minimal"), QStringLiteral("/deviceManagement/configurationPolicies?$top=2"))});
    QCOMPARE(result.status, 200);
    const auto byId = responsesById(result);
    const QJsonObject fullResponse = byId.value(QStringLiteral("full"));
    QCOMPARE(fullResponse.value(QStringLiteral("status")).toInt(), 200);
    QVERIFY(fullResponse.value(QStringLiteral("headers")).toObject().value(QStringLiteral("Content-Type")).toString()
                .startsWith(QStringLiteral("application/json;odata.metadata=full;")));
    const QJsonObject item = fullResponse.value(QStringLiteral("body")).toObject().value(QStringLiteral("value")).toArray().at(0).toObject();
    QCOMPARE(item.value(QStringLiteral("@odata.type")).toString(), QStringLiteral("#microsoft.graph.deviceManagementConfigurationPolicy"));
    QVERIFY2(item.value(QStringLiteral("@odata.id")).toString().startsWith(
                 m_http->base().toString(QUrl::StripTrailingSlash) + QStringLiteral("/beta/deviceManagement/configurationPolicies('")),
             qPrintable(item.value(QStringLiteral("@odata.id")).toString()));
    const QJsonObject minimal = byId.value(QStringLiteral("minimal"));
    QVERIFY(minimal.value(QStringLiteral("headers")).toObject().value(QStringLiteral("Content-Type")).toString()
                .startsWith(QStringLiteral("application/json;odata.metadata=minimal;")));
    QVERIFY(!minimal.value(QStringLiteral("body")).toObject().value(QStringLiteral("value")).toArray().at(0).toObject()
                 .contains(QStringLiteral("@odata.type")));
}

void TestGraphsimProtocol::samplesReproduced_data()
{
    QTest::addColumn<QString>("sample");
    for (const char* name : {"error-400-no-route", "error-401-invalid-token", "error-403-intune-missing-permission",
                             "error-404-not-found", "error-429-throttled", "error-429-throttled-intune-variant"})
        QTest::addRow("%s", name) << QString::fromLatin1(name);
}

void TestGraphsimProtocol::samplesReproduced()
{
    QFETCH(QString, sample);
    QFile file(QStringLiteral(PV_TEST_DATA_DIR "/graph/") + sample + QStringLiteral(".json"));
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QJsonObject expected = QJsonDocument::fromJson(file.readAll()).object();

    HttpResult actual;
    const QString policies = QStringLiteral("/beta/deviceManagement/configurationPolicies");
    if (sample == QLatin1String("error-400-no-route")) {
        const HttpResult list = m_http->graph("GET", policies + QStringLiteral("?$top=1"), m_token);
        const QString id = list.json().value(QStringLiteral("value")).toArray().first().toObject()
                               .value(QStringLiteral("id")).toString();
        actual = m_http->graph("PATCH", policies + QStringLiteral("('%1')/settings('0')").arg(id), m_token,
                               R"({"id":"0"})");
    } else if (sample == QLatin1String("error-401-invalid-token")) {
        actual = m_http->graph("GET", policies, {});
    } else if (sample == QLatin1String("error-403-intune-missing-permission")) {
        const QJsonObject noRoles = m_http->sim(
            QStringLiteral("token"),
            QJsonObject{{QStringLiteral("tenant"), m_server->tenants().constFirst().tenantId},
                        {QStringLiteral("claims"), QJsonObject{{QStringLiteral("roles"), QJsonArray{}}}}});
        actual = m_http->graph("GET", policies, noRoles.value(QStringLiteral("access_token")).toString().toLatin1());
    } else if (sample == QLatin1String("error-404-not-found")) {
        actual = m_http->graph("GET", QStringLiteral("/deviceManagement/configurationPolicies"), m_token);
    } else {
        const bool intune = sample.endsWith(QLatin1String("intune-variant"));
        // Frozen, the window cannot slide on however slowly the three requests go; the
        // reset below thaws the clock.
        m_http->sim(QStringLiteral("clock"), QJsonObject{{QStringLiteral("freeze"), true}});
        m_http->sim(QStringLiteral("config"),
                    QJsonObject{{QStringLiteral("appRequests"), 2}, {QStringLiteral("windowMs"), 60000},
                                {QStringLiteral("intuneThrottleBody"), intune},
                                {QStringLiteral("retryAfter"), intune ? QStringLiteral("missing") : QStringLiteral("integer")}});
        for (int i = 0; i < 3; ++i)
            actual = m_http->graph("GET", QStringLiteral("/beta/deviceManagement/roleScopeTags"), m_token);
        m_http->sim(QStringLiteral("reset"), QJsonObject{{QStringLiteral("all"), true}});
        m_http->sim(QStringLiteral("config"),
                    QJsonObject{{QStringLiteral("appRequests"), 1000}, {QStringLiteral("windowMs"), 20000},
                                {QStringLiteral("intuneThrottleBody"), false}, {QStringLiteral("retryAfter"), QStringLiteral("integer")}});
    }
    QCOMPARE(actual.status, expected.value(QStringLiteral("status")).toInt());
    const QJsonObject expectedBody = expected.value(QStringLiteral("body")).toObject();
    QCOMPARE(keyPaths(actual.json()), keyPaths(expectedBody));
    const QJsonObject expectedHeaders = expected.value(QStringLiteral("headers")).toObject();
    for (auto it = expectedHeaders.constBegin(); it != expectedHeaders.constEnd(); ++it)
        QVERIFY2(actual.headers.contains(it.key().toLower().toLatin1()), qPrintable(it.key()));
    const QString expectedMessage = expectedBody.value(QStringLiteral("error")).toObject().value(QStringLiteral("message")).toString();
    const QString actualMessage = actual.json().value(QStringLiteral("error")).toObject().value(QStringLiteral("message")).toString();
    // Intune wraps JSON inside message; the wrapping must match, not the ids inside.
    QCOMPARE(actualMessage.startsWith(QLatin1String("{\r\n  \"_version\": 3")),
             expectedMessage.startsWith(QLatin1String("{\r\n  \"_version\": 3")));
    QCOMPARE(actual.json().value(QStringLiteral("error")).toObject().value(QStringLiteral("code")).toString(),
             expectedBody.value(QStringLiteral("error")).toObject().value(QStringLiteral("code")).toString());
}

QTEST_GUILESS_MAIN(TestGraphsimProtocol)
#include "tst_graphsim_protocol.moc"
