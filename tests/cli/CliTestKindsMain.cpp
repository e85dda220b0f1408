// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
// pv_cli_testkinds: policyvault-cli whose "backup" and "policy.capture_snapshot" kinds are the
// test job, so tst_cli can drive the start semantics (detached worker, --wait, Ctrl+C, two
// equal starts) without Graph. The job's parameters come from PV_TEST_JOB (a JSON object, see
// TestJob.h, plus "ignoreCancel": items run their full delay even when cancelled, so a test
// can press Ctrl+C twice while one is in progress), which the detached worker inherits with
// the rest of the environment.
#include "app/cli/CliApp.h"
#include "core/common/AppPaths.h"
#include "core/runs/RunService.h"
#include "tests/testutils/TestJob.h"

#include <QCoreApplication>
#include <QJsonDocument>

namespace {

class EnvironmentTestJob final : public pv::Job
{
public:
    pv::Result<QList<pv::JobItem>> plan(const pv::JobContext& context) override { return m_job.plan(withParameters(context)); }
    pv::ItemResult execute(const pv::JobContext& context, const pv::JobItem& item) override
    {
        pv::JobContext itemContext = withParameters(context);
        if (itemContext.parameters.value(QStringLiteral("ignoreCancel")).toBool())
            itemContext.cancelRequested = nullptr;
        return m_job.execute(itemContext, item);
    }

private:
    static pv::JobContext withParameters(pv::JobContext context)
    {
        const QJsonObject extra = QJsonDocument::fromJson(qgetenv("PV_TEST_JOB")).object();
        for (auto it = extra.constBegin(); it != extra.constEnd(); ++it)
            context.parameters.insert(it.key(), it.value());
        return context;
    }
    pv::test::TestJob m_job;
};

} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    pv::AppPaths::initApplicationIdentity();
    pv::cli::CliApp cli;
    cli.setExtraKinds([](pv::RunService& runs) {
        for (const char* kind : {"backup", "policy.capture_snapshot"})
            runs.registerKind(pv::JobKind{QString::fromLatin1(kind), QStringLiteral("Test capture"), false,
                                          [] { return std::make_unique<EnvironmentTestJob>(); }});
    });
    return cli.run(QCoreApplication::arguments());
}
