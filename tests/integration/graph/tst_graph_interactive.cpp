// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
// The interactive (browser) sign-in against graphsim over HTTPS, with the test playing the
// browser: it GETs the authorize URL the flow hands to its launcher, reads graphsim's 302 and
// GETs the Location on the flow's loopback listener. Success and every failure path (declined,
// consent required, state mismatch, wrong verifier, reused code, an unregistered redirect path,
// timeout, cancel); then the refresh token's life: concurrent refreshes under strict rotation
// (two threads, two store handles, the per-tenant lock), a rotation between read and answer
// (the re-read), and an access token that expires mid-run.
#include "GraphTestEnv.h"

#include "core/graph/ConnectionTest.h"
#include "core/graph/DelegatedTokenProvider.h"
#include "core/graph/InteractiveSignIn.h"
#include "core/graph/Pkce.h"
#include "core/secrets/InMemorySecretStore.h"
#include "core/secrets/SecretStore.h"
#include "tests/testutils/ResultText.h"

#include <QJsonArray>
#include <QMutex>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QUrlQuery>

using namespace pv;
using namespace pv::graph;
using namespace std::chrono_literals;

namespace {

const QString TenantUuid = QStringLiteral("0b4f2c9e-2222-4222-8333-944445555666");
const QString TenantName = QStringLiteral("Contoso");

/// One process's handle on a keychain that several handles (threads playing processes) share.
class SharedSecretStore final : public SecretStore
{
public:
    struct Backing
    {
        QMutex mutex;
        QHash<QString, QByteArray> values;
    };
    explicit SharedSecretStore(std::shared_ptr<Backing> backing) : m_backing(std::move(backing)) {}
    Status write(const QString& key, const QByteArray& value) override
    {
        QMutexLocker lock(&m_backing->mutex);
        m_backing->values.insert(key, value);
        return {};
    }
    Result<QByteArray> read(const QString& key) override
    {
        Result<QByteArray> value = fail(ErrorCode::NotFound, QStringLiteral("no such secret"));
        {
            QMutexLocker lock(&m_backing->mutex);
            if (m_backing->values.contains(key))
                value = m_backing->values.value(key);
        }
        if (afterRead)
            std::exchange(afterRead, nullptr)();
        return value;
    }
    Status remove(const QString& key) override
    {
        QMutexLocker lock(&m_backing->mutex);
        m_backing->values.remove(key);
        return {};
    }
    Status removeAllForTenant(const QString&) override { return {}; }
    Result<QStringList> keys(const QString&) override { return QStringList(); }

    /// Runs once, after the next read took its value (a test's "meanwhile, another process…").
    std::function<void()> afterRead;

private:
    std::shared_ptr<Backing> m_backing;
};

} // namespace

class TestGraphInteractive : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void pkceMatchesRfc7636();
    void approvedStoresTheSignIn();
    void declined();
    void consentRequired();
    void stateMismatch();
    void wrongVerifier();
    void reusedCode();
    void redirectPathMismatch();
    void timeoutAndCancel();
    void concurrentRefreshesKeepTheNewestToken();
    void rotationBetweenReadAndAnswerIsRetriedOnce();
    void expiredAccessTokenRefreshesSilently();
    void connectionTestUsesTheStoredSignIn();
    void userWithoutIntuneRoleIsToldWhichRole();

private:
    DelegatedSignInParams params(const QString& client = QStringLiteral("PolicyVault Desktop")) const;
    QString publicClient(const QString& displayName) const;
    QString upn(const QString& alias) const { return alias + u'@' + m_env->tenant().domain; }
    std::unique_ptr<InteractiveSignIn> flow(DelegatedSignInParams p);
    /// Waits for the flow's URL and GETs it at graphsim: the 302's Location ("" if none).
    QUrl authorize(InteractiveSignIn& signIn, HttpResult* answer = nullptr);
    /// The browser arriving at `location` (the flow's listener).
    HttpResult arrive(const QUrl& location) { return m_env->sim().request("GET", location); }
    void playUser(const QString& action);
    QByteArray storedRefreshToken(SecretStore& store);
    /// Signs in by browser into `store` (as graphsim's default user, or `user`).
    bool signIn(SecretStore& store, const QString& user = {});
    ConnectionTestParams connectionParams() const;

    std::unique_ptr<GraphTestEnv> m_env;
    std::unique_ptr<InMemorySecretStore> m_store;
    QList<QUrl> m_launched;
};

