// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "ui/TenantActions.h"

#include "core/graph/ConnectionTest.h"
#include "core/runs/TenantService.h"
#include "ui/BackgroundWriter.h"
#include "ui/MessageBox.h"
#include "ui/TenantDialog.h"
#include "ui/UiLog.h"

#include <QWidget>

namespace pv::ui {

TenantActions::TenantActions(const TenantService& tenants, QWidget* window)
    : QObject(window)
    , m_tenants(tenants)
    , m_window(window)
    , m_writer(new BackgroundWriter(this))
{
}

TenantActions::~TenantActions() = default;

TenantDialog* TenantActions::dialog() const
{
    return m_dialog.data();
}

bool TenantActions::isBusy() const
{
    return m_writer->isBusy();
}

TenantDialog* TenantActions::openDialog()
{
    if (!m_dialog) {
        m_dialog = new TenantDialog(m_window);
        m_dialog->setAttribute(Qt::WA_DeleteOnClose);
        connect(m_dialog, &TenantDialog::submitted, this, &TenantActions::submit);
        connect(m_dialog, &TenantDialog::testRequested, this, &TenantActions::testConnection);
    }
    return m_dialog;
}

void TenantActions::addTenant()
{
    TenantDialog* dialog = openDialog();
    dialog->show();
    dialog->raise();
    dialog->activateWindow();
}

void TenantActions::editTenant(const TenantRecord& tenant)
{
    // An open dialog (adding, or editing another tenant) keeps what the user typed.
    const bool fresh = !m_dialog;
    TenantDialog* dialog = openDialog();
    if (fresh)
        dialog->setTenant(tenant);
    dialog->show();
    dialog->raise();
    dialog->activateWindow();
}

void TenantActions::submit(const TenantRecord& tenant)
{
    const TenantService* service = &m_tenants;
    const bool edit = m_dialog && m_dialog->mode() == TenantDialog::Mode::Edit;
    const std::optional<QByteArray> secret = m_dialog ? m_dialog->secret() : std::nullopt;
    m_writer->run<Result<TenantRecord>>(
        this,
        [service, tenant, secret, edit] { return edit ? service->update(tenant, secret) : service->add(tenant, secret); },
        [this, name = tenant.name, edit](const Result<TenantRecord>& saved) {
            if (!saved) {
                qCWarning(lcUi, "could not save tenant: %s", qUtf8Printable(saved.error().toString()));
                if (!m_dialog)
                    return;
                switch (saved.error().code) {
                case ErrorCode::Conflict:
                    m_dialog->showError(tr("A tenant named \"%1\" already exists. Choose another name.").arg(name));
                    return;
                default:
                    m_dialog->showError(edit ? tr("Could not save the tenant: %1").arg(saved.error().displayText())
                                             : tr("Could not add the tenant: %1").arg(saved.error().displayText()));
                    return;
                }
            }
            if (m_dialog)
                m_dialog->close();
            if (edit)
                emit tenantEdited(saved.value());
            else
                emit tenantAdded(saved.value());
        });
}

void TenantActions::testConnection()
{
    if (!m_dialog || m_dialog->isTesting())
        return;
    const TenantRecord tenant = m_dialog->tenant();
    graph::ConnectionTestParams params;
    params.cloud = tenant.cloud;
    params.graphUrl = tenant.graphUrl;
    params.authorityUrl = tenant.authorityUrl;
    params.entraTenantId = tenant.entraTenantId;
    params.clientId = tenant.clientId;
    params.authMethod = tenant.authMethod;
    params.tenantUuid = tenant.uuid;   // empty while adding: only the typed secret counts then
    params.tenantName = tenant.name;
    params.certificatePath = tenant.certificatePath;
    params.caCertificatePath = tenant.caCertificatePath;
    params.secret = m_dialog->secret();
    // A child of the dialog: closing the dialog (Cancel, Esc) destroys it, which cancels it.
    auto* test = new graph::ConnectionTest(params, m_tenants.secretStore(), m_dialog);
    test->setObjectName(QStringLiteral("connectionTest"));
    TenantDialog* dialog = m_dialog;
    connect(test, &graph::ConnectionTest::checkFinished, dialog, &TenantDialog::showCheck);
    connect(test, &graph::ConnectionTest::finished, dialog, [dialog, test](const graph::ConnectionTestResult& result) {
        dialog->testFinished(result);
        test->deleteLater();
    });
    dialog->testStarted();
    test->start();
}

void TenantActions::removeTenant(const TenantRecord& tenant)
{
    if (isBusy())
        return;
    // Which runs are active is a read of every process's runs: off the GUI thread too.
    const TenantService* service = &m_tenants;
    emit busyChanged(true);
    m_writer->run<Result<QList<RunRecord>>>(
        this, [service, id = tenant.id] { return service->activeRuns(id); },
        [this, tenant](const Result<QList<RunRecord>>& active) {
            emit busyChanged(false);
            if (!active) {
                emit problem(tr("Could not remove %1: %2").arg(tenant.name, active.error().displayText()));
                return;
            }
            confirmRemoval(tenant, int(active->size()));
        });
}

void TenantActions::confirmRemoval(const TenantRecord& tenant, int activeRuns)
{
    MessageBox::Question question;
    question.icon = QMessageBox::Warning;
    question.title = tr("Remove Tenant");
    const QString consequence = tr("Its runs, notifications and the secrets PolicyVault stored for it are deleted from "
                                   "this computer. Nothing changes in the tenant itself.");
    if (activeRuns > 0) {
        question.text = tr("%1 has %n active run(s). Cancel them and remove the tenant?", nullptr, activeRuns)
                            .arg(tenant.name);
        question.informativeText = consequence;
        question.choices = {{CancelRunsAndRemove, tr("&Cancel runs and remove"), QMessageBox::DestructiveRole},
                            {Keep, tr("&Keep tenant"), QMessageBox::RejectRole}};
    } else {
        question.text = tr("Remove %1 from PolicyVault?").arg(tenant.name);
        question.informativeText = consequence;
        question.choices = {{Remove, tr("&Remove tenant"), QMessageBox::DestructiveRole},
                            {Keep, tr("&Keep tenant"), QMessageBox::RejectRole}};
    }
    question.defaultChoice = Keep;
    question.escapeChoice = Keep;
    MessageBox::ask(m_window, question, [this, tenant](const MessageBox::Answer& answer) {
        switch (static_cast<Choice>(answer.choice)) {
        case Remove:
            remove(tenant, false);
            return;
        case CancelRunsAndRemove:
            remove(tenant, true);
            return;
        case Keep:
            return;
        }
    });
}

void TenantActions::remove(const TenantRecord& tenant, bool cancelActiveRuns)
{
    const TenantService* service = &m_tenants;
    TenantService::RemoveOptions options;
    options.cancelActiveRuns = cancelActiveRuns;
    emit busyChanged(true);
    m_writer->run<Result<TenantService::Removed>>(
        this, [service, id = tenant.id, options] { return service->remove(id, options); },
        [this, tenant](const Result<TenantService::Removed>& removed) {
            emit busyChanged(false);
            if (!removed) {
                qCWarning(lcUi, "could not remove tenant %lld: %s", tenant.id,
                          qUtf8Printable(removed.error().toString()));
                // Conflict: a run started (or did not stop) in the meantime; the store says which.
                emit problem(tr("%1 was not removed: %2").arg(tenant.name, removed.error().displayText()));
                return;
            }
            if (removed->secretsPending)
                emit problem(tr("%1 was removed, but its secrets are still in the keychain (%2). PolicyVault removes "
                                "them the next time it starts.")
                                 .arg(tenant.name, removed->keychainError));
            emit tenantRemoved(tenant.id, tenant.name);
        });
}

} // namespace pv::ui
