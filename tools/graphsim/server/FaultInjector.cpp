// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "tools/graphsim/server/FaultInjector.h"

#include "tools/graphsim/model/SimTypes.h"

#include <QCryptographicHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUuid>
#include <QtEndian>

#include <algorithm>

namespace graphsim {

FaultInjector::FaultInjector(quint64 seed, const FaultRates& rates)
    : m_seed(seed)
    , m_rates(rates)
{
}

double FaultInjector::uniform(const QByteArray& key)
{
    const QByteArray digest = QCryptographicHash::hash(key, QCryptographicHash::Sha256);
    const quint64 bits = qFromBigEndian<quint64>(digest.constData()) >> 11; // 53 bits
    return static_cast<double>(bits) / static_cast<double>(quint64(1) << 53);
}

QString FaultInjector::normalizeUrl(const QString& path, const QUrlQuery& query)
{
    QStringList options;
    const auto items = query.queryItems(QUrl::FullyDecoded);
    for (const auto& [key, value] : items) {
        QString name = key.toLower();
        if (!name.startsWith(QLatin1Char('$')))
            name.prepend(QLatin1Char('$'));
        options.append(name + QLatin1Char('=') + value);
    }
    options.sort();
    QString normalized = path.toLower();
    if (!options.isEmpty())
        normalized += QLatin1Char('?') + options.join(QLatin1Char('&'));
    return normalized;
}

FaultInjector::Decision FaultInjector::decide(const QString& tenantId, const QByteArray& method,
                                              const QString& normalizedUrl, const QString& family,
                                              bool transportAllowed)
{
    Decision decision;
    if (!m_rates.any() || (!m_rates.families.isEmpty() && !m_rates.families.contains(family)))
        return decision;
    const QByteArray key =
        QByteArray::number(m_seed) + '|' + tenantId.toUtf8() + '|' + method + '|' + normalizedUrl.toUtf8();
    KeyState& state = m_keys[key];
    decision.attempt = ++state.attempts;
    if (state.consecutive >= m_rates.maxConsecutive) {
        state.consecutive = 0;
        return decision;
    }
    const QByteArray attemptKey = key + '|' + QByteArray::number(decision.attempt);
    const double draw = uniform(attemptKey);
    decision.detail = uniform(attemptKey + "|detail");
    decision.withRetryAfter = decision.detail < 0.5;

    const std::pair<double, FaultKind> table[] = {
        {m_rates.status503, FaultKind::Status503},
        {m_rates.status504, FaultKind::Status504},
        {m_rates.html, FaultKind::Html},
        {m_rates.intuneJson, FaultKind::IntuneJson},
        {m_rates.drop, FaultKind::Drop},
        {m_rates.truncate, FaultKind::TruncateShort},
        {m_rates.slow, FaultKind::Slow},
    };
    double cumulative = 0;
    for (const auto& [rate, kind] : table) {
        cumulative += rate;
        if (draw < cumulative) {
            decision.kind = kind;
            break;
        }
    }
    if (decision.kind == FaultKind::TruncateShort && decision.detail >= 0.5)
        decision.kind = FaultKind::TruncateMatching;
    const bool transport = decision.kind == FaultKind::Drop || decision.kind == FaultKind::TruncateShort
        || decision.kind == FaultKind::TruncateMatching || decision.kind == FaultKind::Slow;
    if (transport && !transportAllowed)
        decision.kind = FaultKind::None;
    // A slow body still succeeds, so it does not count as a fault in a row.
    if (decision.kind == FaultKind::None || decision.kind == FaultKind::Slow)
        state.consecutive = 0;
    else
        ++state.consecutive;
    return decision;
}

QString WriteFaultPlan::modeName(Mode mode)
{
    switch (mode) {
    case Mode::None:
        return QStringLiteral("none");
    case Mode::DropAfterApply:
        return QStringLiteral("drop_after_apply");
    case Mode::Status504AfterApply:
        return QStringLiteral("504_after_apply");
    case Mode::TruncateAfterApply:
        return QStringLiteral("truncate_after_apply");
    }
    return {};
}

bool WriteFaultPlan::modeFromName(const QString& name, Mode* mode)
{
    for (Mode m : {Mode::None, Mode::DropAfterApply, Mode::Status504AfterApply, Mode::TruncateAfterApply}) {
        if (modeName(m) == name) {
            *mode = m;
            return true;
        }
    }
    return false;
}

bool WriteFaultPlan::take(const QByteArray& method, const QString& family, bool inBatch)
{
    if (mode == Mode::None || count <= 0 || (inBatch && mode != Mode::Status504AfterApply))
        return false;
    if (!methods.contains(QString::fromLatin1(method), Qt::CaseInsensitive))
        return false;
    if (!families.isEmpty() && !families.contains(family))
        return false;
    if (skip > 0) {
        --skip;
        return false;
    }
    --count;
    ++fired;
    return true;
}

HttpReply FaultInjector::statusReply(const Decision& decision)
{
    HttpReply reply;
    auto fromSim = [&reply](const SimResponse& response) {
        reply.status = response.status;
        reply.body = response.body;
        reply.contentType = response.contentType;
    };
    switch (decision.kind) {
    case FaultKind::Status503:
        fromSim(graphError(503, QStringLiteral("ServiceUnavailable"),
                           QStringLiteral("The service is temporarily unavailable. Please retry later.")));
        if (decision.withRetryAfter)
            reply.setHeader("Retry-After", "1");
        break;
    case FaultKind::Status504:
        fromSim(graphError(504, QStringLiteral("GatewayTimeout"),
                           QStringLiteral("The gateway did not receive a timely response from the upstream "
                                          "service.")));
        if (decision.withRetryAfter)
            reply.setHeader("Retry-After", "1");
        break;
    case FaultKind::Html: {
        const bool badGateway = decision.detail < 0.5;
        reply.status = badGateway ? 502 : 503;
        reply.contentType = "text/html";
        reply.body = badGateway
            ? QByteArrayLiteral("<!DOCTYPE html>\r\n<html><head><title>502 - Web server received an invalid "
                                "response while acting as a gateway or proxy server.</title></head><body><h1>"
                                "Server Error</h1><h2>502 - Web server received an invalid response while acting "
                                "as a gateway or proxy server.</h2></body></html>\r\n")
            : QByteArrayLiteral("<!DOCTYPE html>\r\n<html><head><title>Service Unavailable</title></head><body>"
                                "<h2>Service Unavailable</h2><hr><p>HTTP Error 503. The service is "
                                "unavailable.</p></body></html>\r\n");
        break;
    }
    case FaultKind::IntuneJson: {
        const QString activity = QUuid::createUuid().toString(QUuid::WithoutBraces);
        const QString message =
            QStringLiteral("{\r\n  \"_version\": 3,\r\n  \"Message\": \"An error has occurred - Operation ID (for "
                           "customer support): 00000000-0000-0000-0000-000000000000 - Activity ID: %1 - Url: "
                           "https://fef.msub02.manage.microsoft.com/DeviceConfigV2/DCV2GraphService/deviceManagement"
                           "\",\r\n  \"CustomApiErrorPhrase\": \"\",\r\n  \"RetryAfter\": null,\r\n  "
                           "\"ErrorSourceService\": \"\",\r\n  \"HttpHeaders\": \"{}\"\r\n}")
                .arg(activity);
        fromSim(graphError(500, QStringLiteral("InternalError"), message));
        break;
    }
    case FaultKind::None:
    case FaultKind::Drop:
    case FaultKind::TruncateShort:
    case FaultKind::TruncateMatching:
    case FaultKind::Slow:
        break;
    }
    return reply;
}

} // namespace graphsim
