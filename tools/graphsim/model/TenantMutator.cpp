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

namespace {

bool holdsSecret(const QJsonValue& value)
{
    if (value.isObject()) {
        const QJsonObject object = value.toObject();
        if (object.contains(QStringLiteral("valueState")))
            return true;
        for (const QJsonValue& child : object)
            if (holdsSecret(child))
                return true;
    } else if (value.isArray()) {
        for (const QJsonValue& child : value.toArray())
            if (holdsSecret(child))
                return true;
    }
    return false;
}

} // namespace

bool TenantMutator::changeOneSetting(SimTenant& tenant, SimPolicy& p, SettingFactory& factory, const QString& now,
                                     SimRandom& random, const Report& report)
{
    if (p.settings.isEmpty())
        return false;
    const qsizetype index = qsizetype(random.below(quint64(p.settings.size())));
    const QJsonObject old = p.settings.at(index).toObject().value(QStringLiteral("settingInstance")).toObject();
    if (holdsSecret(old))
        return false;
    const DefinitionInfo* def = m_catalog.find(old.value(QStringLiteral("settingDefinitionId")).toString());
    const QString templateId = p.meta.value(QStringLiteral("templateReference")).toObject()
                                   .value(QStringLiteral("templateId")).toString();
    const TemplateInfo* tmpl = templateId.isEmpty() ? nullptr : m_catalog.findTemplate(templateId);
    if (!def)
        return false;
    // Regenerate the setting from its definition and run it through the validator so the
    // stored form (secret tokens, explicit nulls) matches what a PUT would have stored.
    QJsonArray input{SettingFactory::settingItem(factory.instance(*def, tmpl))};
    QJsonArray stored;
    QString error;
    // A discarded attempt must not leave tokens behind (the validator issues them as it goes).
    const QMap<QString, QString> secrets = tenant.secrets;
    const QMap<QString, QString> secretSettings = tenant.secretSettings;
    const quint64 secretCounter = tenant.secretCounter;
    auto discard = [&] {
        tenant.secrets = secrets;
        tenant.secretSettings = secretSettings;
        tenant.secretCounter = secretCounter;
        return false;
    };
    SettingsValidator validator(m_catalog, tenant, tmpl);
    if (!validator.validate(input, &stored, &error))
        return discard();
    QJsonObject item = stored.at(0).toObject();
    const QJsonObject instance = item.value(QStringLiteral("settingInstance")).toObject();
    if (instance == old || holdsSecret(instance))
        return discard();
    item.insert(QStringLiteral("id"), QString::number(index));
    p.settings.replace(index, item);
    p.meta.insert(QStringLiteral("lastModifiedDateTime"), now);
    report(p, QStringLiteral("setting"), QStringLiteral("regenerated %1").arg(def->id),
           QJsonObject{{QStringLiteral("settingDefinitionId"), def->id}, {QStringLiteral("settingId"), QString::number(index)},
                       {QStringLiteral("old"), old}, {QStringLiteral("new"), instance}});
    return true;
}

