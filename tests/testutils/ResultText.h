// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

#include "core/common/Result.h"

#include <QByteArray>

namespace pv::test {

/// The error text of a Result for QVERIFY2 — safe to evaluate when the Result is ok
/// (QVERIFY2 evaluates its message even when the check passes).
template<typename T>
QByteArray errorText(const Result<T>& result)
{
    return result.ok() ? QByteArray() : result.error().toString().toUtf8();
}

} // namespace pv::test
