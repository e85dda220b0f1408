// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
// ReadOnlyGraphClient against an in-process graphsim over HTTPS: paging across many pages,
// settings@odata.nextLink (also after $batch), client-request-id / request-id, TLS against the
// per-run CA only, loopback http, and a client that cannot write (at compile time and at run
// time, checked against graphsim's write log).
#include "GraphTestEnv.h"

#include "core/graph/BatchRequest.h"
#include "core/graph/GraphTransport.h"
#include "core/graph/Pager.h"
#include "tests/testutils/ResultText.h"

#include <QJsonArray>
#include <QSet>
#include <QUuid>

using namespace std::chrono_literals;
using namespace pv::graph;
using pv::ErrorCode;
using pv::Result;

// The read-only type has no way to name a verb or a body: adding one breaks this build.
template<typename C>
concept CanWrite = requires(C c, QString path, QByteArray body, ResponseCallback done) {
    c.post(path, body, done);
} || requires(C c, QString path, QByteArray body, ResponseCallback done) { c.patch(path, body, done); }
  || requires(C c, QString path, QByteArray body, ResponseCallback done) { c.put(path, body, done); }
  || requires(C c, QString path, ResponseCallback done) { c.remove(path, done); }
  || requires(C c, QString path, ResponseCallback done) { c.del(path, done); }
  || requires(C c, GraphCall call, ResponseCallback done) { c.send(call, done); }
  || requires(C c) { c.transport(); };
static_assert(!CanWrite<ReadOnlyGraphClient>, "ReadOnlyGraphClient must not offer a write path");
static_assert(requires(ReadOnlyGraphClient c, QString path, ResponseCallback done) { c.get(path, done); });
static_assert(CanWrite<GraphTransport>, "the concept must be able to see a write path");
// BatchGet takes URLs only: no method, no body.
template<typename B>
concept BatchTakesAVerbOrBody = requires(B b, QByteArray method, QString url) { b.add(method, url); }
    || requires(B b, QString url, QByteArray body) { b.add(url, body); }
    || requires(B b, QString url, QJsonObject body) { b.add(url, body); };
static_assert(!BatchTakesAVerbOrBody<BatchGet>);

class TestGraphClient : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void pagingAcrossManyPages();
    void nextLinkIsSentVerbatim();
    void expandedSettingsNextLink();
    void expandedSettingsNextLinkAfterBatch();
    void clientRequestIdSentAndRequestIdKept();
    void tlsOnlyWithTheCa();
    void plainHttpOnLoopback();
    void filterWithSpaces();
    void readOnlyRefusesWritesAtRunTime();
    void neverSendsTheTokenElsewhere();

private:
    std::unique_ptr<GraphTestEnv> m_env;
    QStringList m_policyIds;
};

void TestGraphClient::initTestCase()
{
    graphsim::SimOptions options;
    options.tenantProfiles = {QStringLiteral("small")};
    options.seed = 5;
    options.settingsPageSize = 3; // expanded settings of most policies carry settings@odata.nextLink
    m_env = std::make_unique<GraphTestEnv>(options);
    QString error;
    QVERIFY2(m_env->start(&error), qPrintable(error));
    m_policyIds = m_env->policyIdsIndependently();
    QVERIFY2(m_policyIds.size() > 100, qPrintable(QString::number(m_policyIds.size())));
}

void TestGraphClient::init()
{
    m_env->reset();
}

