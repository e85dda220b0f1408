// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
// The seeded generator: determinism within and across processes, realistic content, and
// every generated policy restorable through a real POST into an empty tenant.

#include "SimTestUtil.h"

#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace simtest;

namespace {

QString sha256(const QByteArray& bytes)
{
    return QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
}

QString dumpInChild(const QString& profile, quint64 seed)
{
    QProcess process;
    process.start(QStringLiteral(GRAPHSIM_DUMP_PATH), {profile, QString::number(seed)});
    if (!process.waitForFinished(120000) || process.exitCode() != 0)
        return QStringLiteral("child failed: ") + QString::fromUtf8(process.readAllStandardError());
    return QString::fromLatin1(process.readAllStandardOutput().trimmed());
}

int instanceCount(const QJsonObject& instance)
{
    int count = 1;
    auto walk = [&count](const QJsonValue& v) {
        for (const QJsonValue& c : v.toObject().value(QStringLiteral("children")).toArray())
            count += instanceCount(c.toObject());
    };
    walk(instance.value(QStringLiteral("choiceSettingValue")));
    for (const QJsonValue& v : instance.value(QStringLiteral("choiceSettingCollectionValue")).toArray())
        walk(v);
    for (const QJsonValue& v : instance.value(QStringLiteral("groupSettingCollectionValue")).toArray())
        walk(v);
    return count;
}

QJsonArray policiesOf(const World& w)
{
    return QJsonDocument::fromJson(w.world.serializeTenant(w.tenantId)).object().value(QStringLiteral("configurationPolicies")).toArray();
}

} // namespace

class TestGraphsimGenerator : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void sameSeedSameBytesInProcess();
    void sameSeedSameBytesAcrossProcesses_data();
    void sameSeedSameBytesAcrossProcesses();
    void credentialsAreDeterministic();
    void everyPolicyRestoresIntoAnEmptyTenant_data();
    void everyPolicyRestoresIntoAnEmptyTenant();
    void largeProfileShape();
    void baselinesCarryTheObservedStructures();
    void saveLoadRoundTrip();
    void mutateAndReset();
    void mutateReportsOnlyRealSettingChanges();

private:
    World m_large;             ///< generated once: the slowest fixture
    qint64 m_largeGenerateMs = 0;
};

void TestGraphsimGenerator::initTestCase()
{
    QElapsedTimer timer;
    timer.start();
    QVERIFY(m_large.init(QStringLiteral("large"), 11));
    m_largeGenerateMs = timer.elapsed();
}

void TestGraphsimGenerator::sameSeedSameBytesInProcess()
{
    World a, b, c;
    QVERIFY(a.init(QStringLiteral("small"), 42));
    QVERIFY(b.init(QStringLiteral("small"), 42));
    QVERIFY(c.init(QStringLiteral("small"), 43));
    const QByteArray bytesA = a.world.serializeTenant(a.tenantId);
    QVERIFY(bytesA.size() > 100000);
    QCOMPARE(bytesA, b.world.serializeTenant(b.tenantId));
    QVERIFY(bytesA != c.world.serializeTenant(c.tenantId));
    QCOMPARE(a.world.serializeTenant(a.tenantId), bytesA);   // serialising twice changes nothing
}

void TestGraphsimGenerator::sameSeedSameBytesAcrossProcesses_data()
{
    QTest::addColumn<QString>("profile");
    QTest::newRow("demo") << QStringLiteral("demo");
    QTest::newRow("small") << QStringLiteral("small");
}

void TestGraphsimGenerator::sameSeedSameBytesAcrossProcesses()
{
    QFETCH(QString, profile);
    World w;
    QVERIFY(w.init(profile, 2026));
    const QString here = sha256(w.world.serializeTenant(w.tenantId));
    QCOMPARE(dumpInChild(profile, 2026), here);
    const QString otherSeed = dumpInChild(profile, 2027);
    QCOMPARE(otherSeed.size(), 64);
    QVERIFY(otherSeed != here);
}

