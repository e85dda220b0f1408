// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

// Internal to graphsim_model: the read-only catalog (categories, definitions, templates) and
// the directory-ish collections (assignment filters, scope tags, groups).

#include "tools/graphsim/model/RouteContext.h"

namespace graphsim::routes {

SimResponse listCategories(RouteContext& ctx);
SimResponse getCategory(RouteContext& ctx, const QString& id);
SimResponse listConfigurationSettings(RouteContext& ctx);
SimResponse getConfigurationSetting(RouteContext& ctx, const QString& id);
SimResponse listTemplates(RouteContext& ctx);
SimResponse getTemplate(RouteContext& ctx, const QString& id);
SimResponse listSettingTemplates(RouteContext& ctx, const QString& templateId);

SimResponse listAssignmentFilters(RouteContext& ctx);
SimResponse getAssignmentFilter(RouteContext& ctx, const QString& id);
SimResponse listRoleScopeTags(RouteContext& ctx);
SimResponse getRoleScopeTag(RouteContext& ctx, const QString& id);
// Writes (IntuneObjectWriteRoutes.cpp): restore recreates filters and tags before policies.
SimResponse createAssignmentFilter(RouteContext& ctx);
SimResponse patchAssignmentFilter(RouteContext& ctx, const QString& id);
SimResponse deleteAssignmentFilter(RouteContext& ctx, const QString& id);
SimResponse createRoleScopeTag(RouteContext& ctx);
SimResponse patchRoleScopeTag(RouteContext& ctx, const QString& id);
SimResponse deleteRoleScopeTag(RouteContext& ctx, const QString& id);
SimResponse listRoleScopeTagAssignments(RouteContext& ctx, const QString& tagId);
SimResponse listGroups(RouteContext& ctx);
SimResponse getGroup(RouteContext& ctx, const QString& id);

} // namespace graphsim::routes
