// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

class QLabel;
class QString;
class QTableView;
class QWidget;

namespace pv::ui {

/// The Policies page's tables all look alike: whole-row selection, no grid, no editing, one-line
/// rows elided on the right, left-aligned headers.
QTableView* makePolicyTable(QWidget* parent, const QString& objectName);

/// A centred, word-wrapped rich-text label for an empty state (text from emptyStateHtml).
QLabel* makeEmptyStateLabel(QWidget* parent, const QString& objectName);

} // namespace pv::ui
