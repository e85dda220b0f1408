// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

#include "tools/graphsim/model/SimWorld.h"

#include <QJsonObject>

#include <functional>

namespace graphsim {

class DefinitionCatalog;
class SettingFactory;
class SimRandom;
struct SimPolicy;
struct SimTenant;

/// /_sim/mutate: seeded edits that stand in for an admin changing things in the portal
/// between two backups. options: {"seed": n, "policies": n, "settings": n, "assignments": n,
/// "renames": n, "deletes": n} (counts default to 1, 1, 1, 0, 0). Reports
/// {"changed": [{"policyId", "kind", "detail"}]}; kinds: metadata, setting, assignments,
/// renamed, deleted. Every reported change is real: a regenerated setting that equals the
/// old one, or a secret (its token hides the value), is not reported and another is tried.
class TenantMutator
{
public:
    TenantMutator(const DefinitionCatalog& catalog, SimClock& clock, const ModelQuirks& quirks);
    QJsonObject mutate(SimTenant& tenant, const QJsonObject& options, quint64 call);

private:
    /// Regenerates one random setting of one random policy; false when that did not change
    /// anything a reader could see (the caller tries another).
    bool changeOneSetting(SimTenant& tenant, SettingFactory& factory, SimRandom& random, const QString& now,
                          const std::function<void(const SimPolicy&, const QString&, const QString&)>& report);

    const DefinitionCatalog& m_catalog;
    SimClock& m_clock;
    const ModelQuirks& m_quirks;
};

} // namespace graphsim
