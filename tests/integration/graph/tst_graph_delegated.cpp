// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
// Sign-in for people against graphsim over HTTPS: the device code flow (approved, declined,
// expired, slow_down, cancelled) and the refresh-token provider (a Graph read with the
// delegated token, rotation, revocation, nobody signed in). graphsim's clock is frozen; the
// flow's wait between polls is replaced by a step the test takes, which moves that clock by
// what the flow asked to wait — so intervals and expiry are played, never slept.
#include "GraphTestEnv.h"

#include "core/graph/DelegatedTokenProvider.h"
#include "core/graph/DeviceCodeSignIn.h"
#include "core/secrets/InMemorySecretStore.h"
#include "core/secrets/SecretStore.h"
#include "tests/testutils/ResultText.h"

#include <QJsonArray>
#include <QSignalSpy>
#include <QTest>

using namespace pv;
using namespace pv::graph;
using namespace std::chrono_literals;

namespace {
const QString TenantUuid = QStringLiteral("0b4f2c9e-1111-4222-8333-944445555666");
const QString TenantName = QStringLiteral("Contoso");
} // namespace

class TestGraphDelegated : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void deviceCodeApprovedThenGraphReadsWithTheDelegatedToken();
    void slowDownAddsFiveSeconds();
    void declined();
    void expired();
    void cancelled();
    void refreshRotationStoresTheNewToken();
    void revokedRefreshTokenSaysSignInAgain();
    void nobodySignedInSaysSignInFirst();

private:
    DelegatedSignInParams params() const;
    QString publicClient(const QString& displayName) const;
    QString upn(const QString& alias) const;
    /// A flow whose waits are parked until step().
    std::unique_ptr<DeviceCodeSignIn> flow();
    /// Moves graphsim's clock by `seconds` (default: what the flow asked) and lets the parked poll run.
    void step(std::optional<qint64> seconds = {});
    void waitForPoll();
    QJsonObject simCode(const QString& userCode);
    void decide(const QString& userCode, const QString& action, const QString& user = {});
    /// Signs in as Adele by device code; the code.
    QString signIn();
    QByteArray storedRefreshToken();

    std::unique_ptr<GraphTestEnv> m_env;
    std::unique_ptr<InMemorySecretStore> m_store;
    QList<std::chrono::milliseconds> m_waits;
    std::function<void()> m_parked;
};

void TestGraphDelegated::initTestCase()
{
    graphsim::SimOptions options;
    options.tenantProfiles = {QStringLiteral("demo")};
    options.seed = 9;
    m_env = std::make_unique<GraphTestEnv>(options);
    QString error;
    QVERIFY2(m_env->start(&error), qPrintable(error));
    QVERIFY(!publicClient(QStringLiteral("PolicyVault Desktop")).isEmpty());
}

void TestGraphDelegated::init()
{
    m_env->reset();
    m_env->sim().sim(QStringLiteral("clock"), QJsonObject{{QStringLiteral("freeze"), true}});
    m_env->config(QJsonObject{{QStringLiteral("deviceCodeIntervalS"), 1}, {QStringLiteral("deviceCodeLifetimeS"), 900},
                              {QStringLiteral("strictRefreshRotation"), false}});
    m_store = std::make_unique<InMemorySecretStore>();
    m_waits.clear();
    m_parked = nullptr;
}

QString TestGraphDelegated::publicClient(const QString& displayName) const
{
    const QJsonObject tenant = m_env->server().startupInfo().value(QStringLiteral("tenants")).toArray().first().toObject();
    for (const QJsonValue& app : tenant.value(QStringLiteral("publicClients")).toArray()) {
        if (app.toObject().value(QStringLiteral("displayName")).toString() == displayName)
            return app.toObject().value(QStringLiteral("clientId")).toString();
    }
    return {};
}

QString TestGraphDelegated::upn(const QString& alias) const
{
    return alias + u'@' + m_env->tenant().domain;
}

DelegatedSignInParams TestGraphDelegated::params() const
{
    DelegatedSignInParams params;
    params.endpoints = m_env->clientOptions().endpoints;
    params.entraTenantId = m_env->tenant().tenantId;
    params.clientId = publicClient(QStringLiteral("PolicyVault Desktop"));
    params.tenantUuid = TenantUuid;
    params.tenantName = TenantName;
    params.caCertificatePath = m_env->server().caCertPath();
    return params;
}

