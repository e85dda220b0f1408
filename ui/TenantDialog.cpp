// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "ui/TenantDialog.h"

#include "core/store/TenantProfile.h"

#include "ui/MessageWidget.h"

#include <QCheckBox>
#include <QComboBox>
#include <QCoreApplication>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QStyle>
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

bool keepsSecret(const QString& method)
{
    return method == QLatin1String("client_secret") || method == QLatin1String("certificate");
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

    m_form = new QFormLayout;
    m_form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_name = lineEdit(this, "tenantNameEdit", tr("e.g. Contoso Production"));
    m_form->addRow(tr("&Name:"), m_name);
    m_tenantId = lineEdit(this, "tenantIdEdit", tr("contoso.onmicrosoft.com or the directory ID"));
    m_form->addRow(tr("&Tenant ID:"), m_tenantId);
    m_clientId = lineEdit(this, "clientIdEdit", tr("Application (client) ID of the app registration"));
    m_form->addRow(tr("&Client ID:"), m_clientId);
    m_auth = new QComboBox(this);
    m_auth->setObjectName(QStringLiteral("authMethodCombo"));
    m_auth->addItem(tr("Client secret"), QStringLiteral("client_secret"));
    m_auth->addItem(tr("Certificate"), QStringLiteral("certificate"));
    m_auth->addItem(tr("Device code (sign in on another device)"), QStringLiteral("device_code"));
    m_auth->addItem(tr("Interactive sign-in (browser)"), QStringLiteral("interactive"));
    m_form->addRow(tr("&Sign-in method:"), m_auth);
    m_certificate = lineEdit(this, "certificateFileEdit", tr("PEM or PFX file registered on the app"));
    m_certificateRow = fileRow(m_certificate, "certificateBrowseButton", tr("Choose the Certificate File"),
                               tr("Certificates (*.pem *.pfx *.p12);;All files (*)"));
    m_form->addRow(tr("Certificate &file:"), m_certificateRow);
    m_secret = new QLineEdit(this);
    m_secret->setObjectName(QStringLiteral("secretEdit"));
    m_secret->setEchoMode(QLineEdit::Password);
    // Not from the clipboard's history of this field, not offered to input methods.
    m_secret->setInputMethodHints(Qt::ImhHiddenText | Qt::ImhSensitiveData | Qt::ImhNoPredictiveText);
    m_form->addRow(tr("Client s&ecret:"), m_secret);
    m_cloud = new QComboBox(this);
    m_cloud->setObjectName(QStringLiteral("cloudCombo"));
    m_cloud->addItem(tr("Global (commercial)"), QStringLiteral("global"));
    m_cloud->addItem(tr("US Government (GCC High)"), QStringLiteral("usgov"));
    m_cloud->addItem(tr("US Government (DoD)"), QStringLiteral("usgovdod"));
    m_cloud->addItem(tr("China (operated by 21Vianet)"), QStringLiteral("china"));
    m_form->addRow(tr("Cl&oud:"), m_cloud);
    m_caFile = lineEdit(this, "caFileEdit", tr("Optional: extra CA (PEM) for TLS inspection"));
    m_caRow = fileRow(m_caFile, "caFileBrowseButton", tr("Choose the CA Certificate File"),
                      tr("PEM certificates (*.pem *.crt *.cer);;All files (*)"));
    m_form->addRow(tr("C&A file:"), m_caRow);
    m_readOnly = new QCheckBox(tr("&Read-only: review and back up, never restore"), this);
    m_readOnly->setObjectName(QStringLiteral("readOnlyCheck"));
    m_form->addRow(QString(), m_readOnly);
    layout->addLayout(m_form);

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

    // Test connection: the button with a busy bar beside it, the checks' results below.
    auto* testRow = new QHBoxLayout;
    m_test = new QPushButton(tr("&Test Connection"), this);
    m_test->setObjectName(QStringLiteral("testConnectionButton"));
    m_test->setAutoDefault(false);
    m_test->setToolTip(tr("Sign in and read one page of everything a backup reads"));
    testRow->addWidget(m_test);
    m_testBusy = new QProgressBar(this);
    m_testBusy->setObjectName(QStringLiteral("testConnectionBusy"));
    m_testBusy->setRange(0, 0);   // busy: no percentage to show
    m_testBusy->setTextVisible(false);
    m_testBusy->setMaximumWidth(120);
    m_testBusy->setVisible(false);
    testRow->addWidget(m_testBusy);
    m_testSummary = new QLabel(this);
    m_testSummary->setObjectName(QStringLiteral("testConnectionSummary"));
    testRow->addWidget(m_testSummary, 1);
    layout->addLayout(testRow);

    m_results = new QWidget(this);
    m_results->setObjectName(QStringLiteral("testConnectionResults"));
    m_resultsGrid = new QGridLayout(m_results);
    m_resultsGrid->setContentsMargins(0, 0, 0, 0);
    m_resultsGrid->setHorizontalSpacing(6);
    m_resultsGrid->setVerticalSpacing(2);
    m_resultsGrid->setColumnStretch(1, 1);
    m_results->setVisible(false);
    layout->addWidget(m_results);

    m_hint = new QLabel(this);
    m_hint->setObjectName(QStringLiteral("tenantDialogHint"));
    m_hint->setWordWrap(true);
    m_hint->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    m_hint->setMinimumHeight(2 * m_hint->fontMetrics().lineSpacing());
    m_hint->setForegroundRole(QPalette::PlaceholderText);
    layout->addWidget(m_hint);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    // One object name in both modes: "Add Tenant" or "Save".
    m_save = m_buttons->addButton(tr("&Add Tenant"), QDialogButtonBox::AcceptRole);
    m_save->setObjectName(QStringLiteral("addTenantButton"));
    m_save->setDefault(true);
    layout->addWidget(m_buttons);

    for (QLineEdit* edit : {m_name, m_tenantId, m_clientId, m_graphUrl, m_authorityUrl, m_certificate, m_caFile}) {
        connect(edit, &QLineEdit::textChanged, this, [this] {
            m_edited = true;
            updateState();
        });
    }
    connect(m_auth, &QComboBox::currentIndexChanged, this, &TenantDialog::methodChanged);
    connect(m_customEndpoints, &QGroupBox::toggled, this, &TenantDialog::updateState);
    connect(m_test, &QPushButton::clicked, this, [this] {
        if (testProblem().isEmpty() && !m_testing)
            emit testRequested();
    });
    connect(m_buttons, &QDialogButtonBox::accepted, this, &TenantDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    methodChanged();
    resize(600, sizeHint().height());
    m_edited = false;
    updateState();
}

TenantDialog::~TenantDialog() = default;

QWidget* TenantDialog::fileRow(QLineEdit* edit, const char* buttonName, const QString& title, const QString& filter)
{
    auto* row = new QWidget(this);
    auto* layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    edit->setParent(row);
    layout->addWidget(edit, 1);
    auto* browse = new QPushButton(tr("Browse…"), row);
    browse->setObjectName(QLatin1String(buttonName));
    browse->setAutoDefault(false);
    layout->addWidget(browse);
    connect(browse, &QPushButton::clicked, this, [this, edit, title, filter] {
        // Window-modal and asynchronous: no nested event loop.
        auto* chooser = new QFileDialog(this, title, QFileInfo(edit->text()).absolutePath(), filter);
        chooser->setAttribute(Qt::WA_DeleteOnClose);
        chooser->setFileMode(QFileDialog::ExistingFile);
        connect(chooser, &QFileDialog::fileSelected, edit, [edit](const QString& file) { edit->setText(file); });
        chooser->open();
    });
    return row;
}

void TenantDialog::setTenant(const TenantRecord& tenant)
{
    m_mode = Mode::Edit;
    m_original = tenant;
    setWindowTitle(tr("Edit Tenant"));
    m_save->setText(tr("&Save"));
    m_name->setText(tenant.name);
    m_tenantId->setText(tenant.entraTenantId);
    m_clientId->setText(tenant.clientId);
    m_auth->setCurrentIndex(qMax(0, m_auth->findData(tenant.authMethod)));
    m_cloud->setCurrentIndex(qMax(0, m_cloud->findData(tenant.cloud)));
    m_certificate->setText(tenant.certificatePath);
    m_caFile->setText(tenant.caCertificatePath);
    m_customEndpoints->setChecked(!tenant.graphUrl.isEmpty() || !tenant.authorityUrl.isEmpty());
    m_graphUrl->setText(tenant.graphUrl);
    m_authorityUrl->setText(tenant.authorityUrl);
    m_readOnly->setChecked(tenant.readOnly);
    m_secret->clear();
    methodChanged();
    m_edited = false;
    updateState();
}

TenantRecord TenantDialog::tenant() const
{
    TenantRecord tenant = m_mode == Mode::Edit ? m_original : TenantRecord{};
    tenant.name = m_name->text().trimmed();
    tenant.entraTenantId = m_tenantId->text().trimmed();
    tenant.clientId = m_clientId->text().trimmed();
    tenant.authMethod = m_auth->currentData().toString();
    tenant.cloud = m_cloud->currentData().toString();
    tenant.graphUrl.clear();
    tenant.authorityUrl.clear();
    if (m_customEndpoints->isChecked()) {
        tenant.graphUrl = m_graphUrl->text().trimmed();
        tenant.authorityUrl = m_authorityUrl->text().trimmed();
    }
    tenant.certificatePath = tenant.authMethod == QLatin1String("certificate") ? m_certificate->text().trimmed() : QString();
    tenant.caCertificatePath = m_caFile->text().trimmed();
    tenant.readOnly = m_readOnly->isChecked();
    return tenant;
}

std::optional<QByteArray> TenantDialog::secret() const
{
    if (!keepsSecret(m_auth->currentData().toString()) || m_secret->text().isEmpty())
        return std::nullopt;
    return m_secret->text().toUtf8();
}

QString TenantDialog::formProblem() const
{
    const TenantRecord entered = tenant();
    if (entered.entraTenantId.isEmpty())
        return tr("Enter the tenant ID: the directory ID or a verified domain such as contoso.onmicrosoft.com.");
    if (entered.clientId.isEmpty())
        return tr("Enter the application (client) ID of the app registration PolicyVault signs in with.");
    if (entered.authMethod == QLatin1String("certificate")) {
        if (entered.certificatePath.isEmpty())
            return tr("Choose the certificate file (PEM or PFX) registered on the app.");
        if (!QFileInfo(entered.certificatePath).isFile())
            return tr("The certificate file %1 does not exist.").arg(entered.certificatePath);
    }
    if (!entered.caCertificatePath.isEmpty() && !QFileInfo(entered.caCertificatePath).isFile())
        return tr("The CA file %1 does not exist.").arg(entered.caCertificatePath);
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

QString TenantDialog::testProblem() const
{
    // A person's sign-in is tested with the stored refresh token: the test says "sign in
    // first" when there is none.
    return formProblem();
}

QString TenantDialog::problem() const
{
    if (m_name->text().trimmed().isEmpty())
        return tr("Enter a name for the tenant.");
    return formProblem();
}

void TenantDialog::methodChanged()
{
    const QString method = m_auth->currentData().toString();
    const bool certificate = method == QLatin1String("certificate");
    m_form->setRowVisible(m_certificateRow, certificate);
    m_form->setRowVisible(m_secret, keepsSecret(method));
    if (auto* label = qobject_cast<QLabel*>(m_form->labelForField(m_secret)))
        label->setText(certificate ? tr("Certificate pass&word:") : tr("Client s&ecret:"));
    // Only the method the tenant was saved with has a stored secret to keep.
    const bool stored = m_mode == Mode::Edit && method == m_original.authMethod;
    if (stored)
        m_secret->setPlaceholderText(tr("Stored in the keychain; leave empty to keep it"));
    else if (certificate)
        m_secret->setPlaceholderText(tr("Empty when the key has no password"));
    else
        m_secret->setPlaceholderText(tr("The secret's value, stored in the keychain"));
    updateState();
}

void TenantDialog::showError(const QString& message)
{
    setBusy(false);
    m_message->showMessage(MessageWidget::Type::Error, message);
}

void TenantDialog::setBusy(bool busy)
{
    m_busy = busy;
    for (QWidget* field : std::initializer_list<QWidget*>{m_name, m_tenantId, m_clientId, m_auth, m_cloud, m_secret,
                                                          m_certificateRow, m_caRow, m_customEndpoints, m_readOnly})
        field->setEnabled(!busy);
    updateState();
}

void TenantDialog::testStarted()
{
    m_testing = true;
    while (QLayoutItem* item = m_resultsGrid->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    m_results->setVisible(true);
    m_testBusy->setVisible(true);
    m_testSummary->setText(tr("Signing in and reading from Microsoft Graph…"));
    updateState();
}

void TenantDialog::showCheck(const pv::graph::ConnectionCheck& check)
{
    const int row = m_resultsGrid->rowCount();
    auto* icon = new QLabel(m_results);
    icon->setObjectName(QStringLiteral("checkIcon_") + check.key);
    const int size = style()->pixelMetric(QStyle::PM_SmallIconSize, nullptr, this);
    icon->setPixmap(style()
                        ->standardIcon(check.ok ? QStyle::SP_DialogApplyButton : QStyle::SP_MessageBoxCritical, nullptr, this)
                        .pixmap(size, size));
    icon->setAccessibleName(check.ok ? tr("Passed") : tr("Failed"));
    auto* name = new QLabel(check.label, m_results);
    QFont bold = name->font();
    bold.setBold(true);
    name->setFont(bold);
    QString text = check.message;
    if (!check.ok && !check.requestId.isEmpty())
        text += QLatin1Char(' ') + tr("(request-id %1)").arg(check.requestId);
    auto* message = new QLabel(text, m_results);
    message->setObjectName(QStringLiteral("checkMessage_") + check.key);
    message->setWordWrap(true);
    message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    message->setContentsMargins(0, 0, 0, 6);
    // The check's name beside its icon, what was found below the name: messages get the
    // dialog's whole width, and long ones wrap instead of pushing a column aside.
    m_resultsGrid->addWidget(icon, row, 0, Qt::AlignVCenter);
    m_resultsGrid->addWidget(name, row, 1);
    m_resultsGrid->addWidget(message, row + 1, 1);
    growToFit();
}

void TenantDialog::growToFit()
{
    // The results add height; a dialog the user has not made tall enough grows with them.
    QCoreApplication::sendPostedEvents(this, QEvent::LayoutRequest);
    const int wanted = layout()->totalHeightForWidth(width());
    if (wanted > height())
        resize(width(), wanted);
}

void TenantDialog::testFinished(const pv::graph::ConnectionTestResult& result)
{
    m_testing = false;
    m_testBusy->setVisible(false);
    qsizetype failed = 0;
    for (const pv::graph::ConnectionCheck& check : result.checks)
        failed += check.ok ? 0 : 1;
    m_testSummary->setText(failed == 0 ? tr("Every check passed.") : tr("%1 of %2 checks failed.").arg(failed).arg(result.checks.size()));
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
    m_save->setEnabled(wrong.isEmpty() && !m_busy);
    const QString untestable = testProblem();
    m_test->setEnabled(untestable.isEmpty() && !m_testing && !m_busy);
    m_test->setToolTip(untestable.isEmpty() ? tr("Sign in and read one page of everything a backup reads")
                                            : untestable);
}

} // namespace pv::ui
