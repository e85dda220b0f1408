// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

#include <QWidget>

class QLabel;
class QPushButton;

namespace pv::ui {

/// What the window shows without a tenant: "Loading…" until the list has been read, then how
/// to add one — an Add Tenant button, or the CLI command when the window cannot add tenants —
/// and, when the window can, an Open Demo Tenant button (a simulated tenant, no Azure needed).
class NoTenantPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(NoTenantPage)

public:
    explicit NoTenantPage(QWidget* parent = nullptr);
    ~NoTenantPage() override;

    void setState(bool loaded, bool canAddTenants, bool canOpenDemo = false);
    /// Greys the demo button while the demo tenant is being opened.
    void setDemoBusy(bool busy);

signals:
    void addTenantRequested();
    void demoTenantRequested();

private:
    QLabel* m_text = nullptr;
    QPushButton* m_add = nullptr;
    QPushButton* m_demo = nullptr;
};

} // namespace pv::ui
