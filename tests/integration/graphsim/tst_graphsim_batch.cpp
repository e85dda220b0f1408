// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
// $batch request ids as real clients send them: JSON strings, and JSON numbers as IntuneCD
// has sent since 2022 (GRAPH_NOTES §4.3). The bodies are written out as raw JSON text, the
// way such a client serialises them, not built from graphsim's own types.
#include "GraphsimTestClient.h"

#include "tools/graphsim/server/SimServer.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

#include <memory>

using namespace graphsim;

class TestGraphsimBatch : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void numericIdsLikeIntuneCD();
    void numericDependsOn();
    void idForms_data();
    void idForms();

private:
    HttpResult batch(const QByteArray& requestsJson)
    {
        return m_client->graph("POST", QStringLiteral("/beta/$batch"), m_token,
                               "{\"requests\":[" + requestsJson + "]}");
    }
    std::unique_ptr<SimServer> m_server;
    std::unique_ptr<GraphsimTestClient> m_client;
    QByteArray m_token;
};

namespace {

const QByteArray BadPolicy = "/deviceManagement/configurationPolicies/00000000-0000-0000-0000-000000000bad";

QHash<QString, QJsonObject> responsesById(const HttpResult& result)
{
    QHash<QString, QJsonObject> byId;
    for (const QJsonValue& value : result.json().value(QStringLiteral("responses")).toArray())
        byId.insert(value.toObject().value(QStringLiteral("id")).toString(), value.toObject());
    return byId;
}

QString errorMessage(const HttpResult& result)
{
    return result.json().value(QStringLiteral("error")).toObject().value(QStringLiteral("message")).toString();
}

} // namespace

void TestGraphsimBatch::initTestCase()
{
    SimOptions options;
    options.tenantProfiles = {QStringLiteral("demo")};
    options.seed = 13;
    m_server = std::make_unique<SimServer>(options);
    QString error;
    QVERIFY2(m_server->start(&error), qPrintable(error));
    m_client = std::make_unique<GraphsimTestClient>(*m_server);
    m_token = m_client->token();
    QVERIFY(!m_token.isEmpty());
}

void TestGraphsimBatch::cleanupTestCase()
{
    m_client.reset();
    m_server->stop();
}

void TestGraphsimBatch::numericIdsLikeIntuneCD()
{
    // IntuneCD's create_batch_request: {"id": batch_id, "method": method, "url": url + id + extra},
    // batch_id an int counting up across batches; it correlates with int(resp["id"]).
    const HttpResult result = batch(R"({"id": 21, "method": "GET", "url": "/deviceManagement/roleScopeTags/0"},)"
                                    R"({"id": 22, "method": "GET", "url": ")" + BadPolicy + R"("},)"
                                    R"({"id": 23, "method": "GET", "url": "/deviceManagement/roleScopeTags/1"})");
    QCOMPARE(result.status, 200);
    const QJsonArray responses = result.json().value(QStringLiteral("responses")).toArray();
    QCOMPARE(responses.size(), 3);
    for (const QJsonValue& response : responses) {
        // Graph's response ids are strings, numeric request ids included.
        const QJsonValue id = response.toObject().value(QStringLiteral("id"));
        QVERIFY2(id.isString(), QJsonDocument(response.toObject()).toJson(QJsonDocument::Compact).constData());
    }
    const auto byId = responsesById(result);
    QCOMPARE(QSet<QString>(byId.keyBegin(), byId.keyEnd()),
             (QSet<QString>{QStringLiteral("21"), QStringLiteral("22"), QStringLiteral("23")}));
    QCOMPARE(byId.value(QStringLiteral("21")).value(QStringLiteral("status")).toInt(), 200);
    QCOMPARE(byId.value(QStringLiteral("21")).value(QStringLiteral("body")).toObject().value(QStringLiteral("id")).toString(),
             QStringLiteral("0"));
    QCOMPARE(byId.value(QStringLiteral("22")).value(QStringLiteral("status")).toInt(), 404);
    QCOMPARE(byId.value(QStringLiteral("23")).value(QStringLiteral("status")).toInt(), 200);
}

void TestGraphsimBatch::numericDependsOn()
{
    // Numbers and strings name the same ids in dependsOn, in both directions.
    const HttpResult result = batch(R"({"id": 1, "method": "GET", "url": ")" + BadPolicy + R"("},)"
                                    R"({"id": 2, "dependsOn": [1], "method": "GET", "url": "/deviceManagement/roleScopeTags"},)"
                                    R"({"id": "3", "dependsOn": [2], "method": "GET", "url": "/deviceManagement/roleScopeTags"},)"
                                    R"({"id": 4, "dependsOn": ["1"], "method": "GET", "url": "/deviceManagement/roleScopeTags"},)"
                                    R"({"id": 5, "method": "GET", "url": "/deviceManagement/roleScopeTags"},)"
                                    R"({"id": "6", "dependsOn": [5], "method": "GET", "url": "/deviceManagement/roleScopeTags"})");
    QCOMPARE(result.status, 200);
    const auto byId = responsesById(result);
    QCOMPARE(byId.size(), 6);
    QCOMPARE(byId.value(QStringLiteral("1")).value(QStringLiteral("status")).toInt(), 404);
    QCOMPARE(byId.value(QStringLiteral("2")).value(QStringLiteral("status")).toInt(), 424);
    QCOMPARE(byId.value(QStringLiteral("3")).value(QStringLiteral("status")).toInt(), 424);
    QCOMPARE(byId.value(QStringLiteral("4")).value(QStringLiteral("status")).toInt(), 424);
    QCOMPARE(byId.value(QStringLiteral("5")).value(QStringLiteral("status")).toInt(), 200);
    QCOMPARE(byId.value(QStringLiteral("6")).value(QStringLiteral("status")).toInt(), 200);

    // A number that names no request is a dangling dependsOn, as a string would be.
    QCOMPARE(batch(R"({"id": 1, "dependsOn": [9], "method": "GET", "url": "/deviceManagement/roleScopeTags"})").status,
             400);
}

