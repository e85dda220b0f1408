// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

#include "core/normalize/DefinitionLookup.h"
#include "core/normalize/SettingRow.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QList>

namespace pv::normalize {

/// Flattens a configurationPolicy's setting-instance trees into rows (README: rows, rowKey
/// and readable-value rules). Settings-catalog, endpoint-security and baseline policies are
/// all configurationPolicies and go through the same code; template references are not needed
/// to read them. Pure: no database, no network; definitions come from the lookup.
class Normalizer
{
public:
    explicit Normalizer(const DefinitionLookup& definitions) : m_definitions(definitions) {}

    /// Rows of a policy object with its `settings` array (the captured canonical JSON).
    QList<SettingRow> policyRows(const QJsonObject& policy) const;
    /// Rows of a `settings` array: items `{"settingInstance": …}` (as Graph lists them) or bare
    /// setting instances.
    QList<SettingRow> settingsRows(const QJsonArray& settings) const;

    /// The readable name made from a definition id when its definition is missing:
    /// "device_vendor_msft_policy_config_abovelock_allowtoasts" → "Abovelock allowtoasts".
    static QString fallbackName(const QString& definitionId);
    /// What a secret reads as, and its tooltip.
    static QString secretText();
    static QString secretToolTip();

private:
    class Walk;
    const DefinitionLookup& m_definitions;
};

} // namespace pv::normalize
