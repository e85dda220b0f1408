// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "ui/MainMenu.h"

#include <QAction>
#include <QMainWindow>
#include <QMenu>
#include <QMenuBar>

namespace pv::ui {

namespace {
QAction* makeAction(QMenu* menu, const QString& text, const char* objectName)
{
    QAction* action = menu->addAction(text);
    action->setObjectName(QLatin1String(objectName));
    return action;
}
} // namespace

MainMenu::MainMenu(QMainWindow* window)
    : QObject(window)
{
    QMenuBar* bar = window->menuBar();
    bar->setObjectName(QStringLiteral("mainMenuBar"));

    QMenu* file = bar->addMenu(tr("&File"));
    file->setObjectName(QStringLiteral("fileMenu"));
    m_addTenant = makeAction(file, tr("&Add Tenant…"), "actionAddTenant");
    m_addTenant->setShortcut(QKeySequence::New);
    m_addTenant->setStatusTip(tr("Add a Microsoft Entra tenant to back up"));
    m_editTenant = makeAction(file, tr("&Edit Tenant…"), "actionEditTenant");
    m_editTenant->setStatusTip(tr("Change the selected tenant's sign-in, cloud and endpoints, and test its connection"));
    m_removeTenant = makeAction(file, tr("&Remove Tenant…"), "actionRemoveTenant");
    m_removeTenant->setStatusTip(tr("Remove the selected tenant, its runs and its stored secrets"));
    m_signIn = makeAction(file, tr("&Sign In…"), "actionSignIn");
    m_signIn->setIconText(tr("Sign in…"));
    m_signIn->setStatusTip(tr("Sign in to the selected tenant as yourself (device code or browser)"));
    m_signOut = makeAction(file, tr("Sign &Out"), "actionSignOut");
    m_signOut->setIconText(tr("Sign out"));
    m_signOut->setStatusTip(tr("Forget the sign-in to the selected tenant (deletes the stored refresh token)"));
    m_openDemoTenant = makeAction(file, tr("Open &Demo Tenant"), "actionOpenDemoTenant");
    m_openDemoTenant->setStatusTip(tr("A simulated tenant served on this computer: no Azure app registration needed"));
    file->addSeparator();
    m_backUpNow = makeAction(file, tr("&Back Up Now"), "actionBackUpNow");
    m_backUpNow->setIconText(tr("Back up now"));   // buttons: sentence case, no mnemonic
    m_backUpNow->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_B));
    m_backUpNow->setStatusTip(tr("Capture every policy of the selected tenant into a new snapshot"));
    file->addSeparator();
    m_refresh = makeAction(file, tr("Re&fresh"), "actionRefresh");
    m_refresh->setShortcut(QKeySequence::Refresh);
    file->addSeparator();
    // Windows programs "Exit"; elsewhere they "Quit".
#ifdef Q_OS_WIN
    m_quit = makeAction(file, tr("E&xit"), "actionQuit");
#else
    m_quit = makeAction(file, tr("&Quit"), "actionQuit");
#endif
    m_quit->setShortcuts({QKeySequence(Qt::CTRL | Qt::Key_Q)});
    m_quit->setMenuRole(QAction::QuitRole);

    QMenu* settings = bar->addMenu(tr("&Settings"));
    settings->setObjectName(QStringLiteral("settingsMenu"));
    m_keepRunningInTray = makeAction(settings, tr("&Keep Running in the Notification Area When Closed"),
                                     "actionKeepRunningInTray");
    m_keepRunningInTray->setCheckable(true);
    m_keepRunningInTray->setStatusTip(
        tr("Closing the window while runs are active keeps PolicyVault running in the notification area"));

    QMenu* help = bar->addMenu(tr("&Help"));
    help->setObjectName(QStringLiteral("helpMenu"));
    m_about = makeAction(help, tr("&About PolicyVault"), "actionAbout");
    m_about->setMenuRole(QAction::AboutRole);
    m_aboutQt = makeAction(help, tr("About &Qt"), "actionAboutQt");
    m_aboutQt->setMenuRole(QAction::AboutQtRole);
}

MainMenu::~MainMenu() = default;

} // namespace pv::ui
