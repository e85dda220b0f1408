// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

#include "core/graph/ConnectionCheck.h"
#include "core/store/TenantRepository.h"

#include <QByteArray>
#include <QDialog>

#include <optional>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QFormLayout;
class QGridLayout;
class QGroupBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;

namespace pv::ui {

class MessageWidget;

/// File ▸ Add Tenant… and Edit Tenant…: name, directory (tenant) ID, application (client) ID,
/// sign-in method with its client secret or certificate file and password, cloud, optional
/// CA file, Graph and authority URLs, read-only. It checks what it can as the user types
/// (required fields, files, URL pairs, https) and says what is missing above the buttons; the
/// caller writes the tenant off the GUI thread and reports the store's answer back with
/// showError() (a taken name, …) or closes it.
///
/// **Test connection** asks the caller (testRequested) to run the connection test on the
/// form as entered; the caller reports each check back (showCheck, testFinished) and the
/// dialog lists them under the button with a busy bar meanwhile. The secret field is a
/// password field; its text leaves the dialog only through secret().
class TenantDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TenantDialog)

public:
    enum class Mode { Add, Edit };

    explicit TenantDialog(QWidget* parent = nullptr);
    ~TenantDialog() override;

    /// Edit mode: the form shows `tenant`; tenant() keeps its id, uuid and flags. Its stored
    /// secret is not shown: an empty secret field keeps it.
    void setTenant(const TenantRecord& tenant);
    Mode mode() const { return m_mode; }

    /// The tenant as entered (trimmed); meaningful when problem() is empty.
    TenantRecord tenant() const;
    /// The client secret or certificate password typed; nullopt when the field is empty (in
    /// Edit mode: keep the stored one) or the sign-in method keeps no secret.
    std::optional<QByteArray> secret() const;
    /// What keeps the form from being saved, in words for the user; empty when it can be.
    QString problem() const;

    /// The store refused the tenant: show why and let the user correct it.
    void showError(const QString& message);
    /// While the tenant is being written: the form is read-only and Add/Save is disabled.
    void setBusy(bool busy);

    /// A connection test started: earlier results go, the busy bar shows.
    void testStarted();
    /// One check's result, as it arrives.
    void showCheck(const pv::graph::ConnectionCheck& check);
    /// The test ended (every check shown).
    void testFinished(const pv::graph::ConnectionTestResult& result);
    bool isTesting() const { return m_testing; }

    void accept() override;

signals:
    /// Add/Save was clicked on a valid form; the dialog stays open until the caller closes it.
    void submitted(const pv::TenantRecord& tenant);
    /// Test Connection was clicked on a form that can be tested.
    void testRequested();

private:
    QWidget* fileRow(QLineEdit* edit, const char* buttonName, const QString& title, const QString& filter);
    void methodChanged();
    void growToFit();
    void updateState();
    QString formProblem() const;   ///< everything but the name
    QString testProblem() const;

    Mode m_mode = Mode::Add;
    TenantRecord m_original;   ///< Edit mode: what the form started from
    QFormLayout* m_form = nullptr;
    QLineEdit* m_name = nullptr;
    QLineEdit* m_tenantId = nullptr;
    QLineEdit* m_clientId = nullptr;
    QComboBox* m_auth = nullptr;
    QLineEdit* m_certificate = nullptr;
    QWidget* m_certificateRow = nullptr;
    QLineEdit* m_secret = nullptr;
    QComboBox* m_cloud = nullptr;
    QLineEdit* m_caFile = nullptr;
    QWidget* m_caRow = nullptr;
    QGroupBox* m_customEndpoints = nullptr;
    QLineEdit* m_graphUrl = nullptr;
    QLineEdit* m_authorityUrl = nullptr;
    QCheckBox* m_readOnly = nullptr;
    QPushButton* m_test = nullptr;
    QProgressBar* m_testBusy = nullptr;
    QLabel* m_testSummary = nullptr;
    QWidget* m_results = nullptr;
    QGridLayout* m_resultsGrid = nullptr;
    MessageWidget* m_message = nullptr;   ///< the store's answer (an error)
    QLabel* m_hint = nullptr;             ///< what is still missing; keeps its space, so the form does not jump
    QDialogButtonBox* m_buttons = nullptr;
    QPushButton* m_save = nullptr;
    bool m_busy = false;
    bool m_edited = false;
    bool m_testing = false;
};

} // namespace pv::ui
