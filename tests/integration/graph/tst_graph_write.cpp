// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
// GraphWriteClient against graphsim over HTTPS: a write whose answer is lost after graphsim
// applied it is sent exactly once — Qt 6.4 resends a request by itself when the connection
// drops inside the status line (a 204 cut), and GraphTransport's one-shot body stops it — and
// the caller gets the unknown-outcome error (ErrorCode::Network) its journal reconciles.
// Normal writes succeed; reads are still retried by RetryPolicy.
#include "GraphTestEnv.h"

#include "core/graph/BatchRunner.h"
#include "core/graph/GraphTransport.h"
#include "core/graph/GraphWriteClient.h"
#include "tests/testutils/ResultText.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkRequest>

using namespace pv::graph;
using pv::ErrorCode;
using pv::Result;

namespace {

const QString Policies = QStringLiteral("/deviceManagement/configurationPolicies");
const QString Filters = QStringLiteral("/deviceManagement/assignmentFilters");

} // namespace

class TestGraphWrite : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void normalWritesSucceedOnce();
    void lostAnswerIsSentOnceAndUnknown_data();
    void lostAnswerIsSentOnceAndUnknown();
    void bodilessWriteIsSentOnce();
    void readsAreStillRetried();

private:
    std::unique_ptr<GraphWriteClient> writer();
    Result<GraphResponse> write(GraphWriteClient& client, const QByteArray& method, const QString& path,
                                const QJsonObject& body, const QString& clientRequestId);
    QJsonObject read(const QString& path);
    /// A create/replace body for policy `id` as the restore sends it (metadata + settings).
    QJsonObject policyBody(const QString& id, const QString& name = {});
    /// graphsim's write log entries sent under `clientRequestId`.
    QJsonArray writesWithId(const QString& clientRequestId);
    void planWriteFault(const QString& mode, const QString& method);

    std::unique_ptr<GraphTestEnv> m_env;
    QByteArray m_token;
    QString m_policyId;
};

void TestGraphWrite::initTestCase()
{
    graphsim::SimOptions options;
    options.tenantProfiles = {QStringLiteral("demo")};
    m_env = std::make_unique<GraphTestEnv>(options);
    QString error;
    QVERIFY2(m_env->start(&error), qPrintable(error));
    m_token = m_env->sim().token();
    QVERIFY(!m_token.isEmpty());
}

void TestGraphWrite::init()
{
    m_env->reset();
    m_env->config(QJsonObject{{QStringLiteral("faults"), noFaults()}});
    m_policyId = read(Policies + QStringLiteral("?$top=1")).value(QStringLiteral("value")).toArray().at(0).toObject()
                     .value(QStringLiteral("id")).toString();
    QVERIFY(!m_policyId.isEmpty());
}

std::unique_ptr<GraphWriteClient> TestGraphWrite::writer()
{
    return std::make_unique<GraphWriteClient>(m_env->clientOptions(), &m_env->network(), m_env->tokenProvider(),
                                              std::make_shared<RequestGovernor>());
}

Result<GraphResponse> TestGraphWrite::write(GraphWriteClient& client, const QByteArray& method, const QString& path,
                                            const QJsonObject& body, const QString& clientRequestId)
{
    const QByteArray json = QJsonDocument(body).toJson(QJsonDocument::Compact);
    auto result = await<Result<GraphResponse>>([&](ResponseCallback done) {
        if (method == "PUT")
            client.put(path, json, clientRequestId, std::move(done));
        else if (method == "PATCH")
            client.patch(path, json, clientRequestId, std::move(done));
        else
            client.post(path, json, clientRequestId, std::move(done));
    });
    if (!result)
        return pv::fail(ErrorCode::Internal, QStringLiteral("no answer"));
    return std::move(*result);
}

QJsonObject TestGraphWrite::read(const QString& path)
{
    const HttpResult r = m_env->sim().graph("GET", QStringLiteral("/beta") + path, m_token);
    return r.status == 200 ? r.json() : QJsonObject();
}

