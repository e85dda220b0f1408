// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "ui/TenantSelector.h"

#include "core/runs/AccessGate.h"
#include "ui/RunReader.h"
#include "ui/UiLog.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>

namespace pv::ui {

namespace {
bool sameTenant(const TenantRecord& a, const TenantRecord& b)
{
    return a.id == b.id && a.name == b.name && a.entraTenantId == b.entraTenantId && a.readOnly == b.readOnly
           && a.cloud == b.cloud && a.clientId == b.clientId && a.authMethod == b.authMethod;
}
} // namespace

TenantSelector::TenantSelector(const RunService& runService, const AccessGate& gate, const TenantRepository& tenants,
                               QWidget* parent)
    : QWidget(parent)
    , m_gate(gate)
    , m_repository(tenants)
    , m_reader(new RunReader(runService, this))
{
    setObjectName(QStringLiteral("tenantSelector"));
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(8, 0, 0, 0);
    layout->setSpacing(6);
    auto* label = new QLabel(tr("&Tenant:"), this);
    layout->addWidget(label);
    m_combo = new QComboBox(this);
    m_combo->setObjectName(QStringLiteral("tenantCombo"));
    // Long tenant names elide instead of stretching the toolbar.
    m_combo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_combo->setMinimumContentsLength(28);
    m_combo->setPlaceholderText(tr("Loading…"));
    m_combo->setEnabled(false);
    label->setBuddy(m_combo);
    layout->addWidget(m_combo);

    connect(m_combo, &QComboBox::currentIndexChanged, this, &TenantSelector::onIndexChanged);
}

TenantSelector::~TenantSelector() = default;

void TenantSelector::reload()
{
    const AccessGate* gate = &m_gate;
    const TenantRepository* repository = &m_repository;
    m_reader->submit<Result<std::vector<Entry>>>(
        QStringLiteral("tenants"), this,
        [gate, repository]() -> Result<std::vector<Entry>> {
            auto tenants = repository->list();
            if (!tenants)
                return tenants.failure();
            std::vector<Entry> entries;
            for (const TenantRecord& tenant : tenants.value()) {
                // The gate makes the scope now, so that switching tenants needs no read later.
                auto scope = gate->enter(tenant.id);
                entries.emplace_back(tenant, scope ? std::optional<TenantScope>(scope.value()) : std::nullopt);
            }
            return entries;
        },
        [this](const Result<std::vector<Entry>>& entries) {
            if (!entries) {
                qCWarning(lcUi, "cannot read the tenants: %s", qUtf8Printable(entries.error().toString()));
                if (!m_loaded)
                    apply({});
                return;
            }
            apply(entries.value());
        });
}

bool TenantSelector::isLoading() const
{
    return m_reader->isBusy();
}

void TenantSelector::apply(const std::vector<Entry>& entries)
{
    QList<TenantRecord> tenants;
    for (const Entry& entry : entries)
        tenants.append(entry.first);
    const bool firstLoad = !m_loaded;
    m_loaded = true;
    const bool changed = tenants.size() != m_tenants.size()
                         || !std::equal(tenants.cbegin(), tenants.cend(), m_tenants.cbegin(), sameTenant);
    if (!changed && !firstLoad)
        return;

    const qint64 previous = currentTenantId();
    m_tenants = tenants;
    m_entries = entries;
    {
        const QSignalBlocker blocker(m_combo);
        m_combo->clear();
        for (const TenantRecord& tenant : std::as_const(m_tenants)) {
            const QString label = tenant.readOnly ? tr("%1 (read-only)").arg(tenant.name) : tenant.name;
            m_combo->addItem(label, tenant.id);
            m_combo->setItemData(m_combo->count() - 1, tr("%1\nTenant ID: %2").arg(tenant.name, tenant.entraTenantId),
                                 Qt::ToolTipRole);
        }
        m_combo->setPlaceholderText(m_tenants.isEmpty() ? tr("No tenant yet") : QString());
        const int index = m_combo->findData(previous);
        m_combo->setCurrentIndex(index >= 0 ? index : (m_tenants.isEmpty() ? -1 : 0));
    }
    m_combo->setEnabled(!m_tenants.isEmpty());
    emit tenantsChanged();
    // The same tenant with a new read-only flag needs a new scope too.
    onIndexChanged();
}

bool TenantSelector::select(qint64 tenantId)
{
    const int index = m_combo->findData(tenantId);
    if (index < 0)
        return false;
    m_combo->setCurrentIndex(index);
    return true;
}

QString TenantSelector::tenantName(qint64 tenantId) const
{
    for (const TenantRecord& tenant : m_tenants) {
        if (tenant.id == tenantId)
            return tenant.name;
    }
    return {};
}

void TenantSelector::onIndexChanged()
{
    const qint64 tenantId = m_combo->currentData().toLongLong();
    std::optional<TenantScope> scope;
    for (const Entry& entry : m_entries) {
        if (entry.first.id == tenantId && entry.second)
            scope = entry.second;
    }
    const bool same = (!scope && !m_scope)
                      || (scope && m_scope && scope->tenantId() == m_scope->tenantId()
                          && scope->isReadOnly() == m_scope->isReadOnly());
    m_scope = scope;
    if (!same)
        emit currentScopeChanged();
}

} // namespace pv::ui
