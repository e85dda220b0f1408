// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "core/runs/RunsLog.h"

Q_LOGGING_CATEGORY(lcRuns, "pv.runs")
