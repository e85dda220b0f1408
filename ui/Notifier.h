// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

#include <QObject>
#include <QString>

class QWidget;

namespace pv::ui {

/// How the app tells the user that a run ended while they may be looking elsewhere: a
/// system tray message where a tray exists (TrayNotifier), an in-app banner where it does
/// not (BannerNotifier). The composition root picks one; the main window only sees this.
class Notifier : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Notifier)

public:
    explicit Notifier(QObject* parent = nullptr);
    ~Notifier() override;

    virtual void showRunFinished(const QString& title, const QString& body, qint64 runId) = 0;
    /// A message about no single run (several interrupted runs, "keeps running in the tray");
    /// clicking it brings the window to the front.
    virtual void showNotice(const QString& title, const QString& body) = 0;

    /// True when the app can go on without a window (a tray icon to come back through).
    virtual bool canRunInBackground() const { return false; }

    /// A widget the main window places above its pages (the banner), or nullptr.
    virtual QWidget* inlineWidget() { return nullptr; }

    /// The run of the most recent message (0 before the first, and after a notice).
    qint64 lastRunId() const { return m_lastRunId; }

signals:
    /// The user clicked the message: open this run.
    void activated(qint64 runId);
    /// The user asked to bring the window to the front (tray icon click).
    void raiseRequested();
    /// The user chose Quit (the tray's menu); the window asks first while runs are active.
    void quitRequested();

protected:
    void setLastRunId(qint64 runId) { m_lastRunId = runId; }

private:
    qint64 m_lastRunId = 0;
};

} // namespace pv::ui
