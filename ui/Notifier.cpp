// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "ui/Notifier.h"

namespace pv::ui {

Notifier::Notifier(QObject* parent)
    : QObject(parent)
{
}

Notifier::~Notifier() = default;

} // namespace pv::ui
