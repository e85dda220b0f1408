// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

#include <Qt>

namespace pv::ui {

// Shared by every model in the UI: DisplayRole is formatted text for people, these roles
// carry the raw values that proxies sort and filter on.
enum ModelRole : int {
    UnderlyingDataRole = Qt::UserRole + 1,  ///< raw value of the cell (QDateTime, qint64, enum as int)
    IdRole,                                 ///< database id of the row's record
    ProgressDoneRole,                       ///< qint64, progress columns only
    ProgressTotalRole,                      ///< qint64, progress columns only
    UnreadRole,                             ///< bool, notifications only
};

} // namespace pv::ui
