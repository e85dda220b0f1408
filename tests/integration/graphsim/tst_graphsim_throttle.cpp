// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
// Throttling windows per app and per tenant, Retry-After forms and early-retry counting,
// driven through /_sim/config and /_sim/clock.
#include "GraphsimTestClient.h"

#include "tools/graphsim/server/SimServer.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QTest>

#include <memory>

using namespace graphsim;

class TestGraphsimThrottle : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void init();
    void appBudgetAndRetryAfter_data();
    void appBudgetAndRetryAfter();
    void earlyRetriesCounted();
    void writesBudget();
    void tenantBudgetAcrossApps();
    void batchSubRequestsThrottledOnTheirOwn();
    void frozenClockStandsStill();
    void groupsStormLeavesIntuneBudget();
    void intuneStormLeavesDirectoryBudget();
    void directoryBudgetThrottles_data();
    void directoryBudgetThrottles();
    void directoryCostsResourceUnits();

private:
    HttpResult get() { return m_client->graph("GET", QStringLiteral("/beta/deviceManagement/roleScopeTags"), m_token); }
    HttpResult groups(const QString& query = {}) { return m_client->graph("GET", QStringLiteral("/beta/groups") + query, m_token); }
    void configure(const QJsonObject& config) { m_client->sim(QStringLiteral("config"), config); }
    void advance(qint64 ms) { m_client->sim(QStringLiteral("clock"), QJsonObject{{QStringLiteral("advanceMs"), ms}}); }
    void freeze() { QVERIFY(m_client->sim(QStringLiteral("clock"), QJsonObject{{QStringLiteral("freeze"), true}}).value(QStringLiteral("frozen")).toBool()); }
    qint64 simNowMs() { return m_client->sim(QStringLiteral("clock")).value(QStringLiteral("nowMs")).toInteger(); }
    std::unique_ptr<SimServer> m_server;
    std::unique_ptr<GraphsimTestClient> m_client;
    QByteArray m_token;
};

void TestGraphsimThrottle::initTestCase()
{
    SimOptions options;
    options.tenantProfiles = {QStringLiteral("demo")};
    options.seed = 9;
    options.tokenLifetimeS = 24 * 3600; // the tests move the clock a lot
    m_server = std::make_unique<SimServer>(options);
    QString error;
    QVERIFY2(m_server->start(&error), qPrintable(error));
    m_client = std::make_unique<GraphsimTestClient>(*m_server);
    m_token = m_client->token();
    QVERIFY(!m_token.isEmpty());
}

void TestGraphsimThrottle::cleanupTestCase()
{
    m_client.reset();
    m_server->stop();
}

void TestGraphsimThrottle::init()
{
    // Windows, stats and counters reset; the clock goes back to real time (the token, valid
    // for a day, stays valid) and is frozen there: windows move only when a test advances
    // the clock, however long the requests take on a busy machine.
    m_client->sim(QStringLiteral("reset"), QJsonObject{{QStringLiteral("all"), true}});
    freeze();
    configure(QJsonObject{{QStringLiteral("appRequests"), 5}, {QStringLiteral("appWrites"), 2},
                          {QStringLiteral("tenantRequests"), 8}, {QStringLiteral("tenantWrites"), 3},
                          {QStringLiteral("windowMs"), 10000}, {QStringLiteral("retryAfter"), QStringLiteral("integer")},
                          {QStringLiteral("intuneThrottleBody"), false},
                          {QStringLiteral("directoryUnits"), 4}, {QStringLiteral("directoryWindowMs"), 10000}});
}

void TestGraphsimThrottle::appBudgetAndRetryAfter_data()
{
    QTest::addColumn<QString>("mode");
    QTest::addColumn<QString>("pattern");
    QTest::addRow("integer") << QStringLiteral("integer") << QStringLiteral("^(10|[1-9])$");
    QTest::addRow("fractional") << QStringLiteral("fractional") << QStringLiteral("^\\d+\\.\\d{3}$");
    QTest::addRow("missing") << QStringLiteral("missing") << QString();
}

