// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "tools/graphsim/model/QueryOptions.h"

#include <QCryptographicHash>
#include <QMessageAuthenticationCode>
#include <QUrl>

namespace graphsim {

namespace {

QString optionName(const QString& key)
{
    QString name = key.trimmed().toLower();
    if (name.startsWith(u'$'))
        name.remove(0, 1);
    return name;
}

QStringList splitTopLevel(const QString& text)
{
    // "settings,assignments($select=id)" → ["settings", "assignments($select=id)"]
    QStringList parts;
    int depth = 0;
    QString current;
    for (const QChar c : text) {
        if (c == u'(')
            ++depth;
        else if (c == u')')
            --depth;
        if (c == u',' && depth == 0) {
            parts << current.trimmed();
            current.clear();
        } else {
            current += c;
        }
    }
    if (!current.trimmed().isEmpty())
        parts << current.trimmed();
    return parts;
}

} // namespace

QueryOptions QueryOptions::parse(const QUrlQuery& query)
{
    QueryOptions options;
    for (const auto& [encodedKey, encodedValue] : query.queryItems(QUrl::FullyEncoded)) {
        // Form-style '+' means a space (ASP.NET decodes it so; .NET clients send it).
        auto decode = [](QString text) {
            return QUrl::fromPercentEncoding(text.replace(u'+', u' ').toUtf8());
        };
        const QString rawKey = decode(encodedKey);
        const QString rawValue = decode(encodedValue);
        const QString name = optionName(rawKey);
        if (name == QLatin1String("skiptoken")) {
            options.skipToken = rawValue;
            options.hasSkipToken = true;
            continue;
        }
        options.original.append({rawKey, rawValue});
        if (name == QLatin1String("top")) {
            bool ok = false;
            options.top = rawValue.trimmed().toInt(&ok);
            if (!ok || options.top < 0)
                options.error = QStringLiteral("Invalid value '%1' for query option '$top'.").arg(rawValue);
        } else if (name == QLatin1String("select")) {
            for (const QString& part : rawValue.split(u',', Qt::SkipEmptyParts))
                options.select << part.trimmed();
        } else if (name == QLatin1String("filter")) {
            options.filter = rawValue;
        } else if (name == QLatin1String("expand")) {
            for (const QString& part : splitTopLevel(rawValue))
                options.expand << part.section(u'(', 0, 0).trimmed();
        }
    }
    return options;
}

bool QueryOptions::expands(const QString& name) const
{
    return expand.contains(name, Qt::CaseInsensitive) || expand.contains(QStringLiteral("*"));
}

QJsonObject QueryOptions::applySelect(const QJsonObject& entity) const
{
    if (select.isEmpty() || select.contains(QStringLiteral("*")))
        return entity;
    QJsonObject result;
    for (auto it = entity.begin(); it != entity.end(); ++it) {
        const QString& key = it.key();
        if (key == QLatin1String("id") || key.startsWith(u'@') || key.contains(QLatin1String("@odata."))
            || select.contains(key, Qt::CaseInsensitive) || expands(key))
            result.insert(key, it.value());
    }
    return result;
}

SkipTokenSigner::SkipTokenSigner(QByteArray key) : m_key(std::move(key)) {}

QString SkipTokenSigner::issue(qsizetype position, const QString& fingerprint) const
{
    const QByteArray fp = QCryptographicHash::hash(fingerprint.toUtf8(), QCryptographicHash::Sha256).left(8).toHex();
    const QByteArray payload = QByteArray::number(position) + '.' + fp;
    const QByteArray mac = QMessageAuthenticationCode::hash(payload, m_key, QCryptographicHash::Sha256).left(16);
    return QString::fromLatin1(QByteArray(payload + '.' + mac.toHex()).toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

qsizetype SkipTokenSigner::verify(const QString& token, const QString& fingerprint) const
{
    const auto decoded = QByteArray::fromBase64Encoding(token.toLatin1(),
                                                        QByteArray::Base64UrlEncoding | QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        return -1;
    const QList<QByteArray> parts = decoded.decoded.split('.');
    if (parts.size() != 3)
        return -1;
    const QByteArray payload = parts.at(0) + '.' + parts.at(1);
    const QByteArray mac = QMessageAuthenticationCode::hash(payload, m_key, QCryptographicHash::Sha256).left(16);
    if (mac.toHex() != parts.at(2))
        return -1;
    const QByteArray fp = QCryptographicHash::hash(fingerprint.toUtf8(), QCryptographicHash::Sha256).left(8).toHex();
    if (fp != parts.at(1))
        return -1;
    bool ok = false;
    const qsizetype position = parts.at(0).toLongLong(&ok);
    return ok && position >= 0 ? position : -1;
}

QString queryFingerprint(const SimRequest& request, const QueryOptions& options)
{
    QString fp = request.path.toLower();
    for (const auto& [key, value] : options.original)
        fp += u'&' + key.toLower() + u'=' + value;
    return fp;
}

QString buildNextLink(const SimRequest& request, const QueryOptions& options, const QString& token)
{
    // Keep OData's readable characters unescaped, as Graph does in its nextLinks.
    const QByteArray keep = "/()'$,=~@:";
    QByteArray url = request.origin.toString(QUrl::RemovePath | QUrl::RemoveQuery | QUrl::RemoveFragment
                                             | QUrl::StripTrailingSlash).toUtf8();
    url += '/' + QUrl::toPercentEncoding(request.apiVersion.isEmpty() ? QStringLiteral("beta") : request.apiVersion);
    url += QUrl::toPercentEncoding(request.path, keep);
    QList<QByteArray> parts;
    for (const auto& [key, value] : options.original)
        parts << QUrl::toPercentEncoding(key, "$") + '=' + QUrl::toPercentEncoding(value, "'(),$/");
    parts << QByteArrayLiteral("$skiptoken=") + QUrl::toPercentEncoding(token);
    url += '?' + parts.join('&');
    return QString::fromUtf8(url);
}

} // namespace graphsim
