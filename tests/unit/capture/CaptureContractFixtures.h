// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

#include <QJsonObject>

/// A baseline policy: a choice whose child is a group collection of simple settings, a
/// template, scope tags, an assignment with a filter and an all-devices one.
QJsonObject baselineWithNestedSettings();
/// Two settings; the second's child has a value type Graph does not have (yet).
QJsonObject policyWithUnknownValueType();
