// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "tools/graphsim/server/SimStats.h"

namespace graphsim {

namespace {

QJsonObject statusMap(const QMap<int, qint64>& counts)
{
    QJsonObject object;
    for (auto it = counts.cbegin(); it != counts.cend(); ++it)
        object.insert(QString::number(it.key()), it.value());
    return object;
}

} // namespace

void SimStats::record(const Event& event)
{
    ++m_requests;
    if (event.inBatch)
        ++m_batchSubRequests;
    if (event.throttled)
        ++m_throttled;
    if (event.earlyRetry)
        ++m_earlyRetries;
    if (event.faulted)
        ++m_faulted;
    if (event.page)
        ++m_pages;
    ++m_byFamily[event.family][event.status];
    ++m_byStatus[event.status];
    if (event.tenantId.isEmpty()) // rejected before a token named a tenant
        return;
    TenantCounters& tenant = m_tenants[event.tenantId];
    ++tenant.requests;
    if (event.throttled)
        ++tenant.throttled;
    if (event.earlyRetry)
        ++tenant.earlyRetries;
}

void SimStats::recordTokenRequest(int status)
{
    ++m_tokenRequests[status];
}

QJsonObject SimStats::toJson() const
{
    QJsonObject families;
    for (auto it = m_byFamily.cbegin(); it != m_byFamily.cend(); ++it)
        families.insert(it.key(), statusMap(it.value()));
    QJsonObject tenants;
    QHash<QString, qint64> writesByTenant;
    for (const WriteRecord& write : m_writes)
        ++writesByTenant[write.tenantId];
    for (auto it = m_tenants.cbegin(); it != m_tenants.cend(); ++it) {
        tenants.insert(it.key(), QJsonObject{{QStringLiteral("requests"), it.value().requests},
                                             {QStringLiteral("throttled"), it.value().throttled},
                                             {QStringLiteral("earlyRetries"), it.value().earlyRetries},
                                             {QStringLiteral("writes"), writesByTenant.value(it.key())}});
    }
    return QJsonObject{
        {QStringLiteral("requests"), m_requests},
        {QStringLiteral("throttled"), m_throttled},
        {QStringLiteral("earlyRetries"), m_earlyRetries},
        {QStringLiteral("faulted"), m_faulted},
        {QStringLiteral("pagesServed"), m_pages},
        {QStringLiteral("batches"), m_batches},
        {QStringLiteral("batchSubRequests"), m_batchSubRequests},
        {QStringLiteral("writes"), m_writes.size()},
        {QStringLiteral("byStatus"), statusMap(m_byStatus)},
        {QStringLiteral("byRoute"), families},
        {QStringLiteral("tokenRequests"), statusMap(m_tokenRequests)},
        {QStringLiteral("tenants"), tenants},
    };
}

QJsonArray SimStats::writesJson() const
{
    QJsonArray array;
    for (const WriteRecord& write : m_writes) {
        QJsonObject entry{
            {QStringLiteral("tenantId"), write.tenantId},
            {QStringLiteral("appId"), write.appId},
            {QStringLiteral("method"), write.method},
            {QStringLiteral("path"), write.path},
            {QStringLiteral("time"), write.time.toString(Qt::ISODateWithMs)},
            {QStringLiteral("bodySha256"), QString::fromLatin1(write.bodySha256)},
            {QStringLiteral("status"), write.status},
            {QStringLiteral("outcome"), write.outcome},
            {QStringLiteral("inBatch"), write.inBatch},
            {QStringLiteral("applied"), write.applied},
            {QStringLiteral("fault"), write.fault.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(write.fault)},
        };
        entry.insert(QStringLiteral("clientRequestId"), write.clientRequestId);
        if (!write.createdId.isEmpty())
            entry.insert(QStringLiteral("createdId"), write.createdId);
        array.append(entry);
    }
    return array;
}

void SimStats::reset()
{
    *this = SimStats();
}

} // namespace graphsim