QJsonObject TestGraphWrite::policyBody(const QString& id, const QString& name)
{
    const QJsonObject policy = read(Policies + u'/' + id);
    QJsonArray settings;
    for (const QJsonValue& s : read(Policies + u'/' + id + QStringLiteral("/settings")).value(QStringLiteral("value")).toArray())
        settings.append(QJsonObject{{QStringLiteral("settingInstance"), s.toObject().value(QStringLiteral("settingInstance"))}});
    return QJsonObject{
        {QStringLiteral("name"), name.isEmpty() ? policy.value(QStringLiteral("name")) : QJsonValue(name)},
        {QStringLiteral("description"), policy.value(QStringLiteral("description"))},
        {QStringLiteral("platforms"), policy.value(QStringLiteral("platforms"))},
        {QStringLiteral("technologies"), policy.value(QStringLiteral("technologies"))},
        {QStringLiteral("roleScopeTagIds"), policy.value(QStringLiteral("roleScopeTagIds"))},
        {QStringLiteral("templateReference"),
         QJsonObject{{QStringLiteral("templateId"),
                      policy.value(QStringLiteral("templateReference")).toObject().value(QStringLiteral("templateId"))}}},
        {QStringLiteral("settings"), settings}};
}

QJsonArray TestGraphWrite::writesWithId(const QString& clientRequestId)
{
    QJsonArray out;
    for (const QJsonValue& w : m_env->sim().sim(QStringLiteral("writes")).value(QStringLiteral("value")).toArray()) {
        if (w.toObject().value(QStringLiteral("clientRequestId")).toString() == clientRequestId)
            out.append(w);
    }
    return out;
}

void TestGraphWrite::planWriteFault(const QString& mode, const QString& method)
{
    const QJsonObject config = m_env->sim().sim(QStringLiteral("config"), QJsonObject{{QStringLiteral("writeFaults"), QJsonObject{
        {QStringLiteral("mode"), mode}, {QStringLiteral("count"), 1}, {QStringLiteral("methods"), QJsonArray{method}}}}});
    QCOMPARE(config.value(QStringLiteral("writeFaults")).toObject().value(QStringLiteral("mode")).toString(), mode);
}

void TestGraphWrite::normalWritesSucceedOnce()
{
    auto client = writer();
    const QString createId = GraphWriteClient::newClientRequestId();
    const auto created = write(*client, "POST", Policies, policyBody(m_policyId, QStringLiteral("Written once")), createId);
    QVERIFY2(created, pv::test::errorText(created).constData());
    QCOMPARE(created->status, 201);
    QCOMPARE(created->attempts, 1);
    QCOMPARE(created->echoedClientRequestId, createId);
    const QString newId = created->body.value(QStringLiteral("id")).toString();
    QVERIFY(!newId.isEmpty());

    QJsonObject replacement = policyBody(newId);
    replacement.insert(QStringLiteral("description"), QStringLiteral("replaced once"));
    const QString putId = GraphWriteClient::newClientRequestId();
    const auto put = write(*client, "PUT", Policies + u'/' + newId, replacement, putId);
    QVERIFY2(put, pv::test::errorText(put).constData());
    QCOMPARE(put->status, 204);
    QCOMPARE(read(Policies + u'/' + newId).value(QStringLiteral("description")).toString(), QStringLiteral("replaced once"));

    for (const QString& id : {createId, putId}) {
        const QJsonArray log = writesWithId(id);
        QCOMPARE(log.size(), 1);
        QVERIFY(log.at(0).toObject().value(QStringLiteral("applied")).toBool());
        QVERIFY(log.at(0).toObject().value(QStringLiteral("fault")).isNull());
    }
}