void TestGraphInteractive::initTestCase()
{
    graphsim::SimOptions options;
    options.tenantProfiles = {QStringLiteral("demo")};
    options.seed = 9;
    m_env = std::make_unique<GraphTestEnv>(options);
    QString error;
    QVERIFY2(m_env->start(&error), qPrintable(error));
}

void TestGraphInteractive::init()
{
    m_env->reset();
    m_env->config(QJsonObject{{QStringLiteral("strictRefreshRotation"), false}});
    m_store = std::make_unique<InMemorySecretStore>();
    m_launched.clear();
}

QString TestGraphInteractive::publicClient(const QString& displayName) const
{
    const QJsonObject tenant = m_env->server().startupInfo().value(QStringLiteral("tenants")).toArray().first().toObject();
    for (const QJsonValue& app : tenant.value(QStringLiteral("publicClients")).toArray()) {
        if (app.toObject().value(QStringLiteral("displayName")).toString() == displayName)
            return app.toObject().value(QStringLiteral("clientId")).toString();
    }
    return {};
}

DelegatedSignInParams TestGraphInteractive::params(const QString& client) const
{
    DelegatedSignInParams params;
    params.endpoints = m_env->clientOptions().endpoints;
    params.entraTenantId = m_env->tenant().tenantId;
    params.clientId = publicClient(client);
    params.tenantUuid = TenantUuid;
    params.tenantName = TenantName;
    params.caCertificatePath = m_env->server().caCertPath();
    return params;
}

std::unique_ptr<InteractiveSignIn> TestGraphInteractive::flow(DelegatedSignInParams p)
{
    return std::make_unique<InteractiveSignIn>(std::move(p), m_store.get(), &m_env->network(), [this](const QUrl& url) {
        m_launched.append(url);
        return true;
    });
}

QUrl TestGraphInteractive::authorize(InteractiveSignIn& signIn, HttpResult* answer)
{
    if (!QTest::qWaitFor([&] { return !signIn.authorizeUrl().isEmpty() || signIn.isFinished(); }, 30000))
        return {};
    const HttpResult result = m_env->sim().request("GET", signIn.authorizeUrl());
    if (answer)
        *answer = result;
    return result.status == 302 ? QUrl(QString::fromUtf8(result.headers.value("location"))) : QUrl();
}

void TestGraphInteractive::playUser(const QString& action)
{
    m_env->sim().sim(QStringLiteral("signin"), QJsonObject{{QStringLiteral("action"), action}});
}

QByteArray TestGraphInteractive::storedRefreshToken(SecretStore& store)
{
    const Result<QByteArray> token = store.read(SecretStore::key(TenantUuid, SecretKind::RefreshToken));
    return token ? *token : QByteArray();
}

bool TestGraphInteractive::signIn(SecretStore& store, const QString& user)
{
    if (!user.isEmpty())
        m_env->sim().sim(QStringLiteral("signin"), QJsonObject{{QStringLiteral("action"), QStringLiteral("approve")},
                                                              {QStringLiteral("user"), user}});
    InteractiveSignIn signIn(params(), &store, &m_env->network(), {});
    QSignalSpy finished(&signIn, &InteractiveSignIn::finished);
    signIn.start();
    const QUrl location = authorize(signIn);
    if (location.isEmpty() || arrive(location).status != 200)
        return false;
    return QTest::qWaitFor([&] { return finished.size() == 1; }, 30000) && signIn.result().ok();
}

