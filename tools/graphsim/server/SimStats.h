// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QString>

namespace graphsim {

/// One non-GET request received on a Graph route (including $batch sub-requests and the
/// rejected, throttled or faulted ones).
struct WriteRecord
{
    QString tenantId;
    QString appId;
    QString method;
    QString path;           ///< version + path + query, as received
    QDateTime time;         ///< simulated clock
    QByteArray bodySha256;  ///< hex
    int status = 0;
    QString outcome;        ///< "handled", "throttled", "faulted", "unauthorized", "failedDependency"
    bool inBatch = false;
    bool applied = false;   ///< the model changed the tenant (it answered 2xx), whatever the client saw
    QString createdId;      ///< a POST that created an object: its id
    QString fault;          ///< the fault that hit it ("503", "drop_after_apply", …), empty if none
    QString clientRequestId;   ///< as sent (client-request-id or x-ms-client-request-id), else empty
};

/// Counters behind /_sim/stats and the log behind /_sim/writes.
class SimStats
{
public:
    struct Event
    {
        QString tenantId;
        QString family;
        int status = 0;
        bool throttled = false;
        bool earlyRetry = false;
        bool faulted = false;
        bool page = false;          ///< a 200 list page (had or followed a nextLink)
        bool inBatch = false;
    };
    void record(const Event& event);
    void recordWrite(const WriteRecord& write) { m_writes.append(write); }
    void recordTokenRequest(int status);
    void recordBatch() { ++m_batches; }

    QJsonObject toJson() const;
    QJsonArray writesJson() const;
    void reset();

private:
    struct TenantCounters
    {
        qint64 requests = 0;
        qint64 throttled = 0;
        qint64 earlyRetries = 0;
        qint64 writes = 0;
    };
    qint64 m_requests = 0;
    qint64 m_throttled = 0;
    qint64 m_earlyRetries = 0;
    qint64 m_faulted = 0;
    qint64 m_pages = 0;
    qint64 m_batches = 0;
    qint64 m_batchSubRequests = 0;
    QMap<QString, QMap<int, qint64>> m_byFamily;
    QMap<int, qint64> m_byStatus;
    QMap<int, qint64> m_tokenRequests;
    QMap<QString, TenantCounters> m_tenants;
    QList<WriteRecord> m_writes;
};

} // namespace graphsim
