// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

#include "tools/graphsim/model/SimTenant.h"

#include <QJsonObject>
#include <QList>
#include <QString>

namespace graphsim {

class DefinitionCatalog;
class PolicyFactory;
class SimRandom;

/// The seeded tenant generator. Everything it produces is a pure function of
/// (profile, seed, index): splitmix64 for randomness, sorted inputs, no hash-order iteration,
/// fixed timestamps. Policies are built as client POST bodies and then go through the same
/// SettingsValidator a real POST does, so every generated policy is valid by construction.
class TenantGenerator
{
public:
    explicit TenantGenerator(const DefinitionCatalog& catalog);

    static QStringList profiles();
    bool generate(const QString& profile, quint64 seed, int index, SimTenant* tenant, QString* error);

    /// Credentials of the tenant at (profile, seed, index), as documented in the README.
    static QString tenantIdFor(const QString& profile, quint64 seed, int index);
    static QString tenantNameFor(int index);
    /// The people and public-client registrations of the delegated flows, deterministic per
    /// tenant id; also added to tenant files saved before graphsim had them.
    static void addPeople(SimTenant& tenant);

private:
    void addDirectory(SimTenant& tenant, SimRandom& random, int groups, int filters);
    static void addScopeTagAssignments(SimTenant& tenant);
    void addApps(SimTenant& tenant);
    bool addPolicy(SimTenant& tenant, SimRandom& random, QJsonObject body, bool assign, QString* error);
    QJsonArray randomAssignments(const SimTenant& tenant, SimRandom& random);
    bool demo(SimTenant& tenant, SimRandom& random, QString* error);
    bool bulk(SimTenant& tenant, SimRandom& random, int count, QString* error);
    QJsonObject bulkPolicy(PolicyFactory& factory, SimRandom& random, int i);

    const DefinitionCatalog& m_catalog;
};

} // namespace graphsim