std::unique_ptr<DeviceCodeSignIn> TestGraphDelegated::flow()
{
    auto signIn = std::make_unique<DeviceCodeSignIn>(params(), m_store.get(), &m_env->network());
    signIn->setWait([this](std::chrono::milliseconds delay, std::function<void()> next) {
        m_waits.append(delay);
        m_parked = std::move(next);
    });
    return signIn;
}

void TestGraphDelegated::waitForPoll()
{
    QVERIFY(QTest::qWaitFor([this] { return bool(m_parked); }, 30000));
}

void TestGraphDelegated::step(std::optional<qint64> seconds)
{
    QVERIFY(m_parked);
    const qint64 advance = seconds ? *seconds * 1000 : m_waits.constLast().count();
    m_env->sim().sim(QStringLiteral("clock"), QJsonObject{{QStringLiteral("advanceMs"), advance}});
    std::function<void()> next = std::exchange(m_parked, nullptr);
    next();
}

QJsonObject TestGraphDelegated::simCode(const QString& userCode)
{
    for (const QJsonValue& code : m_env->sim().sim(QStringLiteral("devicecode")).value(QStringLiteral("value")).toArray()) {
        if (code.toObject().value(QStringLiteral("userCode")).toString() == userCode)
            return code.toObject();
    }
    return {};
}

void TestGraphDelegated::decide(const QString& userCode, const QString& action, const QString& user)
{
    QJsonObject body{{QStringLiteral("userCode"), userCode}, {QStringLiteral("action"), action}};
    if (!user.isEmpty())
        body.insert(QStringLiteral("user"), user);
    const QJsonObject answer = m_env->sim().sim(QStringLiteral("devicecode"), body);
    QCOMPARE(answer.value(QStringLiteral("state")).toString(), action == QLatin1String("approve")
                                                                   ? QStringLiteral("approved") : QStringLiteral("declined"));
}

QByteArray TestGraphDelegated::storedRefreshToken()
{
    const Result<QByteArray> token = m_store->read(SecretStore::key(TenantUuid, SecretKind::RefreshToken));
    return token ? *token : QByteArray();
}

void TestGraphDelegated::deviceCodeApprovedThenGraphReadsWithTheDelegatedToken()
{
    auto signIn = flow();
    QSignalSpy code(signIn.get(), &DeviceCodeSignIn::codeReady);
    QSignalSpy finished(signIn.get(), &DeviceCodeSignIn::finished);
    signIn->start();
    QTRY_COMPARE_WITH_TIMEOUT(code.size(), 1, 30000);
    const auto prompt = code.first().first().value<DeviceCodePrompt>();
    QCOMPARE(prompt.userCode.size(), 9);
    QCOMPARE(prompt.verificationUri, QUrl(QStringLiteral("https://microsoft.com/devicelogin")));
    QCOMPARE(prompt.expiresInS, 900);
    QVERIFY(prompt.message.contains(prompt.userCode));
    waitForPoll();
    QCOMPARE(m_waits, QList<std::chrono::milliseconds>{1000ms});   // Entra's interval
    step();
    waitForPoll();   // authorization_pending: the flow waits again
    QCOMPARE(finished.size(), 0);
    decide(prompt.userCode, QStringLiteral("approve"), upn(QStringLiteral("AdeleV")));
    step();
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 30000);
    QVERIFY2(signIn->result().ok(), pv::test::errorText(signIn->result()).constData());
    QCOMPARE(*signIn->result(), upn(QStringLiteral("AdeleV")));
    QCOMPARE(signIn->polls(), 2);
    QVERIFY(!storedRefreshToken().isEmpty());
    QCOMPARE(*signedInUser(*m_store, TenantUuid), upn(QStringLiteral("AdeleV")));
    QCOMPARE(simCode(prompt.userCode).value(QStringLiteral("state")).toString(), QStringLiteral("redeemed"));

    // A Graph read with the delegated token, which carries scp and the user (not roles).
    auto tokens = std::make_shared<DelegatedTokenProvider>(params(), m_store.get(), &m_env->network());
    ReadOnlyGraphClient client(m_env->clientOptions(), &m_env->network(), tokens, std::make_shared<RequestGovernor>());
    const auto read = await<Result<GraphResponse>>([&](auto done) {
        client.get(QStringLiteral("/deviceManagement/configurationPolicies?$top=1"), done);
    });
    QVERIFY(read.has_value());
    QVERIFY2(read->ok(), pv::test::errorText(*read).constData());
    QCOMPARE((*read)->status, 200);
    QCOMPARE(tokens->tokenRequests(), 1);
}

