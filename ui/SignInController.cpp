// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "ui/SignInController.h"

#include "core/graph/Cloud.h"
#include "core/graph/DeviceCodeSignIn.h"
#include "core/secrets/SecretStore.h"
#include "ui/BackgroundWriter.h"
#include "ui/BrowserSignInDialog.h"
#include "ui/DeviceCodeDialog.h"

#include <QAction>
#include <QDesktopServices>
#include <QHBoxLayout>
#include <QLabel>
#include <QNetworkAccessManager>
#include <QThread>
#include <QToolButton>

namespace pv::ui {

namespace {

Result<graph::DelegatedSignInParams> paramsFor(const TenantRecord& tenant)
{
    auto cloud = graph::parseCloud(tenant.cloud);
    if (!cloud)
        return cloud.failure();
    auto endpoints = graph::resolveEndpoints(*cloud, tenant.graphUrl, tenant.authorityUrl);
    if (!endpoints)
        return endpoints.failure();
    graph::DelegatedSignInParams params;
    params.endpoints = *endpoints;
    params.entraTenantId = tenant.entraTenantId;
    params.clientId = tenant.clientId;
    params.tenantUuid = tenant.uuid;
    params.tenantName = tenant.name;
    params.caCertificatePath = tenant.caCertificatePath;
    return params;
}

} // namespace

SignInController::SignInController(SecretStore& secrets, QAction* signIn, QAction* signOut, QWidget* window)
    : QObject(window)
    , m_secrets(secrets)
    , m_signIn(signIn)
    , m_signOut(signOut)
    , m_window(window)
    , m_reader(new BackgroundWriter(this))
{
    // QDesktopServices needs the GUI thread; the flow calls the launcher on its own thread.
    // Queued, not blocking: a flow thread waiting on the GUI thread could deadlock with a GUI
    // thread that waits for the flow (closing the window). The dialog shows the link anyway.
    m_launcher = [this](const QUrl& url) {
        QMetaObject::invokeMethod(this, [url] { QDesktopServices::openUrl(url); }, Qt::QueuedConnection);
        return true;
    };
    m_statusWidget = new QWidget(window);
    m_statusWidget->setObjectName(QStringLiteral("signInStatus"));
    auto* layout = new QHBoxLayout(m_statusWidget);
    layout->setContentsMargins(8, 0, 8, 0);
    m_status = new QLabel(m_statusWidget);
    m_status->setObjectName(QStringLiteral("signInStatusLabel"));
    layout->addWidget(m_status);
    for (QAction* action : {m_signIn, m_signOut}) {
        auto* button = new QToolButton(m_statusWidget);
        button->setDefaultAction(action);
        button->setObjectName(action == m_signIn ? QStringLiteral("signInButton") : QStringLiteral("signOutButton"));
        button->setAutoRaise(true);
        layout->addWidget(button);
    }
    connect(m_signIn, &QAction::triggered, this, &SignInController::signIn);
    connect(m_signOut, &QAction::triggered, this, &SignInController::signOut);
    showStatus();
}

SignInController::~SignInController()
{
    if (m_cancel)
        m_cancel();
    if (m_thread) {
        m_thread->quit();
        m_thread->wait();
    }
}

bool SignInController::isDelegated() const
{
    return m_tenant && (m_tenant->authMethod == QLatin1String("device_code") || m_tenant->authMethod == QLatin1String("interactive"));
}

bool SignInController::isBusy() const
{
    return m_pending > 0 || m_thread != nullptr;
}

DeviceCodeDialog* SignInController::deviceCodeDialog() const
{
    return m_deviceDialog.data();
}

BrowserSignInDialog* SignInController::browserDialog() const
{
    return m_browserDialog.data();
}

QString SignInController::statusText() const
{
    return m_status->text();
}

void SignInController::setStatusAction(QAction* action)
{
    m_statusAction = action;
    showStatus();
}

void SignInController::setTenant(const std::optional<TenantRecord>& tenant)
{
    const bool same = tenant && m_tenant && tenant->id == m_tenant->id && tenant->authMethod == m_tenant->authMethod;
    m_tenant = tenant;
    if (!same) {
        m_user.clear();
        m_statusKnown = false;
    }
    showStatus();
    refreshStatus();
}

void SignInController::refreshStatus()
{
    if (!isDelegated())
        return;
    // The keychain may block (an unlock prompt): read it off the GUI thread.
    ++m_pending;
    SecretStore* secrets = &m_secrets;
    const TenantRecord tenant = *m_tenant;
    m_reader->run<Result<QString>>(
        this, [secrets, uuid = tenant.uuid] { return graph::signedInUser(*secrets, uuid); },
        [this, id = tenant.id](const Result<QString>& user) {
            --m_pending;
            if (!m_tenant || m_tenant->id != id)
                return;
            if (!user)
                emit problem(tr("Cannot read the sign-in of %1 from the keychain: %2").arg(m_tenant->name, user.error().message));
            m_user = user ? *user : QString();
            m_statusKnown = user.ok();
            showStatus();
            emit statusChanged();
        });
}

void SignInController::showStatus()
{
    const bool delegated = isDelegated();
    if (m_statusAction)
        m_statusAction->setVisible(delegated);
    else
        m_statusWidget->setVisible(delegated);
    const bool running = m_thread != nullptr;
    const bool signedIn = !m_user.isEmpty();
    m_signIn->setVisible(delegated);
    m_signOut->setVisible(delegated);
    // A person who signed in may sign in again as someone else: Sign In… stays enabled in the
    // menu while signed in; beside the status only the button that applies shows.
    m_signIn->setEnabled(delegated && !running && m_statusKnown);
    m_signOut->setEnabled(delegated && !running && signedIn);
    if (!delegated)
        m_status->clear();
    else if (running)
        m_status->setText(tr("Signing in…"));
    else if (!m_statusKnown)
        m_status->setText(QString());
    else if (signedIn)
        m_status->setText(tr("Signed in as %1").arg(m_user));
    else
        m_status->setText(tr("Not signed in"));
    if (auto* button = m_statusWidget->findChild<QToolButton*>(QStringLiteral("signInButton")))
        button->setVisible(delegated && !signedIn);
    if (auto* button = m_statusWidget->findChild<QToolButton*>(QStringLiteral("signOutButton")))
        button->setVisible(delegated && signedIn);
}

void SignInController::signIn()
{
    if (!isDelegated() || m_thread)
        return;
    const TenantRecord tenant = *m_tenant;
    Result<graph::DelegatedSignInParams> params = paramsFor(tenant);
    if (!params)
        return emit problem(params.error().message);
    const bool browser = tenant.authMethod == QLatin1String("interactive");

    m_thread = new QThread(this);
    m_thread->setObjectName(QStringLiteral("signIn"));
    auto* context = new QObject;   // lives and dies on the flow's thread, with its children
    context->moveToThread(m_thread);
    connect(m_thread, &QThread::finished, context, &QObject::deleteLater);
    m_thread->start();

    QPointer<QObject> guard(context);
    auto deliver = [this, tenant](Result<QString> result) {
        QMetaObject::invokeMethod(this, [this, tenant, result] { finished(tenant, result); }, Qt::QueuedConnection);
    };
    if (browser) {
        auto* dialog = new BrowserSignInDialog(tenant.name, m_window);
        dialog->setObjectName(QStringLiteral("browserSignInDialog"));
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        m_browserDialog = dialog;
        const graph::BrowserLauncher launcher = m_launcher;
        QMetaObject::invokeMethod(context, [this, context, params = *params, launcher, deliver, dialog = QPointer(dialog)] {
            auto* network = new QNetworkAccessManager(context);
            auto* flow = new graph::InteractiveSignIn(params, &m_secrets, network, launcher, context);
            connect(flow, &graph::InteractiveSignIn::authorizeUrlReady, this, [dialog](const QUrl& url, bool opened) {
                if (dialog)
                    dialog->showUrl(url, opened);
            });
            connect(flow, &graph::InteractiveSignIn::finished, flow, [flow, deliver] { deliver(flow->result()); });
            flow->start();
        });
        connect(dialog, &BrowserSignInDialog::cancelRequested, this, [this] {
            if (m_cancel)
                m_cancel();
        });
        dialog->show();
    } else {
        auto* dialog = new DeviceCodeDialog(tenant.name, m_window);
        dialog->setObjectName(QStringLiteral("deviceCodeDialog"));
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        m_deviceDialog = dialog;
        QMetaObject::invokeMethod(context, [this, context, params = *params, deliver, dialog = QPointer(dialog)] {
            auto* network = new QNetworkAccessManager(context);
            auto* flow = new graph::DeviceCodeSignIn(params, &m_secrets, network, context);
            connect(flow, &graph::DeviceCodeSignIn::codeReady, this, [dialog](const graph::DeviceCodePrompt& prompt) {
                if (dialog)
                    dialog->showPrompt(prompt);
            });
            connect(flow, &graph::DeviceCodeSignIn::finished, flow, [flow, deliver] { deliver(flow->result()); });
            flow->start();
        });
        connect(dialog, &DeviceCodeDialog::cancelRequested, this, [this] {
            if (m_cancel)
                m_cancel();
        });
        dialog->show();
    }
    // Cancel reaches the flow on its thread; both flows are the context's only flow child.
    m_cancel = [guard] {
        if (!guard)
            return;
        QMetaObject::invokeMethod(guard.data(), [guard] {
            if (auto* flow = guard->findChild<graph::InteractiveSignIn*>())
                flow->cancel();
            if (auto* flow = guard->findChild<graph::DeviceCodeSignIn*>())
                flow->cancel();
        });
    };
    showStatus();
}

void SignInController::finished(const TenantRecord& tenant, const Result<QString>& result)
{
    m_cancel = nullptr;
    if (m_thread) {
        m_thread->quit();
        m_thread->wait();   // only the flow's last events: it has finished
        m_thread->deleteLater();
        m_thread = nullptr;
    }
    if (m_deviceDialog)
        m_deviceDialog->showResult(result);
    if (m_browserDialog)
        m_browserDialog->showResult(result);
    if (result && m_tenant && m_tenant->id == tenant.id) {
        m_user = *result;
        m_statusKnown = true;
    }
    showStatus();
    emit statusChanged();
}

void SignInController::signOut()
{
    if (!isDelegated() || m_thread)
        return;
    ++m_pending;
    SecretStore* secrets = &m_secrets;
    const TenantRecord tenant = *m_tenant;
    m_signOut->setEnabled(false);
    m_reader->run<Status>(
        this, [secrets, uuid = tenant.uuid] { return graph::signOut(*secrets, uuid); },
        [this, tenant](const Status& removed) {
            --m_pending;
            if (!removed)
                emit problem(tr("Signing out of %1 failed: %2").arg(tenant.name, removed.error().message));
            else if (m_tenant && m_tenant->id == tenant.id)
                m_user.clear();
            showStatus();
            emit statusChanged();
        });
}

} // namespace pv::ui
