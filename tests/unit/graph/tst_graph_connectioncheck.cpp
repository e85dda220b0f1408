// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
// How the connection test words failures that graphsim cannot produce (an expired client
// secret, a clock that is off, a key Entra says expired) and what a 403 names.
#include "core/graph/ConnectionCheck.h"

#include <QTest>

using namespace pv;
using namespace pv::graph;

class TestGraphConnectionCheck : public QObject
{
    Q_OBJECT

private slots:
    void signInCodes_data()
    {
        QTest::addColumn<QString>("message");
        QTest::addColumn<QString>("starts");
        QTest::addRow("expired secret") << QStringLiteral("invalid_client (AADSTS7000222: The provided client secret keys for app 'x' are expired.)")
                                        << QStringLiteral("The client secret has expired (AADSTS7000222)");
        QTest::addRow("key expired at Entra") << QStringLiteral("invalid_client (AADSTS700027: Client assertion contains an invalid signature. [Reason - The key used is expired.])")
                                              << QStringLiteral("The certificate registered on the app has expired");
        QTest::addRow("clock") << QStringLiteral("invalid_client (AADSTS700024: Client assertion is not within its valid time range.)")
                               << QStringLiteral("Entra refused the certificate assertion's time");
        QTest::addRow("unknown app") << QStringLiteral("unauthorized_client (AADSTS700016: Application with identifier 'x' was not found)")
                                     << QStringLiteral("Unknown app: there is no app with client ID app-id");
        QTest::addRow("other code") << QStringLiteral("invalid_request (AADSTS900144: The request body must contain 'grant_type'.)")
                                    << QStringLiteral("Sign-in failed: invalid_request (AADSTS900144");
    }
    void signInCodes()
    {
        QFETCH(QString, message);
        QFETCH(QString, starts);
        const QString text = ConnectionChecks::explainSignIn(Error{ErrorCode::Auth, message, 401, {}},
                                                             QStringLiteral("https://graph.microsoft.com/.default"),
                                                             QStringLiteral("global"), QStringLiteral("contoso.onmicrosoft.com"),
                                                             QStringLiteral("app-id"));
        QVERIFY2(text.startsWith(starts), qPrintable(text));
    }

    void forbiddenNamesTheFirstScope()
    {
        const QString graph = QStringLiteral("GET /beta/deviceManagement/assignmentFilters: HTTP 403 Forbidden: Application is not "
                                             "authorized to perform this operation. Application must have one of the following "
                                             "scopes: DeviceManagementConfiguration.Read.All, "
                                             "DeviceManagementConfiguration.ReadWrite.All - Operation ID (for customer support): 0");
        QCOMPARE(ConnectionChecks::scopeNamedIn(graph), QStringLiteral("DeviceManagementConfiguration.Read.All"));
        QCOMPARE(ConnectionChecks::explainRead(QStringLiteral("assignmentFilters"), Error{ErrorCode::Http, graph, 403, {}}),
                 QStringLiteral("The app lacks DeviceManagementConfiguration.Read.All — add it as an application permission "
                                "(Microsoft Graph) and grant admin consent."));
        // A 403 whose text names nothing: the permission GRAPH_NOTES §5.4 gives for that read.
        QCOMPARE(ConnectionChecks::explainRead(QStringLiteral("groups"), Error{ErrorCode::Http, QStringLiteral("HTTP 403"), 403, {}}),
                 QStringLiteral("The app lacks Group.Read.All — add it as an application permission (Microsoft Graph) and "
                                "grant admin consent."));
    }

    void resultIsOkOnlyWhenEveryCheckIs()
    {
        ConnectionTestResult result;
        QVERIFY(!result.ok());   // nothing checked is not a pass
        result.checks = {ConnectionCheck{QStringLiteral("signIn"), {}, true, {}, {}}};
        QVERIFY(result.ok());
        result.checks.append(ConnectionCheck{QStringLiteral("groups"), {}, false, {}, {}});
        QVERIFY(!result.ok());
    }
};

QTEST_GUILESS_MAIN(TestGraphConnectionCheck)
#include "tst_graph_connectioncheck.moc"
