// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "core/graph/BatchRequest.h"

#include "core/graph/RetryPolicy.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <QUrl>

namespace pv::graph {

Result<QString> BatchGet::add(const QString& relativeUrl)
{
    if (isFull())
        return fail(ErrorCode::InvalidArgument, QStringLiteral("a $batch holds at most %1 requests").arg(MaxRequests));
    const QUrl url(relativeUrl);
    if (!relativeUrl.startsWith(QLatin1Char('/')) || relativeUrl.startsWith(QLatin1String("//")) || !url.isRelative())
        return fail(ErrorCode::InvalidArgument,
                    QStringLiteral("$batch URLs are relative to the version root: '%1'").arg(relativeUrl));
    m_urls.append(relativeUrl);
    return QString::number(m_urls.size());
}

QStringList BatchGet::ids() const
{
    QStringList ids;
    for (int i = 1; i <= size(); ++i)
        ids.append(QString::number(i));
    return ids;
}

QString BatchGet::urlOf(const QString& id) const
{
    bool ok = false;
    const int index = id.toInt(&ok) - 1;
    return ok && index >= 0 && index < size() ? m_urls.at(index) : QString();
}

QByteArray BatchGet::toJson() const
{
    QJsonArray requests;
    for (int i = 0; i < size(); ++i) {
        requests.append(QJsonObject{{QStringLiteral("id"), QString::number(i + 1)},
                                    {QStringLiteral("method"), QStringLiteral("GET")},
                                    {QStringLiteral("url"), m_urls.at(i)}});
    }
    return QJsonDocument(QJsonObject{{QStringLiteral("requests"), requests}}).toJson(QJsonDocument::Compact);
}

Result<QHash<QString, BatchSubResponse>> parseBatchResponse(const QJsonObject& body, const QStringList& askedIds)
{
    const QJsonValue responses = body.value(QStringLiteral("responses"));
    if (!responses.isArray())
        return fail(ErrorCode::Parse, QStringLiteral("$batch response has no 'responses' array"));
    QSet<QString> asked;
    for (const QString& id : askedIds)
        asked.insert(id.toLower());
    QHash<QString, BatchSubResponse> byId;
    for (const QJsonValue& value : responses.toArray()) {
        const QJsonObject object = value.toObject();
        BatchSubResponse sub;
        // Graph's ids are strings; accept numbers as their text, as graphsim and IntuneCD do.
        const QJsonValue id = object.value(QStringLiteral("id"));
        sub.id = id.isDouble() ? QString::number(id.toDouble()) : id.toString();
        if (sub.id.isEmpty() || !asked.contains(sub.id.toLower()))
            return fail(ErrorCode::Parse, QStringLiteral("$batch response has an unexpected id '%1'").arg(sub.id));
        if (byId.contains(sub.id.toLower()))
            return fail(ErrorCode::Parse, QStringLiteral("$batch response repeats id '%1'").arg(sub.id));
        sub.status = object.value(QStringLiteral("status")).toInt();
        const QJsonObject headers = object.value(QStringLiteral("headers")).toObject();
        for (auto it = headers.constBegin(); it != headers.constEnd(); ++it)
            sub.headers.insert(it.key().toLower(), it.value().toString());
        const QJsonValue subBody = object.value(QStringLiteral("body"));
        sub.hasObjectBody = subBody.isObject();
        sub.body = subBody.toObject();
        if (sub.headers.contains(QStringLiteral("retry-after")))
            sub.retryAfter = RetryPolicy::parseRetryAfter(sub.headers.value(QStringLiteral("retry-after")).toLatin1());
        sub.requestId = sub.headers.value(QStringLiteral("request-id"));
        if (sub.requestId.isEmpty()) {
            sub.requestId = sub.body.value(QStringLiteral("error")).toObject().value(QStringLiteral("innerError"))
                                .toObject().value(QStringLiteral("request-id")).toString();
        }
        byId.insert(sub.id.toLower(), sub);
    }
    return byId;
}

bool isBatchOfGets(const QByteArray& body)
{
    QJsonParseError error{};
    const QJsonDocument document = QJsonDocument::fromJson(body, &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        return false;
    const QJsonValue requests = document.object().value(QStringLiteral("requests"));
    if (!requests.isArray() || requests.toArray().isEmpty())
        return false;
    for (const QJsonValue& value : requests.toArray()) {
        const QJsonObject request = value.toObject();
        // JSON names may be matched case-insensitively by a server: "Method" must not hide a POST.
        for (auto it = request.constBegin(); it != request.constEnd(); ++it) {
            const QString lower = it.key().toLower();
            if ((lower == QLatin1String("method") || lower == QLatin1String("body")) && it.key() != lower)
                return false;
        }
        if (request.value(QStringLiteral("method")).toString().compare(QLatin1String("GET"), Qt::CaseInsensitive) != 0
            || request.contains(QStringLiteral("body")))
            return false;
    }
    return true;
}

} // namespace pv::graph
