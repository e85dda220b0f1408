// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
// $batch building and parsing (GRAPH_NOTES §4.3): ≤ 20 relative GETs, string ids, responses in
// any order with per-item Retry-After, and the read-only check on request bodies.
#include "core/graph/BatchRequest.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace std::chrono_literals;
using pv::ErrorCode;
using namespace pv::graph;

class TestBatchRequest : public QObject
{
    Q_OBJECT

private slots:
    void buildsGetsOnly();
    void atMostTwenty();
    void relativeUrlsOnly_data();
    void relativeUrlsOnly();
    void parsesOutOfOrderWithRetryAfter();
    void parseRejectsStrangers();
    void batchOfGets_data();
    void batchOfGets();
};

void TestBatchRequest::buildsGetsOnly()
{
    BatchGet batch;
    QCOMPARE(*batch.add(QStringLiteral("/deviceManagement/configurationPolicies/a")), QStringLiteral("1"));
    QCOMPARE(*batch.add(QStringLiteral("/deviceManagement/configurationPolicies('b')/settings?$top=1000")),
             QStringLiteral("2"));
    const QJsonObject json = QJsonDocument::fromJson(batch.toJson()).object();
    const QJsonArray requests = json.value(QStringLiteral("requests")).toArray();
    QCOMPARE(requests.size(), 2);
    QCOMPARE(requests[0].toObject(), (QJsonObject{{QStringLiteral("id"), QStringLiteral("1")},
                                                  {QStringLiteral("method"), QStringLiteral("GET")},
                                                  {QStringLiteral("url"), QStringLiteral("/deviceManagement/configurationPolicies/a")}}));
    QCOMPARE(requests[1].toObject().value(QStringLiteral("url")).toString(),
             QStringLiteral("/deviceManagement/configurationPolicies('b')/settings?$top=1000"));
    QCOMPARE(batch.urlOf(QStringLiteral("2")), QStringLiteral("/deviceManagement/configurationPolicies('b')/settings?$top=1000"));
    QVERIFY(isBatchOfGets(batch.toJson()));
}

void TestBatchRequest::atMostTwenty()
{
    BatchGet batch;
    for (int i = 0; i < 20; ++i)
        QVERIFY(batch.add(QStringLiteral("/x/%1").arg(i)).ok());
    QVERIFY(batch.isFull());
    const auto extra = batch.add(QStringLiteral("/x/20"));
    QVERIFY(!extra.ok());
    QCOMPARE(extra.error().code, ErrorCode::InvalidArgument);
    QCOMPARE(batch.size(), 20);
}

void TestBatchRequest::relativeUrlsOnly_data()
{
    QTest::addColumn<QString>("url");
    QTest::addRow("absolute") << QStringLiteral("https://graph.microsoft.com/beta/deviceManagement");
    QTest::addRow("no slash") << QStringLiteral("deviceManagement/configurationPolicies");
    QTest::addRow("network path") << QStringLiteral("//evil.test/x");
    QTest::addRow("empty") << QString();
}

void TestBatchRequest::relativeUrlsOnly()
{
    QFETCH(QString, url);
    BatchGet batch;
    QVERIFY(!batch.add(url).ok());
    QVERIFY(batch.isEmpty());
}