void TestGraphInteractive::pkceMatchesRfc7636()
{
    // RFC 7636 appendix B.
    QCOMPARE(pkceS256Challenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"),
             QByteArray("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"));
    const Pkce a = makePkce();
    const Pkce b = makePkce();
    QCOMPARE(a.verifier.size(), 43);
    QVERIFY(a.verifier != b.verifier);
    QCOMPARE(a.challenge, pkceS256Challenge(a.verifier));
}

void TestGraphInteractive::approvedStoresTheSignIn()
{
    auto signIn = flow(params());
    QSignalSpy ready(signIn.get(), &InteractiveSignIn::authorizeUrlReady);
    QSignalSpy finished(signIn.get(), &InteractiveSignIn::finished);
    signIn->start();
    HttpResult authorizeAnswer;
    const QUrl location = authorize(*signIn, &authorizeAnswer);
    QVERIFY2(!location.isEmpty(), authorizeAnswer.body.constData());
    QCOMPARE(ready.size(), 1);
    QCOMPARE(ready.first().at(1).toBool(), true);
    QCOMPARE(m_launched, QList<QUrl>{signIn->authorizeUrl()});

    const QUrlQuery query(signIn->authorizeUrl());
    const QUrl redirect(query.queryItemValue(QStringLiteral("redirect_uri"), QUrl::FullyDecoded));
    QCOMPARE(redirect.scheme(), QStringLiteral("http"));
    QCOMPARE(redirect.host(), QStringLiteral("localhost"));
    QCOMPARE(redirect.path(), QStringLiteral("/"));
    QVERIFY(redirect.port() > 0);
    QCOMPARE(query.queryItemValue(QStringLiteral("code_challenge_method")), QStringLiteral("S256"));
    QCOMPARE(query.queryItemValue(QStringLiteral("code_challenge")).size(), 43);
    QVERIFY(query.queryItemValue(QStringLiteral("state")).size() >= 32);
    QVERIFY(query.queryItemValue(QStringLiteral("scope"), QUrl::FullyDecoded).endsWith(QLatin1String("/.default offline_access openid profile")));
    QCOMPARE(location.port(), redirect.port());

    const HttpResult page = arrive(location);
    QCOMPARE(page.status, 200);
    QVERIFY2(page.body.contains("You can close this tab"), page.body.constData());
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 30000);
    QVERIFY2(signIn->result().ok(), pv::test::errorText(signIn->result()).constData());
    QCOMPARE(*signIn->result(), upn(QStringLiteral("AdeleV")));
    QVERIFY(!storedRefreshToken(*m_store).isEmpty());
    QCOMPARE(*signedInUser(*m_store, TenantUuid), upn(QStringLiteral("AdeleV")));

    // The listener was one-shot: the port no longer answers.
    const HttpResult again = arrive(location);
    QCOMPARE(again.status, 0);

    // The stored sign-in reads Graph.
    auto tokens = std::make_shared<DelegatedTokenProvider>(params(), m_store.get(), &m_env->network());
    ReadOnlyGraphClient client(m_env->clientOptions(), &m_env->network(), tokens, std::make_shared<RequestGovernor>());
    const auto read = await<Result<GraphResponse>>([&](auto done) {
        client.get(QStringLiteral("/deviceManagement/configurationPolicies?$top=1"), done);
    });
    QVERIFY(read.has_value());
    QVERIFY2(read->ok(), pv::test::errorText(*read).constData());
}

void TestGraphInteractive::declined()
{
    playUser(QStringLiteral("decline"));
    auto signIn = flow(params());
    QSignalSpy finished(signIn.get(), &InteractiveSignIn::finished);
    signIn->start();
    const QUrl location = authorize(*signIn);
    QVERIFY(QUrlQuery(location).hasQueryItem(QStringLiteral("error")));
    const HttpResult page = arrive(location);
    QCOMPARE(page.status, 400);
    QVERIFY2(page.body.contains("declined"), page.body.constData());
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 30000);
    QCOMPARE(signIn->result().error().code, ErrorCode::Auth);
    const QString message = signIn->result().error().message;
    QVERIFY2(message.startsWith(QLatin1String("the sign-in was declined")), qPrintable(message));
    QVERIFY2(message.contains(QLatin1String("AADSTS65004")), qPrintable(message));
    QVERIFY(storedRefreshToken(*m_store).isEmpty());
}

