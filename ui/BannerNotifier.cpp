// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "ui/BannerNotifier.h"

#include "ui/MessageWidget.h"

namespace pv::ui {

BannerNotifier::BannerNotifier(QObject* parent)
    : Notifier(parent)
    , m_banner(new MessageWidget)
{
    m_banner->setObjectName(QStringLiteral("runFinishedBanner"));
    connect(m_banner, &MessageWidget::actionTriggered, this, [this] {
        m_banner->hideMessage();
        if (lastRunId() > 0)
            emit activated(lastRunId());
    });
}

BannerNotifier::~BannerNotifier()
{
    if (m_banner && !m_banner->parent())
        delete m_banner.data();
}

void BannerNotifier::showRunFinished(const QString& title, const QString& body, qint64 runId)
{
    setLastRunId(runId);
    if (!m_banner)
        return;
    m_banner->showMessage(MessageWidget::Type::Information, tr("%1\n%2").arg(title, body), tr("&View run"));
}

void BannerNotifier::showNotice(const QString& title, const QString& body)
{
    setLastRunId(0);
    if (!m_banner)
        return;
    m_banner->showMessage(MessageWidget::Type::Warning, tr("%1\n%2").arg(title, body));
}

QWidget* BannerNotifier::inlineWidget()
{
    return m_banner;
}

} // namespace pv::ui