void TestGraphsimThrottle::appBudgetAndRetryAfter()
{
    QFETCH(QString, mode);
    QFETCH(QString, pattern);
    configure(QJsonObject{{QStringLiteral("retryAfter"), mode}});
    for (int i = 0; i < 5; ++i)
        QCOMPARE(get().status, 200);
    const HttpResult throttled = get();
    QCOMPARE(throttled.status, 429);
    QCOMPARE(throttled.json().value(QStringLiteral("error")).toObject().value(QStringLiteral("code")).toString(),
             QStringLiteral("TooManyRequests"));
    if (pattern.isEmpty()) {
        QVERIFY(!throttled.headers.contains("retry-after"));
    } else {
        const QString value = QString::fromLatin1(throttled.headers.value("retry-after"));
        QVERIFY2(QRegularExpression(pattern).match(value).hasMatch(), qPrintable(value));
        QVERIFY(value.toDouble() > 0 && value.toDouble() <= 10.0);
    }
    // Throttled requests do not count: once the window moves on, the budget is whole again.
    advance(10001);
    for (int i = 0; i < 5; ++i)
        QCOMPARE(get().status, 200);
    QCOMPARE(get().status, 429);
    const QJsonObject stats = m_client->sim(QStringLiteral("stats"));
    QCOMPARE(stats.value(QStringLiteral("throttled")).toInt(), 2);
}

void TestGraphsimThrottle::earlyRetriesCounted()
{
    for (int i = 0; i < 5; ++i)
        QCOMPARE(get().status, 200);
    const HttpResult throttled = get();
    QCOMPARE(throttled.status, 429);
    const qint64 retryAfterMs = throttled.headers.value("retry-after").toLongLong() * 1000;
    QVERIFY(retryAfterMs > 0);
    QCOMPARE(m_client->sim(QStringLiteral("stats")).value(QStringLiteral("earlyRetries")).toInt(), 0);

    // Too early: counted, and still throttled.
    QCOMPARE(get().status, 429);
    QCOMPARE(m_client->sim(QStringLiteral("stats")).value(QStringLiteral("earlyRetries")).toInt(), 1);
    advance(retryAfterMs / 2);
    QCOMPARE(get().status, 429);
    QCOMPARE(m_client->sim(QStringLiteral("stats")).value(QStringLiteral("earlyRetries")).toInt(), 2);

    // After the last Retry-After (the one just sent) has passed: admitted, not early.
    advance(10001);
    QCOMPARE(get().status, 200);
    const QJsonObject stats = m_client->sim(QStringLiteral("stats"));
    QCOMPARE(stats.value(QStringLiteral("earlyRetries")).toInt(), 2);
    const QString tenantId = m_server->tenants().constFirst().tenantId;
    QCOMPARE(stats.value(QStringLiteral("tenants")).toObject().value(tenantId).toObject()
                 .value(QStringLiteral("earlyRetries")).toInt(),
             2);
}

void TestGraphsimThrottle::writesBudget()
{
    const QString path = QStringLiteral("/beta/deviceManagement/assignmentFilters/00000000-0000-0000-0000-000000000000");
    for (int i = 0; i < 2; ++i)
        QVERIFY(m_client->graph("PATCH", path, m_token, R"({"description":"x"})").status != 429);
    const HttpResult throttled = m_client->graph("PATCH", path, m_token, R"({"description":"x"})");
    QCOMPARE(throttled.status, 429);
    // Reads still have budget left (2 of 5 used).
    QCOMPARE(get().status, 200);
    const QJsonArray writes = m_client->sim(QStringLiteral("writes")).value(QStringLiteral("value")).toArray();
    QCOMPARE(writes.size(), 3);
    QCOMPARE(writes.last().toObject().value(QStringLiteral("status")).toInt(), 429);
    QCOMPARE(writes.last().toObject().value(QStringLiteral("outcome")).toString(), QStringLiteral("throttled"));
    QCOMPARE(writes.last().toObject().value(QStringLiteral("method")).toString(), QStringLiteral("PATCH"));
    QCOMPARE(writes.last().toObject().value(QStringLiteral("bodySha256")).toString().size(), 64);
}

void TestGraphsimThrottle::tenantBudgetAcrossApps()
{
    // Two different apps of one tenant share the tenant window (8) but not the app window (5).
    const QString tenantId = m_server->tenants().constFirst().tenantId;
    const QJsonArray apps = m_client->sim(QStringLiteral("tenants")).value(QStringLiteral("value")).toArray()
                                .first().toObject().value(QStringLiteral("apps")).toArray();
    if (apps.size() < 2)
        QSKIP("the demo tenant has a single app registration");
    const QByteArray otherToken =
        m_client->sim(QStringLiteral("token"),
                      QJsonObject{{QStringLiteral("tenant"), tenantId},
                                  {QStringLiteral("clientId"), apps.at(1).toObject().value(QStringLiteral("clientId"))}})
            .value(QStringLiteral("access_token")).toString().toLatin1();
    for (int i = 0; i < 5; ++i)
        QCOMPARE(get().status, 200);
    QCOMPARE(get().status, 429); // app budget
    const QString path = QStringLiteral("/beta/deviceManagement/roleScopeTags");
    for (int i = 0; i < 3; ++i)
        QCOMPARE(m_client->graph("GET", path, otherToken).status, 200);
    QCOMPARE(m_client->graph("GET", path, otherToken).status, 429); // tenant budget: 5 + 3 = 8
}