void TestGraphInteractive::consentRequired()
{
    // The registration without admin consent: graphsim redirects with consent_required.
    auto signIn = flow(params(QStringLiteral("PolicyVault Desktop (no admin consent)")));
    QSignalSpy finished(signIn.get(), &InteractiveSignIn::finished);
    signIn->start();
    const QUrl location = authorize(*signIn);
    QCOMPARE(QUrlQuery(location).queryItemValue(QStringLiteral("error")), QStringLiteral("consent_required"));
    QCOMPARE(arrive(location).status, 400);
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 30000);
    const QString message = signIn->result().error().message;
    QVERIFY2(message.contains(QLatin1String("admin consent")), qPrintable(message));
    QVERIFY2(message.contains(QLatin1String("AADSTS65001")), qPrintable(message));
    QVERIFY(storedRefreshToken(*m_store).isEmpty());
}

void TestGraphInteractive::stateMismatch()
{
    auto signIn = flow(params());
    QSignalSpy finished(signIn.get(), &InteractiveSignIn::finished);
    signIn->start();
    QUrl location = authorize(*signIn);
    QVERIFY(!location.isEmpty());
    QUrlQuery query(location);
    query.removeAllQueryItems(QStringLiteral("state"));
    query.addQueryItem(QStringLiteral("state"), QStringLiteral("forged"));
    location.setQuery(query);
    const HttpResult page = arrive(location);
    QCOMPARE(page.status, 400);
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 30000);
    QCOMPARE(signIn->result().error().code, ErrorCode::Auth);
    QVERIFY2(signIn->result().error().message.contains(QLatin1String("state mismatch")),
             pv::test::errorText(signIn->result()).constData());
    QVERIFY(storedRefreshToken(*m_store).isEmpty());
    // The forged answer's code was never redeemed.
    QVERIFY(m_env->stats().value(QStringLiteral("tokenRequests")).toObject().isEmpty());
}

void TestGraphInteractive::wrongVerifier()
{
    auto signIn = flow(params());
    signIn->setPkce(Pkce{QByteArray(43, 'a'), pkceS256Challenge(QByteArray(43, 'b'))});
    QSignalSpy finished(signIn.get(), &InteractiveSignIn::finished);
    signIn->start();
    const QUrl location = authorize(*signIn);
    QCOMPARE(arrive(location).status, 200);   // the browser's part went well
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 30000);
    QCOMPARE(signIn->result().error().code, ErrorCode::Auth);
    const QString message = signIn->result().error().message;
    QVERIFY2(message.contains(QLatin1String("AADSTS50148")), qPrintable(message));
    QVERIFY(!message.contains(QUrlQuery(location).queryItemValue(QStringLiteral("code"))));
    QVERIFY(storedRefreshToken(*m_store).isEmpty());
}

void TestGraphInteractive::reusedCode()
{
    auto first = flow(params());
    QSignalSpy firstDone(first.get(), &InteractiveSignIn::finished);
    first->start();
    const QUrl firstLocation = authorize(*first);
    QCOMPARE(arrive(firstLocation).status, 200);
    QTRY_COMPARE_WITH_TIMEOUT(firstDone.size(), 1, 30000);
    QVERIFY(first->result().ok());

    // A second sign-in is handed the first one's (redeemed) code with its own state.
    auto second = flow(params());
    QSignalSpy secondDone(second.get(), &InteractiveSignIn::finished);
    second->start();
    QVERIFY(QTest::qWaitFor([&] { return !second->authorizeUrl().isEmpty(); }, 30000));
    QUrl replay = second->redirectUri();
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("code"), QUrlQuery(firstLocation).queryItemValue(QStringLiteral("code")));
    query.addQueryItem(QStringLiteral("state"), QUrlQuery(second->authorizeUrl()).queryItemValue(QStringLiteral("state")));
    replay.setQuery(query);
    QCOMPARE(arrive(replay).status, 200);
    QTRY_COMPARE_WITH_TIMEOUT(secondDone.size(), 1, 30000);
    const QString message = second->result().error().message;
    QVERIFY2(message.contains(QLatin1String("AADSTS70008")) && message.contains(QLatin1String("already redeemed")),
             qPrintable(message));
}

