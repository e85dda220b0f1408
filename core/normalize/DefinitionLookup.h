// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace pv::normalize {

/// The parts of a Graph setting definition (deviceManagementConfiguration*SettingDefinition)
/// that rendering needs, parsed once.
struct SettingDefinition
{
    enum class Kind { Choice, ChoiceCollection, Simple, SimpleCollection, Group, GroupCollection, Other };

    QString id;
    QString name;            ///< CSP node name, e.g. "{FirewallRuleName}"
    QString displayName;
    QString description;
    QString categoryId;
    Kind kind = Kind::Other;
    bool secret = false;     ///< string value definition with isSecret
    QHash<QString, QString> optionNames;   ///< lower-cased option itemId → displayName

    static SettingDefinition fromJson(const QJsonObject& json);
};

/// Where the normalizer reads definitions and categories from. The core algorithm knows only
/// this interface: a snapshot's references, a settings response's expanded
/// `settingDefinitions` or graphsim's catalog all feed it (through DefinitionTable).
class DefinitionLookup
{
public:
    virtual ~DefinitionLookup() = default;
    /// The definition `id` (case-insensitive, as Graph matches them), or nullptr.
    virtual const SettingDefinition* definition(const QString& id) const = 0;
    /// "Root > … > Category" for a configuration category id; empty when unknown.
    virtual QString categoryPath(const QString& categoryId) const = 0;
};

/// An in-memory DefinitionLookup filled from Graph JSON.
class DefinitionTable final : public DefinitionLookup
{
public:
    /// Adds (or replaces) one definition as Graph serves it.
    void addDefinition(const QJsonObject& json);
    /// Adds (or replaces) one configurationCategory.
    void addCategory(const QJsonObject& json);
    /// Adds every expanded `settingDefinitions` entry of a settings list
    /// (`GET …/settings?$expand=settingDefinitions`).
    void addExpandedDefinitions(const QJsonArray& settings);
    void addCategories(const QJsonArray& categories);

    const SettingDefinition* definition(const QString& id) const override;
    QString categoryPath(const QString& categoryId) const override;
    qsizetype definitionCount() const { return m_definitions.size(); }

private:
    QHash<QString, SettingDefinition> m_definitions;   ///< lower-cased id →
    QHash<QString, QJsonObject> m_categories;          ///< lower-cased id →
    mutable QHash<QString, QString> m_paths;           ///< lower-cased category id → path (cache)
};

} // namespace pv::normalize