void TestGraphsimGenerator::credentialsAreDeterministic()
{
    World a, b;
    QVERIFY(a.init(QStringLiteral("demo"), 5));
    QVERIFY(b.init(QStringLiteral("demo"), 5));
    const graphsim::TenantSummary ta = a.world.tenants().first();
    const graphsim::TenantSummary tb = b.world.tenants().first();
    QCOMPARE(ta.tenantId, tb.tenantId);
    QCOMPARE(ta.name, QStringLiteral("contoso"));
    QCOMPARE(ta.domain, QStringLiteral("contoso.onmicrosoft.com"));
    QCOMPARE(ta.apps.size(), 2);
    QCOMPARE(ta.apps.at(0).displayName, QStringLiteral("PolicyVault Backup"));
    QCOMPARE(ta.apps.at(0).clientId, tb.apps.at(0).clientId);
    QCOMPARE(ta.apps.at(0).clientSecrets, tb.apps.at(0).clientSecrets);
    QVERIFY(ta.apps.at(0).clientSecrets.at(0).startsWith(QStringLiteral("sim-secret-")));
    QVERIFY(ta.apps.at(1).roles.contains(QStringLiteral("DeviceManagementConfiguration.Read.All")));
    QCOMPARE(a.world.resolveTenant(QStringLiteral("CONTOSO.onmicrosoft.com")), ta.tenantId);
    QCOMPARE(a.world.resolveTenant(QStringLiteral("contoso")), ta.tenantId);
    QCOMPARE(a.world.resolveTenant(ta.tenantId.toUpper()), ta.tenantId);
    QVERIFY(a.world.resolveTenant(QStringLiteral("unknown")).isEmpty());
    QVERIFY(a.world.findApp(ta.tenantId, ta.apps.at(1).clientId));
    QVERIFY(!a.world.findApp(ta.tenantId, QStringLiteral("nope")));
    // A second tenant in the same world gets the next name and its own ids.
    const QString second = a.world.addGeneratedTenant(QStringLiteral("empty"), 5);
    QCOMPARE(a.world.tenants().last().name, QStringLiteral("fabrikam"));
    QVERIFY(second != ta.tenantId);
    a.world.addAppCertificate(second, a.world.tenants().last().apps.at(0).clientId, "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n");
    QCOMPARE(a.world.findApp(second, a.world.tenants().last().apps.at(0).clientId)->certificatesPem.size(), 1);
}

void TestGraphsimGenerator::everyPolicyRestoresIntoAnEmptyTenant_data()
{
    QTest::addColumn<QString>("profile");
    QTest::addColumn<int>("stride");
    QTest::newRow("demo") << QStringLiteral("demo") << 1;
    QTest::newRow("small") << QStringLiteral("small") << 1;
    QTest::newRow("large (every 10th)") << QStringLiteral("large") << 10;
}

void TestGraphsimGenerator::everyPolicyRestoresIntoAnEmptyTenant()
{
    QFETCH(QString, profile);
    QFETCH(int, stride);
    World localSource;
    World& source = profile == QLatin1String("large") ? m_large : localSource;
    if (&source == &localSource)
        QVERIFY(source.init(profile, 11));
    World target;
    QVERIFY(target.init(QStringLiteral("empty"), 11));
    const QJsonArray policies = policiesOf(source);
    int posted = 0;
    for (qsizetype i = 0; i < policies.size(); i += stride) {
        const QJsonObject policy = policies.at(i).toObject();
        // Backups read settings through /settings?$expand=settingDefinitions; use the same.
        const QString id = policy.value(QStringLiteral("id")).toString();
        auto settings = source.call("GET", QStringLiteral("/deviceManagement/configurationPolicies('%1')/settings?$expand=settingDefinitions&top=1000").arg(id));
        QCOMPARE(settings.status, 200);
        QJsonObject body = stripForRestore(policy).toObject();
        body.insert(QStringLiteral("settings"), stripForRestore(json(settings).value(QStringLiteral("value"))));
        auto created = target.call("POST", QStringLiteral("/deviceManagement/configurationPolicies"), body);
        QVERIFY2(created.status == 201, qPrintable(policy.value(QStringLiteral("name")).toString() + u' ' + QString::fromUtf8(created.body)));
        QCOMPARE(json(created).value(QStringLiteral("settingCount")).toInt(), policy.value(QStringLiteral("settingCount")).toInt());
        QCOMPARE(json(created).value(QStringLiteral("templateReference")), policy.value(QStringLiteral("templateReference")));
        ++posted;
    }
    QVERIFY(posted >= (profile == QLatin1String("demo") ? 25 : 150));
}