void TestGraphDelegated::slowDownAddsFiveSeconds()
{
    auto signIn = flow();
    QSignalSpy code(signIn.get(), &DeviceCodeSignIn::codeReady);
    QSignalSpy finished(signIn.get(), &DeviceCodeSignIn::finished);
    signIn->start();
    QTRY_COMPARE_WITH_TIMEOUT(code.size(), 1, 30000);
    const QString userCode = code.first().first().value<DeviceCodePrompt>().userCode;
    waitForPoll();
    step();          // pending
    waitForPoll();
    step(0);         // polled too soon on graphsim's clock → slow_down
    waitForPoll();
    QCOMPARE(m_waits, (QList<std::chrono::milliseconds>{1000ms, 1000ms, 6000ms}));
    QCOMPARE(signIn->pollInterval(), 6000ms);
    step();          // waited the 6 s: pending, no second slow_down
    waitForPoll();
    QCOMPARE(m_waits.constLast(), 6000ms);
    QCOMPARE(simCode(userCode).value(QStringLiteral("interval")).toInt(), 6);
    decide(userCode, QStringLiteral("approve"));
    step();
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 30000);
    QVERIFY2(signIn->result().ok(), pv::test::errorText(signIn->result()).constData());
    QCOMPARE(simCode(userCode).value(QStringLiteral("interval")).toInt(), 6);
}

void TestGraphDelegated::declined()
{
    auto signIn = flow();
    QSignalSpy code(signIn.get(), &DeviceCodeSignIn::codeReady);
    QSignalSpy finished(signIn.get(), &DeviceCodeSignIn::finished);
    signIn->start();
    QTRY_COMPARE_WITH_TIMEOUT(code.size(), 1, 30000);
    waitForPoll();
    decide(code.first().first().value<DeviceCodePrompt>().userCode, QStringLiteral("decline"));
    step();
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 30000);
    QCOMPARE(signIn->result().error().code, ErrorCode::Auth);
    QVERIFY2(signIn->result().error().message.contains(QLatin1String("declined")),
             pv::test::errorText(signIn->result()).constData());
    QVERIFY(storedRefreshToken().isEmpty());
    QVERIFY(!m_parked);   // polling stopped
}

void TestGraphDelegated::expired()
{
    m_env->config(QJsonObject{{QStringLiteral("deviceCodeLifetimeS"), 30}});
    auto signIn = flow();
    QSignalSpy finished(signIn.get(), &DeviceCodeSignIn::finished);
    signIn->start();
    waitForPoll();
    step(31);   // the person never came back within the code's lifetime
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 30000);
    QCOMPARE(signIn->result().error().code, ErrorCode::Auth);
    QVERIFY2(signIn->result().error().message.contains(QLatin1String("expired")),
             pv::test::errorText(signIn->result()).constData());
    QVERIFY(signIn->result().error().message.contains(QLatin1String("expired_token")));
    QVERIFY(storedRefreshToken().isEmpty());
}

void TestGraphDelegated::cancelled()
{
    auto signIn = flow();
    QSignalSpy finished(signIn.get(), &DeviceCodeSignIn::finished);
    signIn->start();
    waitForPoll();
    signIn->cancel();
    QCOMPARE(finished.size(), 1);
    QCOMPARE(signIn->result().error().code, ErrorCode::Cancelled);
    const int polls = signIn->polls();
    step();   // a wait that ends after cancel() polls no more
    QCOMPARE(signIn->polls(), polls);
    QCOMPARE(finished.size(), 1);
}

