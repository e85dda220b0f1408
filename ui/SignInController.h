// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

#include "core/graph/InteractiveSignIn.h"
#include "core/store/TenantRepository.h"

#include <QObject>
#include <QPointer>

#include <functional>
#include <optional>

class QAction;
class QLabel;
class QThread;
class QWidget;

namespace pv {
class SecretStore;
}

namespace pv::ui {

class BackgroundWriter;
class BrowserSignInDialog;
class DeviceCodeDialog;

/// Sign-in for people in the window: Tenant ▸ Sign In… and Sign Out for the current tenant when
/// it signs in as a person (device_code or interactive), and the status beside the tenant
/// selector ("Signed in as user@domain" with Sign Out, or "Not signed in" with Sign In…).
/// The flow runs on its own thread with its own network access (the keychain write may block):
/// device code → DeviceCodeDialog; interactive → the system browser (QDesktopServices, or the
/// launcher a test injects) with BrowserSignInDialog. Sign Out deletes the refresh token.
class SignInController final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SignInController)

public:
    /// `secrets` must outlive the controller. The actions belong to the menu.
    SignInController(SecretStore& secrets, QAction* signIn, QAction* signOut, QWidget* window);
    ~SignInController() override;

    /// The status beside the tenant selector (hidden for tenants that sign in as an app).
    QWidget* statusWidget() const { return m_statusWidget; }
    /// A toolbar shows widgets through actions: the status is hidden and shown through it.
    void setStatusAction(QAction* action);
    /// The current tenant, or none.
    void setTenant(const std::optional<TenantRecord>& tenant);
    /// Replaces QDesktopServices::openUrl (tests play the browser). Called on the flow's thread.
    void setBrowserLauncher(graph::BrowserLauncher launcher) { m_launcher = std::move(launcher); }

    void signIn();
    void signOut();

    /// The signed-in person of the current tenant; empty when nobody (or not read yet).
    QString signedInUser() const { return m_user; }
    /// A sign-in, sign-out or status read is under way.
    bool isBusy() const;
    QString statusText() const;
    DeviceCodeDialog* deviceCodeDialog() const;
    BrowserSignInDialog* browserDialog() const;

signals:
    /// The status of the current tenant was read or changed (tests wait for it).
    void statusChanged();
    void problem(const QString& message);

private:
    bool isDelegated() const;
    void refreshStatus();
    void showStatus();
    void finished(const TenantRecord& tenant, const Result<QString>& result);

    SecretStore& m_secrets;
    QAction* const m_signIn;
    QAction* const m_signOut;
    QWidget* const m_window;
    QWidget* m_statusWidget = nullptr;
    QLabel* m_status = nullptr;
    QPointer<QAction> m_statusAction;
    BackgroundWriter* m_reader = nullptr;
    graph::BrowserLauncher m_launcher;
    std::optional<TenantRecord> m_tenant;
    QString m_user;
    bool m_statusKnown = false;
    int m_pending = 0;
    QThread* m_thread = nullptr;   ///< the running flow's thread
    std::function<void()> m_cancel;
    QPointer<DeviceCodeDialog> m_deviceDialog;
    QPointer<BrowserSignInDialog> m_browserDialog;
};

} // namespace pv::ui
