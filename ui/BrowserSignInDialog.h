// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

#include "core/common/Result.h"

#include <QDialog>
#include <QUrl>

class QLabel;
class QPushButton;

namespace pv::ui {

/// Sign in in the browser: says the browser was opened (with the sign-in page as a link, for
/// when it was not) and waits; Cancel asks the flow to stop (cancelRequested). Like
/// DeviceCodeDialog it does not run the flow: success closes it, a failure stays in words.
class BrowserSignInDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BrowserSignInDialog)

public:
    explicit BrowserSignInDialog(const QString& tenantName, QWidget* parent = nullptr);
    ~BrowserSignInDialog() override;

    void showUrl(const QUrl& url, bool browserOpened);
    void showResult(const pv::Result<QString>& result);
    QString statusText() const;

signals:
    void cancelRequested();

protected:
    void reject() override;

private:
    QLabel* m_intro = nullptr;
    QLabel* m_link = nullptr;
    QLabel* m_status = nullptr;
    QPushButton* m_cancel = nullptr;
    bool m_waiting = true;
};

} // namespace pv::ui
