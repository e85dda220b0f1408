// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

#include <QList>
#include <QtGlobal>

namespace pv::ui {

/// Where a restore starts: a snapshot (optionally with the policies the user had selected in
/// it), or one version of one policy ("Restore this version").
struct RestoreSource
{
    qint64 snapshotId = 0;
    QList<qint64> preselectedPolicyIds;   ///< checked at first; empty: every object of the snapshot
    qint64 policyId = 0;                  ///< with policyVersionId
    qint64 policyVersionId = 0;

    bool isVersion() const { return policyVersionId > 0; }
};

} // namespace pv::ui
