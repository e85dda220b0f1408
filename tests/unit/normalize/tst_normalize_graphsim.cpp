// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
// The normalizer over every policy of graphsim's generated `small` tenant (built in-process from
// the real definitions): every setting instance becomes rows, every row is named and readable.
#include "core/normalize/FirewallRules.h"
#include "core/normalize/Normalizer.h"
#include "tools/graphsim/model/DefinitionCatalog.h"
#include "tools/graphsim/model/SimTenant.h"
#include "tools/graphsim/model/TenantGenerator.h"

#include <QSet>
#include <QTest>

#include <algorithm>

using namespace Qt::StringLiterals;

using namespace pv::normalize;

namespace {

QString typeName(const QJsonObject& instance)
{
    const QString t = instance.value(QLatin1String("@odata.type")).toString();
    return t.mid(t.lastIndexOf(QLatin1String("Configuration")) + 13);
}

/// Counts, independently of the normalizer, the rows a tree must give: one per instance and one
/// per group-collection element; records which instance types occur under which parent types.
void expectedRows(const QJsonObject& instance, const QString& parentType, int* rows, QSet<QString>* nesting, int depth,
                  int* maxDepth)
{
    const QString type = typeName(instance);
    nesting->insert(parentType + QLatin1String(" > ") + type);
    *maxDepth = qMax(*maxDepth, depth);
    ++*rows;
    auto kids = [&](const QJsonArray& list, int d) {
        for (const QJsonValue& c : list)
            expectedRows(c.toObject(), type, rows, nesting, d, maxDepth);
    };
    if (instance.contains(QLatin1String("choiceSettingValue")))
        kids(instance.value(QLatin1String("choiceSettingValue")).toObject().value(QLatin1String("children")).toArray(), depth + 1);
    for (const QJsonValue& v : instance.value(QLatin1String("choiceSettingCollectionValue")).toArray())
        kids(v.toObject().value(QLatin1String("children")).toArray(), depth + 1);
    if (instance.contains(QLatin1String("groupSettingValue")))
        kids(instance.value(QLatin1String("groupSettingValue")).toObject().value(QLatin1String("children")).toArray(), depth + 1);
    for (const QJsonValue& v : instance.value(QLatin1String("groupSettingCollectionValue")).toArray()) {
        ++*rows;   // the record row
        kids(v.toObject().value(QLatin1String("children")).toArray(), depth + 2);
    }
}

} // namespace