void TestGraphsimBatch::idForms_data()
{
    QTest::addColumn<QByteArray>("requests");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("echoedId");     ///< accepted: the response's id
    QTest::addColumn<QString>("messagePart");  ///< rejected: what the 400 says

    const QByteArray tags = R"("method": "GET", "url": "/deviceManagement/roleScopeTags")";
    auto one = [&tags](const QByteArray& idMember) -> QByteArray { return "{" + idMember + tags + "}"; };
    auto two = [](const QByteArray& first, const QByteArray& second) -> QByteArray { return first + ',' + second; };
    // Accepted, with the id text Graph reads and echoes.
    QTest::addRow("string") << one(R"("id": "a7", )") << 200 << QStringLiteral("a7") << QString();
    QTest::addRow("integer") << one(R"("id": 7, )") << 200 << QStringLiteral("7") << QString();
    QTest::addRow("zero") << one(R"("id": 0, )") << 200 << QStringLiteral("0") << QString();
    QTest::addRow("negative") << one(R"("id": -3, )") << 200 << QStringLiteral("-3") << QString();
    QTest::addRow("integral float") << one(R"("id": 7.0, )") << 200 << QStringLiteral("7") << QString();
    QTest::addRow("fraction") << one(R"("id": 1.5, )") << 200 << QStringLiteral("1.5") << QString();
    // Still malformed: an id must be a string or a number.
    const QString needsId = QStringLiteral("Each request needs id, method and url");
    QTest::addRow("missing") << one({}) << 400 << QString() << needsId;
    QTest::addRow("empty string") << one(R"("id": "", )") << 400 << QString() << needsId;
    QTest::addRow("null") << one(R"("id": null, )") << 400 << QString() << needsId;
    QTest::addRow("true") << one(R"("id": true, )") << 400 << QString() << needsId;
    QTest::addRow("object") << one(R"("id": {"n": 1}, )") << 400 << QString() << needsId;
    QTest::addRow("array") << one(R"("id": [1], )") << 400 << QString() << needsId;
    const QString dependsOn = QStringLiteral("dependsOn of request '2' must list request ids");
    for (const char* entry : {"true", "null", "{}", "[1]"}) {
        QTest::addRow("dependsOn %s", entry)
            << two(one(R"("id": 1, )"), one(R"("id": 2, "dependsOn": [)" + QByteArray(entry) + "], ")) << 400
            << QString() << dependsOn;
    }
    // Once read, 1 and "1" are one id: a duplicate, like "a" and "A".
    const QString duplicate = QStringLiteral("duplicate Id '1'");
    QTest::addRow("duplicate 1 and \"1\"") << two(one(R"("id": 1, )"), one(R"("id": "1", )")) << 400 << QString()
                                         << duplicate;
    QTest::addRow("duplicate \"1\" and 1") << two(one(R"("id": "1", )"), one(R"("id": 1, )")) << 400 << QString()
                                         << duplicate;
    QTest::addRow("duplicate 1 and 1.0") << two(one(R"("id": 1, )"), one(R"("id": 1.0, )")) << 400 << QString()
                                       << duplicate;
}

void TestGraphsimBatch::idForms()
{
    QFETCH(QByteArray, requests);
    QFETCH(int, status);
    QFETCH(QString, echoedId);
    QFETCH(QString, messagePart);
    const HttpResult result = batch(requests);
    QCOMPARE(result.status, status);
    if (status == 200) {
        const QJsonArray responses = result.json().value(QStringLiteral("responses")).toArray();
        QCOMPARE(responses.size(), 1);
        QCOMPARE(responses.first().toObject().value(QStringLiteral("id")), QJsonValue(echoedId));
        QCOMPARE(responses.first().toObject().value(QStringLiteral("status")).toInt(), 200);
    } else {
        QCOMPARE(result.json().value(QStringLiteral("error")).toObject().value(QStringLiteral("code")).toString(),
                 QStringLiteral("BadRequest"));
        QVERIFY2(errorMessage(result).contains(messagePart), qPrintable(errorMessage(result)));
    }
}

QTEST_GUILESS_MAIN(TestGraphsimBatch)
#include "tst_graphsim_batch.moc"
