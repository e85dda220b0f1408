// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
// Against the REAL Secret Service (gnome-keyring in CI). A second process, `secret-tool`,
// checks what actually landed in the keychain. Without a reachable Secret Service the test
// skips, unless PV_REQUIRE_KEYCHAIN=1 (set by .ci/run), where it fails.
#include "core/secrets/KeychainSecretStore.h"
#include "core/store/Database.h"

#include <QCoreApplication>
#include <QProcess>
#include <QRandomGenerator>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>
#include <QThread>

#include <memory>
#include <optional>
#include <vector>

using namespace Qt::StringLiterals;
using pv::ErrorCode;
using pv::KeychainSecretStore;
using pv::SecretStore;

namespace {

QByteArray randomBytes(qsizetype size, quint32 seed)
{
    QRandomGenerator rng(seed);
    QByteArray bytes(size, Qt::Uninitialized);
    for (char& c : bytes)
        c = char(rng.bounded(256));
    return bytes;
}

struct ToolResult
{
    int exitCode = -1;
    QByteArray output;
};

/// Runs secret-tool (a second process talking to the same Secret Service).
ToolResult secretTool(const QStringList& args, const QByteArray& input = {})
{
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(u"secret-tool"_s, args);
    if (!p.waitForStarted(10000))
        return {};
    if (!input.isNull()) {
        p.write(input);
        p.closeWriteChannel();
    }
    if (!p.waitForFinished(20000)) {
        p.kill();
        p.waitForFinished(5000);
        return {};
    }
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, p.readAll()};
}

/// Entry names (attribute "user") of every PolicyVault item secret-tool can see.
QStringList itemsInKeychain(const QString& service)
{
    const ToolResult r = secretTool({u"search"_s, u"--all"_s, u"server"_s, service});
    QStringList users;
    for (const QByteArray& line : r.output.split('\n')) {
        if (line.startsWith("attribute.user = "))
            users << QString::fromUtf8(line.mid(17).trimmed());
    }
    return users;
}

QStringList withPrefix(const QStringList& list, const QString& prefix)
{
    QStringList out;
    for (const QString& s : list) {
        if (s.startsWith(prefix))
            out << s;
    }
    return out;
}

} // namespace

class TestKeychainSecretStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void roundTripReadBackBySecondProcess();
    void itemWrittenBySecondProcessIsRead();
    void tenKilobytesAreChunkedAndFullyRemoved();
    void removeAllForTenantRemovesEverything();
    void missingIsNotFound();
    void callersOnSeveralThreads();
    void eachStoreHasItsOwnNamespace();
    void noServiceIsRefused();

private:
    QString m_service; // this run's namespace: a fresh store uuid, never the bare "PolicyVault"
    std::optional<KeychainSecretStore> m_store;
    QString m_tenant; // unique per run: the keychain outlives the test
};

void TestKeychainSecretStore::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    const bool required = qEnvironmentVariable("PV_REQUIRE_KEYCHAIN") == u"1"_s;

    m_service = KeychainSecretStore::serviceForStore(QUuid::createUuid().toString(QUuid::WithoutBraces));
    KeychainSecretStore::Options options;
    options.service = m_service;
    options.timeout = std::chrono::seconds(20);
    m_store.emplace(options);
    const pv::Status probe = m_store->probe();
    if (!probe) {
        const QString why = u"no usable Secret Service: "_s + probe.error().toString();
        if (required)
            QFAIL(qPrintable(why));
        QSKIP(qPrintable(why));
    }
    if (QStandardPaths::findExecutable(u"secret-tool"_s).isEmpty()) {
        if (required)
            QFAIL("secret-tool (libsecret-tools) is not installed");
        QSKIP("secret-tool (libsecret-tools) is not installed");
    }
    m_tenant = u"tst-%1-%2"_s.arg(QCoreApplication::applicationPid()).arg(QRandomGenerator::global()->generate());
}

void TestKeychainSecretStore::cleanupTestCase()
{
    if (m_store && !m_tenant.isEmpty())
        (void)m_store->removeAllForTenant(m_tenant);
}

