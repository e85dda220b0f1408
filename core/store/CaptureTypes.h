// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

#include <QStringList>

namespace pv::CaptureTypes {

/// The type keys PolicyVault captures: settingsCatalog, endpointSecurity and securityBaseline
/// (all configurationPolicies, told apart by templateReference.templateFamily),
/// assignmentFilters and scopeTags.
const QStringList& captured();

/// Intune object types PolicyVault knows of but does not capture yet, named by their Graph
/// collection. Every snapshot records this list, so a reader sees what the snapshot does not
/// hold. The one place to shrink when a type gains capture support.
const QStringList& knownNotCaptured();

} // namespace pv::CaptureTypes
