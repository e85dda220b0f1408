// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
// bench_redactor [--rounds N]
// Every log line and every persisted message passes through Redactor::redact, so its cost per
// clean line is what matters most. Prints one `redact_<case>_ns=<best of N rounds>` per case:
// clean lines (QString and UTF-8 bytes), near misses that pass the pre-check but hold no
// secret, a token request with secrets, and a settings document of some 60 KB.
#include "core/common/Redactor.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QStringList>

#include <algorithm>
#include <cstdio>
#include <functional>
#include <limits>

using namespace Qt::StringLiterals;

namespace {

qsizetype g_sink = 0; // keeps the calls from being optimised away

/// Best (lowest) nanoseconds per call over `rounds` rounds of `calls` calls: the minimum is the
/// least disturbed by other work on a shared machine.
double bestNsPerCall(int rounds, int calls, const std::function<qsizetype()>& call)
{
    double best = std::numeric_limits<double>::max();
    for (int r = 0; r < rounds; ++r) {
        QElapsedTimer t;
        t.start();
        for (int i = 0; i < calls; ++i)
            g_sink += call();
        best = std::min(best, double(t.nsecsElapsed()) / calls);
    }
    return best;
}

QString settingsDocument()
{
    // Ordinary settings-catalog instances (no secret words), then one secret setting value.
    const QString setting =
        u"{\"id\":\"%1\",\"settingInstance\":{\"@odata.type\":\"#microsoft.graph."
        "deviceManagementConfigurationChoiceSettingInstance\",\"settingDefinitionId\":"
        "\"device_vendor_msft_policy_config_defender_allowarchivescanning\",\"choiceSettingValue\":"
        "{\"value\":\"device_vendor_msft_policy_config_defender_allowarchivescanning_1\",\"children\":[]}}},"_s;
    QString doc = u"{\"value\":["_s;
    for (int i = 0; i < 300; ++i)
        doc += setting.arg(i);
    doc += u"{\"id\":\"300\",\"settingInstance\":{\"simpleSettingValue\":{\"@odata.type\":\"#microsoft.graph."
           "deviceManagementConfigurationSecretSettingValue\",\"value\":\"9fab7c95-0bb6-4fda-a4a1-6ca582bb3124\","
           "\"valueState\":\"encryptedValueToken\"}}}]}"_s;
    return doc;
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    int rounds = 7;
    const QStringList args = app.arguments();
    if (const qsizetype at = args.indexOf(u"--rounds"_s); at >= 0 && at + 1 < args.size())
        rounds = std::max(1, args.at(at + 1).toInt());

    const QString plain = u"2026-11-27T05:00:00.123 [graph] GET https://graph.microsoft.com/beta/deviceManagement/"
                          "configurationPolicies?$top=100 -> 200 in 120 ms request-id 1234-5678"_s;
    const QByteArray plainBytes = plain.toUtf8();
    const QString assignments = u"2026-11-27T05:00:00.123 [runs] policy 17 'WIN - Baseline': 4 assignments, "
                                "keywords Defender, signature updates daily, design review done"_s;
    const QString nearMiss = u"2026-11-27T05:00:00.123 [graph] GET https://graph.microsoft.com/beta/deviceManagement/"
                             "configurationPolicies?$skiptoken=Q2FuYXJ5&$top=100 -> 200, passwordRequired=true, "
                             "errorCode=0"_s;
    const QString busy = u"POST https://login.microsoftonline.com/t/oauth2/v2.0/token client_id=abc&"
                         "client_secret=Secr3t~value&scope=https%3A%2F%2Fgraph.microsoft.com%2F.default "
                         "Authorization: Bearer eyJ0eXAiOiJKV1QifQ.eyJhdWQiOiJ4In0.c2ln errorCode=5"_s;
    const QString document = settingsDocument();

    const auto run = [&](const char* name, int calls, const std::function<qsizetype()>& call) {
        std::printf("redact_%s_ns=%.0f\n", name, bestNsPerCall(rounds, calls, call));
        std::fflush(stdout);
    };
    run("clean_line", 200000, [&] { return pv::Redactor::redact(plain).size(); });
    run("clean_line_bytes", 200000, [&] { return pv::Redactor::redact(plainBytes).size(); });
    run("clean_line_assignments", 200000, [&] { return pv::Redactor::redact(assignments).size(); });
    run("near_miss_line", 20000, [&] { return pv::Redactor::redact(nearMiss).size(); });
    run("line_with_secrets", 20000, [&] { return pv::Redactor::redact(busy).size(); });
    run("settings_document_60kb", 50, [&] { return pv::Redactor::redact(document).size(); });
    return g_sink > 0 ? 0 : 1;
}
