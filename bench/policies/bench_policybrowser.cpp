// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
// bench_policybrowser [--rounds N] [--check]
// The Policies page's tables, offscreen, on rows the normalizer makes from graphsim's setting
// generator and the real definitions:
//  - settings table of 100,000 rows: load = model reset + first paint of the tab (median of N);
//    filter = the search applied until the view's viewport has painted the result (median over
//    N rounds of 8 searches); resident memory added by the rows and by the table's index;
//  - policy list of 5,000: load (reset + paint) and filter (search or type, then paint);
//  - time to first paint of a policy of 300 settings and one of 150 firewall rules, from its
//    JSON: normalize, fill the table, paint.
// --check: exit 1 when a result is structurally wrong (a filter that finds nothing it should),
// never on timings (CI machines differ).
#include "PeakMemory.h"

#include "core/normalize/Normalizer.h"
#include "tools/graphsim/model/DefinitionCatalog.h"
#include "tools/graphsim/model/SettingFactory.h"
#include "tools/graphsim/model/SimRandom.h"
#include "ui/PoliciesModel.h"
#include "ui/PolicySettingsModel.h"
#include "ui/PolicySettingsTab.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QHeaderView>
#include <QLineEdit>
#include <QTableView>

#include <algorithm>
#include <cstdio>
#include <functional>

using namespace pv;
using namespace pv::normalize;

namespace {

double median(QList<double> values)
{
    std::sort(values.begin(), values.end());
    return values.isEmpty() ? 0 : values.at(values.size() / 2);
}

QList<double> g_cpu;   // the GUI thread's CPU time of each elapsedMs() call

/// Wall milliseconds of `work`; its CPU time on this thread goes to g_cpu (on a machine shared
/// with other work the wall time includes waiting for a core, the CPU time does not).
double elapsedMs(const std::function<void()>& work)
{
    const qint64 cpu = threadCpuNs();
    QElapsedTimer t;
    t.start();
    work();
    const double wall = double(t.nsecsElapsed()) / 1e6;
    g_cpu.append(double(threadCpuNs() - cpu) / 1e6);
    return wall;
}

/// Median CPU milliseconds of the elapsedMs() calls since `from`.
double cpuMedianSince(qsizetype from)
{
    return median(g_cpu.mid(from));
}

/// Resident bytes now (Linux: /proc/self/statm); elsewhere the peak, which only grows.
qint64 residentBytes()
{
    QFile statm(QStringLiteral("/proc/self/statm"));
    if (statm.open(QIODevice::ReadOnly)) {
        const QList<QByteArray> fields = statm.readAll().split(' ');
        if (fields.size() > 1)
            return fields.at(1).toLongLong() * 4096;
    }
    return peakResidentBytes();
}

/// Paints what the user would see now (the widget and its children), as a first paint does.
void paint(QWidget* widget)
{
    QApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest);
    (void)widget->grab();
}

struct Fixture
{
    graphsim::DefinitionCatalog catalog;
    DefinitionTable table;
    std::unique_ptr<Normalizer> normalizer;
    std::unique_ptr<graphsim::SimRandom> random;
    std::unique_ptr<graphsim::SettingFactory> factory;

    bool load()
    {
        QString error;
        if (!catalog.load(&error)) {
            std::fprintf(stderr, "definitions: %s\n", qPrintable(error));
            return false;
        }
        for (const graphsim::DefinitionInfo& d : catalog.all())
            table.addDefinition(d.json);
        table.addCategories(catalog.categories());
        normalizer = std::make_unique<Normalizer>(table);
        random = std::make_unique<graphsim::SimRandom>(42);
        factory = std::make_unique<graphsim::SettingFactory>(catalog, *random);
        return true;
    }

    QJsonArray plainSettings(int count)
    {
        QJsonArray plain;
        while (plain.size() < count) {
            for (const graphsim::DefinitionInfo& d : catalog.all()) {
                if (plain.size() == count)
                    break;
                if (d.isRoot() && d.kind != graphsim::DefinitionKind::GroupCollection)
                    plain.append(graphsim::SettingFactory::settingItem(factory->instance(d, nullptr)));
            }
        }
        return plain;
    }

