// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "ui/NoTenantPage.h"

#include "ui/UiFormat.h"

#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace pv::ui {

NoTenantPage::NoTenantPage(QWidget* parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("noTenantPage"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(32, 32, 32, 32);
    layout->addStretch(1);
    m_text = new QLabel(this);
    m_text->setObjectName(QStringLiteral("noTenantState"));
    m_text->setAlignment(Qt::AlignCenter);
    m_text->setWordWrap(true);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    // A readable line length; setState() gives it the height its wrapped text needs (a page of
    // a stacked widget does not pass height-for-width on).
    m_text->setFixedWidth(80 * m_text->fontMetrics().averageCharWidth());
    layout->addWidget(m_text, 0, Qt::AlignHCenter);
    layout->addSpacing(16);
    m_add = new QPushButton(tr("&Add Tenant…"), this);
    m_add->setObjectName(QStringLiteral("noTenantAddButton"));
    layout->addWidget(m_add, 0, Qt::AlignHCenter);
    m_demo = new QPushButton(tr("Open &Demo Tenant"), this);
    m_demo->setObjectName(QStringLiteral("noTenantDemoButton"));
    m_demo->setToolTip(tr("A simulated tenant served on this computer: try PolicyVault without an Azure app "
                          "registration"));
    layout->addWidget(m_demo, 0, Qt::AlignHCenter);
    layout->addStretch(1);
    connect(m_add, &QPushButton::clicked, this, &NoTenantPage::addTenantRequested);
    connect(m_demo, &QPushButton::clicked, this, &NoTenantPage::demoTenantRequested);
    setState(false, false);
}

NoTenantPage::~NoTenantPage() = default;

void NoTenantPage::setDemoBusy(bool busy)
{
    m_demo->setEnabled(!busy);
    m_demo->setText(busy ? tr("Opening the Demo Tenant…") : tr("Open &Demo Tenant"));
}

void NoTenantPage::setState(bool loaded, bool canAddTenants, bool canOpenDemo)
{
    m_add->setVisible(loaded && canAddTenants);
    m_demo->setVisible(loaded && canOpenDemo);
    if (!loaded) {
        m_text->setText(emptyStateHtml(tr("Loading…"), QString()));
    } else if (canAddTenants) {
        m_text->setText(emptyStateHtml(
            tr("No tenant yet"),
            canOpenDemo ? tr("Add the Microsoft Entra tenant whose Intune configuration PolicyVault should back up. "
                             "You need its tenant ID and the client ID of an app registration. Or try PolicyVault "
                             "first with the demo tenant, simulated on this computer.")
                        : tr("Add the Microsoft Entra tenant whose Intune configuration PolicyVault should back up. "
                             "You need its tenant ID and the client ID of an app registration.")));
    } else {
        m_text->setText(emptyStateHtml(
            tr("No tenant yet — add one with policyvault-cli tenant add …"),
            tr("For example: policyvault-cli tenant add Contoso --tenant-id contoso.onmicrosoft.com "
               "--client-id <application id>. It appears here as soon as it is added.")));
    }
    m_text->setFixedHeight(m_text->heightForWidth(m_text->width()));
}

} // namespace pv::ui