void TestGraphsimThrottle::batchSubRequestsThrottledOnTheirOwn()
{
    QJsonArray requests;
    for (int i = 1; i <= 7; ++i) {
        requests.append(QJsonObject{{QStringLiteral("id"), QString::number(i)},
                                    {QStringLiteral("method"), QStringLiteral("GET")},
                                    {QStringLiteral("url"), QStringLiteral("/deviceManagement/roleScopeTags")}});
    }
    const HttpResult result =
        m_client->graph("POST", QStringLiteral("/beta/$batch"), m_token,
                        QJsonDocument(QJsonObject{{QStringLiteral("requests"), requests}}).toJson());
    QCOMPARE(result.status, 200);
    int ok = 0;
    int throttled = 0;
    for (const QJsonValue& value : result.json().value(QStringLiteral("responses")).toArray()) {
        const QJsonObject response = value.toObject();
        if (response.value(QStringLiteral("status")).toInt() == 200) {
            ++ok;
        } else {
            QCOMPARE(response.value(QStringLiteral("status")).toInt(), 429);
            QVERIFY(response.value(QStringLiteral("headers")).toObject().contains(QStringLiteral("Retry-After")));
            ++throttled;
        }
    }
    QCOMPARE(ok, 5);
    QCOMPARE(throttled, 2);
}

void TestGraphsimThrottle::frozenClockStandsStill()
{
    // init() froze the clock. Real time passes; the simulated clock does not.
    const qint64 frozenAt = simNowMs();
    const qint64 realBefore = QDateTime::currentMSecsSinceEpoch();
    QVERIFY(QTest::qWaitFor([realBefore] { return QDateTime::currentMSecsSinceEpoch() > realBefore + 20; }));
    QCOMPARE(simNowMs(), frozenAt);
    advance(1500);
    QCOMPARE(simNowMs(), frozenAt + 1500);

    // Thawed, it runs on again (no earlier than where it stood).
    const QJsonObject thawed = m_client->sim(QStringLiteral("clock"), QJsonObject{{QStringLiteral("freeze"), false}});
    QVERIFY(!thawed.value(QStringLiteral("frozen")).toBool());
    const qint64 thawedAt = thawed.value(QStringLiteral("nowMs")).toInteger();
    QVERIFY2(thawedAt >= frozenAt + 1500, qPrintable(QString::number(thawedAt - frozenAt)));
    QVERIFY(QTest::qWaitFor([&] { return simNowMs() > thawedAt; }));
}

void TestGraphsimThrottle::groupsStormLeavesIntuneBudget()
{
    // Group look-ups are Entra ID's, not Intune's: many of them leave the Intune budget (5) whole.
    configure(QJsonObject{{QStringLiteral("directoryUnits"), 40}});
    for (int i = 0; i < 30; ++i)
        QCOMPARE(groups().status, 200);
    for (int i = 0; i < 5; ++i)
        QCOMPARE(get().status, 200);
    QCOMPARE(get().status, 429); // and the Intune budget still holds
    const QJsonObject byRoute = m_client->sim(QStringLiteral("stats")).value(QStringLiteral("byRoute")).toObject();
    QCOMPARE(byRoute.value(QStringLiteral("groups")).toObject().value(QStringLiteral("200")).toInt(), 30);
    QVERIFY(!byRoute.value(QStringLiteral("groups")).toObject().contains(QStringLiteral("429")));
}

void TestGraphsimThrottle::intuneStormLeavesDirectoryBudget()
{
    for (int i = 0; i < 5; ++i)
        QCOMPARE(get().status, 200);
    QCOMPARE(get().status, 429);
    // Throttled by Intune, the app may still call the directory at once: not throttled, and
    // not an early retry (that Retry-After was Intune's), plain or inside $batch.
    QCOMPARE(groups().status, 200);
    QJsonArray requests;
    for (int i = 1; i <= 3; ++i) {
        requests.append(QJsonObject{{QStringLiteral("id"), QString::number(i)}, {QStringLiteral("method"), QStringLiteral("GET")},
                                    {QStringLiteral("url"), QStringLiteral("/groups?$top=%1").arg(i)}});
    }
    const HttpResult batch = m_client->graph("POST", QStringLiteral("/beta/$batch"), m_token,
                                             QJsonDocument(QJsonObject{{QStringLiteral("requests"), requests}}).toJson());
    QCOMPARE(batch.status, 200);
    for (const QJsonValue& response : batch.json().value(QStringLiteral("responses")).toArray())
        QCOMPARE(response.toObject().value(QStringLiteral("status")).toInt(), 200);
    QCOMPARE(m_client->sim(QStringLiteral("stats")).value(QStringLiteral("earlyRetries")).toInt(), 0);
    // Its own budget (4 units) is what stops it.
    QCOMPARE(groups().status, 429);
}

