// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
// graphsim's persistent mode (the demo tenant's server): --state-file survives a restart with
// every change made through Graph and /_sim/mutate, an explicit --state-dir keeps its CA,
// certificates and token signing key, the client credentials stay, and --idle-exit-s ends
// the process. The real executable, over real loopback HTTPS.
#include "tools/graphsim/server/TlsMaterial.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QSignalSpy>
#include <QSslConfiguration>
#include <QTemporaryDir>
#include <QTest>
#include <QUrlQuery>

#include <memory>

class TestGraphsimPersistence : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void stateSurvivesRestart();
    void restoreStateSurvivesRestart();
    void brokenStateFileIsRefusedAndKept();
    void unusableCertificatesAreRegenerated();
    void certificatesNearExpiryAreNotReused();
    void idleExit();

private:
    struct Reply
    {
        int status = 0;
        QByteArray body;
        QJsonObject json() const { return QJsonDocument::fromJson(body).object(); }
    };

    /// Starts graphsim in persistent mode; returns its startup line (empty on failure).
    QJsonObject start(const QStringList& extra = {});
    void stop();
    Reply send(const QByteArray& method, const QUrl& url, const QByteArray& body = {},
               const QByteArray& contentType = "application/json", const QByteArray& bearer = {});
    QByteArray token(const QJsonObject& info);
    QJsonObject stateFile() const;

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<QProcess> m_process;
    QByteArray m_caPem;
    QNetworkAccessManager m_nam;
};

void TestGraphsimPersistence::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void TestGraphsimPersistence::cleanup()
{
    stop();   // never leave a graphsim behind, whatever failed
}

QJsonObject TestGraphsimPersistence::start(const QStringList& extra)
{
    stop();
    m_process = std::make_unique<QProcess>();
    m_process->setProgram(QStringLiteral(PV_BINARY_DIR "/bin/graphsim"));
    m_process->setArguments(QStringList{QStringLiteral("--state-file"), m_dir->filePath(QStringLiteral("tenant.json")),
                                        QStringLiteral("--state-dir"), m_dir->filePath(QStringLiteral("tls")),
                                        QStringLiteral("--port"), QStringLiteral("0")}
                            + extra);
    m_process->setProcessChannelMode(QProcess::SeparateChannels);
    m_process->start();
    if (!m_process->waitForStarted(10000))
        return {};
    // 30 s is only the give-up point on a loaded machine.
    if (!QTest::qWaitFor([this] { return m_process->canReadLine() || m_process->state() != QProcess::Running; }, 30000))
        return {};
    const QJsonObject info = QJsonDocument::fromJson(m_process->readLine()).object();
    m_caPem.clear();
    if (QFile ca(info.value(QStringLiteral("caCert")).toString()); !info.isEmpty() && ca.open(QIODevice::ReadOnly))
        m_caPem = ca.readAll();
    return info;
}

void TestGraphsimPersistence::stop()
{
    if (!m_process)
        return;
    if (m_process->state() != QProcess::NotRunning) {
        m_process->terminate();
        if (!m_process->waitForFinished(30000)) {
            m_process->kill();
            m_process->waitForFinished(10000);
        }
    }
    m_process.reset();
}

TestGraphsimPersistence::Reply TestGraphsimPersistence::send(const QByteArray& method, const QUrl& url,
                                                             const QByteArray& body, const QByteArray& contentType,
                                                             const QByteArray& bearer)
{
    QNetworkRequest request(url);
    QSslConfiguration ssl = QSslConfiguration::defaultConfiguration();
    ssl.addCaCertificates(QSslCertificate::fromData(m_caPem, QSsl::Pem));
    request.setSslConfiguration(ssl);
    if (!body.isEmpty())
        request.setHeader(QNetworkRequest::ContentTypeHeader, contentType);
    if (!bearer.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + bearer);
    QNetworkReply* reply = m_nam.sendCustomRequest(request, method, body);
    QSignalSpy finished(reply, &QNetworkReply::finished);
    if (!reply->isFinished())
        finished.wait(20000);
    Reply result{reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), reply->readAll()};
    reply->deleteLater();
    return result;
}

