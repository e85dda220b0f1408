// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

// Helpers for graphsim model tests: a world with one generated tenant and a way to send it
// Graph requests as the server would (copied into a SimRequest).

#include "tools/graphsim/model/SimWorld.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>
#include <QUrl>
#include <QUrlQuery>

namespace simtest {

inline const QUrl kOrigin(QStringLiteral("https://127.0.0.1:8443"));

inline graphsim::SimRequest request(const QByteArray& method, const QString& pathAndQuery, const QByteArray& body = {},
                                    const QString& version = QStringLiteral("beta"))
{
    graphsim::SimRequest r;
    r.method = method;
    r.apiVersion = version;
    const qsizetype q = pathAndQuery.indexOf(u'?');
    r.path = QUrl::fromPercentEncoding(pathAndQuery.left(q < 0 ? pathAndQuery.size() : q).toUtf8());
    if (q >= 0)
        r.query = QUrlQuery(pathAndQuery.mid(q + 1));
    r.body = body;
    r.origin = kOrigin;
    return r;
}

/// Splits an absolute nextLink back into what the server would hand the model.
inline graphsim::SimRequest requestFromLink(const QString& link)
{
    const QUrl url(link);
    graphsim::SimRequest r;
    r.method = "GET";
    QString path = url.path();
    const qsizetype slash = path.indexOf(u'/', 1);
    r.apiVersion = path.mid(1, slash - 1);
    r.path = path.mid(slash);
    r.query = QUrlQuery(url.query(QUrl::FullyEncoded));
    r.origin = url.adjusted(QUrl::RemovePath | QUrl::RemoveQuery);
    return r;
}

inline QJsonObject json(const graphsim::SimResponse& response)
{
    return QJsonDocument::fromJson(response.body).object();
}

inline QByteArray toBytes(const QJsonObject& object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

/// A world with one generated tenant and callers for its two apps.
struct World
{
    graphsim::SimClock clock;
    graphsim::SimWorld world{clock};
    QString tenantId;
    graphsim::Caller writer;   ///< "PolicyVault Backup": ReadWrite
    graphsim::Caller reader;   ///< "PolicyVault Reader": Read only

    bool init(const QString& profile, quint64 seed = 1)
    {
        QString error;
        tenantId = world.addGeneratedTenant(profile, seed, &error);
        if (tenantId.isEmpty()) {
            qWarning() << error;
            return false;
        }
        const graphsim::TenantSummary summary = world.tenants().last();
        writer = {tenantId, summary.apps.at(0).clientId, summary.apps.at(0).roles};
        reader = {tenantId, summary.apps.at(1).clientId, summary.apps.at(1).roles};
        return true;
    }

    graphsim::SimResponse call(const QByteArray& method, const QString& pathAndQuery, const QByteArray& body = {})
    {
        return world.handle(request(method, pathAndQuery, body), writer);
    }
    graphsim::SimResponse call(const QByteArray& method, const QString& pathAndQuery, const QJsonObject& body)
    {
        return call(method, pathAndQuery, toBytes(body));
    }
};

/// What every restore tool strips before POST (GRAPH_NOTES 1.5), recursively for annotations.
inline QJsonValue stripForRestore(const QJsonValue& value)
{
    if (value.isArray()) {
        QJsonArray out;
        for (const QJsonValue& v : value.toArray())
            out.append(stripForRestore(v));
        return out;
    }
    if (!value.isObject())
        return value;
    static const QStringList dropped = {QStringLiteral("id"), QStringLiteral("createdDateTime"),
                                        QStringLiteral("lastModifiedDateTime"), QStringLiteral("settingCount"),
                                        QStringLiteral("isAssigned"), QStringLiteral("settingDefinitions"),
                                        QStringLiteral("assignments")};
    QJsonObject out;
    const QJsonObject object = value.toObject();
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (dropped.contains(it.key()) || it.key().contains(QLatin1String("@odata.context"))
            || it.key().contains(QLatin1String("@odata.nextLink")))
            continue;
        out.insert(it.key(), stripForRestore(it.value()));
    }
    // A secret cannot travel between tenants: a restore sends a new plaintext.
    if (out.value(QStringLiteral("valueState")).toString() == QLatin1String("encryptedValueToken")) {
        out.insert(QStringLiteral("valueState"), QStringLiteral("notEncrypted"));
        out.insert(QStringLiteral("value"), QStringLiteral("restored-secret"));
    }
    return out;
}

} // namespace simtest
