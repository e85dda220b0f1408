// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "ui/BrowserSignInDialog.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace pv::ui {

BrowserSignInDialog::BrowserSignInDialog(const QString& tenantName, QWidget* parent)
    : QDialog(parent)
{
    setWindowTitle(tr("Sign in to %1").arg(tenantName));
    m_intro = new QLabel(tr("Opening the sign-in page in your browser…"), this);
    m_intro->setObjectName(QStringLiteral("browserIntro"));
    m_intro->setWordWrap(true);
    m_link = new QLabel(this);
    m_link->setObjectName(QStringLiteral("signInLink"));
    m_link->setTextFormat(Qt::RichText);
    m_link->setOpenExternalLinks(true);
    m_link->setTextInteractionFlags(Qt::TextBrowserInteraction);
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("status"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_cancel = buttons->button(QDialogButtonBox::Cancel);
    m_cancel->setObjectName(QStringLiteral("cancel"));
    connect(buttons, &QDialogButtonBox::rejected, this, &BrowserSignInDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_intro);
    layout->addWidget(m_link);
    layout->addWidget(m_status);
    layout->addWidget(buttons);
    setMinimumWidth(460);
}

BrowserSignInDialog::~BrowserSignInDialog() = default;

void BrowserSignInDialog::showUrl(const QUrl& url, bool browserOpened)
{
    m_intro->setText(browserOpened ? tr("Sign in with your work account in the browser window that opened, then come "
                                        "back here.")
                                   : tr("Your browser could not be opened. Open the sign-in page yourself:"));
    // The link text is short: the address itself is long and says nothing to a person.
    m_link->setText(QStringLiteral("<a href=\"%1\">%2</a>")
                        .arg(url.toString(QUrl::FullyEncoded).toHtmlEscaped(), tr("Open the sign-in page again")));
    m_status->setText(tr("Waiting for you to sign in…"));
}

void BrowserSignInDialog::showResult(const Result<QString>& result)
{
    m_waiting = false;
    if (result) {
        accept();
        return;
    }
    if (result.error().code == ErrorCode::Cancelled)
        return QDialog::reject();
    m_link->hide();
    m_intro->setText(tr("The sign-in did not finish."));
    m_status->setText(tr("Sign-in failed: %1").arg(result.error().message));
    m_cancel->setText(tr("Close"));
}

QString BrowserSignInDialog::statusText() const
{
    return m_status->text();
}

void BrowserSignInDialog::reject()
{
    if (m_waiting) {
        m_status->setText(tr("Cancelling…"));
        emit cancelRequested();
        return;
    }
    QDialog::reject();
}

} // namespace pv::ui
