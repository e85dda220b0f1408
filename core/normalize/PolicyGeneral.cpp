// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "core/normalize/PolicyGeneral.h"

#include <QJsonArray>
#include <QRegularExpression>

namespace pv::normalize {

namespace {

/// Graph's flag enums are comma-separated tokens ("mdm,microsoftSense"); each maps to the
/// portal's wording, an unknown one (a newer Graph) stays readable as its token.
QStringList labels(const QString& tokens, const QHash<QString, QString>& names)
{
    QStringList out;
    for (const QString& raw : tokens.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        const QString token = raw.trimmed();
        if (token.isEmpty() || token.compare(QLatin1String("none"), Qt::CaseInsensitive) == 0)
            continue;
        out.append(names.value(token.toLower(), token));
    }
    return out;
}

QDateTime utcTime(const QJsonValue& value)
{
    // Graph sends up to 7 fraction digits; Qt parses up to 3, so cut the rest.
    QString text = value.toString();
    static const QRegularExpression extraDigits(QStringLiteral("(\\.\\d{3})\\d+"));
    text.replace(extraDigits, QStringLiteral("\\1"));
    QDateTime time = QDateTime::fromString(text, Qt::ISODateWithMs);
    return time.isValid() ? time.toUTC() : QDateTime();
}

QJsonValue isoOrNull(const QDateTime& time)
{
    return time.isValid() ? QJsonValue(time.toUTC().toString(Qt::ISODateWithMs)) : QJsonValue(QJsonValue::Null);
}

QJsonValue textOrNull(const QString& text)
{
    return text.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(text);
}

} // namespace

QStringList technologyLabels(const QString& technologies)
{
    static const QHash<QString, QString> names{
        {QStringLiteral("mdm"), QStringLiteral("MDM")},
        {QStringLiteral("microsoftsense"), QStringLiteral("Defender for Endpoint")},
        {QStringLiteral("configmanager"), QStringLiteral("Configuration Manager")},
        {QStringLiteral("windows10xmanagement"), QStringLiteral("Windows 10X")},
        {QStringLiteral("appleremotemanagement"), QStringLiteral("Apple remote management")},
        {QStringLiteral("exchangeonline"), QStringLiteral("Exchange Online")},
        {QStringLiteral("mobileapplicationmanagement"), QStringLiteral("Mobile application management")},
        {QStringLiteral("linuxmdm"), QStringLiteral("Linux MDM")},
        {QStringLiteral("enrollment"), QStringLiteral("Enrollment")},
        {QStringLiteral("endpointprivilegemanagement"), QStringLiteral("Endpoint Privilege Management")},
        {QStringLiteral("windowsosrecovery"), QStringLiteral("Windows OS recovery")},
        {QStringLiteral("android"), QStringLiteral("Android")},
    };
    return labels(technologies, names);
}

QStringList platformLabels(const QString& platforms)
{
    static const QHash<QString, QString> names{
        {QStringLiteral("windows10"), QStringLiteral("Windows 10 and later")},
        {QStringLiteral("windows10x"), QStringLiteral("Windows 10X")},
        {QStringLiteral("macos"), QStringLiteral("macOS")},
        {QStringLiteral("ios"), QStringLiteral("iOS/iPadOS")},
        {QStringLiteral("android"), QStringLiteral("Android")},
        {QStringLiteral("androidenterprise"), QStringLiteral("Android Enterprise")},
        {QStringLiteral("aosp"), QStringLiteral("Android (AOSP)")},
        {QStringLiteral("linux"), QStringLiteral("Linux")},
        // Assignment filters name platforms with Graph's devicePlatformType.
        {QStringLiteral("windows10andlater"), QStringLiteral("Windows 10 and later")},
        {QStringLiteral("windows81andlater"), QStringLiteral("Windows 8.1 and later")},
        {QStringLiteral("androidforwork"), QStringLiteral("Android Enterprise")},
        {QStringLiteral("androidworkprofile"), QStringLiteral("Android Enterprise (work profile)")},
        {QStringLiteral("androidaosp"), QStringLiteral("Android (AOSP)")},
    };
    return labels(platforms, names);
}

QString PolicyGeneral::templateSummary() const
{
    if (templateId.isEmpty())
        return {};
    QStringList parts;
    if (!templateName.isEmpty())
        parts.append(templateName);
    if (!templateFamily.isEmpty())
        parts.append(templateFamily);
    if (!templateVersion.isEmpty()) {
        // Graph's displayVersion is usually "Version 1" already; a bare "1" gets the word.
        parts.append(templateVersion.startsWith(QLatin1String("version"), Qt::CaseInsensitive)
                         ? templateVersion
                         : QStringLiteral("version %1").arg(templateVersion));
    }
    return parts.isEmpty() ? templateId : QStringLiteral("%1 (id %2)").arg(parts.join(QStringLiteral(", ")), templateId);
}

QJsonObject PolicyGeneral::toJson() const
{
    return {{QStringLiteral("name"), name},
            {QStringLiteral("description"), description},
            {QStringLiteral("platforms"), QJsonArray::fromStringList(platforms)},
            {QStringLiteral("technologies"), QJsonArray::fromStringList(technologies)},
            {QStringLiteral("template"),
             templateId.isEmpty() ? QJsonValue(QJsonValue::Null)
                                  : QJsonValue(QJsonObject{{QStringLiteral("id"), templateId},
                                                           {QStringLiteral("displayName"), textOrNull(templateName)},
                                                           {QStringLiteral("family"), textOrNull(templateFamily)},
                                                           {QStringLiteral("version"), textOrNull(templateVersion)}})},
            {QStringLiteral("scopeTags"), QJsonArray::fromStringList(scopeTags)},
            {QStringLiteral("created"), isoOrNull(created)},
            {QStringLiteral("modified"), isoOrNull(modified)}};
}

PolicyGeneral policyGeneral(const QJsonObject& policy, const QHash<QString, QJsonObject>& templates,
                            const QHash<QString, QJsonObject>& scopeTags)
{
    PolicyGeneral g;
    g.name = policy.value(QStringLiteral("name")).toString();
    if (g.name.isEmpty())   // filters and scope tags have a displayName instead
        g.name = policy.value(QStringLiteral("displayName")).toString();
    g.description = policy.value(QStringLiteral("description")).toString();
    g.platforms = platformLabels(policy.value(QStringLiteral("platforms")).toString());
    g.technologies = technologyLabels(policy.value(QStringLiteral("technologies")).toString());
    const QJsonObject reference = policy.value(QStringLiteral("templateReference")).toObject();
    g.templateId = reference.value(QStringLiteral("templateId")).toString();
    if (!g.templateId.isEmpty()) {
        // The policy names its template in newer Graph answers; the captured template fills
        // in what it leaves out.
        const QJsonObject captured = templates.value(g.templateId);
        auto pick = [](const QJsonValue& own, const QJsonValue& fallback) {
            const QString text = own.toString();
            return text.isEmpty() ? fallback.toString() : text;
        };
        g.templateName = pick(reference.value(QStringLiteral("templateDisplayName")), captured.value(QStringLiteral("displayName")));
        g.templateFamily = pick(reference.value(QStringLiteral("templateFamily")), captured.value(QStringLiteral("templateFamily")));
        g.templateVersion = pick(reference.value(QStringLiteral("templateDisplayVersion")), captured.value(QStringLiteral("displayVersion")));
        if (g.templateFamily == QLatin1String("none"))
            g.templateFamily.clear();
    }
    for (const QJsonValue& id : policy.value(QStringLiteral("roleScopeTagIds")).toArray()) {
        const QString key = id.toString();
        const QString name = scopeTags.value(key).value(QStringLiteral("displayName")).toString();
        g.scopeTags.append(name.isEmpty() ? key : name);
    }
    g.created = utcTime(policy.value(QStringLiteral("createdDateTime")));
    g.modified = utcTime(policy.value(QStringLiteral("lastModifiedDateTime")));
    return g;
}

} // namespace pv::normalize