QByteArray TestGraphsimPersistence::token(const QJsonObject& info)
{
    const QJsonObject tenant = info.value(QStringLiteral("tenants")).toArray().first().toObject();
    QUrlQuery form;
    form.addQueryItem(QStringLiteral("grant_type"), QStringLiteral("client_credentials"));
    form.addQueryItem(QStringLiteral("client_id"), tenant.value(QStringLiteral("clientId")).toString());
    form.addQueryItem(QStringLiteral("client_secret"),
                      QString::fromLatin1(QUrl::toPercentEncoding(tenant.value(QStringLiteral("clientSecret")).toString())));
    form.addQueryItem(QStringLiteral("scope"), QStringLiteral("https://graph.microsoft.com/.default"));
    const QUrl url(info.value(QStringLiteral("https")).toString() + QLatin1Char('/')
                   + tenant.value(QStringLiteral("tenantId")).toString() + QStringLiteral("/oauth2/v2.0/token"));
    const Reply reply = send("POST", url, form.query(QUrl::FullyEncoded).toLatin1(), "application/x-www-form-urlencoded");
    return reply.json().value(QStringLiteral("access_token")).toString().toLatin1();
}

QJsonObject TestGraphsimPersistence::stateFile() const
{
    QFile file(m_dir->filePath(QStringLiteral("tenant.json")));
    return file.open(QIODevice::ReadOnly) ? QJsonDocument::fromJson(file.readAll()).object() : QJsonObject();
}

namespace {

QJsonObject policyIn(const QJsonObject& state, const QString& id)
{
    for (const QJsonValue& policy : state.value(QStringLiteral("configurationPolicies")).toArray()) {
        if (policy.toObject().value(QStringLiteral("id")).toString() == id)
            return policy.toObject();
    }
    return {};
}

} // namespace

