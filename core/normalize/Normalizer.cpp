// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "core/normalize/Normalizer.h"

#include "core/normalize/FirewallRules.h"

#include <QCoreApplication>
#include <QHash>

#include <algorithm>

namespace pv::normalize {

namespace {

QString tr(const char* text) { return QCoreApplication::translate("pv::normalize::Normalizer", text); }

enum class InstanceType { Choice, ChoiceCollection, Simple, SimpleCollection, Group, GroupCollection, Unknown };

InstanceType instanceType(const QJsonObject& instance)
{
    const QString type = instance.value(QLatin1String("@odata.type")).toString();
    const QStringView name = QStringView(type).mid(type.lastIndexOf(QLatin1Char('.')) + 1);
    static const QLatin1String prefix("deviceManagementConfiguration");
    if (!name.startsWith(prefix))
        return InstanceType::Unknown;
    const QStringView rest = name.mid(prefix.size());
    if (rest == QLatin1String("ChoiceSettingInstance"))
        return InstanceType::Choice;
    if (rest == QLatin1String("ChoiceSettingCollectionInstance"))
        return InstanceType::ChoiceCollection;
    if (rest == QLatin1String("SimpleSettingInstance"))
        return InstanceType::Simple;
    if (rest == QLatin1String("SimpleSettingCollectionInstance"))
        return InstanceType::SimpleCollection;
    if (rest == QLatin1String("GroupSettingInstance"))
        return InstanceType::Group;
    if (rest == QLatin1String("GroupSettingCollectionInstance"))
        return InstanceType::GroupCollection;
    return InstanceType::Unknown;
}

/// rowKey segments are definition ids and record keys; these characters separate them.
QString escapeKey(const QString& text)
{
    static const auto special = [](QChar c) {
        return c == u'%' || c == u'/' || c == u'[' || c == u']' || c == u'=' || c == u'#';
    };
    if (std::none_of(text.cbegin(), text.cend(), special))
        return text;   // the usual case: shares the string, no copy
    QString out;
    out.reserve(text.size());
    for (QChar c : text) {
        switch (c.unicode()) {
        case '%': out += QLatin1String("%25"); break;
        case '/': out += QLatin1String("%2F"); break;
        case '[': out += QLatin1String("%5B"); break;
        case ']': out += QLatin1String("%5D"); break;
        case '=': out += QLatin1String("%3D"); break;
        case '#': out += QLatin1String("%23"); break;
        default: out += c;
        }
    }
    return out;
}

QString boolText(bool b) { return b ? tr("True") : tr("False"); }

/// The option part of an itemId ("…_allowtoasts_1" → "1"), "True"/"False" for boolean items.
QString optionFallback(const QString& definitionId, const QString& itemId)
{
    QString suffix = itemId;
    if (itemId.size() > definitionId.size() + 1 && itemId.startsWith(definitionId, Qt::CaseInsensitive))
        suffix = itemId.mid(definitionId.size() + 1);
    if (suffix.compare(QLatin1String("true"), Qt::CaseInsensitive) == 0)
        return boolText(true);
    if (suffix.compare(QLatin1String("false"), Qt::CaseInsensitive) == 0)
        return boolText(false);
    return suffix;
}

QString scalarText(const QJsonValue& value)
{
    if (value.isDouble()) {
        const double d = value.toDouble();
        return d == double(qint64(d)) ? QString::number(qint64(d)) : QString::number(d);
    }
    if (value.isBool())
        return boolText(value.toBool());
    return value.toString();
}

bool isSecretValue(const QJsonObject& value)
{
    return value.value(QLatin1String("@odata.type")).toString().endsWith(QLatin1String("SecretSettingValue"))
        || value.contains(QLatin1String("valueState"));
}

} // namespace

class Normalizer::Walk
{
public:
    Walk(const DefinitionLookup& definitions, QList<SettingRow>& out) : m_defs(definitions), m_out(out) {}

