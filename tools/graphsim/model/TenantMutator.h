// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

#include "tools/graphsim/model/SimWorld.h"

#include <QJsonObject>

namespace graphsim {

class DefinitionCatalog;
struct SimTenant;

/// /_sim/mutate: seeded edits that stand in for an admin changing things in the portal
/// between two backups. options: {"seed": n, "policies": n, "settings": n, "assignments": n,
/// "renames": n, "deletes": n} (counts default to 1, 1, 1, 0, 0). Reports
/// {"changed": [{"policyId", "kind", "detail"}]}; kinds: metadata, setting, assignments,
/// renamed, deleted.
class TenantMutator
{
public:
    TenantMutator(const DefinitionCatalog& catalog, SimClock& clock, const ModelQuirks& quirks);
    QJsonObject mutate(SimTenant& tenant, const QJsonObject& options, quint64 call);

private:
    const DefinitionCatalog& m_catalog;
    SimClock& m_clock;
    const ModelQuirks& m_quirks;
};

} // namespace graphsim
