// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "core/secrets/InMemorySecretStore.h"

#include <QRandomGenerator>
#include <QTest>
#include <QThread>

#include <memory>
#include <vector>

using namespace Qt::StringLiterals;
using pv::ErrorCode;
using pv::InMemorySecretStore;
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

int countWithPrefix(const QMap<QString, QByteArray>& entries, const QString& prefix)
{
    int n = 0;
    for (auto it = entries.cbegin(); it != entries.cend(); ++it)
        n += it.key().startsWith(prefix) ? 1 : 0;
    return n;
}

} // namespace

class TestInMemorySecretStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void keyHelpers_data();
    void keyHelpers();
    void roundTrip();
    void missingIsNotFound();
    void invalidKeysAreRejected();
    void chunking_data();
    void chunking();
    void valueThatLooksLikeAHeader();
    void shrinkingRemovesOldChunks();
    void removeDropsChunksAndIndexEntry();
    void removeAllForTenantKeepsOtherTenants();
    void bigIndexIsChunkedToo();
    void keychainFailureIsReported();
    void concurrentWritersKeepTheIndexComplete();
};

void TestInMemorySecretStore::keyHelpers_data()
{
    QTest::addColumn<QString>("tenant");
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("expected");
    QTest::addRow("ok") << u"contoso"_s << u"client-secret"_s << u"policyvault:contoso:client-secret"_s;
    QTest::addRow("guid") << u"2f4a9d1c-0000-4000-8000-000000000001"_s << u"refresh-token"_s
                          << u"policyvault:2f4a9d1c-0000-4000-8000-000000000001:refresh-token"_s;
    QTest::addRow("empty tenant") << QString() << u"client-secret"_s << QString();
    QTest::addRow("colon in tenant") << u"a:b"_s << u"client-secret"_s << QString();
    QTest::addRow("space in tenant") << u"a b"_s << u"client-secret"_s << QString();
    QTest::addRow("empty kind") << u"t"_s << QString() << QString();
    QTest::addRow("colon in kind") << u"t"_s << u"a:b"_s << QString();
    QTest::addRow("index kind") << u"t"_s << u".index"_s << QString();
    QTest::addRow("chunk kind") << u"t"_s << u"x.chunk0"_s << QString();
}

void TestInMemorySecretStore::keyHelpers()
{
    QFETCH(QString, tenant);
    QFETCH(QString, kind);
    QFETCH(QString, expected);
    const QString key = SecretStore::key(tenant, kind);
    QCOMPARE(key, expected);
    QCOMPARE(SecretStore::isValidKey(QString(u"policyvault:"_s + tenant + u':' + kind)), !expected.isEmpty());
    if (!expected.isEmpty())
        QCOMPARE(SecretStore::tenantOf(key), tenant);
}

void TestInMemorySecretStore::roundTrip()
{
    InMemorySecretStore store;
    const QString key = SecretStore::key(u"t1", pv::SecretKind::ClientSecret);
    QVERIFY(store.write(key, "first").ok());
    QCOMPARE(*store.read(key), QByteArray("first"));
    QVERIFY(store.write(key, "second").ok());
    QCOMPARE(*store.read(key), QByteArray("second"));
    QCOMPARE(*store.keys(u"t1"_s), QStringList{key});
    QVERIFY(store.write(key, QByteArray()).ok());
    QCOMPARE(*store.read(key), QByteArray());
}

void TestInMemorySecretStore::missingIsNotFound()
{
    InMemorySecretStore store;
    const auto r = store.read(SecretStore::key(u"t1", pv::SecretKind::RefreshToken));
    QVERIFY(!r.ok());
    QCOMPARE(r.error().code, ErrorCode::NotFound);
    QVERIFY(store.remove(SecretStore::key(u"t1", pv::SecretKind::RefreshToken)).ok()); // idempotent
    QVERIFY(store.keys(u"t1"_s)->isEmpty());
}