void TestGraphInteractive::redirectPathMismatch()
{
    auto signIn = flow(params());
    signIn->setRedirectPath(QStringLiteral("/callback"));
    QSignalSpy finished(signIn.get(), &InteractiveSignIn::finished);
    signIn->start();
    HttpResult answer;
    const QUrl location = authorize(*signIn, &answer);
    // Entra never redirects to an unregistered URI: its own page names the error.
    QVERIFY(location.isEmpty());
    QCOMPARE(answer.status, 400);
    QVERIFY2(answer.body.contains("AADSTS50011"), answer.body.constData());
    // A stray request at another path of the listener is not the redirect: 404, still waiting.
    QUrl stray = signIn->redirectUri();
    stray.setPath(QStringLiteral("/"));
    stray.setQuery(QStringLiteral("code=x&state=y"));
    QCOMPARE(arrive(stray).status, 404);
    QCOMPARE(finished.size(), 0);
    signIn->cancel();
    QCOMPARE(finished.size(), 1);
    QCOMPARE(signIn->result().error().code, ErrorCode::Cancelled);
}

void TestGraphInteractive::timeoutAndCancel()
{
    auto signIn = flow(params());
    signIn->setTimeout(300ms);
    QSignalSpy finished(signIn.get(), &InteractiveSignIn::finished);
    signIn->start();
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 30000);
    QCOMPARE(signIn->result().error().code, ErrorCode::Auth);
    QVERIFY2(signIn->result().error().message.contains(QLatin1String("not finished within")),
             pv::test::errorText(signIn->result()).constData());
    // Nobody listens any more.
    QCOMPARE(arrive(signIn->redirectUri()).status, 0);
}

void TestGraphInteractive::concurrentRefreshesKeepTheNewestToken()
{
    auto backing = std::make_shared<SharedSecretStore::Backing>();
    SharedSecretStore mine(backing);
    QVERIFY(signIn(mine));
    m_env->config(QJsonObject{{QStringLiteral("strictRefreshRotation"), true}});
    QTemporaryDir dataDir;
    QVERIFY(dataDir.isValid());

    // Two "processes": each its own thread, network, store handle and provider, refreshing at once.
    constexpr int Processes = 2;
    QList<QThread*> threads;
    QList<std::shared_ptr<std::optional<Result<AccessToken>>>> results;
    QAtomicInt ready = 0;
    QAtomicInt go = 0;
    for (int i = 0; i < Processes; ++i) {
        auto result = std::make_shared<std::optional<Result<AccessToken>>>();
        results.append(result);
        DelegatedSignInParams p = params();
        p.lockDirectory = dataDir.path();
        QThread* thread = QThread::create([p, backing, result, &ready, &go] {
            QNetworkAccessManager network;
            SharedSecretStore store(backing);
            DelegatedTokenProvider tokens(p, &store, &network);
            QObject context;
            ready.fetchAndAddOrdered(1);
            while (!go.loadAcquire())
                QThread::yieldCurrentThread();
            tokens.accessToken(&context, [result](Result<AccessToken> token) { result->emplace(std::move(token)); });
            const bool arrived = QTest::qWaitFor([&] { return result->has_value(); }, 60000);
            Q_UNUSED(arrived) // the test thread checks has_value()
        });
        threads.append(thread);
        thread->start();
    }
    QVERIFY(QTest::qWaitFor([&] { return ready.loadAcquire() == Processes; }, 30000));
    go.storeRelease(1);
    for (QThread* thread : threads) {
        QVERIFY(thread->wait(90000));
        delete thread;
    }
    for (const auto& result : results) {
        QVERIFY(result->has_value());
        QVERIFY2((*result)->ok(), pv::test::errorText(**result).constData());
    }
    // What is stored is the newest, still valid under strict rotation: one more refresh works.
    DelegatedTokenProvider later(params(), &mine, &m_env->network());
    QObject context;
    const auto token = await<Result<AccessToken>>([&](auto done) { later.accessToken(&context, done); });
    QVERIFY(token.has_value());
    QVERIFY2(token->ok(), pv::test::errorText(*token).constData());
    QVERIFY(!QFile::exists(refreshLockPath(dataDir.path(), TenantUuid)));
}

