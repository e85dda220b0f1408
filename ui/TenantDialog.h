// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

#include "core/store/TenantRepository.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QGroupBox;
class QLabel;
class QLineEdit;

namespace pv::ui {

class MessageWidget;

/// File ▸ Add Tenant…: name, directory (tenant) ID, application (client) ID, sign-in method,
/// cloud, optional Graph and authority URLs, read-only. It checks what it can as the user
/// types (required fields, URL pairs, https) and says what is missing above the buttons; the caller
/// writes the tenant off the GUI thread and reports the store's answer back with showError()
/// (a taken name, …) or closes it.
class TenantDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TenantDialog)

public:
    explicit TenantDialog(QWidget* parent = nullptr);
    ~TenantDialog() override;

    /// The tenant as entered (trimmed); meaningful when problem() is empty.
    TenantRecord tenant() const;
    /// What keeps the form from being added, in words for the user; empty when it can be.
    QString problem() const;

    /// The store refused the tenant: show why and let the user correct it.
    void showError(const QString& message);
    /// While the tenant is being written: the form is read-only and Add is disabled.
    void setBusy(bool busy);

    void accept() override;

signals:
    /// Add was clicked on a valid form; the dialog stays open until the caller closes it.
    void submitted(const pv::TenantRecord& tenant);

private:
    void updateState();

    QLineEdit* m_name = nullptr;
    QLineEdit* m_tenantId = nullptr;
    QLineEdit* m_clientId = nullptr;
    QComboBox* m_auth = nullptr;
    QComboBox* m_cloud = nullptr;
    QGroupBox* m_customEndpoints = nullptr;
    QLineEdit* m_graphUrl = nullptr;
    QLineEdit* m_authorityUrl = nullptr;
    QCheckBox* m_readOnly = nullptr;
    MessageWidget* m_message = nullptr;   ///< the store's answer (an error)
    QLabel* m_hint = nullptr;             ///< what is still missing; keeps its space, so the form does not jump
    QDialogButtonBox* m_buttons = nullptr;
    bool m_busy = false;
    bool m_edited = false;
};

} // namespace pv::ui
