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
/// "renames": n, "deletes": n, "policyIds": [..], "assignmentChange": "add|remove|filter"}
/// (counts default to 1, 1, 1, 0, 0). Reports {"changed": [{"policyId", "kind", "detail", …}]};
/// kinds: metadata, setting, assignments, renamed, deleted, each with its exact facts (see
/// the model README). Every reported change is real: a regenerated setting that equals the
/// old one, or a secret (its token hides the value), is not reported and another is tried.
class TenantMutator
{
public:
    TenantMutator(const DefinitionCatalog& catalog, SimClock& clock, const ModelQuirks& quirks);
    QJsonObject mutate(SimTenant& tenant, const QJsonObject& options, quint64 call);

    /// /_sim/invalidate-secret: the secret tokens of policyId (all policies when empty), of
    /// settingDefinitionId (all secret settings when empty), stop being valid. rotate (the
    /// default) stands for an admin re-entering the secret in the portal: the policy gets a new
    /// token (and lastModifiedDateTime); without it the policy keeps the now-invalid token.
    /// Returns {"invalidated": [{policyId, settingDefinitionId, oldToken, newToken|null}]}, or
    /// an empty object with *error set when policyId is unknown.
    static QJsonObject invalidateSecrets(SimTenant& tenant, const QString& policyId, const QString& settingDefinitionId,
                                         bool rotate, const QString& now, QString* error);

private:
    using Report = std::function<void(const SimPolicy&, const QString&, const QString&, const QJsonObject&)>;
    /// Regenerates one random setting of p; false when that did not change anything a reader
    /// could see (the caller tries another).
    bool changeOneSetting(SimTenant& tenant, SimPolicy& p, SettingFactory& factory, const QString& now,
                          SimRandom& random, const Report& report);
    /// Adds an include group, removes an assignment or switches the filter of one ("add",
    /// "remove", "filter"; forced or drawn); false when that is not possible for p.
    bool changeAssignments(SimTenant& tenant, SimPolicy& p, const QString& forced, const QString& now,
                           SimRandom& random, const Report& report);

    const DefinitionCatalog& m_catalog;
    SimClock& m_clock;
    const ModelQuirks& m_quirks;
};

} // namespace graphsim