void TestInMemorySecretStore::invalidKeysAreRejected()
{
    InMemorySecretStore store;
    for (const QString& key : {u"client-secret"_s, u"policyvault:t1"_s, u"policyvault:t1:.index"_s,
                               u"policyvault:t1:x.chunk1"_s, u"other:t1:client-secret"_s}) {
        QCOMPARE(store.write(key, "x").error().code, ErrorCode::InvalidArgument);
        QCOMPARE(store.read(key).error().code, ErrorCode::InvalidArgument);
        QCOMPARE(store.remove(key).error().code, ErrorCode::InvalidArgument);
    }
    QCOMPARE(store.removeAllForTenant(u"a:b"_s).error().code, ErrorCode::InvalidArgument);
    QVERIFY(store.entries().isEmpty());
}

void TestInMemorySecretStore::chunking_data()
{
    QTest::addColumn<int>("chunkSize");
    QTest::addColumn<int>("size");
    QTest::addColumn<int>("expectedChunks");
    QTest::addRow("empty") << 2048 << 0 << 0;
    QTest::addRow("one byte") << 2048 << 1 << 0;
    QTest::addRow("exactly one chunk") << 2048 << 2048 << 0;
    QTest::addRow("one over") << 2048 << 2049 << 2;
    QTest::addRow("10 KB default") << 2048 << 10 * 1024 << 5;
    QTest::addRow("10 KB + 1") << 2048 << 10 * 1024 + 1 << 6;
    QTest::addRow("small chunks") << 100 << 1000 << 10;
    QTest::addRow("certificate-sized") << 2048 << 7 * 1024 + 13 << 4;
}

void TestInMemorySecretStore::chunking()
{
    QFETCH(int, chunkSize);
    QFETCH(int, size);
    QFETCH(int, expectedChunks);
    InMemorySecretStore store(chunkSize);
    const QString key = SecretStore::key(u"t1", pv::SecretKind::Certificate);
    const QByteArray value = randomBytes(size, quint32(size));
    QVERIFY(store.write(key, value).ok());

    const auto entries = store.entries();
    QCOMPARE(countWithPrefix(entries, key + u".chunk"_s), expectedChunks);
    for (auto it = entries.cbegin(); it != entries.cend(); ++it)
        QVERIFY2(it.value().size() <= chunkSize, qPrintable(it.key()));
    if (expectedChunks > 0)
        QCOMPARE(entries.value(key),
                 "pvchunks:1:" + QByteArray::number(expectedChunks) + ':' + QByteArray::number(size));
    QCOMPARE(*store.read(key), value);
}

void TestInMemorySecretStore::valueThatLooksLikeAHeader()
{
    InMemorySecretStore store;
    const QString key = SecretStore::key(u"t1", pv::SecretKind::ClientSecret);
    const QByteArray tricky = "pvchunks:1:3:10";
    QVERIFY(store.write(key, tricky).ok());
    QCOMPARE(*store.read(key), tricky);
}

void TestInMemorySecretStore::shrinkingRemovesOldChunks()
{
    InMemorySecretStore store;
    const QString key = SecretStore::key(u"t1", pv::SecretKind::Certificate);
    QVERIFY(store.write(key, randomBytes(10 * 1024, 1)).ok());
    QCOMPARE(countWithPrefix(store.entries(), key + u".chunk"_s), 5);
    QVERIFY(store.write(key, randomBytes(3000, 2)).ok());
    QCOMPARE(countWithPrefix(store.entries(), key + u".chunk"_s), 2);
    QVERIFY(store.write(key, "small").ok());
    QCOMPARE(countWithPrefix(store.entries(), key + u".chunk"_s), 0);
    QCOMPARE(*store.read(key), QByteArray("small"));
}