void TestGraphInteractive::rotationBetweenReadAndAnswerIsRetriedOnce()
{
    auto backing = std::make_shared<SharedSecretStore::Backing>();
    SharedSecretStore mine(backing);
    QVERIFY(signIn(mine));
    m_env->config(QJsonObject{{QStringLiteral("strictRefreshRotation"), true}});
    const QByteArray first = storedRefreshToken(mine);

    // Right after our provider read the token (no lock directory: another machine's process,
    // a lock taken over as stale), another process redeems it and stores the new one.
    QByteArray rotated;
    mine.afterRead = [&] {
        const QByteArray form = "grant_type=refresh_token&client_id=" + params().clientId.toUtf8()
            + "&refresh_token=" + QUrl::toPercentEncoding(QString::fromLatin1(first))
            + "&scope=" + QUrl::toPercentEncoding(params().scope());
        const HttpResult answer = m_env->sim().tokenRequest(m_env->tenant().tenantId, form);
        rotated = answer.json().value(QStringLiteral("refresh_token")).toString().toLatin1();
        SharedSecretStore other(backing);
        QVERIFY(other.write(SecretStore::key(TenantUuid, SecretKind::RefreshToken), rotated));
    };
    DelegatedTokenProvider tokens(params(), &mine, &m_env->network());
    QObject context;
    const auto token = await<Result<AccessToken>>([&](auto done) { tokens.accessToken(&context, done); });
    QVERIFY(!rotated.isEmpty() && rotated != first);
    QVERIFY(token.has_value());
    QVERIFY2(token->ok(), pv::test::errorText(*token).constData());
    QCOMPARE(tokens.tokenRequests(), 2);   // `first` refused (strict rotation), then `rotated`
    QCOMPARE(tokens.rereads(), 1);
    const QByteArray stored = storedRefreshToken(mine);
    QVERIFY(stored != first && stored != rotated);   // the newest: what `rotated` was redeemed for
}

void TestGraphInteractive::expiredAccessTokenRefreshesSilently()
{
    QVERIFY(signIn(*m_store));
    auto tokens = std::make_shared<DelegatedTokenProvider>(params(), m_store.get(), &m_env->network());
    ReadOnlyGraphClient client(m_env->clientOptions(), &m_env->network(), tokens, std::make_shared<RequestGovernor>());
    auto read = [&] {
        return await<Result<GraphResponse>>([&](auto done) {
            client.get(QStringLiteral("/deviceManagement/configurationPolicies?$top=1"), done);
        });
    };
    const auto before = read();
    QVERIFY(before.has_value() && before->ok());
    QCOMPARE(tokens->tokenRequests(), 1);
    // Mid-run, the access token expires on Entra's clock: Graph answers 401, the provider
    // redeems the refresh token once more and the read goes through.
    m_env->sim().sim(QStringLiteral("clock"), QJsonObject{{QStringLiteral("advanceMs"), 2 * 3600 * 1000}});
    const auto after = read();
    QVERIFY(after.has_value());
    QVERIFY2(after->ok(), pv::test::errorText(*after).constData());
    QCOMPARE(tokens->tokenRequests(), 2);
}

