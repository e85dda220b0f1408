// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "core/store/CaptureTypes.h"

namespace pv::CaptureTypes {

const QStringList& captured()
{
    static const QStringList keys{
        QStringLiteral("settingsCatalog"), QStringLiteral("endpointSecurity"), QStringLiteral("securityBaseline"),
        QStringLiteral("assignmentFilters"), QStringLiteral("scopeTags"),
    };
    return keys;
}

const QStringList& knownNotCaptured()
{
    // Graph collections (beta), as GRAPH_NOTES §3 and the backup tools surveyed there name them.
    static const QStringList collections{
        QStringLiteral("deviceManagement/deviceConfigurations"),
        QStringLiteral("deviceManagement/deviceCompliancePolicies"),
        QStringLiteral("deviceManagement/groupPolicyConfigurations"),
        QStringLiteral("deviceManagement/intents"),   // legacy endpoint security
        QStringLiteral("deviceManagement/compliancePolicies"),   // settings-catalog compliance
        QStringLiteral("deviceManagement/reusablePolicySettings"),   // firewall reusable groups
        QStringLiteral("deviceManagement/windowsAutopilotDeploymentProfiles"),
        QStringLiteral("deviceManagement/deviceEnrollmentConfigurations"),
        QStringLiteral("deviceManagement/deviceManagementScripts"),
        QStringLiteral("deviceManagement/deviceShellScripts"),
        QStringLiteral("deviceManagement/deviceHealthScripts"),
        QStringLiteral("deviceManagement/windowsFeatureUpdateProfiles"),
        QStringLiteral("deviceManagement/windowsQualityUpdateProfiles"),
        QStringLiteral("deviceManagement/windowsDriverUpdateProfiles"),
        QStringLiteral("deviceManagement/termsAndConditions"),
        QStringLiteral("deviceManagement/notificationMessageTemplates"),
        QStringLiteral("deviceAppManagement/mobileApps"),
        QStringLiteral("deviceAppManagement/managedAppPolicies"),   // app protection
        QStringLiteral("deviceAppManagement/mobileAppConfigurations"),
        QStringLiteral("deviceAppManagement/targetedManagedAppConfigurations"),
    };
    return collections;
}

} // namespace pv::CaptureTypes
