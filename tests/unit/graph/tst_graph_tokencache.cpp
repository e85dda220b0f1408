// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
// CachingTokenProvider, the token cache app and delegated sign-in share: when a cached token is
// renewed (5 minutes ahead, half the lifetime of a short one), that every waiter shares one
// fetch, and that a 401's invalidate() forgets only the token Graph refused. PKCE's and the
// 403 plain-words helpers are pure and checked here too.
#include "core/graph/CachingTokenProvider.h"
#include "core/graph/GraphError.h"
#include "core/graph/Pkce.h"

#include <QTest>
#include <QTimer>

using namespace pv;
using namespace pv::graph;

namespace {

/// Hands out "token-N" living `lifetimeS`, counting fetches.
class CountingProvider final : public CachingTokenProvider
{
public:
    explicit CountingProvider(qint64 lifetimeS) : CachingTokenProvider(nullptr), m_lifetimeS(lifetimeS) {}
    int fetches = 0;

private:
    void fetch() override
    {
        ++fetches;
        QTimer::singleShot(0, this, [this] {
            deliver(AccessToken{"token-" + QByteArray::number(fetches), QDateTime::currentDateTimeUtc().addSecs(m_lifetimeS)});
        });
    }
    qint64 m_lifetimeS;
};

QByteArray tokenOf(CachingTokenProvider& provider, QObject* context)
{
    QByteArray out;
    bool done = false;
    provider.accessToken(context, [&](Result<AccessToken> token) {
        out = token ? token->token : QByteArray("error");
        done = true;
    });
    if (!QTest::qWaitFor([&] { return done; }, 5000))
        return "timeout";
    return out;
}

} // namespace

class TestTokenCache : public QObject
{
    Q_OBJECT

private slots:
    void freshness_data();
    void freshness();
    void waitersShareOneFetch();
    void invalidateForgetsOnlyTheRefusedToken();
    void shortLivedTokensAreRenewed();
    void forbiddenInPlainWords();
};

void TestTokenCache::freshness_data()
{
    QTest::addColumn<qint64>("lifetimeS");
    QTest::addColumn<qint64>("elapsedS");
    QTest::addColumn<bool>("fresh");
    QTest::newRow("hour, just issued") << qint64(3600) << qint64(0) << true;
    QTest::newRow("hour, 6 min left") << qint64(3600) << qint64(3240) << true;
    QTest::newRow("hour, 5 min left") << qint64(3600) << qint64(3300) << false;
    QTest::newRow("minute, 31 s left") << qint64(60) << qint64(29) << true;
    QTest::newRow("minute, 30 s left") << qint64(60) << qint64(30) << false;
    QTest::newRow("expired") << qint64(3600) << qint64(4000) << false;
}

void TestTokenCache::freshness()
{
    QFETCH(qint64, lifetimeS);
    QFETCH(qint64, elapsedS);
    QFETCH(bool, fresh);
    const QDateTime issued = QDateTime::fromString(QStringLiteral("2026-12-03T10:00:00Z"), Qt::ISODate);
    const AccessToken token{"t", issued.addSecs(lifetimeS)};
    QCOMPARE(CachingTokenProvider::isFresh(token, issued, issued.addSecs(elapsedS)), fresh);
}

void TestTokenCache::waitersShareOneFetch()
{
    CountingProvider provider(3600);
    QObject context;
    int answered = 0;
    QList<QByteArray> tokens;
    for (int i = 0; i < 5; ++i)
        provider.accessToken(&context, [&](Result<AccessToken> token) {
            ++answered;
            tokens << token->token;
        });
    QTRY_COMPARE(answered, 5);
    QCOMPARE(provider.fetches, 1);
    QCOMPARE(tokens, QList<QByteArray>(5, "token-1"));
    QCOMPARE(tokenOf(provider, &context), QByteArray("token-1"));   // cached
    QCOMPARE(provider.fetches, 1);
}

void TestTokenCache::invalidateForgetsOnlyTheRefusedToken()
{
    CountingProvider provider(3600);
    QObject context;
    QCOMPARE(tokenOf(provider, &context), QByteArray("token-1"));
    provider.invalidate("some-other-token");
    QCOMPARE(tokenOf(provider, &context), QByteArray("token-1"));
    provider.invalidate("token-1");
    QCOMPARE(tokenOf(provider, &context), QByteArray("token-2"));
    QCOMPARE(provider.fetches, 2);
}

void TestTokenCache::shortLivedTokensAreRenewed()
{
    // A token that expires as it is issued is never fresh: every caller gets a new one, silently.
    CountingProvider provider(0);
    QObject context;
    QCOMPARE(tokenOf(provider, &context), QByteArray("token-1"));
    QCOMPARE(tokenOf(provider, &context), QByteArray("token-2"));
}

void TestTokenCache::forbiddenInPlainWords()
{
    const QString role = QStringLiteral("User is not authorized to perform this operation. The signed-in user's Intune role "
                                        "must allow one of the following permissions: DeviceManagementConfiguration.ReadWrite.All");
    QVERIFY(graph::forbiddenInPlainWords(role).startsWith(QLatin1String("the signed-in user has no Intune role")));
    QVERIFY(graph::forbiddenInPlainWords(role).contains(QLatin1String("Policy and Profile Manager or Intune Administrator")));
    const QString scope = QStringLiteral("Application is not authorized to perform this operation. Application must have "
                                         "one of the following scopes: DeviceManagementRBAC.Read.All, DeviceManagementRBAC.ReadWrite.All");
    QCOMPARE(graph::forbiddenInPlainWords(scope),
             QStringLiteral("the app registration lacks the Microsoft Graph permission DeviceManagementRBAC.Read.All. Ask an "
                            "Entra administrator to add it (API permissions) and grant admin consent."));
    QCOMPARE(graph::forbiddenInPlainWords(QStringLiteral("Something else")), QString());
    QVERIFY(graph::describeGraphError(403, R"({"error":{"code":"Forbidden","message":"Application is not authorized to perform this operation. Application must have one of the following scopes: Group.Read.All"}})")
                .endsWith(QLatin1String("grant admin consent.")));
    QCOMPARE(pkceS256Challenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"), QByteArray("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"));
}

QTEST_GUILESS_MAIN(TestTokenCache)
#include "tst_graph_tokencache.moc"
