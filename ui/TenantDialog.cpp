// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "ui/TenantDialog.h"

#include "core/store/TenantProfile.h"

#include "ui/MessageWidget.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QUrl>
#include <QVBoxLayout>

namespace pv::ui {

namespace {

QLineEdit* lineEdit(QWidget* parent, const char* objectName, const QString& placeholder)
{
    auto* edit = new QLineEdit(parent);
    edit->setObjectName(QLatin1String(objectName));
    edit->setPlaceholderText(placeholder);
    edit->setClearButtonEnabled(true);
    return edit;
}

} // namespace

TenantDialog::TenantDialog(QWidget* parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("tenantDialog"));
    setWindowTitle(tr("Add Tenant"));

    auto* layout = new QVBoxLayout(this);
    layout->setSpacing(10);
    auto* intro = new QLabel(tr("PolicyVault signs in to the tenant with an app registration that has read access "
                                "to Intune (and write access, for restores)."),
                             this);
    intro->setWordWrap(true);
    layout->addWidget(intro);

    m_message = new MessageWidget(this);
    m_message->setObjectName(QStringLiteral("tenantDialogMessage"));
    m_message->setCloseable(false);
    layout->addWidget(m_message);

    auto* form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_name = lineEdit(this, "tenantNameEdit", tr("e.g. Contoso Production"));
    form->addRow(tr("&Name:"), m_name);
    m_tenantId = lineEdit(this, "tenantIdEdit", tr("contoso.onmicrosoft.com or the directory ID"));
    form->addRow(tr("&Tenant ID:"), m_tenantId);
    m_clientId = lineEdit(this, "clientIdEdit", tr("Application (client) ID of the app registration"));
    form->addRow(tr("&Client ID:"), m_clientId);
    m_auth = new QComboBox(this);
    m_auth->setObjectName(QStringLiteral("authMethodCombo"));
    m_auth->addItem(tr("Client secret"), QStringLiteral("client_secret"));
    m_auth->addItem(tr("Certificate"), QStringLiteral("certificate"));
    m_auth->addItem(tr("Device code (sign in on another device)"), QStringLiteral("device_code"));
    m_auth->addItem(tr("Interactive sign-in (browser)"), QStringLiteral("interactive"));
    form->addRow(tr("&Sign-in method:"), m_auth);
    m_cloud = new QComboBox(this);
    m_cloud->setObjectName(QStringLiteral("cloudCombo"));
    m_cloud->addItem(tr("Global (commercial)"), QStringLiteral("global"));
    m_cloud->addItem(tr("US Government (GCC High)"), QStringLiteral("usgov"));
    m_cloud->addItem(tr("US Government (DoD)"), QStringLiteral("usgovdod"));
    m_cloud->addItem(tr("China (operated by 21Vianet)"), QStringLiteral("china"));
    form->addRow(tr("Cl&oud:"), m_cloud);
    m_readOnly = new QCheckBox(tr("&Read-only: review and back up, never restore"), this);
    m_readOnly->setObjectName(QStringLiteral("readOnlyCheck"));
    form->addRow(QString(), m_readOnly);
    layout->addLayout(form);

    m_customEndpoints = new QGroupBox(tr("Custom &endpoints"), this);
    m_customEndpoints->setObjectName(QStringLiteral("customEndpointsBox"));
    m_customEndpoints->setCheckable(true);
    m_customEndpoints->setChecked(false);
    m_customEndpoints->setToolTip(tr("Only for a private cloud or a test server; the cloud chooses the endpoints "
                                     "otherwise."));
    auto* endpoints = new QFormLayout(m_customEndpoints);
    endpoints->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_graphUrl = lineEdit(m_customEndpoints, "graphUrlEdit", QStringLiteral("https://graph.microsoft.com"));
    endpoints->addRow(tr("&Graph URL:"), m_graphUrl);
    m_authorityUrl = lineEdit(m_customEndpoints, "authorityUrlEdit", QStringLiteral("https://login.microsoftonline.com"));
    endpoints->addRow(tr("&Authority URL:"), m_authorityUrl);
    layout->addWidget(m_customEndpoints);

