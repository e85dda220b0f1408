// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
// One RequestGovernor per tenant shared by clients on several worker threads (each with its
// own QNetworkAccessManager and event loop): the concurrency cap holds across them, and with
// the governor's budget set to graphsim's, Graph never has to throttle. Cancellation ends
// pending and paused reads.
#include "GraphTestEnv.h"

#include <QJsonArray>
#include <QMutex>
#include <QThread>

#include <atomic>

using namespace std::chrono_literals;
using namespace pv::graph;
using pv::ErrorCode;
using pv::Result;

namespace {

const QString Policies = QStringLiteral("/deviceManagement/configurationPolicies");

/// A capture-like job on its own thread: list every policy, then read each through $batch.
class CaptureWorker final : public QObject
{
public:
    CaptureWorker(GraphClientOptions options, ClientCredentials credentials, std::shared_ptr<RequestGovernor> governor)
        : m_options(std::move(options)), m_credentials(std::move(credentials)), m_governor(std::move(governor))
    {
    }

    void run()
    {
        auto* network = new QNetworkAccessManager(this);
        auto tokens = std::make_shared<ClientCredentialsTokenProvider>(m_credentials, network);
        m_client = new ReadOnlyGraphClient(m_options, network, tokens, m_governor, this);
        m_client->getAllPages(Policies, [this](Result<PagedItems> pages) {
            if (!pages)
                return finish(pages.error().toString());
            QStringList paths;
            for (const QJsonValue& item : std::as_const(pages->items))
                paths.append(Policies + QLatin1Char('/') + item.toObject().value(QStringLiteral("id")).toString());
            m_client->batchGet(paths, [this, expected = paths.size()](QList<Result<GraphResponse>> results) {
                int ok = 0;
                for (const auto& result : results)
                    ok += result.ok() ? 1 : 0;
                objects = ok;
                finish(ok == expected ? QString() : QStringLiteral("%1 of %2 objects").arg(ok).arg(expected));
            });
        });
    }

    std::atomic_bool done{false};
    std::atomic_int objects{0};
    QString error() const
    {
        QMutexLocker locker(&m_mutex);
        return m_error;
    }

private:
    void finish(const QString& error)
    {
        {
            QMutexLocker locker(&m_mutex);
            m_error = error;
        }
        done = true;
    }

    GraphClientOptions m_options;
    ClientCredentials m_credentials;
    std::shared_ptr<RequestGovernor> m_governor;
    ReadOnlyGraphClient* m_client = nullptr;
    mutable QMutex m_mutex;
    QString m_error;
};

} // namespace

class TestGraphGovernor : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void threadsShareTheTenantGovernor();
    void cancelEndsPendingAndPausedReads();

private:
    std::unique_ptr<GraphTestEnv> m_env;
    QStringList m_policyIds;
};

void TestGraphGovernor::initTestCase()
{
    graphsim::SimOptions options;
    options.tenantProfiles = {QStringLiteral("demo")};
    options.seed = 17;
    options.policyPageSize = 5;
    m_env = std::make_unique<GraphTestEnv>(options);
    QString error;
    QVERIFY2(m_env->start(&error), qPrintable(error));
    m_policyIds = m_env->policyIdsIndependently();
    QVERIFY(m_policyIds.size() >= 20);
}

void TestGraphGovernor::init()
{
    m_env->reset();
}

