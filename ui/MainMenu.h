// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

#include <QObject>

class QAction;
class QMainWindow;
class QMenu;

namespace pv::ui {

/// The main window's menu bar: File (Add tenant…, Remove tenant…, Sign in…, Sign out, Open demo tenant, Back up now,
/// Refresh, Quit), Settings (keep running in the notification area) and Help (About
/// PolicyVault, About Qt). It only builds the actions; the window connects them to what they do.
class MainMenu final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainMenu)

public:
    explicit MainMenu(QMainWindow* window);
    ~MainMenu() override;

    QAction* addTenant() const { return m_addTenant; }
    QAction* editTenant() const { return m_editTenant; }
    QAction* removeTenant() const { return m_removeTenant; }
    QAction* signIn() const { return m_signIn; }
    QAction* signOut() const { return m_signOut; }
    QAction* backUpNow() const { return m_backUpNow; }
    QAction* openDemoTenant() const { return m_openDemoTenant; }
    QAction* refresh() const { return m_refresh; }
    QAction* quit() const { return m_quit; }
    QAction* keepRunningInTray() const { return m_keepRunningInTray; }
    QAction* about() const { return m_about; }
    QAction* aboutQt() const { return m_aboutQt; }

private:
    QAction* m_addTenant = nullptr;
    QAction* m_editTenant = nullptr;
    QAction* m_removeTenant = nullptr;
    QAction* m_signIn = nullptr;
    QAction* m_signOut = nullptr;
    QAction* m_backUpNow = nullptr;
    QAction* m_openDemoTenant = nullptr;
    QAction* m_refresh = nullptr;
    QAction* m_quit = nullptr;
    QAction* m_keepRunningInTray = nullptr;
    QAction* m_about = nullptr;
    QAction* m_aboutQt = nullptr;
};

} // namespace pv::ui