void TestGraphsimPersistence::stateSurvivesRestart()
{
    const QJsonObject first = start();
    QVERIFY2(!first.isEmpty(), "graphsim did not start");
    const QJsonObject created = stateFile();
    const qsizetype policiesAtStart = created.value(QStringLiteral("configurationPolicies")).toArray().size();
    QVERIFY2(policiesAtStart > 5, "the state file is created from the demo profile when absent");
    const QByteArray firstToken = token(first);
    QVERIFY(!firstToken.isEmpty());

    // A change through Graph: delete a policy.
    const QString deletedId =
        created.value(QStringLiteral("configurationPolicies")).toArray().at(0).toObject().value(QStringLiteral("id")).toString();
    const QString https = first.value(QStringLiteral("https")).toString();
    const Reply deleted = send("DELETE", QUrl(https + QStringLiteral("/beta/deviceManagement/configurationPolicies/") + deletedId),
                               {}, {}, firstToken);
    QCOMPARE(deleted.status, 204);
    QVERIFY2(policyIn(stateFile(), deletedId).isEmpty(), "a Graph write is saved at once");

    // Changes through /_sim/mutate: a rename, a changed setting, a changed assignment.
    const Reply mutated = send("POST", QUrl(first.value(QStringLiteral("http")).toString() + QStringLiteral("/_sim/mutate")),
                               R"({"seed":7,"policies":0,"renames":1,"settings":1,"assignments":1})");
    QCOMPARE(mutated.status, 200);
    const QJsonArray changed = mutated.json().value(QStringLiteral("changed")).toArray();
    QVERIFY(!changed.isEmpty());
    const QJsonObject afterMutate = stateFile();
    for (const QJsonValue& change : changed) {
        const QString id = change.toObject().value(QStringLiteral("policyId")).toString();
        QVERIFY2(policyIn(afterMutate, id) != policyIn(created, id), qPrintable(id + QStringLiteral(" not saved")));
    }
    QString renamedId;
    for (const QJsonValue& change : changed) {
        if (change.toObject().value(QStringLiteral("kind")).toString() == QLatin1String("renamed"))
            renamedId = change.toObject().value(QStringLiteral("policyId")).toString();
    }
    QVERIFY(!renamedId.isEmpty());
    const QString newName = policyIn(afterMutate, renamedId).value(QStringLiteral("name")).toString();
    QVERIFY(newName.contains(QStringLiteral("(renamed ")));
    // The per-run client certificate is a run-time credential, not state.
    for (const QJsonValue& app : afterMutate.value(QStringLiteral("apps")).toArray())
        QVERIFY(app.toObject().value(QStringLiteral("certificatesPem")).toArray().isEmpty());
    const QByteArray caBefore = m_caPem;

    // Restart: the same tenant, credentials, CA and token signing key.
    const QJsonObject second = start();
    QVERIFY2(!second.isEmpty(), "graphsim did not restart");
    const QJsonObject t1 = first.value(QStringLiteral("tenants")).toArray().first().toObject();
    const QJsonObject t2 = second.value(QStringLiteral("tenants")).toArray().first().toObject();
    QCOMPARE(t2.value(QStringLiteral("tenantId")), t1.value(QStringLiteral("tenantId")));
    QCOMPARE(t2.value(QStringLiteral("clientId")), t1.value(QStringLiteral("clientId")));
    QCOMPARE(t2.value(QStringLiteral("clientSecret")), t1.value(QStringLiteral("clientSecret")));
    QCOMPARE(second.value(QStringLiteral("caCert")), first.value(QStringLiteral("caCert")));
    QCOMPARE(m_caPem, caBefore);

    const QString https2 = second.value(QStringLiteral("https")).toString();
    // A token of the previous run still works: a long-lived client need not sign in again.
    const Reply renamed = send("GET", QUrl(https2 + QStringLiteral("/beta/deviceManagement/configurationPolicies/") + renamedId),
                               {}, {}, firstToken);
    QCOMPARE(renamed.status, 200);
    QCOMPARE(renamed.json().value(QStringLiteral("name")).toString(), newName);
    const Reply gone = send("GET", QUrl(https2 + QStringLiteral("/beta/deviceManagement/configurationPolicies/") + deletedId),
                            {}, {}, firstToken);
    QCOMPARE(gone.status, 404);
}