void TestGraphWrite::lostAnswerIsSentOnceAndUnknown_data()
{
    QTest::addColumn<QString>("mode");
    QTest::addColumn<QString>("method");
    // A 204 has no body: graphsim cuts it inside the status line, where Qt resends by itself.
    QTest::newRow("PUT, 204 cut in the status line") << QStringLiteral("drop_after_apply") << QStringLiteral("PUT");
    QTest::newRow("PUT, 204 truncated") << QStringLiteral("truncate_after_apply") << QStringLiteral("PUT");
    // A 201 is cut inside its body.
    QTest::newRow("POST, dropped after apply") << QStringLiteral("drop_after_apply") << QStringLiteral("POST");
}

void TestGraphWrite::lostAnswerIsSentOnceAndUnknown()
{
    QFETCH(QString, mode);
    QFETCH(QString, method);
    auto client = writer();
    const QString marker = QStringLiteral("lost answer: %1 %2").arg(method, mode);
    QJsonObject body = policyBody(m_policyId, method == u"POST" ? marker : QString());
    body.insert(QStringLiteral("description"), marker);
    const QString path = method == u"POST" ? Policies : Policies + u'/' + m_policyId;
    planWriteFault(mode, method);

    const QString clientRequestId = GraphWriteClient::newClientRequestId();
    const auto result = write(*client, method.toLatin1(), path, body, clientRequestId);
    QVERIFY2(!result, "the answer was lost: the caller must not be told it worked");
    // Network is what the restore job treats as uncertain (reconciled through its journal).
    QCOMPARE(result.error().code, ErrorCode::Network);
    if (method == u"PUT") {   // no status line arrived; Qt's resend was refused
        QCOMPARE(result.error().httpStatus, 0);
        QVERIFY2(result.error().message.contains(QLatin1String("outcome unknown")), qPrintable(result.error().message));
    }

    // graphsim applied it, and received it exactly once.
    const QJsonArray log = writesWithId(clientRequestId);
    QVERIFY2(log.size() == 1, QJsonDocument(log).toJson().constData());
    const QJsonObject entry = log.at(0).toObject();
    QCOMPARE(entry.value(QStringLiteral("method")).toString(), method);
    QVERIFY(entry.value(QStringLiteral("applied")).toBool());
    QCOMPARE(entry.value(QStringLiteral("fault")).toString(), mode);
    QCOMPARE(m_env->sim().sim(QStringLiteral("config")).value(QStringLiteral("writeFaults")).toObject()
                 .value(QStringLiteral("fired")).toInt(), 1);
    if (method == u"PUT") {
        QCOMPARE(read(Policies + u'/' + m_policyId).value(QStringLiteral("description")).toString(), marker);
    } else {
        const QJsonArray named = read(Policies + QStringLiteral("?$filter=name%20eq%20'") + QString(marker).replace(u' ', QStringLiteral("%20"))
                                      .replace(u':', QStringLiteral("%3A")) + u'\'').value(QStringLiteral("value")).toArray();
        QCOMPARE(named.size(), 1);
    }

    // The same client goes on: the next write (fault spent) is answered normally, once.
    const QString nextId = GraphWriteClient::newClientRequestId();
    const auto next = write(*client, "PUT", Policies + u'/' + m_policyId, policyBody(m_policyId), nextId);
    QVERIFY2(next, pv::test::errorText(next).constData());
    QCOMPARE(writesWithId(nextId).size(), 1);
}