void TestBatchRequest::parsesOutOfOrderWithRetryAfter()
{
    // Shaped like GRAPH_NOTES' batch-response.json sample: out of order, 200/404/429/424.
    const QByteArray response = R"({"responses":[
        {"id":"3","status":429,"headers":{"Retry-After":"2.128","Content-Type":"application/json"},
         "body":{"error":{"code":"TooManyRequests","message":"Too many requests.","innerError":{"request-id":"r3"}}}},
        {"id":"1","status":200,"headers":{"Content-Type":"application/json"},"body":{"id":"p1","name":"One"}},
        {"id":"4","status":424,"body":{"error":{"code":"FailedDependency","message":"x"}}},
        {"id":"2","status":404,"headers":{"request-id":"r2"},"body":{"error":{"code":"NotFound","message":"nope"}}}]})";
    const auto parsed = parseBatchResponse(QJsonDocument::fromJson(response).object(),
                                           {QStringLiteral("1"), QStringLiteral("2"), QStringLiteral("3"),
                                            QStringLiteral("4"), QStringLiteral("5")});
    QVERIFY(parsed.ok());
    QCOMPARE(parsed->size(), 4); // "5" is missing: absent, for the caller to retry
    QCOMPARE(parsed->value(QStringLiteral("1")).status, 200);
    QCOMPARE(parsed->value(QStringLiteral("1")).body.value(QStringLiteral("name")).toString(), QStringLiteral("One"));
    QVERIFY(parsed->value(QStringLiteral("1")).hasObjectBody);
    QCOMPARE(parsed->value(QStringLiteral("3")).status, 429);
    QCOMPARE(parsed->value(QStringLiteral("3")).retryAfter.value(), 2128ms);
    QCOMPARE(parsed->value(QStringLiteral("3")).requestId, QStringLiteral("r3"));
    QCOMPARE(parsed->value(QStringLiteral("2")).requestId, QStringLiteral("r2"));
    QVERIFY(!parsed->value(QStringLiteral("4")).retryAfter.has_value());
}

void TestBatchRequest::parseRejectsStrangers()
{
    const QStringList asked{QStringLiteral("1")};
    QCOMPARE(parseBatchResponse(QJsonObject{}, asked).error().code, ErrorCode::Parse);
    const auto stranger = parseBatchResponse(
        QJsonDocument::fromJson(R"({"responses":[{"id":"9","status":200,"body":{}}]})").object(), asked);
    QVERIFY(!stranger.ok());
    const auto twice = parseBatchResponse(
        QJsonDocument::fromJson(R"({"responses":[{"id":"1","status":200},{"id":"1","status":200}]})").object(), asked);
    QVERIFY(!twice.ok());
    // Numeric ids (IntuneCD style, §4.3) read as their text.
    const auto numeric = parseBatchResponse(
        QJsonDocument::fromJson(R"({"responses":[{"id":1,"status":204}]})").object(), asked);
    QVERIFY(numeric.ok());
    QCOMPARE(numeric->value(QStringLiteral("1")).status, 204);
}

void TestBatchRequest::batchOfGets_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<bool>("onlyGets");
    QTest::addRow("gets") << QByteArray(R"({"requests":[{"id":"1","method":"GET","url":"/a"},{"id":"2","method":"get","url":"/b"}]})") << true;
    QTest::addRow("one patch") << QByteArray(R"({"requests":[{"id":"1","method":"GET","url":"/a"},{"id":"2","method":"PATCH","url":"/b","headers":{"Content-Type":"application/json"},"body":{}}]})") << false;
    QTest::addRow("post") << QByteArray(R"({"requests":[{"id":"1","method":"POST","url":"/a"}]})") << false;
    QTest::addRow("delete") << QByteArray(R"({"requests":[{"id":"1","method":"DELETE","url":"/a"}]})") << false;
    QTest::addRow("get with body") << QByteArray(R"({"requests":[{"id":"1","method":"GET","url":"/a","body":{}}]})") << false;
    QTest::addRow("hidden Method") << QByteArray(R"({"requests":[{"id":"1","method":"GET","Method":"DELETE","url":"/a"}]})") << false;
    QTest::addRow("no method") << QByteArray(R"({"requests":[{"id":"1","url":"/a"}]})") << false;
    QTest::addRow("empty") << QByteArray(R"({"requests":[]})") << false;
    QTest::addRow("not json") << QByteArray("{\"requests\":[") << false;
}

void TestBatchRequest::batchOfGets()
{
    QFETCH(QByteArray, body);
    QFETCH(bool, onlyGets);
    QCOMPARE(isBatchOfGets(body), onlyGets);
}

QTEST_GUILESS_MAIN(TestBatchRequest)
#include "tst_graph_batchrequest.moc"
