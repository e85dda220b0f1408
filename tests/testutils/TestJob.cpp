// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "tests/testutils/TestJob.h"

#include "core/runs/RunService.h"

#include <QDeadlineTimer>
#include <QThread>

#include <stdexcept>

namespace pv::test {

namespace {
constexpr int SliceMs = 5;
const QString KeyPrefix = QStringLiteral("item-");
} // namespace

int TestJob::itemNumber(const QString& key)
{
    if (!key.startsWith(KeyPrefix))
        return 0;
    return key.mid(KeyPrefix.size()).toInt();
}

Result<QList<JobItem>> TestJob::plan(const JobContext& context)
{
    const QJsonObject& p = context.parameters;
    if (p.value(QStringLiteral("planError")).toBool()) {
        const QString message = p.value(QStringLiteral("message")).toString();
        return fail(ErrorCode::Internal, message.isEmpty() ? QStringLiteral("test plan error") : message);
    }
    const int count = p.value(QStringLiteral("items")).toInt(3);
    QList<JobItem> items;
    items.reserve(count);
    for (int i = 1; i <= count; ++i)
        items.append(JobItem{KeyPrefix + QString::number(i), QStringLiteral("Test item %1").arg(i)});
    return items;
}

ItemResult TestJob::execute(const JobContext& context, const JobItem& item)
{
    const QJsonObject& p = context.parameters;
    const int i = itemNumber(item.key);
    const QString message = p.value(QStringLiteral("message")).toString();
    if (p.value(QStringLiteral("throwAt")).toInt() == i)
        throw std::runtime_error(message.isEmpty() ? std::string("test exception") : message.toStdString());

    const int delayMs = p.value(QStringLiteral("itemDelayMs")).toInt();
    if (delayMs > 0) {
        QDeadlineTimer deadline(delayMs);
        while (!deadline.hasExpired()) {
            if (context.isCancelled())
                return ItemResult{ItemOutcome::Failed, QStringLiteral("cancelled before the item finished"), {}};
            QThread::msleep(static_cast<unsigned long>(qMin<qint64>(SliceMs, qMax<qint64>(1, deadline.remainingTime()))));
        }
    }

    const int failEvery = p.value(QStringLiteral("failEvery")).toInt();
    const int skipEvery = p.value(QStringLiteral("skipEvery")).toInt();
    ItemResult result;
    result.message = message;
    result.requestId = QStringLiteral("test-request-%1").arg(i);
    if (failEvery > 0 && i % failEvery == 0) {
        result.outcome = ItemOutcome::Failed;
        if (result.message.isEmpty())
            result.message = QStringLiteral("test failure of item %1").arg(i);
    } else if (skipEvery > 0 && i % skipEvery == 0) {
        result.outcome = ItemOutcome::Skipped;
    }
    const QJsonObject outcomes = p.value(QStringLiteral("outcomes")).toObject();
    if (outcomes.contains(QString::number(i))) {
        if (const auto chosen = itemOutcomeFromName(outcomes.value(QString::number(i)).toString()))
            result.outcome = *chosen;
    }
    return result;
}

void registerTestJobKinds(RunService& service)
{
    service.registerKind(JobKind{QLatin1String(TestKind), QStringLiteral("Test job"), false,
                                 [] { return std::make_unique<TestJob>(); }});
    service.registerKind(JobKind{QLatin1String(TestWriteKind), QStringLiteral("Test write job"), true,
                                 [] { return std::make_unique<TestJob>(); }});
}

} // namespace pv::test