void TestGraphClient::pagingAcrossManyPages()
{
    auto client = m_env->client();
    const auto pages = await<Result<PagedItems>>([&](auto done) {
        client->getAllPages(QStringLiteral("/deviceManagement/configurationPolicies"), done);
    });
    QVERIFY(pages.has_value());
    QVERIFY2(pages->ok(), pv::test::errorText(*pages).constData());
    QStringList ids;
    for (const QJsonValue& item : (*pages)->items)
        ids.append(item.toObject().value(QStringLiteral("id")).toString());
    QCOMPARE(ids.size(), m_policyIds.size());
    QCOMPARE(QSet<QString>(ids.cbegin(), ids.cend()), QSet<QString>(m_policyIds.cbegin(), m_policyIds.cend()));
    // Graph pages configurationPolicies at 25 (§1.1 [O]).
    QCOMPARE((*pages)->pages, static_cast<int>((m_policyIds.size() + 24) / 25));
    QCOMPARE((*pages)->requestIds.size(), (*pages)->pages);
    QCOMPARE(m_env->stats().value(QStringLiteral("pagesServed")).toInt(), (*pages)->pages);
}

void TestGraphClient::nextLinkIsSentVerbatim()
{
    // graphsim signs its skiptoken and answers 400 to a link that was decoded or re-encoded,
    // so paging above already proves it end to end; here the bytes themselves.
    const QString link = QStringLiteral("https://127.0.0.1:1/beta/deviceManagement/configurationPolicies"
                                        "?$select=id&$skiptoken=%255Bcosmosdb%255D%255B%257B%2522compositeToken%2522");
    const auto url = Pager::verbatimUrl(link);
    QVERIFY(url.ok());
    QCOMPARE(url->toEncoded(), link.toUtf8());
    QVERIFY(!Pager::verbatimUrl(QStringLiteral("/beta/relative?$skiptoken=x")).ok());
}

void TestGraphClient::expandedSettingsNextLink()
{
    auto client = m_env->client();
    int withLink = 0;
    for (const QString& id : m_policyIds.mid(0, 12)) {
        const auto policy = await<Result<GraphResponse>>([&](auto done) {
            client->get(QStringLiteral("/deviceManagement/configurationPolicies/%1?$expand=settings").arg(id), done);
        });
        QVERIFY(policy && policy->ok());
        const QJsonObject entity = (*policy)->body;
        const int expected = entity.value(QStringLiteral("settingCount")).toInt(-1);
        QVERIFY(expected >= 0);
        if (entity.contains(QStringLiteral("settings@odata.nextLink"))) {
            ++withLink;
            QCOMPARE(entity.value(QStringLiteral("settings")).toArray().size(), 3);
        }
        const auto complete = await<Result<QJsonObject>>([&](auto done) {
            client->completeExpanded(entity, QStringLiteral("settings"), done);
        });
        QVERIFY(complete && complete->ok());
        const QJsonArray settings = (*complete)->value(QStringLiteral("settings")).toArray();
        QCOMPARE(settings.size(), expected);
        QSet<QString> settingIds;
        for (const QJsonValue& setting : settings)
            settingIds.insert(setting.toObject().value(QStringLiteral("id")).toString());
        QCOMPARE(settingIds.size(), expected); // each exactly once
        QVERIFY(!(*complete)->contains(QStringLiteral("settings@odata.nextLink")));
    }
    QVERIFY2(withLink >= 3, qPrintable(QString::number(withLink)));
}

void TestGraphClient::expandedSettingsNextLinkAfterBatch()
{
    auto client = m_env->client();
    QStringList paths;
    for (const QString& id : m_policyIds.mid(0, 30))
        paths.append(QStringLiteral("/deviceManagement/configurationPolicies/%1?$expand=settings").arg(id));
    const auto results = await<QList<Result<GraphResponse>>>([&](auto done) { client->batchGet(paths, done); });
    QVERIFY(results.has_value());
    QCOMPARE(results->size(), 30);
    int linked = 0;
    for (int i = 0; i < results->size(); ++i) {
        const Result<GraphResponse>& result = results->at(i);
        QVERIFY2(result.ok(), pv::test::errorText(result).constData());
        QCOMPARE(result->body.value(QStringLiteral("id")).toString(), m_policyIds.at(i)); // in order
        const QString link = result->body.value(QStringLiteral("settings@odata.nextLink")).toString();
        if (link.isEmpty())
            continue;
        ++linked;
        QVERIFY2(link.startsWith(m_env->server().httpsUrl().toString()), qPrintable(link)); // absolute
        const auto complete = await<Result<QJsonObject>>([&](auto done) {
            client->completeExpanded(result->body, QStringLiteral("settings"), done);
        });
        QVERIFY(complete && complete->ok());
        QCOMPARE((*complete)->value(QStringLiteral("settings")).toArray().size(),
                 result->body.value(QStringLiteral("settingCount")).toInt());
    }
    QVERIFY(linked >= 3);
    const QJsonObject stats = m_env->stats();
    QCOMPARE(stats.value(QStringLiteral("batches")).toInt(), 2);         // 20 + 10
    QCOMPARE(stats.value(QStringLiteral("batchSubRequests")).toInt(), 30);
}

