// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "CaptureTestEnv.h"

#include "core/capture/CaptureKinds.h"
#include "core/capture/CaptureRequests.h"
#include "core/graph/RequestGovernor.h"
#include "core/store/Database.h"
#include "core/store/TenantRepository.h"

#include <QJsonDocument>
#include <QSqlQuery>

using namespace std::chrono_literals;

CaptureTestEnv::CaptureTestEnv(graphsim::SimOptions options, pv::capture::CaptureHooks hooks,
                               std::optional<pv::JobKinds::ServiceOptions> services)
    : m_graph(std::move(options)), m_hooks(std::move(hooks)), m_serviceOptions(std::move(services))
{
}

CaptureTestEnv::~CaptureTestEnv()
{
    m_runs.reset();   // cancels and waits for its workers before graphsim goes
}

bool CaptureTestEnv::start(QString* error)
{
    if (!m_graph.start(error))
        return false;
    m_db = pv::test::makeTestDatabase(QStringLiteral("Placeholder"));
    if (!m_db.isValid()) {
        *error = QStringLiteral("no test database");
        return false;
    }
    m_db.tenantId = addSimTenant(tenantName(), 0);
    if (m_db.tenantId == 0) {
        *error = QStringLiteral("no simulated tenant");
        return false;
    }
    m_scope = pv::test::enterTenant(m_db.database, m_db.tenantId);
    pv::JobKinds::ServiceOptions options;
    if (m_serviceOptions) {
        options = *m_serviceOptions;
    } else {
        pv::graph::RetryOptions retry;
        retry.baseDelay = 200ms;
        retry.maxDelay = 2000ms;
        retry.maxAttempts = 8;
        options.retry = retry;
    }
    m_services = pv::JobKinds::makeServices(m_db.database, &m_secrets, options);
    pv::RunService::Options runOptions;
    runOptions.jobServices = m_services;
    runOptions.eventInterval = 20ms;
    m_runs = std::make_unique<pv::RunService>(m_db.database, runOptions);
    // The shipped kinds, with the test's hooks (JobKinds::all gives the same kinds without).
    for (pv::JobKind& kind : pv::capture::kinds(*m_services, m_hooks))
        m_runs->registerKind(std::move(kind));
    m_snapshots = std::make_unique<pv::SnapshotRepository>(m_db.database);
    return m_scope.has_value();
}

qint64 CaptureTestEnv::addSimTenant(const QString& name, int simIndex)
{
    const graphsim::SimTenantCredentials sim = m_graph.tenant(simIndex);
    pv::TenantRecord tenant;
    tenant.name = name;
    tenant.entraTenantId = sim.tenantId;
    tenant.clientId = sim.clientId;
    tenant.graphUrl = m_graph.server().httpsUrl().toString();
    tenant.authorityUrl = tenant.graphUrl;
    tenant.caCertificatePath = m_graph.server().caCertPath();
    auto created = pv::TenantRepository(m_db.database).create(tenant);
    if (!created) {
        qWarning("tenant: %s", qPrintable(created.error().toString()));
        return 0;
    }
    if (!m_secrets.write(pv::SecretStore::key(created->uuid, pv::SecretKind::ClientSecret), sim.clientSecret.toUtf8()))
        return 0;
    return created->id;
}

std::optional<pv::RunRecord> CaptureTestEnv::waitForEnd(qint64 runId, int timeoutMs)
{
    std::optional<pv::RunRecord> record;
    const bool ended = QTest::qWaitFor([&] {
        auto r = m_runs->run(*m_scope, runId);
        if (r && !pv::isActive(r->status))
            record = *r;
        return record.has_value();
    }, timeoutMs);
    if (!ended)
        qWarning("run %lld did not end within %d ms", static_cast<long long>(runId), timeoutMs);
    return record;
}

std::optional<pv::RunRecord> CaptureTestEnv::runToEnd(const pv::RunRequest& request, int timeoutMs)
{
    auto ref = m_runs->start(*m_scope, request);
    if (!ref) {
        qWarning("start: %s", qPrintable(ref.error().toString()));
        return std::nullopt;
    }
    return waitForEnd(ref->runId, timeoutMs);
}

std::optional<pv::RunRecord> CaptureTestEnv::backup(const QStringList& types, bool full)
{
    auto request = pv::capture::backupRequest(types, full, QStringLiteral("test"));
    if (!request)
        return std::nullopt;
    return runToEnd(*request);
}

std::optional<pv::RunRecord> CaptureTestEnv::capturePolicy(qint64 policyId)
{
    auto request = pv::capture::capturePolicyRequest(policyId, QStringLiteral("test"));
    if (!request)
        return std::nullopt;
    return runToEnd(*request);
}

QList<pv::RunItemRecord> CaptureTestEnv::items(qint64 runId)
{
    auto items = m_runs->items(*m_scope, runId);
    return items ? *items : QList<pv::RunItemRecord>{};
}

QJsonArray CaptureTestEnv::listIndependently(const QString& path)
{
    GraphsimTestClient& sim = m_graph.sim();
    const QByteArray token = sim.token();
    QJsonArray all;
    QString next = m_graph.server().httpsUrl().toString() + QStringLiteral("/beta") + path;
    while (!next.isEmpty()) {
        const HttpResult page = sim.request("GET", QUrl::fromEncoded(next.toUtf8()), {}, {{"Authorization", "Bearer " + token}});
        if (page.status != 200)
            return {};
        const QJsonObject body = page.json();
        for (const QJsonValue& v : body.value(QStringLiteral("value")).toArray())
            all.append(v);
        next = body.value(QStringLiteral("@odata.nextLink")).toString();
    }
    return all;
}

QHash<QString, QJsonObject> CaptureTestEnv::policiesIndependently()
{
    QHash<QString, QJsonObject> out;
    for (const QJsonValue& v : listIndependently(QStringLiteral("/deviceManagement/configurationPolicies")))
        out.insert(v.toObject().value(QStringLiteral("id")).toString(), v.toObject());
    return out;
}

qint64 CaptureTestEnv::blobBytes()
{
    QSqlQuery q(m_db.database->connection());
    if (!q.exec(QStringLiteral("SELECT COALESCE(SUM(LENGTH(data)), 0) FROM blobs")) || !q.next())
        return -1;
    return q.value(0).toLongLong();
}

qint64 CaptureTestEnv::graphOperations()
{
    // The tenant's governor counts every operation the product sent (each $batch sub-request
    // is one), retries included.
    return m_services->governor(m_db.tenantId)->stats().operations;
}

QSet<QString> definitionIdsIn(const QJsonValue& value)
{
    QSet<QString> out;
    if (value.isArray()) {
        for (const QJsonValue& v : value.toArray())
            out.unite(definitionIdsIn(v));
    } else if (value.isObject()) {
        const QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it) {
            if (it.key() == QLatin1String("settingDefinitionId"))
                out.insert(it.value().toString());
            else
                out.unite(definitionIdsIn(it.value()));
        }
    }
    return out;
}
