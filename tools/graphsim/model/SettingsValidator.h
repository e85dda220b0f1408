// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace graphsim {

class DefinitionCatalog;
struct DefinitionInfo;
struct TemplateInfo;
struct SimTenant;

/// Validates the "settings" of a create/PUT body against the real definition catalog and
/// turns them into the stored read form: ids renumbered, integers as numbers, secrets
/// replaced by the tenant's encryptedValueToken, null template references made explicit.
class SettingsValidator
{
public:
    SettingsValidator(const DefinitionCatalog& catalog, SimTenant& tenant, const TemplateInfo* tmpl);

    /// False with a Graph-style message on the first violation.
    bool validate(const QJsonValue& settings, QJsonArray* stored, QString* error);

private:
    bool instance(const QJsonObject& in, const QStringList* allowed, QJsonObject* out);
    bool choiceValue(const DefinitionInfo& def, const QJsonValue& in, QJsonObject* out);
    bool simpleValue(const DefinitionInfo& def, const QJsonValue& in, QJsonObject* out);
    bool children(const QJsonValue& in, const QStringList& allowed, QJsonArray* out);
    bool valueTemplateRef(const DefinitionInfo& def, const QJsonValue& in, QJsonValue* out);
    bool fail(const QString& message);

    const DefinitionCatalog& m_catalog;
    SimTenant& m_tenant;
    const TemplateInfo* m_template;
    QString m_error;
};

} // namespace graphsim
