// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

#include <QDateTime>
#include <QHash>
#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace pv::normalize {

/// What the Policies page's General tab and `policy show --settings` show about a captured
/// configuration policy besides its settings: readable labels, not Graph's tokens.
struct PolicyGeneral
{
    QString name;
    QString description;
    QStringList platforms;      ///< badges: "Windows 10 and later", "macOS", …
    QStringList technologies;   ///< badges: "MDM", "Defender for Endpoint", …
    QString templateId;         ///< empty: not made from a template
    QString templateName;       ///< the template's display name (policy or captured template)
    QString templateFamily;
    QString templateVersion;
    QStringList scopeTags;      ///< names; an id the snapshot does not name stays the id
    QDateTime created;          ///< UTC; invalid when Graph did not say
    QDateTime modified;         ///< UTC; invalid when Graph did not say

    /// "Windows Firewall Rules, endpointSecurityFirewall, version 1 (id …)"; empty without template.
    QString templateSummary() const;
    QJsonObject toJson() const;
};

/// "mdm,microsoftSense" → {"MDM", "Defender for Endpoint"}; an unknown token stays as it is.
QStringList technologyLabels(const QString& technologies);
/// "windows10" → {"Windows 10 and later"}; comma-separated flags like technologies.
QStringList platformLabels(const QString& platforms);

/// The General fields of a policy's canonical JSON. `templates` (templateId → the captured
/// configurationPolicyTemplate) and `scopeTags` (id → roleScopeTag) are the snapshot's
/// references; either may be empty.
PolicyGeneral policyGeneral(const QJsonObject& policy, const QHash<QString, QJsonObject>& templates,
                            const QHash<QString, QJsonObject>& scopeTags);

} // namespace pv::normalize
