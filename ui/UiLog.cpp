// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "ui/UiLog.h"

Q_LOGGING_CATEGORY(lcUi, "pv.ui")
