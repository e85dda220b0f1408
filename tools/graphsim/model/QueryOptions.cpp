// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "tools/graphsim/model/QueryOptions.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
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

namespace {

// Graph's configurationPolicies tokens are cosmosdb continuations, "[cosmosdb][{…json…}]",
// percent-encoded as the token's value and encoded again in the nextLink
// ("$skiptoken=%255Bcosmosdb%255D…", GRAPH_NOTES §1.1 [O]). graphsim's tokens have the same
// shape, so a client that decodes or re-encodes a nextLink instead of calling it verbatim
// breaks here as it would against Graph.
constexpr char TokenPrefix[] = "[graphsim]";

QByteArray tokenMac(const QByteArray& key, qsizetype position, const QByteArray& fingerprintHash)
{
    const QByteArray payload = QByteArray::number(position) + '.' + fingerprintHash;
    return QMessageAuthenticationCode::hash(payload, key, QCryptographicHash::Sha256).left(16).toHex();
}

QByteArray fingerprintHash(const QString& fingerprint)
{
    return QCryptographicHash::hash(fingerprint.toUtf8(), QCryptographicHash::Sha256).left(8).toHex();
}

} // namespace

QString SkipTokenSigner::issue(qsizetype position, const QString& fingerprint) const
{
    const QByteArray fp = fingerprintHash(fingerprint);
    const QByteArray inner = TokenPrefix + QByteArrayLiteral("[{\"position\":") + QByteArray::number(position)
        + QByteArrayLiteral(",\"query\":\"") + fp + QByteArrayLiteral("\",\"mac\":\"") + tokenMac(m_key, position, fp)
        + QByteArrayLiteral("\"}]");
    return QString::fromLatin1(QUrl::toPercentEncoding(QString::fromLatin1(inner)));
}

qsizetype SkipTokenSigner::verify(const QString& token, const QString& fingerprint) const
{
    // The value as received must still be percent-encoded once: a token decoded twice on the
    // way ("[graphsim]…") or encoded once more ("%255B…") is not the one this world issued.
    if (!token.startsWith(QString::fromLatin1(QUrl::toPercentEncoding(QString::fromLatin1(TokenPrefix)))))
        return -1;
    const QByteArray inner = QByteArray::fromPercentEncoding(token.toLatin1()).mid(qsizetype(sizeof(TokenPrefix) - 1));
    const QJsonDocument document = QJsonDocument::fromJson(inner);
    const QJsonObject fields = document.array().at(0).toObject();
    const QJsonValue positionValue = fields.value(QStringLiteral("position"));
    if (!positionValue.isDouble())
        return -1;
    const auto position = static_cast<qsizetype>(positionValue.toDouble());
    const QByteArray fp = fields.value(QStringLiteral("query")).toString().toLatin1();
    if (position < 0 || fp != fingerprintHash(fingerprint)
        || fields.value(QStringLiteral("mac")).toString().toLatin1() != tokenMac(m_key, position, fp))
        return -1;
    return position;
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