void TestKeychainSecretStore::roundTripReadBackBySecondProcess()
{
    const QString key = SecretStore::key(m_tenant, pv::SecretKind::ClientSecret);
    const QByteArray value = "Qx8~client.secret-" + QByteArray::number(QRandomGenerator::global()->generate());
    QVERIFY(m_store->write(key, value).ok());
    QCOMPARE(*m_store->read(key), value);

    // QtKeychain's libsecret schema: server=<service>, user=<entry>, type=base64 for binary data.
    const ToolResult lookup = secretTool({u"lookup"_s, u"server"_s, m_service, u"user"_s, key});
    QCOMPARE(lookup.exitCode, 0);
    QCOMPARE(QByteArray::fromBase64(lookup.output.trimmed()), value);

    QVERIFY(m_store->remove(key).ok());
    QCOMPARE(m_store->read(key).error().code, ErrorCode::NotFound);
    QVERIFY(secretTool({u"lookup"_s, u"server"_s, m_service, u"user"_s, key}).output.trimmed().isEmpty());
}

void TestKeychainSecretStore::itemWrittenBySecondProcessIsRead()
{
    const QString key = SecretStore::key(m_tenant, pv::SecretKind::RefreshToken);
    const ToolResult store = secretTool({u"store"_s, u"--label=PolicyVault"_s, u"server"_s, m_service, u"user"_s,
                                         key, u"type"_s, u"plaintext"_s},
                                        "written-by-secret-tool");
    QCOMPARE(store.exitCode, 0);
    QCOMPARE(*m_store->read(key), QByteArray("written-by-secret-tool"));
    QVERIFY(m_store->remove(key).ok());
    QVERIFY(!itemsInKeychain(m_service).contains(key));
}

void TestKeychainSecretStore::tenKilobytesAreChunkedAndFullyRemoved()
{
    const QString key = SecretStore::key(m_tenant, pv::SecretKind::Certificate);
    const QByteArray value = randomBytes(10 * 1024, 42);
    QVERIFY(m_store->write(key, value).ok());

    const QStringList items = itemsInKeychain(m_service);
    const QStringList chunks = withPrefix(items, key + u".chunk"_s);
    QVERIFY2(chunks.size() >= 5, qPrintable(items.join(u' ')));
    QVERIFY(items.contains(key));
    for (const QString& chunk : chunks) {
        const ToolResult r = secretTool({u"lookup"_s, u"server"_s, m_service, u"user"_s, chunk});
        QVERIFY(QByteArray::fromBase64(r.output.trimmed()).size() <= m_store->chunkSize());
    }
    QCOMPARE(*m_store->read(key), value);

    QVERIFY(m_store->remove(key).ok());
    const QStringList after = itemsInKeychain(m_service);
    QVERIFY2(withPrefix(after, key).isEmpty(), qPrintable(after.join(u' ')));
}

void TestKeychainSecretStore::removeAllForTenantRemovesEverything()
{
    const QString tenant = m_tenant + u"-all"_s;
    const QString other = m_tenant + u"-other"_s;
    QVERIFY(m_store->write(SecretStore::key(tenant, pv::SecretKind::ClientSecret), "a").ok());
    QVERIFY(m_store->write(SecretStore::key(tenant, pv::SecretKind::Certificate), randomBytes(6000, 7)).ok());
    QVERIFY(m_store->write(SecretStore::key(tenant, u"custom"), "c").ok());
    QVERIFY(m_store->write(SecretStore::key(other, pv::SecretKind::ClientSecret), "keep").ok());
    QCOMPARE(m_store->keys(tenant)->size(), 3);
    QVERIFY(withPrefix(itemsInKeychain(m_service), u"policyvault:"_s + tenant + u':').size() >= 6);

    QVERIFY(m_store->removeAllForTenant(tenant).ok());
    const QStringList after = itemsInKeychain(m_service);
    QVERIFY2(withPrefix(after, u"policyvault:"_s + tenant + u':').isEmpty(), qPrintable(after.join(u' ')));
    QVERIFY(m_store->keys(tenant)->isEmpty());
    QCOMPARE(*m_store->read(SecretStore::key(other, pv::SecretKind::ClientSecret)), QByteArray("keep"));
    QVERIFY(m_store->removeAllForTenant(other).ok());
    QVERIFY(withPrefix(itemsInKeychain(m_service), u"policyvault:"_s + other + u':').isEmpty());
}

void TestKeychainSecretStore::missingIsNotFound()
{
    const auto r = m_store->read(SecretStore::key(m_tenant, u"never-written"));
    QVERIFY(!r.ok());
    QCOMPARE(r.error().code, ErrorCode::NotFound);
    QVERIFY(m_store->remove(SecretStore::key(m_tenant, u"never-written")).ok());
}

