// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

#include "tools/graphsim/model/SettingFactory.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

namespace graphsim {

class DefinitionCatalog;
class SimRandom;

/// Builds whole policy bodies (the JSON a client POSTs) of each kind the generator knows.
class PolicyFactory
{
public:
    PolicyFactory(const DefinitionCatalog& catalog, SimRandom& random);

    /// A plain settings-catalog policy from the given root definitions.
    QJsonObject plain(const QString& name, const QString& description, const QStringList& rootIds, int maxGroupEntries = 3);
    /// A plain policy from random roots of the given categories (count roots at most).
    QJsonObject plainFromCategories(const QString& name, const QStringList& categoryIds, int count, int maxGroupEntries = 3);
    /// An endpoint-security or baseline policy of a template with (up to) count of its roots.
    QJsonObject templated(const QString& name, const QString& description, const QString& templateId, int count,
                          int maxGroupEntries = 3);
    /// A firewall-rules policy (template 19c8aa67-…_1).
    QJsonObject firewallRules(const QString& name, const QString& description, const QList<FirewallRuleSpec>& rules);
    QList<FirewallRuleSpec> randomRules(int count);
    /// Access to the instance builder (demo policies pick specific options).
    SettingFactory& settings() { return m_settings; }
    QJsonObject body(const QString& name, const QString& description, const QString& technologies,
                     const QString& templateId, const QJsonArray& settings);

    /// Root definition ids usable in plain policies (template-only ones left out).
    QStringList plainPool() const;
    QStringList categoriesWithRoots() const;

private:
    QStringList computeCategories() const;
    QStringList pickRoots(QStringList pool, int count);

    const DefinitionCatalog& m_catalog;
    SimRandom& m_random;
    SettingFactory m_settings;
    QStringList m_plainPool;
    QStringList m_categories;
};

} // namespace graphsim
