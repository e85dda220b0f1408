// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "core/common/Error.h"

#include <QTest>

Q_DECLARE_METATYPE(pv::Error)

using namespace Qt::StringLiterals;

/// The two renderings of an Error: with the code name for logs and the CLI, without it for
/// people reading the app.
class TestError : public QObject
{
    Q_OBJECT

private slots:
    void renderings_data()
    {
        QTest::addColumn<pv::Error>("error");
        QTest::addColumn<QString>("forLogs");
        QTest::addColumn<QString>("forPeople");
        QTest::newRow("message only") << pv::Error{pv::ErrorCode::Internal, u"no licence"_s, 0, {}}
                                      << u"internal: no licence"_s << u"no licence"_s;
        QTest::newRow("status") << pv::Error{pv::ErrorCode::NotFound, u"gone"_s, 404, {}}
                                << u"not_found: gone (HTTP 404)"_s << u"gone (HTTP 404)"_s;
        QTest::newRow("request id") << pv::Error{pv::ErrorCode::Internal, u"odd"_s, 0, u"r-1"_s}
                                    << u"internal: odd (request-id r-1)"_s << u"odd (request-id r-1)"_s;
        QTest::newRow("both") << pv::Error{pv::ErrorCode::Auth, u"denied"_s, 403, u"7f3c"_s}
                              << u"auth: denied (HTTP 403, request-id 7f3c)"_s
                              << u"denied (HTTP 403, request-id 7f3c)"_s;
    }

    void renderings()
    {
        QFETCH(pv::Error, error);
        QFETCH(QString, forLogs);
        QFETCH(QString, forPeople);
        QCOMPARE(error.toString(), forLogs);
        QCOMPARE(error.displayText(), forPeople);
    }
};

QTEST_GUILESS_MAIN(TestError)
#include "tst_error.moc"