    /// One instance and its subtree. `seen` dedupes sibling keys (the same definition twice
    /// under one parent gets "#2", "#3": never expected from Graph, but keys must be unique).
    void instance(const QJsonObject& inst, const QString& parentKey, const QString& keyPrefix, int depth,
                  const QString& parentCategory, QHash<QString, int>& seen)
    {
        const QString id = inst.value(QLatin1String("settingDefinitionId")).toString();
        const Known& known = lookup(id);
        const SettingDefinition* def = known.definition;
        QString key = keyPrefix + escapeKey(id);
        if (const int n = ++seen[key]; n > 1)
            key += QLatin1Char('#') + QString::number(n);

        SettingRow row;
        row.rowKey = key;
        row.parentRowKey = parentKey;
        row.definitionId = id;
        row.depth = depth;
        row.definitionMissing = def == nullptr;
        if (def) {
            row.setting = !def->displayName.isEmpty() ? def->displayName
                        : !def->name.isEmpty()        ? def->name
                                                      : fallbackName(id);
            row.description = def->description;
            row.category = known.categoryPath;
        } else {
            row.setting = fallbackName(id);
        }
        if (row.category.isEmpty())
            row.category = parentCategory;

        switch (instanceType(inst)) {
        case InstanceType::Choice: choice(inst, def, row); break;
        case InstanceType::ChoiceCollection: choiceCollection(inst, def, row); break;
        case InstanceType::Simple: simple(inst.value(QLatin1String("simpleSettingValue")).toObject(), def, row); break;
        case InstanceType::SimpleCollection: simpleCollection(inst, row); break;
        case InstanceType::Group: group(inst, row); break;
        case InstanceType::GroupCollection: groupCollection(inst, row); break;
        case InstanceType::Unknown:
            row.value = inst.value(QLatin1String("@odata.type")).toString();
            row.definitionMissing = true;
            m_out.append(row);
            break;
        }
    }

private:
    /// A definition and its category path, looked up once per walk: firewall rules repeat the
    /// same dozen definition ids for every rule.
    struct Known
    {
        const SettingDefinition* definition = nullptr;
        QString categoryPath;
    };
    const Known& lookup(const QString& id)
    {
        auto found = m_known.find(id);
        if (found == m_known.end()) {
            Known k;
            k.definition = m_defs.definition(id);
            if (k.definition)
                k.categoryPath = m_defs.categoryPath(k.definition->categoryId);
            found = m_known.insert(id, k);
        }
        return found.value();
    }

    void children(const QJsonArray& list, const QString& parentKey, const QString& keyPrefix, int depth,
                  const QString& category)
    {
        QHash<QString, int> seen;
        for (const QJsonValue& c : list)
            instance(c.toObject(), parentKey, keyPrefix, depth, category, seen);
    }

    QString optionText(const QString& id, const SettingDefinition* def, const QString& itemId, SettingRow& row) const
    {
        if (auto label = firewall::shortLabel(id, itemId))
            return *label;
        if (def) {
            const auto found = def->optionNames.constFind(itemId.toLower());
            if (found != def->optionNames.constEnd() && !found->isEmpty())
                return *found;
            if (found == def->optionNames.constEnd())
                row.unknownOption = true;
        }
        return optionFallback(id, itemId);
    }

    void choice(const QJsonObject& inst, const SettingDefinition* def, SettingRow& row)
    {
        const QJsonObject value = inst.value(QLatin1String("choiceSettingValue")).toObject();
        const QString itemId = value.value(QLatin1String("value")).toString();
        row.rawValue = itemId;
        row.value = optionText(row.definitionId, def, itemId, row);
        const QJsonArray kids = value.value(QLatin1String("children")).toArray();
        if (kids.isEmpty()) {
            m_out.append(std::move(row));
            return;
        }
        m_out.append(row);
        children(kids, row.rowKey, row.rowKey + QLatin1Char('/'), row.depth + 1, row.category);
    }

    void choiceCollection(const QJsonObject& inst, const SettingDefinition* def, SettingRow& row)
    {
        const QJsonArray values = inst.value(QLatin1String("choiceSettingCollectionValue")).toArray();
        QStringList labels;
        QJsonArray raw;
        for (const QJsonValue& v : values) {
            const QString itemId = v.toObject().value(QLatin1String("value")).toString();
            raw.append(itemId);
            const QString label = optionText(row.definitionId, def, itemId, row);
            if (!labels.contains(label))
                labels.append(label);
        }
        row.rawValue = raw;
        row.value = labels.join(QLatin1String(", "));
        m_out.append(row);
        // Children hang off one selected option: key them by it so they stay put when another
        // option is added or removed.
        for (const QJsonValue& v : values) {
            const QJsonObject value = v.toObject();
            const QString prefix = row.rowKey + QLatin1Char('=') + escapeKey(value.value(QLatin1String("value")).toString())
                                 + QLatin1Char('/');
            children(value.value(QLatin1String("children")).toArray(), row.rowKey, prefix, row.depth + 1, row.category);
        }
    }