bool TenantMutator::changeAssignments(SimTenant& tenant, SimPolicy& p, const QString& forced, const QString& now,
                                      SimRandom& random, const Report& report)
{
    if (tenant.groups.isEmpty())
        return false;
    QJsonArray input;
    QList<qsizetype> filterable;   // assignments that can carry a filter (not exclusions)
    for (qsizetype i = 0; i < p.assignments.size(); ++i) {
        const QJsonObject target = p.assignments.at(i).toObject().value(QStringLiteral("target")).toObject();
        input.append(QJsonObject{{QStringLiteral("target"), target}});
        if (!target.value(QStringLiteral("@odata.type")).toString().endsWith(QLatin1String("exclusionGroupAssignmentTarget")))
            filterable << i;
    }
    QString kind = forced;
    if (kind.isEmpty()) {
        QStringList kinds{QStringLiteral("add")};
        if (!input.isEmpty())
            kinds << QStringLiteral("remove");
        if (!filterable.isEmpty() && !tenant.assignmentFilters.isEmpty())
            kinds << QStringLiteral("filter");
        kind = random.pick(kinds);
    }
    QString detail;
    if (kind == QLatin1String("add")) {
        const QString groupId = random.pick(tenant.groups).toObject().value(QStringLiteral("id")).toString();
        input.append(QJsonObject{{QStringLiteral("target"), QJsonObject{
            {QStringLiteral("@odata.type"), QStringLiteral("#microsoft.graph.groupAssignmentTarget")},
            {QStringLiteral("groupId"), groupId}}}});
        detail = QStringLiteral("assigned group %1").arg(groupId);
    } else if (kind == QLatin1String("remove")) {
        if (input.isEmpty())
            return false;
        const qsizetype drop = qsizetype(random.below(quint64(input.size())));
        detail = QStringLiteral("removed assignment %1").arg(p.assignments.at(drop).toObject().value(QStringLiteral("id")).toString());
        input.removeAt(drop);
    } else if (kind == QLatin1String("filter")) {
        if (filterable.isEmpty() || tenant.assignmentFilters.isEmpty())
            return false;
        const qsizetype at = random.pick(filterable);
        QJsonObject target = input.at(at).toObject().value(QStringLiteral("target")).toObject();
        const QString oldFilter = target.value(QStringLiteral("deviceAndAppManagementAssignmentFilterId")).toString();
        // Another filter, or none when the target had one: a real switch either way.
        QStringList choices;
        for (const QJsonValue& f : std::as_const(tenant.assignmentFilters)) {
            const QString id = f.toObject().value(QStringLiteral("id")).toString();
            if (id.compare(oldFilter, Qt::CaseInsensitive) != 0)
                choices << id;
        }
        if (!oldFilter.isEmpty())
            choices << QString();
        const QString newFilter = random.pick(choices);
        target.insert(QStringLiteral("deviceAndAppManagementAssignmentFilterId"),
                      newFilter.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(newFilter));
        target.insert(QStringLiteral("deviceAndAppManagementAssignmentFilterType"),
                      newFilter.isEmpty() ? QStringLiteral("none")
                                          : (random.chance(50) ? QStringLiteral("include") : QStringLiteral("exclude")));
        input.replace(at, QJsonObject{{QStringLiteral("target"), target}});
        detail = QStringLiteral("switched the filter of assignment %1 from %2 to %3")
                     .arg(p.assignments.at(at).toObject().value(QStringLiteral("id")).toString(),
                          oldFilter.isEmpty() ? QStringLiteral("none") : oldFilter,
                          newFilter.isEmpty() ? QStringLiteral("none") : newFilter);
    } else {
        return false;
    }
    QJsonArray assignments;
    QString error;
    if (!routes::buildAssignments(tenant, p.id(), input, &assignments, &error))
        return false;   // e.g. the group was already assigned: nothing changes
    // What a reader sees change: targets that left the set and targets that joined it.
    auto targets = [](const QJsonArray& list) {
        QJsonArray out;
        for (const QJsonValue& a : list)
            out.append(a.toObject().value(QStringLiteral("target")));
        return out;
    };
    const QJsonArray before = targets(p.assignments);
    const QJsonArray after = targets(assignments);
    QJsonArray added, removed;
    for (const QJsonValue& t : after)
        if (!before.contains(t))
            added.append(t);
    for (const QJsonValue& t : before)
        if (!after.contains(t))
            removed.append(t);
    if (added.isEmpty() && removed.isEmpty())
        return false;
    p.assignments = assignments;
    p.meta.insert(QStringLiteral("isAssigned"), !assignments.isEmpty());
    if (m_quirks.assignmentChangeBumpsLastModified)
        p.meta.insert(QStringLiteral("lastModifiedDateTime"), now);
    report(p, QStringLiteral("assignments"), detail,
           QJsonObject{{QStringLiteral("change"), kind}, {QStringLiteral("added"), added}, {QStringLiteral("removed"), removed}});
    return true;
}

