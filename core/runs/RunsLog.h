// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

#include <QLoggingCategory>

// "pv.runs": the logging module routes it to the "runs" logger (through the redactor).
Q_DECLARE_LOGGING_CATEGORY(lcRuns)
