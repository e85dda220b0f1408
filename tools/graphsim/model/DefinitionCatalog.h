// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

namespace graphsim {

enum class DefinitionKind { Choice, ChoiceCollection, Simple, SimpleCollection, GroupCollection, Group };
enum class ValueKind { String, Integer, Secret };

struct OptionInfo
{
    QString itemId;
    QString displayName;
    QStringList childIds;
};

/// One real setting definition from tools/graphsim/data/definitions, indexed for validation
/// and generation.
struct DefinitionInfo
{
    QString id;
    QString name;
    QString displayName;
    QString categoryId;
    QString rootId;
    DefinitionKind kind = DefinitionKind::Simple;
    ValueKind valueKind = ValueKind::String;
    qint64 minValue = 0;
    qint64 maxValue = 0;
    QList<OptionInfo> options;
    QString defaultOptionId;
    QStringList childIds;          ///< group (collection) children
    QJsonObject json;              ///< as Graph serves it

    bool isRoot() const { return rootId == id; }
    const OptionInfo* option(const QString& itemId) const;
};

/// A configurationPolicyTemplate and its setting (instance/value) template ids.
struct TemplateInfo
{
    struct Ref
    {
        QString instanceTemplateId;
        QString valueTemplateId;   ///< empty for collections and groups
        bool observed = false;     ///< false: synthetic (see data/templates.json)
    };
    QString id;
    QString displayName;
    QString displayVersion;
    QString family;
    QString technologies;
    QStringList rootDefinitionIds;
    QHash<QString, Ref> refs;      ///< definition id → references

    QJsonObject toJson() const;
};

/// The definition catalog, categories and templates, loaded from the embedded data files.
class DefinitionCatalog
{
public:
    DefinitionCatalog();
    DefinitionCatalog(const DefinitionCatalog&) = delete;   // holds pointers into itself
    DefinitionCatalog& operator=(const DefinitionCatalog&) = delete;
    bool load(QString* error);

    const DefinitionInfo* find(const QString& id) const;
    /// Every definition, sorted by id.
    const QList<DefinitionInfo>& all() const { return m_definitions; }
    /// Root definitions of one category, sorted by id.
    QList<const DefinitionInfo*> rootsInCategory(const QString& categoryId) const;
    QStringList categoryIdsWithDefinitions() const;
    const QJsonArray& categories() const { return m_categories; }
    const TemplateInfo* findTemplate(const QString& templateId) const;
    const QList<TemplateInfo>& templates() const { return m_templates; }
    /// Root + every descendant definition id (deduplicated, in tree order).
    QStringList treeIds(const QString& rootId) const;
    /// The flat settingDefinitions list for one setting instance tree (root + each child
    /// definition referenced anywhere in it).
    QJsonArray definitionsForInstance(const QJsonObject& instance) const;
    /// The settingTemplates of a template; with definitions when expand is set.
    QJsonArray settingTemplates(const TemplateInfo& tmpl, bool expand) const;

    static QString instanceType(DefinitionKind kind);
    static QString valueType(ValueKind kind);

private:
    bool loadDefinitions(QString* error);
    bool loadTemplates(QString* error);
    QJsonObject instanceTemplate(const TemplateInfo& tmpl, const DefinitionInfo& def) const;
    void collectInstanceIds(const QJsonObject& instance, QStringList* ids) const;

    QList<DefinitionInfo> m_definitions;
    QHash<QString, qsizetype> m_index;   ///< lower-cased id → position
    QHash<QString, QList<const DefinitionInfo*>> m_rootsByCategory;   ///< lower-cased category id
    QStringList m_categoryIds;
    QJsonArray m_categories;
    QList<TemplateInfo> m_templates;
};

} // namespace graphsim
