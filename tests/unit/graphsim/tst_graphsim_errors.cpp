// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
// Each Graph error sample (tests/data/graph/error-*.json, copied from GRAPH_NOTES' samples)
// is reproduced with the same status and the same keys. innerError (date and request ids)
// is the server's to add, so the model's envelope is the sample's minus innerError.

#include "SimTestUtil.h"

#include "tools/graphsim/model/GraphErrors.h"

#include <QDir>
#include <QFile>
#include <QTest>

using namespace simtest;

namespace {

QJsonObject sample(const QString& name)
{
    QFile file(QStringLiteral(PV_TEST_DATA_DIR "/graph/") + name);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(file.readAll()).object();
}

QStringList keysWithoutInnerError(const QJsonObject& error)
{
    QStringList keys = error.keys();
    keys.removeAll(QStringLiteral("innerError"));
    return keys;
}

/// Intune's JSON-inside-message: the keys of the embedded object.
QStringList messageKeys(const QJsonObject& error)
{
    return QJsonDocument::fromJson(error.value(QStringLiteral("message")).toString().toUtf8()).object().keys();
}

} // namespace

class TestGraphsimErrors : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void samplesAreReproduced_data();
    void samplesAreReproduced();
    void everySampleIsCovered();

private:
    World m_world;
    QMap<QString, graphsim::SimResponse> m_responses;
};

void TestGraphsimErrors::initTestCase()
{
    QVERIFY(m_world.init(QStringLiteral("demo")));
    const QString id = json(m_world.call("GET", QStringLiteral("/deviceManagement/configurationPolicies?$top=1")))
                           .value(QStringLiteral("value")).toArray().at(0).toObject().value(QStringLiteral("id")).toString();
    m_responses.insert(QStringLiteral("error-400-no-route.json"),
                       m_world.call("PATCH", QStringLiteral("/deviceManagement/configurationPolicies('%1')/settings('1')").arg(id), QJsonObject{}));
    m_responses.insert(QStringLiteral("error-403-intune-missing-permission.json"),
                       m_world.world.handle(request("GET", QStringLiteral("/deviceManagement/configurationPolicies")),
                                            graphsim::Caller{m_world.tenantId, QStringLiteral("app"), {}}));
    // The URL lacked the version segment: "deviceManagement" arrived where the version goes.
    m_responses.insert(QStringLiteral("error-404-not-found.json"),
                       m_world.world.handle(request("GET", QStringLiteral("/configurationPolicies"), {}, QStringLiteral("devicemanagement")),
                                            m_world.writer));
    // 401 and 429 are the server's, built from the shared helpers; check their shapes here.
    m_responses.insert(QStringLiteral("error-401-invalid-token.json"),
                       graphsim::graphError(401, QStringLiteral("InvalidAuthenticationToken"), QStringLiteral("Access token is empty.")));
    m_responses.insert(QStringLiteral("error-429-throttled.json"),
                       graphsim::graphError(429, QStringLiteral("TooManyRequests"), QStringLiteral("Too many requests.")));
    m_responses.insert(QStringLiteral("error-429-throttled-intune-variant.json"),
                       graphsim::graphError(429, QStringLiteral("TooManyRequests"),
                                            graphsim::errors::intuneMessage(QStringLiteral("An error has occurred"),
                                                                            QStringLiteral("https://fef.amsub0302.manage.microsoft.com/StatelessAuditingFEService"))));
}

void TestGraphsimErrors::samplesAreReproduced_data()
{
    QTest::addColumn<QString>("file");
    for (const QString& file : QDir(QStringLiteral(PV_TEST_DATA_DIR "/graph")).entryList({QStringLiteral("error-*.json")}, QDir::Files, QDir::Name))
        QTest::newRow(qPrintable(file)) << file;
}

void TestGraphsimErrors::samplesAreReproduced()
{
    QFETCH(QString, file);
    const QJsonObject expected = sample(file);
    QVERIFY(!expected.isEmpty());
    QVERIFY2(m_responses.contains(file), "no reproduction for this sample");
    const graphsim::SimResponse response = m_responses.value(file);
    QCOMPARE(response.status, expected.value(QStringLiteral("status")).toInt());
    QVERIFY(response.contentType.startsWith("application/json"));
    const QJsonObject body = json(response);
    const QJsonObject expectedBody = expected.value(QStringLiteral("body")).toObject();
    QCOMPARE(body.keys(), expectedBody.keys());
    const QJsonObject error = body.value(QStringLiteral("error")).toObject();
    const QJsonObject expectedError = expectedBody.value(QStringLiteral("error")).toObject();
    QCOMPARE(error.keys(), keysWithoutInnerError(expectedError));
    QVERIFY(expectedError.contains(QStringLiteral("innerError")));
    QCOMPARE(error.value(QStringLiteral("code")), expectedError.value(QStringLiteral("code")));
    const QString expectedMessage = expectedError.value(QStringLiteral("message")).toString();
    if (expectedMessage.startsWith(u'{')) {
        QCOMPARE(messageKeys(error), messageKeys(expectedError));
        QVERIFY(error.value(QStringLiteral("message")).toString().startsWith(QStringLiteral("{\r\n  \"_version\": 3,\r\n  \"Message\": ")));
    } else if (file == QLatin1String("error-404-not-found.json") || file.startsWith(QLatin1String("error-401"))
               || file == QLatin1String("error-429-throttled.json")) {
        QCOMPARE(error.value(QStringLiteral("message")).toString(), expectedMessage);
    } else {
        QCOMPARE(error.value(QStringLiteral("message")).toString().section(u' ', 0, 10), expectedMessage.section(u' ', 0, 10));
    }
}

void TestGraphsimErrors::everySampleIsCovered()
{
    const QStringList files = QDir(QStringLiteral(PV_TEST_DATA_DIR "/graph")).entryList({QStringLiteral("error-*.json")}, QDir::Files);
    QCOMPARE(files.size(), 6);
    for (const QString& file : files)
        QVERIFY2(m_responses.contains(file), qPrintable(file));
}

QTEST_GUILESS_MAIN(TestGraphsimErrors)
#include "tst_graphsim_errors.moc"
