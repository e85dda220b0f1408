// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

#include "core/common/Result.h"

#include <QJsonObject>
#include <QSet>
#include <QString>

/// What capture reads out of a configurationPolicy's JSON: its type key, the references it
/// needs to render offline, and whether PolicyVault understands every setting in it.
namespace pv::capture::PolicyContent {

/// settingsCatalog, endpointSecurity or securityBaseline, from templateReference.templateFamily
/// (GRAPH_NOTES §1.1, §2): "baseline" → securityBaseline, "endpointSecurity…" → endpointSecurity,
/// anything else ("none", empty, the other settings-catalog families) → settingsCatalog.
QString typeKeyOf(const QJsonObject& configurationPolicy);

/// The policy's display name: `name` for configurationPolicies, `displayName` for the rest.
QString displayNameOf(const QJsonObject& object);

/// What a captured object refers to.
struct References
{
    QSet<QString> definitions;   ///< settingDefinitionId of every instance, children included
    QSet<QString> templates;     ///< templateReference.templateId
    QSet<QString> groups;        ///< groupId of every assignment target
    QSet<QString> filters;       ///< deviceAndAppManagementAssignmentFilterId of every target
    QSet<QString> scopeTags;     ///< roleScopeTagIds
    void unite(const References& other);
};

/// Walks `settings` (the policy's settings array) and its assignments. Parse when a setting
/// instance or value has an @odata.type PolicyVault does not know (GRAPH_NOTES §1.3): capturing
/// it would store something no restore could write back faithfully, so the item fails and says
/// which setting.
Result<References> referencesOf(const QJsonObject& object);

} // namespace pv::capture::PolicyContent