void TestGraphClient::clientRequestIdSentAndRequestIdKept()
{
    auto client = m_env->client();
    const auto ok = await<Result<GraphResponse>>([&](auto done) {
        client->get(QStringLiteral("/deviceManagement/configurationPolicies/%1").arg(m_policyIds.first()), done);
    });
    QVERIFY(ok && ok->ok());
    QVERIFY(!QUuid::fromString((*ok)->clientRequestId).isNull());
    // graphsim echoes what it received, or makes one up: equal only when we sent ours.
    QCOMPARE((*ok)->echoedClientRequestId, (*ok)->clientRequestId);
    QVERIFY(!QUuid::fromString((*ok)->requestId).isNull());

    const auto missing = await<Result<GraphResponse>>([&](auto done) {
        client->get(QStringLiteral("/deviceManagement/configurationPolicies/00000000-0000-0000-0000-00000000dead"), done);
    });
    QVERIFY(missing && !missing->ok());
    const pv::Error& error = missing->error();
    QCOMPARE(error.code, ErrorCode::Http);
    QCOMPARE(error.httpStatus, 404);
    QVERIFY2(!QUuid::fromString(error.requestId).isNull(), qPrintable(error.toString()));
    QVERIFY(error.requestId != (*ok)->requestId);
    QVERIFY2(error.message.contains(QStringLiteral("HTTP 404")), qPrintable(error.message));
    // 404 is final: asked once.
    QCOMPARE(m_env->stats().value(QStringLiteral("byStatus")).toObject().value(QStringLiteral("404")).toInt(), 1);

    // Inside $batch too: the failed sub-request keeps its own request-id, the others succeed.
    const auto batch = await<QList<Result<GraphResponse>>>([&](auto done) {
        client->batchGet({QStringLiteral("/deviceManagement/configurationPolicies/%1").arg(m_policyIds.first()),
                          QStringLiteral("/deviceManagement/configurationPolicies/00000000-0000-0000-0000-00000000dead")},
                         done);
    });
    QVERIFY(batch && batch->size() == 2);
    QVERIFY(batch->at(0).ok());
    QVERIFY(!batch->at(1).ok());
    QCOMPARE(batch->at(1).error().code, ErrorCode::Http);
    QCOMPARE(batch->at(1).error().httpStatus, 404);
    QVERIFY2(!QUuid::fromString(batch->at(1).error().requestId).isNull(), qPrintable(batch->at(1).error().toString()));
    QCOMPARE(m_env->stats().value(QStringLiteral("batchSubRequests")).toInt(), 2); // a 404 is not retried
}

