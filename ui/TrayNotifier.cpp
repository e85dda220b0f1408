// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "ui/TrayNotifier.h"

#include "ui/UiFormat.h"

#include <QMenu>

namespace pv::ui {

TrayNotifier::TrayNotifier(QObject* parent)
    : Notifier(parent)
    , m_tray(new QSystemTrayIcon(appIcon(), this))
    , m_menu(new QMenu)
{
    m_tray->setObjectName(QStringLiteral("trayIcon"));
    m_tray->setToolTip(tr("PolicyVault"));
    m_menu->addAction(tr("&Open PolicyVault"), this, &Notifier::raiseRequested);
    m_menu->addSeparator();
    m_menu->addAction(tr("&Quit"), this, &Notifier::quitRequested);
    m_tray->setContextMenu(m_menu);

    connect(m_tray, &QSystemTrayIcon::messageClicked, this, &TrayNotifier::onMessageClicked);
    connect(m_tray, &QSystemTrayIcon::activated, this, [this](QSystemTrayIcon::ActivationReason reason) {
        if (reason == QSystemTrayIcon::Trigger || reason == QSystemTrayIcon::DoubleClick)
            emit raiseRequested();
    });
    if (QSystemTrayIcon::isSystemTrayAvailable())
        m_tray->show();
}

TrayNotifier::~TrayNotifier()
{
    // QMenu is a widget and cannot be a child of this QObject.
    delete m_menu;
}

void TrayNotifier::showRunFinished(const QString& title, const QString& body, qint64 runId)
{
    setLastRunId(runId);
    m_lastTitle = title;
    m_lastBody = body;
    m_tray->showMessage(title, body, appIcon(), 10000);
}

void TrayNotifier::showNotice(const QString& title, const QString& body)
{
    setLastRunId(0);
    m_lastTitle = title;
    m_lastBody = body;
    m_tray->showMessage(title, body, appIcon(), 10000);
}

bool TrayNotifier::canRunInBackground() const
{
    return m_tray->isVisible() && QSystemTrayIcon::isSystemTrayAvailable();
}

void TrayNotifier::onMessageClicked()
{
    if (lastRunId() > 0)
        emit activated(lastRunId());
    else
        emit raiseRequested();
}

} // namespace pv::ui