class TestNormalizeGraphsim final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QString error;
        QVERIFY2(m_catalog.load(&error), qPrintable(error));
        for (const graphsim::DefinitionInfo& d : m_catalog.all())
            m_table.addDefinition(d.json);
        m_table.addCategories(m_catalog.categories());
        graphsim::TenantGenerator generator(m_catalog);
        QVERIFY2(generator.generate(QStringLiteral("small"), 1, 0, &m_tenant, &error), qPrintable(error));
        QVERIFY(m_tenant.policies.size() >= 100);
    }

    void everyPolicyNormalizes()
    {
        const Normalizer normalizer(m_table);
        QSet<QString> nesting;
        QSet<QString> families;
        int maxDepth = 0;
        qsizetype totalRows = 0;
        int firewallRecords = 0;
        int secrets = 0;
        QSet<QString> categories;
        for (const graphsim::SimPolicy& p : m_tenant.policies) {
            QJsonObject policy = p.meta;
            policy.insert(QStringLiteral("settings"), p.settings);
            families.insert(p.meta.value(QLatin1String("templateReference")).toObject().value(QLatin1String("templateFamily")).toString());
            const QList<SettingRow> rows = normalizer.policyRows(policy);
            int expected = 0;
            for (const QJsonValue& s : p.settings)
                expectedRows(s.toObject().value(QLatin1String("settingInstance")).toObject(), QStringLiteral("root"),
                             &expected, &nesting, 0, &maxDepth);
            const QByteArray where = p.meta.value(QLatin1String("name")).toString().toUtf8();
            QVERIFY2(expected > 0, where.constData());
            QCOMPARE(rows.size(), qsizetype(expected));
            totalRows += rows.size();

            QHash<QString, int> depthOf;
            for (const SettingRow& r : rows) {
                const QByteArray what = where + " / " + r.rowKey.toUtf8();
                QVERIFY2(!r.setting.isEmpty(), what.constData());
                QVERIFY2(!r.definitionMissing, what.constData());
                QVERIFY2(!r.unknownOption, what.constData());
                QVERIFY2(!r.category.isEmpty(), what.constData());
                QVERIFY2(!depthOf.contains(r.rowKey), what.constData());   // unique
                if (r.depth == 0) {
                    QVERIFY2(r.parentRowKey.isEmpty(), what.constData());
                } else {   // parent already listed, one level up
                    QVERIFY2(depthOf.value(r.parentRowKey, -2) == r.depth - 1, what.constData());
                    QVERIFY2(r.rowKey.startsWith(r.parentRowKey), what.constData());
                }
                depthOf.insert(r.rowKey, r.depth);
                categories.insert(r.category);
                // Readable: a choice reads as its option's name, never the raw itemId.
                if (r.rawValue.isString() && r.rawValue.toString().startsWith(r.definitionId, Qt::CaseInsensitive)
                    && r.kind == SettingRow::Kind::Setting)
                    QVERIFY2(r.value != r.rawValue.toString() && !r.value.isEmpty(), what.constData());
                if (r.secret) {
                    ++secrets;
                    QCOMPARE(r.value, Normalizer::secretText());
                }
                if (r.record) {
                    ++firewallRecords;
                    QVERIFY2(!r.record->name.isEmpty(), what.constData());
                    QVERIFY2(r.setting == r.record->name, what.constData());
                    QVERIFY2(QStringList({u"In"_s, u"Out"_s}).contains(r.record->direction), what.constData());
                    QVERIFY2(QStringList({u"Allow"_s, u"Block"_s}).contains(r.record->action), what.constData());
                    for (const QString& b : r.record->profiles)
                        QVERIFY2(QStringList({u"Domain"_s, u"Private"_s, u"Public"_s, u"All"_s, u"Current"_s}).contains(b), qPrintable(b));
                    for (const QString& b : r.record->interfaces)
                        QVERIFY2(QStringList({u"LAN"_s, u"Wireless"_s, u"Remote access"_s, u"Mobile broadband"_s, u"All"_s}).contains(b), qPrintable(b));
                    QVERIFY2(!r.rowKey.endsWith(QLatin1String("%231]")), what.constData());   // named, not positional
                }
            }
        }
        qInfo("small tenant: %lld policies, %lld rows, %d firewall records, %d secrets, depth %d, %lld nestings",
              qlonglong(m_tenant.policies.size()), qlonglong(totalRows), firewallRecords, secrets, maxDepth,
              qlonglong(nesting.size()));
        QStringList seen(nesting.begin(), nesting.end());
        seen.sort();
        qInfo("nestings: %s", qPrintable(seen.join(u"; "_s)));
        // Every instance type the generator emits, and the nestings that matter, were covered.
        for (const char* n : {"root > ChoiceSettingInstance", "root > SimpleSettingInstance",
                              "root > SimpleSettingCollectionInstance", "root > ChoiceSettingCollectionInstance",
                              "root > GroupSettingCollectionInstance", "ChoiceSettingInstance > ChoiceSettingInstance",
                              "ChoiceSettingInstance > SimpleSettingInstance",
                              "ChoiceSettingInstance > GroupSettingCollectionInstance",
                              "GroupSettingCollectionInstance > SimpleSettingInstance",
                              "GroupSettingCollectionInstance > ChoiceSettingCollectionInstance",
                              "GroupSettingCollectionInstance > SimpleSettingCollectionInstance"})
            QVERIFY2(nesting.contains(QLatin1String(n)), n);
        QVERIFY(maxDepth >= 2);
        // Category paths walk the configuration categories up to their root.
        QVERIFY(categories.contains(u"Firewall"_s));
        QVERIFY(std::any_of(categories.cbegin(), categories.cend(), [](const QString& c) {
            return c.startsWith(QLatin1String("Administrative Templates > Windows Components > ")) && c.count(u'>') >= 2;
        }));
        QVERIFY(firewallRecords > 100);
        QVERIFY(secrets > 0);
        // Settings-catalog, endpoint-security and baseline policies all went through.
        QVERIFY(families.contains(QStringLiteral("none")));
        QVERIFY(families.contains(QStringLiteral("baseline")));
        QVERIFY(families.contains(QStringLiteral("endpointSecurityFirewall")));
        QVERIFY(families.contains(QStringLiteral("endpointSecurityEndpointDetectionAndResponse")));
    }

    void sameTenantTwiceGivesSameKeys()
    {
        // rowKeys come from content, not from the run: a second normalization of an equal
        // tenant joins row for row.
        graphsim::SimTenant again;
        QString error;
        graphsim::TenantGenerator generator(m_catalog);
        QVERIFY(generator.generate(QStringLiteral("small"), 1, 0, &again, &error));
        const Normalizer normalizer(m_table);
        for (qsizetype i = 0; i < m_tenant.policies.size(); i += 7) {
            const auto a = normalizer.settingsRows(m_tenant.policies.at(i).settings);
            const auto b = normalizer.settingsRows(again.policies.at(i).settings);
            QCOMPARE(a.size(), b.size());
            for (qsizetype r = 0; r < a.size(); ++r)
                QCOMPARE(a.at(r).rowKey, b.at(r).rowKey);
        }
    }

private:
    graphsim::DefinitionCatalog m_catalog;
    DefinitionTable m_table;
    graphsim::SimTenant m_tenant;
};

QTEST_GUILESS_MAIN(TestNormalizeGraphsim)
#include "tst_normalize_graphsim.moc"