void TestGraphsimPersistence::restoreStateSurvivesRestart()
{
    // What a restore test sets up — a retired template, an invalidated secret token, created
    // filters and tags — is tenant state: it is in the file and holds after a restart.
    const QJsonObject first = start();
    QVERIFY2(!first.isEmpty(), "graphsim did not start");
    const QByteArray bearer = token(first);
    const QString https = first.value(QStringLiteral("https")).toString();
    const QString http = first.value(QStringLiteral("http")).toString();
    const QString templateId = QStringLiteral("46ddfc50-d10f-4867-b852-9434254b3bff_1");   // BitLocker
    QCOMPARE(send("POST", QUrl(http + QStringLiteral("/_sim/retire-template")),
                  QJsonDocument(QJsonObject{{QStringLiteral("templateId"), templateId}}).toJson()).status, 200);
    const Reply invalidated = send("POST", QUrl(http + QStringLiteral("/_sim/invalidate-secret")), R"({"rotate":false})");
    QCOMPARE(invalidated.status, 200);
    const QJsonArray tokens = invalidated.json().value(QStringLiteral("invalidated")).toArray();
    QVERIFY2(!tokens.isEmpty(), "the demo tenant holds a secret");
    const QString policyId = tokens.at(0).toObject().value(QStringLiteral("policyId")).toString();
    const Reply filter = send("POST", QUrl(https + QStringLiteral("/beta/deviceManagement/assignmentFilters")),
                              R"j({"displayName":"Saved filter","platform":"windows10AndLater","rule":"(device.model -eq \"A\")"})j",
                              "application/json", bearer);
    QCOMPARE(filter.status, 201);
    const Reply tag = send("POST", QUrl(https + QStringLiteral("/beta/deviceManagement/roleScopeTags")),
                           R"({"displayName":"Saved tag"})", "application/json", bearer);
    QCOMPARE(tag.status, 201);
    const QJsonObject saved = stateFile();
    QCOMPARE(saved.value(QStringLiteral("templateStates")).toObject().value(templateId).toString(), QStringLiteral("retired"));

    const QJsonObject second = start();
    QVERIFY2(!second.isEmpty(), "graphsim did not restart");
    const QString https2 = second.value(QStringLiteral("https")).toString();
    const QString policies = https2 + QStringLiteral("/beta/deviceManagement/configurationPolicies");
    QCOMPARE(send("GET", QUrl(https2 + QStringLiteral("/beta/deviceManagement/configurationPolicyTemplates/") + templateId), {}, {}, bearer)
                 .json().value(QStringLiteral("lifecycleState")).toString(), QStringLiteral("retired"));
    QCOMPARE(send("GET", QUrl(https2 + QStringLiteral("/beta/deviceManagement/assignmentFilters/")
                              + filter.json().value(QStringLiteral("id")).toString()), {}, {}, bearer).status, 200);
    QCOMPARE(send("GET", QUrl(https2 + QStringLiteral("/beta/deviceManagement/roleScopeTags/")
                              + tag.json().value(QStringLiteral("id")).toString()), {}, {}, bearer).status, 200);
    // The policy still holds its invalidated token; sending it back is still refused.
    const QJsonObject policy = send("GET", QUrl(policies + u'/' + policyId), {}, {}, bearer).json();
    QJsonArray settings;
    for (const QJsonValue& s : send("GET", QUrl(policies + u'/' + policyId + QStringLiteral("/settings")), {}, {}, bearer)
                                   .json().value(QStringLiteral("value")).toArray())
        settings.append(QJsonObject{{QStringLiteral("settingInstance"), s.toObject().value(QStringLiteral("settingInstance"))}});
    QJsonObject body{{QStringLiteral("name"), policy.value(QStringLiteral("name"))},
                     {QStringLiteral("platforms"), policy.value(QStringLiteral("platforms"))},
                     {QStringLiteral("technologies"), policy.value(QStringLiteral("technologies"))},
                     {QStringLiteral("templateReference"), policy.value(QStringLiteral("templateReference"))},
                     {QStringLiteral("settings"), settings}};
    QJsonObject ref = body.value(QStringLiteral("templateReference")).toObject();
    body.insert(QStringLiteral("templateReference"), QJsonObject{{QStringLiteral("templateId"), ref.value(QStringLiteral("templateId"))}});
    const Reply stale = send("PUT", QUrl(policies + u'/' + policyId), QJsonDocument(body).toJson(), "application/json", bearer);
    QCOMPARE(stale.status, 400);
    QVERIFY2(stale.body.contains("encrypted value token"), stale.body.constData());
    // A create after the restart gets a new id, not one handed out before it.
    const Reply again = send("POST", QUrl(https2 + QStringLiteral("/beta/deviceManagement/assignmentFilters")),
                             R"j({"displayName":"After restart","platform":"windows10AndLater","rule":"(device.model -eq \"B\")"})j",
                             "application/json", bearer);
    QCOMPARE(again.status, 201);
    QVERIFY(again.json().value(QStringLiteral("id")) != filter.json().value(QStringLiteral("id")));
}

void TestGraphsimPersistence::brokenStateFileIsRefusedAndKept()
{
    QFile file(m_dir->filePath(QStringLiteral("tenant.json")));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("{\"format\":\"graphsim-tenant/1\",\"name\":");   // cut short
    file.close();
    const QJsonObject info = start();
    QVERIFY(info.isEmpty());
    QVERIFY(m_process->state() == QProcess::NotRunning || m_process->waitForFinished(30000));
    QCOMPARE(m_process->exitCode(), 1);
    QVERIFY(m_process->readAllStandardError().contains("tenant.json"));
    // Bad input loses nothing: the file is as it was, not replaced by a fresh tenant.
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), QByteArray("{\"format\":\"graphsim-tenant/1\",\"name\":"));
}