void TestGraphWrite::bodilessWriteIsSentOnce()
{
    // A write without a body (DELETE; restore never deletes, the transport guards it anyway):
    // an empty one-shot body, so Qt cannot resend it either.
    const HttpResult filter = m_env->sim().graph(
        "POST", QStringLiteral("/beta") + Filters, m_token,
        QJsonDocument(QJsonObject{{QStringLiteral("displayName"), QStringLiteral("Doomed")},
                                  {QStringLiteral("platform"), QStringLiteral("windows10AndLater")},
                                  {QStringLiteral("rule"), QStringLiteral("(device.model -eq \"Z\")")}})
            .toJson(QJsonDocument::Compact),
        {{"Content-Type", "application/json"}});
    QCOMPARE(filter.status, 201);
    const QString filterPath = Filters + u'/' + filter.json().value(QStringLiteral("id")).toString();
    planWriteFault(QStringLiteral("drop_after_apply"), QStringLiteral("DELETE"));

    GraphTransport transport(m_env->clientOptions(), GraphTransport::Mode::ReadWrite, &m_env->network(),
                             m_env->tokenProvider(), std::make_shared<RequestGovernor>());
    GraphCall call;
    call.method = "DELETE";
    call.url = transport.urlFor(filterPath);
    call.writes = 1;
    call.retry = false;
    const QString clientRequestId = GraphWriteClient::newClientRequestId();
    auto result = await<Result<GraphResponse>>(
        [&](ResponseCallback done) { transport.send(call, clientRequestId, std::move(done)); });
    QVERIFY(result.has_value());
    QVERIFY(!*result);
    QCOMPARE(result->error().code, ErrorCode::Network);
    const QJsonArray log = writesWithId(clientRequestId);
    QVERIFY2(log.size() == 1, QJsonDocument(log).toJson().constData());
    QVERIFY(log.at(0).toObject().value(QStringLiteral("applied")).toBool());
    QCOMPARE(m_env->sim().graph("GET", QStringLiteral("/beta") + filterPath, m_token).status, 404);
}

void TestGraphWrite::readsAreStillRetried()
{
    // graphsim speaks HTTP/1.1 (no ALPN): these tests exercise Qt's HTTP/1 channel, the one
    // that resends (Qt 6.4's HTTP/2 handler fails every stream of a closed connection instead).
    QNetworkRequest probe(QUrl(m_env->server().httpsUrl().toString() + QStringLiteral("/_sim/info")));
    QSslConfiguration ssl = QSslConfiguration::defaultConfiguration();
    ssl.addCaCertificates(QSslCertificate::fromPath(m_env->server().caCertPath()));
    probe.setSslConfiguration(ssl);
    QNetworkReply* reply = m_env->network().get(probe);
    QVERIFY(QTest::qWaitFor([reply] { return reply->isFinished(); }, 30000));
    QCOMPARE(reply->error(), QNetworkReply::NoError);
    QCOMPARE(reply->attribute(QNetworkRequest::Http2WasUsedAttribute).toBool(), false);
    reply->deleteLater();

    // Every first attempt dropped mid-body: RetryPolicy sends the read again, and it arrives.
    m_env->config(QJsonObject{{QStringLiteral("faults"), [] {
                                   QJsonObject f = noFaults();
                                   f.insert(QStringLiteral("drop"), 1.0);
                                   f.insert(QStringLiteral("maxConsecutive"), 1);
                                   return f;
                               }()}});
    auto client = writer();
    auto got = await<Result<GraphResponse>>([&](ResponseCallback done) { client->get(Policies + u'/' + m_policyId, std::move(done)); });
    QVERIFY(got.has_value());
    QVERIFY2(*got, pv::test::errorText(*got).constData());
    QCOMPARE((*got)->body.value(QStringLiteral("id")).toString(), m_policyId);
    QCOMPARE((*got)->attempts, 2);

    // A $batch of GETs is a POST that changes nothing: still a read, retried the same way.
    auto batch = await<QList<Result<GraphResponse>>>([&](BatchCallback done) {
        client->batchGet({Policies + u'/' + m_policyId, Policies + u'/' + m_policyId + QStringLiteral("/settings")}, std::move(done));
    });
    QVERIFY(batch.has_value());
    QCOMPARE(batch->size(), 2);
    for (const Result<GraphResponse>& item : *batch)
        QVERIFY2(item, pv::test::errorText(item).constData());
    QVERIFY(m_env->sim().sim(QStringLiteral("writes")).value(QStringLiteral("value")).toArray().isEmpty());
}

QTEST_GUILESS_MAIN(TestGraphWrite)
#include "tst_graph_write.moc"
