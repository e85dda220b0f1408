// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "tools/graphsim/model/TenantMutator.h"

#include "tools/graphsim/model/DefinitionCatalog.h"
#include "tools/graphsim/model/PolicyRoutes.h"
#include "tools/graphsim/model/SettingFactory.h"
#include "tools/graphsim/model/SettingsValidator.h"
#include "tools/graphsim/model/SimRandom.h"
#include "tools/graphsim/model/SimTenant.h"

#include <QJsonArray>

namespace graphsim {

TenantMutator::TenantMutator(const DefinitionCatalog& catalog, SimClock& clock, const ModelQuirks& quirks)
    : m_catalog(catalog), m_clock(clock), m_quirks(quirks)
{
}

QJsonObject TenantMutator::mutate(SimTenant& tenant, const QJsonObject& options, quint64 call)
{
    QJsonArray changed;
    if (tenant.policies.isEmpty())
        return QJsonObject{{QStringLiteral("changed"), changed}};
    const quint64 seed = options.value(QStringLiteral("seed")).toVariant().toULongLong();
    SimRandom random(mixSeed(mixSeed(seed, tenant.tenantId), call));
    const QString now = graphTimestamp(m_clock.now());
    auto count = [&](const char* key) { return options.value(QLatin1String(key)).toInt(1); };
    auto report = [&](const SimPolicy& p, const QString& kind, const QString& detail) {
        changed.append(QJsonObject{{QStringLiteral("policyId"), p.id()}, {QStringLiteral("kind"), kind},
                                   {QStringLiteral("detail"), detail}});
    };

    for (int i = 0; i < count("policies"); ++i) {
        SimPolicy& p = tenant.policies[qsizetype(random.below(quint64(tenant.policies.size())))];
        const QString description = QStringLiteral("Edited in the portal (change %1)").arg(random.range(1000, 9999));
        p.meta.insert(QStringLiteral("description"), description);
        p.meta.insert(QStringLiteral("lastModifiedDateTime"), now);
        report(p, QStringLiteral("metadata"), QStringLiteral("description set to '%1'").arg(description));
    }

    SettingFactory factory(m_catalog, random);
    for (int i = 0; i < count("settings"); ++i) {
        SimPolicy& p = tenant.policies[qsizetype(random.below(quint64(tenant.policies.size())))];
        if (p.settings.isEmpty())
            continue;
        const qsizetype index = qsizetype(random.below(quint64(p.settings.size())));
        const QJsonObject old = p.settings.at(index).toObject().value(QStringLiteral("settingInstance")).toObject();
        const DefinitionInfo* def = m_catalog.find(old.value(QStringLiteral("settingDefinitionId")).toString());
        const QString templateId = p.meta.value(QStringLiteral("templateReference")).toObject()
                                       .value(QStringLiteral("templateId")).toString();
        const TemplateInfo* tmpl = templateId.isEmpty() ? nullptr : m_catalog.findTemplate(templateId);
        if (!def)
            continue;
        // Regenerate the setting from its definition and run it through the validator so the
        // stored form (secret tokens, explicit nulls) matches what a PUT would have stored.
        QJsonArray input{SettingFactory::settingItem(factory.instance(*def, tmpl))};
        QJsonArray stored;
        QString error;
        SettingsValidator validator(m_catalog, tenant, tmpl);
        if (!validator.validate(input, &stored, &error))
            continue;
        QJsonObject item = stored.at(0).toObject();
        item.insert(QStringLiteral("id"), QString::number(index));
        p.settings.replace(index, item);
        p.meta.insert(QStringLiteral("lastModifiedDateTime"), now);
        report(p, QStringLiteral("setting"), QStringLiteral("regenerated %1").arg(def->id));
    }

    for (int i = 0; i < count("assignments"); ++i) {
        SimPolicy& p = tenant.policies[qsizetype(random.below(quint64(tenant.policies.size())))];
        if (tenant.groups.isEmpty())
            break;
        QJsonArray input;
        for (const QJsonValue& a : std::as_const(p.assignments))
            input.append(QJsonObject{{QStringLiteral("target"), a.toObject().value(QStringLiteral("target"))}});
        QString detail;
        if (!input.isEmpty() && random.chance(50)) {
            const qsizetype drop = qsizetype(random.below(quint64(input.size())));
            detail = QStringLiteral("removed assignment %1").arg(p.assignments.at(drop).toObject().value(QStringLiteral("id")).toString());
            input.removeAt(drop);
        } else {
            const QString groupId = random.pick(tenant.groups).toObject().value(QStringLiteral("id")).toString();
            input.append(QJsonObject{{QStringLiteral("target"), QJsonObject{
                {QStringLiteral("@odata.type"), QStringLiteral("#microsoft.graph.groupAssignmentTarget")},
                {QStringLiteral("groupId"), groupId}}}});
            detail = QStringLiteral("assigned group %1").arg(groupId);
        }
        QJsonArray assignments;
        QString error;
        if (!routes::buildAssignments(tenant, p.id(), input, &assignments, &error))
            continue;   // the group was already assigned: nothing changes
        p.assignments = assignments;
        p.meta.insert(QStringLiteral("isAssigned"), !assignments.isEmpty());
        if (m_quirks.assignmentChangeBumpsLastModified)
            p.meta.insert(QStringLiteral("lastModifiedDateTime"), now);
        report(p, QStringLiteral("assignments"), detail);
    }
    // Renames and deletions default to none: callers that predate them get what they always got.
    for (int i = 0; i < options.value(QStringLiteral("renames")).toInt(0); ++i) {
        SimPolicy& p = tenant.policies[qsizetype(random.below(quint64(tenant.policies.size())))];
        const QString oldName = p.meta.value(QStringLiteral("name")).toString();
        const QString newName = QStringLiteral("%1 (renamed %2)")
                                    .arg(oldName.section(QStringLiteral(" (renamed "), 0, 0))
                                    .arg(random.range(1000, 9999));
        p.meta.insert(QStringLiteral("name"), newName);
        p.meta.insert(QStringLiteral("lastModifiedDateTime"), now);
        report(p, QStringLiteral("renamed"), QStringLiteral("renamed '%1' to '%2'").arg(oldName, newName));
    }

    for (int i = 0; i < options.value(QStringLiteral("deletes")).toInt(0); ++i) {
        if (tenant.policies.size() <= 1)
            break;   // a tenant with no policy left has nothing to practise on
        const SimPolicy p = tenant.policies.at(qsizetype(random.below(quint64(tenant.policies.size()))));
        tenant.removePolicy(p.id());
        report(p, QStringLiteral("deleted"),
               QStringLiteral("deleted '%1'").arg(p.meta.value(QStringLiteral("name")).toString()));
    }
    return QJsonObject{{QStringLiteral("changed"), changed}};
}

} // namespace graphsim
