// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

#include <QObject>

class QWidget;

namespace pv {
class RunService;
}

namespace pv::ui {

class Notifier;

/// What closing the main window and quitting do while this process runs jobs: never cancel
/// them silently. Closing asks — keep running in the notification area, cancel the runs and
/// quit, or don't close — unless the user chose to always keep running there (a setting);
/// Quit asks whether to cancel them. Without active runs both just go ahead.
///
/// Questions go through MessageBox (tests answer them); the setting lives in QSettings.
class ExitController final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ExitController)

public:
    enum Choice { KeepRunningInTray = 1, CancelRunsAndQuit, DontClose };

    ExitController(const RunService& runService, Notifier& notifier, QWidget* window);
    ~ExitController() override;

    /// For the window's closeEvent: true when it may close now; otherwise the controller asks
    /// (or hides the window to the tray) and the event must be ignored.
    bool tryClose();
    /// File ▸ Quit and the tray's Quit: quits at once without active runs, else asks first.
    void requestQuit();
    /// The desktop session ends (log off, shut down): the window must not hold it up. What
    /// still runs is cancelled when the app quits, and stays resumable.
    void sessionEnding();

    /// "Keep running in the notification area when the window is closed while runs are active."
    static bool keepRunningInTray();
    static void setKeepRunningInTray(bool keep);

signals:
    /// Quit confirmed: the app quits; the RunService's shutdown cancels what still runs.
    void quitConfirmed();
    /// The window hides; the tray icon stays and the runs go on.
    void hideToTrayRequested();
    void keepRunningInTrayChanged(bool keep);

private:
    void hideToTray(int activeRuns);
    void confirmQuit();

    const RunService& m_runService;
    Notifier& m_notifier;
    QWidget* m_window = nullptr;
    bool m_asking = false;
    /// Quit was confirmed: Qt 6's quit() closes the windows first, and that close must pass.
    bool m_quitting = false;
};

} // namespace pv::ui
