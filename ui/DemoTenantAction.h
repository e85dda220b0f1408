// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

#include "core/common/Result.h"
#include "core/store/TenantRepository.h"

#include <QObject>

#include <functional>

namespace pv::ui {

class BackgroundWriter;

/// "Open demo tenant": runs the composition root's demo set-up (start graphsim, add or refresh
/// the simulated tenant, store its secret — seconds, a keychain call) off the GUI thread and
/// reports the tenant to select. The window only knows the function, not graphsim.
class DemoTenantAction final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DemoTenantAction)

public:
    using Setup = std::function<Result<TenantRecord>()>;

    DemoTenantAction(Setup setup, QObject* parent = nullptr);
    ~DemoTenantAction() override;

    /// Starts the set-up unless one is under way.
    void open();
    bool isBusy() const;

signals:
    void opened(const pv::TenantRecord& tenant);
    void problem(const QString& message);
    void busyChanged(bool busy);

private:
    Setup m_setup;
    BackgroundWriter* m_writer = nullptr;
};

} // namespace pv::ui
