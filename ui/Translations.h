// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

class QCoreApplication;

namespace pv::ui {

/// Installs Qt's own translation and PolicyVault's for the system locale. PolicyVault's
/// English file is the fallback for every other locale: it carries the English plural forms
/// of "%n item(s)"-style strings, so counts read right even where no translation exists.
void installTranslators(QCoreApplication& app);

} // namespace pv::ui
