// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

#include <QPalette>

class QApplication;

namespace pv::ui {

enum class ColorScheme { System, Light, Dark };

/// Fusion's dark palette (the colours most Qt apps use for a dark mode).
QPalette darkPalette();
/// Applies the scheme to the application: Fusion style plus the matching palette.
void applyColorScheme(QApplication& app, ColorScheme scheme);

} // namespace pv::ui
