// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

#include "ui/MessageWidget.h"
#include "ui/Notifier.h"

#include <QPointer>

namespace pv::ui {

/// Notifies inside the main window when there is no system tray (some Linux desktops,
/// offscreen tests): a banner with the title, the outcome counts and a "View run" button.
class BannerNotifier final : public Notifier
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BannerNotifier)

public:
    explicit BannerNotifier(QObject* parent = nullptr);
    ~BannerNotifier() override;

    void showRunFinished(const QString& title, const QString& body, qint64 runId) override;
    void showNotice(const QString& title, const QString& body) override;
    QWidget* inlineWidget() override;

    MessageWidget* banner() const { return m_banner; }

private:
    // The main window's layout takes ownership of the banner; QPointer notices if the
    // window goes first.
    QPointer<MessageWidget> m_banner;
};

} // namespace pv::ui
