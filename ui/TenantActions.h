// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

#include "core/store/TenantRepository.h"

#include <QObject>
#include <QPointer>

class QWidget;

namespace pv {
class TenantService;
}

namespace pv::ui {

class BackgroundWriter;
class TenantDialog;

/// File ▸ Add Tenant…, Edit Tenant… and Remove Tenant…: the dialogs and questions, and the
/// writes through TenantService — off the GUI thread (the keychain may block; remove waits for
/// cancelled runs). Removing asks first; when the tenant has active runs (in any process) it
/// says so and offers to cancel them and remove it. The dialog's Test Connection runs a
/// graph::ConnectionTest on its own thread; closing the dialog cancels it.
class TenantActions final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TenantActions)

public:
    enum Choice { Remove = 1, CancelRunsAndRemove, Keep };

    TenantActions(const TenantService& tenants, QWidget* window);
    ~TenantActions() override;

    /// Opens the Add Tenant dialog (or brings the open one forward).
    void addTenant();
    /// Opens the dialog on `tenant` in edit mode (or brings the open dialog forward).
    void editTenant(const TenantRecord& tenant);
    /// Asks, then removes `tenant`.
    void removeTenant(const TenantRecord& tenant);

    TenantDialog* dialog() const;
    /// True while a tenant is being written or removed (tests wait for it).
    bool isBusy() const;

signals:
    void tenantAdded(const pv::TenantRecord& tenant);
    void tenantEdited(const pv::TenantRecord& tenant);
    void tenantRemoved(qint64 tenantId, const QString& name);
    /// Something to tell the user in the window's banner: an error, or a removal whose keychain
    /// clean-up is still pending.
    void problem(const QString& message);
    /// A removal started or ended (the window greys its actions meanwhile).
    void busyChanged(bool busy);

private:
    TenantDialog* openDialog();
    void submit(const TenantRecord& tenant);
    void testConnection();
    void confirmRemoval(const TenantRecord& tenant, int activeRuns);
    void remove(const TenantRecord& tenant, bool cancelActiveRuns);

    const TenantService& m_tenants;
    QWidget* m_window = nullptr;
    BackgroundWriter* m_writer = nullptr;
    QPointer<TenantDialog> m_dialog;
};

} // namespace pv::ui
