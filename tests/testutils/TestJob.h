// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

#include "core/runs/Job.h"

namespace pv {
class RunService;
}

namespace pv::test {

/// A job for tests, benchmarks and screen tests until real jobs exist. Parameters:
///  - items (int, default 3): items "item-1" … "item-<n>", displayed "Test item <i>"
///  - failEvery (int): item i fails when failEvery > 0 and i % failEvery == 0
///  - skipEvery (int): item i is skipped when skipEvery > 0 and i % skipEvery == 0 (fail wins)
///  - outcomes (object): item number → outcome name ({"2": "conflict"}); wins over the above
///  - itemDelayMs (int): time each item takes; cancellation is checked while waiting, and an
///    item cut short by it fails ("cancelled before the item finished"), so a resume redoes it
///  - planError (bool): plan() fails with `message` (or a default text)
///  - throwAt (int): item i throws std::runtime_error(`message`) — a job-level error
///  - message (string): stored as every item's message and used as the error text, so the
///    redaction tests can carry canaries through the real code path
class TestJob final : public Job
{
public:
    Result<QList<JobItem>> plan(const JobContext& context) override;
    ItemResult execute(const JobContext& context, const JobItem& item) override;

    /// The item number of a key made by plan() ("item-7" → 7), or 0.
    static int itemNumber(const QString& key);
};

/// Kind name "test" (writesToTenant = false) and "test_write" (writesToTenant = true).
inline constexpr char TestKind[] = "test";
inline constexpr char TestWriteKind[] = "test_write";

/// Registers "test" and "test_write" with the service.
void registerTestJobKinds(RunService& service);

} // namespace pv::test
