// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

#include "core/normalize/SettingRow.h"

#include <QList>

namespace pv::normalize {

/// One setting-level difference between two row lists.
struct RowChange
{
    enum class Kind { Added, Removed, Changed };
    Kind kind = Kind::Changed;
    QString rowKey;
    SettingRow oldRow;   ///< empty (default) for Added
    SettingRow newRow;   ///< empty (default) for Removed

    const SettingRow& row() const { return kind == Kind::Removed ? oldRow : newRow; }
    QString oldValue() const { return oldRow.value; }
    QString newValue() const { return newRow.value; }
};

/// The rows added, removed and changed (readable or raw value) between two normalizations,
/// joined on rowKey, in reading order: the new rows' order with each removed row after the
/// row that preceded it in the old list. A collection's "N rules" count is derived from its
/// records, so it is not reported as a change of its own (the added/removed records are).
QList<RowChange> diffRows(const QList<SettingRow>& oldRows, const QList<SettingRow>& newRows);

} // namespace pv::normalize
