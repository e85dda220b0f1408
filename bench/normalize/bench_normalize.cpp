// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
// bench_normalize [--rounds N]
// Opening a policy normalizes it, so its cost is part of the time to first paint. Prints, for a
// policy of 300 root settings (children included as the generator makes them) and one of 150
// firewall rules: rows, best microseconds per normalization over N rounds, and rows per second;
// then the cost of diffRows between the 150-rule policy and one with a rule inserted.
#include "core/normalize/Normalizer.h"
#include "core/normalize/RowDiff.h"
#include "tools/graphsim/model/DefinitionCatalog.h"
#include "tools/graphsim/model/SettingFactory.h"
#include "tools/graphsim/model/SimRandom.h"

#include <QCoreApplication>
#include <QElapsedTimer>

#include <algorithm>
#include <cstdio>
#include <functional>
#include <limits>

using namespace pv::normalize;

namespace {

qsizetype g_sink = 0;   // keeps the work from being optimised away

/// Best (lowest) microseconds per call over `rounds` rounds of `calls` calls.
double bestUs(int rounds, int calls, const std::function<qsizetype()>& call)
{
    double best = std::numeric_limits<double>::max();
    for (int r = 0; r < rounds; ++r) {
        QElapsedTimer t;
        t.start();
        for (int i = 0; i < calls; ++i)
            g_sink += call();
        best = std::min(best, double(t.nsecsElapsed()) / 1000.0 / calls);
    }
    return best;
}

void report(const char* name, const Normalizer& n, const QJsonArray& settings, int rounds)
{
    const qsizetype rows = n.settingsRows(settings).size();
    const double us = bestUs(rounds, 20, [&] { return n.settingsRows(settings).size(); });
    std::printf("%s_settings=%lld\n%s_rows=%lld\n%s_us=%.0f\n%s_rows_per_s=%.0f\n", name, qlonglong(settings.size()), name,
                qlonglong(rows), name, us, name, double(rows) / us * 1e6);
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    int rounds = 10;
    const QStringList args = app.arguments();
    if (const qsizetype i = args.indexOf(QStringLiteral("--rounds")); i > 0 && i + 1 < args.size())
        rounds = std::max(1, args.at(i + 1).toInt());

    graphsim::DefinitionCatalog catalog;
    QString error;
    if (!catalog.load(&error)) {
        std::fprintf(stderr, "definitions: %s\n", qPrintable(error));
        return 1;
    }
    DefinitionTable table;
    for (const graphsim::DefinitionInfo& d : catalog.all())
        table.addDefinition(d.json);
    table.addCategories(catalog.categories());
    const Normalizer normalizer(table);

    graphsim::SimRandom random(42);
    graphsim::SettingFactory factory(catalog, random);
    // The catalog has ~250 plain roots; a second pass over them (same definitions, new values)
    // makes up 300 — the rowKeys then get "#2" suffixes, as the normalizer keys duplicates.
    QJsonArray plain;
    while (plain.size() < 300) {
        for (const graphsim::DefinitionInfo& d : catalog.all()) {
            if (plain.size() == 300)
                break;
            if (d.isRoot() && d.kind != graphsim::DefinitionKind::GroupCollection)
                plain.append(graphsim::SettingFactory::settingItem(factory.instance(d, nullptr)));
        }
    }
    report("plain300", normalizer, plain, rounds);

    QList<graphsim::FirewallRuleSpec> rules;
    for (int i = 0; i < 150; ++i)
        rules.append(factory.randomRule(i));
    const QJsonArray firewall{graphsim::SettingFactory::settingItem(factory.firewallRules(rules, nullptr))};
    report("firewall150", normalizer, firewall, rounds);

    // diffRows: the 150 rules against the same with one more rule in the middle.
    graphsim::FirewallRuleSpec extra = factory.randomRule(999);
    extra.name = QStringLiteral("Inserted rule");
    rules.insert(75, extra);
    const QJsonArray inserted{graphsim::SettingFactory::settingItem(factory.firewallRules(rules, nullptr))};
    const QList<SettingRow> before = normalizer.settingsRows(firewall);
    const QList<SettingRow> after = normalizer.settingsRows(inserted);
    const qsizetype changes = diffRows(before, after).size();
    const double diffUs = bestUs(rounds, 20, [&] { return diffRows(before, after).size(); });
    std::printf("diff150_changes=%lld\ndiff150_us=%.0f\n", qlonglong(changes), diffUs);
    return g_sink == 0 ? 1 : 0;
}
