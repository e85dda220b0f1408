// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "ui/BackgroundWriter.h"

namespace pv::ui {

BackgroundWriter::BackgroundWriter(QObject* parent)
    : QObject(parent)
{
    m_pool.setMaxThreadCount(1);   // writes stay in the order they were asked for
}

BackgroundWriter::~BackgroundWriter()
{
    m_pool.waitForDone();
}

} // namespace pv::ui
