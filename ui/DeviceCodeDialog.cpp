// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "ui/DeviceCodeDialog.h"

#include <QClipboard>
#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace pv::ui {

DeviceCodeDialog::DeviceCodeDialog(const QString& tenantName, QWidget* parent)
    : QDialog(parent)
{
    setWindowTitle(tr("Sign in to %1").arg(tenantName));
    m_intro = new QLabel(tr("Asking Microsoft Entra for a sign-in code…"), this);
    m_intro->setWordWrap(true);

    // The code is what the person types on another device: large, monospaced, selectable.
    m_code = new QLabel(this);
    m_code->setObjectName(QStringLiteral("deviceCode"));
    QFont codeFont = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    codeFont.setPointSizeF(codeFont.pointSizeF() * 2.2);
    codeFont.setBold(true);
    m_code->setFont(codeFont);
    m_code->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_code->setAccessibleName(tr("Sign-in code"));
    m_copy = new QPushButton(tr("&Copy code"), this);
    m_copy->setObjectName(QStringLiteral("copyCode"));
    m_copy->setEnabled(false);
    connect(m_copy, &QPushButton::clicked, this, [this] { QGuiApplication::clipboard()->setText(m_code->text()); });
    auto* codeRow = new QHBoxLayout;
    codeRow->addWidget(m_code, 1);
    codeRow->addWidget(m_copy);

    m_link = new QLabel(this);
    m_link->setObjectName(QStringLiteral("verificationLink"));
    m_link->setTextFormat(Qt::RichText);
    m_link->setOpenExternalLinks(true);
    m_link->setTextInteractionFlags(Qt::TextBrowserInteraction);
    m_countdown = new QLabel(this);
    m_countdown->setObjectName(QStringLiteral("countdown"));
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("status"));
    m_status->setWordWrap(true);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_cancel = buttons->button(QDialogButtonBox::Cancel);
    m_cancel->setObjectName(QStringLiteral("cancel"));
    connect(buttons, &QDialogButtonBox::rejected, this, &DeviceCodeDialog::reject);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_intro);
    layout->addLayout(codeRow);
    layout->addWidget(m_link);
    layout->addWidget(m_countdown);
    layout->addWidget(m_status);
    layout->addWidget(buttons);
    setMinimumWidth(460);

    m_tick.setInterval(1000);
    connect(&m_tick, &QTimer::timeout, this, &DeviceCodeDialog::updateCountdown);
}

DeviceCodeDialog::~DeviceCodeDialog() = default;

void DeviceCodeDialog::showPrompt(const graph::DeviceCodePrompt& prompt)
{
    m_intro->setText(tr("On any device, open the page below, enter this code and sign in with your work account."));
    m_code->setText(prompt.userCode);
    m_copy->setEnabled(true);
    const QString url = prompt.verificationUri.toString();
    m_link->setText(QStringLiteral("<a href=\"%1\">%2</a>").arg(url.toHtmlEscaped(), url.toHtmlEscaped()));
    m_expires = QDeadlineTimer(std::chrono::seconds(prompt.expiresInS));
    m_status->setText(tr("Waiting for you to sign in…"));
    updateCountdown();
    m_tick.start();
}

void DeviceCodeDialog::showResult(const Result<QString>& result)
{
    m_waiting = false;
    m_tick.stop();
    if (result) {
        accept();
        return;
    }
    if (result.error().code == ErrorCode::Cancelled)
        return QDialog::reject();
    m_countdown->hide();   // the code is of no use any more
    m_status->setText(tr("Sign-in failed: %1").arg(result.error().message));
    m_cancel->setText(tr("Close"));
}

QString DeviceCodeDialog::userCode() const
{
    return m_code->text();
}

int DeviceCodeDialog::secondsLeft() const
{
    if (!m_tick.isActive() && m_expires.isForever())
        return 0;
    return int(std::max<qint64>(0, (m_expires.remainingTime() + 999) / 1000));
}

void DeviceCodeDialog::updateCountdown()
{
    const int left = secondsLeft();
    if (left <= 0) {
        m_tick.stop();
        m_countdown->setText(tr("The code expired."));
        return;
    }
    m_countdown->setText(tr("The code expires in %1:%2.").arg(left / 60).arg(left % 60, 2, 10, QLatin1Char('0')));
}

void DeviceCodeDialog::reject()
{
    if (m_waiting) {
        // The flow ends itself and reports back (Cancelled), which closes the dialog.
        m_status->setText(tr("Cancelling…"));
        emit cancelRequested();
        return;
    }
    QDialog::reject();
}

} // namespace pv::ui
