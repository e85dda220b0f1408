// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
// Cloud endpoints from GRAPH_NOTES §5.5 [D, concepts/deployments.md]; overrides change where
// requests go, never the token scope; plain http only on loopback.
#include "core/graph/Cloud.h"

#include <QTest>

using pv::ErrorCode;
using namespace pv::graph;

class TestCloud : public QObject
{
    Q_OBJECT

private slots:
    void endpoints_data();
    void endpoints();
    void namesRoundTrip();
    void overridesKeepTheScope();
    void overrideRules_data();
    void overrideRules();
    void tokenUrl();
};

void TestCloud::endpoints_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("graph");
    QTest::addColumn<QString>("authority");
    QTest::addRow("global") << QStringLiteral("global") << QStringLiteral("https://graph.microsoft.com")
                            << QStringLiteral("https://login.microsoftonline.com");
    QTest::addRow("gcc high") << QStringLiteral("usgov") << QStringLiteral("https://graph.microsoft.us")
                              << QStringLiteral("https://login.microsoftonline.us");
    QTest::addRow("dod") << QStringLiteral("usgovdod") << QStringLiteral("https://dod-graph.microsoft.us")
                         << QStringLiteral("https://login.microsoftonline.us");
    QTest::addRow("china") << QStringLiteral("china") << QStringLiteral("https://microsoftgraph.chinacloudapi.cn")
                           << QStringLiteral("https://login.chinacloudapi.cn");
}

void TestCloud::endpoints()
{
    QFETCH(QString, name);
    QFETCH(QString, graph);
    QFETCH(QString, authority);
    const auto cloud = parseCloud(name);
    QVERIFY(cloud.ok());
    const GraphEndpoints endpoints = cloudEndpoints(*cloud);
    QCOMPARE(endpoints.graphRoot.toString(), graph);
    QCOMPARE(endpoints.authority.toString(), authority);
    QCOMPARE(endpoints.scope, graph + QStringLiteral("/.default"));
}

void TestCloud::namesRoundTrip()
{
    // The CLI's names (app/cli KnownClouds).
    QCOMPARE(cloudNames(), (QStringList{QStringLiteral("global"), QStringLiteral("usgov"), QStringLiteral("usgovdod"),
                                        QStringLiteral("china")}));
    for (const QString& name : cloudNames())
        QCOMPARE(cloudName(*parseCloud(name)), name);
    QCOMPARE(*parseCloud(QStringLiteral("USGOV")), Cloud::UsGov);
    const auto unknown = parseCloud(QStringLiteral("germany"));
    QVERIFY(!unknown.ok());
    QCOMPARE(unknown.error().code, ErrorCode::InvalidArgument);
    QVERIFY(unknown.error().message.contains(QStringLiteral("germany")));
}

void TestCloud::overridesKeepTheScope()
{
    const auto endpoints = resolveEndpoints(Cloud::UsGov, QStringLiteral("https://127.0.0.1:4443/"),
                                            QStringLiteral("https://login.example.test"));
    QVERIFY(endpoints.ok());
    QCOMPARE(endpoints->graphRoot.toString(), QStringLiteral("https://127.0.0.1:4443"));
    QCOMPARE(endpoints->authority.toString(), QStringLiteral("https://login.example.test"));
    QCOMPARE(endpoints->scope, QStringLiteral("https://graph.microsoft.us/.default"));
    // Only one overridden: the other stays the cloud's.
    const auto graphOnly = resolveEndpoints(Cloud::China, QStringLiteral("http://localhost:8080"));
    QVERIFY(graphOnly.ok());
    QCOMPARE(graphOnly->authority.toString(), QStringLiteral("https://login.chinacloudapi.cn"));
    QCOMPARE(graphOnly->scope, QStringLiteral("https://microsoftgraph.chinacloudapi.cn/.default"));
}

void TestCloud::overrideRules_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<bool>("accepted");
    QTest::addRow("https") << QStringLiteral("https://graph.contoso.test") << true;
    QTest::addRow("https with path") << QStringLiteral("https://proxy.contoso.test/graph/") << true;
    QTest::addRow("http loopback v4") << QStringLiteral("http://127.0.0.1:1234") << true;
    QTest::addRow("http loopback 127.x") << QStringLiteral("http://127.8.9.10") << true;
    QTest::addRow("http loopback v6") << QStringLiteral("http://[::1]:1234") << true;
    QTest::addRow("http localhost") << QStringLiteral("http://LOCALHOST:1234") << true;
    QTest::addRow("http remote") << QStringLiteral("http://graph.contoso.test") << false;
    QTest::addRow("http lan ip") << QStringLiteral("http://10.0.0.5") << false;
    QTest::addRow("http localhost lookalike") << QStringLiteral("http://localhost.evil.test") << false;
    QTest::addRow("ftp") << QStringLiteral("ftp://127.0.0.1") << false;
    QTest::addRow("relative") << QStringLiteral("/beta") << false;
    QTest::addRow("query") << QStringLiteral("https://graph.contoso.test/?x=1") << false;
    QTest::addRow("user info") << QStringLiteral("https://user:pw@graph.contoso.test") << false;
    QTest::addRow("no host") << QStringLiteral("https://") << false;
}

void TestCloud::overrideRules()
{
    QFETCH(QString, url);
    QFETCH(bool, accepted);
    const auto graph = resolveEndpoints(Cloud::Global, url);
    const auto authority = resolveEndpoints(Cloud::Global, {}, url);
    QCOMPARE(graph.ok(), accepted);
    QCOMPARE(authority.ok(), accepted);
    if (!accepted) {
        QCOMPARE(graph.error().code, ErrorCode::InvalidArgument);
        QVERIFY2(graph.error().message.contains(QStringLiteral("Graph URL")), qPrintable(graph.error().message));
        QVERIFY(authority.error().message.contains(QStringLiteral("authority URL")));
    }
}

void TestCloud::tokenUrl()
{
    QCOMPARE(cloudEndpoints(Cloud::Global).tokenUrl(QStringLiteral("contoso.onmicrosoft.com")).toString(),
             QStringLiteral("https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/v2.0/token"));
    const auto simulated = resolveEndpoints(Cloud::Global, {}, QStringLiteral("https://127.0.0.1:9/"));
    QCOMPARE(simulated->tokenUrl(QStringLiteral("bd8f61c4-0000-0000-0000-000000000001")).toString(),
             QStringLiteral("https://127.0.0.1:9/bd8f61c4-0000-0000-0000-000000000001/oauth2/v2.0/token"));
    for (const char* bad : {"", "../common", "x?y=1", "a/b", "t#f", "ténant"})
        QVERIFY2(cloudEndpoints(Cloud::Global).tokenUrl(QString::fromUtf8(bad)).isEmpty(), bad);
}

QTEST_GUILESS_MAIN(TestCloud)
#include "tst_graph_cloud.moc"