    QJsonArray firewallRules(int count, int firstIndex = 0)
    {
        QList<graphsim::FirewallRuleSpec> rules;
        for (int i = 0; i < count; ++i)
            rules.append(factory->randomRule(firstIndex + i));
        return QJsonArray{graphsim::SettingFactory::settingItem(factory->firewallRules(rules, nullptr))};
    }
};

} // namespace

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    const QStringList args = app.arguments();
    int rounds = 7;
    if (const qsizetype i = args.indexOf(QStringLiteral("--rounds")); i > 0 && i + 1 < args.size())
        rounds = std::max(1, args.at(i + 1).toInt());
    const bool check = args.contains(QStringLiteral("--check"));
    int failures = 0;
    auto expect = [&](bool ok, const char* what) {
        if (!ok) {
            std::fprintf(stderr, "check failed: %s\n", what);
            ++failures;
        }
    };

    Fixture f;
    if (!f.load())
        return 1;

    // ---- settings table, 100,000 rows: plain settings and firewall rules (records with badges)
    const qint64 rssStart = residentBytes();
    QList<SettingRow> rows;
    rows.reserve(100000);
    for (int chunk = 0; rows.size() < 100000; ++chunk) {
        rows += f.normalizer->settingsRows(f.plainSettings(300));
        rows += f.normalizer->settingsRows(f.firewallRules(150, chunk * 150));
    }
    rows.resize(100000);
    const qint64 rssRows = residentBytes();

    ui::PolicySettingsTab tab;
    tab.resize(1000, 720);
    tab.show();
    paint(&tab);
    QList<double> loads;
    qint64 rssIndex = 0;
    const qsizetype loadCpu = g_cpu.size();
    for (int r = 0; r < rounds; ++r) {
        tab.setRows({});
        paint(&tab);
        const qint64 before = residentBytes();
        loads.append(elapsedMs([&] {
            tab.setRows(rows);
            paint(&tab);
        }));
        if (r == 0)
            rssIndex = residentBytes() - before;
    }
    expect(tab.model()->rowCount() == 100000, "settings table holds 100,000 rows");
    std::printf("settings100k_load_cpu_ms=%.1f\n", cpuMedianSince(loadCpu));
    {
        // Where the load goes: the model's index, the tab's own state, the paint.
        tab.setRows({});
        paint(&tab);
        ui::PolicySettingsModel bare;
        const double modelMs = elapsedMs([&] { bare.setRows(rows); });
        std::printf("settings100k_model_reset_cpu_ms=%.1f\n", g_cpu.last());
        const double tabMs = elapsedMs([&] { tab.setRows(rows); });
        const double paintMs = elapsedMs([&] { paint(&tab); });
        std::printf("settings100k_model_reset_ms=%.1f\nsettings100k_tab_set_ms=%.1f\nsettings100k_paint_ms=%.1f\n", modelMs, tabMs, paintMs);
        const double filterMs = elapsedMs([&] { bare.setFilterText(QStringLiteral("udp")); });
        std::printf("settings100k_model_filter_ms=%.1f\n", filterMs);
    }
    std::printf("settings100k_rows=%lld\nsettings100k_load_ms=%.1f\n", qlonglong(tab.model()->rowCount()), median(loads));
    std::printf("settings100k_rows_mb=%.1f\nsettings100k_model_mb=%.1f\n", double(rssRows - rssStart) / 1048576.0,
                double(rssIndex) / 1048576.0);

    // Searches of every kind: many hits, few, one rule, a definition id, none.
    const QStringList needles{QStringLiteral("udp"), QStringLiteral("allow microsoft teams (12)"), QStringLiteral("enabled"),
                              QStringLiteral("vendor_msft_firewall"), QStringLiteral("8443"), QStringLiteral("no such text"),
                              QStringLiteral("wireless"), QStringLiteral("block")};
    QList<double> filters;
    int udpRows = 0;
    qsizetype filterCpu = g_cpu.size();
    for (int r = 0; r < rounds; ++r) {
        for (const QString& needle : needles) {
            tab.searchField()->setText(needle);
            filters.append(elapsedMs([&] {
                tab.applySearchNow();
                paint(tab.view()->viewport());
            }));
            if (needle == QLatin1String("udp"))
                udpRows = tab.model()->rowCount();
        }
        tab.searchField()->clear();
        tab.applySearchNow();
    }
    expect(udpRows > 0 && udpRows < 100000, "searching udp finds some rows, not all");
    std::printf("settings100k_filter_median_ms=%.1f\nsettings100k_filter_max_ms=%.1f\nsettings100k_filter_cpu_median_ms=%.1f\n",
                median(filters), *std::max_element(filters.cbegin(), filters.cend()), cpuMedianSince(filterCpu));

    // ---- policy list, 5,000 policies
    QList<PolicySummary> policies;
    const QStringList types{QStringLiteral("settingsCatalog"), QStringLiteral("endpointSecurity"), QStringLiteral("securityBaseline")};
    QHash<qint64, QString> technologies;
    for (int i = 0; i < 5000; ++i) {
        PolicySummary s;
        s.policy.id = i + 1;
        s.policy.graphId = QStringLiteral("%1-0000-4000-8000-%2").arg(i, 8, 16, QLatin1Char('0')).arg(i * 7919, 12, 16, QLatin1Char('0'));
        s.policy.typeKey = types.at(i % types.size());
        s.policy.displayName = QStringLiteral("Policy %1 - %2 ring %3").arg(i).arg(i % 2 ? QStringLiteral("Firewall") : QStringLiteral("BitLocker")).arg(i % 5);
        s.policy.platform = QStringLiteral("windows10");
        s.policy.lastSeen = QDateTime::currentDateTimeUtc();
        s.graphModifiedAt = QDateTime::currentDateTimeUtc().addSecs(-i * 60);
        s.versionCount = 1 + i % 4;
        technologies.insert(s.policy.id, i % 3 ? QStringLiteral("mdm") : QStringLiteral("mdm,microsoftSense"));
        policies.append(s);
    }
    ui::PoliciesModel listModel;
    QTableView list;
    list.setModel(&listModel);
    list.horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    list.resize(700, 720);
    list.show();
    paint(&list);
    QList<double> listLoads;
    for (int r = 0; r < rounds; ++r) {
        listModel.setPolicies({});
        paint(&list);
        listLoads.append(elapsedMs([&] {
            listModel.setPolicies(policies);
            listModel.setTechnologies(technologies);
            paint(&list);
        }));
    }
    expect(listModel.rowCount() == 5000, "the list holds 5,000 policies");
    QList<double> listFilters;
    const QList<QPair<QString, QString>> listQueries{{QStringLiteral("firewall"), QString()}, {QStringLiteral("ring 3"), QString()},
                                                     {QString(), QStringLiteral("endpointSecurity")},
                                                     {QStringLiteral("policy 4999"), QString()}, {QStringLiteral("zzz"), QString()}};
    int firewallPolicies = 0;
    for (int r = 0; r < rounds; ++r) {
        for (const auto& [text, type] : listQueries) {
            listFilters.append(elapsedMs([&] {
                listModel.setFilter(text, type);
                paint(list.viewport());
            }));
            if (text == QLatin1String("firewall"))
                firewallPolicies = listModel.rowCount();
        }
        listModel.setFilter(QString(), QString());
    }
    expect(firewallPolicies == 2500, "searching firewall finds half of the policies");
    std::printf("list5000_load_ms=%.1f\nlist5000_filter_median_ms=%.1f\n", median(listLoads), median(listFilters));

    // ---- first paint of one policy: normalize its JSON, fill the table, paint
    for (const auto& [name, settings] : {std::pair{"plain300", f.plainSettings(300)}, std::pair{"firewall150", f.firewallRules(150)}}) {
        QList<double> times;
        qsizetype count = 0;
        for (int r = 0; r < rounds; ++r) {
            tab.setRows({});
            paint(&tab);
            times.append(elapsedMs([&] {
                QList<SettingRow> policyRows = f.normalizer->settingsRows(settings);
                count = policyRows.size();
                tab.setRows(std::move(policyRows));
                paint(&tab);
            }));
        }
        expect(count > 150, "a policy renders its rows");
        std::printf("%s_rows=%lld\n%s_first_paint_ms=%.1f\n", name, qlonglong(count), name, median(times));
    }
    return check && failures > 0 ? 1 : 0;
}
