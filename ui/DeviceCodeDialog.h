// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

#include "core/common/Result.h"
#include "core/graph/DeviceCodeSignIn.h"

#include <QDeadlineTimer>
#include <QDialog>
#include <QTimer>

class QLabel;
class QPushButton;

namespace pv::ui {

/// Sign in by device code: shows the code large and selectable with a Copy button, the
/// verification URL as a link, and how long the code stays valid; Cancel asks the flow to stop
/// (cancelRequested). It does not run the flow: the caller connects DeviceCodeSignIn's
/// codeReady to showPrompt and finished to showResult. Success closes it (accepted); a failure
/// stays on screen in plain words until Close.
class DeviceCodeDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DeviceCodeDialog)

public:
    explicit DeviceCodeDialog(const QString& tenantName, QWidget* parent = nullptr);
    ~DeviceCodeDialog() override;

    void showPrompt(const pv::graph::DeviceCodePrompt& prompt);
    void showResult(const pv::Result<QString>& result);

    QString userCode() const;
    /// Whole seconds until the code expires (0 once it did, or before a prompt came).
    int secondsLeft() const;

signals:
    void cancelRequested();

protected:
    void reject() override;

private:
    void updateCountdown();

    QLabel* m_intro = nullptr;
    QLabel* m_code = nullptr;
    QPushButton* m_copy = nullptr;
    QLabel* m_link = nullptr;
    QLabel* m_countdown = nullptr;
    QLabel* m_status = nullptr;
    QPushButton* m_cancel = nullptr;
    QDeadlineTimer m_expires;
    QTimer m_tick;
    bool m_waiting = true;   ///< the flow still runs: closing the dialog cancels it
};

} // namespace pv::ui