void TestGraphGovernor::threadsShareTheTenantGovernor()
{
    // Intune's budget scaled down to 15 operations per 1.5 s, on graphsim and in the governor.
    m_env->config(QJsonObject{{QStringLiteral("appRequests"), 15}, {QStringLiteral("tenantRequests"), 30},
                              {QStringLiteral("windowMs"), 1500}});
    GovernorOptions governorOptions;
    governorOptions.maxConcurrent = 3;
    governorOptions.operationBudget = 15;
    governorOptions.window = 1500ms;
    GovernorRegistry registry(governorOptions);
    const QString tenant = QStringLiteral("9a4e1c2b-0000-4000-8000-000000000001");

    std::vector<std::unique_ptr<QThread>> threads;
    std::vector<CaptureWorker*> workers;
    for (int i = 0; i < 3; ++i) {
        auto* worker = new CaptureWorker(m_env->clientOptions(), m_env->credentials(), registry.forTenant(tenant));
        threads.push_back(std::make_unique<QThread>());
        worker->moveToThread(threads.back().get());
        connect(threads.back().get(), &QThread::finished, worker, &QObject::deleteLater);
        threads.back()->start();
        QMetaObject::invokeMethod(worker, [worker] { worker->run(); }, Qt::QueuedConnection);
        workers.push_back(worker);
    }
    for (CaptureWorker* worker : workers)
        QTRY_VERIFY_WITH_TIMEOUT(worker->done.load(), 120000);
    for (CaptureWorker* worker : workers) {
        QVERIFY2(worker->error().isEmpty(), qPrintable(worker->error()));
        QCOMPARE(worker->objects.load(), static_cast<int>(m_policyIds.size()));
    }
    for (auto& thread : threads) {
        thread->quit();
        QVERIFY(thread->wait(10000));
    }
    const RequestGovernor::Stats stats = registry.forTenant(tenant)->stats();
    QVERIFY2(stats.maxInFlight <= 3, qPrintable(QString::number(stats.maxInFlight)));
    QVERIFY(stats.maxInFlight >= 2); // the threads did overlap
    QCOMPARE(stats.inFlight, 0);
    // Each $batch counted its sub-requests: 3 × (pages + one per policy).
    const int pages = static_cast<int>((m_policyIds.size() + 4) / 5);
    QCOMPARE(stats.operations, 3 * (pages + m_policyIds.size()));
    const QJsonObject sim = m_env->stats();
    QCOMPARE(sim.value(QStringLiteral("batchSubRequests")).toInt(), 3 * static_cast<int>(m_policyIds.size()));
    QCOMPARE(sim.value(QStringLiteral("throttled")).toInt(), 0); // the governor kept under Graph's budget
    QCOMPARE(sim.value(QStringLiteral("earlyRetries")).toInt(), 0);
    // Envelopes were cut to the budget (15), not to Graph's 20.
    QCOMPARE(sim.value(QStringLiteral("batches")).toInt(), 3 * static_cast<int>((m_policyIds.size() + 14) / 15));
}

void TestGraphGovernor::cancelEndsPendingAndPausedReads()
{
    auto cancelled = std::make_shared<std::atomic_bool>(true);
    GraphClientOptions options = m_env->clientOptions();
    options.cancelled = cancelled;
    auto before = m_env->client({}, options);
    const auto immediate = await<Result<GraphResponse>>([&](auto done) { before->get(Policies, done); });
    QVERIFY(immediate && !immediate->ok());
    QCOMPARE(immediate->error().code, ErrorCode::Cancelled);
    QCOMPARE(m_env->stats().value(QStringLiteral("requests")).toInt(), 0);

    // Paused by a long Retry-After, then cancelled: it ends without waiting the pause out.
    cancelled->store(false);
    m_env->config(QJsonObject{{QStringLiteral("appRequests"), 2}, {QStringLiteral("windowMs"), 60000}});
    auto governor = std::make_shared<RequestGovernor>();
    auto client = m_env->client(governor, options);
    std::optional<Result<PagedItems>> pages;
    client->getAllPages(Policies, [&](Result<PagedItems> result) { pages.emplace(std::move(result)); });
    QTRY_VERIFY_WITH_TIMEOUT(governor->pauseRemaining() > 10s, 30000);
    cancelled->store(true);
    QVERIFY(!pages.has_value());
    // Well before the pause (tens of seconds) would have ended.
    QTRY_VERIFY_WITH_TIMEOUT(pages.has_value(), 8000);
    QVERIFY(!pages->ok());
    QCOMPARE(pages->error().code, ErrorCode::Cancelled);
    QCOMPARE(m_env->stats().value(QStringLiteral("throttled")).toInt(), 1);
}

QTEST_GUILESS_MAIN(TestGraphGovernor)
#include "tst_graph_governor.moc"