    void simple(const QJsonObject& value, const SettingDefinition* def, SettingRow& row)
    {
        if (isSecretValue(value) || (def && def->secret)) {
            // The captured value is Intune's token (or, worse, plaintext): never shown, never raw.
            row.secret = true;
            row.value = secretText();
            row.valueToolTip = secretToolTip();
            row.rawValue = QJsonValue(value.value(QLatin1String("valueState")).toString());
        } else {
            const QJsonValue v = value.value(QLatin1String("value"));
            row.rawValue = v;
            row.value = scalarText(v);
            // A rule's protocol number reads as its name; Graph takes integers quoted too.
            static const QLatin1String protocol("_protocol");
            bool number = v.isDouble();
            const qint64 n = number ? v.toInteger() : v.toString().toLongLong(&number);
            if (number && row.definitionId.endsWith(protocol, Qt::CaseInsensitive)
                && firewall::isRuleCollection(row.definitionId.left(row.definitionId.size() - protocol.size())))
                row.value = firewall::protocolName(n);
        }
        m_out.append(std::move(row));
    }

    void simpleCollection(const QJsonObject& inst, SettingRow& row)
    {
        QStringList texts;
        QJsonArray raw;
        const bool dynamic = firewall::isDynamicKeywords(row.definitionId);
        for (const QJsonValue& v : inst.value(QLatin1String("simpleSettingCollectionValue")).toArray()) {
            const QJsonObject value = v.toObject();
            if (isSecretValue(value)) {
                row.secret = true;
                texts.append(secretText());
                raw.append(value.value(QLatin1String("valueState")));
                continue;
            }
            raw.append(value.value(QLatin1String("value")));
            const QString text = scalarText(value.value(QLatin1String("value")));
            texts.append(dynamic ? firewall::dynamicKeywordText(text) : text);
        }
        if (row.secret)
            row.valueToolTip = secretToolTip();
        row.unresolvedReference = dynamic && !texts.isEmpty();
        row.rawValue = raw;
        row.value = texts.join(QLatin1String(", "));
        m_out.append(std::move(row));
    }

    void group(const QJsonObject& inst, SettingRow& row)
    {
        row.kind = SettingRow::Kind::Group;
        m_out.append(row);
        children(inst.value(QLatin1String("groupSettingValue")).toObject().value(QLatin1String("children")).toArray(),
                 row.rowKey, row.rowKey + QLatin1Char('/'), row.depth + 1, row.category);
    }

    void groupCollection(const QJsonObject& inst, SettingRow& row)
    {
        const QJsonArray records = inst.value(QLatin1String("groupSettingCollectionValue")).toArray();
        const bool rules = firewall::isRuleCollection(row.definitionId);
        row.kind = SettingRow::Kind::Collection;
        const int n = int(records.size());
        row.value = rules ? (n == 1 ? tr("1 rule") : tr("%1 rules").arg(n)) : (n == 1 ? tr("1 item") : tr("%1 items").arg(n));
        row.rawValue = QJsonValue(qint64(records.size()));
        m_out.append(row);

        QHash<QString, int> usedKeys;
        for (qsizetype i = 0; i < records.size(); ++i) {
            const QJsonArray kids = records.at(i).toObject().value(QLatin1String("children")).toArray();
            bool named = false;
            QString recordKey = recordKeyOf(kids, &named);
            if (recordKey.isEmpty())
                recordKey = QLatin1Char('#') + QString::number(i + 1);   // last resort: position
            if (const int n = ++usedKeys[recordKey]; n > 1)
                recordKey += QLatin1Char('#') + QString::number(n);

            SettingRow rec;
            rec.kind = SettingRow::Kind::Record;
            rec.rowKey = row.rowKey + QLatin1Char('[') + escapeKey(recordKey) + QLatin1Char(']');
            rec.parentRowKey = row.rowKey;
            rec.definitionId = row.definitionId;
            rec.category = row.category;
            rec.depth = row.depth + 1;
            rec.definitionMissing = row.definitionMissing;
            rec.setting = named ? recordKey : tr("Item %1").arg(i + 1);
            if (rules) {
                FirewallRecord fw = firewall::recordFromChildren(kids);
                if (fw.name.isEmpty())
                    fw.name = rec.setting;
                rec.setting = fw.name;
                rec.value = fw.summary();
                rec.rawValue = fw.name;
                rec.unresolvedReference = !fw.dynamicKeywords.isEmpty();
                rec.record = std::move(fw);
            }
            const QString recKey = rec.rowKey;
            const QString recCategory = rec.category;
            const int recDepth = rec.depth;
            m_out.append(std::move(rec));
            children(kids, recKey, recKey + QLatin1Char('/'), recDepth + 1, recCategory);
        }
    }

