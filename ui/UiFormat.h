// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

#include "core/runs/RunTypes.h"

#include <QIcon>
#include <QPalette>
#include <QString>

#include <chrono>

namespace pv::ui {

/// Registers the icon resources of the static pv_ui library (safe to call more than once).
void initResources();

QString statusText(RunStatus status);
QIcon statusIcon(RunStatus status);
QString outcomeText(ItemOutcome outcome);
/// The outcome as the reader of a run of `kind` understands it: a capture's `created` is a
/// "New" policy and `updated` a "Changed" one; other kinds use outcomeText(outcome).
QString outcomeText(ItemOutcome outcome, const QString& kind);
/// True for the kinds that capture policies (backup, policy.capture_snapshot).
bool isCaptureKind(const QString& kind);
/// A captured type key ("settingsCatalog") as people call it ("Settings catalog").
QString captureTypeText(const QString& typeKey);
QIcon outcomeIcon(ItemOutcome outcome);

/// "850 ms", "42 s", "3 min 07 s", "2 h 05 min".
QString formatDuration(std::chrono::milliseconds duration);
/// Local short date and time, or an empty string for an invalid value.
QString formatDateTime(const QDateTime& dateTime);
/// The run's kind as shown to people, translated when a translation exists.
QString kindText(const QString& kindDisplayName);

/// Rich text for an empty-state label: a bold headline and a line saying what to do next.
QString emptyStateHtml(const QString& headline, const QString& nextStep);

/// A monochrome icon from the resources, painted in the palette's text colours so it reads
/// on light and dark palettes (Normal: WindowText, Selected: HighlightedText, Disabled).
QIcon paletteIcon(const QString& resourcePath, const QPalette& palette, int size = 24);

/// The one app icon (window, tray).
QIcon appIcon();

} // namespace pv::ui