    m_hint = new QLabel(this);
    m_hint->setObjectName(QStringLiteral("tenantDialogHint"));
    m_hint->setWordWrap(true);
    m_hint->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    m_hint->setMinimumHeight(2 * m_hint->fontMetrics().lineSpacing());
    m_hint->setForegroundRole(QPalette::PlaceholderText);
    layout->addWidget(m_hint);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    QPushButton* add = m_buttons->addButton(tr("&Add Tenant"), QDialogButtonBox::AcceptRole);
    add->setObjectName(QStringLiteral("addTenantButton"));
    add->setDefault(true);
    layout->addWidget(m_buttons);

    for (QLineEdit* edit : {m_name, m_tenantId, m_clientId, m_graphUrl, m_authorityUrl}) {
        connect(edit, &QLineEdit::textEdited, this, [this] {
            m_edited = true;
            updateState();
        });
    }
    connect(m_customEndpoints, &QGroupBox::toggled, this, &TenantDialog::updateState);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &TenantDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    resize(560, sizeHint().height());
    updateState();
}

TenantDialog::~TenantDialog() = default;

TenantRecord TenantDialog::tenant() const
{
    TenantRecord tenant;
    tenant.name = m_name->text().trimmed();
    tenant.entraTenantId = m_tenantId->text().trimmed();
    tenant.clientId = m_clientId->text().trimmed();
    tenant.authMethod = m_auth->currentData().toString();
    tenant.cloud = m_cloud->currentData().toString();
    if (m_customEndpoints->isChecked()) {
        tenant.graphUrl = m_graphUrl->text().trimmed();
        tenant.authorityUrl = m_authorityUrl->text().trimmed();
    }
    tenant.readOnly = m_readOnly->isChecked();
    return tenant;
}

QString TenantDialog::problem() const
{
    const TenantRecord entered = tenant();
    if (entered.name.isEmpty())
        return tr("Enter a name for the tenant.");
    if (entered.entraTenantId.isEmpty())
        return tr("Enter the tenant ID: the directory ID or a verified domain such as contoso.onmicrosoft.com.");
    if (entered.clientId.isEmpty())
        return tr("Enter the application (client) ID of the app registration PolicyVault signs in with.");
    if (m_customEndpoints->isChecked()) {
        if (entered.graphUrl.isEmpty() || entered.authorityUrl.isEmpty())
            return tr("Custom endpoints need both the Graph URL and the authority URL.");
        for (const QString& url : {entered.graphUrl, entered.authorityUrl}) {
            if (!TenantProfile::isHttpsOrLoopback(QUrl(url)))
                return tr("%1 is not an https URL (plain http is allowed only for this computer).").arg(url);
        }
    }
    return {};
}

void TenantDialog::showError(const QString& message)
{
    setBusy(false);
    m_message->showMessage(MessageWidget::Type::Error, message);
}

void TenantDialog::setBusy(bool busy)
{
    m_busy = busy;
    for (QWidget* field : std::initializer_list<QWidget*>{m_name, m_tenantId, m_clientId, m_auth, m_cloud,
                                                          m_customEndpoints, m_readOnly})
        field->setEnabled(!busy);
    updateState();
}

void TenantDialog::accept()
{
    if (m_busy)
        return;
    const QString wrong = problem();
    if (!wrong.isEmpty()) {
        m_edited = true;
        updateState();
        return;
    }
    m_message->hideMessage();
    setBusy(true);
    emit submitted(tenant());
}

void TenantDialog::updateState()
{
    const QString wrong = problem();
    // Say what is missing only once the user has typed: an empty form is not an error.
    m_hint->setText(m_edited ? wrong : QString());
    if (QPushButton* add = findChild<QPushButton*>(QStringLiteral("addTenantButton")))
        add->setEnabled(wrong.isEmpty() && !m_busy);
}

} // namespace pv::ui