void TestInMemorySecretStore::removeDropsChunksAndIndexEntry()
{
    InMemorySecretStore store;
    const QString big = SecretStore::key(u"t1", pv::SecretKind::Certificate);
    const QString small = SecretStore::key(u"t1", pv::SecretKind::ClientSecret);
    QVERIFY(store.write(big, randomBytes(10 * 1024, 3)).ok());
    QVERIFY(store.write(small, "s").ok());
    QVERIFY(store.remove(big).ok());
    QCOMPARE(countWithPrefix(store.entries(), big), 0);
    QCOMPARE(store.read(big).error().code, ErrorCode::NotFound);
    QCOMPARE(*store.keys(u"t1"_s), QStringList{small});
    QVERIFY(store.remove(small).ok());
    QVERIFY(store.entries().isEmpty()); // the emptied index goes too
}

void TestInMemorySecretStore::removeAllForTenantKeepsOtherTenants()
{
    InMemorySecretStore store;
    for (const QString& tenant : {u"t1"_s, u"t2"_s}) {
        QVERIFY(store.write(SecretStore::key(tenant, pv::SecretKind::ClientSecret), "secret").ok());
        QVERIFY(store.write(SecretStore::key(tenant, pv::SecretKind::Certificate), randomBytes(9000, 4)).ok());
        QVERIFY(store.write(SecretStore::key(tenant, u"custom-kind"), "c").ok());
    }
    QCOMPARE(store.keys(u"t1"_s)->size(), 3);
    QVERIFY(store.removeAllForTenant(u"t1"_s).ok());
    QCOMPARE(countWithPrefix(store.entries(), u"policyvault:t1:"_s), 0);
    QVERIFY(store.keys(u"t1"_s)->isEmpty());
    QCOMPARE(store.keys(u"t2"_s)->size(), 3);
    QCOMPARE(*store.read(SecretStore::key(u"t2", pv::SecretKind::ClientSecret)), QByteArray("secret"));
    QVERIFY(store.removeAllForTenant(u"t1"_s).ok()); // nothing left: still fine
}

void TestInMemorySecretStore::bigIndexIsChunkedToo()
{
    InMemorySecretStore store(64);
    QStringList expected;
    for (int i = 0; i < 20; ++i) {
        const QString key = SecretStore::key(u"t1", QString(u"kind-"_s + QString::number(i)));
        QVERIFY(store.write(key, QByteArray::number(i)).ok());
        expected << key;
    }
    expected.sort();
    QVERIFY(countWithPrefix(store.entries(), InMemorySecretStore::indexKey(u"t1"_s) + u".chunk"_s) > 1);
    QCOMPARE(*store.keys(u"t1"_s), expected);
    QVERIFY(store.removeAllForTenant(u"t1"_s).ok());
    QVERIFY(store.entries().isEmpty());
}

void TestInMemorySecretStore::keychainFailureIsReported()
{
    InMemorySecretStore store;
    const QString key = SecretStore::key(u"t1", pv::SecretKind::ClientSecret);
    store.failNextOperations(1);
    const pv::Status s = store.write(key, "x");
    QVERIFY(!s.ok());
    QCOMPARE(s.error().code, ErrorCode::Keychain);
    QVERIFY(store.write(key, "x").ok());
    store.failNextOperations(1);
    QCOMPARE(store.read(key).error().code, ErrorCode::Keychain);
}

void TestInMemorySecretStore::concurrentWritersKeepTheIndexComplete()
{
    InMemorySecretStore store(256);
    constexpr int Threads = 4;
    constexpr int PerThread = 25;
    std::vector<std::unique_ptr<QThread>> threads;
    for (int t = 0; t < Threads; ++t) {
        threads.emplace_back(QThread::create([&store, t] {
            for (int i = 0; i < PerThread; ++i)
                (void)store.write(SecretStore::key(u"t1", u"k%1-%2"_s.arg(t).arg(i)), randomBytes(300, quint32(i)));
        }));
        threads.back()->start();
    }
    for (auto& thread : threads)
        QVERIFY(thread->wait(30000));
    QCOMPARE(store.keys(u"t1"_s)->size(), Threads * PerThread);
    QCOMPARE(*store.read(SecretStore::key(u"t1", u"k3-7")), randomBytes(300, 7));
}

QTEST_GUILESS_MAIN(TestInMemorySecretStore)
#include "tst_inmemorysecretstore.moc"
