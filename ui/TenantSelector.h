// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

#include "core/common/TenantScope.h"
#include "core/store/TenantRepository.h"

#include <QList>
#include <QWidget>

#include <optional>
#include <utility>
#include <vector>

class QComboBox;

namespace pv {
class AccessGate;
class RunService;
}

namespace pv::ui {

class RunReader;

/// The toolbar's tenant list: "Tenant: [Contoso ▾]". Reads the tenants and their scopes off
/// the GUI thread (at start, and again whenever the store changed — a tenant added or removed
/// by the CLI shows up while the window is open) and keeps the selection when the chosen
/// tenant still exists.
class TenantSelector final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TenantSelector)

public:
    TenantSelector(const RunService& runService, const AccessGate& gate, const TenantRepository& tenants,
                   QWidget* parent = nullptr);
    ~TenantSelector() override;

    /// Re-reads the tenant list off the GUI thread.
    void reload();
    /// True once the first list has arrived.
    bool isLoaded() const { return m_loaded; }
    /// True while a read is on its way (tests wait for it).
    bool isLoading() const;

    /// Selects a tenant of the list; false when it is not (yet) in it.
    bool select(qint64 tenantId);
    const std::optional<TenantScope>& currentScope() const { return m_scope; }
    qint64 currentTenantId() const { return m_scope ? m_scope->tenantId() : 0; }
    const QList<TenantRecord>& tenants() const { return m_tenants; }
    /// The listed tenant's name; empty when it is not listed.
    QString tenantName(qint64 tenantId) const;

    QComboBox* comboBox() const { return m_combo; }

signals:
    /// Another tenant (or none) is selected.
    void currentScopeChanged();
    /// The list arrived and differs from the one shown before.
    void tenantsChanged();

private:
    using Entry = std::pair<TenantRecord, std::optional<TenantScope>>;
    void apply(const std::vector<Entry>& entries);
    void onIndexChanged();

    const AccessGate& m_gate;
    const TenantRepository& m_repository;
    RunReader* m_reader = nullptr;
    QComboBox* m_combo = nullptr;
    QList<TenantRecord> m_tenants;
    std::vector<Entry> m_entries;
    std::optional<TenantScope> m_scope;
    bool m_loaded = false;
};

} // namespace pv::ui