QString TestGraphDelegated::signIn()
{
    auto signIn = flow();
    QSignalSpy code(signIn.get(), &DeviceCodeSignIn::codeReady);
    QSignalSpy finished(signIn.get(), &DeviceCodeSignIn::finished);
    signIn->start();
    if (!QTest::qWaitFor([&] { return code.size() == 1 && m_parked; }, 30000))
        return {};
    const QString userCode = code.first().first().value<DeviceCodePrompt>().userCode;
    decide(userCode, QStringLiteral("approve"));
    step();
    if (!QTest::qWaitFor([&] { return finished.size() == 1; }, 30000) || !signIn->result())
        return {};
    return userCode;
}

void TestGraphDelegated::refreshRotationStoresTheNewToken()
{
    QVERIFY(!signIn().isEmpty());
    const QByteArray first = storedRefreshToken();
    QVERIFY(!first.isEmpty());
    DelegatedTokenProvider tokens(params(), m_store.get(), &m_env->network());
    QObject context;
    const auto token = await<Result<AccessToken>>([&](auto done) { tokens.accessToken(&context, done); });
    QVERIFY(token.has_value());
    QVERIFY2(token->ok(), pv::test::errorText(*token).constData());
    const QByteArray second = storedRefreshToken();
    QVERIFY(!second.isEmpty());
    QVERIFY(second != first);   // graphsim returns a new refresh token on every refresh
    QCOMPARE(*signedInUser(*m_store, TenantUuid), upn(QStringLiteral("AdeleV")));

    // Under strict rotation the old token is dead: the next refresh must use the stored new one.
    m_env->config(QJsonObject{{QStringLiteral("strictRefreshRotation"), true}});
    tokens.invalidate((*token)->token);
    const auto again = await<Result<AccessToken>>([&](auto done) { tokens.accessToken(&context, done); });
    QVERIFY(again.has_value());
    QVERIFY2(again->ok(), pv::test::errorText(*again).constData());
    QVERIFY(storedRefreshToken() != second);
    QCOMPARE(tokens.tokenRequests(), 2);
}

void TestGraphDelegated::revokedRefreshTokenSaysSignInAgain()
{
    QVERIFY(!signIn().isEmpty());
    m_env->sim().sim(QStringLiteral("clock"), QJsonObject{{QStringLiteral("advanceMs"), 1000}});
    const QJsonObject revoked = m_env->sim().sim(QStringLiteral("revoke"),
                                                 QJsonObject{{QStringLiteral("user"), upn(QStringLiteral("AdeleV"))}});
    QVERIFY(revoked.value(QStringLiteral("revoked")).toInt() >= 1);
    auto tokens = std::make_shared<DelegatedTokenProvider>(params(), m_store.get(), &m_env->network());
    ReadOnlyGraphClient client(m_env->clientOptions(), &m_env->network(), tokens, std::make_shared<RequestGovernor>());
    const auto read = await<Result<GraphResponse>>([&](auto done) {
        client.get(QStringLiteral("/deviceManagement/configurationPolicies?$top=1"), done);
    });
    QVERIFY(read.has_value());
    QVERIFY(!read->ok());
    QCOMPARE(read->error().code, ErrorCode::Auth);
    const QString message = read->error().message;
    QVERIFY2(message.startsWith(QLatin1String("sign in again: policyvault-cli tenant signin Contoso")), qPrintable(message));
    QVERIFY2(message.contains(QLatin1String("AADSTS50173")), qPrintable(message));
    QVERIFY(!message.contains(QString::fromLatin1(storedRefreshToken())));
    QCOMPARE(tokens->tokenRequests(), 1);   // no retry loop on a dead sign-in
}

void TestGraphDelegated::nobodySignedInSaysSignInFirst()
{
    DelegatedTokenProvider tokens(params(), m_store.get(), &m_env->network());
    QObject context;
    const auto token = await<Result<AccessToken>>([&](auto done) { tokens.accessToken(&context, done); });
    QVERIFY(token.has_value());
    QVERIFY(!token->ok());
    QCOMPARE(token->error().code, ErrorCode::Auth);
    QCOMPARE(token->error().message, QStringLiteral("sign in first: policyvault-cli tenant signin Contoso"));
    QCOMPARE(tokens.tokenRequests(), 0);
    QCOMPARE(*signedInUser(*m_store, TenantUuid), QString());
}

QTEST_GUILESS_MAIN(TestGraphDelegated)
#include "tst_graph_delegated.moc"
