// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

#include "ui/Notifier.h"

#include <QSystemTrayIcon>

class QMenu;

namespace pv::ui {

/// Notifies through the system tray (Windows notification area, freedesktop StatusNotifier).
/// A click on the message opens the run it was about — the last one shown, because the tray
/// reports clicks without saying which message was clicked.
class TrayNotifier final : public Notifier
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TrayNotifier)

public:
    explicit TrayNotifier(QObject* parent = nullptr);
    ~TrayNotifier() override;

    void showRunFinished(const QString& title, const QString& body, qint64 runId) override;
    void showNotice(const QString& title, const QString& body) override;
    bool canRunInBackground() const override;

    QSystemTrayIcon* trayIcon() const { return m_tray; }
    QString lastTitle() const { return m_lastTitle; }
    QString lastBody() const { return m_lastBody; }

public slots:
    /// Connected to QSystemTrayIcon::messageClicked; public so tests can drive it.
    void onMessageClicked();

private:
    QSystemTrayIcon* m_tray = nullptr;
    QMenu* m_menu = nullptr;
    QString m_lastTitle;
    QString m_lastBody;
};

} // namespace pv::ui
