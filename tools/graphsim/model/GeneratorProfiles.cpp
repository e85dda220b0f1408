// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
// The "demo" (hand-picked) and "small"/"large" (bulk) profiles of TenantGenerator.
#include "tools/graphsim/model/DefinitionCatalog.h"
#include "tools/graphsim/model/PolicyFactory.h"
#include "tools/graphsim/model/SimRandom.h"
#include "tools/graphsim/model/TenantGenerator.h"

#include <QJsonArray>

namespace graphsim {

namespace {

const QString kBitLocker = QStringLiteral("46ddfc50-d10f-4867-b852-9434254b3bff_1");
const QString kAntivirus = QStringLiteral("804339ad-1553-4478-a742-138fb5807418_1");
const QString kAsr = QStringLiteral("e8c053d6-9f95-42b1-a7f1-ebfd71c67a4b_1");
const QString kFirewall = QStringLiteral("6078910e-d808-4a9f-a51d-1b8a7bacb7c0_1");
const QString kLaps = QStringLiteral("adc46e5a-f4aa-4ff6-aeff-4f27bc525796_1");
const QString kEdr = QStringLiteral("0385b795-0f2f-44ac-8602-9f65bf6adede_1");
const QString kBaseline = QStringLiteral("66df8dce-0166-4b82-92f7-1f74e3ca17a3_4");

const QString kCatWufb = QStringLiteral("0e6c9053-73d6-4c56-9147-53513f6eefd8");
const QString kCatFirewall = QStringLiteral("4a5e4714-00ac-4793-b0cc-5049041b0ed7");
const QString kCatDefender = QStringLiteral("e8400c82-34c8-4d6e-bbf9-85220f3205ea");
const QString kCatAuditing = QStringLiteral("5cb7f4f0-ef00-4eb3-80f4-2c2b97b053ea");
const QString kCatBitLocker = QStringLiteral("0a1347d2-90c0-407a-baa0-e4859260532a");
const QStringList kEdgeCategories = {
    QStringLiteral("16ea64a1-563e-43cc-b34a-728c8e7cd13c"), QStringLiteral("08c5f391-e156-4a72-bbb9-3670f2f63a56"),
    QStringLiteral("2e241b46-e5ae-41d7-a559-fe40819e86f4"), QStringLiteral("d17b08e6-de3b-445b-ab14-1d47e62efdcf"),
    QStringLiteral("ef8760ac-a77c-4055-a812-a95bfbf9c00a"), QStringLiteral("fddc444c-3591-4a50-865b-d8993b798e12"),
    QStringLiteral("eb6409fc-fb52-413d-ae4b-eff017b52b30")};

FirewallRuleSpec rule(const QString& name, bool inbound, bool allow, int protocol, const QStringList& ports,
                      const QString& app = {}, const QString& service = {})
{
    FirewallRuleSpec r;
    r.name = name;
    r.inbound = inbound;
    r.allow = allow;
    r.protocol = protocol;
    r.localPorts = ports;
    r.appPath = app;
    r.serviceName = service;
    r.interfaceTypes = {QStringLiteral("all")};
    r.profiles = {QStringLiteral("2147483647")};
    return r;
}

} // namespace

bool TenantGenerator::demo(SimTenant& tenant, SimRandom& random, QString* error)
{
    PolicyFactory f(m_catalog, random);
    const QString teams = QStringLiteral("%localappdata%\\Microsoft\\Teams\\current\\Teams.exe");
    QList<QJsonObject> bodies;
    bodies << f.templated(QStringLiteral("Windows - BitLocker"), QStringLiteral("Encrypt OS and fixed drives, XTS-AES 256"), kBitLocker, 99);
    bodies << f.templated(QStringLiteral("Defender Antivirus - Workstations"), QStringLiteral("Real-time protection, cloud block level high"), kAntivirus, 14);
    bodies << f.templated(QStringLiteral("Defender Antivirus - Kiosks"), QString(), kAntivirus, 6);
    bodies << f.templated(QStringLiteral("ASR rules - Standard"), QStringLiteral("Block mode for the standard protection rules"), kAsr, 99, 16);
    bodies << f.templated(QStringLiteral("Firewall - Domain, private and public profiles"), QString(), kFirewall, 12);
    bodies << f.firewallRules(QStringLiteral("Firewall rules - Teams"), QStringLiteral("Media ports for Microsoft Teams"),
                              {rule(QStringLiteral("Teams media UDP"), true, true, 17, {QStringLiteral("3478-3481")}, teams),
                               rule(QStringLiteral("Teams media TCP"), true, true, 6, {QStringLiteral("50000-50059")}, teams),
                               rule(QStringLiteral("Teams signalling"), false, true, 6, {QStringLiteral("443")}, teams)});
    bodies << f.firewallRules(QStringLiteral("Firewall rules - Remote management"), QString(),
                              {rule(QStringLiteral("Remote Desktop"), true, true, 6, {QStringLiteral("3389")}, {}, QStringLiteral("TermService")),
                               rule(QStringLiteral("WinRM HTTPS"), true, true, 6, {QStringLiteral("5986")}, {}, QStringLiteral("WinRM")),
                               rule(QStringLiteral("ICMP echo"), true, true, 1, {})});
    bodies << f.firewallRules(QStringLiteral("Firewall rules - Line of business apps"), QStringLiteral("Generated from the app inventory"),
                              f.randomRules(40));
    bodies << f.firewallRules(QStringLiteral("Firewall rules - Block legacy protocols"), QString(),
                              {rule(QStringLiteral("Block Telnet"), true, false, 6, {QStringLiteral("23")}),
                               rule(QStringLiteral("Block NetBIOS"), true, false, 17, {QStringLiteral("137-138")}),
                               rule(QStringLiteral("Block SMB from Internet"), true, false, 6, {QStringLiteral("445")})});
    bodies << f.templated(QStringLiteral("Windows LAPS"), QStringLiteral("Back up the local admin password to Entra ID"), kLaps, 99);
    {
        // EDR onboarding with the secret onboarding blob (returned as encryptedValueToken).
        QJsonObject edr = f.templated(QStringLiteral("Defender for Endpoint - Onboarding"), QString(), kEdr, 0);
        const TemplateInfo* tmpl = m_catalog.findTemplate(kEdr);
        const DefinitionInfo* type = m_catalog.find(QStringLiteral("device_vendor_msft_windowsadvancedthreatprotection_configurationtype"));
        const DefinitionInfo* sharing = m_catalog.find(QStringLiteral("device_vendor_msft_windowsadvancedthreatprotection_configuration_samplesharing"));
        edr.insert(QStringLiteral("settings"),
                   QJsonArray{SettingFactory::settingItem(f.settings().choice(*type, type->id + QStringLiteral("_onboard"), tmpl)),
                              SettingFactory::settingItem(f.settings().choice(*sharing, sharing->id + QStringLiteral("_1"), tmpl))});
        bodies << edr;
    }
    bodies << f.templated(QStringLiteral("Windows security baseline 24H2"), QStringLiteral("Microsoft recommended baseline"), kBaseline, 40);
    {
        QJsonObject edge = f.plainFromCategories(QStringLiteral("Edge - Security baseline"), kEdgeCategories, 14);
        edge.insert(QStringLiteral("description"), QStringLiteral("Microsoft Edge security settings"));
        bodies << edge;
    }
    bodies << f.plainFromCategories(QStringLiteral("Edge - SmartScreen and typosquatting"),
                                    {kEdgeCategories.at(0), kEdgeCategories.at(1), kEdgeCategories.at(2)}, 8);
    bodies << f.plainFromCategories(QStringLiteral("Edge - Disable casting"), {kEdgeCategories.at(5)}, 4);
    bodies << f.plainFromCategories(QStringLiteral("Windows Update - Ring 1 (Pilot)"), {kCatWufb}, 6);
    bodies << f.plainFromCategories(QStringLiteral("Windows Update - Ring 2 (Broad)"), {kCatWufb}, 8);
    bodies << f.plainFromCategories(QStringLiteral("Windows - Audit policy"), {kCatAuditing}, 2);
    bodies << f.plainFromCategories(QStringLiteral("BitLocker - Removable drives"), {kCatBitLocker}, 4);
    bodies << f.plainFromCategories(QStringLiteral("Defender - Cloud protection and scans"), {kCatDefender}, 10, 3);
    bodies << f.plain(QStringLiteral("ASR - Exclusions"), QStringLiteral("Build tools excluded from ASR"),
                      {QStringLiteral("device_vendor_msft_policy_config_admx_microsoftdefenderantivirus_exploitguard_asr_asronlyexclusions")}, 6);
    bodies << f.plainFromCategories(QStringLiteral("Firewall - Logging"), {kCatFirewall}, 6);
    bodies << f.plainFromCategories(QStringLiteral("Windows - Kiosk lockdown"), {kEdgeCategories.at(5), kEdgeCategories.at(6), kEdgeCategories.at(1)}, 6);
    bodies << f.templated(QStringLiteral("LAPS - Servers"), QString(), kLaps, 4);
    bodies << f.templated(QStringLiteral("Windows security baseline 24H2 - Pilot"), QString(), kBaseline, 20);
    for (const QJsonObject& body : std::as_const(bodies)) {
        if (!addPolicy(tenant, random, body, true, error))
            return false;
    }
    return true;
}

QJsonObject TenantGenerator::bulkPolicy(PolicyFactory& f, SimRandom& random, int i)
{
    static const QStringList rings = {QStringLiteral("Pilot"), QStringLiteral("Ring 1"), QStringLiteral("Ring 2"), QStringLiteral("Broad"),
                                      QStringLiteral("Finance"), QStringLiteral("Kiosk"), QStringLiteral("Shared"), QStringLiteral("Executives"),
                                      QStringLiteral("Developers"), QStringLiteral("Servers"), QStringLiteral("EMEA"), QStringLiteral("AMER")};
    const QString suffix = QStringLiteral("%1 %2").arg(random.pick(rings)).arg(i + 1, 4, 10, QLatin1Char('0'));
    const int kind = int(random.below(100));
    if (kind < 52) {
        const QStringList categories = f.categoriesWithRoots();
        QStringList chosen;
        const int categoryCount = int(random.range(1, 3));
        for (int c = 0; c < categoryCount; ++c)
            chosen << random.pick(categories);
        const int size = int(random.below(100));
        const int roots = size < 70 ? int(random.range(2, 8)) : (size < 90 ? int(random.range(9, 20)) : int(random.range(21, 60)));
        return f.plainFromCategories(QStringLiteral("WIN - Settings - ") + suffix, chosen, roots, size < 90 ? 3 : 16);
    }
    if (kind < 70) {
        static const QList<QPair<QString, QString>> templates = {
            {kAntivirus, QStringLiteral("ES - Antivirus - ")}, {kAsr, QStringLiteral("ES - ASR rules - ")},
            {kBitLocker, QStringLiteral("ES - BitLocker - ")}, {kLaps, QStringLiteral("ES - LAPS - ")},
            {kFirewall, QStringLiteral("ES - Firewall - ")}, {kEdr, QStringLiteral("ES - EDR - ")}};
        const auto& [id, prefix] = random.pick(templates);
        return f.templated(prefix + suffix, QString(), id, int(random.range(2, 30)), 16);
    }
    if (kind < 84) {
        const int size = int(random.below(100));
        const int rules = size < 60 ? int(random.range(1, 10))
                                    : (size < 85 ? int(random.range(11, 40)) : (size < 97 ? int(random.range(41, 100)) : int(random.range(101, 150))));
        return f.firewallRules(QStringLiteral("ES - Firewall rules - ") + suffix, QString(), f.randomRules(rules));
    }
    return f.templated(QStringLiteral("Baseline - Windows 24H2 - ") + suffix, QString(), kBaseline, int(random.range(10, 60)), 16);
}

bool TenantGenerator::bulk(SimTenant& tenant, SimRandom& random, int count, QString* error)
{
    PolicyFactory factory(m_catalog, random);
    for (int i = 0; i < count; ++i) {
        if (!addPolicy(tenant, random, bulkPolicy(factory, random, i), true, error))
            return false;
    }
    return true;
}

} // namespace graphsim