void TestGraphsimPersistence::unusableCertificatesAreRegenerated()
{
    const QJsonObject first = start();
    QVERIFY(!first.isEmpty());
    const QByteArray firstCa = m_caPem;
    stop();
    QFile ca(first.value(QStringLiteral("caCert")).toString());
    QVERIFY(ca.open(QIODevice::WriteOnly | QIODevice::Truncate));
    ca.write("not a certificate");
    ca.close();

    // Same path, a new CA in it, and HTTPS verifies against it.
    const QJsonObject second = start();
    QVERIFY(!second.isEmpty());
    QCOMPARE(second.value(QStringLiteral("caCert")), first.value(QStringLiteral("caCert")));
    QVERIFY(m_caPem.startsWith("-----BEGIN CERTIFICATE-----"));
    QVERIFY(m_caPem != firstCa);
    QCOMPARE(send("GET", QUrl(second.value(QStringLiteral("https")).toString() + QStringLiteral("/_sim/info"))).status, 200);
}

void TestGraphsimPersistence::certificatesNearExpiryAreNotReused()
{
    graphsim::TlsMaterial material;
    QString error;
    QVERIFY2(graphsim::TlsMaterial::generate(&material, &error), qPrintable(error));
    QVERIFY2(material.writeTo(m_dir->path(), &error), qPrintable(error));
    graphsim::TlsMaterial read;
    // The certificates are valid 30 days: reused with a day to spare, not with 31.
    QVERIFY(graphsim::TlsMaterial::readFrom(m_dir->path(), &read, 24 * 3600));
    QCOMPARE(read.caCertPem, material.caCertPem);
    QCOMPARE(read.signingKeyPem, material.signingKeyPem);
    QVERIFY(!graphsim::TlsMaterial::readFrom(m_dir->path(), &read, 31 * 24 * 3600));
    QVERIFY(QFile::remove(m_dir->filePath(QStringLiteral("signing-key.pem"))));
    QVERIFY(!graphsim::TlsMaterial::readFrom(m_dir->path(), &read, 0));
}

void TestGraphsimPersistence::idleExit()
{
    const QJsonObject info = start({QStringLiteral("--idle-exit-s"), QStringLiteral("2")});
    QVERIFY(!info.isEmpty());
    // Requests keep it alive: one after the other until graphsim's own clock says more than
    // the idle limit (2 s) has passed since the first — the server's time, not a local sleep,
    // decides when the loop ends.
    const QUrl stats(info.value(QStringLiteral("http")).toString() + QStringLiteral("/_sim/stats"));
    const auto serverNowMs = [&]() -> qint64 {
        const auto reply = send("GET", stats);
        if (reply.status != 200)
            return -1;
        return reply.json().value(QStringLiteral("clock")).toObject().value(QStringLiteral("nowMs")).toInteger(-1);
    };
    const qint64 firstMs = serverNowMs();
    QVERIFY(firstMs > 0);
    qint64 nowMs = firstMs;
    while (nowMs - firstMs < 3000) {
        nowMs = serverNowMs();
        QVERIFY2(nowMs > 0, "graphsim stopped answering while it was being kept busy");
    }
    QCOMPARE(m_process->state(), QProcess::Running);
    // ...and without them it ends by itself, cleanly.
    QSignalSpy finished(m_process.get(), &QProcess::finished);
    QVERIFY(QTest::qWaitFor([&finished] { return finished.count() > 0; }, 30000));
    QCOMPARE(m_process->exitStatus(), QProcess::NormalExit);
    QCOMPARE(m_process->exitCode(), 0);
    QVERIFY(m_process->readAllStandardError().contains("no request for 2 s"));
}

QTEST_GUILESS_MAIN(TestGraphsimPersistence)
#include "tst_graphsim_persistence.moc"