ConnectionTestParams TestGraphInteractive::connectionParams() const
{
    ConnectionTestParams p;
    p.graphUrl = m_env->clientOptions().endpoints.graphRoot.toString();
    p.authorityUrl = m_env->clientOptions().endpoints.authority.toString();
    p.entraTenantId = m_env->tenant().tenantId;
    p.clientId = publicClient(QStringLiteral("PolicyVault Desktop"));
    p.authMethod = QStringLiteral("device_code");
    p.tenantUuid = TenantUuid;
    p.tenantName = TenantName;
    p.caCertificatePath = m_env->server().caCertPath();
    return p;
}

void TestGraphInteractive::connectionTestUsesTheStoredSignIn()
{
    // Nobody signed in: the sign-in check says what to do, nothing is read.
    const ConnectionTestResult before = runConnectionTest(connectionParams(), *m_store);
    QCOMPARE(before.checks.size(), 5);
    QCOMPARE(before.checks.first().ok, false);
    QVERIFY2(before.checks.first().message.contains(QLatin1String("sign in first")), qPrintable(before.checks.first().message));
    QVERIFY(before.checks.first().message.contains(QLatin1String("policyvault-cli tenant signin Contoso")));

    QVERIFY(signIn(*m_store));
    const ConnectionTestResult after = runConnectionTest(connectionParams(), *m_store);
    for (const ConnectionCheck& check : after.checks)
        QVERIFY2(check.ok, qPrintable(check.key + u": " + check.message));
    QCOMPARE(after.checks.first().message, QStringLiteral("Signed in as %1.").arg(upn(QStringLiteral("AdeleV"))));
}

void TestGraphInteractive::userWithoutIntuneRoleIsToldWhichRole()
{
    // Megan Bowen has no Intune role: Intune's routes answer 403, directory reads work.
    QVERIFY(signIn(*m_store, upn(QStringLiteral("MeganB"))));
    QCOMPARE(*signedInUser(*m_store, TenantUuid), upn(QStringLiteral("MeganB")));
    const ConnectionTestResult result = runConnectionTest(connectionParams(), *m_store);
    QHash<QString, ConnectionCheck> checks;
    for (const ConnectionCheck& check : result.checks)
        checks.insert(check.key, check);
    QVERIFY(checks.value(QStringLiteral("signIn")).ok);
    QVERIFY(checks.value(QStringLiteral("groups")).ok);
    const ConnectionCheck policies = checks.value(QStringLiteral("configurationPolicies"));
    QVERIFY(!policies.ok);
    QVERIFY2(policies.message.startsWith(upn(QStringLiteral("MeganB")) + QStringLiteral(" has no Intune role")),
             qPrintable(policies.message));
    QVERIFY2(policies.message.contains(QLatin1String("DeviceManagementConfiguration.Read")), qPrintable(policies.message));
    QVERIFY2(policies.message.contains(QLatin1String("Read Only Operator")), qPrintable(policies.message));

    // A run's read error says the same in plain words.
    auto tokens = std::make_shared<DelegatedTokenProvider>(params(), m_store.get(), &m_env->network());
    ReadOnlyGraphClient client(m_env->clientOptions(), &m_env->network(), tokens, std::make_shared<RequestGovernor>());
    const auto read = await<Result<GraphResponse>>([&](auto done) {
        client.get(QStringLiteral("/deviceManagement/configurationPolicies?$top=1"), done);
    });
    QVERIFY(read.has_value() && !read->ok());
    QCOMPARE(read->error().httpStatus, 403);
    QVERIFY2(read->error().message.contains(QLatin1String("the signed-in user has no Intune role that allows this")),
             qPrintable(read->error().message));
}

QTEST_GUILESS_MAIN(TestGraphInteractive)
#include "tst_graph_interactive.moc"
