// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "tools/graphsim/server/Throttle.h"

#include <QStringList>

#include <algorithm>

namespace graphsim {

namespace {

QString appKeyOf(const QString& tenantId, const QString& appId)
{
    return tenantId + QLatin1Char('|') + appId;
}

QString retryKeyOf(ThrottleService service, const QString& appKey)
{
    return (service == ThrottleService::Intune ? QStringLiteral("intune|") : QStringLiteral("directory|")) + appKey;
}

/// A query option's value whether sent with or without `$` (beta makes it optional), or a
/// null string when absent.
QString option(const QUrlQuery& query, QLatin1String name)
{
    for (const auto& [key, value] : query.queryItems(QUrl::FullyDecoded)) {
        const QString bare = key.startsWith(QLatin1Char('$')) ? key.mid(1) : key;
        if (bare.compare(name, Qt::CaseInsensitive) == 0)
            return value.isNull() ? QStringLiteral("") : value;
    }
    return {};
}

} // namespace

Throttle::Throttle(const ThrottleBudgets& budgets)
    : m_budgets(budgets)
{
}

ThrottleService Throttle::serviceFor(const QString& path)
{
    const QString first = path.section(QLatin1Char('/'), 0, 0, QString::SectionSkipEmpty);
    const QString root = first.left(first.indexOf(QLatin1Char('(')));
    if (root.compare(QLatin1String("deviceManagement"), Qt::CaseInsensitive) == 0
        || root.compare(QLatin1String("deviceAppManagement"), Qt::CaseInsensitive) == 0)
        return ThrottleService::Intune;
    return ThrottleService::Directory;
}

int Throttle::directoryCost(const QByteArray& method, const QString& path, const QUrlQuery& query)
{
    // Base costs from the documented table; every other identity path costs 1.
    QStringList segments = path.toLower().split(QLatin1Char('/'), Qt::SkipEmptyParts);
    for (QString& segment : segments)
        segment = segment.left(segment.indexOf(QLatin1Char('(')));
    int cost = 1;
    const bool get = method == "GET";
    if (get && segments == QStringList{QStringLiteral("users")})
        cost = 2;
    else if (get && segments.size() == 3 && segments[0] == QLatin1String("groups") && segments[2] == QLatin1String("members"))
        cost = 3;
    else if (get && segments.size() == 3 && segments[0] == QLatin1String("groups")
             && segments[2] == QLatin1String("transitivemembers"))
        cost = 5;
    else if (method == "POST" && segments == QStringList{QStringLiteral("directoryobjects"), QStringLiteral("getbyids")})
        cost = 3;
    if (!option(query, QLatin1String("select")).isNull())
        cost -= 1;
    if (!option(query, QLatin1String("expand")).isNull())
        cost += 1;
    bool topOk = false;
    const int top = option(query, QLatin1String("top")).toInt(&topOk);
    if (topOk && top < 20)
        cost -= 1;
    return std::max(1, cost);
}

qint64 Throttle::waitFor(Window& window, int limit, qint64 nowMs) const
{
    while (!window.empty() && window.front() + m_budgets.windowMs <= nowMs)
        window.pop_front();
    const auto size = static_cast<qint64>(window.size());
    if (size < limit)
        return 0;
    if (limit <= 0)
        return m_budgets.windowMs;
    // Admitting one more needs (size - limit + 1) entries to leave the window; the last of
    // them is at index size - limit.
    return window[static_cast<size_t>(size - limit)] + m_budgets.windowMs - nowMs;
}

qint64 Throttle::waitForUnits(UnitWindow& window, int limit, int cost, qint64 nowMs) const
{
    const qint64 length = m_budgets.directoryWindowMs;
    while (!window.entries.empty() && window.entries.front().first + length <= nowMs) {
        window.total -= window.entries.front().second;
        window.entries.pop_front();
    }
    if (window.total + cost <= limit)
        return 0;
    if (cost > limit)
        return length; // never fits; a full window is the honest answer
    // The oldest entries leave first; wait until enough units have left for `cost` to fit.
    qint64 total = window.total;
    for (const auto& [time, units] : window.entries) {
        total -= units;
        if (total + cost <= limit)
            return time + length - nowMs;
    }
    return length;
}

Throttle::Decision Throttle::admitIntune(const QString& tenantId, const QString& appKey, bool isWrite, qint64 nowMs)
{
    Decision decision;
    Window& appRequests = m_appRequests[appKey];
    Window& tenantRequests = m_tenantRequests[tenantId];
    qint64 wait = std::max(waitFor(appRequests, m_budgets.appRequests, nowMs),
                           waitFor(tenantRequests, m_budgets.tenantRequests, nowMs));
    Window* appWrites = nullptr;
    Window* tenantWrites = nullptr;
    if (isWrite) {
        appWrites = &m_appWrites[appKey];
        tenantWrites = &m_tenantWrites[tenantId];
        wait = std::max({wait, waitFor(*appWrites, m_budgets.appWrites, nowMs),
                         waitFor(*tenantWrites, m_budgets.tenantWrites, nowMs)});
    }
    if (wait > 0) {
        decision.throttled = true;
        decision.waitMs = wait;
        return decision;
    }
    appRequests.push_back(nowMs);
    tenantRequests.push_back(nowMs);
    if (isWrite) {
        appWrites->push_back(nowMs);
        tenantWrites->push_back(nowMs);
    }
    return decision;
}

Throttle::Decision Throttle::admitDirectory(const QString& appKey, int cost, qint64 nowMs)
{
    Decision decision;
    UnitWindow& units = m_directoryUnits[appKey];
    const qint64 wait = waitForUnits(units, m_budgets.directoryUnits, cost, nowMs);
    if (wait > 0) {
        decision.throttled = true;
        decision.waitMs = wait;
        return decision;
    }
    units.entries.emplace_back(nowMs, cost);
    units.total += cost;
    return decision;
}

Throttle::Decision Throttle::admit(ThrottleService service, const QString& tenantId, const QString& appId,
                                   bool isWrite, int cost, qint64 nowMs)
{
    const QString appKey = appKeyOf(tenantId, appId);
    Decision decision;
    switch (service) {
    case ThrottleService::Intune:
        decision = admitIntune(tenantId, appKey, isWrite, nowMs);
        break;
    case ThrottleService::Directory:
        decision = admitDirectory(appKey, std::max(1, cost), nowMs);
        break;
    }
    const auto retry = m_retryAfterUntil.constFind(retryKeyOf(service, appKey));
    decision.earlyRetry = retry != m_retryAfterUntil.constEnd() && nowMs < retry.value();
    return decision;
}

void Throttle::noteRetryAfter(ThrottleService service, const QString& tenantId, const QString& appId, qint64 untilMs)
{
    qint64& until = (m_inEnvelope ? m_envelopeRetryAfter : m_retryAfterUntil)[retryKeyOf(service, appKeyOf(tenantId, appId))];
    until = std::max(until, untilMs);
}

void Throttle::beginEnvelope()
{
    m_inEnvelope = true;
}

void Throttle::endEnvelope()
{
    m_inEnvelope = false;
    for (auto it = m_envelopeRetryAfter.constBegin(); it != m_envelopeRetryAfter.constEnd(); ++it) {
        qint64& until = m_retryAfterUntil[it.key()];
        until = std::max(until, it.value());
    }
    m_envelopeRetryAfter.clear();
}

void Throttle::reset()
{
    m_appRequests.clear();
    m_appWrites.clear();
    m_tenantRequests.clear();
    m_tenantWrites.clear();
    m_directoryUnits.clear();
    m_retryAfterUntil.clear();
    m_envelopeRetryAfter.clear();
    m_inEnvelope = false;
}

} // namespace graphsim
