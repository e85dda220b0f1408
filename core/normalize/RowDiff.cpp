// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "core/normalize/RowDiff.h"

#include <QHash>

namespace pv::normalize {

namespace {

bool sameContent(const SettingRow& a, const SettingRow& b)
{
    if (a.kind == SettingRow::Kind::Collection && b.kind == SettingRow::Kind::Collection)
        return a.setting == b.setting;
    return a.value == b.value && a.rawValue == b.rawValue && a.setting == b.setting;
}

} // namespace

QList<RowChange> diffRows(const QList<SettingRow>& oldRows, const QList<SettingRow>& newRows)
{
    QHash<QString, qsizetype> oldIndex;
    oldIndex.reserve(oldRows.size());
    for (qsizetype i = 0; i < oldRows.size(); ++i)
        oldIndex.insert(oldRows.at(i).rowKey, i);
    QHash<QString, qsizetype> newIndex;
    newIndex.reserve(newRows.size());
    for (qsizetype i = 0; i < newRows.size(); ++i)
        newIndex.insert(newRows.at(i).rowKey, i);

    QList<RowChange> changes;
    qsizetype nextOld = 0;   // old rows before this one are accounted for
    auto flushRemovedUpTo = [&](qsizetype end) {
        for (; nextOld < end; ++nextOld) {
            const SettingRow& old = oldRows.at(nextOld);
            if (!newIndex.contains(old.rowKey))
                changes.append({RowChange::Kind::Removed, old.rowKey, old, {}});
        }
    };
    for (const SettingRow& row : newRows) {
        const auto found = oldIndex.constFind(row.rowKey);
        if (found == oldIndex.constEnd()) {
            changes.append({RowChange::Kind::Added, row.rowKey, {}, row});
            continue;
        }
        flushRemovedUpTo(found.value());
        if (nextOld == found.value())
            ++nextOld;
        const SettingRow& old = oldRows.at(found.value());
        if (!sameContent(old, row))
            changes.append({RowChange::Kind::Changed, row.rowKey, old, row});
    }
    flushRemovedUpTo(oldRows.size());
    return changes;
}

} // namespace pv::normalize