    /// The value that names a record: a child ending "_name" (firewall rules), "_key" (the UNC
    /// path of hardened UNC paths) or "_path", else the first simple string child. Empty when
    /// none has a value: the caller falls back to the position.
    QString recordKeyOf(const QJsonArray& kids, bool* named) const
    {
        static const QLatin1String suffixes[] = {QLatin1String("_name"), QLatin1String("_key"), QLatin1String("_path")};
        QString best[3];
        QString firstString;
        for (const QJsonValue& k : kids) {
            const QJsonObject child = k.toObject();
            if (instanceType(child) != InstanceType::Simple)
                continue;
            const QJsonObject value = child.value(QLatin1String("simpleSettingValue")).toObject();
            const QJsonValue v = value.value(QLatin1String("value"));
            if (isSecretValue(value) || !v.isString() || v.toString().isEmpty())
                continue;
            if (firstString.isEmpty())
                firstString = v.toString();
            const QString id = child.value(QLatin1String("settingDefinitionId")).toString();
            for (int i = 0; i < 3; ++i) {
                if (best[i].isEmpty() && id.endsWith(suffixes[i], Qt::CaseInsensitive))
                    best[i] = v.toString();
            }
        }
        for (const QString& b : best) {
            if (!b.isEmpty()) {
                *named = true;
                return b;
            }
        }
        *named = !firstString.isEmpty();
        return firstString;
    }

    const DefinitionLookup& m_defs;
    QList<SettingRow>& m_out;
    QHash<QString, Known> m_known;
};

QList<SettingRow> Normalizer::policyRows(const QJsonObject& policy) const
{
    return settingsRows(policy.value(QLatin1String("settings")).toArray());
}

QList<SettingRow> Normalizer::settingsRows(const QJsonArray& settings) const
{
    QList<SettingRow> rows;
    rows.reserve(settings.size() * 2);
    Walk walk(m_definitions, rows);
    QHash<QString, int> seen;
    for (const QJsonValue& s : settings) {
        const QJsonObject item = s.toObject();
        const QJsonObject instance = item.contains(QLatin1String("settingInstance"))
                                       ? item.value(QLatin1String("settingInstance")).toObject()
                                       : item;
        walk.instance(instance, {}, {}, 0, {}, seen);
    }
    return rows;
}

QString Normalizer::fallbackName(const QString& definitionId)
{
    static const QLatin1String prefixes[] = {
        QLatin1String("device_vendor_msft_policy_config_"), QLatin1String("user_vendor_msft_policy_config_"),
        QLatin1String("device_vendor_msft_"), QLatin1String("user_vendor_msft_"), QLatin1String("vendor_msft_"),
    };
    QString name = definitionId;
    for (const QLatin1String& p : prefixes) {
        if (name.startsWith(p, Qt::CaseInsensitive)) {
            name = name.mid(p.size());
            break;
        }
    }
    name.replace(QLatin1Char('_'), QLatin1Char(' '));
    name = name.simplified();
    if (name.isEmpty())
        return tr("(unnamed setting)");
    name[0] = name.at(0).toUpper();
    return name;
}

QString Normalizer::secretText() { return tr("(secret)"); }

QString Normalizer::secretToolTip()
{
    return tr("Encrypted by Intune: the capture holds a token, not the secret. "
              "It must be re-entered when restoring to another tenant.");
}

} // namespace pv::normalize
