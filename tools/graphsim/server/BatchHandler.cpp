// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "tools/graphsim/server/BatchHandler.h"

#include "tools/graphsim/server/Dispatcher.h"
#include "tools/graphsim/server/FaultInjector.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLocale>
#include <QSet>
#include <QUuid>

#include <algorithm>
#include <cmath>
#include <optional>
#include <random>

namespace graphsim {

namespace {

HttpReply badRequest(const QString& message)
{
    const SimResponse response = graphError(400, QStringLiteral("BadRequest"), message);
    HttpReply reply;
    reply.status = response.status;
    reply.body = response.body;
    reply.contentType = response.contentType;
    return reply;
}

/// A request id or dependsOn entry as Graph reads it: a string as is, a JSON number as its
/// decimal text (IntuneCD has sent `"id": 1` since 2022, GRAPH_NOTES §4.3); objects, arrays,
/// booleans and null are no id at all.
std::optional<QString> idText(const QJsonValue& value)
{
    if (value.isString())
        return value.toString();
    if (!value.isDouble())
        return std::nullopt;
    const double number = value.toDouble();
    constexpr double ExactIntegers = 9007199254740992.0; // 2^53
    if (number == std::floor(number) && std::abs(number) < ExactIntegers)
        return QString::number(static_cast<qint64>(number));
    return QString::number(number, 'g', QLocale::FloatingPointShortest);
}

struct SubRequest
{
    QString id;
    QJsonObject json;
    QStringList dependsOn;
};

} // namespace

BatchHandler::BatchHandler(quint64 seed)
    : m_seed(seed)
{
}

HttpReply BatchHandler::handle(const HttpRequest& request, const QString& apiVersion, const Caller& caller,
                               Dispatcher& dispatcher)
{
    ++m_batchCounter;
    QJsonParseError parseError{};
    const QJsonDocument document = QJsonDocument::fromJson(request.body, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject()
        || !document.object().value(QStringLiteral("requests")).isArray())
        return badRequest(QStringLiteral("Invalid batch payload format."));
    const QJsonArray requests = document.object().value(QStringLiteral("requests")).toArray();
    if (requests.size() > MaxRequests) {
        return badRequest(QStringLiteral("Invalid batch payload format. The number of requests in the batch (%1) "
                                         "exceeds the limit of %2.")
                              .arg(requests.size())
                              .arg(MaxRequests));
    }

    // Validate everything before running anything: a malformed batch fails as a whole.
    QList<SubRequest> subs;
    QSet<QString> ids;
    for (const QJsonValue& value : requests) {
        const QJsonObject object = value.toObject();
        SubRequest sub;
        sub.id = idText(object.value(QStringLiteral("id"))).value_or(QString());
        sub.json = object;
        const QString method = object.value(QStringLiteral("method")).toString();
        const QString url = object.value(QStringLiteral("url")).toString();
        if (sub.id.isEmpty() || method.isEmpty() || url.isEmpty())
            return badRequest(QStringLiteral("Invalid batch payload format. Each request needs id, method and url."));
        // 1 and "1" are the same id once read, so they collide like "a" and "A" do.
        if (ids.contains(sub.id.toLower()))
            return badRequest(QStringLiteral("Batch request contains duplicate Id '%1'.").arg(sub.id));
        ids.insert(sub.id.toLower());
        if (url.contains(QLatin1String("://")))
            return badRequest(QStringLiteral("Invalid request URL '%1': batch URLs must be relative.").arg(url));
        if (object.contains(QStringLiteral("body"))) {
            bool hasContentType = false;
            const QJsonObject headers = object.value(QStringLiteral("headers")).toObject();
            for (auto it = headers.constBegin(); it != headers.constEnd(); ++it)
                hasContentType |= it.key().compare(QLatin1String("content-type"), Qt::CaseInsensitive) == 0;
            if (!hasContentType) {
                return badRequest(QStringLiteral("Invalid batch payload format. Content-Type header is required "
                                                 "for request '%1' because it has a body.")
                                      .arg(sub.id));
            }
        }
        const QJsonValue depends = object.value(QStringLiteral("dependsOn"));
        for (const QJsonValue& dep : depends.toArray()) {
            const std::optional<QString> text = idText(dep);
            if (!text) {
                return badRequest(QStringLiteral("Invalid batch payload format. dependsOn of request '%1' must "
                                                 "list request ids.")
                                      .arg(sub.id));
            }
            sub.dependsOn.append(text->toLower());
        }
        subs.append(sub);
    }
    for (const SubRequest& sub : std::as_const(subs)) {
        for (const QString& dep : sub.dependsOn) {
            if (!ids.contains(dep) || dep == sub.id.toLower())
                return badRequest(QStringLiteral("Invalid dependsOn '%1' in request '%2'.").arg(dep, sub.id));
        }
    }
    // Topological order; a cycle is a malformed batch.
    QList<int> order;
    QSet<QString> placed;
    while (order.size() < subs.size()) {
        bool progress = false;
        for (int i = 0; i < subs.size(); ++i) {
            if (placed.contains(subs[i].id.toLower()))
                continue;
            if (std::all_of(subs[i].dependsOn.cbegin(), subs[i].dependsOn.cend(),
                            [&placed](const QString& dep) { return placed.contains(dep); })) {
                order.append(i);
                placed.insert(subs[i].id.toLower());
                progress = true;
            }
        }
        if (!progress)
            return badRequest(QStringLiteral("Invalid batch payload format. dependsOn forms a cycle."));
    }

    const QString date = dispatcher.clock().now().toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss"));
    QHash<QString, int> statusById;
    QJsonArray responses;
    // Every sub-request was sent before the client could see any answer: a 429 given to one
    // makes the next ones throttled, not early (graphsim's early-retry count).
    struct EnvelopeScope
    {
        Throttle& throttle;
        explicit EnvelopeScope(Throttle& t) : throttle(t) { throttle.beginEnvelope(); }
        ~EnvelopeScope() { throttle.endEnvelope(); }
    } envelope(dispatcher.throttle());
    for (int index : std::as_const(order)) {
        const SubRequest& sub = subs[index];
        const QString subRequestId = QUuid::createUuid().toString(QUuid::WithoutBraces);
        QString url = sub.json.value(QStringLiteral("url")).toString();
        if (!url.startsWith(QLatin1Char('/')))
            url.prepend(QLatin1Char('/'));
        const QUrl parsed(QStringLiteral("http://batch") + url);
        SimRequest simRequest;
        simRequest.method = sub.json.value(QStringLiteral("method")).toString().toUpper().toLatin1();
        simRequest.apiVersion = apiVersion;
        simRequest.path = parsed.path(QUrl::FullyDecoded);
        simRequest.query = QUrlQuery(parsed);
        simRequest.origin = request.origin;
        const QJsonObject headers = sub.json.value(QStringLiteral("headers")).toObject();
        for (auto it = headers.constBegin(); it != headers.constEnd(); ++it)
            simRequest.headers.insert(it.key().toLower().toLatin1(), it.value().toString().toUtf8());
        const QJsonValue body = sub.json.value(QStringLiteral("body"));
        if (body.isObject())
            simRequest.body = QJsonDocument(body.toObject()).toJson(QJsonDocument::Compact);
        else if (body.isArray())
            simRequest.body = QJsonDocument(body.toArray()).toJson(QJsonDocument::Compact);
        else if (body.isString())
            simRequest.body = body.toString().toUtf8();

        const bool failedDependency = std::any_of(sub.dependsOn.cbegin(), sub.dependsOn.cend(),
                                                  [&statusById](const QString& dep) {
                                                      return statusById.value(dep) >= 400;
                                                  });
        HttpReply reply;
        if (failedDependency) {
            const SimResponse failed = graphError(424, QStringLiteral("FailedDependency"),
                                                  QStringLiteral("The request has a failed dependency."));
            reply.status = failed.status;
            reply.body = failed.body;
            reply.contentType = failed.contentType;
            if (simRequest.method != "GET") {
                dispatcher.stats().recordWrite(WriteRecord{
                    caller.tenantId, caller.appId, QString::fromLatin1(simRequest.method),
                    QLatin1Char('/') + apiVersion + url, dispatcher.clock().now(),
                    QCryptographicHash::hash(simRequest.body, QCryptographicHash::Sha256).toHex(), 424,
                    QStringLiteral("failedDependency"), true, false, {}, {}, {}});
            }
        } else {
            reply = dispatcher.processGraph(simRequest, Dispatcher::GraphContext{caller, true});
        }
        Dispatcher::fillInnerError(reply, date, subRequestId, subRequestId);
        statusById.insert(sub.id.toLower(), reply.status);

        QJsonObject responseHeaders;
        if (!reply.contentType.isEmpty())
            responseHeaders.insert(QStringLiteral("Content-Type"), QString::fromLatin1(reply.contentType));
        responseHeaders.insert(QStringLiteral("Cache-Control"), QStringLiteral("no-cache"));
        for (const auto& [name, value] : std::as_const(reply.headers))
            responseHeaders.insert(QString::fromLatin1(name), QString::fromLatin1(value));
        // Graph's response ids are strings: a numeric request id comes back as its text.
        QJsonObject response{{QStringLiteral("id"), sub.id},
                             {QStringLiteral("status"), reply.status},
                             {QStringLiteral("headers"), responseHeaders}};
        if (!reply.body.isEmpty()) {
            const QJsonDocument bodyDoc = QJsonDocument::fromJson(reply.body);
            if (bodyDoc.isObject())
                response.insert(QStringLiteral("body"), bodyDoc.object());
            else if (bodyDoc.isArray())
                response.insert(QStringLiteral("body"), bodyDoc.array());
            else
                response.insert(QStringLiteral("body"), QString::fromUtf8(reply.body));
        }
        responses.append(response);
    }

    // Graph returns batch responses in any order; clients must correlate by id.
    QList<QJsonValue> shuffled(responses.cbegin(), responses.cend());
    const QByteArray seedKey = QByteArray::number(m_seed) + "|batch|" + QByteArray::number(m_batchCounter);
    std::mt19937_64 rng(static_cast<quint64>(FaultInjector::uniform(seedKey) * 9007199254740992.0));
    std::shuffle(shuffled.begin(), shuffled.end(), rng);
    QJsonArray shuffledArray;
    for (const QJsonValue& value : std::as_const(shuffled))
        shuffledArray.append(value);

    HttpReply reply;
    reply.status = 200;
    reply.contentType = "application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8";
    reply.body = QJsonDocument(QJsonObject{{QStringLiteral("responses"), shuffledArray}}).toJson(QJsonDocument::Compact);
    return reply;
}

} // namespace graphsim