namespace {

/// Walks a settings tree; for every secret value of definitionId (any when empty) calls
/// edit(definitionId, valueObject) and stores what it returns.
QJsonValue editSecrets(const QJsonValue& value, const QString& definitionId,
                       const std::function<QJsonObject(const QString&, const QJsonObject&)>& edit)
{
    if (value.isArray()) {
        QJsonArray out;
        for (const QJsonValue& child : value.toArray())
            out.append(editSecrets(child, definitionId, edit));
        return out;
    }
    if (!value.isObject())
        return value;
    QJsonObject object = value.toObject();
    const QString id = object.value(QStringLiteral("settingDefinitionId")).toString();
    const QJsonObject simple = object.value(QStringLiteral("simpleSettingValue")).toObject();
    if (!id.isEmpty() && simple.value(QStringLiteral("valueState")).toString() == QLatin1String("encryptedValueToken")
        && (definitionId.isEmpty() || id == definitionId)) {
        object.insert(QStringLiteral("simpleSettingValue"), edit(id, simple));
        return object;
    }
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (it.value().isObject() || it.value().isArray())
            it.value() = editSecrets(it.value(), definitionId, edit);
    }
    return object;
}

} // namespace

QJsonObject TenantMutator::invalidateSecrets(SimTenant& tenant, const QString& policyId, const QString& settingDefinitionId,
                                             bool rotate, const QString& now, QString* error)
{
    if (!policyId.isEmpty() && !tenant.findPolicy(policyId)) {
        *error = QStringLiteral("unknown policy %1").arg(policyId);
        return {};
    }
    QJsonArray invalidated;
    for (SimPolicy& p : tenant.policies) {
        if (!policyId.isEmpty() && p.id().compare(policyId, Qt::CaseInsensitive) != 0)
            continue;
        bool touched = false;
        p.settings = editSecrets(p.settings, settingDefinitionId, [&](const QString& defId, const QJsonObject& secret) {
            const QString oldToken = secret.value(QStringLiteral("value")).toString();
            const QString plaintext = tenant.secrets.value(oldToken);
            tenant.secrets.remove(oldToken);
            tenant.secretSettings.remove(oldToken);
            QJsonObject out = secret;
            QJsonValue newToken = QJsonValue::Null;
            if (rotate) {
                newToken = tenant.secretToken(plaintext, defId);
                out.insert(QStringLiteral("value"), newToken);
                touched = true;
            }
            invalidated.append(QJsonObject{{QStringLiteral("policyId"), p.id()}, {QStringLiteral("settingDefinitionId"), defId},
                                           {QStringLiteral("oldToken"), oldToken}, {QStringLiteral("newToken"), newToken}});
            return out;
        }).toArray();
        if (touched)
            p.meta.insert(QStringLiteral("lastModifiedDateTime"), now);
    }
    return QJsonObject{{QStringLiteral("invalidated"), invalidated}};
}

