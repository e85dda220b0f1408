// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "ui/DemoTenantAction.h"

#include "ui/BackgroundWriter.h"
#include "ui/UiLog.h"

namespace pv::ui {

DemoTenantAction::DemoTenantAction(Setup setup, QObject* parent)
    : QObject(parent)
    , m_setup(std::move(setup))
    , m_writer(new BackgroundWriter(this))
{
}

DemoTenantAction::~DemoTenantAction() = default;

bool DemoTenantAction::isBusy() const
{
    return m_writer->isBusy();
}

void DemoTenantAction::open()
{
    if (isBusy() || !m_setup)
        return;
    emit busyChanged(true);
    m_writer->run<Result<TenantRecord>>(this, m_setup, [this](const Result<TenantRecord>& tenant) {
        emit busyChanged(false);
        if (!tenant) {
            qCWarning(lcUi, "could not open the demo tenant: %s", qUtf8Printable(tenant.error().toString()));
            emit problem(tr("Could not open the demo tenant: %1").arg(tenant.error().displayText()));
            return;
        }
        emit opened(tenant.value());
    });
}

} // namespace pv::ui