void TestGraphsimGenerator::largeProfileShape()
{
    QElapsedTimer timer;
    timer.start();
    World& w = m_large;
    const qint64 generateMs = m_largeGenerateMs;
    const QByteArray bytes = w.world.serializeTenant(w.tenantId);
    const qint64 serializeMs = timer.elapsed();
    qInfo("large: generate %lld ms, serialize %lld ms, %lld bytes", generateMs, serializeMs, qint64(bytes.size()));
    const QJsonArray policies = QJsonDocument::fromJson(bytes).object().value(QStringLiteral("configurationPolicies")).toArray();
    QCOMPARE(policies.size(), 2000);
    int over300 = 0;
    int small = 0;
    QSet<QString> families;
    int secrets = 0;
    int assigned = 0;
    for (const QJsonValue& p : policies) {
        const QJsonObject policy = p.toObject();
        int count = 0;
        for (const QJsonValue& s : policy.value(QStringLiteral("settings")).toArray())
            count += instanceCount(s.toObject().value(QStringLiteral("settingInstance")).toObject());
        over300 += count > 300;
        small += count <= 20;
        families.insert(policy.value(QStringLiteral("templateReference")).toObject().value(QStringLiteral("templateFamily")).toString());
        secrets += QJsonDocument(policy).toJson().contains("encryptedValueToken");
        assigned += policy.value(QStringLiteral("isAssigned")).toBool();
    }
    QVERIFY2(over300 >= 10, qPrintable(QString::number(over300)));
    QVERIFY(small > 1000);   // most policies are small, as in real tenants
    QCOMPARE(families.size(), 8);
    QVERIFY(secrets > 0);
    QVERIFY(assigned > 1000 && assigned < 2000);
}

/// GRAPH_NOTES 2.2 [O]: baselines hold choice-with-choice-child (MSS Legacy IPv6 source routing)
/// and choice → group collection → key/value (hardened UNC paths), roots template-referenced.
void TestGraphsimGenerator::baselinesCarryTheObservedStructures()
{
    World w;
    QVERIFY(w.init(QStringLiteral("small"), 1));
    const QString hardened = QStringLiteral("device_vendor_msft_policy_config_connectivity_hardeneduncpaths");
    const QString ipv6 = QStringLiteral("device_vendor_msft_policy_config_msslegacy_ipv6sourceroutingprotectionlevel");
    int hardenedSeen = 0;
    int ipv6Seen = 0;
    int hardenedEnabled = 0; // with the enabled option, so the children were checked
    int ipv6Enabled = 0;
    for (const QJsonValue& p : policiesOf(w)) {
        const QJsonObject policy = p.toObject();
        if (policy.value(QStringLiteral("templateReference")).toObject().value(QStringLiteral("templateFamily")).toString()
            != QLatin1String("baseline"))
            continue;
        for (const QJsonValue& s : policy.value(QStringLiteral("settings")).toArray()) {
            const QJsonObject instance = s.toObject().value(QStringLiteral("settingInstance")).toObject();
            const QString id = instance.value(QStringLiteral("settingDefinitionId")).toString();
            if (id != hardened && id != ipv6)
                continue;
            QVERIFY(instance.value(QStringLiteral("settingInstanceTemplateReference")).toObject()
                        .value(QStringLiteral("settingInstanceTemplateId")).isString());
            const QJsonObject choice = instance.value(QStringLiteral("choiceSettingValue")).toObject();
            const QJsonArray children = choice.value(QStringLiteral("children")).toArray();
            if (id == ipv6) {
                ++ipv6Seen;
                if (choice.value(QStringLiteral("value")).toString() == ipv6 + QStringLiteral("_1")) {
                    QCOMPARE(children.size(), 1);
                    QCOMPARE(children.at(0).toObject().value(QStringLiteral("settingDefinitionId")).toString(),
                             ipv6 + QStringLiteral("_disableipsourceroutingipv6"));
                    ++ipv6Enabled;
                }
                continue;
            }
            ++hardenedSeen;
            if (choice.value(QStringLiteral("value")).toString() != hardened + QStringLiteral("_1"))
                continue;
            const QJsonObject paths = children.at(0).toObject();
            QCOMPARE(paths.value(QStringLiteral("settingDefinitionId")).toString(), hardened + QStringLiteral("_pol_hardenedpaths"));
            const QJsonArray entries = paths.value(QStringLiteral("groupSettingCollectionValue")).toArray();
            QVERIFY(!entries.isEmpty());
            const QJsonArray pair = entries.at(0).toObject().value(QStringLiteral("children")).toArray();
            QCOMPARE(pair.size(), 2);
            QStringList values;
            for (const QJsonValue& kv : pair)
                values << kv.toObject().value(QStringLiteral("simpleSettingValue")).toObject().value(QStringLiteral("value")).toString();
            QVERIFY2(values.contains(QStringLiteral("RequireMutualAuthentication=1,RequireIntegrity=1")), qPrintable(values.join(u'|')));
            ++hardenedEnabled;
        }
    }
    QVERIFY2(hardenedEnabled > 0 && ipv6Enabled > 0,
             qPrintable(QStringLiteral("hardened %1/%2, ipv6 %3/%4").arg(hardenedEnabled).arg(hardenedSeen).arg(ipv6Enabled).arg(ipv6Seen)));
}