QJsonObject TenantMutator::mutate(SimTenant& tenant, const QJsonObject& options, quint64 call)
{
    QJsonArray changed;
    // "policyIds": only these policies are edited (unknown ids are ignored).
    QList<qsizetype> candidates;
    const QJsonArray only = options.value(QStringLiteral("policyIds")).toArray();
    for (qsizetype i = 0; i < tenant.policies.size(); ++i) {
        if (only.isEmpty() || only.contains(QJsonValue(tenant.policies.at(i).id())))
            candidates << i;
    }
    if (candidates.isEmpty())
        return QJsonObject{{QStringLiteral("changed"), changed}};
    const quint64 seed = options.value(QStringLiteral("seed")).toVariant().toULongLong();
    SimRandom random(mixSeed(mixSeed(seed, tenant.tenantId), call));
    const QString now = graphTimestamp(m_clock.now());
    auto count = [&](const char* key) { return options.value(QLatin1String(key)).toInt(1); };
    // Every change names its policy, kind and a human detail, plus the exact facts of that
    // kind (old/new values, assignment targets added/removed) so tests can assert them.
    auto report = [&](const SimPolicy& p, const QString& kind, const QString& detail, const QJsonObject& facts = {}) {
        QJsonObject change = facts;
        change.insert(QStringLiteral("policyId"), p.id());
        change.insert(QStringLiteral("kind"), kind);
        change.insert(QStringLiteral("detail"), detail);
        changed.append(change);
    };
    auto pickPolicy = [&]() -> SimPolicy& {
        return tenant.policies[candidates.at(qsizetype(random.below(quint64(candidates.size()))))];
    };

    for (int i = 0; i < count("policies"); ++i) {
        SimPolicy& p = pickPolicy();
        const QString old = p.meta.value(QStringLiteral("description")).toString();
        QString description;
        do {
            description = QStringLiteral("Edited in the portal (change %1)").arg(random.range(1000, 9999));
        } while (description == old);
        p.meta.insert(QStringLiteral("description"), description);
        p.meta.insert(QStringLiteral("lastModifiedDateTime"), now);
        report(p, QStringLiteral("metadata"), QStringLiteral("description set to '%1'").arg(description),
               QJsonObject{{QStringLiteral("field"), QStringLiteral("description")}, {QStringLiteral("old"), old},
                           {QStringLiteral("new"), description}});
    }

    // Each requested setting edit is a real change: a regenerated instance that happens to equal
    // the old one (a boolean drawn the same again) or that only holds a secret (whose stored
    // token hides the value, so nobody could tell) is not reported; another setting is tried.
    SettingFactory factory(m_catalog, random);
    for (int i = 0; i < count("settings"); ++i) {
        for (int attempt = 0; attempt < 20; ++attempt) {
            if (changeOneSetting(tenant, pickPolicy(), factory, now, random, report))
                break;
        }
    }

    const QString forced = options.value(QStringLiteral("assignmentChange")).toString();
    for (int i = 0; i < count("assignments"); ++i) {
        for (int attempt = 0; attempt < 20; ++attempt) {
            if (changeAssignments(tenant, pickPolicy(), forced, now, random, report))
                break;
        }
    }
    // Renames and deletions default to none: callers that predate them get what they always got.
    for (int i = 0; i < options.value(QStringLiteral("renames")).toInt(0); ++i) {
        SimPolicy& p = pickPolicy();
        const QString oldName = p.meta.value(QStringLiteral("name")).toString();
        const QString newName = QStringLiteral("%1 (renamed %2)")
                                    .arg(oldName.section(QStringLiteral(" (renamed "), 0, 0))
                                    .arg(random.range(1000, 9999));
        p.meta.insert(QStringLiteral("name"), newName);
        p.meta.insert(QStringLiteral("lastModifiedDateTime"), now);
        report(p, QStringLiteral("renamed"), QStringLiteral("renamed '%1' to '%2'").arg(oldName, newName),
               QJsonObject{{QStringLiteral("oldName"), oldName}, {QStringLiteral("newName"), newName}});
    }

    for (int i = 0; i < options.value(QStringLiteral("deletes")).toInt(0); ++i) {
        if (tenant.policies.size() <= 1 || candidates.isEmpty())
            break;   // a tenant with no policy left has nothing to practise on
        const qsizetype pick = qsizetype(random.below(quint64(candidates.size())));
        const SimPolicy p = tenant.policies.at(candidates.at(pick));
        tenant.removePolicy(p.id());
        // Positions after the removed policy moved down by one: list the candidates again.
        candidates.clear();
        for (qsizetype j = 0; j < tenant.policies.size(); ++j) {
            if (only.isEmpty() || only.contains(QJsonValue(tenant.policies.at(j).id())))
                candidates << j;
        }
        const QString name = p.meta.value(QStringLiteral("name")).toString();
        report(p, QStringLiteral("deleted"), QStringLiteral("deleted '%1'").arg(name),
               QJsonObject{{QStringLiteral("name"), name}});
    }
    return QJsonObject{{QStringLiteral("changed"), changed}};
}

} // namespace graphsim