void TestKeychainSecretStore::callersOnSeveralThreads()
{
    // A second store object shares the one keychain thread.
    KeychainSecretStore::Options options;
    options.service = m_service;
    options.chunkSize = 512;
    options.timeout = std::chrono::seconds(20);
    KeychainSecretStore second(options);
    const QString tenant = m_tenant + u"-mt"_s;
    constexpr int Threads = 3;
    constexpr int PerThread = 4;
    std::vector<std::unique_ptr<QThread>> threads;
    std::atomic_int failures = 0;
    for (int t = 0; t < Threads; ++t) {
        threads.emplace_back(QThread::create([&, t] {
            for (int i = 0; i < PerThread; ++i) {
                const QString key = SecretStore::key(tenant, u"k%1-%2"_s.arg(t).arg(i));
                const QByteArray value = randomBytes(1500, quint32(t * 100 + i));
                if (!second.write(key, value) || second.read(key).value() != value)
                    ++failures;
            }
        }));
        threads.back()->start();
    }
    for (auto& thread : threads)
        QVERIFY(thread->wait(120000));
    QCOMPARE(failures.load(), 0);
    QCOMPARE(second.keys(tenant)->size(), Threads * PerThread);
    QVERIFY(second.removeAllForTenant(tenant).ok());
    QVERIFY(withPrefix(itemsInKeychain(m_service), u"policyvault:"_s + tenant + u':').isEmpty());
}

// Two data folders (two stores) never see each other's secrets, and neither writes to the
// bare "PolicyVault" service a real profile of an older build would have used.
void TestKeychainSecretStore::eachStoreHasItsOwnNamespace()
{
    QTemporaryDir dirA;
    QTemporaryDir dirB;
    auto a = pv::Database::open(pv::Database::Options{dirA.filePath(u"policyvault.db"_s)});
    auto b = pv::Database::open(pv::Database::Options{dirB.filePath(u"policyvault.db"_s)});
    QVERIFY(a && b);
    QVERIFY(!(*a)->storeUuid().isEmpty());
    QVERIFY((*a)->storeUuid() != (*b)->storeUuid());
    // The identity is the store's own: reopening the folder gives the same uuid.
    const QString uuidA = (*a)->storeUuid();
    a = pv::Database::open(pv::Database::Options{dirA.filePath(u"policyvault.db"_s)});
    QCOMPARE((*a)->storeUuid(), uuidA);

    KeychainSecretStore::Options optionsA;
    optionsA.service = KeychainSecretStore::serviceForStore((*a)->storeUuid());
    optionsA.timeout = std::chrono::seconds(20);
    KeychainSecretStore::Options optionsB = optionsA;
    optionsB.service = KeychainSecretStore::serviceForStore((*b)->storeUuid());
    KeychainSecretStore storeA(optionsA);
    KeychainSecretStore storeB(optionsB);

    const QString tenant = m_tenant + u"-ns"_s;
    const QString key = SecretStore::key(tenant, pv::SecretKind::ClientSecret);
    QVERIFY(storeA.write(key, "only-in-a").ok());
    QCOMPARE(storeB.read(key).error().code, ErrorCode::NotFound);
    QVERIFY(storeB.keys(tenant)->isEmpty());
    QVERIFY(itemsInKeychain(optionsA.service).contains(key));
    QVERIFY(!itemsInKeychain(optionsB.service).contains(key));
    QVERIFY(!itemsInKeychain(u"PolicyVault"_s).contains(key));
    QVERIFY(storeA.removeAllForTenant(tenant).ok());
    QVERIFY(withPrefix(itemsInKeychain(optionsA.service), u"policyvault:"_s + m_tenant).isEmpty());
}

void TestKeychainSecretStore::noServiceIsRefused()
{
    KeychainSecretStore::Options options;   // no service: there is no default namespace
    options.timeout = std::chrono::seconds(20);
    KeychainSecretStore store(options);
    const QString key = SecretStore::key(m_tenant, pv::SecretKind::ClientSecret);
    QCOMPARE(store.write(key, "x").error().code, ErrorCode::InvalidArgument);
    QCOMPARE(store.read(key).error().code, ErrorCode::InvalidArgument);
}

QTEST_GUILESS_MAIN(TestKeychainSecretStore)
#include "tst_keychainsecretstore.moc"