void TestGraphClient::tlsOnlyWithTheCa()
{
    // Without graphsim's CA the system store does not trust it: a Network error, not retried.
    // Its own QNAM: Qt reuses a kept-alive connection whatever the request's SSL configuration.
    QNetworkAccessManager network;
    GraphClientOptions options = m_env->clientOptions();
    options.caCertificatePath.clear();
    ClientCredentials credentials = m_env->credentials();
    credentials.caCertificatePath.clear();
    auto tokens = std::make_shared<ClientCredentialsTokenProvider>(credentials, &network);
    ReadOnlyGraphClient untrusting(options, &network, tokens, std::make_shared<RequestGovernor>());
    const auto result = await<Result<GraphResponse>>([&](auto done) {
        untrusting.get(QStringLiteral("/deviceManagement/configurationPolicies"), done);
    });
    QVERIFY(result && !result->ok());
    QCOMPARE(result->error().code, ErrorCode::Network);
    QCOMPARE(tokens->tokenRequests(), 1);
    QCOMPARE(m_env->stats().value(QStringLiteral("requests")).toInt(), 0);

    // A CA file that holds no certificate is a configuration error, reported before sending.
    options.caCertificatePath = QStringLiteral(PV_TEST_DATA_DIR "/does-not-exist.pem");
    ReadOnlyGraphClient misconfigured(options, &m_env->network(), m_env->tokenProvider(), std::make_shared<RequestGovernor>());
    const auto bad = await<Result<GraphResponse>>([&](auto done) {
        misconfigured.get(QStringLiteral("/deviceManagement/configurationPolicies"), done);
    });
    QVERIFY(bad && !bad->ok());
    QCOMPARE(bad->error().code, ErrorCode::InvalidArgument);
    QVERIFY(bad->error().message.contains(QStringLiteral("does-not-exist.pem")));
}

void TestGraphClient::plainHttpOnLoopback()
{
    GraphClientOptions options = m_env->clientOptions();
    const auto endpoints = resolveEndpoints(Cloud::Global, m_env->server().httpUrl().toString(),
                                            m_env->server().httpsUrl().toString());
    QVERIFY(endpoints.ok());
    options.endpoints = *endpoints;
    auto client = m_env->client({}, options);
    const auto result = await<Result<GraphResponse>>([&](auto done) {
        client->get(QStringLiteral("/deviceManagement/configurationPolicies/%1").arg(m_policyIds.first()), done);
    });
    QVERIFY(result && result->ok());
    QCOMPARE((*result)->body.value(QStringLiteral("id")).toString(), m_policyIds.first());
}

void TestGraphClient::filterWithSpaces()
{
    // Tools send $filter with spaces and quotes (GRAPH_NOTES §1.1 [O]).
    auto client = m_env->client();
    const auto all = await<Result<PagedItems>>([&](auto done) {
        client->getAllPages(QStringLiteral("/deviceManagement/configurationPolicies?$select=id,name"), done);
    });
    QVERIFY(all && all->ok());
    const QString name = (*all)->items.first().toObject().value(QStringLiteral("name")).toString();
    QVERIFY(name.contains(QLatin1Char(' ')));
    QString quoted = name;
    quoted.replace(QLatin1Char('\''), QStringLiteral("''"));
    const auto filtered = await<Result<PagedItems>>([&](auto done) {
        client->getAllPages(QStringLiteral("/deviceManagement/configurationPolicies?$filter=name eq '%1'").arg(quoted), done);
    });
    QVERIFY(filtered.has_value());
    QVERIFY2(filtered->ok(), pv::test::errorText(*filtered).constData());
    QVERIFY((*filtered)->items.size() >= 1);
    for (const QJsonValue& item : (*filtered)->items)
        QCOMPARE(item.toObject().value(QStringLiteral("name")).toString(), name);
}

