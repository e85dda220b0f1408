// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
// The General fields of a policy: Graph's tokens as the portal's labels, the template summary
// from the policy or the captured template, scope tags by name, times in UTC.
#include "core/normalize/PolicyGeneral.h"

#include <QJsonArray>
#include <QTest>

using namespace pv::normalize;

class TestPolicyGeneral final : public QObject
{
    Q_OBJECT

private slots:
    void technologies_data()
    {
        QTest::addColumn<QString>("tokens");
        QTest::addColumn<QStringList>("labels");
        QTest::addRow("mdm + sense") << QStringLiteral("mdm,microsoftSense") << QStringList{QStringLiteral("MDM"), QStringLiteral("Defender for Endpoint")};
        QTest::addRow("spaces, case") << QStringLiteral(" MDM , configManager") << QStringList{QStringLiteral("MDM"), QStringLiteral("Configuration Manager")};
        QTest::addRow("none") << QStringLiteral("none") << QStringList{};
        QTest::addRow("empty") << QString() << QStringList{};
        QTest::addRow("unknown stays") << QStringLiteral("mdm,futureThing") << QStringList{QStringLiteral("MDM"), QStringLiteral("futureThing")};
    }
    void technologies()
    {
        QFETCH(QString, tokens);
        QFETCH(QStringList, labels);
        QCOMPARE(technologyLabels(tokens), labels);
    }

    void platforms()
    {
        QCOMPARE(platformLabels(QStringLiteral("windows10")), QStringList{QStringLiteral("Windows 10 and later")});
        QCOMPARE(platformLabels(QStringLiteral("macOS,iOS")), (QStringList{QStringLiteral("macOS"), QStringLiteral("iOS/iPadOS")}));
        // Assignment filters name the platform with devicePlatformType.
        QCOMPARE(platformLabels(QStringLiteral("windows10AndLater")), QStringList{QStringLiteral("Windows 10 and later")});
    }

    void fromCapturedReferences()
    {
        const QJsonObject policy{
            {QStringLiteral("name"), QStringLiteral("Firewall rules")},
            {QStringLiteral("description"), QStringLiteral("Inbound for Teams")},
            {QStringLiteral("platforms"), QStringLiteral("windows10")},
            {QStringLiteral("technologies"), QStringLiteral("mdm,microsoftSense")},
            {QStringLiteral("templateReference"), QJsonObject{{QStringLiteral("templateId"), QStringLiteral("T-1")}}},
            {QStringLiteral("roleScopeTagIds"), QJsonArray{QStringLiteral("0"), QStringLiteral("7")}},
            {QStringLiteral("createdDateTime"), QStringLiteral("2026-11-01T08:00:00.1234567Z")},
            {QStringLiteral("lastModifiedDateTime"), QStringLiteral("2026-11-20T09:30:00Z")}};
        const QHash<QString, QJsonObject> templates{
            {QStringLiteral("T-1"), {{QStringLiteral("id"), QStringLiteral("T-1")},
                                     {QStringLiteral("displayName"), QStringLiteral("Windows Firewall Rules")},
                                     {QStringLiteral("templateFamily"), QStringLiteral("endpointSecurityFirewall")},
                                     {QStringLiteral("displayVersion"), QStringLiteral("Version 1")}}}};
        const QHash<QString, QJsonObject> tags{{QStringLiteral("0"), {{QStringLiteral("displayName"), QStringLiteral("Default")}}}};
        const PolicyGeneral g = policyGeneral(policy, templates, tags);
        QCOMPARE(g.name, QStringLiteral("Firewall rules"));
        QCOMPARE(g.description, QStringLiteral("Inbound for Teams"));
        QCOMPARE(g.technologies, (QStringList{QStringLiteral("MDM"), QStringLiteral("Defender for Endpoint")}));
        QCOMPARE(g.templateSummary(), QStringLiteral("Windows Firewall Rules, endpointSecurityFirewall, Version 1 (id T-1)"));
        QCOMPARE(g.scopeTags, (QStringList{QStringLiteral("Default"), QStringLiteral("7")}));   // 7: not named by the snapshot
        QCOMPARE(g.created, QDateTime(QDate(2026, 11, 1), QTime(8, 0, 0, 123), Qt::UTC));
        QCOMPARE(g.modified, QDateTime(QDate(2026, 11, 20), QTime(9, 30), Qt::UTC));
        QCOMPARE(g.toJson().value(QStringLiteral("created")).toString(), QStringLiteral("2026-11-01T08:00:00.123Z"));

        // The policy's own template names win; "none" family and no template read as nothing.
        QJsonObject own = policy;
        own.insert(QStringLiteral("templateReference"),
                   QJsonObject{{QStringLiteral("templateId"), QStringLiteral("T-1")},
                               {QStringLiteral("templateDisplayName"), QStringLiteral("Firewall (own)")},
                               {QStringLiteral("templateFamily"), QStringLiteral("none")}});
        const PolicyGeneral named = policyGeneral(own, templates, {});
        QCOMPARE(named.templateName, QStringLiteral("Firewall (own)"));
        QVERIFY(named.templateFamily.isEmpty());
        own.insert(QStringLiteral("templateReference"), QJsonObject{{QStringLiteral("templateId"), QStringLiteral("T-2")},
                                                                    {QStringLiteral("templateDisplayVersion"), QStringLiteral("3")}});
        QCOMPARE(policyGeneral(own, {}, {}).templateSummary(), QStringLiteral("version 3 (id T-2)"));
        own.remove(QStringLiteral("templateReference"));
        own.remove(QStringLiteral("createdDateTime"));
        const PolicyGeneral plain = policyGeneral(own, templates, {});
        QVERIFY(plain.templateSummary().isEmpty());
        QVERIFY(plain.toJson().value(QStringLiteral("template")).isNull());
        QVERIFY(plain.toJson().value(QStringLiteral("created")).isNull());
        QCOMPARE(plain.scopeTags, (QStringList{QStringLiteral("0"), QStringLiteral("7")}));
    }
};

QTEST_GUILESS_MAIN(TestPolicyGeneral)
#include "tst_policygeneral.moc"
