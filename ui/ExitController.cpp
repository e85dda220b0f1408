// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "ui/ExitController.h"

#include "core/runs/RunService.h"
#include "ui/MessageBox.h"
#include "ui/Notifier.h"

#include <QSettings>
#include <QWidget>

namespace pv::ui {

namespace {
const QString KeepRunningKey = QStringLiteral("window/keepRunningInTrayWhenClosed");
} // namespace

ExitController::ExitController(const RunService& runService, Notifier& notifier, QWidget* window)
    : QObject(window)
    , m_runService(runService)
    , m_notifier(notifier)
    , m_window(window)
{
}

ExitController::~ExitController() = default;

bool ExitController::keepRunningInTray()
{
    return QSettings().value(KeepRunningKey, false).toBool();
}

void ExitController::setKeepRunningInTray(bool keep)
{
    QSettings().setValue(KeepRunningKey, keep);
}

bool ExitController::tryClose()
{
    if (m_quitting)
        return true;
    const int active = m_runService.activeRunCount();
    if (active <= 0)
        return true;
    const bool trayAvailable = m_notifier.canRunInBackground();
    if (trayAvailable && keepRunningInTray()) {
        hideToTray(active);
        return false;
    }
    if (m_asking)
        return false;

    MessageBox::Question question;
    question.icon = QMessageBox::Warning;
    question.title = tr("Runs are still active");
    question.text = tr("%n run(s) still running. What should happen to them?", nullptr, active);
    if (trayAvailable) {
        question.informativeText = tr("PolicyVault can keep running in the notification area and tell you when "
                                      "each run ends, or cancel the runs and quit. Cancelled runs keep their "
                                      "finished items and can be resumed later.");
        question.choices.append({KeepRunningInTray, tr("&Keep running"),
                                 QMessageBox::AcceptRole});
        question.checkBoxText = tr("&Always keep running in the notification area");
        question.defaultChoice = KeepRunningInTray;
    } else {
        question.informativeText = tr("Closing the window quits PolicyVault and cancels the runs. Cancelled runs "
                                      "keep their finished items and can be resumed later.");
        question.defaultChoice = DontClose;
    }
    question.choices.append({CancelRunsAndQuit, tr("&Cancel runs and quit"), QMessageBox::DestructiveRole});
    question.choices.append({DontClose, tr("&Don't close"), QMessageBox::RejectRole});
    question.escapeChoice = DontClose;

    m_asking = true;
    MessageBox::ask(m_window, question, [this](const MessageBox::Answer& answer) {
        m_asking = false;
        switch (static_cast<Choice>(answer.choice)) {
        case KeepRunningInTray:
            if (answer.checkBoxChecked) {
                setKeepRunningInTray(true);
                emit keepRunningInTrayChanged(true);
            }
            hideToTray(m_runService.activeRunCount());
            return;
        case CancelRunsAndQuit:
            confirmQuit();
            return;
        case DontClose:
            return;
        }
    });
    return false;
}

void ExitController::requestQuit()
{
    const int active = m_runService.activeRunCount();
    if (active <= 0) {
        confirmQuit();
        return;
    }
    if (m_asking)
        return;
    MessageBox::Question question;
    question.icon = QMessageBox::Warning;
    question.title = tr("Runs are still active");
    question.text = tr("Quit PolicyVault and cancel %n running run(s)?", nullptr, active);
    question.informativeText = tr("Cancelled runs keep their finished items and can be resumed later.");
    question.choices = {{CancelRunsAndQuit, tr("&Cancel runs and quit"), QMessageBox::DestructiveRole},
                        {DontClose, tr("&Don't quit"), QMessageBox::RejectRole}};
    question.defaultChoice = DontClose;
    question.escapeChoice = DontClose;
    // The window may be hidden in the tray: the question needs it on screen.
    if (m_window && !m_window->isVisible())
        m_window->show();
    m_asking = true;
    MessageBox::ask(m_window, question, [this](const MessageBox::Answer& answer) {
        m_asking = false;
        if (answer.choice == CancelRunsAndQuit)
            confirmQuit();
    });
}

void ExitController::sessionEnding()
{
    m_quitting = true;
}

void ExitController::confirmQuit()
{
    m_quitting = true;
    emit quitConfirmed();
}

void ExitController::hideToTray(int activeRuns)
{
    emit hideToTrayRequested();
    m_notifier.showNotice(tr("PolicyVault keeps running"),
                          tr("%n run(s) still running. PolicyVault tells you when they end; open or quit it "
                             "from its icon in the notification area.",
                             nullptr, qMax(activeRuns, 1)));
}

} // namespace pv::ui