void TestGraphsimThrottle::directoryBudgetThrottles_data()
{
    QTest::addColumn<QString>("mode");
    QTest::addColumn<QString>("pattern");
    QTest::addRow("integer") << QStringLiteral("integer") << QStringLiteral("^(10|[1-9])$");
    QTest::addRow("fractional") << QStringLiteral("fractional") << QStringLiteral("^\\d+\\.\\d{3}$");
    // Intune's missing Retry-After is Intune's: the directory still names its wait.
    QTest::addRow("missing") << QStringLiteral("missing") << QStringLiteral("^(10|[1-9])$");
}

void TestGraphsimThrottle::directoryBudgetThrottles()
{
    QFETCH(QString, mode);
    QFETCH(QString, pattern);
    // Intune's JSON-in-message body is Intune's too.
    configure(QJsonObject{{QStringLiteral("retryAfter"), mode}, {QStringLiteral("intuneThrottleBody"), true}});
    for (int i = 0; i < 4; ++i) {
        const HttpResult admitted = groups();
        QCOMPARE(admitted.status, 200);
        QCOMPARE(admitted.headers.value("x-ms-resource-unit"), QByteArray("1"));
    }
    const HttpResult throttled = groups();
    QCOMPARE(throttled.status, 429);
    const QJsonObject error = throttled.json().value(QStringLiteral("error")).toObject();
    QCOMPARE(error.value(QStringLiteral("code")).toString(), QStringLiteral("TooManyRequests"));
    QCOMPARE(error.value(QStringLiteral("message")).toString(), QStringLiteral("Too many requests."));
    const QString retryAfter = QString::fromLatin1(throttled.headers.value("retry-after"));
    QVERIFY2(QRegularExpression(pattern).match(retryAfter).hasMatch(), qPrintable(retryAfter));
    QVERIFY(retryAfter.toDouble() > 0 && retryAfter.toDouble() <= 10.0);
    const SimTenantCredentials tenant = m_server->tenants().constFirst();
    QCOMPARE(throttled.headers.value("x-ms-throttle-scope"),
             QByteArray("Tenant_Application/ReadWrite/" + tenant.clientId.toLatin1() + '/' + tenant.tenantId.toLatin1()));
    QVERIFY(!throttled.headers.contains("x-ms-resource-unit"));

    // Too early: counted as such, still throttled. After the Retry-After: admitted again.
    QCOMPARE(groups().status, 429);
    QCOMPARE(m_client->sim(QStringLiteral("stats")).value(QStringLiteral("earlyRetries")).toInt(), 1);
    advance(static_cast<qint64>(retryAfter.toDouble() * 1000));
    QCOMPARE(groups().status, 200);
    QCOMPARE(m_client->sim(QStringLiteral("stats")).value(QStringLiteral("earlyRetries")).toInt(), 1);
    // Intune's budget was never touched.
    for (int i = 0; i < 5; ++i)
        QCOMPARE(get().status, 200);
}

void TestGraphsimThrottle::directoryCostsResourceUnits()
{
    // Documented costs: GET users 2, other identity GETs 1; $select and $top < 20 take one off,
    // $expand adds one, never below 1. graphsim serves no /users, but charges it all the same.
    const HttpResult users = m_client->graph("GET", QStringLiteral("/beta/users"), m_token);
    QCOMPARE(users.headers.value("x-ms-resource-unit"), QByteArray("2"));
    QCOMPARE(groups(QStringLiteral("?$select=id,displayName&$top=5")).headers.value("x-ms-resource-unit"), QByteArray("1"));
    // 3 of 4 units spent: one more unit fits, a 2-unit request does not.
    QCOMPARE(m_client->graph("GET", QStringLiteral("/beta/users"), m_token).status, 429);
    QCOMPARE(groups().status, 200);
    QCOMPARE(groups().status, 429);
}

QTEST_GUILESS_MAIN(TestGraphsimThrottle)
#include "tst_graphsim_throttle.moc"