void TestGraphsimGenerator::saveLoadRoundTrip()
{
    World w;
    QVERIFY(w.init(QStringLiteral("demo"), 9));
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("tenant.json"));
    QString error;
    QVERIFY2(w.world.saveTenant(w.tenantId, path, &error), qPrintable(error));
    graphsim::SimClock clock;
    graphsim::SimWorld loaded(clock);
    const QString id = loaded.addTenantFromFile(path, &error);
    QCOMPARE(id, w.tenantId);
    QCOMPARE(loaded.serializeTenant(id), w.world.serializeTenant(w.tenantId));
    QVERIFY(loaded.addTenantFromFile(path, &error).isEmpty());   // same tenant twice
    QVERIFY(loaded.addTenantFromFile(dir.filePath(QStringLiteral("missing.json")), &error).isEmpty());
    QVERIFY(!w.world.saveTenant(QStringLiteral("nope"), path, &error));
}

void TestGraphsimGenerator::mutateAndReset()
{
    World w;
    QVERIFY(w.init(QStringLiteral("demo"), 4));
    const QByteArray original = w.world.serializeTenant(w.tenantId);
    const QJsonObject report = w.world.mutate(w.tenantId, QJsonObject{{QStringLiteral("seed"), 1}, {QStringLiteral("policies"), 2},
                                                                      {QStringLiteral("settings"), 3}, {QStringLiteral("assignments"), 2}});
    QVERIFY(report.value(QStringLiteral("changed")).toArray().size() >= 4);
    QVERIFY(w.world.serializeTenant(w.tenantId) != original);
    // Mutated settings are still valid: the policy round-trips through PUT.
    const QString changedId = report.value(QStringLiteral("changed")).toArray().at(0).toObject().value(QStringLiteral("policyId")).toString();
    auto settings = w.call("GET", QStringLiteral("/deviceManagement/configurationPolicies/%1/settings?top=1000").arg(changedId));
    QJsonObject body = stripForRestore(json(w.call("GET", QStringLiteral("/deviceManagement/configurationPolicies/%1").arg(changedId)))).toObject();
    body.insert(QStringLiteral("settings"), stripForRestore(json(settings).value(QStringLiteral("value"))));
    QCOMPARE(w.call("PUT", QStringLiteral("/deviceManagement/configurationPolicies/%1").arg(changedId), body).status, 204);
    w.world.reset();
    QCOMPARE(w.world.serializeTenant(w.tenantId), original);
}

// A capture test asserts "exactly the reported changes become new versions": a reported
// setting edit that left the policy as it was (a boolean drawn the same again) would fail it.
void TestGraphsimGenerator::mutateReportsOnlyRealSettingChanges()
{
    const auto settingsById = [](const QByteArray& serialized) {
        QHash<QString, QJsonValue> byId;
        const QJsonObject state = QJsonDocument::fromJson(serialized).object();
        for (const QJsonValue& policy : state.value(QStringLiteral("configurationPolicies")).toArray())
            byId.insert(policy.toObject().value(QStringLiteral("id")).toString(),
                        policy.toObject().value(QStringLiteral("settings")));
        return byId;
    };
    World w;
    QVERIFY(w.init(QStringLiteral("demo"), 11));
    int reported = 0;
    for (int seed = 1; seed <= 40; ++seed) {
        const auto before = settingsById(w.world.serializeTenant(w.tenantId));
        QVERIFY(!before.isEmpty());
        const QJsonObject report = w.world.mutate(w.tenantId, QJsonObject{{QStringLiteral("seed"), seed},
                                                                          {QStringLiteral("policies"), 0},
                                                                          {QStringLiteral("settings"), 1},
                                                                          {QStringLiteral("assignments"), 0}});
        const auto after = settingsById(w.world.serializeTenant(w.tenantId));
        const QJsonArray changed = report.value(QStringLiteral("changed")).toArray();
        QCOMPARE(changed.size(), 1);   // one edit asked for, one real edit made
        const QString id = changed.at(0).toObject().value(QStringLiteral("policyId")).toString();
        QVERIFY2(before.value(id) != after.value(id), qPrintable(QStringLiteral("seed %1: %2 reported changed but is not")
                                                                     .arg(seed).arg(id)));
        ++reported;
    }
    QCOMPARE(reported, 40);
}

QTEST_GUILESS_MAIN(TestGraphsimGenerator)
#include "tst_graphsim_generator.moc"
