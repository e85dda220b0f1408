// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

// Internal to graphsim_model: deviceManagement/configurationPolicies and its navigations.

#include "tools/graphsim/model/RouteContext.h"

namespace graphsim::routes {

SimResponse listPolicies(RouteContext& ctx);
SimResponse getPolicy(RouteContext& ctx, const QString& id);
SimResponse listPolicySettings(RouteContext& ctx, const QString& id);
SimResponse getPolicySetting(RouteContext& ctx, const QString& id, const QString& settingId);
SimResponse listPolicyAssignments(RouteContext& ctx, const QString& id);
SimResponse getPolicyAssignment(RouteContext& ctx, const QString& id, const QString& assignmentId);

SimResponse createPolicy(RouteContext& ctx);
SimResponse replacePolicy(RouteContext& ctx, const QString& id);
SimResponse patchPolicy(RouteContext& ctx, const QString& id);
SimResponse deletePolicy(RouteContext& ctx, const QString& id);
SimResponse assignPolicy(RouteContext& ctx, const QString& id);

/// The prototype used to check $filter property names on configurationPolicies.
QJsonObject policyPrototype();
/// Builds assignment objects from an /assign body's "assignments" (also used by the generator).
bool buildAssignments(const SimTenant& tenant, const QString& policyId, const QJsonValue& input,
                      QJsonArray* assignments, QString* error);

} // namespace graphsim::routes