void TestGraphClient::readOnlyRefusesWritesAtRunTime()
{
    auto tokens = m_env->tokenProvider();
    auto governor = std::make_shared<RequestGovernor>();
    GraphTransport readOnly(m_env->clientOptions(), GraphTransport::Mode::ReadOnly, &m_env->network(), tokens, governor);
    const QString policy = QStringLiteral("/deviceManagement/configurationPolicies/%1").arg(m_policyIds.first());
    QList<GraphCall> calls;
    calls.append(GraphCall{"POST", readOnly.urlFor(QStringLiteral("/deviceManagement/configurationPolicies")),
                           R"({"name":"x"})", 1, 0, false});
    calls.append(GraphCall{"PATCH", readOnly.urlFor(policy), R"({"name":"renamed"})", 1, 0, false});
    calls.append(GraphCall{"PUT", readOnly.urlFor(policy), R"({"name":"renamed"})", 1, 0, false});
    calls.append(GraphCall{"DELETE", readOnly.urlFor(policy), {}, 1, 0, false});
    calls.append(GraphCall{"GET", readOnly.urlFor(policy), R"({"smuggled":true})", 1, 0, true});
    calls.append(GraphCall{"POST", readOnly.urlFor(QStringLiteral("/$batch")),
                           R"({"requests":[{"id":"1","method":"GET","url":"/deviceManagement/roleScopeTags"},)"
                           R"({"id":"2","method":"DELETE","url":")" + policy.toUtf8() + R"("}]})",
                           2, 0, true});
    calls.append(GraphCall{"POST", readOnly.urlFor(QStringLiteral("/$batch?x=1")),
                           R"({"requests":[{"id":"1","method":"GET","url":"/deviceManagement/roleScopeTags"}]})", 1, 0, true});
    for (const GraphCall& call : std::as_const(calls)) {
        const auto result = await<Result<GraphResponse>>([&](auto done) { readOnly.send(call, done); });
        QVERIFY(result && !result->ok());
        QCOMPARE(result->error().code, ErrorCode::AccessDenied);
    }
    // A $batch of GETs is the one POST it sends.
    const auto batch = await<Result<GraphResponse>>([&](auto done) {
        readOnly.send(GraphCall{"POST", readOnly.urlFor(QStringLiteral("/$batch")),
                                R"({"requests":[{"id":"1","method":"GET","url":"/deviceManagement/roleScopeTags"}]})",
                                1, 0, true},
                      done);
    });
    QVERIFY(batch && batch->ok());
    QCOMPARE(m_env->writes(), 0);
    QCOMPARE(m_env->stats().value(QStringLiteral("requests")).toInt(), 1); // only the $batch of GETs
    QCOMPARE(tokens->tokenRequests(), 1);

    // The same DELETE through a read-write transport reaches the write log: the log can see it.
    GraphTransport readWrite(m_env->clientOptions(), GraphTransport::Mode::ReadWrite, &m_env->network(), tokens, governor);
    const auto deleted = await<Result<GraphResponse>>([&](auto done) {
        readWrite.send(GraphCall{"DELETE", readWrite.urlFor(QStringLiteral(
                                     "/deviceManagement/configurationPolicies/00000000-0000-0000-0000-00000000dead")),
                                 {}, 1, 1, false},
                       done);
    });
    QVERIFY(deleted.has_value());
    QCOMPARE(m_env->writes(), 1);
}

void TestGraphClient::neverSendsTheTokenElsewhere()
{
    auto tokens = m_env->tokenProvider();
    GraphTransport transport(m_env->clientOptions(), GraphTransport::Mode::ReadOnly, &m_env->network(), tokens,
                             std::make_shared<RequestGovernor>());
    const QUrl root = m_env->server().httpsUrl();
    QUrl otherPort = root;
    otherPort.setPort(m_env->server().httpUrl().port());
    QUrl outsideVersion = root;
    outsideVersion.setPath(QStringLiteral("/_sim/stats"));
    for (const QUrl& url : {QUrl(QStringLiteral("https://evil.test/beta/deviceManagement/configurationPolicies")),
                            otherPort, outsideVersion}) {
        const auto result = await<Result<GraphResponse>>([&](auto done) { transport.send(GraphCall{"GET", url, {}, 1, 0, true}, done); });
        QVERIFY(result && !result->ok());
        QCOMPARE(result->error().code, ErrorCode::InvalidArgument);
    }
    QCOMPARE(tokens->tokenRequests(), 0);
}

QTEST_GUILESS_MAIN(TestGraphClient)
#include "tst_graph_client.moc"
