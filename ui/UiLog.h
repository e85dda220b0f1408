// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

#include <QLoggingCategory>

// The screens' logging category: "pv.ui" goes to the "ui" logger (see core/logging).
Q_DECLARE_LOGGING_CATEGORY(lcUi)
